import { MERCHANT_ACCOUNT_PREFIX, merchantBalances, replayJournal, type Entry, type ExecuteResult, type Ledger, type LedgerConfig } from '@kanjo/ledger';
import { expect } from 'vitest';
import { stateSnapshot } from './ledger-harness.js';

/**
 * What a demanding embedder expects of a ledger after caller code called back into it in the
 * middle of a command (README "How it works": entries are "never changed or removed", "postings
 * that sum to zero per currency", "A rejected command appends nothing and changes nothing";
 * "Idempotency": "the same idempotencyKey with the same command … answers the first result";
 * "apply": "a replay gives the same state as the live run").
 */

/** What `execute` gave the outer command: an answer, or what it threw. */
export type Outcome = { readonly threw: false; readonly result: ExecuteResult } | { readonly threw: true; readonly error: unknown };

export function attempt(run: () => ExecuteResult): Outcome {
  try {
    return { threw: false, result: run() };
  } catch (error) {
    return { threw: true, error };
  }
}

/** The outcome as a short label for messages and equality: `accepted`, `replayed`, a rejection code, or `threw`. */
export function label(outcome: Outcome): string {
  if (outcome.threw) return `threw ${outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message}` : String(outcome.error)}`;
  if (!outcome.result.ok) return outcome.result.error.code;
  return outcome.result.replayed ? 'replayed' : 'accepted';
}

/**
 * (a) sequence numbers 1..n in order and every entry summing to zero per currency; (c) no entry
 * object twice; (e) every idempotency key in at most one entry, and the ledger's record of it
 * pointing at that entry; (f) every merchant's balance the sum of its postings (a credit raises
 * it); (b) a replay of the journal from empty gives the live state, every part of it.
 */
export function expectLedgerSound(config: LedgerConfig, ledger: Ledger): void {
  const journal = ledger.journal;
  expect(journal.map((entry) => entry.seq), '(a) sequence numbers run 1..n').toEqual(journal.map((_, index) => index + 1));
  for (const entry of journal) {
    const sums = new Map<string, number>();
    for (const posting of entry.postings) sums.set(posting.currency, (sums.get(posting.currency) ?? 0) + posting.amount);
    for (const [currency, sum] of sums) expect(sum, `(a) entry ${entry.seq} sums to 0 in ${currency}`).toBe(0);
  }
  expect(new Set(journal).size, '(c) no entry object appears twice').toBe(journal.length);

  const keyed = new Map<string, number[]>();
  for (const entry of journal) {
    const key = entry.command.idempotencyKey;
    if (key !== undefined) keyed.set(key, [...(keyed.get(key) ?? []), entry.seq]);
  }
  for (const [key, seqs] of keyed) expect(seqs, `(e) key ${key} recorded by one entry`).toHaveLength(1);
  for (const [key, record] of ledger.state.idempotency) {
    expect(journal[record.seq - 1]?.command.idempotencyKey, `(e) the record of key ${key} points at its own entry`).toBe(key);
    expect(journal[record.seq - 1]?.command.fingerprint, `(e) the record of key ${key} keeps its entry's fingerprint`).toBe(record.fingerprint);
  }
  expect(ledger.state.idempotency.size, '(e) every keyed entry is remembered').toBe(keyed.size);

  const posted = new Map<string, Map<string, number>>();
  for (const entry of journal) {
    for (const posting of entry.postings) {
      if (!posting.account.startsWith(MERCHANT_ACCOUNT_PREFIX)) continue;
      const merchant = posting.account.slice(MERCHANT_ACCOUNT_PREFIX.length);
      const byCurrency = posted.get(merchant) ?? new Map<string, number>();
      byCurrency.set(posting.currency, (byCurrency.get(posting.currency) ?? 0) - posting.amount);
      posted.set(merchant, byCurrency);
    }
  }
  const fromPostings = Object.fromEntries(
    Object.entries(merchantBalances(ledger.state)).map(([merchant, balances]) => [
      merchant,
      Object.fromEntries(Object.keys(balances).map((currency) => [currency, posted.get(merchant)?.get(currency) ?? 0])),
    ]),
  );
  expect(merchantBalances(ledger.state), '(f) balances are the sums of the journal postings').toEqual(fromPostings);
  for (const [merchant, byCurrency] of posted) {
    for (const [currency, sum] of byCurrency) expect(merchantBalances(ledger.state)[merchant]?.[currency] ?? 0, `(f) ${merchant} ${currency}`).toBe(sum);
  }

  const replayed = replayJournal(config, journal);
  expect(replayed.ok ? 'replayed' : `${replayed.error.code}: ${replayed.error.message}`, '(b) the journal replays').toBe('replayed');
  if (replayed.ok) expect(stateSnapshot(replayed.value.state), '(b) a replay gives the live state').toEqual(stateSnapshot(ledger.state));
}

/**
 * (d) The outer command against the journal: `before` is the journal as the outer command
 * found it (a copy of the list), `nested` what the calls made from inside it returned. Every
 * entry appended since is one a nested call or the outer command itself appended, each once;
 * an accepted outer command's entry is in the journal exactly once (a replayed one's too, not
 * appended again); a rejected or thrown one appended nothing. (e) Every answer given for one
 * key, outer and nested, is the same entry.
 */
export function expectOutcomeConsistent(ledger: Ledger, before: readonly Entry[], outer: Outcome, outerKey: string | undefined, nested: readonly { readonly key: string | undefined; readonly outcome: Outcome }[]): void {
  const journal = ledger.journal;
  expect(journal.slice(0, before.length), '(d) entries before the command are kept as they were').toEqual(before);
  for (let index = 0; index < before.length; index += 1) expect(journal[index] === before[index], `(d) entry ${index + 1} is the same object`).toBe(true);
  const appended = journal.slice(before.length);
  const appendedByNested = nested.flatMap(({ outcome }) => (!outcome.threw && outcome.result.ok && !outcome.result.replayed ? [outcome.result.entry] : []));
  const outerAppended = !outer.threw && outer.result.ok && !outer.result.replayed ? [outer.result.entry] : [];
  expect(new Set(appended), '(d) what was appended is what the nested calls and the outer command say they appended').toEqual(new Set([...appendedByNested, ...outerAppended]));
  expect(appended.length, '(d) nothing appended twice').toBe(appendedByNested.length + outerAppended.length);
  if (!outer.threw && outer.result.ok) {
    const entry = outer.result.entry;
    expect(journal.filter((candidate) => candidate === entry), '(d) the outer entry is in the journal exactly once').toHaveLength(1);
    expect(journal[entry.seq - 1] === entry, '(d) the outer entry sits at its sequence number').toBe(true);
    expect(outer.result.events, '(d) the outer answer carries its entry events').toBe(entry.events);
  }
  const answers = [...nested, { key: outerKey, outcome: outer }];
  const entryOfKey = new Map<string, Entry>();
  for (const { key, outcome } of answers) {
    if (key === undefined || outcome.threw || !outcome.result.ok) continue;
    const known = entryOfKey.get(key);
    if (known === undefined) entryOfKey.set(key, outcome.result.entry);
    else expect(outcome.result.entry === known, `(e) key ${key} answered with one entry`).toBe(true);
    expect(outcome.result.entry.command.idempotencyKey, `(e) an answer for key ${key} is its own entry`).toBe(key);
  }
}
