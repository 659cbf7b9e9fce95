import fc from 'fast-check';

/**
 * Steering a generated command towards the model's objects. Commands are generated before any
 * of them runs, so a command naming `pay-2` often finds no such payment, or one in the wrong
 * status; on its own that would test mostly rejections. So most commands carry a `pick`: when
 * they run, the model replaces the id they name with one of its objects that fits (the
 * `pick`-th authorized payment for a capture, a fresh id for a creation…). The rest keep the
 * id they were generated with, which keeps the rejections coming. The engine and the model
 * both see the command as rewritten, and failure messages print it.
 */
export type Pick = number | undefined;

/** Four times in five a pick, else none. */
export const pickArbitrary: fc.Arbitrary<Pick> = fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 1000 }) }, { weight: 1, arbitrary: fc.constant<Pick>(undefined) });

/** The `pick`-th of the candidates (sorted, wrapping), or undefined with no pick or no candidate. */
export function pickFrom(candidates: Iterable<string>, pick: Pick): string | undefined {
  if (pick === undefined) return undefined;
  const sorted = [...candidates].sort();
  return sorted.length === 0 ? undefined : sorted[pick % sorted.length];
}

/** The first `prefix-1`, `prefix-2`… not taken (with no pick: undefined, keep the generated id). */
export function freshId(prefix: string, taken: (id: string) => boolean, pick: Pick): string | undefined {
  if (pick === undefined) return undefined;
  for (let index = 1; ; index += 1) {
    const id = `${prefix}-${index}`;
    if (!taken(id)) return id;
  }
}

/** A pick as text, for counterexamples. */
export function describePick(pick: Pick): string {
  return pick === undefined ? 'as generated' : `pick ${pick}`;
}
