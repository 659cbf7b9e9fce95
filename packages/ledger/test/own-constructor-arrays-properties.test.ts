import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { journalNdjsonLines, replayJournal, type Entry } from '@kanjo/ledger';
import { journalScenarioArbitrary, runJournalScenario } from './support/journal-scenarios.js';

// Entries built by a caller (read from their own store, or edited) reach `journalNdjsonLines`
// and `replayJournal`, and a hostile or careless caller's arrays may carry their own
// `constructor` key. `Array#map` and its kin build their result through
// `array.constructor[Symbol.species]`, so such an array made them throw "TypeError:
// object.constructor[Symbol.species] is not a constructor": the export of any journal, and the
// message of a replay refusing a tampered entry (regressions/rules-review.test.ts pins the
// same for the commands). An array is read by its items alone, whatever else it carries.
//
// KANJO_MODEL_RUNS sets the number of runs (as for the model tests) for a longer hunt.
const NUM_RUNS = Number(process.env['KANJO_MODEL_RUNS'] ?? 200);

type Raw = Record<string, unknown>;

/** A deep copy of `value` in which every array has an own enumerable `constructor` of `own`. */
function withOwnConstructors(value: unknown, own: unknown): unknown {
  if (Array.isArray(value)) {
    const copy = value.map((item: unknown) => withOwnConstructors(item, own));
    Object.defineProperty(copy, 'constructor', { value: own, enumerable: true, writable: true, configurable: true });
    return copy;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, withOwnConstructors(field, own)]));
  }
  return value;
}

/** Every number and string of `value` with its path, so that one can be tampered with. */
function leaves(value: unknown, path: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  if (Array.isArray(value)) return value.flatMap((item: unknown, index) => leaves(item, [...path, index]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, field]) => leaves(field, [...path, key]));
  return typeof value === 'number' || typeof value === 'string' ? [path] : [];
}

/** `journal` with the leaf at `path` of entry `position` changed: a number moved by `by`, a string given a suffix. */
function tampered(journal: readonly Raw[], position: number, path: readonly (string | number)[], by: number): Raw[] {
  const copy = structuredClone(journal) as Raw[];
  let holder = copy[position] as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) holder = holder[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  const value = holder[last];
  holder[last] = typeof value === 'number' ? value + by : `${String(value)}x`;
  return copy;
}

/** The result of a replay, as `code: message` or `accepted`. */
function outcome(result: { ok: true } | { ok: false; error: { code: string; message: string } }): string {
  return result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`;
}

const ownConstructorArbitrary = fc.constantFrom<unknown>('x', 5, null, undefined, {}, Object);

describe('arrays with their own `constructor` key (fast-check)', () => {
  it('a journal whose arrays each carry their own `constructor` key is exported line for line as the same journal without, in both formats, and replays to the same outcome; so does that journal with one number or string of one entry changed', () => {
    const drawArbitrary = fc.record({ position: fc.nat(), leaf: fc.nat(), by: fc.integer({ min: -3, max: 3 }).filter((by) => by !== 0) });
    fc.assert(
      fc.property(journalScenarioArbitrary, ownConstructorArbitrary, fc.array(drawArbitrary, { minLength: 1, maxLength: 8 }), (scenario, own, draws) => {
        const { config, ledger } = runJournalScenario(scenario);
        const plain = JSON.parse(JSON.stringify(ledger.journal)) as Raw[];
        const hostile = withOwnConstructors(plain, own) as unknown as Entry[];
        for (const format of ['compact', 'objects'] as const) {
          expect([...journalNdjsonLines(config, hostile, format)]).toEqual([...journalNdjsonLines(config, plain as unknown as Entry[], format)]);
        }
        expect(outcome(replayJournal(config, hostile))).toBe(outcome(replayJournal(config, plain as unknown as Entry[])));
        for (const draw of draws) {
          if (plain.length === 0) break;
          const position = draw.position % plain.length;
          const paths = leaves(plain[position]);
          const edited = tampered(plain, position, paths[draw.leaf % paths.length] as (string | number)[], draw.by);
          const expected = outcome(replayJournal(config, edited as unknown as Entry[]));
          expect(outcome(replayJournal(config, withOwnConstructors(edited, own) as unknown as Entry[]))).toBe(expected);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  }, Math.max(120_000, NUM_RUNS * 1_000));
});
