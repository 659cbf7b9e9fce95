/**
 * @packageDocumentation
 * `@kanjo/splits/testing`: the fast-check arbitraries behind the package's own property tests,
 * for users who want to test code built on `@kanjo/splits` the same way. Requires fast-check
 * (an optional peer dependency); the main entry never imports this.
 */
export type { AmountArbitraryConstraints } from './amount-arbitrary.js';
export { amountArbitrary } from './amount-arbitrary.js';
export { submerchantIdArbitrary } from './submerchant-id-arbitrary.js';
export type { SplitLinesConstraints } from './split-lines-arbitrary.js';
export { splitLinesArbitrary } from './split-lines-arbitrary.js';
export type { MarketplaceSplitCase, MarketplaceSplitCaseConstraints } from './marketplace-split-case-arbitrary.js';
export { marketplaceSplitCaseArbitrary } from './marketplace-split-case-arbitrary.js';
export type { InvalidMarketplaceSplitCase } from './invalid-marketplace-split-arbitrary.js';
export { invalidMarketplaceSplitArbitrary } from './invalid-marketplace-split-arbitrary.js';
export type { SellerSplitCase, SellerSplitConstraints } from './seller-split-arbitrary.js';
export { sellerSplitArbitrary } from './seller-split-arbitrary.js';
export type { MarketplaceSharesConstraints } from './marketplace-shares-arbitrary.js';
export { marketplaceSharesArbitrary } from './marketplace-shares-arbitrary.js';
export type { NonReverseRefundCase, NonReverseRefundConstraints } from './non-reverse-refund-arbitrary.js';
export { nonReverseRefundArbitrary } from './non-reverse-refund-arbitrary.js';
export type { InvalidNonReverseRefundCase } from './invalid-non-reverse-refund-arbitrary.js';
export { invalidNonReverseRefundArbitrary } from './invalid-non-reverse-refund-arbitrary.js';
export type { SharesConstraints } from './shares-arbitrary.js';
export { sharesArbitrary } from './shares-arbitrary.js';
export type { RefundHistoryConstraints } from './refund-history-arbitrary.js';
export { refundHistoryArbitrary } from './refund-history-arbitrary.js';
