import { replayJournal, type Command } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/engine/canonical-json.js';
import { fieldsOnPrototype } from '../support/fields-on-prototype.js';
import { BANK_ACCOUNT, CONFIG, FUNDED_KONBINI, goldenPayment, refundRequest } from '../support/fixtures.js';
import { accepted, ledgerAfter, newLedger, rejected } from '../support/ledger-harness.js';
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

/** A keyed request to refund all of the paid ¥5,000 Konbini payment kb_1 into a bank account whose fields are getters of its prototype. */
function keyedRequestWithGetterAccount(accountNumber: string): Command {
  return refundRequest({ id: 'rq', payment: 'kb_1', idempotencyKey: 'k', bankAccount: fieldsOnPrototype({ ...BANK_ACCOUNT, accountNumber }) });
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

  it('a bank account of getters is remembered with its fields; an entry remembered before they were read once (the account written {}) answers a retry of the same request', () => {
    const written = ledgerAfter(FUNDED_KONBINI);
    const first = accepted(written, keyedRequestWithGetterAccount('1234567'));
    // Today the account's fields are read once and remembered, so another account is another command.
    expect(JSON.parse(first.entry.command.fingerprint ?? '')).toMatchObject({ bankAccount: BANK_ACCOUNT });
    expect(rejected(written, keyedRequestWithGetterAccount('7654321'), 'idempotency_key_reused')).toBe('idempotency_key k was used for a different command: use a new key');
    expect(accepted(written, keyedRequestWithGetterAccount('1234567')).replayed).toBe(true);

    // What the versions before wrote: JSON.stringify of the caller's object, where the account is {}.
    const earlier = JSON.parse(JSON.stringify(written.journal)) as RawEntry[];
    const requestEntry = earlier[earlier.length - 1] as RawEntry & { command: { fingerprint: string } };
    const { idempotencyKey: _key, ...sent } = JSON.parse(JSON.stringify(keyedRequestWithGetterAccount('1234567'))) as Record<string, unknown>;
    expect(sent['bankAccount']).toEqual({});
    requestEntry.command.fingerprint = canonicalJson(sent);
    const replayed = replayJournal(CONFIG, earlier as never);
    if (!replayed.ok) throw new Error(replayed.error.message);
    const again = replayed.value.execute(keyedRequestWithGetterAccount('1234567'));
    expect(again.ok && again.replayed).toBe(true);
    // The old form cannot tell one account from another (both {}): the request's other fields still count.
    expect(rejected(replayed.value, { ...keyedRequestWithGetterAccount('1234567'), amount: 100 } as Command, 'idempotency_key_reused')).toBe(
      'idempotency_key k was used for a different command: use a new key',
    );
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

  it('a bigint (boxed or not) and a cycle are named for what they are', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    for (const bigint of [5n, Object(5n) as object]) {
      expect(rejected(newLedger(), { ...goldenPayment('p'), idempotencyKey: 'k', note: bigint } as unknown as Command, 'command_invalid')).toBe(
        'a command sent with an idempotency key is remembered as JSON, and this one holds a bigint, which JSON cannot write: send numbers as numbers and ids as strings',
      );
    }
    expect(rejected(newLedger(), { ...goldenPayment('p'), idempotencyKey: 'k', note: cycle } as unknown as Command, 'command_invalid')).toBe(
      'a command sent with an idempotency key is remembered as JSON, and this one holds a cycle (an object inside itself), which JSON cannot write: send the command as plain data',
    );
  });

  it('a field named toJSON that is not a function is data: the command is remembered with it, and a retry with another value is idempotency_key_reused', () => {
    const ledger = newLedger();
    const keyed = (toJSON: string): Command => ({ ...goldenPayment('p'), idempotencyKey: 'k', toJSON }) as unknown as Command;
    const first = accepted(ledger, keyed('as text'));
    expect(JSON.parse(first.entry.command.fingerprint ?? '')).toMatchObject({ toJSON: 'as text' });
    expect(accepted(ledger, keyed('as text')).replayed).toBe(true);
    expect(rejected(ledger, keyed('other'), 'idempotency_key_reused')).toBe('idempotency_key k was used for a different command: use a new key');
  });

  it('a retry of another command whose split line writes itself as null (its own toJSON) and answers its fields from its prototype is idempotency_key_reused, not a TypeError', () => {
    // How such a line should be remembered is open (faithful-journals.test.ts's it.todo); what
    // is pinned here is that looking for the fields read through its prototype in the form
    // written (null, where a line's fields were expected) throws nothing.
    const line = Object.assign(fieldsOnPrototype({ submerchantId: 'pm1', amount: 1000, platformFee: 0 }), { toJSON: () => null });
    const ledger = newLedger();
    accepted(ledger, { ...goldenPayment('p'), idempotencyKey: 'k', split: [line] } as unknown as Command);
    expect(rejected(ledger, { ...goldenPayment('p'), amount: 2000, idempotencyKey: 'k', split: [line] } as unknown as Command, 'idempotency_key_reused')).toBe(
      'idempotency_key k was used for a different command: use a new key',
    );
  });
});
