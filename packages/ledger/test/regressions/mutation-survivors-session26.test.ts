import { JournalReplay, formatScenarioTable, hledgerJournalLines, type Command, type Entry, type ScenarioReport } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { BANK_ACCOUNT, goldenPayment, refundRequest } from '../support/fixtures.js';
import { newLedger, rejected } from '../support/ledger-harness.js';
import { baseLedger, CANDIDATE_AT } from '../support/reentrancy-world.js';
import { ENTRY_FIELDS, entryFiringAt, threeEntries, TRANSFER } from '../support/three-entries.js';

// Mutation audit of session 26's source changes (git diff e6b7ac1..main -- packages/*/src):
// each test here kills a mutant the earlier tests let live. The mutant is named above the test.


const ADD_MISUSE = 'JournalReplay.add was called while another add was running (from a getter or Proxy trap of the entry being added): pass entries as plain data';
const EXECUTE_MISUSE = 'execute was called on a ledger a JournalReplay is rebuilding, while it was adding an entry (from a getter or Proxy trap of that entry): pass entries as plain data';

/** Runs `call`, answering the message it threw, or 'nothing'. */
function thrownBy(call: () => unknown): string {
  try {
    call();
    return 'nothing';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('JournalReplay.add names the first misuse of a getter, and keeps it as the reason the replay stopped', () => {
  // Kills replay-in-progress.ts `add.misuse ??= message` → `add.misuse = message` (the last
  // misuse would replace the first). A getter that adds again and then executes on the rebuilt
  // ledger (both throws caught): the outer add throws the first of the two, the nested add.
  it('a getter that misuses twice (a nested add, then an execute): the outer add throws the nested add\'s misuse', () => {
    const entries = threeEntries();
    const thrown = new Set<string>();
    for (const field of ENTRY_FIELDS) {
      for (let fireAt = 1; fireAt <= 40; fireAt += 1) {
        const replay = new JournalReplay(newLedger());
        for (const entry of entries.slice(0, 2)) expect(replay.add(entry).ok).toBe(true);
        const hostile = entryFiringAt(entries[2] as Entry, field, fireAt, () => {
          thrownBy(() => replay.add(entries[2] as Entry));
          thrownBy(() => replay.ledger.execute({ ...TRANSFER, amount: 5, at: '2026-04-01T11:00:00Z' }));
        });
        const message = thrownBy(() => replay.add(hostile.entry));
        if (!hostile.fired()) break;
        thrown.add(message);
      }
    }
    expect([...thrown]).toEqual([ADD_MISUSE]);
  });

  // Kills replay-journal.ts `${running.misuse ?? (error as Error).message}` → `${(error as Error).message}`
  // in the fold's catch. A getter read during the fold that executes on the rebuilt ledger (its
  // throw caught) and then throws an error of its own: the fold stops, and the replay refuses every
  // further entry naming the misuse, not the caller's error the misuse led to.
  it('a fold stopped by a getter that misused and then threw its own error: the replay names the misuse', () => {
    const entries = threeEntries();
    const reasons = new Set<string>();
    for (const field of ENTRY_FIELDS) {
      for (let fireAt = 1; fireAt <= 40; fireAt += 1) {
        const replay = new JournalReplay(newLedger());
        for (const entry of entries.slice(0, 2)) expect(replay.add(entry).ok).toBe(true);
        const hostile = entryFiringAt(entries[2] as Entry, field, fireAt, () => {
          thrownBy(() => replay.ledger.execute({ ...TRANSFER, amount: 5, at: '2026-04-01T11:00:00Z' }));
          throw new Error('the caller\'s own error');
        });
        thrownBy(() => replay.add(hostile.entry));
        if (!hostile.fired()) break;
        const again = replay.add(entries[2] as Entry);
        if (!again.ok) reasons.add(`${again.error.code}: ${again.error.message}`);
      }
    }
    expect([...reasons]).toEqual([`journal_entry_inapplicable: entry 3 cannot be applied: ${EXECUTE_MISUSE}; the replay stopped there, its state is incomplete: rebuild the ledger from the start`]);
  });
});

describe('lengthNote is only for a text past its bound', () => {
  // Kills validate-input.ts lengthNote `value.length <= bound` → `value.length < bound`. A
  // customer_name of exactly 255 characters is refused for not being katakana: it is not past
  // the bound, and the message must not tell the caller its length is the problem.
  it('a customer_name of exactly 255 letters (not katakana) is refused without a length note', () => {
    const ledger = baseLedger();
    const command: Command = {
      ...refundRequest({ id: 'rr_9', payment: 'kb_1', amount: 500, split: [{ submerchantId: 'pm1', amount: 450, platformFee: 50 }] }),
      bankAccount: { ...BANK_ACCOUNT, customerName: 'A'.repeat(255) },
      at: CANDIDATE_AT,
    };
    expect(rejected(ledger, command, 'bank_account_customer_name_invalid')).toBe(
      "customer_name must be the account holder's name in katakana (full-width or half-width, with spaces), with at least one kana letter (long vowel, iteration and voicing marks, middle dots and double hyphens alone name nobody), at most 255 characters, e.g. ヤマダタロウ",
    );
  });

  // The same boundary for bank_name: 255 spaces are blank, and are told so without a length note.
  it('a bank_name of exactly 255 spaces is refused as blank, without a length note', () => {
    const ledger = baseLedger();
    const command: Command = {
      ...refundRequest({ id: 'rr_9', payment: 'kb_1', amount: 500, split: [{ submerchantId: 'pm1', amount: 450, platformFee: 50 }] }),
      bankAccount: { ...BANK_ACCOUNT, bankName: ' '.repeat(255) },
      at: CANDIDATE_AT,
    };
    expect(rejected(ledger, command, 'bank_account_bank_name_invalid')).toBe('bank_name must be 1 to 255 characters, not blank');
  });
});

describe('a keyed command without at takes the time of the entry before it after its JSON is written', () => {
  // Kills ledger.ts `if (!now.ok) return now; at = now.value;` → `if (now.ok) at = now.value;`
  // (the re-read time's refusal dropped, the command keeping the time read before). The keyed
  // command's unread toJSON adds to a replay still rebuilding this ledger an entry of an earlier
  // version dated 9999-12-31, outside the range: the command, which has no at, takes that time,
  // and is refused time_invalid, as a command without at after that entry always is.
  it('a toJSON that folds a 9999-12-31 entry into the ledger: the undated keyed command is time_invalid, naming that time', () => {
    const live = newLedger();
    live.execute({ ...goldenPayment('pay_1'), at: '2026-04-01T10:00:00Z' });
    live.execute(TRANSFER);
    const entries = JSON.parse(JSON.stringify(live.journal)) as Entry[];
    const late = { ...entries[1], at: '9999-12-31T00:00:00.000Z' } as Entry;
    const replay = new JournalReplay(newLedger());
    expect(replay.add(entries[0] as Entry).ok).toBe(true);
    const { at: _at, ...undated } = TRANSFER;
    const nested: string[] = [];
    const command = {
      ...undated,
      amount: 5,
      idempotencyKey: 'k1',
      note: {
        toJSON: () => {
          const added = replay.add(late);
          nested.push(added.ok ? 'ok' : added.error.code);
          return 'a note';
        },
      },
    } as unknown as Command;
    const result = replay.ledger.execute(command);
    expect(nested).toEqual(['ok']);
    expect(result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`).toBe(
      "time_invalid: the command has no at, so it takes the previous entry's time, 9999-12-31T00:00:00.000Z, which is outside 1400-01-02 to 9999-12-30 in UTC (a journal of an earlier version): give it an at in that range, so that hledger and ledger read every date Kanjo writes of it",
    );
    expect(replay.ledger.journal.map((entry) => entry.at)).toEqual(['2026-04-01T10:00:00.000Z', '9999-12-31T00:00:00.000Z']);
  });
});

describe('formatScenarioTable keeps text from the scenario file on its line, lone surrogates escaped', () => {
  const report = (extra: Partial<ScenarioReport> = {}): ScenarioReport => ({ results: [], balances: {}, payments: {}, records: [], events: [], ...extra });

  // Kills format-scenario-table.ts CONTROL_CHARACTERS without `|${LONE_SURROGATE.source}`: a lone
  // surrogate written to UTF-8 becomes U+FFFD, and two ops differing only there would print alike.
  it('a title and a rejected op holding lone surrogates are written with \\uXXXX escapes', () => {
    const table = formatScenarioTable(
      report({ results: [{ index: 0, op: 'pay\uD800', ok: false, error: { code: 'op_unknown', message: 'op \uDC00' } }] as unknown as ScenarioReport['results'] }),
      'title \uDFFF',
    );
    expect(table.split('\n').slice(0, 3)).toEqual(['# title \\udfff', '1 commands: 0 accepted, 1 rejected', '  #0 "pay\\ud800": op_unknown: op \\udc00']);
  });

  // Kills the pattern's flag 'gu' → 'g': without `u` the surrogate class matches each half of a
  // pair, and an emoji (U+1F600, a valid pair) in a title or op would be written as two escapes.
  it('an emoji (a valid surrogate pair) is written as it is', () => {
    expect(formatScenarioTable(report(), 'fees \u{1F600}').split('\n')[0]).toBe('# fees \u{1F600}');
  });
});

describe('hledgerJournalLines refuses a ledger rebuilt without its journal, from its first entry not kept', () => {
  // Kills hledger-journal.ts `state.entriesNotKept > 0` → `> 1`: a ledger rebuilt with retain
  // false from ONE entry has a balance its (empty) export would assert with no transaction.
  it('one entry replayed with retain false: the export throws, naming 1 entry not kept', () => {
    const entries = threeEntries();
    const lean = new JournalReplay(newLedger(), false);
    expect(lean.add(entries[0] as Entry).ok).toBe(true);
    expect(() => [...hledgerJournalLines(lean.ledger.state)]).toThrow(
      new Error('this ledger was rebuilt without its journal (1 entry not kept): its hledger export would assert balances no transaction gives; replay with retain true to export it'),
    );
    // execute says it the same way ("1 entries" before).
    expect(() => lean.ledger.execute({ op: 'settlement.run', date: '2031-01-01', at: '2031-01-01T00:00:00Z' } as never)).toThrow(
      'this ledger was rebuilt without its journal (1 entry not kept) and cannot execute settlement.run',
    );
  });
});
