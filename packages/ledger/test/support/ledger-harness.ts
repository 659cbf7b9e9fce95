import {
  CompactEntryDecoder,
  createLedger,
  journalNdjsonLines,
  merchantRecords,
  replayJournal,
  postedBalance,
  availableBalance,
  type Command,
  type Entry,
  type ExecuteResult,
  type Ledger,
  type LedgerConfig,
  type LedgerEvent,
  type LedgerStateView,
} from '@kanjo/ledger';
import { expect } from 'vitest';
import { CONFIG } from './fixtures.js';

/** A fresh ledger of `config` (the shared fixture by default); a bad configuration fails the test. */
export function newLedger(config: LedgerConfig = CONFIG): Ledger {
  const created = createLedger(config);
  if (!created.ok) throw new Error(`fixture configuration rejected: ${created.error.code}: ${created.error.message}`);
  return created.value;
}

/** A ledger that has already accepted `commands`, in order. */
export function ledgerAfter(commands: readonly Command[], config: LedgerConfig = CONFIG): Ledger {
  const ledger = newLedger(config);
  for (const command of commands) accepted(ledger, command);
  return ledger;
}

/** Executes a command that must be accepted; returns what it did. */
export function accepted(ledger: Ledger, command: Command): Extract<ExecuteResult, { ok: true }> {
  const result = ledger.execute(command);
  if (!result.ok) throw new Error(`${command.op} was rejected: ${result.error.code}: ${result.error.message}`);
  return result;
}

/** The entry an accepted command appended (it must have appended one). */
export function appended(ledger: Ledger, command: Command): Entry {
  const result = accepted(ledger, command);
  if (result.entry === undefined) throw new Error(`${command.op} appended no entry`);
  return result.entry;
}

/**
 * Everything a command may change: every own field of the state but its configuration (journal, balances, holds,
 * payments, refund requests and the index of pending ones, sessions, payout settings, settled
 * periods, idempotency keys, the clock…). Deep copies, so a later in-place change of the state
 * cannot alter a snapshot.
 */
export function stateSnapshot(state: LedgerStateView): unknown {
  // Every own field, so a field the engine gains is compared too (a list of them left out
  // pendingRefundRequests until review 183). The journal, frozen entries, as its JSON text.
  // Not the configuration: no command changes it, and replays under another configuration
  // (a merchant deactivated since) are compared by what the commands made of it.
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state)) {
    if (key !== 'config') fields[key] = key === 'journal' ? JSON.stringify(value) : structuredClone(value);
  }
  return fields;
}

/**
 * Executes a command that must be rejected with `code`, and checks that the rejection changed
 * nothing at all (DOMAIN.md: a command either appends all of its entries or none). Returns the
 * rejection's message.
 */
export function rejected(ledger: Ledger, command: Command, code: string): string {
  const before = stateSnapshot(ledger.state);
  const result = ledger.execute(command);
  expect(result.ok ? 'accepted' : result.error.code, `${command.op}`).toBe(code);
  expect(stateSnapshot(ledger.state)).toEqual(before);
  return result.ok ? '' : result.error.message;
}

/** A merchant's posted balance in JPY. */
export function balance(ledger: Ledger, merchant: string, currency = 'JPY'): number {
  return postedBalance(ledger.state, merchant, currency);
}

/** A merchant's available balance (posted less pending refund-request holds) in JPY. */
export function available(ledger: Ledger, merchant: string, currency = 'JPY'): number {
  return availableBalance(ledger.state, merchant, currency);
}

/** Posted JPY balances of the named merchants. */
export function balances(ledger: Ledger, ...merchants: string[]): Record<string, number> {
  return Object.fromEntries(merchants.map((merchant) => [merchant, balance(ledger, merchant)]));
}

/** A record row reduced to what the seeds' tables show. */
export interface Row {
  readonly merchant: string;
  readonly type: string;
  readonly deposit: number;
  readonly debit: number;
}

/** The merchant-balance records of the given entries (or of the whole journal), reduced to rows. */
export function rows(entries: Iterable<Entry>): Row[] {
  return merchantRecords(entries).map(({ merchant, type, deposit, debit }) => ({ merchant, type, deposit, debit }));
}

/** The records of the last accepted command's entry. */
export function rowsOf(entry: Entry): Row[] {
  return rows([entry]);
}

/** Events reduced to type, payment and session (what the tests compare). */
export function eventTypes(events: readonly LedgerEvent[]): string[] {
  return events.map((event) => event.type);
}

/** Sum of every merchant's JPY balance plus outside accounts must be zero: the journal balances. */
export function journalSums(journal: readonly Entry[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const entry of journal) for (const posting of entry.postings) sums.set(posting.account, (sums.get(posting.account) ?? 0) + posting.amount);
  return sums;
}

/**
 * A ledger rebuilt from `journal` as `kanjo run --journal` writes it and the README's restart
 * example reads it back (compact lines, decoded, replayed), with the decoded entries it keeps.
 */
export function readBack(config: LedgerConfig, journal: readonly Entry[]): { readonly ledger: Ledger; readonly entries: readonly Entry[] } {
  const [header = '', ...lines] = [...journalNdjsonLines(config, journal)].join('').split('\n').filter((line) => line !== '');
  const opened = CompactEntryDecoder.fromHeader(JSON.parse(header));
  if (!opened.ok) throw new Error(opened.error.message);
  const entries = lines.map((line, index) => {
    const decoded = opened.value.decoder.decodeText(line, index + 2);
    if (!decoded.ok) throw new Error(decoded.error.message);
    return decoded.value;
  });
  const replayed = replayJournal(opened.value.config, entries);
  if (!replayed.ok) throw new Error(replayed.error.message);
  return { ledger: replayed.value, entries };
}
