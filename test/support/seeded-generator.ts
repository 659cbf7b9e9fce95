/**
 * A small deterministic generator (xorshift32) of whole numbers below a bound, for tests that
 * build large inputs from a few drawn seeds rather than drawing every element (fast-check would
 * spend its time building and shrinking 20,000-element arrays): a failing seed rebuilds the
 * same input. A seed of 0, which xorshift cannot leave, starts from a fixed odd number.
 */
export function seededGenerator(seed: number): (bound: number) => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return (bound) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % bound;
  };
}
