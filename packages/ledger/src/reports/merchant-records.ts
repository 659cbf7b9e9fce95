import type { Entry } from '../journal/entry.js';
import type { Posting } from '../journal/posting.js';
import type { RecordType } from '../journal/record-type.js';
import { quoted } from '../engine/message-text.js';
import { refuseJournalText } from '../journal/refuse-journal-text.js';

/** One row of the merchant-balance view: one posting on a merchant's balance. */
export interface MerchantRecord {
  /** The sequence number of the entry the posting belongs to. */
  readonly seq: number;
  /** The entry's time, ISO 8601 in UTC: the command's `at`, or the time of the command before it. */
  readonly at: string;
  /** The payment the entry concerns; absent for balance transfers and payouts. */
  readonly payment?: string;
  /** Whose balance the posting moves. */
  readonly merchant: string;
  /** The DOMAIN.md record name, e.g. `Payment Transfer`, `Processing Fee Tax`, `Payout`. */
  readonly type: RecordType;
  /** ISO 4217 code of `deposit` and `debit` (minor units). */
  readonly currency: string;
  /** What it added to the balance (0 or positive). */
  readonly deposit: number;
  /** What it took from the balance (0 or positive). */
  readonly debit: number;
}

/**
 * The merchant-balance view of a journal (SCENARIO.md `records`): in journal order, one row for
 * each posting on a merchant's balance, so a movement between two merchants shows on both.
 *
 * @example
 * // The ledger of the package README after its payment pay_1 (¥1,000 by card: 700 with a 70 fee to pm1, 300 with 30 to pm2):
 * merchantRecords(ledger.journal).filter((record) => record.merchant === 'pm1');
 * // [{ seq: 1, at: '1970-01-01T00:00:00.000Z', payment: 'pay_1', merchant: 'pm1', type: 'Payment Transfer', currency: 'JPY', deposit: 700, debit: 0 },
 * //  { seq: 1, at: '1970-01-01T00:00:00.000Z', payment: 'pay_1', merchant: 'pm1', type: 'Platform Fee', currency: 'JPY', deposit: 0, debit: 70 }]
 */
export function merchantRecords(journal: Iterable<Entry>): MerchantRecord[] {
  return merchantRows(journal, (entry, posting, deposit, debit) =>
    entry.payment === undefined
      ? { seq: entry.seq, at: entry.at, merchant: posting.merchant, type: posting.recordType, currency: posting.currency, deposit, debit }
      : { seq: entry.seq, at: entry.at, payment: entry.payment, merchant: posting.merchant, type: posting.recordType, currency: posting.currency, deposit, debit },
  );
}

/**
 * The rows of the merchant-balance view, each made by `row` from its entry, its posting (one
 * on a merchant's balance) and what the posting deposits and debits. Reports whose rows have
 * other fields (SCENARIO.md's have no `at`) build them here directly: mapping
 * {@link merchantRecords}' list held two lists of a million rows at once for a large scenario.
 * `row` writes each field itself: rows built by spreading objects are larger and slower to
 * write as JSON.
 *
 * @throws TypeError when a posting on a merchant's balance has no non-zero whole amount
 * (a journal read by a caller's own reader; `parseJournalEntry` and `replayJournal` refuse such
 * entries).
 */
export function merchantRows<Row>(journal: Iterable<Entry>, row: (entry: Entry, posting: Posting & { readonly merchant: string }, deposit: number, debit: number) => Row): Row[] {
  refuseJournalText(journal, 'merchantRecords');
  const rows: Row[] = [];
  for (const entry of journal) {
    for (const posting of entry.postings) {
      if (posting.merchant === undefined) continue;
      // Entries may come from a caller's own reader: a NaN or a string amount read as neither a
      // deposit nor a debit, and its row showed 0 where the journal holds no number at all.
      if (!Number.isSafeInteger(posting.amount) || posting.amount === 0) throw notAnAmount(entry, posting);
      // A credit on a merchant's liability account is a deposit to its balance.
      rows.push(row(entry, posting as Posting & { readonly merchant: string }, posting.amount < 0 ? -posting.amount : 0, posting.amount > 0 ? posting.amount : 0));
    }
  }
  return rows;
}

/** The refusal of a posting whose amount no report can show: not a non-zero safe integer. */
function notAnAmount(entry: Entry, posting: Posting): TypeError {
  return new TypeError(`entry ${quoted(entry.seq)} has a posting on ${quoted(posting.merchant)} whose amount is ${quoted(posting.amount)}: a posting's amount is a non-zero whole number of minor units; read stored journals with parseJournalEntry or CompactEntryDecoder, which check it`);
}
