import { CompactEntryDecoder, parseJournalEntry, unbalancedCurrency, type Entry, type Posting } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment } from './support/fixtures.js';
import { ledgerAfter } from './support/ledger-harness.js';
import { compactJournalLines } from '../src/journal/compact-journal-format.js';
// Internal: the writers' escape of line breaks and the engine's and the fold's overflow pre-check.
import { lineSafeJson } from '../src/journal/line-safe-json.js';
import { nearSafeLimit } from '../src/journal/near-safe-limit.js';
import { changeShapeProblem } from '../src/journal/change-shape-problem.js';

// Tests added after a StrykerJS run over the journal's writers and readers in
// packages/ledger/src/journal (compact-entry-decoder, compact-journal-format,
// parse-journal-entry, change-shape-problem, entry-time, journal-length, line-safe-json,
// near-safe-limit, assert-entry-balanced; every line mutated, not a hand-picked sample): each
// pins an outcome that a surviving mutant changed and the rest of the suite let through.

/** A compact header written by hand: two accounts, one record type, two table strings, five shapes. */
const HEADER = {
  kanjo_journal: 2,
  config: CONFIG,
  accounts: [
    ['Assets:Receivable:Customers', 'JPY'],
    ['Liabilities:Merchants:mart', 'JPY'],
  ],
  recordTypes: ['Payment'],
  strings: ['payment.create', 'pay_1'],
  shapes: [['=op'], ['$op', '=id'], ['=kind', '=payment'], ['=op', '{inner', '[list'], ['=type', '=payment']],
};

function headerDecoder(): CompactEntryDecoder {
  const opened = CompactEntryDecoder.fromHeader(HEADER);
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value.decoder;
}

const encoder = new TextEncoder();

/**
 * What the decoder makes of `line` (line 2 of the file): the entry, or `code: message`. `before`
 * and `after` are what precede and follow the line in the buffer, as `kanjo reconcile` hands the
 * decoder a byte range of the whole file read (the line's "\n" and the next line come after `end`).
 */
function decodeLine(line: string, after = '', before = ''): Entry | string {
  const bytes = encoder.encode(before + line + after);
  const start = encoder.encode(before).length;
  const decoded = headerDecoder().decode(bytes, start, start + encoder.encode(line).length, 2);
  return decoded.ok ? decoded.value : `${decoded.error.code}: ${decoded.error.message}`;
}

const AT = '"2026-04-01T01:00:00.000Z"';
/** A line of the compact format around `command`, `changes` and `postings` (no payment, no events). */
const line = (command = '[0,"x"]', changes = '[]', postings = '[]', payment = 'null', events = '[]'): string => `[1,${AT},${command},${payment},${changes},${events},${postings}]`;

describe('README "Command line": a compact header without its tables is journal_header_malformed, saying which table', () => {
  it.each([
    ['no config', { ...HEADER, config: undefined }, 'the compact journal header has no config object'],
    ['a null config', { ...HEADER, config: null }, 'the compact journal header has no config object'],
    // Review 144: an objects header was told to add the compact tables.
    ['an objects-format header', { kanjo_journal: 1, entries: 0, config: {} }, 'the compact journal header was expected, but this is an objects-format header (kanjo_journal 1): read its entry lines with parseJournalEntry'],
    ['no accounts list', { ...HEADER, accounts: {} }, 'the compact journal header needs accounts, recordTypes, strings and shapes lists'],
    ['no record types list', { ...HEADER, recordTypes: 'Payment' }, 'the compact journal header needs accounts, recordTypes, strings and shapes lists'],
    ['no strings list (the first compact layout, 6c406f1)', { ...HEADER, strings: undefined }, "the compact journal header has no strings list: it is Kanjo's first compact layout (6c406f1, 2026-11-22), which is not read; run that version again with --journal-format objects"],
    // Review 238: only a header with the other three lists is taken for the first compact layout.
    ['no strings and no shapes list', { ...HEADER, strings: undefined, shapes: undefined }, 'the compact journal header needs accounts, recordTypes, strings and shapes lists'],
    ['no strings and no accounts list', { ...HEADER, strings: undefined, accounts: undefined }, 'the compact journal header needs accounts, recordTypes, strings and shapes lists'],
    ['no strings and no record types list', { ...HEADER, strings: undefined, recordTypes: undefined }, 'the compact journal header needs accounts, recordTypes, strings and shapes lists'],
    ['a strings entry that is no list', { ...HEADER, strings: 'pay_1' }, 'the compact journal header needs accounts, recordTypes, strings and shapes lists'],
    ['no shapes list', { ...HEADER, shapes: null }, 'the compact journal header needs accounts, recordTypes, strings and shapes lists'],
    ['an account of one item', { ...HEADER, accounts: [['Assets:Bank']] }, 'the compact journal header lists an account that is not [account, currency]'],
    ['an account of three items', { ...HEADER, accounts: [['Assets:Bank', 'JPY', 'x']] }, 'the compact journal header lists an account that is not [account, currency]'],
    ['an account not a list', { ...HEADER, accounts: ['Assets:Bank'] }, 'the compact journal header lists an account that is not [account, currency]'],
    ['an account whose name is a number', { ...HEADER, accounts: [[1, 'JPY']] }, 'the compact journal header lists an account that is not [account, currency]'],
    ['an account whose currency is a number', { ...HEADER, accounts: [['Assets:Bank', 392]] }, 'the compact journal header lists an account that is not [account, currency]'],
    ['a record type that is a number', { ...HEADER, recordTypes: ['Payment', 1] }, 'the compact journal header lists a record type that is not a string'],
    ['a string that is a number', { ...HEADER, strings: ['x', 2] }, 'the compact journal header lists a string that is not a string'],
    ['a shape that is not a list', { ...HEADER, shapes: [['=op'], '=op'] }, 'the compact journal header lists a shape that is not a list of fields (a marker =, $, { or [ then the key)'],
    ['a field without a marker', { ...HEADER, shapes: [['op']] }, 'the compact journal header lists a shape that is not a list of fields (a marker =, $, { or [ then the key)'],
    ['a field that is a number', { ...HEADER, shapes: [[1]] }, 'the compact journal header lists a shape that is not a list of fields (a marker =, $, { or [ then the key)'],
    ['an empty field', { ...HEADER, shapes: [['']] }, 'the compact journal header lists a shape that is not a list of fields (a marker =, $, { or [ then the key)'],
  ])('%s', (_what, header, message) => {
    expect(CompactEntryDecoder.fromHeader(header)).toEqual({ ok: false, error: { code: 'journal_header_malformed', message } });
  });

  it('a header of every table, with an entry count, opens: the configuration and the count come back', () => {
    const opened = CompactEntryDecoder.fromHeader({ ...HEADER, entries: 3, shapes: [['=a', '$b', '{c', '[d', '=']] });
    expect(opened.ok && { config: opened.value.config, entries: opened.value.entries }).toEqual({ config: CONFIG, entries: 3 });
  });
});

const malformed = (what: string) => `journal_entry_malformed: line 2 (entry 1): ${what}`;
/** Broken compact entry lines and what the decoder says of each. */
const BROKEN_LINES: readonly (readonly [what: string, line: string, outcome: string])[] = [
    ['seq with a leading zero', `[01,${AT},[0,"x"],null,[],[],[]]`, 'journal_entry_malformed: line 2: a number has no leading zeros (byte 2)'],
    ['seq not a number', `[x,${AT},[0,"x"],null,[],[],[]]`, 'journal_entry_malformed: line 2: expected a number (byte 2)'],
    ['seq a lone minus', `[-,${AT},[0,"x"],null,[],[],[]]`, 'journal_entry_malformed: line 2: expected a number (byte 2)'],
    ['seq a fraction', `[1.5,${AT},[0,"x"],null,[],[],[]]`, 'journal_entry_malformed: line 2: seq must be an integer'],
    ['seq of 17 digits (not a safe integer)', `[12345678901234567,${AT},[0,"x"],null,[],[],[]]`, 'journal_entry_malformed: line 2: seq must be an integer'],
    ['seq "1e" (no exponent digits)', `[1e,${AT},[0,"x"],null,[],[],[]]`, 'journal_entry_malformed: line 2: invalid JSON value (byte 2)'],
    ['at not a string', `[1,7,[0,"x"],null,[],[],[]]`, malformed('expected a string (byte 4)')],
    ['at a date without a time', `[1,"2026-04-01",[0,"x"],null,[],[],[]]`, malformed('at must be a time as the engine writes it, such as 2026-04-01T01:00:00.000Z')],
    ['the command an empty list', line('[]'), malformed('expected an object written as [shape, …] (byte 31)')],
    ['the command a number', line('0'), malformed('expected an object written as [shape, …] (byte 31)')],
    ['the command of a shape not in the header', line('[9,"x"]'), malformed('shape 9 is not in the header (byte 31)')],
    ['the command of a negative shape', line('[-1,"x"]'), malformed('shape -1 is not in the header (byte 31)')],
    ['the command with fewer values than its shape', line('[0]'), malformed('shape 0 has 1 fields, the object 0 (byte 31)')],
    ['the command with more values than its shape', line('[0,"x","y"]'), malformed('shape 0 has 1 fields, the object more (byte 31)')],
    ['the command whose op is a number', line('[0,1]'), malformed('the command has no op')],
    ['a table string index not in the header', line('[1,7,"p"]'), malformed('a string index is not in the header (byte 34)')],
    ['a table string index that is no number', line('[1,"x","p"]'), malformed('expected a number (byte 34)')],
    ['payment "nul"', line('[0,"x"]', '[]', '[]', 'nul'), malformed('expected null (byte 39)')],
    ['payment a number', line('[0,"x"]', '[]', '[]', '7'), malformed('expected a string (byte 39)')],
    ['the changes an object', line('[0,"x"]', '{}'), malformed('expected a list (byte 44)')],
    ['the events a string', line('[0,"x"]', '[]', '[]', 'null', '"e"'), malformed('expected a list (byte 47)')],
    ['a change of an unknown kind', line('[0,"x"]', '[[2,"payment_lost","p"]]'), malformed('unknown change kind "payment_lost"')],
    ['a change whose payment is a number', line('[0,"x"]', '[[2,"payment_cancelled",1]]'), malformed('payment_cancelled needs payment of the right type (payment)')],
    ['a posting of two numbers', line('[0,"x"]', '[]', '[0,0]'), malformed('postings must be triples account, recordType, amount (byte 51)')],
    ['a posting of one number', line('[0,"x"]', '[]', '[0]'), malformed('postings must be triples account, recordType, amount (byte 51)')],
    ['a posting of amount 0', line('[0,"x"]', '[]', '[0,0,0]'), malformed('a posting needs a non-zero integer amount (byte 51)')],
    ['a posting of amount 1.5', line('[0,"x"]', '[]', '[0,0,1.5]'), malformed('a posting needs a non-zero integer amount (byte 51)')],
    ['a posting of amount 2^53', line('[0,"x"]', '[]', '[0,0,9007199254740992]'), malformed('a posting needs a non-zero integer amount (byte 51)')],
    ['a posting on account 5 of 2', line('[0,"x"]', '[]', '[5,0,1]'), malformed('a posting names an account or record type not in the header (byte 51)')],
    ['a posting of record type 5 of 1', line('[0,"x"]', '[]', '[0,5,1]'), malformed('a posting names an account or record type not in the header (byte 51)')],
    ['a second posting of two numbers', line('[0,"x"]', '[]', '[0,0,1,1,0]'), malformed('postings must be triples account, recordType, amount (byte 57)')],
    ['an eighth item', `[1,${AT},[0,"x"],null,[],[],[],1]`, malformed('an entry has exactly seven items (byte 52)')],
    ['six items', `[1,${AT},[0,"x"],null,[],[]]`, malformed('an entry has exactly seven items (byte 49)')],
    ['no closing bracket', `[1,${AT},[0,"x"],null,[],[],[]`, malformed('an entry has exactly seven items (byte 52)')],
    ['a comma after the entry', `${line()},`, malformed('expected the end of the line (byte 53)')],
    ['a second entry on the line', `${line()}${line()}`, malformed('expected the end of the line (byte 53)')],
    ['an object, not a list', `{"seq":1}`, 'journal_entry_malformed: line 2: an entry must be a list [seq, at, command, payment, changes, events, postings] (byte 1)'],
    ['"tru" for true', line('[0,tru]'), malformed('expected true (byte 34)')],
    ['"fals" for false', line('[0,fals]'), malformed('expected false (byte 34)')],
    ['"+1" for a number', line('[0,+1]'), malformed('expected a JSON value (byte 34)')],
    ['an unterminated string', line('[0,"x]'), malformed('unterminated string (byte 34)')],
    ['a raw tab in a string', line('[0,"x\ty"]'), malformed('invalid JSON value (byte 34)')],
    ['an object missing its closing brace', line('[0,{"a":1]'), malformed('invalid JSON value (byte 34)')],
    ['a list with a trailing comma', line('[0,[1,2,]]'), malformed('invalid JSON value (byte 34)')],
    ['a list never closed', `[1,${AT},[0,[1,[2`, 'journal_entry_malformed: line 2 (entry 1): unterminated value (byte 34)'],
    ['cut inside a string', `[1,${AT},[0,"ab`, malformed('unterminated string (byte 34)')],
    ['cut inside an escape', `[1,${AT},[0,"a\\u00`, malformed('unterminated string (byte 34)')],
    ['cut inside true', `[1,${AT},[0,tr`, malformed('expected true (byte 34)')],
    ['cut inside null', `[1,${AT},[0,nu`, malformed('expected null (byte 34)')],
    ['cut inside a plain list', `[1,${AT},[0,{"a":[1`, malformed('unterminated value (byte 34)')],
    ['a list field that is a number', line('[3,"x",[0,"y"],5]'), malformed('expected a list (byte 46)')],
    ['the postings an object', line('[0,"x"]', '[]', '{}'), malformed('expected the postings list (byte 50)')],
    ['the command followed by a letter', line('[0,"x"x'), malformed('expected , or ] (byte 37)')],
    ['a value followed by a brace', line('[0,"x"}'), malformed('expected , or ] (byte 37)')],
    ['cut inside a string of a plain object', `[1,${AT},[0,{"a":"x`, malformed('unterminated value (byte 34)')],
    ['cut after an escaped quote in a plain object', `[1,${AT},[0,{"a":"x\\"}]`, malformed('unterminated value (byte 34)')],
    ['cut after the list of a plain object', `[1,${AT},[0,{"a":[1]`, malformed('unterminated value (byte 34)')],
    ['cut after a posting amount', `[1,${AT},[0,"x"],null,[],[],[0,0,1`, malformed('expected , or ] (byte 56)')],
    ['cut after a fraction point', `[1,${AT},[0,"x"],null,[],[],[0,0,1.`, malformed('invalid JSON value (byte 55)')],
    ['cut after the postings', `[1,${AT},[0,"x"],null,[],[],[0,0,1]`, malformed('an entry has exactly seven items (byte 57)')],
    ['cut after a minus', `[1,${AT},[0,"x"],null,[],[],[0,0,-`, malformed('expected a number (byte 55)')],
    ['cut after the first number', `[0`, 'journal_entry_malformed: line 2 (entry 0): expected , or ] (byte 3)'],
    ['objects nested 33 deep', line(`${'[3,"x",'.repeat(33)}[0,"y"]${',[]]'.repeat(33)}`), malformed('objects nested deeper than 32 (byte 255)')],
];

describe('README "Command line": a compact entry line that is not one the writer makes is journal_entry_malformed, naming the line, the entry and the byte', () => {
  it.each(BROKEN_LINES)('%s', (_what, text, outcome) => {
    expect(decodeLine(text)).toBe(outcome);
  });

  it('a key "__proto__" (payment metadata may hold one) is the object\'s own plain field, as JSON.parse makes it', () => {
    const opened = CompactEntryDecoder.fromHeader({ ...HEADER, shapes: [['=op', '{__proto__'], ['=__proto__']] });
    if (!opened.ok) throw new Error(opened.error.message);
    const decoded = opened.value.decoder.decodeText(`[1,${AT},[0,"x",[1,"y"]],null,[],[],[]]`, 2);
    const command = (decoded.ok ? decoded.value.command : {}) as unknown as Record<string, Record<string, unknown>>;
    const parsed = JSON.parse('{"op":"x","__proto__":{"__proto__":"y"}}') as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(command)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(command, '__proto__')).toEqual({ ...Object.getOwnPropertyDescriptor(parsed, '__proto__'), value: command['__proto__'] });
    expect(Object.getOwnPropertyDescriptor(command['__proto__'], '__proto__')).toEqual(Object.getOwnPropertyDescriptor(parsed['__proto__'], '__proto__'));
    expect(Object.getOwnPropertyDescriptor(command['__proto__'], '__proto__')).toEqual({ value: 'y', writable: true, enumerable: true, configurable: true });
  });

  // Review 196 (mutant D03: the time remembered before it was checked): a decoder that goes on
  // after a malformed line let the next line with the same unreadable time through.
  it('one decoder refuses a second line with the same unreadable time as the first', () => {
    const opened = CompactEntryDecoder.fromHeader(HEADER);
    if (!opened.ok) throw new Error(opened.error.message);
    const outcomes = [2, 3].map((lineNumber) => {
      const decoded = opened.value.decoder.decodeText(`[${lineNumber - 1},"not a time",[0,"x"],null,[],[],[]]`, lineNumber);
      return decoded.ok ? 'decoded' : `${decoded.error.code}: ${decoded.error.message}`;
    });
    expect(outcomes).toEqual([2, 3].map((lineNumber) => `journal_entry_malformed: line ${lineNumber} (entry ${lineNumber - 1}): at must be a time as the engine writes it, such as 2026-04-01T01:00:00.000Z`));
  });

  it('any number of objects side by side (a list of 40) is no nesting', () => {
    const entry = decodeLine(line(`[3,"x",[0,"y"],[${Array.from({ length: 40 }, (_, index) => `[0,"o${index}"]`).join(',')}]]`)) as Entry;
    expect((entry.command as unknown as { list: unknown[] }).list).toEqual(Array.from({ length: 40 }, (_, index) => ({ op: `o${index}` })));
  });

  it('objects nested 32 deep are read', () => {
    const entry = decodeLine(line(`${'[3,"x",'.repeat(31)}[0,"y"]${',[]]'.repeat(31)}`));
    let depth = 0;
    for (let command = (entry as Entry).command as unknown as Record<string, unknown>; command['inner'] !== undefined; command = command['inner'] as Record<string, unknown>) depth += 1;
    expect(depth).toBe(31);
  });
});

describe('README "Command line": reconcile reads each compact line as a byte range of the file; what follows the line is never read into it', () => {
  /** Valid lines, each read alone and inside the file. */
  const VALID_LINES = [
    line(),
    ` [ 1 , ${AT} , [ 0 , "x" ] , null , [ ] , [ ] , [ ] ] `,
    `\t[\t1\r,\n${AT}\t,\r\n[0,"x"\t]\n, null ,\t[\r]\n,[ ],[\t]\r]\t`,
    line('[1,0,"p"]', '[[2,"payment_cancelled","pay_1"]]', '[0,0,100,1,0,-100]', '"pay_1"', '[[4,"payment.captured","pay_1"]]'),
    line('[3,"x",[0,"y"],[1,"a",true,false,null,-0,2.5e1,{"k":["]",{"a":"}\\"]"}]},[0,"z"],1E2,1e+2,1e-2,-1234567890123456,123456789012345]]'),
    line('[0,"\\u0041\\"\\\\ 日本"]'),
  ];
  /** What reconcile's line reader leaves after a line's end: its line break and the next line. */
  const AFTER = ['\n', '\r\n', '\n]', '\n,[]]\n', '\n  ]', '\n[2,"x"]', '\n1', '\n"', '\nnull]'];

  /** What comes before a line: the header, or an entry line; a byte is counted from the line's start. */
  const BEFORE = ['{"kanjo_journal":2}\n', `${line()}\r\n`, '\n'];

  it.each(VALID_LINES)('%j is read, JSON whitespace (space, tab, CR, LF) anywhere between tokens', (text) => {
    expect(decodeLine(text)).toMatchObject({ seq: 1, at: '2026-04-01T01:00:00.000Z' });
  });

  it.each([...VALID_LINES, ...BROKEN_LINES.map(([, text]) => text)])('%j reads the same alone and between any lines', (text) => {
    const alone = decodeLine(text);
    for (const after of AFTER) expect(decodeLine(text, after)).toEqual(alone);
    for (const before of BEFORE) expect(decodeLine(text, '\n', before)).toEqual(alone);
  });

  it('an error that is not the line\'s (no bytes given) is thrown, not named as a malformed line', () => {
    expect(() => headerDecoder().decode(undefined as unknown as Uint8Array, 0, 10, 2)).toThrow(TypeError);
  });

  // Exactly, but for -0, which reads as 0 since review 208 (a replay's state must be the live
  // run's, which never holds -0); toStrictEqual tells the two apart.
  it('the entries read are exactly the values written, -0 read as 0', () => {
    expect(decodeLine(VALID_LINES[4]!, '\n')).toStrictEqual({
      seq: 1,
      at: '2026-04-01T01:00:00.000Z',
      command: { op: 'x', inner: { op: 'y' }, list: [1, 'a', true, false, null, 0, 25, { k: [']', { a: '}"]' }] }, { op: 'z' }, 100, 100, 0.01, -1234567890123456, 123456789012345] },
      payment: undefined,
      changes: [],
      postings: [],
      events: [],
    });
    expect(decodeLine(VALID_LINES[5]!, '\n')).toMatchObject({ command: { op: 'A"\\ 日本' } });
    expect(decodeLine(VALID_LINES[3]!, '\r\n')).toStrictEqual({
      seq: 1,
      at: '2026-04-01T01:00:00.000Z',
      command: { op: 'payment.create', id: 'p' },
      payment: 'pay_1',
      changes: [{ kind: 'payment_cancelled', payment: 'pay_1' }],
      postings: [
        { account: 'Assets:Receivable:Customers', merchant: undefined, currency: 'JPY', amount: 100, recordType: 'Payment' },
        { account: 'Liabilities:Merchants:mart', merchant: 'mart', currency: 'JPY', amount: -100, recordType: 'Payment' },
      ],
      events: [{ type: 'payment.captured', payment: 'pay_1' }],
    });
  });
});

/** Reads a compact journal's text back: its header's count and its entries (or the first problem). */
function readCompact(text: string): { entries: number | undefined; read: Entry[] } | string {
  const [header = '', ...lines] = text.split('\n').slice(0, -1);
  const opened = CompactEntryDecoder.fromHeader(JSON.parse(header));
  if (!opened.ok) return `${opened.error.code}: ${opened.error.message}`;
  const read: Entry[] = [];
  for (const [index, entryLine] of lines.entries()) {
    const decoded = opened.value.decoder.decodeText(entryLine, index + 2);
    if (!decoded.ok) return `${decoded.error.code}: ${decoded.error.message}`;
    read.push(decoded.value);
  }
  return { entries: opened.value.entries, read };
}

describe('README "Command line": the compact journal, byte for byte (tables in order of first use, repeated strings in the table)', () => {
  /** Entries built by hand: nested objects, a list of objects and plain values, an absent field, postings in two currencies. */
  const entry = (seq: number, id: string): Entry =>
    ({
      seq,
      at: `2026-04-0${seq}T01:00:00.000Z`,
      command: { op: 'payment.create', id, note: undefined },
      payment: id,
      changes: [{ kind: 'payment_cancelled', payment: id }],
      events: [{ type: 'payment.cancelled', payment: id, tags: ['a', 7, null, { x: id, y: null }], meta: { deep: { id } } }],
      postings: [
        { account: 'Assets:Bank', currency: 'JPY', amount: 5, recordType: 'Payment' },
        { account: 'Liabilities:Merchants:m', merchant: 'm', currency: 'JPY', amount: -5, recordType: 'Payment' },
        { account: 'Assets:Bank', currency: 'USD', amount: 3, recordType: 'Refund' },
        { account: 'Liabilities:Merchants:m', merchant: 'm', currency: 'USD', amount: -3, recordType: 'Refund' },
      ],
    }) as unknown as Entry;
  const journal = [entry(1, 'p1'), entry(2, 'p1'), entry(3, 'p2')];

  it('writes the header with every table, then one line an entry', () => {
    expect([...compactJournalLines({ merchants: [] }, journal)]).toEqual([
      '{"kanjo_journal":2,"entries":3,"config":{"merchants":[]},"accounts":[["Assets:Bank","JPY"],["Liabilities:Merchants:m","JPY"],["Assets:Bank","USD"],["Liabilities:Merchants:m","USD"]],"recordTypes":["Payment","Refund"],"strings":["p1"],' +
        '"shapes":[["=op","$id"],["=kind","$payment"],["$x","=y"],["$id"],["{deep"],["=type","$payment","[tags","{meta"],["=op","=id"],["=kind","=payment"],["=x","=y"],["=id"],["=type","=payment","[tags","{meta"]]}\n',
      '[1,"2026-04-01T01:00:00.000Z",[0,"payment.create",0],"p1",[[1,"payment_cancelled",0]],[[5,"payment.cancelled",0,["a",7,null,[2,0,null]],[4,[3,0]]]],[0,0,5,1,0,-5,2,1,3,3,1,-3]]\n',
      '[2,"2026-04-02T01:00:00.000Z",[0,"payment.create",0],"p1",[[1,"payment_cancelled",0]],[[5,"payment.cancelled",0,["a",7,null,[2,0,null]],[4,[3,0]]]],[0,0,5,1,0,-5,2,1,3,3,1,-3]]\n',
      '[3,"2026-04-03T01:00:00.000Z",[6,"payment.create","p2"],"p2",[[7,"payment_cancelled","p2"]],[[10,"payment.cancelled","p2",["a",7,null,[8,"p2",null]],[4,[9,"p2"]]]],[0,0,5,1,0,-5,2,1,3,3,1,-3]]\n',
    ]);
  });

  it('reads back as the entries written (an absent field stays absent)', () => {
    expect(readCompact([...compactJournalLines({ merchants: [] }, journal)].join(''))).toEqual({ entries: 3, read: JSON.parse(JSON.stringify(journal)) });
  });

  it('a string of the commands, changes and events used 8 times goes into the table, one used 7 times does not; strings inside a list are written as they are', () => {
    const command = { op: 'o', list: [...Array(7).fill({ v: 'x8' }), ...Array(7).fill({ w: 'x7' }), 'x8'], s: 'x8' };
    const lines = [...compactJournalLines({ merchants: [] }, [{ seq: 1, at: '2026-04-01T01:00:00.000Z', command, changes: [], events: [], postings: [] } as unknown as Entry])];
    expect(lines).toEqual([
      '{"kanjo_journal":2,"entries":1,"config":{"merchants":[]},"accounts":[],"recordTypes":[],"strings":["x8"],"shapes":[["$v"],["=w"],["=op","[list","$s"]]}\n',
      `[1,"2026-04-01T01:00:00.000Z",[2,"o",[${'[0,0],'.repeat(7)}${'[1,"x7"],'.repeat(7)}"x8"],0],null,[],[],[]]\n`,
    ]);
    expect(readCompact(lines.join(''))).toEqual({ entries: 1, read: [{ seq: 1, at: '2026-04-01T01:00:00.000Z', command, changes: [], events: [], postings: [] }] });
  });

  it('a list directly inside a list has no encoding: the writer throws, naming it', () => {
    const command = { op: 'o', list: [[1]] };
    expect(() => [...compactJournalLines({ merchants: [] }, [{ seq: 1, at: '2026-04-01T01:00:00.000Z', command, changes: [], events: [], postings: [] } as unknown as Entry])]).toThrow(
      new Error('compact journal: a list directly inside a list has no encoding'),
    );
  });

  it('an empty journal is its header alone, counting 0 entries', () => {
    expect([...compactJournalLines({ merchants: [] }, [])]).toEqual(['{"kanjo_journal":2,"entries":0,"config":{"merchants":[]},"accounts":[],"recordTypes":[],"strings":[],"shapes":[]}\n']);
  });
});

describe('README "Command line": an objects-format entry (parseJournalEntry) that is not one the writer makes is journal_entry_malformed, naming the line, the entry and the field', () => {
  const ENTRY = { seq: 4, at: '2026-04-01T01:00:00.000Z', command: { op: 'x' }, changes: [], events: [], postings: [] };
  const outcome = (value: unknown): unknown => {
    const parsed = parseJournalEntry(value, 3);
    return parsed.ok ? parsed.value : `${parsed.error.code}: ${parsed.error.message}`;
  };
  const POSTING_PROBLEM = 'journal_entry_malformed: line 3 (entry 4): a posting needs account, currency, recordType and a non-zero integer amount';
  const posting = { account: 'Assets:Bank', currency: 'JPY', amount: 5, recordType: 'Payment' };

  it.each([
    ['null', null, 'journal_entry_malformed: line 3: an entry must be a JSON object'],
    ['a string', 'entry', 'journal_entry_malformed: line 3: an entry must be a JSON object'],
    ['no seq', { ...ENTRY, seq: undefined }, 'journal_entry_malformed: line 3: seq must be an integer'],
    ['seq a string', { ...ENTRY, seq: '4' }, 'journal_entry_malformed: line 3: seq must be an integer'],
    ['seq a fraction', { ...ENTRY, seq: 4.5 }, 'journal_entry_malformed: line 3 (entry 4.5): seq must be an integer'],
    ['at a number', { ...ENTRY, at: 0 }, 'journal_entry_malformed: line 3 (entry 4): at must be a time as the engine writes it, such as 2026-04-01T01:00:00.000Z'],
    // 24 long, as the engine's form, but no text: refused, not thrown on.
    ['at a list of 24 items', { ...ENTRY, at: Array.from({ length: 24 }, () => '0') }, 'journal_entry_malformed: line 3 (entry 4): at must be a time as the engine writes it, such as 2026-04-01T01:00:00.000Z'],
    ['at without milliseconds', { ...ENTRY, at: '2026-04-01T01:00:00Z' }, 'journal_entry_malformed: line 3 (entry 4): at must be a time as the engine writes it, such as 2026-04-01T01:00:00.000Z'],
    ['no command', { ...ENTRY, command: undefined }, 'journal_entry_malformed: line 3 (entry 4): command is missing'],
    ['a null command', { ...ENTRY, command: null }, 'journal_entry_malformed: line 3 (entry 4): command is missing'],
    ['a command without op', { ...ENTRY, command: {} }, 'journal_entry_malformed: line 3 (entry 4): the command has no op'],
    ['payment a number', { ...ENTRY, payment: 7 }, 'journal_entry_malformed: line 3 (entry 4): payment must be a string or null'],
    ['changes not a list', { ...ENTRY, changes: {} }, 'journal_entry_malformed: line 3 (entry 4): changes, events and postings must be lists'],
    ['events not a list', { ...ENTRY, events: undefined }, 'journal_entry_malformed: line 3 (entry 4): changes, events and postings must be lists'],
    ['postings not a list', { ...ENTRY, postings: 'none' }, 'journal_entry_malformed: line 3 (entry 4): changes, events and postings must be lists'],
    ['a change without kind', { ...ENTRY, changes: [{}] }, 'journal_entry_malformed: line 3 (entry 4): a change must be an object with a kind'],
    ['a null posting', { ...ENTRY, postings: [null] }, POSTING_PROBLEM],
    ['a posting without account', { ...ENTRY, postings: [{ ...posting, account: undefined }] }, POSTING_PROBLEM],
    ['a posting without currency', { ...ENTRY, postings: [{ ...posting, currency: 392 }] }, POSTING_PROBLEM],
    ['a posting without record type', { ...ENTRY, postings: [{ ...posting, recordType: null }] }, POSTING_PROBLEM],
    ['a posting of amount 0', { ...ENTRY, postings: [{ ...posting, amount: 0 }] }, POSTING_PROBLEM],
    ['a posting of amount "5"', { ...ENTRY, postings: [{ ...posting, amount: '5' }] }, POSTING_PROBLEM],
    ['a posting of amount 2^53', { ...ENTRY, postings: [{ ...posting, amount: 2 ** 53 }] }, POSTING_PROBLEM],
    ['a posting whose merchant is a number', { ...ENTRY, postings: [{ ...posting, merchant: 1 }] }, POSTING_PROBLEM],
    ['a tuple posting of three items', { ...ENTRY, postings: [['Assets:Bank', 'JPY', 5]] }, 'journal_entry_malformed: line 3 (entry 4): a posting as a list is [account, currency, amount, recordType], not 3 items'],
    // A fifth item was read past and ignored (found 2026-12-02 by duplicating items of exported entries).
    ['a tuple posting of five items', { ...ENTRY, postings: [['Assets:Bank', 'JPY', 5, 'Payment', 'Assets:Bank']] }, 'journal_entry_malformed: line 3 (entry 4): a posting as a list is [account, currency, amount, recordType], not 5 items'],
    ['a tuple posting whose amount is a string', { ...ENTRY, postings: [['Assets:Bank', 'JPY', '5', 'Payment']] }, POSTING_PROBLEM],
  ])('%s', (_what, value, message) => {
    expect(outcome(value)).toBe(message);
  });

  it('reads an entry back in the engine\'s field order, postings of either form as Posting objects, the merchant from a merchant account, payment null as absent', () => {
    const parsed = outcome({
      ...ENTRY,
      payment: null,
      extra: 'dropped',
      postings: [
        ['Liabilities:Merchants:mart', 'JPY', -5, 'Payment'],
        { account: 'Assets:Bank', currency: 'JPY', amount: 5, recordType: 'Payment', merchant: 'ignored' },
      ],
    });
    expect(parsed).toStrictEqual({
      seq: 4,
      at: '2026-04-01T01:00:00.000Z',
      command: { op: 'x' },
      payment: undefined,
      changes: [],
      postings: [
        { account: 'Liabilities:Merchants:mart', merchant: 'mart', currency: 'JPY', amount: -5, recordType: 'Payment' },
        { account: 'Assets:Bank', merchant: undefined, currency: 'JPY', amount: 5, recordType: 'Payment' },
      ],
      events: [],
    });
    expect(Object.keys(parsed as object)).toEqual(['seq', 'at', 'command', 'payment', 'changes', 'postings', 'events']);
    expect(outcome({ ...ENTRY, payment: 'pay_1' })).toMatchObject({ payment: 'pay_1' });
  });
});

describe('README "Command line": U+0085, U+2028 and U+2029 are written as \\u escapes, every one of them, and nothing else is changed', () => {
  it('escapes each, wherever and however often it comes', () => {
    expect(lineSafeJson({ a: 'x\u2028y\u0085z\u2029', b: ['\u2028\u2028'] })).toBe('{"a":"x\\u2028y\\u0085z\\u2029","b":["\\u2028\\u2028"]}');
    expect(JSON.parse(lineSafeJson({ a: 'x\u2028y\u0085z\u2029' }))).toEqual({ a: 'x\u2028y\u0085z\u2029' });
  });

  it('leaves every other text as JSON.stringify writes it, other non-ASCII included', () => {
    for (const value of [{ a: 'plain' }, 'ヤマダ \u0084\u0086\u2027\u202a', [1, null, true], 'a\nb']) expect(lineSafeJson(value)).toBe(JSON.stringify(value));
  });
});

describe('DOMAIN.md "Money": unbalancedCurrency, exact past 2^53 where a double sum would round', () => {
  const posting = (currency: string, amount: number): Posting => ({ account: 'Assets:Bank', merchant: undefined, currency, amount, recordType: 'Payment' }) as Posting;
  const MAX = Number.MAX_SAFE_INTEGER;

  it('an entry without postings, or whose postings balance in each currency, is balanced', () => {
    expect(unbalancedCurrency({ postings: [] })).toBeUndefined();
    expect(unbalancedCurrency({ postings: [posting('JPY', 5), posting('JPY', -5)] })).toBeUndefined();
    expect(unbalancedCurrency({ postings: [posting('JPY', 5), posting('USD', 3), posting('JPY', -5), posting('USD', -3)] })).toBeUndefined();
  });

  it('names the first currency that does not balance, with its sum', () => {
    expect(unbalancedCurrency({ postings: [posting('JPY', 5), posting('JPY', -4)] })).toEqual({ currency: 'JPY', sum: 1 });
    expect(unbalancedCurrency({ postings: [posting('JPY', 5), posting('USD', 3), posting('JPY', -5), posting('USD', -2)] })).toEqual({ currency: 'USD', sum: 1 });
    expect(unbalancedCurrency({ postings: [posting('USD', 3), posting('JPY', 5), posting('JPY', -6), posting('USD', -2)] })).toEqual({ currency: 'USD', sum: 1 });
    // Two currencies that each balance alone but not with the other's postings counted in.
    expect(unbalancedCurrency({ postings: [posting('JPY', 5), posting('USD', -5)] })).toEqual({ currency: 'JPY', sum: 5 });
  });

  it('past 2^53 it sums exactly: MAX + 2 − MAX − 2 balances, MAX + MAX − 1 does not', () => {
    expect(unbalancedCurrency({ postings: [posting('JPY', MAX), posting('JPY', 2), posting('JPY', -MAX), posting('JPY', -2)] })).toBeUndefined();
    expect(unbalancedCurrency({ postings: [posting('JPY', MAX), posting('JPY', 2), posting('USD', 1), posting('JPY', -MAX), posting('JPY', -2), posting('USD', -1)] })).toBeUndefined();
    expect(unbalancedCurrency({ postings: [posting('JPY', MAX), posting('JPY', MAX), posting('JPY', -1)] })).toEqual({ currency: 'JPY', sum: Number(2n * BigInt(MAX) - 1n) });
    expect(unbalancedCurrency({ postings: [posting('USD', 1), posting('USD', -1), posting('JPY', MAX), posting('JPY', 1)] })).toEqual({ currency: 'JPY', sum: 2 ** 53 });
  });

  it('an amount that is no safe integer (an entry built by hand) balances nothing', () => {
    expect(unbalancedCurrency({ postings: [posting('JPY', 1e300), posting('JPY', -1e300)] })).toEqual({ currency: 'JPY', sum: Number.NaN });
    expect(unbalancedCurrency({ postings: [posting('JPY', 5), posting('USD', Number.NaN)] })).toEqual({ currency: 'USD', sum: Number.NaN });
    // Review 151: from JavaScript the string "1" was concatenated (a sum of "01-1"), and 1.5 or true balanced.
    expect(unbalancedCurrency({ postings: [posting('JPY', '1' as never), posting('JPY', -1)] })).toEqual({ currency: 'JPY', sum: Number.NaN });
    expect(unbalancedCurrency({ postings: [posting('JPY', 1.5), posting('JPY', -1.5)] })).toEqual({ currency: 'JPY', sum: Number.NaN });
    expect(unbalancedCurrency({ postings: [posting('JPY', true as never), posting('JPY', -1)] })).toEqual({ currency: 'JPY', sum: Number.NaN });
  });
});

describe('DOMAIN.md "Money" (balance_overflow): nearSafeLimit, the cheap check before the exact one', () => {
  const MAX = Number.MAX_SAFE_INTEGER;
  const posting = (merchant: string | undefined, amount: number, currency = 'JPY'): Posting => ({ account: merchant === undefined ? 'Assets:Bank' : `Liabilities:Merchants:${merchant}`, merchant, currency, amount, recordType: 'Payment' }) as Posting;
  const state = (balances: Record<string, Record<string, number>>, balanceCeiling: number) => ({
    balances: new Map(Object.entries(balances).map(([merchant, byCurrency]) => [merchant, new Map(Object.entries(byCurrency))])),
    balanceCeiling,
  });

  it('an entry moving more than half the safe range in all is near, whatever the balances', () => {
    // Half the range is 2^52 − 0.5: 2^52 − 2 is not more, 2^52 is.
    expect(nearSafeLimit(state({}, 0), [posting('m', 2 ** 51 - 1), posting(undefined, -(2 ** 51 - 1))])).toBe(false);
    expect(nearSafeLimit(state({}, 0), [posting('m', 2 ** 51 - 1), posting(undefined, -(2 ** 51 - 1)), posting('m', 1), posting(undefined, -1)])).toBe(true);
    expect(nearSafeLimit(state({}, 0), [posting('m', -(2 ** 52)), posting(undefined, 2 ** 52)])).toBe(true);
  });

  it('below the ceiling nothing is near; above it, only a merchant the entry moves whose balance (either sign) plus what moves leaves the range', () => {
    const moving = (amount: number) => [posting('m', amount), posting(undefined, -amount)];
    expect(nearSafeLimit(state({ m: { JPY: MAX - 20 } }, MAX - 20), moving(10))).toBe(false);
    expect(nearSafeLimit(state({ m: { JPY: MAX - 20 } }, MAX - 20), moving(11))).toBe(true);
    expect(nearSafeLimit(state({ m: { JPY: -(MAX - 20) } }, MAX - 20), moving(11))).toBe(true);
    expect(nearSafeLimit(state({ m: { JPY: MAX - 20 } }, MAX - 20), moving(10).concat(moving(1)))).toBe(true);
    // The ceiling is another merchant's, or this merchant's in another currency: not near.
    expect(nearSafeLimit(state({ m: { JPY: 5 }, other: { JPY: MAX - 20 } }, MAX - 20), moving(11))).toBe(false);
    expect(nearSafeLimit(state({ m: { USD: MAX - 20 } }, MAX - 20), moving(11))).toBe(false);
    expect(nearSafeLimit(state({}, MAX - 20), moving(11))).toBe(false);
    // Reaching MAX exactly is still in range (another merchant holds more, so the ceiling lets the balances be looked at).
    expect(nearSafeLimit(state({ m: { JPY: MAX - 20 }, other: { JPY: MAX - 19 } }, MAX - 19), moving(10))).toBe(false);
    expect(nearSafeLimit(state({ m: { JPY: MAX - 19 }, other: { JPY: MAX - 19 } }, MAX - 19), moving(10))).toBe(true);
  });
});

describe('README "Command line": each change carries the fields its kind needs with the types the engine writes (changeShapeProblem)', () => {
  const PAYMENT = { id: 'pay_1', platform: 'mart', model: 'marketplace', amount: 1000, currency: 'JPY', paymentType: 'credit_card', origin: 'api' };
  const created = (payment: Record<string, unknown>) => changeShapeProblem({ kind: 'payment_created', payment });
  const WRONG_PAYMENT = 'payment_created needs payment of the right type (payment)';

  it('a created payment\'s session, when there is one, is a session id', () => {
    expect(created(PAYMENT)).toBeUndefined();
    expect(created({ ...PAYMENT, origin: 'session', session: 'ses_1' })).toBeUndefined();
    expect(created({ ...PAYMENT, origin: 'session', session: 5 })).toBe(WRONG_PAYMENT);
    expect(created({ ...PAYMENT, origin: 'session', session: null })).toBe(WRONG_PAYMENT);
  });

  it('a created session\'s "as" (the seller it was made for), when there is one, is a merchant id', () => {
    const SESSION = { id: 'ses_1', merchant: 'plt', amount: 1000, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/r', capture: 'auto' };
    const session = (fields: Record<string, unknown>) => changeShapeProblem({ kind: 'session_created', session: { ...SESSION, ...fields } });
    expect(session({})).toBeUndefined();
    expect(session({ as: 's1' })).toBeUndefined();
    expect(session({ as: 5 })).toBe('session_created needs session of the right type (session)');
  });

  it('each optional field of a created session, when present, has the type the engine writes', () => {
    const SESSION = { id: 'ses_1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/r', capture: 'auto' };
    const session = (fields: Record<string, unknown>) => changeShapeProblem({ kind: 'session_created', session: { ...SESSION, ...fields } });
    const WRONG = 'session_created needs session of the right type (session)';
    const valid = { split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }], platformAmount: 0, platformMerchant: 'mart', externalCustomerId: 'c', externalOrderNum: 'o', defaultLocale: 'ja', metadata: { k: 'v' } };
    expect(session(valid)).toBeUndefined();
    for (const [field, wrong] of [['split', [{ submerchantId: 'pm1', amount: -1, platformFee: 0 }]], ['platformAmount', -1], ['platformAmount', '0'], ['platformMerchant', 1], ['externalCustomerId', 1], ['externalOrderNum', 1], ['defaultLocale', 1], ['metadata', { k: 1 }], ['metadata', 'k']] as const) {
      expect(session({ ...valid, [field]: wrong }), field).toBe(WRONG);
    }
  });

  it('each optional field of a created payment, when present, has the type the engine writes (platformAmountFixed only ever true)', () => {
    const WRONG = 'payment_created needs payment of the right type (payment)';
    const valid = { seller: 's1', pendingSplit: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }], platformAmount: 0, platformAmountFixed: true };
    expect(created({ ...PAYMENT, ...valid })).toBeUndefined();
    for (const [field, wrong] of [['seller', 1], ['pendingSplit', [{ submerchantId: 1, amount: 1000, platformFee: 0 }]], ['platformAmount', -1], ['platformAmountFixed', false], ['platformAmountFixed', 'true']] as const) {
      expect(created({ ...PAYMENT, ...valid, [field]: wrong }), field).toBe(WRONG);
    }
  });
});
