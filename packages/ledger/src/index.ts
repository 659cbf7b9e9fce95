/**
 * @packageDocumentation
 * `@kanjo/ledger`: an append-only double-entry journal of KOMOJU Platform Model fund flows.
 * Create a ledger from a configuration, execute commands, read balances, payments, records
 * and the journal; replay a journal to get the same state back.
 */
export type { LedgerConfig } from './engine/ledger-config.js';
export type { LedgerState, LedgerStateView, ResolvedConfig, IdempotencyRecord } from './engine/ledger-state.js';
export { availableBalance, postedBalance } from './reports/balance-queries.js';
export { Ledger, createLedger } from './engine/ledger.js';
export type { ExecuteResult } from './engine/ledger.js';
export { decideCommand } from './engine/decide-command.js';
export { LEDGER_REJECTION_CODES } from './engine/ledger-rejection.js';
export type { LedgerOwnRejectionCode, LedgerRejection, LedgerRejectionCode, LedgerResult } from './engine/ledger-rejection.js';

export type {
  Command,
  CommandBase,
  CommandOp,
  CreatePaymentCommand,
  CapturePaymentCommand,
  CancelPaymentCommand,
  ExpirePaymentCommand,
  RefundPaymentCommand,
  RequestRefundCommand,
  CompleteRefundRequestCommand,
  RejectRefundRequestCommand,
  ChargebackPaymentCommand,
  TransferBalanceCommand,
  UpdatePayoutSettingsCommand,
  RunSettlementCommand,
  CreateSessionCommand,
  CompleteSessionCommand,
  CancelSessionCommand,
} from './commands/command.js';

export type { Entry, EntryDraft, CommandReference } from './journal/entry.js';
export type { Change, ChangeKind } from './journal/change.js';
export type { Posting } from './journal/posting.js';
export { RECORD_TYPES, type RecordType } from './journal/record-type.js';
export type { LedgerEvent, EventType } from './journal/ledger-event.js';
export {
  CUSTOMERS_ACCOUNT,
  PROCESSING_FEES_ACCOUNT,
  REFUND_FEES_ACCOUNT,
  CUSTOMER_FEES_ACCOUNT,
  TAX_ACCOUNT,
  PAYOUTS_ACCOUNT,
  MERCHANT_ACCOUNT_PREFIX,
  merchantAccount,
} from './journal/accounts.js';
export { applyEntry } from './journal/apply-entry.js';
export { replayJournal, JournalReplay } from './journal/replay-journal.js';
export { parseJournalEntry } from './journal/parse-journal-entry.js';
export { CompactEntryDecoder } from './journal/compact-entry-decoder.js';
export { checkJournalLength, headerEntryCount } from './journal/journal-length.js';
export type { CompactJournalHeader, CompactEntryLine, EncodedObject } from './journal/compact-journal-format.js';
export { unbalancedCurrency } from './journal/assert-entry-balanced.js';

export type {
  Book,
  Merchant,
  MerchantConfig,
  MerchantConfigBase,
  MerchantStatus,
  PlatformBusiness,
  PlatformMerchantConfig,
  SubMerchantConfig,
} from './merchants/merchant.js';
export type { Payment, PaymentInit, PaymentStatus, PaymentOrigin, ProcessingModel, CustomerFeeRefundState } from './payments/payment.js';
export type { PaymentMethodCapabilities } from './payments/payment-methods.js';
export { PAYMENT_METHOD_CAPABILITIES, paymentMethodCapabilities } from './payments/payment-methods.js';
export type { BankAccount, Hold, RefundRequest, RefundRequestInit, RefundRequestStatus } from './refunds/refund-request.js';
export { validateBankAccount } from './refunds/validate-bank-account.js';
export type { Session, SessionInit, SessionStatus, SessionCapture } from './sessions/session.js';
export { sessionReturnUrl } from './sessions/session-return-url.js';
export type { PayoutSettings, PayoutFrequency, PayoutPeriod } from './payouts/payout-settings.js';
export { nextPayout } from './payouts/next-payout.js';
export type { NextPayout } from './payouts/next-payout.js';

export { merchantBalances } from './reports/merchant-balances.js';
export { paymentView } from './reports/payment-view.js';
export type { PaymentView } from './reports/payment-view.js';
export { merchantRecords } from './reports/merchant-records.js';
export { runScenario } from './scenario/run-scenario.js';
export type { ScenarioAccepted, ScenarioEvent, ScenarioRecord, ScenarioRejected, ScenarioReport, ScenarioResult, ScenarioResultPlace } from './scenario/run-scenario.js';
export { parseScenarioCommand } from './scenario/parse-scenario-command.js';
export { parseScenarioConfig } from './scenario/parse-scenario-config.js';
export type { JsonObject } from './scenario/field-reader.js';
export { unknownScenarioFields } from './scenario/unknown-scenario-fields.js';
export type { UnknownScenarioField } from './scenario/unknown-scenario-fields.js';
export type { MerchantRecord } from './reports/merchant-records.js';
export { journalNdjsonLines } from './reports/journal-ndjson.js';
export type { JournalHeader, CompactPosting, JournalFormat } from './reports/journal-ndjson.js';
export { hledgerAccountName, hledgerJournalLines } from './reports/hledger-journal.js';
export { merchantStatementCsv, merchantStatementFileName, merchantStatementsCsv, merchantStatementsCsvLines } from './reports/merchant-statement-csv.js';
export { formatScenarioTable, scenarioTableLines } from './reports/format-scenario-table.js';
export { formatScenarioCsv, scenarioCsvLines } from './reports/format-scenario-csv.js';
