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
export interface MerchantConfigBase {
  /** Unique id, 1 to 255 characters, without whitespace, control characters or lone UTF-16 surrogates. */
  readonly id: string;
  /** Default `active`. */
  readonly status?: MerchantStatus | undefined;
  /** Approved merchants may process live payments. Default `true`. */
  readonly approved?: boolean | undefined;
  /** The book the merchant lives in. Default: the ledger's book. */
  readonly book?: Book | undefined;
}

/** A platform merchant and the payment methods it accepts, with their fees. */
export interface PlatformMerchantConfig extends MerchantConfigBase {
  /** Discriminant of `MerchantConfig`: a platform merchant (scenario `type`). */
  readonly type: 'platform';
  /** Scenario `business`: decides its sub-merchants' type and the processing model of its payments. */
  readonly business: PlatformBusiness;
  /** Payment type → its processing fee rate (and fixed fee, customer fee). */
  readonly paymentMethods: Readonly<Record<string, PaymentMethodFeeInput>>;
}

/** A seller (business `platform`) or payout merchant (business `marketplace`) owned by one platform. */
export interface SubMerchantConfig extends MerchantConfigBase {
  /** `seller` under a `platform` business, `payout` under a `marketplace` one (scenario `type`); a mismatch makes the configuration unusable. */
  readonly type: 'seller' | 'payout';
  /** The id of the platform that owns it. */
  readonly platform: string;
  /** The payment types it accepts; default all of its platform's. */
  readonly paymentTypes?: readonly string[] | undefined;
}

/** One merchant of a ledger configuration. */
export type MerchantConfig = PlatformMerchantConfig | SubMerchantConfig;

/** A merchant as the engine knows it once the configuration is validated. */
export interface Merchant {
  /** Its configuration id, unique in the ledger. */
  readonly id: string;
  /** A platform, or which kind of sub-merchant: a seller (business `platform`) or a payout merchant (business `marketplace`). */
  readonly type: 'platform' | 'seller' | 'payout';
  /** Business type; platforms only. */
  readonly business?: PlatformBusiness;
  /** Owner; sub-merchants only. */
  readonly platform?: string;
  /** Default `active`; a `deactivated` merchant is refused by every flow (`merchant_deactivated`). */
  readonly status: MerchantStatus;
  /** Default `true`; in the live book an unapproved merchant cannot process payments nor be paid in a split (`merchant_not_approved`). */
  readonly approved: boolean;
  /** Default: the ledger's book; a merchant of the other book is refused (`merchant_in_other_book`). */
  readonly book: Book;
  /** Payment types it accepts (for a sub-merchant without a list: its platform's). */
  readonly paymentTypes: ReadonlySet<string>;
  /** Fee schedule; platforms only (sub-merchants' payments use their platform's). */
  readonly feeSchedule?: FeeSchedule;
}
