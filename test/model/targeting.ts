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

/**
 * What a steered command prefers among the objects that fit it.
 * - `any`: all alike.
 * - `seller_requests`: the seller model's refund requests, two to four of one payment pending
 *   at once and completed or rejected out of order (the engine then re-estimates the others: a
 *   `refund_request_reestimated` change). A payment is created as an active seller that takes
 *   its type; a capture prefers authorized seller-model payments refunded by request (Konbini);
 *   a request prefers a seller-model payment that already has one to three pending, asks at
 *   most what is left, and the customer fee only while it can be refunded; a completion or
 *   rejection takes only a request of a payment with several pending, whichever the pick lands
 *   on (a lone request waits for company).
 * Commands drawn at random almost never line up into that flow on their own.
 */
export type Focus = 'any' | 'seller_requests';

/** A focus as text for counterexamples: nothing for `any`. */
export function describeFocus(focus: Focus): string {
  return focus === 'any' ? '' : `, focus ${focus}`;
}

/** Always a pick: for commands aimed at a flow (see {@link Focus}), whose point is to land on it. */
export const aimedPickArbitrary: fc.Arbitrary<Pick> = fc.nat({ max: 1000 });
