import { replayJournal, type Command } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/engine/canonical-json.js';
import { CONFIG, goldenPayment } from '../support/fixtures.js';
import { accepted, newLedger, rejected } from '../support/ledger-harness.js';
import type { RawEntry } from '../support/raw-journal.js';

// A keyed command is written as JSON once, from the fields as read, and every form a retry is
// compared with (today's, and the ones earlier versions wrote) is made from that JSON: the
// caller's object is never read again (found 2026-12-02: a refused retry ran each getter three
// times). These pin the forms themselves.

/** A split line whose fields are getters of its class: `JSON.stringify` writes it as `{}`. */
class GetterLine {
  readonly #amount: number;
  constructor(amount: number) {
    this.#amount = amount;
  }
  get submerchantId(): string {
    return 'pm1';
  }
  get amount(): number {
    return this.#amount;
  }
  get platformFee(): number {
    return 0;
  }
}

/** A keyed ¥`amount` payment of mart whose one split line is a {@link GetterLine}, counting how often `amount` is read. */
function keyedWithGetterLine(amount: number, reads: { count: number }): Command {
  const line = new GetterLine(amount);
  const counted = Object.create(line, { amount: { get: () => ((reads.count += 1), line.amount), enumerable: false } }) as GetterLine;
  return { ...goldenPayment('p'), amount, idempotencyKey: 'k', split: [counted] } as unknown as Command;
}

describe('the forms a keyed retry is compared with', () => {
  it('an entry remembered before the fields were read once (a split line of getters written {}) answers a retry of the same command, reading each getter once; another amount is idempotency_key_reused', () => {
    const written = newLedger();
    accepted(written, keyedWithGetterLine(1000, { count: 0 }));
    const earlier = JSON.parse(JSON.stringify(written.journal)) as RawEntry[];
    // What the versions before wrote: JSON.stringify of the caller's object, defaults filled in.
    const { idempotencyKey: _key, ...sent } = JSON.parse(JSON.stringify({ ...goldenPayment('p'), split: [new GetterLine(1000)] })) as Record<string, unknown>;
    expect(sent['split']).toEqual([{}]);
    (earlier[0] as RawEntry & { command: { fingerprint: string } }).command.fingerprint = canonicalJson(sent);
    const replayed = replayJournal(CONFIG, earlier as never);
    if (!replayed.ok) throw new Error(replayed.error.message);
    const reads = { count: 0 };
    const again = replayed.value.execute(keyedWithGetterLine(1000, reads));
    expect(again.ok && again.replayed).toBe(true);
    expect(reads.count).toBe(1);
    // The old form cannot tell ¥1,000 from ¥2,000 in the split (both {}), but the amount differs.
    expect(rejected(replayed.value, keyedWithGetterLine(2000, reads), 'idempotency_key_reused')).toBe('idempotency_key k was used for a different command: use a new key');
    expect(reads.count).toBe(2);
  });

  it('a boxed number in a field Kanjo does not read is remembered as its number, so a retry with another is idempotency_key_reused (both were written {})', () => {
    const ledger = newLedger();
    const keyed = (note: number): Command => ({ ...goldenPayment('p'), idempotencyKey: 'k', note: Object(note) as object }) as unknown as Command;
    const first = accepted(ledger, keyed(5));
    expect(JSON.parse(first.entry.command.fingerprint ?? '')).toMatchObject({ note: 5 });
    expect(rejected(ledger, keyed(6), 'idempotency_key_reused')).toBe('idempotency_key k was used for a different command: use a new key');
    expect(accepted(ledger, keyed(5)).replayed).toBe(true);
  });

  it('a Date in a field Kanjo does not read is remembered as its ISO text, its toJSON run once per command', () => {
    const ledger = newLedger();
    let calls = 0;
    const at = new Date('2026-01-01T00:00:00Z');
    const counted = Object.assign(Object.create(at) as Date, { toJSON: () => ((calls += 1), at.toISOString()) });
    const first = accepted(ledger, { ...goldenPayment('p'), idempotencyKey: 'k', orderedAt: counted } as unknown as Command);
    expect(JSON.parse(first.entry.command.fingerprint ?? '')).toMatchObject({ orderedAt: '2026-01-01T00:00:00.000Z' });
    expect(calls).toBe(1);
    expect(rejected(ledger, { ...goldenPayment('p'), amount: 2000, idempotencyKey: 'k', orderedAt: counted } as unknown as Command, 'idempotency_key_reused')).toBe(
      'idempotency_key k was used for a different command: use a new key',
    );
    expect(calls).toBe(2);
  });

  it('a bigint and a cycle are named for what they are', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(rejected(newLedger(), { ...goldenPayment('p'), idempotencyKey: 'k', note: 5n } as unknown as Command, 'command_invalid')).toBe(
      'a command sent with an idempotency key is remembered as JSON, and this one holds a bigint, which JSON cannot write: send numbers as numbers and ids as strings',
    );
    expect(rejected(newLedger(), { ...goldenPayment('p'), idempotencyKey: 'k', note: cycle } as unknown as Command, 'command_invalid')).toBe(
      'a command sent with an idempotency key is remembered as JSON, and this one holds a cycle (an object inside itself), which JSON cannot write: send the command as plain data',
    );
  });
});
