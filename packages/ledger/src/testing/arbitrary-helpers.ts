import fc from 'fast-check';
import type { RefundLine, SplitLine } from '@kanjo/splits';
import type { CommandBase } from '../commands/command.js';
import type { ResolvedCommandConstraints } from './command-constraints.js';

// Internal building blocks of the command arbitraries; not exported from the subpath.

/** Plausible values most of the time, implausible ones with the configured weight. */
export function plausibleOr<T>(constraints: ResolvedCommandConstraints, plausible: fc.Arbitrary<T>, implausible: fc.Arbitrary<T>): fc.Arbitrary<T> {
  if (constraints.implausibleWeight === 0) return plausible;
  return fc.oneof({ weight: 5, arbitrary: plausible }, { weight: constraints.implausibleWeight, arbitrary: implausible });
}

/**
 * One of `items`, each drawn about twice as often as the next (weights …, 4, 2, 1), shrinking to
 * the first where the first fails as well. Without `withCrossShrink` a constant has nothing to
 * shrink to, and a counterexample kept the item it was drawn with (`pm-3` where `pm-1` failed
 * too; review 241). The values drawn are the same with it as without.
 */
export function leaning<T>(items: readonly T[]): fc.Arbitrary<T> {
  if (items.length === 0) throw new RangeError('leaning: no items');
  return fc.oneof({ withCrossShrink: true }, ...items.map((item, index) => ({ weight: 2 ** (items.length - 1 - index), arbitrary: fc.constant(item) })));
}

/** A command, 1 time in 8 carrying one of the idempotency keys. */
export function withIdempotencyKey<T extends CommandBase>(constraints: ResolvedCommandConstraints, command: fc.Arbitrary<T>): fc.Arbitrary<T> {
  if (constraints.idempotencyKeys.length === 0) return command;
  return fc
    .tuple(command, fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...constraints.idempotencyKeys) }))
    .map(([value, key]) => (key === undefined ? value : { ...value, idempotencyKey: key }));
}

/**
 * A plausible payment amount: round amounts shops charge, any amount up to the maximum, tiny
 * ones. Below ¥1,000 no round amount fits, and any amount up to the maximum takes their place
 * (review 211: the filter then refused every value, and fast-check drew forever).
 */
export function paymentAmount(constraints: ResolvedCommandConstraints): fc.Arbitrary<number> {
  const round = constraints.maxAmount >= ROUND_AMOUNTS[0]
    ? fc.constantFrom(...ROUND_AMOUNTS).filter((amount) => amount <= constraints.maxAmount)
    : fc.integer({ min: 1, max: constraints.maxAmount });
  return fc.oneof(
    { weight: 3, arbitrary: round },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: constraints.maxAmount }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: Math.min(20, constraints.maxAmount) }) },
  );
}

/** Round amounts shops charge, smallest first. */
const ROUND_AMOUNTS = [1000, 3000, 5000, 10_000, 50_000] as const;

/** A currency, the first of the pool most of the time. */
export function currency(constraints: ResolvedCommandConstraints): fc.Arbitrary<string> {
  const [first, ...rest] = constraints.currencies as [string, ...string[]];
  if (rest.length === 0) return fc.constant(first);
  return fc.oneof({ weight: 4, arbitrary: fc.constant(first) }, { weight: 1, arbitrary: fc.constantFrom(...rest) });
}

/** A platform fee for a split line of `amount`: often 0, the whole line or about 10%. */
function platformFee(amount: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constant(0),
    fc.constant(Math.floor(amount / 10)),
    fc.constant(amount),
    fc.integer({ min: 0, max: amount }),
  );
}

/**
 * Split lines over distinct payout merchants (the first ids more often) whose amounts add up to
 * exactly `amount`: an immediate or partial capture's split.
 */
export function exactSplit(constraints: ResolvedCommandConstraints, amount: number): fc.Arbitrary<SplitLine[]> {
  const pool = constraints.ids.payoutMerchants;
  const most = Math.min(3, pool.length, amount);
  // One line most often: every extra line is one more payout merchant that must exist.
  const counts = [1, 2, 3].filter((count) => count <= most).map((count) => ({ weight: 4 - count, arbitrary: fc.constant(count) }));
  return fc
    .oneof(...counts)
    .chain((count) =>
      fc.tuple(
        fc.uniqueArray(leaning(pool), { minLength: count, maxLength: count }),
        fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, amount - 1) }), { minLength: count - 1, maxLength: count - 1 }),
      ),
    )
    .chain(([ids, cuts]) => {
      const points = [0, ...[...cuts].sort((a, b) => a - b), amount];
      const amounts = ids.map((_, index) => (points[index + 1] as number) - (points[index] as number));
      return fc
        .tuple(...amounts.map((lineAmount) => platformFee(lineAmount)))
        .map((fees) => ids.map((submerchantId, index): SplitLine => ({ submerchantId, amount: amounts[index] as number, platformFee: fees[index] as number })));
    });
}

/** Split lines with small amounts (a two-step capture's split, which may leave the rest to the platform). */
export function smallSplit(constraints: ResolvedCommandConstraints): fc.Arbitrary<SplitLine[]> {
  const pool = constraints.ids.payoutMerchants;
  return fc
    .uniqueArray(leaning(pool), { minLength: 1, maxLength: Math.min(3, pool.length) })
    .chain((ids) =>
      fc.tuple(...ids.map(() => fc.integer({ min: 1, max: 3000 }).chain((amount) => fc.tuple(fc.constant(amount), platformFee(amount))))).map((lines) =>
        ids.map((submerchantId, index): SplitLine => {
          const [amount, fee] = lines[index] as [number, number];
          return { submerchantId, amount, platformFee: fee };
        }),
      ),
    );
}

/** Refund lines: who of the payout merchants gives back what, and what the platform bears on each line. */
export function refundLines(constraints: ResolvedCommandConstraints): fc.Arbitrary<RefundLine[]> {
  const pool = constraints.ids.payoutMerchants;
  const small = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 3000 }));
  return fc
    .uniqueArray(leaning(pool), { minLength: 1, maxLength: Math.min(2, pool.length) })
    .chain((ids) =>
      fc.tuple(...ids.map(() => fc.tuple(small, fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 500 })))))
        .map((parts) => ids.map((submerchantId, index): RefundLine => {
          const [amount, fee] = parts[index] as [number, number];
          return { submerchantId, amount, platformFee: fee };
        }))
        .filter((lines) => lines.some((line) => line.amount + line.platformFee > 0)),
    );
}

/** Σ(amount + platformFee) of refund lines. */
export function refundLinesTotal(lines: readonly RefundLine[]): number {
  return lines.reduce((total, line) => total + line.amount + line.platformFee, 0);
}

/** The platform's part of a seller-model payment of `amount`: often 10%, sometimes 0 or all of it. */
export function platformAmount(amount: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(Math.floor(amount / 10)) },
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constant(amount) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: amount }) },
  );
}
