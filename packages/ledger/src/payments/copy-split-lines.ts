import type { SplitLine } from '@kanjo/splits';

/**
 * A copy of a validated split, each line with its three fields only. The split goes into the
 * journal and the payment's state: kept by reference, a caller that goes on using its own array
 * (a service reusing a request object) would rewrite an entry already appended and change what a
 * later capture moves. Fields a line does not have are not carried into the journal either.
 */
export function copySplitLines(lines: readonly SplitLine[]): readonly SplitLine[] {
  // Array.from, not lines.map: map builds its result with the caller's `constructor` (an array
  // from code may carry its own, a string or null), and throws a TypeError when that is no
  // constructor. Array.from always builds a plain array.
  return Array.from(lines, (line) => ({ submerchantId: line.submerchantId, amount: line.amount, platformFee: line.platformFee }));
}
