import { TESTING_MERCHANT_IDS, type TestingMerchantIds } from './testing-merchant-ids.js';

/**
 * Constraints shared by the command arbitraries (`createPaymentCommandArbitrary` and the
 * others). Commands refer to merchants, payments, sessions and refund requests by ids drawn
 * from small pools, so that a sequence of commands keeps coming back to the same objects.
 */
export interface CommandConstraints {
  /** The merchant ids commands name. Default {@link TESTING_MERCHANT_IDS}. */
  readonly ids?: TestingMerchantIds;
  /** Payment ids commands create and refer to. Default `['pay-1', 'pay-2', 'pay-3']`. */
  readonly paymentIds?: readonly string[];
  /** Session ids. Default `['ses-1', 'ses-2']`. */
  readonly sessionIds?: readonly string[];
  /** Refund request ids. Default `['rr-1', 'rr-2', 'rr-3']`. */
  readonly refundRequestIds?: readonly string[];
  /**
   * Currencies of payments, sessions, transfers and payout settings; the first is drawn most
   * often. Default `['JPY', 'USD']`.
   */
  readonly currencies?: readonly string[];
  /** The largest plausible payment or session amount, in minor units. Default `100_000`. */
  readonly maxAmount?: number;
  /**
   * Weight of implausible commands (made to be rejected: an amount of 0, a split that does not
   * add up, an unknown currency…) against a weight of 5 for plausible ones; 0 for none. Default `1`.
   */
  readonly implausibleWeight?: number;
  /**
   * Idempotency keys a command sometimes (1 time in 8) carries; `[]` for none. Default `['key-1',
   * 'key-2']`.
   */
  readonly idempotencyKeys?: readonly string[];
  /**
   * Whether implausible payments sometimes ask for an amount just below 2^53, where a second
   * payment or a refund takes sums past what a number counts exactly. Default `false`.
   */
  readonly hugeAmounts?: boolean;
  /**
   * First calendar date (YYYY-MM-DD) settlement dates and holidays are drawn from. Default
   * `'2026-04-01'`.
   */
  readonly firstDate?: string;
  /**
   * Last calendar date (YYYY-MM-DD) settlement dates and holidays are drawn from. Default
   * `'2026-09-30'` (August 2026 starts on a Saturday, where a week and a month begin together).
   */
  readonly lastDate?: string;
}

/** {@link CommandConstraints} with every default filled in. */
export type ResolvedCommandConstraints = Required<CommandConstraints>;

/** Fills in the defaults of {@link CommandConstraints}. */
export function resolveCommandConstraints(constraints: CommandConstraints = {}): ResolvedCommandConstraints {
  const resolved: ResolvedCommandConstraints = {
    ids: constraints.ids ?? TESTING_MERCHANT_IDS,
    paymentIds: constraints.paymentIds ?? ['pay-1', 'pay-2', 'pay-3'],
    sessionIds: constraints.sessionIds ?? ['ses-1', 'ses-2'],
    refundRequestIds: constraints.refundRequestIds ?? ['rr-1', 'rr-2', 'rr-3'],
    currencies: constraints.currencies ?? ['JPY', 'USD'],
    maxAmount: constraints.maxAmount ?? 100_000,
    implausibleWeight: constraints.implausibleWeight ?? 1,
    idempotencyKeys: constraints.idempotencyKeys ?? ['key-1', 'key-2'],
    hugeAmounts: constraints.hugeAmounts ?? false,
    firstDate: constraints.firstDate ?? '2026-04-01',
    lastDate: constraints.lastDate ?? '2026-09-30',
  };
  for (const [name, pool] of [
    ['paymentIds', resolved.paymentIds],
    ['sessionIds', resolved.sessionIds],
    ['refundRequestIds', resolved.refundRequestIds],
    ['currencies', resolved.currencies],
  ] as const) {
    if (pool.length === 0) throw new RangeError(`CommandConstraints.${name} must not be empty`);
  }
  if (!(Number.isSafeInteger(resolved.maxAmount) && resolved.maxAmount >= 1)) throw new RangeError('CommandConstraints.maxAmount must be a positive safe integer');
  if (!(resolved.implausibleWeight >= 0)) throw new RangeError('CommandConstraints.implausibleWeight must be 0 or more');
  return resolved;
}
