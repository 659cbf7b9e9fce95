/**
 * @packageDocumentation
 * `@kanjo/ledger/testing`: fast-check arbitraries for ledger configurations and for every
 * command the engine runs, plausible and implausible (so rejections are exercised too), as the
 * model-based tests use them. Requires the optional peer dependency `fast-check`; the main
 * entry never imports it.
 *
 * Configurations and commands agree on merchant ids by name ({@link TESTING_MERCHANT_IDS}):
 * generate them independently and fast-check shrinks each on its own.
 */
export type { TestingMerchantIds } from './testing-merchant-ids.js';
export { TESTING_MERCHANT_IDS } from './testing-merchant-ids.js';
export type { LedgerConfigConstraints } from './ledger-config-arbitrary.js';
export { ledgerConfigArbitrary } from './ledger-config-arbitrary.js';
export type { CommandConstraints, ResolvedCommandConstraints } from './command-constraints.js';
export { resolveCommandConstraints } from './command-constraints.js';
export type { BankAccountConstraints } from './bank-account-arbitrary.js';
export { bankAccountArbitrary } from './bank-account-arbitrary.js';
export type { PartialRefundSplitsConstraints } from './partial-refund-splits-arbitrary.js';
export { partialRefundSplitsArbitrary } from './partial-refund-splits-arbitrary.js';

export type { CreatePaymentConstraints } from './create-payment-command-arbitrary.js';
export { createPaymentCommandArbitrary } from './create-payment-command-arbitrary.js';
export { capturePaymentCommandArbitrary } from './capture-payment-command-arbitrary.js';
export { cancelPaymentCommandArbitrary } from './cancel-payment-command-arbitrary.js';
export { expirePaymentCommandArbitrary } from './expire-payment-command-arbitrary.js';
export { refundPaymentCommandArbitrary } from './refund-payment-command-arbitrary.js';
export type { RefundRequestShape, RequestRefundConstraints } from './request-refund-command-arbitrary.js';
export { requestRefundCommandArbitrary } from './request-refund-command-arbitrary.js';
export { completeRefundRequestCommandArbitrary } from './complete-refund-request-command-arbitrary.js';
export { rejectRefundRequestCommandArbitrary } from './reject-refund-request-command-arbitrary.js';
export { chargebackPaymentCommandArbitrary } from './chargeback-payment-command-arbitrary.js';
export { transferBalanceCommandArbitrary } from './transfer-balance-command-arbitrary.js';
export { updatePayoutSettingsCommandArbitrary } from './update-payout-settings-command-arbitrary.js';
export { runSettlementCommandArbitrary } from './run-settlement-command-arbitrary.js';
export { createSessionCommandArbitrary } from './create-session-command-arbitrary.js';
export { completeSessionCommandArbitrary } from './complete-session-command-arbitrary.js';
export { cancelSessionCommandArbitrary } from './cancel-session-command-arbitrary.js';
