import type { FeeSchedule, PaymentMethodFeeInput } from '@kanjo/fees';

/** Which book a merchant and its payments belong to. Test and live never mix. */
export type Book = 'test' | 'live';

/** `active` takes part in flows; `deactivated` cannot take part in anything (DOMAIN.md "Parties"). */
export type MerchantStatus = 'active' | 'deactivated';

/**
 * A platform's business type: `platform` (its sub-merchants are sellers, Seller Processing
 * Model) or `marketplace` (its sub-merchants are payout merchants, Platform Processing Model).
 */
export type PlatformBusiness = 'platform' | 'marketplace';

/** Fields every merchant has in a ledger configuration. */
interface MerchantConfigBase {
  /** Unique id, 1 to 255 characters, without whitespace, control characters or lone UTF-16 surrogates. */
  readonly id: string;
  /** Default `active`. */
  readonly status?: MerchantStatus;
  /** Approved merchants may process live payments. Default `true`. */
  readonly approved?: boolean;
  /** The book the merchant lives in. Default: the ledger's book. */
  readonly book?: Book;
}

/** A platform merchant and the payment methods it accepts, with their fees. */
export interface PlatformMerchantConfig extends MerchantConfigBase {
  readonly type: 'platform';
  readonly business: PlatformBusiness;
  /** Payment type → its processing fee rate (and fixed fee, customer fee). */
  readonly paymentMethods: Readonly<Record<string, PaymentMethodFeeInput>>;
}

/** A seller (business `platform`) or payout merchant (business `marketplace`) owned by one platform. */
export interface SubMerchantConfig extends MerchantConfigBase {
  readonly type: 'seller' | 'payout';
  /** The id of the platform that owns it. */
  readonly platform: string;
  /** The payment types it accepts; default all of its platform's. */
  readonly paymentTypes?: readonly string[];
}

/** One merchant of a ledger configuration. */
export type MerchantConfig = PlatformMerchantConfig | SubMerchantConfig;

/** A merchant as the engine knows it once the configuration is validated. */
export interface Merchant {
  readonly id: string;
  readonly type: 'platform' | 'seller' | 'payout';
  /** Business type; platforms only. */
  readonly business?: PlatformBusiness;
  /** Owner; sub-merchants only. */
  readonly platform?: string;
  readonly status: MerchantStatus;
  readonly approved: boolean;
  readonly book: Book;
  /** Payment types it accepts (for a sub-merchant without a list: its platform's). */
  readonly paymentTypes: ReadonlySet<string>;
  /** Fee schedule; platforms only (sub-merchants' payments use their platform's). */
  readonly feeSchedule?: FeeSchedule;
}
