import { describe, expect, it } from 'vitest';
import { duplicateJsonKeys } from '../src/cli/duplicate-json-keys.js';

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
