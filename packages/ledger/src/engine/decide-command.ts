import { reject, type LedgerResult } from './ledger-rejection.js';
import type { Command } from '../commands/command.js';
import { commandShapeProblem } from '../commands/command-shape-problem.js';
import { readCommandOnce } from '../commands/read-command-once.js';
import type { EntryDraft } from '../journal/entry.js';
import { decideCancelPayment } from '../payments/decide-cancel-payment.js';
import { decideCapturePayment } from '../payments/decide-capture-payment.js';
import { decideChargebackPayment } from '../payments/decide-chargeback-payment.js';
import { decideCreatePayment } from '../payments/decide-create-payment.js';
import { decideExpirePayment } from '../payments/decide-expire-payment.js';
import { decideRunSettlement } from '../payouts/decide-run-settlement.js';
import { decideUpdatePayoutSettings } from '../payouts/decide-update-payout-settings.js';
import { decideRefundPayment } from '../refunds/decide-refund-payment.js';
import { decideRequestRefund } from '../refunds/decide-request-refund.js';
import { decideCompleteRefundRequest, decideRejectRefundRequest } from '../refunds/decide-settle-refund-request.js';
import { decideCreateSession } from '../sessions/decide-create-session.js';
import { decideCancelSession, decideCompleteSession } from '../sessions/decide-settle-session.js';
import { decideTransferBalance } from '../transfers/decide-transfer-balance.js';
import type { LedgerStateView } from './ledger-state.js';
import { parseCommandTime, timeOfCommandWithoutAt, timeOutOfOrder } from './command-time.js';
import { quoted } from './message-text.js';
import { readPolluted } from './refuse-prototype-pollution.js';
import { checkBalanceRange } from './check-balance-range.js';
import { checkLedgerCapacity } from './check-ledger-capacity.js';

/**
 * Routes a command to its flow's `decide`: state and command in, the entry it would append or
 * a rejection out. Reads the state, never changes it. `at` is the command's time (epoch ms),
 * which a settlement run needs to know which periods have ended; left out, it is the command's
 * own `at` as `Ledger.execute` reads it (`time_invalid` for one it refuses, `time_out_of_order`
 * for one before the last entry's), or for a command without `at` the last entry's. A given
 * `at` wins over the command's and is not checked against the last entry's. `idempotencyKey`
 * is not read: a key execute would refuse (`idempotency_key_invalid`, `_reused`) is not
 * checked, and a retry is decided as a new command (a create's id then `payment_id_taken`),
 * where execute answers the first entry. What execute refuses after deciding is refused here
 * too: a balance taken beyond the safe integers (`balance_overflow`), a ledger too full
 * (`ledger_full`).
 * A field the flows would otherwise misread (from JavaScript, or a request body passed on
 * unparsed: a `capture` that is not a boolean, a `split` that is not a list of objects…) is
 * `command_invalid`, `field_missing` or `field_invalid`; any other field of the wrong type gets
 * the code of the check it fails (a merchant id that is a number, `merchant_not_found`), and an
 * amount that is not a non-negative safe integer throws a RangeError (README "How it works")
 * when the flow comes to it: a rejection the flow decides first (an unknown payment, a payment
 * in the wrong state) is answered instead. An `at` that is not a whole number of milliseconds
 * (NaN, a Date, a string) is the caller's mistake, not the command's: it throws a TypeError
 * rather than letting a settlement run, whose check that its periods have ended compares with
 * it, pay a week that has not ended.
 *
 * @example
 * // The ledger of the package README after its payment pay_1 (¥1,000 by card: 700 with a 70 fee to pm1, 300 with 30 to pm2):
 * decideCommand(ledger.state, { op: 'payment.refund', payment: 'pay_1' }); // { ok: false, error: { code: 'insufficient_balance', … } }: mart has 60 of the 100 in platform fees it gives back
 * decideCommand(ledger.state, { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 63, platformFee: 7 }, { submerchantId: 'pm2', amount: 27, platformFee: 3 }] });
 * // { ok: true, value: { payment: 'pay_1', changes: [{ kind: 'payment_refunded', amount: 100, parts: { platform: 10, … }, … }], postings: [...6 postings], events: [...] } }
 * ledger.journal.length; // still 1: deciding posts nothing
 */
export function decideCommand(state: LedgerStateView, sent: Command, at?: number): LedgerResult<EntryDraft> {
  if (at !== undefined && !Number.isSafeInteger(at)) {
    throw new TypeError(`decideCommand: at must be epoch milliseconds as a safe integer (Date.parse of the command's time), got ${typeof at === 'number' ? String(at) : typeof at}`);
  }
  const command = readPolluted(() => readCommandOnce(sent));
  const misshapen = commandShapeProblem(command);
  if (misshapen !== undefined) return misshapen;
  if (at !== undefined) return withinLimits(state, decideReadableCommand(state, command, at));
  // Review 175: the command's own `at` was ignored, so a settlement run the ledger accepts was
  // `settlement_period_not_ended` here, and a command the ledger refuses as out of order passed.
  const time = command.at === undefined ? timeOfCommandWithoutAt(state.lastAt, state.lastAtText) : parseCommandTime(command.at);
  if (!time.ok) return time;
  return timeOutOfOrder(state, time.value) ?? withinLimits(state, decideReadableCommand(state, command, time.value));
}

/**
 * The decided entry, or the rejection `Ledger.execute` gives it after deciding: a balance taken
 * past the safe integers (`balance_overflow`) or a ledger too full to take it (`ledger_full`; a
 * new idempotency key is not counted, as the key is not read). Review 211: a chargeback that
 * took a platform's balance below -2^53 was `ok` here and refused by execute.
 */
function withinLimits(state: LedgerStateView, decided: LedgerResult<EntryDraft>): LedgerResult<EntryDraft> {
  if (!decided.ok) return decided;
  return checkBalanceRange(state, decided.value.postings) ?? checkLedgerCapacity(state, decided.value.changes, false) ?? decided;
}

/**
 * {@link decideCommand} for a command {@link commandShapeProblem} has passed (`Ledger.execute`
 * checks it first, before its time and idempotency key).
 */
export function decideReadableCommand(state: LedgerStateView, command: Command, at: number): LedgerResult<EntryDraft> {
  switch (command.op) {
    case 'payment.create':
      return decideCreatePayment(state, command);
    case 'payment.capture':
      return decideCapturePayment(state, command);
    case 'payment.cancel':
      return decideCancelPayment(state, command);
    case 'payment.expire':
      return decideExpirePayment(state, command);
    case 'payment.refund':
      return decideRefundPayment(state, command);
    case 'payment.refund_request':
      return decideRequestRefund(state, command);
    case 'refund_request.complete':
      return decideCompleteRefundRequest(state, command);
    case 'refund_request.reject':
      return decideRejectRefundRequest(state, command);
    case 'payment.chargeback':
      return decideChargebackPayment(state, command);
    case 'balance.transfer':
      return decideTransferBalance(state, command);
    case 'payout_settings.update':
      return decideUpdatePayoutSettings(state, command);
    case 'settlement.run':
      return decideRunSettlement(state, command, at);
    case 'session.create':
      return decideCreateSession(state, command);
    case 'session.complete':
      return decideCompleteSession(state, command);
    case 'session.cancel':
      return decideCancelSession(state, command);
    default:
      return reject('op_unknown', `unknown op ${quoted((command as { op: unknown }).op)}: see SCENARIO.md for the ops Kanjo runs`);
  }
}
