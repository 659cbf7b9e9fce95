/** How often a merchant is paid out. */
export type PayoutFrequency = 'weekly' | 'monthly';

/** Payout settings of one merchant in one currency, set by its platform. */
export interface PayoutSettings {
  /** The merchant paid out: the platform itself or one of its sub-merchants (the command's `target`). */
  readonly merchant: string;
  /** ISO 4217 code: a merchant has separate settings, and payouts, per currency. */
  readonly currency: string;
  /** `weekly`: Fridays, for the Saturday–Friday week ended the Friday before; `monthly`: month end, for the previous month. */
  readonly frequency: PayoutFrequency;
  /** Below this (or negative) the amount is carried over to the next payout. */
  readonly minimumAmount: number;
}

/** A period a payout covers: calendar dates (YYYY-MM-DD) in the ledger's time zone, inclusive. */
export interface PayoutPeriod {
  /** First day of the period, YYYY-MM-DD: a Saturday (weekly) or the 1st (monthly). */
  readonly start: string;
  /** Last day of the period, YYYY-MM-DD: a Friday (weekly) or the month's last day (monthly). */
  readonly end: string;
}
