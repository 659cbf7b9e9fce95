import {
  CompactEntryDecoder,
  JournalReplay,
  checkJournalLength,
  createLedger,
  hledgerJournalLines,
  journalNdjsonLines,
  merchantBalances,
  parseJournalEntry,
  replayJournal,
  runScenario,
  type Command,
  type Entry,
  type Ledger,
  type LedgerConfig,
} from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment } from './support/fixtures.js';
import { newLedger, stateSnapshot } from './support/ledger-harness.js';
import { scenarioDocument } from './support/scenario-document.js';
import { once } from './support/reentrancy-hooks.js';
import { expectLedgerSound } from './support/reentrancy-invariants.js';
import { BASE_COMMANDS, CANDIDATE_AT, CANDIDATES, baseLedger } from './support/reentrancy-world.js';

// Re-entrancy outside `execute`: a journal entry's getter during a replay (JournalReplay.add
// reads caller entries "each field once to check it and again to fold it", README
// "replayJournal"), a command executed while an export is being written, a configuration's
// getter during createLedger, a scenario command's getter during runScenario. The invariants
// are those of support/reentrancy-invariants.ts.

/** The base ledger's journal as plain data (what a reader or JSON.parse gives). */
function baseEntries(): Entry[] {
  return JSON.parse(JSON.stringify(baseLedger().journal)) as Entry[];
}

/** `entry` behind a Proxy whose first `get` runs `fire` (one Proxy per object: identity holds). */
function firingEntry(entry: Entry, fire: () => void): Entry {
  return new Proxy(entry, {
    get(target, key, receiver) {
      fire();
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/** A transfer whose replay the money check (merchantMoneyMisfit) compares party by party. */
const TRANSFER: Command = { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 10, currency: 'JPY', at: '2026-04-01T10:00:00Z' };

describe('JournalReplay.add: an entry whose getter calls back into the replay', () => {
  it('a getter that reads the half-rebuilt ledger sees the state before the entry, and the replay ends as the live ledger', () => {
    const live = baseLedger();
    const entries = baseEntries();
    for (let index = 0; index < entries.length; index += 1) {
      const replay = new JournalReplay(newLedger());
      const seen: unknown[] = [];
      for (const [at, entry] of entries.entries()) {
        const hook = once(() => seen.push({ balances: merchantBalances(replay.ledger.state), length: replay.ledger.journal.length, folded: replay.entries }));
        const added = replay.add(at === index ? firingEntry(entry, hook.fire) : entry);
        expect(added.ok ? 'ok' : added.error.message, `entry ${at + 1}`).toBe('ok');
      }
      const upTo = replayJournal(CONFIG, entries.slice(0, index));
      if (!upTo.ok) throw new Error(upTo.error.message);
      expect(seen, `reads inside entry ${index + 1}`).toEqual([{ balances: merchantBalances(upTo.value.state), length: index, folded: index }]);
      expect(stateSnapshot(replay.ledger.state)).toEqual(stateSnapshot(live.state));
    }
  });

  it('a getter that replays another journal between two adds (a generator given to replayJournal) changes nothing', () => {
    const entries = baseEntries();
    const other = newLedger();
    other.execute({ ...goldenPayment('pay_9'), at: '2026-04-01T10:00:00Z' });
    other.execute(TRANSFER);
    const otherEntries = JSON.parse(JSON.stringify(other.journal)) as Entry[];
    function* interleaved(): Generator<Entry> {
      for (const entry of entries) {
        expect(replayJournal(CONFIG, otherEntries).ok).toBe(true);
        yield entry;
      }
    }
    const replayed = replayJournal(CONFIG, interleaved());
    if (!replayed.ok) throw new Error(replayed.error.message);
    expect(stateSnapshot(replayed.value.state)).toEqual(stateSnapshot(baseLedger().state));
  });

  // Was a defect (fixed: a nested add throws). Reproduction (entries: a ¥1,000 golden payment, then two unkeyed transfers
  // pm1 → mart of 10 and 7, as plain data):
  //   const replay = new JournalReplay(newLedger());
  //   replay.add(entries[0]); replay.add(entries[1]);
  //   let fired = false;
  //   replay.add(new Proxy(entries[2], { get(t, k, r) { if (!fired) { fired = true; replay.add(entries[2]); } return Reflect.get(t, k, r); } }));
  // Both adds answer ok: the journal's sequence numbers are [1, 2, 3, 3] and the transfer of 7
  // moved twice (mart 84, pm1 606 where the live ledger has 77 and 613). #add computes
  // `expected = this.entries + 1` and checks #assertOnlyOwnEntries before it reads the entry,
  // so a nested add in between goes unnoticed. README "How it works": "Entries are never
  // changed or removed. Each has a sequence number"; "replayJournal … sequence numbers run
  // 1, 2, 3…" (JournalReplay TSDoc). Expected: the entry folded once (the outer add refused
  // with journal_sequence_broken, or it throws), the replay equal to the live ledger.
  it('a getter that adds the same entry to the same replay: the entry is folded once', () => {
    const live = newLedger();
    live.execute({ ...goldenPayment('pay_1'), at: '2026-04-01T10:00:00Z' });
    live.execute(TRANSFER);
    live.execute({ ...TRANSFER, amount: 7 });
    const entries = JSON.parse(JSON.stringify(live.journal)) as Entry[];
    const replay = new JournalReplay(newLedger());
    for (const entry of entries.slice(0, 2)) expect(replay.add(entry).ok).toBe(true);
    const third = entries[2] as Entry;
    const hook = once(() => void replay.add(third));
    // The nested add throws (misuse from code), its throw goes out through the getter and the
    // outer add: nothing is folded, and the plain entry is then added once.
    expect(() => replay.add(firingEntry(third, hook.fire))).toThrow(
      new Error('JournalReplay.add was called while another add was running (from a getter or Proxy trap of the entry being added): pass entries as plain data'),
    );
    expect(hook.fired()).toBe(true);
    expect(replay.ledger.journal.map((entry) => entry.seq)).toEqual([1, 2]);
    expect(replay.add(third).ok).toBe(true);
    expect(replay.ledger.journal.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(merchantBalances(replay.ledger.state)).toEqual(merchantBalances(live.state));
  });

  // Was a defect (fixed: such an execute throws, and so does the add). Reproduction (entries: the golden payment, then a transfer pm1 → mart of 10
  // with idempotencyKey 'k1', as plain data):
  //   replay.add(entries[0]);
  //   replay.add(new Proxy(entries[1], { get(t, k, r) { if (!fired) { fired = true;
  //     replay.ledger.execute({ op: 'balance.transfer', merchant: 'mart', from: 'pm2', to: 'mart', amount: 5, currency: 'JPY', idempotencyKey: 'k2' }); }
  //     return Reflect.get(t, k, r); } }));
  // Both answer ok and the journal's sequence numbers are [1, 2, 2]; a retry of key 'k1' then
  // answers with the entry of 'k2' (the idempotency record points at seq 2, journal[1]); the
  // next command gets seq 4; replayJournal of that journal is journal_sequence_broken. The
  // JournalReplay constructor's TSDoc: a ledger "with entries this replay did not add throws,
  // here or at the next `add`": an execute during an add slips past both checks. README
  // "Idempotency": "the same idempotencyKey with the same command … answers the first result".
  // Expected: the add refused or thrown, the ledger sound (contiguous, replayable, each key
  // answering its own entry).
  it('a getter that executes a command on the ledger being rebuilt: the ledger stays sound, each key answers its own entry', () => {
    const live = newLedger();
    live.execute({ ...goldenPayment('pay_1'), at: '2026-04-01T10:00:00Z' });
    live.execute({ ...TRANSFER, idempotencyKey: 'k1' });
    const entries = JSON.parse(JSON.stringify(live.journal)) as Entry[];
    const replay = new JournalReplay(newLedger());
    expect(replay.add(entries[0] as Entry).ok).toBe(true);
    const hook = once(() => void replay.ledger.execute({ op: 'balance.transfer', merchant: 'mart', from: 'pm2', to: 'mart', amount: 5, currency: 'JPY', idempotencyKey: 'k2' }));
    // The execute throws (misuse) and appends nothing; the add it came from throws too.
    expect(() => replay.add(firingEntry(entries[1] as Entry, hook.fire))).toThrow(
      new Error('execute was called on a ledger a JournalReplay is rebuilding, while it was adding an entry (from a getter or Proxy trap of that entry): pass entries as plain data'),
    );
    expect(replay.ledger.journal.map((entry) => entry.seq)).toEqual([1]);
    expect(hook.fired()).toBe(true);
    const retry = replay.ledger.execute({ ...TRANSFER, idempotencyKey: 'k1' });
    // Replayed from the entry of k1, or (had the add been refused) executed afresh: either way k1's own.
    expect(retry.ok ? retry.entry.command.idempotencyKey : retry.error.code).toBe('k1');
    expectLedgerSound(CONFIG, replay.ledger);
  });

  // Was a defect (fixed: an add while another runs throws). Reproduction: replay the golden
  // payment, then add the transfer pm1 → mart of 10 (plain data) with its second posting's
  // `merchant` a getter that, on its 4th read, runs replayJournal(CONFIG, journalOfAnotherLedger)
  // (a ledger holding one golden payment): the faithful entry was refused,
  // journal_entry_inapplicable "entry 2 cannot be applied: it moves 10 JPY for mart, but its
  // changes move 0 JPY for it": the replay's checks keep working lists in module variables,
  // and the nested replay emptied and refilled them half-way through the outer entry's check.
  // Now the nested replay throws and does nothing, the add it came from throws too, and the
  // replay is left sound: the entry not folded (then added plain) or, the getter having
  // swallowed the throw during the fold, folded whole.
  it("a getter that replays another ledger's journal in the middle of an entry's check: both throw, and the replay ends as the live ledger", () => {
    const live = newLedger();
    live.execute({ ...goldenPayment('pay_1'), at: '2026-04-01T10:00:00Z' });
    live.execute(TRANSFER);
    const entries = JSON.parse(JSON.stringify(live.journal)) as Entry[];
    const other = newLedger();
    other.execute({ ...goldenPayment('pay_9'), at: '2026-04-01T10:00:00Z' });
    const otherEntries = JSON.parse(JSON.stringify(other.journal)) as Entry[];
    const MISUSE = 'JournalReplay.add was called while another add was running (from a getter or Proxy trap of the entry being added): pass entries as plain data';
    // Each read of the getter in turn: one of them falls inside the money check, later ones in the fold.
    for (let fireAt = 1; fireAt <= 6; fireAt += 1) {
      const replay = new JournalReplay(newLedger());
      expect(replay.add(entries[0] as Entry).ok).toBe(true);
      const transfer = structuredClone(entries[1]) as Entry;
      const posting = transfer.postings[1] as Entry['postings'][number];
      const merchant = posting.merchant;
      let reads = 0;
      let nested = 'not run';
      Object.defineProperty(posting, 'merchant', {
        enumerable: true,
        get: () => {
          reads += 1;
          if (reads === fireAt) {
            try {
              nested = replayJournal(CONFIG, otherEntries).ok ? 'ok' : 'rejected';
            } catch (error) {
              nested = (error as Error).message;
            }
          }
          return merchant;
        },
      });
      expect(() => replay.add(transfer)).toThrow(new Error(MISUSE));
      expect(nested).toBe(MISUSE);
      if (replay.entries === 1) expect(replay.add(entries[1] as Entry).ok).toBe(true);
      expect(merchantBalances(replay.ledger.state)).toEqual(merchantBalances(live.state));
    }
  });
});

describe('journalNdjsonLines: the export while the ledger executes', () => {
  /** The export read back as `kanjo reconcile` reads it: whole (its count), decoded, replayed. */
  function readBack(lines: readonly string[]): { entries: number; balances: unknown } | string {
    const [header = '', ...rest] = lines.join('').split('\n').filter((line) => line !== '');
    const parsed = JSON.parse(header) as { kanjo_journal: number; entries?: number; config: LedgerConfig };
    let entries: Entry[];
    let counted: number | undefined;
    if (parsed.kanjo_journal === 2) {
      const opened = CompactEntryDecoder.fromHeader(parsed);
      if (!opened.ok) return opened.error.code;
      entries = [];
      for (const [index, line] of rest.entries()) {
        const decoded = opened.value.decoder.decodeText(line, index + 2);
        if (!decoded.ok) return `${decoded.error.code}: ${decoded.error.message}`;
        entries.push(decoded.value);
      }
      counted = opened.value.entries;
    } else {
      entries = [];
      for (const [index, line] of rest.entries()) {
        const decoded = parseJournalEntry(JSON.parse(line), index + 2);
        if (!decoded.ok) return `${decoded.error.code}: ${decoded.error.message}`;
        entries.push(decoded.value);
      }
      counted = parsed.entries;
    }
    const whole = checkJournalLength(counted, entries.length);
    if (!whole.ok) return `${whole.error.code}: ${whole.error.message}`;
    const replayed = replayJournal(parsed.config, entries);
    if (!replayed.ok) return `${replayed.error.code}: ${replayed.error.message}`;
    return { entries: entries.length, balances: merchantBalances(replayed.value.state) };
  }

  for (const format of ['compact', 'objects'] as const) {
    it(`${format}: a configuration getter that executes a command when the export reads it: the export holds the journal as it then is`, () => {
      const ledger = baseLedger();
      const config = { ...CONFIG };
      const hook = once(() => void ledger.execute(CANDIDATES[0] as Command));
      Object.defineProperty(config, 'book', { enumerable: false, get: () => (hook.fire(), undefined) });
      Object.setPrototypeOf(config, { marker: true });
      const lines = [...journalNdjsonLines(config, ledger.journal, format)];
      expect(hook.fired()).toBe(true);
      expect(readBack(lines)).toEqual({ entries: ledger.journal.length, balances: merchantBalances(ledger.state) });
    });

    // Was a defect (fixed: the export is of the journal as it was at its first line). Reproduction:
    //   ledger.execute({ ...goldenPayment('pay_1'), at: '2026-04-01T10:00:00Z' });
    //   for (const line of journalNdjsonLines(CONFIG, ledger.journal, format)) {
    //     out.push(line);
    //     if (out.length === 1) ledger.execute({ op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 10, currency: 'JPY', idempotencyKey: 'zz' });
    //   }
    // The header says 1 entry, 2 entry lines follow: compact's line 3 is "shape 8 is not in the
    // header" (journal_entry_malformed), both formats journal_length_mismatch. The generator
    // counts `journal.length` for the header, then walks the live array (`ledger.journal` is
    // the ledger's own list), so an entry appended while the caller streams the lines (an
    // `await` between writes lets another request execute) lands after a header that does not
    // count it. README "Export the journal … `kanjo reconcile` reads the file"; the objects
    // branch's own comment: "The header counts the entries: they are gathered first".
    // Expected: the export is the journal as it was when the header was written, readable by
    // reconcile (or the later entry counted), never an unreadable file.
    it(`${format}: a command executed between two lines of the export: the export still reads back whole`, () => {
      const ledger = baseLedger();
      const before = { entries: ledger.journal.length, balances: merchantBalances(ledger.state) };
      const lines: string[] = [];
      for (const line of journalNdjsonLines(CONFIG, ledger.journal, format)) {
        lines.push(line);
        if (lines.length === 1) expect(ledger.execute({ ...(CANDIDATES[9] as Command), idempotencyKey: 'during-export' }).ok).toBe(true);
      }
      expect(readBack(lines)).toEqual(before);
    });
  }
});

describe('hledgerJournalLines: the export while the ledger executes', () => {
  /** Accounts and commodities the transactions use that no directive declares (what `hledger check -s` and `ledger --pedantic` refuse). */
  function undeclared(text: string): string[] {
    const declared = new Set([...text.matchAll(/^(?:account|commodity) (.+)$/gm)].map((match) => match[1]));
    const used = [...text.matchAll(/^ {4}(\S+) {2}-?[\d.]+ (\S+)/gm)].flatMap((match) => [match[1] ?? '', match[2] ?? '']);
    return [...new Set(used.filter((name) => !declared.has(name)))];
  }

  it('from inside a command (a getter of its op): the export is the one before the command, every account declared', () => {
    const ledger = baseLedger();
    const before = [...hledgerJournalLines(ledger.state)].join('');
    let inside = '';
    const command = { ...(CANDIDATES[6] as Command) };
    const op = command.op;
    Object.defineProperty(command, 'op', { enumerable: true, get: () => ((inside = [...hledgerJournalLines(ledger.state)].join('')), op) });
    expect(ledger.execute(command).ok).toBe(true);
    expect(inside).toBe(before);
    expect(undeclared(before)).toEqual([]);
    expect(undeclared([...hledgerJournalLines(ledger.state)].join(''))).toEqual([]);
  });

  // Was a defect (fixed: declarations, transactions and balances all of the first line's moment).
  // Reproduction: a ledger whose journal has never posted a Refund Fee (the
  // reentrancy world's base: a pending Konbini refund request rr_1), then
  //   for (const chunk of hledgerJournalLines(ledger.state)) {
  //     out.push(chunk);
  //     if (out.length === 3) ledger.execute({ op: 'refund_request.complete', refundRequest: 'rr_1', at: '2026-04-01T11:00:00Z' });
  //   }
  // The account directives were written from the journal as it was; the transactions then walk
  // the live journal and write the completion's posting to Income:Fees:Refund, which no
  // directive declares: `hledger -f out.journal check -s` answers 'undeclared account
  // "Income:Fees:Refund"', `ledger --pedantic` 'Unknown account'. README "--hledger": the
  // directives are there "so that `hledger check -s` (strict) and `ledger --pedantic` read it
  // as it is". Streaming the lines with an await between writes lets another request execute.
  // Expected: the export of the journal as it was when it started (or every account it writes declared).
  it('a command executed between two chunks: every account and commodity the transactions use is declared', () => {
    const ledger = baseLedger();
    const chunks: string[] = [];
    for (const chunk of hledgerJournalLines(ledger.state)) {
      chunks.push(chunk);
      if (chunks.length === 3) expect(ledger.execute(CANDIDATES[6] as Command).ok).toBe(true);
    }
    expect(undeclared(chunks.join(''))).toEqual([]);
  });

  it('a command executed after the first chunk: the export is byte for byte the one of the ledger before it, closing balances included', () => {
    const ledger = baseLedger();
    const before = [...hledgerJournalLines(ledger.state)].join('');
    const chunks: string[] = [];
    for (const chunk of hledgerJournalLines(ledger.state)) {
      chunks.push(chunk);
      if (chunks.length === 1) expect(ledger.execute(CANDIDATES[6] as Command).ok).toBe(true);
    }
    expect(chunks.join('')).toBe(before);
    expect([...hledgerJournalLines(ledger.state)].join('')).not.toBe(before);
  });
});

describe('createLedger and runScenario: caller code that builds and runs other ledgers', () => {
  /** Runs the base commands and every candidate on `ledger`: the journal as JSON. */
  function runAll(ledger: Ledger): string {
    for (const command of [...BASE_COMMANDS, ...CANDIDATES]) ledger.execute(command);
    return JSON.stringify(ledger.journal);
  }

  it('a configuration whose getters create ledgers (of itself too) and execute on them: the ledger created is the plain one', () => {
    const plain = runAll(newLedger());
    let other: Ledger | undefined;
    const hook = once(() => {
      const created = createLedger(config);
      if (!created.ok) throw new Error(created.error.message);
      other = created.value;
      other.execute({ ...goldenPayment('pay_1'), at: CANDIDATE_AT });
    });
    const merchants = CONFIG.merchants.map((merchant) => ({ ...merchant }));
    const mart = merchants[0] as Record<string, unknown>;
    const methods = mart['paymentMethods'];
    Object.defineProperty(mart, 'paymentMethods', { enumerable: true, get: () => (hook.fire(), methods) });
    const config = { merchants } as unknown as LedgerConfig;
    const created = createLedger(config);
    if (!created.ok) throw new Error(created.error.message);
    expect(hook.fired()).toBe(true);
    expect(runAll(created.value)).toBe(plain);
    expectLedgerSound(CONFIG, created.value);
    expect(other?.journal.map((entry) => entry.seq)).toEqual([1]);
    expectLedgerSound(CONFIG, other as Ledger);
  });

  it("a scenario command's getter that runs another scenario and executes on its ledger: the report is the plain one", () => {
    const document = scenarioDocument(CONFIG, [...BASE_COMMANDS, ...CANDIDATES]);
    const plain = runScenario(structuredClone(document));
    if (!plain.ok) throw new Error(plain.error.message);
    for (const index of [0, BASE_COMMANDS.length, document.commands.length - 1]) {
      const hostile = structuredClone(document);
      const command = hostile.commands[index] as Record<string, unknown>;
      const op = command['op'];
      let nested: Ledger | undefined;
      const hook = once(() => {
        const inner = runScenario(structuredClone(document));
        if (!inner.ok) throw new Error(inner.error.message);
        nested = inner.value.ledger;
        nested.execute({ ...TRANSFER, at: '2026-05-01T00:00:00Z' });
      });
      Object.defineProperty(command, 'op', { enumerable: true, get: () => (hook.fire(), op) });
      const run = runScenario(hostile);
      if (!run.ok) throw new Error(run.error.message);
      expect(hook.fired(), `command ${index}`).toBe(true);
      expect(run.value.report, `command ${index}`).toEqual(plain.value.report);
      expect(JSON.stringify(run.value.ledger.journal), `command ${index}`).toBe(JSON.stringify(plain.value.ledger.journal));
      expectLedgerSound(run.value.config, run.value.ledger);
      expectLedgerSound(CONFIG, nested as Ledger);
    }
  });
});
