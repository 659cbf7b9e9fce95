import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import { MERCHANT_ACCOUNT_PREFIX } from './accounts.js';
import { changeShapeProblem } from './change-shape-problem.js';
import type { Entry } from './entry.js';
import { ENTRY_TIME_FORM, entryTimeMillis } from './entry-time.js';
import type { Posting } from './posting.js';

/**
 * One entry of an imported journal, checked for the shape replay relies on: a sequence number,
 * a time, a command, lists of changes (each of the shape its kind has: the fields `Change` lists for it),
 * events and postings, each posting with an account, a currency, a non-zero safe-integer
 * amount and a record type. A file edited by hand or cut off is named here rather than
 * failing deep inside the fold. Postings may be objects or the
 * export's `[account, currency, amount, recordType]` tuples; either way they come back as
 * {@link Posting} objects, with the merchant taken from a merchant account's name.
 */
export function parseJournalEntry(value: unknown, line: number): LedgerResult<Entry> {
  if (typeof value !== 'object' || value === null) return reject('journal_entry_malformed', `line ${line}: an entry must be a JSON object`);
  const entry = value as Record<string, unknown>;
  const seq = entry['seq'];
  const where = `line ${line}${typeof seq === 'number' ? ` (entry ${seq})` : ''}`;
  if (!Number.isSafeInteger(seq)) return reject('journal_entry_malformed', `${where}: seq must be an integer`);
  if (typeof entry['at'] !== 'string' || Number.isNaN(entryTimeMillis(entry['at']))) return reject('journal_entry_malformed', `${where}: at must be ${ENTRY_TIME_FORM}`);
  if (typeof entry['command'] !== 'object' || entry['command'] === null) return reject('journal_entry_malformed', `${where}: command is missing`);
  // As the compact decoder: a command names its op, and the entry's payment is a string or absent.
  if (typeof (entry['command'] as Record<string, unknown>)['op'] !== 'string') return reject('journal_entry_malformed', `${where}: the command has no op`);
  if (entry['payment'] !== undefined && entry['payment'] !== null && typeof entry['payment'] !== 'string') return reject('journal_entry_malformed', `${where}: payment must be a string or null`);
  if (!Array.isArray(entry['changes']) || !Array.isArray(entry['events']) || !Array.isArray(entry['postings'])) {
    return reject('journal_entry_malformed', `${where}: changes, events and postings must be lists`);
  }
  for (const change of entry['changes'] as unknown[]) {
    const problem = changeShapeProblem(change);
    if (problem !== undefined) return reject('journal_entry_malformed', `${where}: ${problem}`);
  }
  const postings: Posting[] = [];
  for (const raw of entry['postings'] as unknown[]) {
    const fields = (Array.isArray(raw) ? { account: raw[0], currency: raw[1], amount: raw[2], recordType: raw[3] } : raw) as Record<string, unknown> | null;
    // A tuple's items are known by position: a fifth is nothing the engine writes, and a
    // missing one would be read as a posting without it (the compact format's triples are as strict).
    if (Array.isArray(raw) && raw.length !== 4) {
      return reject('journal_entry_malformed', `${where}: a posting as a list is [account, currency, amount, recordType], not ${raw.length} items`);
    }
    if (
      fields === null ||
      typeof fields['account'] !== 'string' ||
      typeof fields['currency'] !== 'string' ||
      typeof fields['recordType'] !== 'string' ||
      !Number.isSafeInteger(fields['amount']) ||
      fields['amount'] === 0 ||
      (fields['merchant'] !== undefined && typeof fields['merchant'] !== 'string')
    ) {
      return reject('journal_entry_malformed', `${where}: a posting needs account, currency, recordType and a non-zero integer amount`);
    }
    const account = fields['account'] as string;
    const merchant = account.startsWith(MERCHANT_ACCOUNT_PREFIX) ? account.slice(MERCHANT_ACCOUNT_PREFIX.length) : undefined;
    // One object shape for every posting (merchant undefined on outside accounts): the fold
    // then runs monomorphic over a million of them.
    postings.push({ account, merchant, currency: fields['currency'] as string, amount: fields['amount'] as number, recordType: fields['recordType'] as Posting['recordType'] } as Posting);
  }
  const parsed = value as Entry;
  return accept({
    seq: parsed.seq,
    at: parsed.at,
    command: parsed.command,
    payment: parsed.payment ?? undefined,
    changes: parsed.changes,
    postings,
    events: parsed.events,
  } as Entry);
}
