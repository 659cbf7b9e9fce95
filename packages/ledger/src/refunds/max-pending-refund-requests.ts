/**
 * The most refund requests one payment may have pending at once. In the seller model, each
 * completion or rejection works out every other pending request of the payment again (and the
 * journal lists each whose parts change), so without a bound n requests cost n² work, and
 * completed newest first a journal of n² changes: 8,000 requests of ¥7 took 3.8 GB. The same
 * bound holds in the marketplace model, so the rule does not depend on the model. A refund
 * request pays a customer's bank account; a hundred pending on one payment is far past any use.
 */
export const MAX_PENDING_REFUND_REQUESTS = 100;
