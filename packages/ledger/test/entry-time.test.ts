import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal: replay, the compact decoder and the exports read entry times through it.
import { entryTimeMillis } from '../src/journal/entry-time.js';

/** Any instant `Date` can represent, from year -271821 to 275760. */
const anyInstant = fc.integer({ min: -8.64e15, max: 8.64e15 });

/** Text of the engine's shape with arbitrary digits (and now and then a non-digit) in each place. */
const engineShapedText = fc
  .tuple(
    fc.stringMatching(/^[0-9]{4}$/),
    fc.stringMatching(/^[0-9]{2}$/),
    fc.stringMatching(/^[0-9]{2}$/),
    fc.stringMatching(/^[0-9]{2}$/),
    fc.stringMatching(/^[0-9]{2}$/),
    fc.stringMatching(/^[0-9]{2}$/),
    fc.stringMatching(/^[0-9/:]{3}$/),
  )
  .map(([year, month, day, hour, minute, second, millis]) => `${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}Z`);

/** The rule, said the slow way: what Date.parse reads, if toISOString writes it back unchanged. */
function reference(text: string): number {
  const millis = Date.parse(text);
  return !Number.isNaN(millis) && new Date(millis).toISOString() === text ? millis : Number.NaN;
}

describe('entryTimeMillis', () => {
  it('reads every time the engine writes (toISOString) back to the same instant', () => {
    fc.assert(
      fc.property(anyInstant, (millis) => {
        expect(entryTimeMillis(new Date(millis).toISOString())).toBe(millis);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with Date.parse, where toISOString gives the text back, on any text of the engine form (impossible dates and non-digits give NaN)', () => {
    fc.assert(
      fc.property(engineShapedText, (text) => {
        expect(entryTimeMillis(text)).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads leap days, month ends and the extended years as Date.parse does, and gives NaN for every other form', () => {
    for (const text of ['2024-02-29T00:00:00.000Z', '2000-02-29T00:00:00.000Z', '2026-01-31T23:59:59.999Z', '2026-04-30T00:00:00.000Z', '+010000-01-01T00:00:00.000Z', '-000001-01-01T00:00:00.000Z']) {
      expect(entryTimeMillis(text), text).toBe(Date.parse(text));
    }
    // ISO forms the engine never writes, impossible dates, what Date.parse reads beyond ISO, no time at all.
    for (const text of ['2026-04-01T10:00:00+09:00', '2026-04-01T01:00:00Z', '2026-04-01', '2026-02-29T00:00:00.000Z', '1900-02-29T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-06-31T00:00:00.000Z', '2026-04-01T24:00:00.000Z', '2026-04-01T01:00:00.000z', 'Tue Jan 06 2026', 'soon', '']) {
      expect(entryTimeMillis(text), text).toBeNaN();
    }
  });

  it('gives the exact instants of known dates, leap days and the epoch', () => {
    expect(entryTimeMillis('1970-01-01T00:00:00.000Z')).toBe(0);
    expect(entryTimeMillis('2026-04-01T01:00:00.000Z')).toBe(1_775_005_200_000);
    expect(entryTimeMillis('2024-02-29T23:59:59.999Z')).toBe(1_709_251_199_999);
    expect(entryTimeMillis('0000-03-01T00:00:00.000Z')).toBe(-62_162_035_200_000);
    expect(entryTimeMillis('1969-12-31T23:59:59.999Z')).toBe(-1);
  });

  it('answers a repeated text from its memo without mixing it up with the text before', () => {
    expect(entryTimeMillis('2026-01-01T00:00:00.000Z')).toBe(1_767_225_600_000);
    expect(entryTimeMillis('2026-01-01T00:00:00.000Z')).toBe(1_767_225_600_000);
    expect(entryTimeMillis('2026-01-02T00:00:00.000Z')).toBe(1_767_312_000_000);
    expect(entryTimeMillis('never')).toBeNaN();
    expect(entryTimeMillis('never')).toBeNaN();
  });
});
