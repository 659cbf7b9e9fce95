import fc from 'fast-check';
import type { ReferenceModel } from './reference-model.js';

/**
 * When a command says it happens, relative to the model's clock: commands are generated
 * independently of one another, so their times are steps, resolved in order as they run.
 * - `later`: the clock moves on by `minutes` and the command is dated then (Japan time or UTC).
 * - `unstated`: no `at`; the engine dates it at the previous entry's time.
 * - `earlier`: dated `minutes` before the last entry: out of order, to be rejected.
 * - `invalid`: a time the engine must refuse.
 */
export type TimeStep =
  | { readonly kind: 'later'; readonly minutes: number; readonly zone: '+09:00' | 'Z' }
  | { readonly kind: 'unstated' }
  | { readonly kind: 'earlier'; readonly minutes: number }
  | { readonly kind: 'invalid'; readonly text: string };

/** Mostly later (minutes to a few days on), now and then unstated, out of order or malformed. */
export const timeStepArbitrary: fc.Arbitrary<TimeStep> = fc.oneof(
  {
    weight: 30,
    arbitrary: fc
      .tuple(fc.oneof(fc.integer({ min: 0, max: 180 }), fc.integer({ min: 1, max: 4 }).map((days) => days * 24 * 60)), fc.constantFrom<'+09:00' | 'Z'>('+09:00', 'Z'))
      .map(([minutes, zone]): TimeStep => ({ kind: 'later', minutes, zone })),
  },
  { weight: 2, arbitrary: fc.constant<TimeStep>({ kind: 'unstated' }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 600 }).map((minutes): TimeStep => ({ kind: 'earlier', minutes })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('2026-04-01 10:00', '2026-04-01T10:00:00', 'yesterday', '2026-13-01T00:00:00Z', '2026-02-30T10:00:00+09:00', '2026-04-31T10:00:00Z', '2026-04-01T24:00:00Z')
      .map((text): TimeStep => ({ kind: 'invalid', text })),
  },
);

/** The `at` a step gives (undefined: unstated), moving the model's clock on for `later`. */
export function resolveAt(model: ReferenceModel, step: TimeStep): string | undefined {
  switch (step.kind) {
    case 'later':
      model.clock += step.minutes * 60_000;
      return formatInstant(model.clock, step.zone);
    case 'unstated':
      return undefined;
    case 'earlier':
      return formatInstant((model.lastAt === 0 ? model.clock : model.lastAt) - step.minutes * 60_000, '+09:00');
    case 'invalid':
      return step.text;
  }
}

/** ISO 8601 with seconds, in Japan time or UTC. */
export function formatInstant(epochMilliseconds: number, zone: '+09:00' | 'Z'): string {
  if (zone === 'Z') return new Date(epochMilliseconds).toISOString();
  return `${new Date(epochMilliseconds + 9 * 3_600_000).toISOString().slice(0, 19)}+09:00`;
}

/**
 * The model's reading of an `at`: epoch ms, or undefined when malformed: no offset, or a date
 * or time that does not exist (2026-02-30, 24:00, an offset beyond ±14:59).
 */
export function readAt(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((index) => Number(match[index])) as [number, number, number, number, number];
  const second = Number(match[6] ?? '0');
  const offsetHours = Number(match[7] ?? '0');
  const offsetMinutes = Number(match[8] ?? '0');
  const date = new Date(Date.UTC(year, month - 1, day));
  const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!exists || hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) return undefined;
  return Date.parse(text);
}

/** A step as text, for counterexamples. */
export function describeStep(step: TimeStep): string {
  switch (step.kind) {
    case 'later':
      return `+${step.minutes}min`;
    case 'unstated':
      return 'at unstated';
    case 'earlier':
      return `-${step.minutes}min (out of order)`;
    case 'invalid':
      return `at ${JSON.stringify(step.text)}`;
  }
}
