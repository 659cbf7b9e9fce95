import { reject as rejectWithCode, type AmountErrorCode, type Rejection, type RefundSplitErrorCode, type Result, type SellerSplitErrorCode, type SplitErrorCode } from '@kanjo/splits';
import type { FeeErrorCode, FeeScheduleErrorCode } from '@kanjo/fees';

/**
 * Every code the ledger itself rejects with, in alphabetical order: the engine's commands, its
 * configuration, a journal's replay and a scenario file (README "Rejection codes" says what each
 * means and what to fix). For a program that maps codes to its own answers, say to HTTP statuses,
 * and wants to know it has them all. The other codes of `@kanjo/splits` and `@kanjo/fees` the
 * ledger passes through are in {@link LedgerRejectionCode} but not here: those packages list
 * their own. Five are both, as the ledger also rejects with them itself: `amount_not_positive`,
 * `platform_amount_exceeds_amount`, `refund_split_too_many_lines`, `rounding_mode_unknown`,
 * `split_too_many_submerchants`.
 */
export const LEDGER_REJECTION_CODES = Object.freeze([
  'amount_not_positive',
  'balance_overflow',
  'bank_account_bank_code_invalid',
  'bank_account_bank_name_invalid',
  'bank_account_branch_name_invalid',
  'bank_account_branch_number_invalid',
  'bank_account_customer_name_invalid',
  'bank_account_number_invalid',
  'bank_account_type_invalid',
  'capture_exceeds_authorized',
  'chargeback_not_supported',
  'command_invalid',
  'config_book_invalid',
  'config_invalid',
  'config_merchant_duplicate',
  'config_merchant_id_invalid',
  'config_merchant_status_invalid',
  'config_merchant_type_unknown',
  'config_merchants_invalid',
  'config_payment_type_not_offered',
  'config_platform_business_invalid',
  'config_platform_missing',
  'config_submerchant_type_mismatch',
  'config_time_zone_invalid',
  'currency_unknown',
  'customer_fee_already_refunded',
  'date_invalid',
  'dual_authentication_not_allowed',
  'field_invalid',
  'field_missing',
  'holiday_calendar_invalid',
  'holiday_date_invalid',
  'id_invalid',
  'idempotency_key_invalid',
  'idempotency_key_reused',
  'insufficient_balance',
  'journal_entry_inapplicable',
  'journal_entry_malformed',
  'journal_entry_unbalanced',
  'journal_header_malformed',
  'journal_length_mismatch',
  'journal_sequence_broken',
  'ledger_full',
  'merchant_deactivated',
  'merchant_in_other_book',
  'merchant_not_approved',
  'merchant_not_found',
  'merchant_not_platform',
  'op_unknown',
  'partial_capture_not_supported',
  'payment_already_refunded',
  'payment_id_taken',
  'payment_not_authorized',
  'payment_not_cancellable',
  'payment_not_captured',
  'payment_not_expirable',
  'payment_not_found',
  'payment_type_not_accepted',
  'payment_type_not_supported',
  'payout_frequency_invalid',
  'platform_amount_exceeds_amount',
  'platform_amount_not_allowed',
  'platform_merchant_mismatch',
  'refund_exceeds_remaining',
  'refund_request_id_taken',
  'refund_request_not_found',
  'refund_request_not_pending',
  'refund_request_not_supported',
  'refund_request_required',
  'refund_request_too_many_pending',
  'refund_split_not_allowed_for_seller',
  'refund_split_required',
  'refund_split_too_many_lines',
  'rounding_mode_unknown',
  'scenario_invalid',
  'seller_required',
  'seller_split_required',
  'session_capture_invalid',
  'session_external_customer_id_too_long',
  'session_id_taken',
  'session_not_found',
  'session_not_pending',
  'session_payment_type_not_offered',
  'session_payment_types_empty',
  'session_payment_types_repeated',
  'session_return_url_invalid',
  'session_text_too_long',
  'settlement_period_not_ended',
  'split_fixed_at_creation',
  'split_not_allowed_for_seller',
  'split_too_many_submerchants',
  'split_with_self',
  'submerchant_not_found',
  'submerchant_not_owned',
  'submerchant_not_payout',
  'submerchant_not_seller',
  'time_invalid',
  'time_out_of_order',
  'transfer_must_involve_platform',
  'transfer_same_party',
] as const);

/** A code of {@link LEDGER_REJECTION_CODES}: one the ledger itself rejects with. */
export type LedgerOwnRejectionCode = (typeof LEDGER_REJECTION_CODES)[number];

/**
 * A code a ledger result can carry: one of {@link LEDGER_REJECTION_CODES}, or a code of
 * `@kanjo/splits` or `@kanjo/fees` the ledger passes through (a split that does not add up, a fee
 * rate that does not parse…). A `switch` on it can be checked for exhaustiveness, and a
 * misspelt code does not compile.
 */
export type LedgerRejectionCode =
  | LedgerOwnRejectionCode
  | AmountErrorCode
  | SplitErrorCode
  | SellerSplitErrorCode
  | RefundSplitErrorCode
  | FeeErrorCode
  | FeeScheduleErrorCode;

/** A rejection from the ledger: a {@link LedgerRejectionCode} and a message saying what to fix. */
export type LedgerRejection = Rejection<LedgerRejectionCode>;

/** The outcome of a ledger operation that may be rejected for a business reason. */
export type LedgerResult<Value> = Result<Value, LedgerRejectionCode>;

/**
 * Builds a rejected result, as `@kanjo/splits`'s `reject` does, but only with a
 * {@link LedgerRejectionCode}, so a misspelt code does not compile. A new code of the ledger's
 * own goes into {@link LEDGER_REJECTION_CODES} and the README's table (a test checks both).
 */
export const reject: <Code extends LedgerRejectionCode>(code: Code, message: string) => { readonly ok: false; readonly error: Rejection<Code> } = rejectWithCode;
