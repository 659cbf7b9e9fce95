/** How often a merchant is paid out. */
export type PayoutFrequency = 'weekly' | 'monthly';

/** Payout settings of one merchant in one currency, set by its platform. */
export interface PayoutSettings {
  readonly merchant: string;
  readonly currency: string;
  readonly frequency: PayoutFrequency;
  /** Below this (or negative) the amount is carried over to the next payout. */
  readonly minimumAmount: number;
}

/** A period a payout covers: calendar dates (YYYY-MM-DD) in the ledger's time zone, inclusive. */
export interface PayoutPeriod {
  readonly start: string;
  readonly end: string;
}
