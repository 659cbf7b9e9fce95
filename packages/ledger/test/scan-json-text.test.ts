import { describe, expect, it } from 'vitest';
import { scanJsonText } from '../src/cli/scan-json-text.js';

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
describe('scanJsonText finds each whole number written with a fraction or an exponent, with its place', () => {
  const written = (text: string, limit = 10) => scanJsonText(text, limit).wholeNumbersWrittenOtherwise;

  it('in a command, in a split line and in a list; not plain digits, not fractions (refused anyway), not inside strings', () => {
    const text = '{"commands":[{"amount":10.00,"at":"1.0e3"},{"split":[{"amount":7},{"amount":1e3}],"x":[5,-2.0E1,0.5,-0]}],"n":12}';
    expect(written(text)).toEqual([
      { path: 'commands[0].amount', written: '10.00' },
      { path: 'commands[1].split[1].amount', written: '1e3' },
      { path: 'commands[1].x[1]', written: '-2.0E1' },
    ]);
  });

  it('keys given twice are still found beside them, and each list stops at its limit', () => {
    expect(scanJsonText('{"a":1.0,"a":2.0,"b":[3.0,4.0,5.0]}', 2)).toEqual({
      duplicates: [{ path: '', key: 'a' }],
      wholeNumbersWrittenOtherwise: [{ path: 'a', written: '1.0' }, { path: 'a', written: '2.0' }],
    });
  });

  it('a document that is a bare number has the empty path', () => {
    expect(written('1.0')).toEqual([{ path: '', written: '1.0' }]);
  });
});
