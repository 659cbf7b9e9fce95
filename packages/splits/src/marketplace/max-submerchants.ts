/**
 * The most lines a marketplace split or refund split may have (one per Payout Merchant), unless
 * a caller's {@link SplitConstraints} says otherwise. A bound on everything a request can make
 * the engine loop over: a split is validated, posted and refunded line by line, and 100 Payout
 * Merchants in one payment is far beyond any basket a platform sends.
 */
export const MAX_SUBMERCHANTS = 100;

/**
 * The longest submerchant id accepted in a split, in UTF-16 code units (JavaScript string
 * length). Ids are opaque to the splits; the bound only keeps a request from carrying
 * unbounded strings into the books.
 */
export const SUBMERCHANT_ID_MAX_LENGTH = 255;
