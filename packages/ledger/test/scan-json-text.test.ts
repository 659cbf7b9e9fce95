import { describe, expect, it } from 'vitest';
import { metadataNumbersOfSession, scanJsonText, writtenWhole } from '../src/cli/scan-json-text.js';

const duplicateJsonKeys = (text: string, limit: number) => scanJsonText(text, limit).duplicates;

// JSON.parse keeps the last of a key given twice without a word (review 147: "amount":1000,
// "amount":5 ran with 5). The scanner names each object that does, as the warnings' paths do.

describe('duplicateJsonKeys finds each object that gives a key twice, with its place', () => {
  it('none in a file whose keys are unique, the same keys in different objects included', () => {
    expect(duplicateJsonKeys('{"a":{"a":1},"b":[{"a":1},{"a":2}],"c":"a"}', 10)).toEqual([]);
  });

  it('at the top, in a command, in a nested object, and a key written with an escape', () => {
    const text = '{"merchants":[{"id":"m","payment_methods":{"card":{},"card":{}}}],"commands":[{"op":"x"},{"amount":1,"amount":5,"amount":6}],"commands":[],"\\u0061":1,"a":2}';
    expect(duplicateJsonKeys(text, 10)).toEqual([
      { path: 'merchants[0].payment_methods', key: 'card' },
      { path: 'commands[1]', key: 'amount' },
      { path: '', key: 'commands' },
    ]);
    expect(duplicateJsonKeys('{"\\u0061":1,"a":2}', 10)).toEqual([{ path: '', key: 'a' }]);
  });

  it('strings holding quotes, backslashes, braces and commas are skipped whole', () => {
    expect(duplicateJsonKeys('{"a":"x\\"y\\\\","b":"{\\"a\\":1,","c":["\\\\\\"",{"d":1,"d":2}]}', 10)).toEqual([{ path: 'c[1]', key: 'd' }]);
  });

  it('a key that is no plain name is written as JSON in the path; the count stops at the limit', () => {
    expect(duplicateJsonKeys('{"a b\\n":{"k":1,"k":2}}', 10)).toEqual([{ path: '["a b\\n"]', key: 'k' }]);
    expect(duplicateJsonKeys('[{"k":1,"k":2},{"k":1,"k":2},{"k":1,"k":2}]', 2)).toEqual([{ path: '[0]', key: 'k' }, { path: '[1]', key: 'k' }]);
  });
});

// Review 150: "amount": 10.00 on a USD payment ran as 10 cents; the string "10.00" is refused.
describe('scanJsonText finds each whole amount written with a fraction or an exponent, with its place', () => {
  const AMOUNTS = new Set(['amount', 'x']);
  const written = (text: string, limit = 10) => scanJsonText(text, limit, AMOUNTS).wholeNumbersWrittenOtherwise;

  it('under an amount key, in a command and in a split line; not plain digits, not fractions (refused anyway), not inside strings', () => {
    const text = '{"commands":[{"amount":10.00,"at":"1.0e3"},{"split":[{"amount":7},{"amount":1e3},{"amount":0.5}],"x":-2.0E1}],"n":12}';
    expect(written(text)).toEqual([
      { path: 'commands[0].amount', written: '10.00' },
      { path: 'commands[1].split[1].amount', written: '1e3' },
      { path: 'commands[1].x', written: '-2.0E1' },
    ]);
  });

  it('review 152: not under another key (metadata is text, an unknown field is ignored), not in a list, not beyond the safe integers', () => {
    expect(written('{"version":2.0,"metadata":{"qty":2.0},"amount":[1.0],"list":[{"amount":1e300}]}')).toEqual([]);
    expect(scanJsonText('{"amount":1.0}', 10).wholeNumbersWrittenOtherwise).toEqual([]);
  });

  it('keys given twice are still found beside them, and each list stops at its limit', () => {
    expect(scanJsonText('{"amount":1.0,"amount":2.0,"b":[{"x":3.0},{"x":4.0}]}', 2, AMOUNTS)).toEqual({
      duplicates: [{ path: '', key: 'amount' }],
      // Only the value JSON.parse keeps (review 190: 1.0 was named though 2.0 is read).
      wholeNumbersWrittenOtherwise: [{ path: 'amount', written: '2.0' }],
      fractionsReadAsWhole: [],
      integersPastSafeRange: [],
      sessionsWithMetadataNumbers: [],
    });
  });
});

// Review 189: an amount whose fraction JSON rounds away (9007199254740990.5 read as
// 9007199254740990) was named as a whole number and ran; it is now found apart, every one, with
// where its text lies, to be read as the text and refused.
describe('scanJsonText finds every amount whose fraction JSON would round away', () => {
  const AMOUNTS = new Set(['amount']);

  it('writtenWhole works on the digits: zeros after the point (as the exponent moves it) are whole, anything else is not', () => {
    for (const whole of ['10', '10.00', '1e3', '1.5e1', '-2.0E1', '1000.5e1', '0e-400', '0.000', '12300e-2', '1e400']) expect([whole, writtenWhole(whole)]).toEqual([whole, true]);
    for (const fraction of ['9007199254740990.5', '1000.00000000000001', '1e-400', '-1e-400', '1.25e1', '12345e-2', '0.1', '5e-1']) expect([fraction, writtenWhole(fraction)]).toEqual([fraction, false]);
  });

  it('all of them however many (no limit), with their place and the span of their text; whole ones as before', () => {
    const amounts = Array.from({ length: 12 }, (_, index) => `{"amount":${1000 + index}.00000000000001}`);
    const text = `{"amount":10.0,"list":[${amounts.join(',')}]}`;
    const found = scanJsonText(text, 2, AMOUNTS);
    expect(found.wholeNumbersWrittenOtherwise).toEqual([{ path: 'amount', written: '10.0' }]);
    expect(found.fractionsReadAsWhole).toHaveLength(12);
    for (const [index, fraction] of found.fractionsReadAsWhole.entries()) {
      expect([fraction.path, fraction.written, fraction.segments]).toEqual([`list[${index}].amount`, `${1000 + index}.00000000000001`, ['list', index, 'amount']]);
    }
  });

  it('a fraction JSON reads as one (10.5) or past the safe integers is left to the engine; only the last value of a key given twice counts', () => {
    expect(scanJsonText('{"amount":10.5,"x":{"amount":1e300}}', 10, AMOUNTS).fractionsReadAsWhole).toEqual([]);
    expect(scanJsonText('{"amount":1.00000000000000001,"amount":2}', 10, AMOUNTS).fractionsReadAsWhole).toEqual([]);
    expect(scanJsonText('{"amount":2,"amount":1.00000000000000001}', 10, AMOUNTS).fractionsReadAsWhole).toEqual([{ path: 'amount', written: '1.00000000000000001', segments: ['amount'] }]);
  });

  it('review 190: nor inside a value whose key comes again (JSON.parse drops the whole value), at any depth; a whole number there is not named either', () => {
    const inside = (value: string) => `{"a":{"b":[{"amount":${value}}]}}`;
    expect(scanJsonText(`{"x":${inside('1.00000000000000001')},"x":${inside('2')}}`, 10, AMOUNTS).fractionsReadAsWhole).toEqual([]);
    expect(scanJsonText(`{"x":${inside('2')},"x":${inside('1.00000000000000001')}}`, 10, AMOUNTS).fractionsReadAsWhole).toEqual([
      { path: 'x.a.b[0].amount', written: '1.00000000000000001', segments: ['x', 'a', 'b', 0, 'amount'] },
    ]);
    // Three times: only the third is kept.
    expect(scanJsonText('{"amount":1.00000000000000001,"amount":2.00000000000000001,"amount":3.00000000000000001}', 10, AMOUNTS).fractionsReadAsWhole.map((fraction) => fraction.written)).toEqual(['3.00000000000000001']);
    expect(scanJsonText('{"x":{"amount":10.00},"x":{"amount":1000}}', 10, AMOUNTS).wholeNumbersWrittenOtherwise).toEqual([]);
  });
});

// Review 193: an amount written in digits past 2^53 was quoted as the double JSON reads.
describe('scanJsonText finds every amount written in digits past 2^53', () => {
  const AMOUNTS = new Set(['amount']);

  it('in digits only, from 2^53 up and from -2^53 down, however many; not 2^53 - 1, not with a fraction or an exponent, not under another key, only the value JSON keeps', () => {
    const text = '{"amount":9007199254740991,"a":[{"amount":9007199254740992},{"amount":-9007199254740993},{"amount":100000000000000000000000000000},{"amount":1e300},{"amount":9007199254740993.0}],"b":{"other":9007199254740993},"c":{"amount":9007199254740995,"amount":1}}';
    expect(scanJsonText(text, 1, AMOUNTS).integersPastSafeRange).toEqual([
      { path: 'a[0].amount', written: '9007199254740992', segments: ['a', 0, 'amount'] },
      { path: 'a[1].amount', written: '-9007199254740993', segments: ['a', 1, 'amount'] },
      { path: 'a[2].amount', written: '100000000000000000000000000000', segments: ['a', 2, 'amount'] },
    ]);
    expect(scanJsonText('{"amount":-9007199254740991,"x":{"amount":123456789012345}}', 1, AMOUNTS).integersPastSafeRange).toEqual([]);
  });
});

// Review 212: a session keeps a metadata number as the text of what JSON read, so an order
// number written 12345678901234567890 was kept, in an append-only journal, as
// "12345678901234567000" without a word. The scanner now finds each number of a command's
// metadata whose text JSON does not keep.
describe('scanJsonText finds the numbers of a command\'s metadata that JSON does not keep as written', () => {
  const metadataOf = (values: string) => `{"commands":[{"op":"session.create","metadata":{${values}}}]}`;
  /** Each session's numbers, named as the command line names them. */
  const metadataNumbers = (text: string) => scanJsonText(text, 10).sessionsWithMetadataNumbers.flatMap((session) => metadataNumbersOfSession(text, session));

  it('digits past 2^53, a trailing zero, an exponent, -0 and a number JSON reads as Infinity; with their place', () => {
    const found = metadataNumbers(metadataOf('"order":12345678901234567890,"qty":1.50,"big":1e3,"zero":-0,"huge":1e400,"tag":"12345678901234567890"'));
    expect(found).toEqual([
      { path: 'commands[0].metadata.order', written: '12345678901234567890', segments: ['commands', 0, 'metadata', 'order'] },
      { path: 'commands[0].metadata.qty', written: '1.50', segments: ['commands', 0, 'metadata', 'qty'] },
      { path: 'commands[0].metadata.big', written: '1e3', segments: ['commands', 0, 'metadata', 'big'] },
      { path: 'commands[0].metadata.zero', written: '-0', segments: ['commands', 0, 'metadata', 'zero'] },
      { path: 'commands[0].metadata.huge', written: '1e400', segments: ['commands', 0, 'metadata', 'huge'] },
    ]);
  });

  it('not a number JSON keeps as written (9007199254740993 is not kept; 9007199254740992, 1.5, -7 and 0 are), nor one outside a command\'s metadata', () => {
    expect(metadataNumbers(metadataOf('"a":9007199254740992,"b":1.5,"c":-7,"d":0,"e":true'))).toEqual([]);
    expect(metadataNumbers(metadataOf('"a":9007199254740993')).map((number) => number.written)).toEqual(['9007199254740993']);
    expect(metadataNumbers('{"metadata":{"a":1.50},"commands":[{"payment_data":{"a":1.50},"metadata":{"b":{"c":1.50}}}],"x":{"commands":[{"metadata":{"a":1.50}}]}}')).toEqual([]);
  });

  // Review 217: a limit counted before the caller could keep only session.create's, so eleven in
  // another command's metadata (or in a value JSON.parse drops) hid the session's.
  it('all of them, past the limit; only the value JSON.parse keeps of a key given twice; an amount in metadata is not an amount', () => {
    expect(metadataNumbers(metadataOf(Array.from({ length: 15 }, (_, index) => `"k${index}":1.0`).join(',')))).toHaveLength(15);
    const dropped = `{"commands":[{"op":"session.create","metadata":{${Array.from({ length: 12 }, (_, index) => `"k${index}":1.0`).join(',')}},"metadata":{"order":12345678901234567890}}]}`;
    expect(metadataNumbers(dropped).map((number) => number.path)).toEqual(['commands[0].metadata.order']);
    expect(metadataNumbers(metadataOf('"a":1.50,"a":2'))).toEqual([]);
    expect(metadataNumbers(metadataOf('"a":2,"a":1.50')).map((number) => number.written)).toEqual(['1.50']);
    // Review 219: only a session.create keeps its metadata; another command's numbers are dropped
    // when it ends (kept, 150,000 payments with metadata ran out of memory). The op may come
    // after the metadata, be escaped, or be given twice (the last counts, as JSON.parse keeps).
    const command = (fields: string) => metadataNumbers(`{"commands":[{${fields}}]}`).map((number) => number.path);
    expect(command('"op":"payment.create","metadata":{"a":1.50}')).toEqual([]);
    expect(command('"metadata":{"a":1.50},"op":"session.create"')).toEqual(['commands[0].metadata.a']);
    expect(command('"metadata":{"a":1.50},"op":"session\\u002ecreate"')).toEqual(['commands[0].metadata.a']);
    expect(command('"op":"session.create","metadata":{"a":1.50},"op":"payment.create"')).toEqual([]);
    expect(command('"op":"payment.create","metadata":{"a":1.50},"op":"session.create"')).toEqual(['commands[0].metadata.a']);
    expect(command('"op":"session.create","metadata":{"a":1.50},"op":5')).toEqual([]);
    expect(command('"metadata":{"a":1.50}')).toEqual([]);
    const two = metadataNumbers(`{"commands":[{"op":"payment.create","metadata":{"a":1.50}},{"op":"session.create","metadata":{"b":2.50}}]}`);
    expect(two.map((number) => [number.path, number.segments])).toEqual([['commands[1].metadata.b', ['commands', 1, 'metadata', 'b']]]);
    const amount = scanJsonText(metadataOf('"amount":10.00'), 10, new Set(['amount']));
    expect([amount.wholeNumbersWrittenOtherwise, metadataNumbers(metadataOf('"amount":10.00')).map((number) => number.path)]).toEqual([[], ['commands[0].metadata.amount']]);
  });

  // Review 220: holding every number named (millions, for 150,000 sessions of 50) ran out of
  // heap to print ten. The scan counts each session's and says where its text lies; the ten
  // named are found by scanning those sessions again.
  it('counts each session\'s numbers and gives where its object lies, for it to be scanned again alone', () => {
    const first = '{"op":"session.create","metadata":{"a":1.50,"b":2.50,"a":3}}';
    const second = '{"metadata":{"c":1e3},"op":"session.create"}';
    const text = `{"commands":[${first},{"op":"payment.create","metadata":{"x":1.50}},${second}]}`;
    const sessions = scanJsonText(text, 1).sessionsWithMetadataNumbers;
    expect(sessions.map(({ index, count, start, end }) => [index, count, text.slice(start, end)])).toEqual([[0, 1, first], [2, 1, second]]);
    expect(sessions.flatMap((session) => metadataNumbersOfSession(text, session))).toEqual([
      { path: 'commands[0].metadata.b', written: '2.50', segments: ['commands', 0, 'metadata', 'b'] },
      { path: 'commands[2].metadata.c', written: '1e3', segments: ['commands', 2, 'metadata', 'c'] },
    ]);
    // The list given twice: only the last, as JSON.parse keeps it.
    expect(scanJsonText(`{"commands":[${first}],"commands":[{"op":"session.create"},${second}]}`, 1).sessionsWithMetadataNumbers.map((session) => session.index)).toEqual([1]);
  });
});

// Review 255: a 600 KB file whose unread field nested objects 100,000 deep ran Node out of
// heap (3.7 GB, exit 134): each level matched its whole path against the command patterns,
// copying it, so memory grew with the square of the depth. Commands are told by depth now.
describe('scanJsonText reads a file nested 100,000 deep as it reads a shallow one', () => {
  const DEPTH = 100_000;
  const nested = (inner: string) => '{"a":'.repeat(DEPTH) + inner + '}'.repeat(DEPTH);

  it('an unread field nested that deep: its repeated key is found at the bottom, and nothing in it is taken for a command', () => {
    const text = `{"commands":[],"x":${nested('{"commands":[{"op":"session.create","metadata":{"n":1.50}}],"k":1,"k":2}')}}`;
    const found = scanJsonText(text, 10);
    expect(found.duplicates).toHaveLength(1);
    expect(found.duplicates[0]?.key).toBe('k');
    expect(found.duplicates[0]?.path.startsWith('x.a.a.a.')).toBe(true);
    expect(found.duplicates[0]?.path.length).toBe('x'.length + '.a'.length * DEPTH);
    expect(found.sessionsWithMetadataNumbers).toEqual([]);
  });

  it('a command holding such a field: still the command, and its metadata still its metadata', () => {
    const command = `{"op":"session.create","metadata":{"n":1.50},"y":${nested('1')}}`;
    const text = `{"commands":[${command}]}`;
    expect(scanJsonText(text, 10).sessionsWithMetadataNumbers).toEqual([{ index: 0, count: 1, start: text.indexOf('{"op"'), end: text.length - 2 }]);
  });
});

// Review 256: the depth test above keeps commands where they were; these pin that nothing else
// is taken for a command or its metadata (each failed a mutant of the conditions).
describe('only commands[i] of the top object is a command, and only its metadata key its metadata', () => {
  const sessions = (text: string) => scanJsonText(text, 10).sessionsWithMetadataNumbers.map((session) => [session.index, session.count]);

  it('a session.create at its place is found; the same object elsewhere is not', () => {
    const session = '{"op":"session.create","metadata":{"a":1.50}}';
    expect(sessions(`{"commands":[${session}]}`)).toEqual([[0, 1]]);
    expect(sessions(`[${session}]`)).toEqual([]);
    expect(sessions(`{"x":{"commands":[${session}]}}`)).toEqual([]);
    expect(sessions(`{"commands":{"c":${session}}}`)).toEqual([]);
    expect(sessions(`{"other":[${session}]}`)).toEqual([]);
    expect(sessions(`{"commands":[[${session}]]}`)).toEqual([]);
    expect(sessions(`{"commands":[{"op":"x","list":[${session}]}]}`)).toEqual([]);
  });

  it('a number under another key of the command, or deeper in its metadata, is not a metadata number', () => {
    expect(sessions('{"commands":[{"op":"session.create","x":{"a":1.50}}]}')).toEqual([]);
    expect(sessions('{"commands":[{"op":"session.create","metadata":{"a":1.50,"b":{"c":2.50}}}]}')).toEqual([[0, 1]]);
  });
});
