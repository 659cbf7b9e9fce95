import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactEntryDecoder, Ledger, journalNdjsonLines, parseJournalEntry, replayJournal, type Command, type Entry, type ExecuteResult, type LedgerConfig } from '@kanjo/ledger';
import { journalScenarioArbitrary, runJournalScenario } from '../support/journal-scenarios.js';
import { goldenPayment } from '../support/fixtures.js';
import { newLedger, rejected, accepted } from '../support/ledger-harness.js';
import { replayOutcome, type RawEntry } from '../support/raw-journal.js';

// Journals the engine writes must replay (README "reconcile": "Every entry must be one the
// engine could have written"). A keyed command is remembered as JSON (README: its fingerprint
// is "the JSON of a command of the entry's op (without its time or key) naming what the entry is
// about"), written by JSON.stringify, which calls a value's own toJSON. A keyed command from
// code with its own toJSON method was accepted and remembered as whatever that method returned
// (found 2026-12-02): replay then refused the engine's own journal ("its fingerprint is of a
// command nothing, not payment.create"), and a retry of another command with the same toJSON
// answer was taken for the same one. As for a bigint or a cycle ("refused rather than
// fingerprinted by some other spelling"), it is command_invalid, and nothing is written.
describe('a keyed command from code with its own toJSON', () => {
  const keyed = { ...goldenPayment('pay_1'), idempotencyKey: 'k-1', at: '2026-04-01T10:00:00+09:00' };

  it('is command_invalid and appends nothing, whatever toJSON returns', () => {
    for (const toJSON of [() => 1, () => ({ type: 'payment', id: 'pay_1' }), () => ({ op: 'payment.create', id: 'other' })]) {
      const ledger = newLedger();
      expect(rejected(ledger, { ...keyed, toJSON } as unknown as Command, 'command_invalid')).toBe(
        'a command sent with an idempotency key is remembered as the JSON of its fields, and this one has its own toJSON method, which would write it as something else: send the command as plain data',
      );
      expect(ledger.journal).toHaveLength(0);
    }
  });

  it('a toJSON it inherits (a class\'s) is not its own: the command is remembered by its fields, and its journal replays', () => {
    class Request {
      toJSON(): unknown {
        return 'a request';
      }
    }
    const ledger = newLedger();
    const entry = accepted(ledger, Object.assign(new Request(), keyed) as unknown as Command).entry;
    expect(JSON.parse(entry?.command.fingerprint ?? '')).toMatchObject({ op: 'payment.create', id: 'pay_1' });
    expect(replayOutcome(JSON.parse(JSON.stringify(ledger.journal)) as RawEntry[])).toBe('accepted');
  });

  // A split line or bank account of a class that writes itself for logs (a toJSON it inherits)
  // is fingerprinted by its fields since the engine reads a command into a copy of plain data
  // (regressions/command-read-once.test.ts). Not decided: a toJSON of a nested value's OWN
  // (an object literal's, `{ submerchantId, amount, platformFee, toJSON }`), or one on a value
  // the copy keeps as it is (a field Kanjo does not read), still makes the fingerprint toJSON's
  // answer. Such a command's journal replays (only the fingerprint's op and subject are read),
  // but a retry of ANOTHER command is then answered as the first one: with split lines whose
  // own toJSON returns 'line', `payment.create` p with [pm1 1000/100] and then, under the same
  // key, p with [pm2 1000/900] answers the first result (replayed: true) instead of
  // idempotency_key_reused (README "Idempotency": "with a different command it is rejected";
  // DOMAIN.md: a reused id is rejected "unless it comes with the same idempotency key and the
  // same request" [decided]). Refusing every toJSON would also refuse a Date in a field Kanjo
  // does not read, whose JSON is faithful. Left to decide.
  it.todo('a keyed command holding a value with its own toJSON deeper down is fingerprinted by its fields, or refused');

  it('without a key its toJSON is never called: the command is accepted and its journal replays', () => {
    const ledger = newLedger();
    const { idempotencyKey: _key, ...unkeyed } = keyed;
    accepted(ledger, { ...unkeyed, toJSON: () => 1 } as unknown as Command);
    expect(replayOutcome(JSON.parse(JSON.stringify(ledger.journal)) as RawEntry[])).toBe('accepted');
  });
});

// The generated journals (journal-scenarios.ts) never send an idempotency key, and their ids
// are plain ASCII. Here every command of a drawn run is keyed (every third retried without its
// time, which must be answered from the key), and its payment, request and session ids end in
// `;:é😀`. Mid-run the journal is replayed, and the rebuilt ledger is sent every later command
// alongside the live one: both must answer alike, and the rebuilt ledger's journal, exported
// in both formats and read back, must replay too.
describe('keyed journals with unusual ids replay, and a rebuilt ledger goes on as the live one', () => {
  const SUFFIX = ';:é😀';
  const execute = Ledger.prototype.execute;

  it('for drawn runs of every flow', () => {
    let keys = 0;
    let mirror: { live: Ledger; rebuilt: Ledger } | undefined;
    let config: LedgerConfig | undefined;
    let countdown = 0;
    const send = (ledger: Ledger, command: Record<string, unknown>): ExecuteResult => {
      const result = execute.call(ledger, command as unknown as Command);
      if (result.ok && keys % 3 === 0) {
        const { at: _at, ...retry } = command;
        const again = execute.call(ledger, retry as unknown as Command);
        expect(again.ok && again.replayed, `retry of ${String(command['op'])}`).toBe(true);
      }
      return result;
    };
    Ledger.prototype.execute = function keyed(this: Ledger, command: Command): ExecuteResult {
      if (mirror === undefined && config !== undefined && (countdown -= 1) === 0) {
        const rebuilt = replayJournal(config, this.journal);
        if (!rebuilt.ok) throw new Error(`mid-run replay: ${rebuilt.error.code}: ${rebuilt.error.message}`);
        mirror = { live: this, rebuilt: rebuilt.value };
      }
      const sent: Record<string, unknown> = { ...command, idempotencyKey: `k${(keys += 1)}${SUFFIX}` };
      for (const field of ['id', 'payment', 'session', 'refundRequest']) {
        const id = sent[field];
        if (typeof id === 'string' && !id.endsWith(SUFFIX)) sent[field] = `${id}${SUFFIX}`;
      }
      const result = send(this, sent);
      if (mirror?.live === this) expect(JSON.stringify(send(mirror.rebuilt, sent)), `the rebuilt ledger on ${String(sent['op'])}`).toBe(JSON.stringify(result));
      return result;
    };
    try {
      fc.assert(
        fc.property(journalScenarioArbitrary, fc.integer({ min: 1, max: 30 }), (scenario, replayAfter) => {
          config = scenario.config;
          countdown = replayAfter;
          mirror = undefined;
          const { ledger } = runJournalScenario(scenario);
          for (const journal of mirror === undefined ? [ledger.journal] : [ledger.journal, (mirror as { rebuilt: Ledger }).rebuilt.journal]) {
            for (const format of ['compact', 'objects'] as const) {
              const replayed = replayJournal(scenario.config, readBack(scenario.config, journal, format));
              expect(replayed.ok ? 'accepted' : `${replayed.error.code}: ${replayed.error.message}`, format).toBe('accepted');
            }
          }
        }),
        { numRuns: 60 },
      );
    } finally {
      Ledger.prototype.execute = execute;
      config = undefined;
    }
  });
});

/** The journal exported in `format` and read back as `kanjo reconcile` reads it. */
function readBack(config: LedgerConfig, journal: readonly Entry[], format: 'compact' | 'objects'): Entry[] {
  const [header = '', ...lines] = [...journalNdjsonLines(config, journal, format)].map((line) => line.replace(/\n$/, ''));
  if (format === 'objects') {
    return lines.map((line, index) => {
      const parsed = parseJournalEntry(JSON.parse(line), index + 2);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    });
  }
  const opened = CompactEntryDecoder.fromHeader(JSON.parse(header));
  if (!opened.ok) throw new Error(opened.error.message);
  return lines.map((line, index) => {
    const decoded = opened.value.decoder.decodeText(line, index + 2);
    if (!decoded.ok) throw new Error(decoded.error.message);
    return decoded.value;
  });
}
