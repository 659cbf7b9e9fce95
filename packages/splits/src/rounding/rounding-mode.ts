/**
 * How a quotient that is not a whole number of minor units becomes one. Always named by
 * the caller: Kanjo never rounds implicitly.
 * - `half_up`: to the nearest unit, halves away from zero (KOMOJU's rounding of fees and tax).
 * - `half_even`: to the nearest unit, halves to the even neighbour (banker's rounding).
 * - `floor`: towards negative infinity.
 * - `ceiling`: towards positive infinity.
 */
export type RoundingMode = 'half_up' | 'half_even' | 'floor' | 'ceiling';

/**
 * Every rounding mode, in a stable order. Frozen: `readonly` binds TypeScript only, and a push
 * from JavaScript would make isRoundingMode (and every fee schedule) accept a mode
 * multiplyDivide cannot round by.
 */
export const ROUNDING_MODES: readonly RoundingMode[] = Object.freeze(['half_up', 'half_even', 'floor', 'ceiling'] as const);

/** Whether a string names a {@link RoundingMode}. */
export function isRoundingMode(value: unknown): value is RoundingMode {
  return typeof value === 'string' && (ROUNDING_MODES as readonly string[]).includes(value);
}
