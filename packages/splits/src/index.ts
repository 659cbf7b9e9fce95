/**
 * @packageDocumentation
 * `@kanjo/splits`: minor-unit amounts, split validation, shares and proportional refunds.
 */
export type { Rejection, Result } from './result/result.js';
export { accept, reject, unwrap, assertNever, RejectionError } from './result/result.js';
export { quoteText } from './result/quote-text.js';
export { countText } from './result/count-text.js';
export type { RoundingMode } from './rounding/rounding-mode.js';
export { ROUNDING_MODES, isRoundingMode } from './rounding/rounding-mode.js';
export { divideRoundedBig } from './rounding/divide-rounded-big.js';
export { multiplyDivide } from './rounding/multiply-divide.js';

export type { AmountConstraints, AmountErrorCode } from './amounts/types.js';
export { parseAmount } from './amounts/parse-amount.js';
export { sumAmounts } from './amounts/sum-amounts.js';
export { isAmount } from './amounts/is-amount.js';
export { assertAmount } from './amounts/assert-amount.js';

export { CURRENCY_EXPONENTS } from './currencies/currency-exponents.js';
export { currencyExponent } from './currencies/currency-exponent.js';
export { isCurrency } from './currencies/is-currency.js';
export { decimalAmount } from './currencies/decimal-amount.js';

export type { MarketplaceShares, SplitConstraints, SplitErrorCode, SplitLine, SplitMoment, SubmerchantShare } from './marketplace/types.js';
export { MAX_SUBMERCHANTS, SUBMERCHANT_ID_MAX_LENGTH } from './marketplace/max-submerchants.js';
export { validateMarketplaceSplit } from './marketplace/validate-marketplace-split.js';
export { marketplaceShares } from './marketplace/marketplace-shares.js';

export type { SellerSplitErrorCode, TwoPartyRefund } from './seller/types.js';
export { validateSellerSplit } from './seller/validate-seller-split.js';
export { platformCumulativeRefund } from './seller/platform-cumulative-refund.js';
export { twoPartyRefund } from './seller/two-party-refund.js';

export type { RefundLine, RefundParts, RefundSplitErrorCode, SubmerchantRefundPart } from './refunds/types.js';
export { remainingShares } from './refunds/remaining-shares.js';
export { reverseRefundParts } from './refunds/reverse-refund-parts.js';
export { validateNonReverseRefund } from './refunds/validate-non-reverse-refund.js';

export type { ProportionalRefundErrorCode } from './proportional/types.js';
export { proportionalRefund } from './proportional/proportional-refund.js';
export { proportionalRefundInto } from './proportional/proportional-refund-into.js';
