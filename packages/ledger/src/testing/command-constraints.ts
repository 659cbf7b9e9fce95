import { checkTestingMerchantIds, TESTING_MERCHANT_IDS, type TestingMerchantIds } from './testing-merchant-ids.js';

/**
 * Constraints shared by the command arbitraries (`createPaymentCommandArbitrary` and the
 * others). Commands refer to merchants, payments, sessions and refund requests by ids drawn
 * from small pools, so that a sequence of commands keeps coming back to the same objects.
 */
export interface CommandConstraints {
  /**
   * The merchant ids commands name. Default {@link TESTING_MERCHANT_IDS}. Each list must hold at
   * least one id: a command is drawn for every kind of merchant.
   */
  readonly ids?: TestingMerchantIds | undefined;
  /** Payment ids commands create and refer to. Default `['pay-1', 'pay-2', 'pay-3']`. */
  readonly paymentIds?: readonly string[] | undefined;
  /** Session ids. Default `['ses-1', 'ses-2']`. */
  readonly sessionIds?: readonly string[] | undefined;
  /** Refund request ids. Default `['rr-1', 'rr-2', 'rr-3']`. */
  readonly refundRequestIds?: readonly string[] | undefined;
  /**
   * Currencies of payments, sessions, transfers and payout settings; the first is drawn most
   * often. Default `['JPY', 'USD']`.
   */
  readonly currencies?: readonly string[] | undefined;
  /** The largest plausible payment or session amount, in minor units. Default `100_000`. */
  readonly maxAmount?: number | undefined;
  /**
   * Weight of implausible commands (made to be rejected: an amount of 0, a split that does not
   * add up, an unknown currency…) against a weight of 5 for plausible ones: a whole number, 0
   * for none. Default `1`.
   */
  readonly implausibleWeight?: number | undefined;
  /**
   * Idempotency keys a command sometimes (1 time in 8) carries; `[]` for none. Default `['key-1',
   * 'key-2']`.
   */
  readonly idempotencyKeys?: readonly string[] | undefined;
  /**
   * Whether implausible payments sometimes ask for an amount just below 2^53, where a second
   * payment or a refund takes sums past what a number counts exactly. Default `false`. Such a
   * payment is itself accepted (it is what comes after it that overflows), and once one is
   * made, the other arbitraries' "far too much" amounts (a refund of ten times
   * {@link CommandConstraints.maxAmount}, a transfer of more than every payment and session
   * could bring in at `maxAmount` each, a capture of one more
   * than `maxAmount`) may fit it and be accepted: with `hugeAmounts`, implausible commands are
   * not all rejected.
   */
  readonly hugeAmounts?: boolean | undefined;
  /**
   * First calendar date (YYYY-MM-DD, a date that exists) settlement dates and holidays are drawn
   * from. Default `'2026-04-01'`.
   */
  readonly firstDate?: string | undefined;
  /**
   * Last calendar date (YYYY-MM-DD, a date that exists, not before `firstDate`) settlement
   * dates and holidays are drawn from. Default
   * `'2026-09-30'` (August 2026 starts on a Saturday, where a week and a month begin together).
   */
  readonly lastDate?: string | undefined;
}

/** {@link CommandConstraints} with every default filled in. */
export type ResolvedCommandConstraints = { readonly [Field in keyof CommandConstraints]-?: Exclude<CommandConstraints[Field], undefined> };

/**
 * Fills in the defaults of {@link CommandConstraints}, and checks them: a value no arbitrary
 * could draw from (an empty pool, an amount or weight that is not a whole number, a date that
 * does not exist) throws a RangeError naming the field, rather than a fast-check error later
 * or a run that never ends.
 */
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
  for (const [name, pool] of [
    ['ids.payoutMerchants', resolved.ids.payoutMerchants],
    ['ids.sellers', resolved.ids.sellers],
  ] as const) {
    if (pool.length === 0) throw new RangeError(`CommandConstraints.${name} must not be empty: commands name a merchant of each kind`);
  }
  checkTestingMerchantIds(resolved.ids, 'CommandConstraints.ids');
  if (!(Number.isSafeInteger(resolved.implausibleWeight) && resolved.implausibleWeight >= 0)) {
    throw new RangeError(`CommandConstraints.implausibleWeight must be a whole number, 0 or more (fast-check weighs in whole numbers), got ${String(resolved.implausibleWeight)}`);
  }
  for (const name of ['firstDate', 'lastDate'] as const) {
    if (!isCalendarDate(resolved[name])) throw new RangeError(`CommandConstraints.${name} must be a date that exists, written YYYY-MM-DD, got ${JSON.stringify(resolved[name])}`);
  }
  if (resolved.firstDate > resolved.lastDate) throw new RangeError(`CommandConstraints.firstDate ${resolved.firstDate} must not be after lastDate ${resolved.lastDate}`);
  return resolved;
}

/**
 * `given` (all of `allowed` when left out), checked to be a list of at least one of `allowed`: a name
 * outside them (`'Seller'` from JavaScript, where the types do not reach) left no arbitrary to
 * draw from, and fast-check's own error named no field.
 */
export function chosenFrom<Name extends string>(field: string, given: readonly Name[] | undefined, allowed: readonly Name[]): readonly Name[] {
  const chosen = given ?? allowed;
  if (!Array.isArray(chosen)) throw new RangeError(`${field} must be a list of ${allowed.join(', ')}, not ${typeof chosen === 'string' ? JSON.stringify(chosen) : typeof chosen}`);
  if (chosen.length === 0) throw new RangeError(`${field} must not be empty`);
  const unknown = chosen.find((name) => !allowed.includes(name));
  if (unknown !== undefined) throw new RangeError(`${field} may hold only ${allowed.join(', ')}, not ${JSON.stringify(unknown)}`);
  return chosen;
}

/** Whether `text` is a YYYY-MM-DD date that exists (not `2026-02-30`, which Date rolls over to March). */
function isCalendarDate(text: unknown): boolean {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === text;
}
