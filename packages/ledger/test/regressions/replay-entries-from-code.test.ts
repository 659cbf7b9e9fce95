import fc from 'fast-check';
import { JournalReplay, createLedger, replayJournal, type Entry } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// A service that keeps the journal in its own store (a JSON column, a document database) and
// rebuilds the ledger with replayJournal(config, rows.map(JSON.parse)) hands replay entries
// no reader has checked. Before entryFrameProblem, a posting amount written as text was summed
// as text ("its JPY postings sum to 01000-10001000-100036-364-4, not 0"), a bigint amount, a
// null entry, null postings or a null posting threw a TypeError out of replayJournal, and a
// null command, changes or events came back as journal_entry_inapplicable quoting the
// TypeError ("Cannot read properties of null (reading 'some')"). Each is now
// journal_entry_malformed, naming the entry and the field.

/** The ¥1,000 golden capture, then a transfer: two entries as plain data (what JSON.parse gives back). */
function storedJournal(): Record<string, any>[] {
  const ledger = ledgerAfter([goldenPayment('pay_1'), { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 10, currency: 'JPY' }]);
  return JSON.parse(JSON.stringify(ledger.journal)) as Record<string, any>[];
}

/** The journal with one edit to its first entry. */
function edited(edit: (entry: Record<string, any>) => void): Record<string, any>[] {
  const journal = storedJournal();
  edit(journal[0]!);
  return journal;
}

/** What replayJournal answers: `accepted`, `code: message`, or `threw …`. */
function outcome(entries: Iterable<unknown>): string {
  try {
    const replayed = replayJournal(CONFIG, entries as Iterable<Entry>);
    return replayed.ok ? 'accepted' : `${replayed.error.code}: ${replayed.error.message}`;
  } catch (error) {
    return `threw ${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

const nullPrototypeList = <T>(items: T[]): T[] => Object.setPrototypeOf(items, null) as T[];

describe('replayJournal: an entry from code that is not in the frame replay reads is journal_entry_malformed, naming the field', () => {
  it('the stored journal as it is replays (the edits below are what is refused)', () => {
    expect(outcome(storedJournal())).toBe('accepted');
  });

  it.each([
    ['a posting amount written as text', (e: Record<string, any>) => { e['postings'][0].amount = '1000'; e['postings'][1].amount = '-1000'; }, 'entry 1: posting 1 has amount "1000", not a non-zero integer of minor units'],
    ['a posting amount of a bigint', (e: Record<string, any>) => { e['postings'][0].amount = 1000n; e['postings'][1].amount = -1000n; }, 'entry 1: posting 1 has amount 1000n, not a non-zero integer of minor units'],
    ['a posting amount of 1000.5', (e: Record<string, any>) => { e['postings'][0].amount = 1000.5; e['postings'][1].amount = -1000.5; }, 'entry 1: posting 1 has amount 1000.5, not a non-zero integer of minor units'],
    ['a posting amount of NaN', (e: Record<string, any>) => { e['postings'][2].amount = Number.NaN; }, 'entry 1: posting 3 has amount NaN, not a non-zero integer of minor units'],
    ['a posting of 0 added', (e: Record<string, any>) => { e['postings'].push({ ...e['postings'][0], amount: 0 }); }, 'entry 1: posting 15 has amount 0, not a non-zero integer of minor units'],
    ['a posting that is null', (e: Record<string, any>) => { e['postings'][0] = null; }, 'entry 1: posting 1 is null, not a posting object'],
    ['a posting currency that is missing', (e: Record<string, any>) => { delete e['postings'][1].currency; }, 'entry 1: posting 2 has currency nothing, not a string'],
    ['a posting merchant that is a number', (e: Record<string, any>) => { e['postings'][1].merchant = 5; }, 'entry 1: posting 2 has merchant 5, not a string'],
    ['an outside posting with a merchant of null', (e: Record<string, any>) => { e['postings'][0].merchant = null; }, 'entry 1: posting 1 has merchant null, not a string'],
    ['postings that are null', (e: Record<string, any>) => { e['postings'] = null; }, 'entry 1: postings must be a list, not null'],
    ['postings that are an object', (e: Record<string, any>) => { e['postings'] = {}; }, 'entry 1: postings must be a list, not {}'],
    ['postings of a list without a prototype', (e: Record<string, any>) => { e['postings'] = nullPrototypeList([...e['postings']]); }, "entry 1: postings is a list without Array.prototype's iterator (a null prototype?): pass a plain list"],
    ['changes that are null', (e: Record<string, any>) => { e['changes'] = null; }, 'entry 1: changes must be a list, not null'],
    ['changes that are text', (e: Record<string, any>) => { e['changes'] = 'x'; }, 'entry 1: changes must be a list, not "x"'],
    ['a change that is null', (e: Record<string, any>) => { e['changes'][0] = null; }, 'entry 1: change 1 must be an object naming its kind, not null'],
    ['a change without its kind', (e: Record<string, any>) => { delete e['changes'][1].kind; }, 'entry 1: change 2 must be an object naming its kind, not an object'],
    ['events that are null', (e: Record<string, any>) => { e['events'] = null; }, 'entry 1: events must be a list, not null'],
    ['a command that is null', (e: Record<string, any>) => { e['command'] = null; }, 'entry 1: command must be an object naming its op, not null'],
    ['a command without its op', (e: Record<string, any>) => { e['command'] = {}; }, 'entry 1: command must be an object naming its op, not {}'],
    ['a seq written as text', (e: Record<string, any>) => { e['seq'] = '1'; }, 'the entry at position 1: seq must be an integer, not "1"'],
  ])('%s', (_what, edit, message) => {
    expect(outcome(edited(edit))).toBe(`journal_entry_malformed: ${message}`);
  });

  it('an account or record type that is not text is refused by the walk that checks them by name', () => {
    expect(outcome(edited((e) => { e['postings'][0].account = 5; }))).toBe("journal_entry_inapplicable: entry 1 cannot be applied: account 5 is neither KOMOJU's nor that of a merchant configured in the journal's book");
    expect(outcome(edited((e) => { e['postings'][0].recordType = 5; }))).toBe("journal_entry_inapplicable: entry 1 cannot be applied: record type 5 is not one of KOMOJU's");
  });

  it('an entry that is null, a number or missing (a hole in the list) is named by its position', () => {
    const [first] = storedJournal();
    expect(outcome([first, null])).toBe('journal_entry_malformed: the entry at position 2 is null, not an entry object');
    expect(outcome([first, 3])).toBe('journal_entry_malformed: the entry at position 2 is 3, not an entry object');
    // eslint-disable-next-line no-sparse-arrays
    expect(outcome([first, , first])).toBe('journal_entry_malformed: the entry at position 2 is nothing, not an entry object');
    // A journal's text is no list of entries: refused as text (review 175), not as its first character.
    expect(outcome('x')).toMatch(/^threw TypeError: replayJournal: the journal must be its entries, not its text: /);
  });

  it('JournalReplay.add refuses the same, changes nothing, and takes the right entry next', () => {
    const created = createLedger(CONFIG);
    if (!created.ok) throw new Error(created.error.message);
    const replay = new JournalReplay(created.value);
    const [first, second] = storedJournal();
    const refused = replay.add({ ...first, postings: null } as unknown as Entry);
    expect(refused).toEqual({ ok: false, error: { code: 'journal_entry_malformed', message: 'entry 1: postings must be a list, not null' } });
    expect(replay.entries).toBe(0);
    expect(created.value.state.balances.size).toBe(0);
    expect(replay.add(first as Entry)).toEqual({ ok: true, value: undefined });
    expect(replay.add(second as Entry)).toEqual({ ok: true, value: undefined });
    expect(created.value.state.balances.get('pm1')?.get('JPY')).toBe(630 - 10);
  });
});

describe('replayJournal: what is given as the entries', () => {
  it('a Set, a generator and a list without Array.prototype replay as a list does', () => {
    const journal = storedJournal();
    expect(outcome(new Set(journal))).toBe('accepted');
    expect(outcome((function* () { yield* journal; })())).toBe('accepted');
    expect(outcome(nullPrototypeList([...journal]))).toBe('accepted');
  });

  it.each([
    [5, '5'],
    [null, 'null'],
    [undefined, 'nothing'],
    [{}, '{}'],
  ])('entries of %s is misuse from code: a TypeError saying what to pass', (entries, shown) => {
    expect(outcome(entries as unknown as Iterable<unknown>)).toBe(`threw TypeError: replayJournal: entries must be an iterable of entries (a list, a Set, a generator), not ${shown}`);
  });
});

/** Every place of the frame replay reads, in the first entry. */
const FRAME_PATHS: readonly (readonly (string | number)[])[] = [
  ['seq'], ['command'], ['command', 'op'], ['changes'], ['changes', 0], ['changes', 1], ['changes', 0, 'kind'], ['events'], ['postings'],
  ...[0, 1, 13].flatMap((index) => [['postings', index], ['postings', index, 'account'], ['postings', index, 'currency'], ['postings', index, 'amount'], ['postings', index, 'recordType'], ['postings', index, 'merchant']]),
];

/** The frame's places that hold text. */
const STRING_FIELDS: ReadonlySet<string> = new Set(['op', 'kind', 'account', 'currency', 'recordType', 'merchant']);

/** Values of the wrong kind for every place above (a merchant may be absent, so `undefined` is left out there). */
const WRONG_VALUES: readonly unknown[] = [null, true, '1000', 1.5, Number.NaN, 10n, {}, [], nullPrototypeList([])];

describe('replayJournal from code never throws over an entry: property', () => {
  it('any place of the frame set to a value of the wrong kind is refused as journal_entry_malformed (an account or record type by the check that looks it up), before anything is folded', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FRAME_PATHS), fc.constantFrom(...WRONG_VALUES), (path, value) => {
        // An empty list in place of a list is of the right kind (an entry without events is
        // refused later, by what it should have raised); every other pair is of the wrong kind.
        fc.pre(!(Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype && path.length === 1 && path[0] !== 'seq' && path[0] !== 'command'));
        // Text in place of text (an account, an op, a merchant) is of the right kind too: whether
        // it names something the ledger knows is for the later checks.
        fc.pre(!(typeof value === 'string' && STRING_FIELDS.has(String(path[path.length - 1]))));
        const journal = storedJournal();
        let holder: any = journal[0];
        for (const key of path.slice(0, -1)) holder = holder[key];
        holder[path[path.length - 1]!] = value;
        const said = outcome(journal);
        const leaf = String(path[path.length - 1]);
        // An account or a record type of the wrong kind is refused by the check that looks it up by name.
        const refusal = leaf === 'account' || leaf === 'recordType' ? /^journal_entry_(malformed|inapplicable): / : /^journal_entry_malformed: /;
        expect(said, `${path.join('.')} = ${Object.prototype.toString.call(value)} ${typeof value === 'bigint' ? 'bigint' : JSON.stringify(value)}`).toMatch(refusal);
      }),
      { numRuns: 400 },
    );
  });
});

describe('replayJournal: a change from code of the wrong type where the checks read a number is journal_entry_malformed', () => {
  /** The golden capture, a refund of ¥100 borne by pm1 alone (platform part 0), then a transfer of ¥10 from pm1. */
  function refundJournal(): Record<string, any>[] {
    const ledger = ledgerAfter([
      goldenPayment('pay_1'),
      { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] },
      { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 10, currency: 'JPY' },
    ]);
    return JSON.parse(JSON.stringify(ledger.journal)) as Record<string, any>[];
  }

  it('the journal as it is replays, its refund with a platform part of 0', () => {
    const journal = refundJournal();
    expect(journal[1]!['changes'][0].parts.platform).toBe(0);
    expect(outcome(journal)).toBe('accepted');
  });

  it('a refund whose platform part is null (which every check read as 0, so it replayed) is refused', () => {
    const journal = refundJournal();
    journal[1]!['changes'][0].parts.platform = null;
    expect(outcome(journal)).toBe('journal_entry_malformed: entry 2: payment_refunded needs parts of the right type (payment, amount, parts, customerFeeRefunded)');
  });

  it('a refund part or a transfer of a bigint (a TypeError quoted as inapplicable) is named as the wrong type', () => {
    const refund = refundJournal();
    refund[1]!['changes'][0].parts.submerchants[0].amount = 100n;
    expect(outcome(refund)).toBe('journal_entry_malformed: entry 2: payment_refunded needs parts of the right type (payment, amount, parts, customerFeeRefunded)');
    const transfer = refundJournal();
    transfer[2]!['changes'][0].amount = 10n;
    expect(outcome(transfer)).toBe('journal_entry_malformed: entry 3: balance_transferred needs amount of the right type (from, to, currency, amount)');
  });
});
