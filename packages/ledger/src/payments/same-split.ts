import type { SplitLine } from '@kanjo/splits';

/** Whether two marketplace splits are the same lines (sub-merchant, amount, platform fee) in the same order. */
export function sameSplit(a: readonly SplitLine[], b: readonly SplitLine[]): boolean {
  return a.length === b.length && a.every((line, index) => line.submerchantId === b[index]?.submerchantId && line.amount === b[index]?.amount && line.platformFee === b[index]?.platformFee);
}
