import { createLedger, journalNdjsonLines, replayJournal, type Command, type LedgerConfig } from '@kanjo/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/engine/canonical-json.js';
import { CONFIG, goldenPayment } from '../support/fixtures.js';
import { accepted, newLedger } from '../support/ledger-harness.js';
import { rawJournalOf, replayOutcome, type RawEntry } from '../support/raw-journal.js';

// Adversarial review of the changes d4ae710..main (2026-12-02, session 25). Each it.fails pins a
// defect: the test states the correct behaviour. The passing tests add coverage the session's
// own tests did not have. Compared by hand with a build of d4ae710 on the same inputs.

/** What `execute` does with `command`: its fingerprint, its rejection, or what it throws. */
function outcome(command: Command): string {
  const ledger = newLedger();
  try {
    const result = ledger.execute(command);
    return result.ok ? 'accepted' : `${result.error.code}`;
  } catch (error) {
    return `threw ${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

/** What `createLedger` does with `config`: accepted, its code, or what it throws. */
function configOutcome(config: LedgerConfig): string {
  try {
    const created = createLedger(config);
    return created.ok ? 'accepted' : created.error.code;
  } catch (error) {
    return `threw ${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

describe('a keyed command JSON cannot write is command_invalid, never thrown (write-json.ts)', () => {
  // Defect (regression): writeJson tells a bigint by its replacer, which JSON.stringify calls
  // only for primitives; a boxed bigint (`Object(1n)`) makes JSON.stringify throw its own
  // TypeError "Do not know how to serialize a BigInt", which is neither the cycle message nor
  // BigintMet, so it is rethrown out of `execute`. Minimal reproduction:
  // `ledger.execute({...goldenPayment('p'), idempotencyKey: 'k', note: Object(1n)})` throws
  // TypeError. At d4ae710 the same command was accepted (written `{}`). The README's table
  // (command_invalid) says a keyed command holding a value JSON cannot write (a bigint) is
  // command_invalid, and "what it throws, execute throws as it is" is about a caller's own
  // toJSON or getter, which here there is none of.
  it('a boxed bigint in a field Kanjo does not read is command_invalid', () => {
    expect(outcome({ ...goldenPayment('p'), idempotencyKey: 'k', note: Object(1n) as object } as unknown as Command)).toBe('command_invalid');
  });

  it('a boxed bigint nested in a list of such a field is command_invalid too', () => {
    expect(outcome({ ...goldenPayment('p'), idempotencyKey: 'k', note: { deep: [Object(2n)] } } as unknown as Command)).toBe('command_invalid');
  });

  it('a plain bigint there is command_invalid, and the same command without a key (never written) is accepted', () => {
    expect(outcome({ ...goldenPayment('p'), idempotencyKey: 'k', note: 1n } as unknown as Command)).toBe('command_invalid');
    expect(outcome({ ...goldenPayment('p'), note: Object(1n) as object } as unknown as Command)).toBe('accepted');
  });

  it('a caller\'s toJSON deeper down that throws a TypeError worded like a cycle is still read as a cycle (command_invalid), documented as V8\'s words', () => {
    // Pinned as it is: writeJson tells a cycle by the message's start alone.
    const note = { toJSON: (): never => { throw new TypeError('Converting circular structure to JSON, says the caller'); } };
    expect(outcome({ ...goldenPayment('p'), idempotencyKey: 'k', note } as unknown as Command)).toBe('command_invalid');
  });
});

describe('what a caller\'s toJSON deeper down throws is thrown on as it is (write-json.ts)', () => {
  // A toJSON that formats an invalid date: `new Date(NaN).toISOString()` throws RangeError
  // "Invalid time value".
  const note = { toJSON: (): string => new Date(Number.NaN).toISOString() };

  // Defect: writeJson reads every RangeError as "too deep or too long", the caller's own
  // included. Its TSDoc says "Anything else thrown while writing (a caller's toJSON or getter
  // that throws, whatever its class) is thrown on as it is", and the README's command_invalid row
  // "a toJSON or getter deeper down runs once; what it throws, execute throws as it is". Minimal
  // reproduction: `ledger.execute({...goldenPayment('p'), idempotencyKey: 'k', note: {toJSON: ()
  // => new Date(NaN).toISOString()}})` answers command_invalid "nested too deeply or too long to
  // write as JSON", which sends the caller looking for a size problem that is not there.
  it('a keyed command\'s toJSON deeper down that throws a RangeError: execute throws it', () => {
    const ledger = newLedger();
    expect(() => ledger.execute({ ...goldenPayment('p'), idempotencyKey: 'k', note } as unknown as Command)).toThrow('Invalid time value');
  });

  // The same in a configuration: createLedger answers config_invalid "its field note holds a
  // value too deep or too long", where a toJSON throwing an Error is thrown on (as below).
  it('a configuration field\'s toJSON that throws a RangeError: createLedger throws it', () => {
    expect(() => createLedger({ ...CONFIG, note } as LedgerConfig)).toThrow('Invalid time value');
  });

  it('a toJSON deeper down that throws an Error is thrown on, from execute and (new today) from createLedger', () => {
    const throwing = { toJSON: (): never => { throw new Error('the caller\'s own'); } };
    expect(() => newLedger().execute({ ...goldenPayment('p'), idempotencyKey: 'k', note: throwing } as unknown as Command)).toThrow('the caller\'s own');
    expect(() => createLedger({ ...CONFIG, note: throwing } as LedgerConfig)).toThrow('the caller\'s own');
  });
});

describe('createLedger refuses a configuration JSON cannot write as config_invalid (resolve-config.ts)', () => {
  const withField = (field: string, value: unknown): LedgerConfig => ({ ...CONFIG, [field]: value }) as LedgerConfig;

  // Defect (regression): the same boxed bigint, in a configuration field Kanjo does not read,
  // makes configJsonProblem's writeJson rethrow JSON.stringify's TypeError: createLedger throws
  // "Do not know how to serialize a BigInt" where d4ae710 accepted the configuration. README
  // (config_*): a configuration "holding a bigint … in a field Kanjo does not read" is
  // config_invalid, naming the field. Minimal reproduction:
  // `createLedger({...CONFIG, n: Object(1n)})` throws TypeError.
  it('a boxed bigint in a field Kanjo does not read is config_invalid', () => {
    expect(configOutcome(withField('n', Object(1n)))).toBe('config_invalid');
  });

  it('a plain bigint is config_invalid naming the field; a cycle in a merchant names the merchant and field', () => {
    const bigint = createLedger(withField('n', 1n));
    expect(bigint.ok ? 'accepted' : bigint.error).toEqual({
      code: 'config_invalid',
      message: "the configuration is written into its journal's header as JSON, and its field n holds a bigint, which JSON cannot write: leave it out, or write it as plain data",
    });
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    const [first, ...rest] = CONFIG.merchants;
    const cyclic = createLedger({ ...CONFIG, merchants: [{ ...first, extra: loop } as never, ...rest] });
    expect(cyclic.ok ? 'accepted' : cyclic.error.message).toBe(
      "the configuration is written into its journal's header as JSON, and merchant mart's field extra holds a cycle (an object inside itself), which JSON cannot write: leave it out, or write it as plain data",
    );
  });

  it('what JSON writes is still taken: a Date, a Map, a frozen configuration, a Proxy, a class instance answering merchants by a getter', () => {
    class Answering {
      get merchants(): LedgerConfig['merchants'] {
        return CONFIG.merchants;
      }
    }
    expect(configOutcome(withField('createdAt', new Date(0)))).toBe('accepted');
    expect(configOutcome(withField('lookup', new Map([['a', 1]])))).toBe('accepted');
    expect(configOutcome(Object.freeze({ ...CONFIG }))).toBe('accepted');
    expect(configOutcome(new Proxy({ ...CONFIG }, {}))).toBe('accepted');
    expect(configOutcome(new Answering() as unknown as LedgerConfig)).toBe('accepted');
  });

  // Defect (gap in the new check): a configuration (or a merchant) with its own toJSON is
  // accepted, but its journal's header is written through that toJSON: the header holds its
  // answer, not the configuration. Minimal reproduction: `createLedger({...CONFIG, toJSON: () =>
  // ({merchants: []})})` is ok, and journalNdjsonLines' header says `"config":{"merchants":[]}`,
  // so `kanjo reconcile` rebuilds another ledger (or none) from it. configJsonProblem exists to
  // refuse at creation a configuration its header cannot hold (README config_*), and a command's
  // own toJSON is refused for the same reason (README command_invalid): expected config_invalid.
  it('a configuration with its own toJSON is config_invalid (its header would hold the answer)', () => {
    expect(configOutcome({ ...CONFIG, toJSON: () => ({ merchants: [] }) } as LedgerConfig)).toBe('config_invalid');
  });

  it('a merchant with its own toJSON is config_invalid (its header would hold another merchant)', () => {
    const [first, ...rest] = CONFIG.merchants;
    const config = { ...CONFIG, merchants: [{ ...first, toJSON: () => ({ id: 'other', type: 'platform', business: 'marketplace' }) } as never, ...rest] };
    expect(configOutcome(config)).toBe('config_invalid');
  });

  it('the messages name which object has its own toJSON', () => {
    const said = (config: unknown): string => {
      const created = createLedger(config as LedgerConfig);
      return created.ok ? 'accepted' : `${created.error.code}: ${created.error.message}`;
    };
    const refused = (holder: string): string =>
      `config_invalid: the configuration is written into its journal's header as JSON, and ${holder} has its own toJSON method, which would write something else there: pass the configuration as plain data`;
    expect(said({ ...CONFIG, toJSON: () => ({ merchants: [] }) })).toBe(refused('the configuration'));
    const [first, ...rest] = CONFIG.merchants;
    expect(said({ ...CONFIG, merchants: [{ ...first, toJSON: () => ({}) }, ...rest] })).toBe(refused('merchant mart'));
    const methods = { credit_card: { feeRate: '3.6%', toJSON: () => ({ feeRate: '0%' }) } };
    expect(said({ ...CONFIG, merchants: [{ ...first, paymentMethods: methods }, ...rest] })).toBe(refused("merchant mart's paymentMethods.credit_card"));
  });
});

describe('keyed fingerprints of plain data are the text d4ae710 wrote', () => {
  // What d4ae710 kept for a keyed payment.create: canonicalJson of the fields as sent, without
  // at and the key, defaults filled in, written straight from the caller's data.
  function earlierFingerprint(command: Record<string, unknown>): string {
    const { at: _at, idempotencyKey: _key, ...request } = command;
    return canonicalJson({ ...request, capture: request['capture'] ?? true, origin: request['origin'] ?? 'api' });
  }
  const leaf = fc.oneof(fc.string({ unit: 'binary' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(-0), fc.date({ noInvalidDate: true }));
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('__proto__', 'constructor', '1', '-0')), tie('value'), { maxKeys: 3 })),
  })).value;
  const extraKey = fc.string({ unit: 'binary' }).filter((key) => !['op', 'id', 'merchant', 'amount', 'currency', 'paymentType', 'split', 'capture', 'origin', 'as', 'platformAmount', 'platformMerchant', 'at', 'idempotencyKey'].includes(key));

  it('every keyed payment with fields Kanjo does not read (nested, Dates, undefined, -0, __proto__ keys, any UTF-16) keeps the fingerprint d4ae710 kept, and its retry is answered', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(extraKey, fc.constant('__proto__')), json, { maxKeys: 4 }), fc.dictionary(extraKey, json, { maxKeys: 2 }), (extra, lineExtra) => {
        const make = (): Record<string, unknown> => ({ ...goldenPayment('p'), idempotencyKey: 'k', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0, ...lineExtra }], ...extra });
        const ledger = newLedger();
        const first = accepted(ledger, make() as unknown as Command);
        expect(first.entry.command.fingerprint).toBe(earlierFingerprint(make()));
        expect(accepted(ledger, make() as unknown as Command).replayed).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a retry of a keyed command whose entry d4ae710 wrote is answered (journals written by earlier versions)', () => {
  /** The ledger replayed from a journal whose one keyed entry has `fingerprint`, as an earlier version wrote it. */
  function replayedWithFingerprint(command: Command, fingerprint: string) {
    const written = newLedger();
    accepted(written, command);
    const earlier = JSON.parse(JSON.stringify(written.journal)) as { command: { fingerprint: string } }[];
    (earlier[0] as { command: { fingerprint: string } }).command.fingerprint = fingerprint;
    const replayed = replayJournal(CONFIG, earlier as never);
    if (!replayed.ok) throw new Error(replayed.error.message);
    return replayed.value;
  }
  /** What d4ae710 kept for a keyed payment.create: canonicalJson straight over the fields as read. */
  function d4ae710Fingerprint(command: Record<string, unknown>): string {
    const { at: _at, idempotencyKey: _key, ...request } = command;
    return canonicalJson({ ...request, capture: request['capture'] ?? true, origin: request['origin'] ?? 'api' });
  }

  it('plain data: the fingerprint d4ae710 wrote is today\'s, and the retry is answered', () => {
    const command = { ...goldenPayment('p'), idempotencyKey: 'k', note: { when: new Date(0), list: [1, 'two', null] } };
    const ledger = replayedWithFingerprint(command as unknown as Command, d4ae710Fingerprint(command));
    expect(accepted(ledger, command as unknown as Command).replayed).toBe(true);
  });

  // Defect (regression, a side of the deliberate change pinned in keyed-fingerprint-forms): d4ae710
  // fingerprinted a boxed primitive in a field Kanjo does not read through canonicalJson's
  // replacer, which rebuilds it from its own entries: `new String('ab')` as {"0":"a","1":"b"},
  // `Object(5)` and `new Boolean(true)` as {}. Today it is written as JSON writes it ("ab", 5,
  // true), and matchesEarlierFingerprint has no form that gives the old text back, so the retry
  // of the very same command, sent again after an upgrade, is idempotency_key_reused and the
  // caller is told to use a new key (a second payment). Minimal reproduction: a journal whose
  // entry for `{...goldenPayment('p'), idempotencyKey: 'k', note: new String('ab')}` keeps the
  // fingerprint d4ae710 wrote; replay it and execute the same command: idempotency_key_reused.
  // The brief and README ("a retry … is answered with the original entry") ask for replayed.
  // Left as it is, on purpose (noted for the planners at stop 32): the old form wrote Object(5)
  // and Object(6) alike as {}, which was the defect, and giving the old text back would need the
  // caller's object read again or every object of a command tested for a boxed value. It touches only keyed commands from code with
  // a boxed value in a field Kanjo does not read, in a journal written before 2026-12-02's sixth
  // session; README "Idempotency" says so.
  it('as it is: a boxed String in a field Kanjo does not read, in an entry d4ae710 wrote: the same command\'s retry is idempotency_key_reused', () => {
    const make = (): Record<string, unknown> => ({ ...goldenPayment('p'), idempotencyKey: 'k', note: new String('ab') });
    expect(d4ae710Fingerprint(make())).toContain('"note":{"0":"a","1":"b"}');
    const ledger = replayedWithFingerprint(make() as unknown as Command, d4ae710Fingerprint(make()));
    const again = ledger.execute(make() as unknown as Command);
    expect(again.ok ? again.replayed : again.error.code).toBe('idempotency_key_reused');
  });
});

describe('a capture of 100 split lines (parties past 16, not a settlement run) tampered in replay', () => {
  const ids = Array.from({ length: 100 }, (_, index) => `pm${String(index).padStart(3, '0')}`);
  const config: LedgerConfig = {
    merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }, ...ids.map((id) => ({ id, type: 'payout' as const, platform: 'mart' }))],
  };
  const commands: readonly Command[] = [
    {
      op: 'payment.create',
      id: 'p',
      merchant: 'mart',
      amount: 100 * 1000 + (99 * 100) / 2,
      currency: 'JPY',
      paymentType: 'credit_card',
      split: ids.map((id, index) => ({ submerchantId: id, amount: 1000 + index, platformFee: 100 })),
      at: '2026-01-05T10:00:00+09:00',
    },
  ];

  it('the faithful journal replays; a share moved from the 90th line to the 3rd (postings unchanged) is refused naming the 3rd', () => {
    expect(replayOutcome(rawJournalOf(commands, config), config)).toBe('accepted');
    const journal = rawJournalOf(commands, config);
    const entry = journal[0] as RawEntry;
    const captured = entry.changes.find((change) => change['kind'] === 'payment_captured') as { shares: { submerchants: { submerchantId: string; share: number }[] } };
    const [third, ninetieth] = [captured.shares.submerchants[2], captured.shares.submerchants[89]] as [{ share: number }, { share: number }];
    third.share += 7;
    ninetieth.share -= 7;
    // The same text d4ae710 answered (compared by hand): the shares as tampered, then the split's.
    const message = replayOutcome(journal, config);
    expect(message.startsWith('journal_entry_inapplicable: entry 1 cannot be applied: payment p captured for 104950 with shares platform 10000, pm000 900, pm001 901, pm002 909, pm003 903,')).toBe(true);
    expect(message).toContain(', pm089 982, pm090 990,');
    expect(message.endsWith(', pm088 988, pm089 989, pm090 990, pm091 991, pm092 992, pm093 993, pm094 994, pm095 995, pm096 996, pm097 997, pm098 998, pm099 999')).toBe(true);
  });

  it('the postings of the 2nd and the 99th party swapped (merchant and account) are refused with the message d4ae710 gave', () => {
    const journal = rawJournalOf(commands, config);
    const entry = journal[0] as RawEntry;
    const swap: Record<string, string> = { pm001: 'pm098', pm098: 'pm001' };
    for (const posting of entry.postings) {
      const other = swap[posting['merchant'] as string];
      if (other === undefined) continue;
      posting['merchant'] = other;
      posting['account'] = `Liabilities:Merchants:${other}`;
    }
    expect(replayOutcome(journal, config)).toBe(
      'journal_entry_inapplicable: entry 1 cannot be applied: the capture of payment p: posting 8 is -1001 JPY Payment Transfer on Liabilities:Merchants:pm098, where the engine posts -1001 JPY Payment Transfer on Liabilities:Merchants:pm001',
    );
  });
});

describe('at in ISO 8601 basic format and with a decimal comma (command-time.ts)', () => {
  /** The entry time of an authorization dated `at`, or its rejection code. */
  function timeOf(at: string): string {
    const result = newLedger().execute({ ...goldenPayment('p', { capture: false }), split: undefined, at } as unknown as Command);
    return result.ok ? result.entry.at : result.error.code;
  }

  it('reads the basic format to the minute or second, offsets +14 to -12, -00, and a nine-digit fraction after a comma (kept to the millisecond)', () => {
    expect(timeOf('20260401T1000Z')).toBe('2026-04-01T10:00:00.000Z');
    expect(timeOf('20260401T100000+1400')).toBe('2026-03-31T20:00:00.000Z');
    expect(timeOf('20260401T100000-1200')).toBe('2026-04-01T22:00:00.000Z');
    expect(timeOf('20260401T100000-00')).toBe('2026-04-01T10:00:00.000Z');
    expect(timeOf('20260401T100000,999999999+09')).toBe('2026-04-01T01:00:00.999Z');
    expect(timeOf('2026-04-01T10:00:00,5+09:30')).toBe('2026-04-01T00:30:00.500Z');
    expect(timeOf('14000102T000000Z')).toBe('1400-01-02T00:00:00.000Z');
    expect(timeOf('99991230T235959,999Z')).toBe('9999-12-30T23:59:59.999Z');
  });

  it('still refuses: lower-case t or z, a leap second, a mix of the formats in the time, a basic time with an extended offset, ten fraction digits, hours alone, a fraction of a minute, +15', () => {
    for (const at of ['20260401t100000z', '20260401T100000z', '20260630T235960Z', '2026-04-01T100000Z', '20260401T10:00:00Z', '20260401T100000+09:00', '20260401T100000,1234567890Z', '20260401T10Z', '2026-04-01T10:00,5Z', '20260401T1000,5Z', '20260401T100000+1500', '20260401T100000+0960', '20260401T100000,Z', '2026-04-01T10:00:00.5,5Z']) {
      expect([at, timeOf(at)]).toEqual([at, 'time_invalid']);
    }
  });
});
