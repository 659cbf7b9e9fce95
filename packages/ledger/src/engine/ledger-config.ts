import type { RoundingMode } from '@kanjo/splits';
import type { Book, MerchantConfig } from '../merchants/merchant.js';

/** Everything a ledger needs besides its commands. Mirrors a scenario file's top level. */
export interface LedgerConfig {
  /** The merchants: platforms and their sub-merchants. */
  readonly merchants: readonly MerchantConfig[];
  /** Consumption tax on fees, e.g. "10%". Default "10%". */
  readonly taxRate?: string | undefined;
  /** Refund request fee in the currency's minor unit. Default 300. */
  readonly refundRequestFee?: number | undefined;
  /** How fees and taxes round. Default `half_up` (KOMOJU's). */
  readonly rounding?: RoundingMode | undefined;
  /** UTC offset that calendar dates (payout days) are read in: "Z", "+09:00", "+0900" or "+09" (ISO 8601). Default "+09:00". */
  readonly timeZone?: string | undefined;
  /** The book this ledger keeps. Default `test`. */
  readonly book?: Book | undefined;
}
