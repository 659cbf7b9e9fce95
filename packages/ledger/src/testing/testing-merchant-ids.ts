/**
 * The merchant ids {@link ledgerConfigArbitrary} gives its merchants and the command
 * arbitraries refer to. Commands are generated independently of the configuration (so that
 * fast-check can shrink each on its own), so both sides agree on ids by name: a configuration
 * with two payout merchants has `pm-1` and `pm-2`, and a command naming `pm-4` is then about a
 * merchant that does not exist, which is one of the ways commands get rejected.
 */
export interface TestingMerchantIds {
  /** The platform of business type `marketplace` (Platform Processing Model). */
  readonly marketplace: string;
  /** Its payout merchants, in order; a configuration uses a prefix of them. */
  readonly payoutMerchants: readonly string[];
  /** The platform of business type `platform` (Seller Processing Model). */
  readonly platform: string;
  /** Its sellers, in order; a configuration uses a prefix of them. */
  readonly sellers: readonly string[];
  /** An id no configuration ever has. */
  readonly stranger: string;
}

/** The default ids: `mkt` with `pm-1`…`pm-4`, `plat` with `seller-1` and `seller-2`, and `ghost`. */
export const TESTING_MERCHANT_IDS: TestingMerchantIds = Object.freeze({
  marketplace: 'mkt',
  payoutMerchants: Object.freeze(['pm-1', 'pm-2', 'pm-3', 'pm-4']),
  platform: 'plat',
  sellers: Object.freeze(['seller-1', 'seller-2']),
  stranger: 'ghost',
});

/**
 * Throws a RangeError, naming `field` and the id, when `ids` gives one id twice (in a list, or
 * to two merchants): a split needs as many different payout merchants as it has lines, and
 * fast-check asked for them drew forever; a configuration of them would be refused as
 * `config_merchant_duplicate`.
 */
export function checkTestingMerchantIds(ids: TestingMerchantIds, field: string): void {
  const seen = new Set<string>();
  for (const id of [ids.marketplace, ...ids.payoutMerchants, ids.platform, ...ids.sellers, ids.stranger]) {
    if (seen.has(id)) throw new RangeError(`${field} names ${JSON.stringify(id)} twice: give each merchant, and the stranger, an id of its own`);
    seen.add(id);
  }
}
