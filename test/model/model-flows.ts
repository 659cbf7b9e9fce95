import type { RefundLine } from '@kanjo/splits';
import {
  OUTSIDE,
  combine,
  timesRoundedHalfUp,
  total,
  type ModelPayment,
  type ModelSplitLine,
  type PartyAmounts,
  type ReferenceModel,
} from './reference-model.js';

/**
 * A split moved onto the configuration's active payout merchants, in order (for steering: a
 * generated split names `pm-3` whether or not the configuration has it). Lines beyond the
 * active merchants get the split's other ids, so no id appears twice; a split that names one
 * id twice may have more lines than there are ids, and those keep the id they had (a
 * duplicate, refused by both sides), never none: a line without an id is refused by the
 * engine's shape check, before the time the model checks first.
 */
export function onActivePayoutMerchants(model: ReferenceModel, split: readonly ModelSplitLine[]): ModelSplitLine[] {
  const active = [...model.merchants.values()].filter((merchant) => merchant.type === 'payout' && merchant.active).map((merchant) => merchant.id);
  const targets = [...new Set([...active, ...split.map((line) => line.submerchantId)])];
  return split.map((line, index) => ({ ...line, submerchantId: targets[index] ?? line.submerchantId }));
}

// The money movements the reference model shares between commands: a capture (payment.create,
// payment.capture, session.complete), planning a refund's parts (payment.refund,
// payment.refund_request) and posting a refund (payment.refund, refund_request.complete).

/**
 * Captures `amount` of a payment: DOMAIN.md "Records at capture". The customer pays in, the
 * split moves to the payout merchants (or platform_amount to the platform, seller model), the
 * platform pays the processing fee on the captured amount and its tax; a customer fee goes
 * from the customer to KOMOJU and never touches a merchant.
 */
export function applyCapture(model: ReferenceModel, payment: ModelPayment, amount: number, split: readonly ModelSplitLine[], platformAmount: number): void {
  const { currency } = payment;
  const platform = { merchant: payment.platform };
  const customers = { outside: OUTSIDE.customers };
  const shares: PartyAmounts = new Map([[payment.platform, 0]]);
  if (payment.model === 'marketplace') {
    model.move(currency, amount, customers, platform);
    let netted = 0;
    for (const line of split) {
      model.move(currency, line.amount, platform, { merchant: line.submerchantId });
      model.move(currency, line.platformFee, { merchant: line.submerchantId }, platform);
      shares.set(line.submerchantId, line.amount - line.platformFee);
      netted += line.amount - line.platformFee;
    }
    shares.set(payment.platform, amount - netted);
  } else {
    const seller = payment.seller as string;
    model.move(currency, amount, customers, { merchant: seller });
    model.move(currency, platformAmount, { merchant: seller }, platform);
    shares.set(payment.platform, platformAmount);
    shares.set(seller, amount - platformAmount);
  }
  const fees = model.fees(payment.platform, payment.paymentType);
  const fee = model.processingFee(fees, amount);
  model.move(currency, fee, platform, { outside: OUTSIDE.processingFees });
  model.move(currency, model.taxOn(fee), platform, { outside: OUTSIDE.tax });
  if (fees.customerFee !== undefined) {
    model.move(currency, fees.customerFee, customers, { outside: OUTSIDE.customerFees });
    model.move(currency, model.taxOn(fees.customerFee), customers, { outside: OUTSIDE.tax });
    payment.customerFee = fees.customerFee;
    payment.customerFeeTax = model.taxOn(fees.customerFee);
  }
  payment.status = 'captured';
  payment.capturedAmount = amount;
  payment.capturedPlatformAmount = payment.model === 'seller' ? platformAmount : 0;
  payment.shares = shares;
  payment.refunded = new Map();
  payment.pending = new Map();
}

/** What a payment has left to refund: captured less refunded, held by requests and charged back. */
export function leftToRefund(payment: ModelPayment): number {
  return payment.capturedAmount - payment.refundedAmount - payment.pendingRefundAmount - payment.chargebackAmount;
}

/**
 * Who gives back what in a refund (DOMAIN.md "Refunds, marketplace", "Seller Processing
 * Model", "Proportional refunds"), or why it is refused. What pending requests hold counts as
 * given already.
 */
export function planRefund(payment: ModelPayment, amount: number | undefined, split: readonly RefundLine[] | undefined): { amount: number; parts: PartyAmounts } | string {
  const left = leftToRefund(payment);
  if (amount !== undefined && amount <= 0) return 'refund amount not positive';
  if (left === 0) return 'nothing left to refund';
  if (amount !== undefined && amount > left) return `refund ${amount} above the ${left} left`;
  const given = combine(payment.refunded, payment.pending, 1);
  const remaining = (party: string): number => (payment.shares.get(party) ?? 0) - (given.get(party) ?? 0);

  if (payment.model === 'seller') {
    if (split !== undefined && split.length > 0) return 'a seller-model refund takes no split';
    const refund = amount ?? left;
    return { amount: refund, parts: sellerParts(payment, given, payment.refundedAmount + payment.pendingRefundAmount, refund) };
  }

  if (split === undefined) {
    if (amount !== undefined && amount !== left) return 'a partial marketplace refund needs a split';
    const parts: PartyAmounts = new Map();
    for (const party of payment.shares.keys()) parts.set(party, remaining(party));
    return { amount: left, parts };
  }
  const sum = split.reduce((acc, line) => acc + line.amount + line.platformFee, 0);
  const refund = amount ?? sum;
  if (amount === undefined) {
    if (sum === 0) return 'the refund split adds up to 0';
    if (sum > left) return `refund ${sum} above the ${left} left`;
  }
  const seen = new Set<string>();
  for (const line of split) {
    if (seen.has(line.submerchantId)) return `duplicate ${line.submerchantId}`;
    seen.add(line.submerchantId);
  }
  for (const line of split) {
    if (line.submerchantId === payment.platform || !payment.shares.has(line.submerchantId)) return `${line.submerchantId} has no share`;
  }
  if (sum !== refund) return `the split adds up to ${sum}, not ${refund}`;
  let platformPart = 0;
  const parts: PartyAmounts = new Map();
  for (const line of split) {
    if (line.amount > remaining(line.submerchantId)) return `${line.submerchantId} above the rest of its share`;
    parts.set(line.submerchantId, line.amount);
    platformPart += line.platformFee;
  }
  if (platformPart > remaining(payment.platform)) return 'the platform above the rest of its share';
  parts.set(payment.platform, platformPart);
  return { amount: refund, parts };
}

/**
 * The seller model's parts of a refund of `amount` (DOMAIN.md "Proportional refunds"): the
 * platform's cumulative part is round-half-up(R × platform_amount / captured), R being
 * `refundedBefore + amount`; this refund gives what brings it there from what the platform has
 * `given`, kept within what each party has left; the seller gives the rest.
 */
export function sellerParts(payment: ModelPayment, given: PartyAmounts, refundedBefore: number, amount: number): PartyAmounts {
  const seller = payment.seller as string;
  const left = (party: string): number => Math.max(0, (payment.shares.get(party) ?? 0) - (given.get(party) ?? 0));
  const target = timesRoundedHalfUp(refundedBefore + amount, BigInt(payment.capturedPlatformAmount), BigInt(payment.capturedAmount));
  const lowest = Math.max(0, amount - left(seller));
  const highest = Math.min(amount, left(payment.platform));
  const platformPart = Math.min(highest, Math.max(lowest, target - (given.get(payment.platform) ?? 0)));
  return new Map([[payment.platform, platformPart], [seller, amount - platformPart]]);
}

/** What a refund costs each party: the platform its part plus fees, everyone else its part. */
export function refundCosts(payment: ModelPayment, parts: PartyAmounts, platformFees: number): PartyAmounts {
  const costs = new Map(parts);
  costs.set(payment.platform, (costs.get(payment.platform) ?? 0) + platformFees);
  return costs;
}

/** The first party whose available balance does not cover its cost, or undefined. */
export function uncoveredCost(model: ReferenceModel, currency: string, costs: PartyAmounts): string | undefined {
  for (const [merchant, cost] of costs) {
    if (cost > 0 && model.available(merchant, currency) < cost) return `${merchant} cannot cover ${cost}`;
  }
  return undefined;
}

/** Fees a refund request's completion charges the platform. */
export interface RefundFees {
  readonly refundFee: number;
  readonly refundFeeTax: number;
  readonly customerFee: number | undefined;
  readonly customerFeeTax: number | undefined;
}

/**
 * Posts a refund (DOMAIN.md "Records of refunds") and records it on the payment: the money goes
 * back to the customer, each party paying its part; a request's fees are the platform's.
 */
export function applyRefund(model: ReferenceModel, payment: ModelPayment, amount: number, parts: PartyAmounts, fees?: RefundFees): void {
  const { currency } = payment;
  const platform = { merchant: payment.platform };
  const customers = { outside: OUTSIDE.customers };
  if (payment.model === 'marketplace') {
    model.move(currency, amount, platform, customers);
    for (const [party, part] of parts) if (party !== payment.platform) model.move(currency, part, { merchant: party }, platform);
  } else {
    const seller = { merchant: payment.seller as string };
    model.move(currency, amount, seller, customers);
    model.move(currency, parts.get(payment.platform) ?? 0, platform, seller);
  }
  if (fees !== undefined) {
    model.move(currency, fees.refundFee, platform, { outside: OUTSIDE.refundFees });
    model.move(currency, fees.refundFeeTax, platform, { outside: OUTSIDE.tax });
    if (fees.customerFee !== undefined) {
      model.move(currency, fees.customerFee, platform, customers);
      model.move(currency, fees.customerFeeTax ?? 0, platform, customers);
      payment.customerFeeRefund = 'refunded';
    }
  }
  if (total(parts) !== amount) throw new Error(`model: parts ${total(parts)} of a refund of ${amount}`);
  payment.refunded = combine(payment.refunded, parts, 1);
  payment.refundedAmount += amount;
  if (payment.refundedAmount + payment.chargebackAmount === payment.capturedAmount) payment.status = 'refunded';
}

/**
 * Seller model: after a request of `payment` completed or was rejected, every request still
 * pending gets its parts and holds worked out again from scratch, in the order the requests
 * were made: the completed refunds plus the requests before it count as given back. Holds are
 * swapped for the cost of the new parts (the platform's with the request's fees).
 */
export function reestimatePending(model: ReferenceModel, payment: ModelPayment): void {
  let given = payment.refunded;
  let refundedBefore = payment.refundedAmount;
  for (const request of model.refundRequests.values()) {
    if (request.payment !== payment.id || request.status !== 'pending') continue;
    const parts = sellerParts(payment, given, refundedBefore, request.amount);
    const fees = request.refundFee + request.refundFeeTax + (request.customerFee ?? 0) + (request.customerFeeTax ?? 0);
    const holds = new Map([...refundCosts(payment, parts, fees)].filter(([, amount]) => amount > 0));
    for (const [merchant, amount] of request.holds) model.hold(merchant, payment.currency, -amount);
    for (const [merchant, amount] of holds) model.hold(merchant, payment.currency, amount);
    payment.pending = combine(combine(payment.pending, request.parts, -1), parts, 1);
    request.parts = parts;
    request.holds = holds;
    given = combine(given, parts, 1);
    refundedBefore += request.amount;
  }
}
