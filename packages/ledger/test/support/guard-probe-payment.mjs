// What the two replay-guard probes (guard-key-probe.mjs, replay-guard-probe.mjs) execute and
// replay: one marketplace and one captured payment, with the outcome of a call written as a
// short line. Plain JavaScript: each probe runs in a Node process of its own, on the built files.

/** The marketplace: the platform `mart` (credit cards at 3.6%) and its payout merchant pm1. */
export const config = { merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }, { id: 'pm1', type: 'payout', platform: 'mart' }] };

/** A ¥700 card payment captured at once, all of it split to pm1 (platform fee ¥70). */
export const PAY = { op: 'payment.create', id: 'p', merchant: 'mart', amount: 700, currency: 'JPY', paymentType: 'credit_card', capture: true, at: '2026-04-01T10:00:00+09:00', split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }] };

/**
 * `run()`'s outcome as a line a test can compare: `ok`, `refused CODE`, or `threw NAME:` and the
 * first `width` characters of the message.
 */
export function outcome(run, width) {
  try {
    const result = run();
    return result.ok ? 'ok' : `refused ${result.error.code}`;
  } catch (error) {
    return `threw ${error.constructor.name}: ${String(error.message).slice(0, width)}`;
  }
}
