import type { Entry } from '@kanjo/ledger';
import { createLedger, JournalReplay } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { rawJournalOf, replayOutcome, type RawEntry } from '../support/raw-journal.js';
import { EVERY_POSTING_COMMANDS as COMMANDS, EVERY_POSTING_CONFIG as CONFIG } from '../support/every-posting-flow.js';

// Review of 9e345ef: the replay's PostingMatcher / EventMatcher (one per module, kept between
// calls) are now released in a `finally` around each check (movements-misfit.ts,
// events-misfit.ts, payment-lifecycle-problem.ts). What must not change: every misfit message
// (the message is a string computed before the finally runs), a check that throws half-way,
// and a nested call from an entry's getter (refused by beginAdd before any check runs, so the
// outer check's matcher is never reset or released under it).


const at = (journal: RawEntry[], seq: number): RawEntry => journal[seq - 1] as RawEntry;
const posting = (journal: RawEntry[], seq: number, index: number): Record<string, unknown> => at(journal, seq).postings[index] as Record<string, unknown>;
const eventsOf = (journal: RawEntry[], seq: number): Record<string, unknown>[] => (at(journal, seq) as unknown as { events: Record<string, unknown>[] }).events;

interface Tamper {
  readonly seq: number;
  readonly edit: (journal: RawEntry[]) => void;
  /** The rejection, as 3c94d73 (before the release) gave it for the same journal: checked by running it there. */
  readonly message: string;
}

/** One tampered entry per matcher and per end of a match (a difference, a posting or event left over). */
const TAMPERS: Record<string, Tamper> = {
  'capture matcher (capturePlanMisfit)': {
    seq: 2,
    edit: (journal) => { posting(journal, 2, 4)['recordType'] = 'Payment Transfer'; posting(journal, 2, 5)['recordType'] = 'Payment Transfer'; },
    message: 'journal_entry_inapplicable: entry 2 cannot be applied: the capture of payment p1: posting 5 is 70 JPY Payment Transfer on Liabilities:Merchants:pm1, where the engine posts 70 JPY Platform Fee on Liabilities:Merchants:pm1',
  },
  'posting matcher, a transfer': {
    seq: 6,
    edit: (journal) => { for (const each of at(journal, 6).postings) each['recordType'] = 'Payout'; },
    message: "journal_entry_inapplicable: entry 6 cannot be applied: its postings are not the engine's movements for its changes: posting 1 is 10 JPY Payout on Liabilities:Merchants:pm2, where the engine posts 10 JPY Balance Transfer on Liabilities:Merchants:pm2",
  },
  'posting matcher, a refund with its parts swapped': {
    seq: 4,
    edit: (journal) => {
      const postings = at(journal, 4).postings;
      [postings[2], postings[4]] = [postings[4] as Record<string, unknown>, postings[2] as Record<string, unknown>];
      [postings[3], postings[5]] = [postings[5] as Record<string, unknown>, postings[3] as Record<string, unknown>];
    },
    message: "journal_entry_inapplicable: entry 4 cannot be applied: its postings are not the engine's movements for its changes: posting 3 is 30 JPY Payment Transfer Return on Liabilities:Merchants:pm2, where the engine posts 70 JPY Payment Transfer Return on Liabilities:Merchants:pm1",
  },
  'posting matcher, a payout': {
    seq: 7,
    edit: (journal) => { posting(journal, 7, 0)['recordType'] = 'Balance Transfer'; posting(journal, 7, 1)['recordType'] = 'Balance Transfer'; },
    message: "journal_entry_inapplicable: entry 7 cannot be applied: its postings are not the engine's movements for its changes: posting 1 is 560 JPY Balance Transfer on Liabilities:Merchants:pm1, where the engine posts 560 JPY Payout on Liabilities:Merchants:pm1",
  },
  'event matcher, an event left over': {
    seq: 4,
    edit: (journal) => void eventsOf(journal, 4).push({ type: 'payment.refunded', payment: 'p1' }),
    message: 'journal_entry_inapplicable: entry 4 cannot be applied: its event 2 {"type":"payment.refunded","payment":"p1"} is none its changes raise',
  },
  'event matcher, events out of order': {
    seq: 5,
    edit: (journal) => void eventsOf(journal, 5).reverse(),
    message: 'journal_entry_inapplicable: entry 5 cannot be applied: its event 1 is {"type":"payment.refunded","payment":"p2"}, where its changes raise {"type":"payment.refund.created","payment":"p2","amount":2000,"currency":"JPY"}',
  },
};

function tampered(name: string): RawEntry[] {
  const journal = rawJournalOf(COMMANDS, CONFIG);
  (TAMPERS[name] as Tamper).edit(journal);
  return journal;
}

const NAMES = Object.keys(TAMPERS);
const ADD_MISUSE = 'JournalReplay.add was called while another add was running (from a getter or Proxy trap of the entry being added): pass entries as plain data';

/** `value` with every object and list under it behind a Proxy that calls `onRead` on each property read. */
function watched<T>(value: T, onRead: () => void): T {
  if (typeof value !== 'object' || value === null) return value;
  const inner = new Map<PropertyKey, unknown>();
  return new Proxy(value as object, {
    get(target, key, receiver) {
      onRead();
      const found = Reflect.get(target, key, receiver) as unknown;
      if (typeof found !== 'object' || found === null) return found;
      if (!inner.has(key)) inner.set(key, watched(found, onRead));
      return inner.get(key);
    },
  }) as T;
}

/** A replay of `journal`'s entries before `seq` (all accepted), ready for entry `seq`. */
function replayUpTo(journal: RawEntry[], seq: number): JournalReplay {
  const made = createLedger(CONFIG);
  if (!made.ok) throw new Error(made.error.message);
  const replay = new JournalReplay(made.value);
  for (const entry of journal.slice(0, seq - 1)) expect(replay.add(entry as unknown as Entry)).toEqual({ ok: true, value: undefined });
  return replay;
}

const outcomeOf = (run: () => { ok: boolean; error?: { code: string; message: string } }): string => {
  try {
    const result = run();
    return result.ok ? 'accepted' : `${result.error?.code}: ${result.error?.message}`;
  } catch (error) {
    return `threw ${(error as Error).message}`;
  }
};

describe("9e345ef: the matchers' release changes no message", () => {
  it('the faithful journal is accepted, and each tampered entry is refused with the message 3c94d73 gave', () => {
    expect(replayOutcome(rawJournalOf(COMMANDS, CONFIG), CONFIG)).toBe('accepted');
    for (const name of NAMES) expect(replayOutcome(tampered(name), CONFIG), name).toBe((TAMPERS[name] as Tamper).message);
  });

  it('asked one after another in every order (each pair, twice), every journal gets its own message: no matcher keeps anything between checks', () => {
    for (const first of NAMES) {
      for (const second of NAMES) {
        for (const name of [first, second, first, second]) expect(replayOutcome(tampered(name), CONFIG), `${first} then ${second}`).toBe((TAMPERS[name] as Tamper).message);
        expect(replayOutcome(rawJournalOf(COMMANDS, CONFIG), CONFIG), `${first} then ${second}, then the faithful journal`).toBe('accepted');
      }
    }
  });

  it("a check that throws half-way (the k-th read of the tampered entry throws, every k): the throw is named, and the next journals' messages are exact", () => {
    for (const name of NAMES) {
      const { seq, message } = TAMPERS[name] as Tamper;
      let thrownAtSome = 0;
      for (let k = 1; ; k += 1) {
        const journal = tampered(name);
        const replay = replayUpTo(journal, seq);
        let reads = 0;
        const entry = watched(at(journal, seq), () => {
          reads += 1;
          if (reads === k) throw new Error(`caller: read ${k} refused`);
        });
        const outcome = outcomeOf(() => replay.add(entry as unknown as Entry));
        if (reads < k) {
          // Every read done without reaching k: the check ran whole, and answered its message.
          expect(outcome, `${name}, k ${k}`).toBe(message);
          break;
        }
        // A caller's throw is passed on as it is, or named as the reason the entry cannot be
        // applied; a read some check makes inside its own try (describing a value) leaves the message whole.
        expect([`threw caller: read ${k} refused`, `journal_entry_inapplicable: entry ${seq} cannot be applied: caller: read ${k} refused`, message], `${name}, k ${k}: ${outcome}`).toContain(outcome);
        thrownAtSome += 1;
        // Whatever the throw interrupted, the next checks start clean.
        for (const other of NAMES) expect(replayOutcome(tampered(other), CONFIG), `${name}, k ${k}, then ${other}`).toBe((TAMPERS[other] as Tamper).message);
      }
      expect(thrownAtSome, name).toBeGreaterThan(20);
    }
  });

  it("an entry getter that starts another replay's check at any read is refused before that check runs: the outer add throws the misuse, folds nothing, and the matchers are untouched", () => {
    for (const name of NAMES) {
      const { seq } = TAMPERS[name] as Tamper;
      let fired = 0;
      for (let k = 1; ; k += 1) {
        const journal = tampered(name);
        const replay = replayUpTo(journal, seq);
        let reads = 0;
        let nested = 'not run';
        const entry = watched(at(journal, seq), () => {
          reads += 1;
          // Another journal's tampered entry, checked by another replay: would reset and release the shared matchers.
          if (reads === k) nested = outcomeOf(() => replayUpTo(tampered('posting matcher, a transfer'), 6).add(at(tampered('posting matcher, a transfer'), 6) as unknown as Entry));
        });
        const outer = outcomeOf(() => replay.add(entry as unknown as Entry));
        if (reads < k) break;
        fired += 1;
        // replayUpTo's own first add is the one refused (it runs before any check of the nested journal).
        expect({ nested, outer, entries: replay.entries, journal: replay.ledger.journal.length }, `${name}, k ${k}`).toEqual({ nested: `threw ${ADD_MISUSE}`, outer: `threw ${ADD_MISUSE}`, entries: seq - 1, journal: seq - 1 });
        // The same replay then takes the entry as plain data, with the exact message.
        expect(outcomeOf(() => replay.add(at(tampered(name), seq) as unknown as Entry)), `${name}, k ${k}, then plain`).toBe((TAMPERS[name] as Tamper).message);
      }
      expect(fired, name).toBeGreaterThan(20);
    }
  });
});
