import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prettyJsonChunks } from '../src/reports/pretty-json-chunks.js';

const joined = (value: unknown): string => [...prettyJsonChunks(value)].join('');

describe('the JSON report written in pieces', () => {
  it('for any JSON-writable value, the pieces joined are exactly JSON.stringify(value, null, 2)', () => {
    // Objects with a null prototype, undefined members, sparse lists, -0 and NaN included:
    // whatever JSON.stringify does with them, the pieces do the same.
    const value = fc.anything({ withNullPrototype: true, withSparseArray: true, maxDepth: 4 }).filter((drawn) => drawn !== undefined && typeof drawn !== 'symbol' && typeof drawn !== 'function');
    fc.assert(
      fc.property(value, (drawn) => {
        expect(joined(drawn)).toBe(JSON.stringify(drawn, null, 2));
      }),
      { numRuns: 500 },
    );
  });

  it('a report\'s records list is written a record at a time, each as JSON.stringify indents it', () => {
    const report = { results: [], balances: { mart: { JPY: 60 } }, records: [{ seq: 1, type: 'Payment' }, { seq: 2, type: 'Refund' }], events: [] };
    const pieces = [...prettyJsonChunks(report)];
    expect(pieces).toContain('{\n      "seq": 1,\n      "type": "Payment"\n    }');
    expect(pieces.join('')).toBe(JSON.stringify(report, null, 2));
  });

  it('a container with toJSON, or of a class, is written whole as JSON.stringify writes it', () => {
    const value = { when: new Date(0), custom: { toJSON: () => 'custom' }, list: Object.assign([1, 2], { toJSON: () => 'list' }) };
    expect(joined(value)).toBe('{\n  "when": "1970-01-01T00:00:00.000Z",\n  "custom": "custom",\n  "list": "list"\n}');
  });
});
