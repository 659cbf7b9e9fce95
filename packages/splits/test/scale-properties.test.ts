import {
  marketplaceShares,
  proportionalRefund,
  remainingShares,
  reverseRefundParts,
  validateMarketplaceSplit,
  validateNonReverseRefund,
  type MarketplaceShares,
  type RefundLine,
  type RefundParts,
  type SplitLine,
} from '@kanjo/splits';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededGenerator as generator } from '../../../test/support/seeded-generator.js';

// Exact money at scale: 1,000 to 20,000 parties, where the small-example tests elsewhere in this
// package (at most a few hundred parties) cannot look. Every bound is checked against an
// independent BigInt computation of the exact share R × w_i / T (DOMAIN.md, "Proportional
// refunds and rounding": floor ≤ cumulative ≤ ceil, parts ≥ 0, never past a share, exact at the
// full refund). Share vectors are built from a few drawn numbers with a seeded generator rather
// than drawn element by element: fast-check would spend its time building and shrinking
// 20,000-element arrays.

const MAX = Number.MAX_SAFE_INTEGER;

type ShapeKind = 'equal' | 'ones' | 'huge-and-tiny' | 'near-max-sum' | 'mixed-ties';

interface ShareCase {
  readonly kind: ShapeKind;
  readonly shares: number[];
}

/** Builds a share vector of `count` parties of the given kind; every kind has many equal shares. */
function buildShares(kind: ShapeKind, count: number, seed: number): number[] {
  const next = generator(seed);
  switch (kind) {
    case 'equal': {
      const value = 1 + next(1_000);
      return Array.from({ length: count }, () => value);
    }
    case 'ones':
      return Array.from({ length: count }, () => 1);
    case 'huge-and-tiny': {
      // One share takes almost all of MAX_SAFE_INTEGER, the others 1 to 3 units (many ties).
      const tiny = Array.from({ length: count - 1 }, () => 1 + next(3));
      const rest = tiny.reduce((sum, share) => sum + share, 0);
      const huge = MAX - rest - next(1_000);
      const at = next(count);
      tiny.splice(at, 0, huge);
      return tiny;
    }
    case 'near-max-sum': {
      // Each share about MAX / count, a third of them exactly equal, the sum within a few
      // thousand units of MAX_SAFE_INTEGER: every product R × w_i leaves the safe range.
      const base = Math.floor(MAX / count) - 2;
      const shares = Array.from({ length: count }, (_, index) => (index % 3 === 0 ? base : base - next(2)));
      const sum = shares.reduce((total, share) => total + share, 0);
      const at = next(count);
      shares[at] = (shares[at] as number) + (MAX - sum - next(1_000));
      return shares;
    }
    case 'mixed-ties':
      // A few distinct values, so long runs of equal shares interleave; some zeros too.
      return Array.from({ length: count }, () => [0, 1, 2, 3, 7, 1_000_003][next(6)] as number);
  }
}

const shareCaseArbitrary: fc.Arbitrary<ShareCase> = fc
  .record({
    kind: fc.constantFrom<ShapeKind>('equal', 'ones', 'huge-and-tiny', 'near-max-sum', 'mixed-ties'),
    count: fc.oneof(fc.constantFrom(1_000, 20_000), fc.integer({ min: 1_000, max: 20_000 })),
    seed: fc.integer(),
  })
  .map(({ kind, count, seed }) => ({ kind, shares: buildShares(kind, count, seed) }))
  .filter(({ shares }) => shares.some((share) => share > 0));

/**
 * Cumulative refund totals ending at the full refund T: runs of 1-unit refunds (where ties
 * decide everything), a few jumps of any size, and a step just below the full refund.
 */
function historyOf(total: number, seed: number): number[] {
  const next = generator(seed);
  const totals: number[] = [];
  let refunded = 0;
  const push = (value: number): void => {
    if (value > refunded && value <= total) {
      totals.push(value);
      refunded = value;
    }
  };
  for (let step = 0; step < 3; step += 1) push(refunded + 1);
  push(refunded + 1 + Math.floor((total - refunded) * (next(1_000) / 1_000) * 0.5));
  for (let step = 0; step < 2; step += 1) push(refunded + 1);
  push(refunded + 1 + Math.floor((total - refunded) * (next(1_000) / 1_000)));
  push(total - 1);
  push(total);
  return totals;
}

/** floor and ceil of R × w / T, exactly. */
function exactQuota(refundTotal: number, share: number, total: number): { floor: bigint; ceil: bigint } {
  const product = BigInt(refundTotal) * BigInt(share);
  const floor = product / BigInt(total);
  return { floor, ceil: product % BigInt(total) === 0n ? floor : floor + 1n };
}

/** Runs a whole refund history and checks every invariant at every step; returns the last cumulative. */
function runHistory(shares: readonly number[], totals: readonly number[]): void {
  const total = shares.reduce((sum, share) => sum + share, 0);
  expect(Number.isSafeInteger(total)).toBe(true);
  const cumulative = shares.map(() => 0);
  let refundedTotal = 0;
  for (const refundTotal of totals) {
    const result = proportionalRefund(shares, cumulative, refundTotal);
    if (!result.ok) throw new Error(`rejected at ${refundTotal}: ${result.error.code}`);
    const parts = result.value;
    expect(parts.length).toBe(shares.length);
    let sum = 0n;
    for (let index = 0; index < shares.length; index += 1) {
      const part = parts[index] as number;
      if (!(Number.isSafeInteger(part) && part >= 0)) throw new Error(`party ${index}: part ${part} at ${refundTotal}`);
      sum += BigInt(part);
      const now = (cumulative[index] as number) + part;
      const share = shares[index] as number;
      if (now > share) throw new Error(`party ${index} passed its share ${share}: ${now} at ${refundTotal}`);
      const { floor, ceil } = exactQuota(refundTotal, share, total);
      if (BigInt(now) < floor || BigInt(now) > ceil) throw new Error(`party ${index} (share ${share}) at ${now}, outside [${floor}, ${ceil}] at R=${refundTotal}, T=${total}`);
      cumulative[index] = now;
    }
    expect(sum).toBe(BigInt(refundTotal - refundedTotal));
    refundedTotal = refundTotal;
  }
  if (totals[totals.length - 1] === total) expect(cumulative).toEqual(shares);
}

/**
 * The README's method written out in BigInt, for histories it made itself: lower quotas (never
 * below what a party gave), then the units left to the marked parties of smallest
 * (cumulative + 1) / w, ties to the earlier party in the given order.
 */
function referenceParts(shares: readonly number[], refunded: readonly number[], refundTotal: number): number[] {
  const total = BigInt(shares.reduce((sum, share) => sum + share, 0));
  const R = BigInt(refundTotal);
  const cumulative: bigint[] = [];
  const marked: number[] = [];
  let assigned = 0n;
  shares.forEach((share, index) => {
    const product = R * BigInt(share);
    const lower = product / total;
    const given = BigInt(refunded[index] as number);
    if (given > lower) cumulative.push(given);
    else {
      cumulative.push(lower);
      if (product % total !== 0n) marked.push(index);
    }
    assigned += cumulative[index] as bigint;
  });
  const leftover = Number(R - assigned);
  if (leftover < 0) throw new Error('reference: history not made by the method');
  marked.sort((a, b) => {
    const left = ((cumulative[a] as bigint) + 1n) * BigInt(shares[b] as number);
    const right = ((cumulative[b] as bigint) + 1n) * BigInt(shares[a] as number);
    return left < right ? -1 : left > right ? 1 : a - b;
  });
  for (const index of marked.slice(0, leftover)) cumulative[index] = (cumulative[index] as bigint) + 1n;
  return cumulative.map((value, index) => Number(value - BigInt(refunded[index] as number)));
}

/** A permutation of 0..count-1 drawn from a seed. */
function permutation(count: number, seed: number): number[] {
  const next = generator(seed);
  const order = Array.from({ length: count }, (_, index) => index);
  for (let index = count - 1; index > 0; index -= 1) {
    const other = next(index + 1);
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  return order;
}

describe('proportionalRefund with 1,000 to 20,000 parties', () => {
  it('every part is ≥ 0, the parts add up to the refund, every cumulative stays within [floor, ceil] of R × w_i / T (BigInt) and within its share, and the full refund returns every share exactly', () => {
    fc.assert(
      fc.property(shareCaseArbitrary, fc.integer(), ({ shares }, seed) => {
        const total = shares.reduce((sum, share) => sum + share, 0);
        runHistory(shares, historyOf(total, seed));
      }),
      { numRuns: 30, seed: 20261202 },
    );
  });

  it('after explicit refunds took any amount from any party (a history the method did not make), every later part is ≥ 0, no party passes its share, the parts add up, and the full refund is exact', () => {
    fc.assert(
      fc.property(shareCaseArbitrary, fc.integer(), fc.integer({ min: 0, max: 3 }), ({ shares }, seed, style) => {
        const next = generator(seed);
        const total = shares.reduce((sum, share) => sum + share, 0);
        // What explicit splits took: nothing, everything, or any part, party by party; some parties
        // stripped bare (the lower quotas then ask more than a refund brings: the shortfall path).
        const cumulative = shares.map((share) => {
          const pick = next(4);
          if (style === 0 || pick === 0) return 0;
          if (pick === 1) return share;
          return share <= 1 ? share : Math.floor(share * (next(1_000) / 1_000));
        });
        let refundedTotal = cumulative.reduce((sum, given) => sum + given, 0);
        const steps = [refundedTotal + 1, refundedTotal + 2, refundedTotal + 1 + Math.floor((total - refundedTotal) / 2), total - 1, total].filter((value, index, all) => value > refundedTotal && value <= total && (index === 0 || value > (all[index - 1] as number)));
        for (const refundTotal of steps) {
          if (refundTotal <= refundedTotal) continue;
          const result = proportionalRefund(shares, cumulative, refundTotal);
          if (!result.ok) throw new Error(result.error.code);
          let sum = 0;
          result.value.forEach((part, index) => {
            if (!(part >= 0)) throw new Error(`party ${index}: part ${part}`);
            const now = (cumulative[index] as number) + part;
            if (now > (shares[index] as number)) throw new Error(`party ${index} passed its share ${shares[index]}: ${now}`);
            cumulative[index] = now;
            sum += part;
          });
          expect(sum).toBe(refundTotal - refundedTotal);
          refundedTotal = refundTotal;
        }
        if (refundedTotal === total) expect(cumulative).toEqual(shares);
      }),
      { numRuns: 20, seed: 99 },
    );
  });

  it('one refund of everything returns every line exactly, whatever the shape', () => {
    for (const kind of ['equal', 'ones', 'huge-and-tiny', 'near-max-sum', 'mixed-ties'] as const) {
      const shares = buildShares(kind, 20_000, 7);
      const total = shares.reduce((sum, share) => sum + share, 0);
      expect(proportionalRefund(shares, shares.map(() => 0), total)).toEqual({ ok: true, value: shares });
    }
  });

  it('a run of 1-unit refunds over 1,000 equal shares gives each unit to the next party in the given order (ties go to the earlier party)', () => {
    const shares = Array.from({ length: 1_000 }, () => 5);
    const cumulative = shares.map(() => 0);
    for (let refundTotal = 1; refundTotal <= 1_500; refundTotal += 1) {
      const result = proportionalRefund(shares, cumulative, refundTotal);
      if (!result.ok) throw new Error(result.error.code);
      const receiver = result.value.findIndex((part) => part === 1);
      // The units go round the parties in order: 0, 1, …, 999, then 0 again.
      expect(receiver).toBe((refundTotal - 1) % 1_000);
      expect(result.value.reduce((sum, part) => sum + part, 0)).toBe(1);
      cumulative[receiver] = (cumulative[receiver] as number) + 1;
    }
  });

  it('20,000 shares of 1: a refund of 7 takes one unit from each of the first 7 parties in the given order, and reordering the parties moves the units with the order, not with the party', () => {
    const shares = Array.from({ length: 20_000 }, () => 1);
    const zeros = shares.map(() => 0);
    const result = proportionalRefund(shares, zeros, 7);
    expect(result.ok && result.value.slice(0, 7)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(result.ok && result.value.slice(7).every((part) => part === 0)).toBe(true);
  });

  it('for the same parties given in any order, each party gets what the README method (ties to the earlier party in the given order) gives it in that order: the answer depends on the order only through ties', () => {
    fc.assert(
      fc.property(shareCaseArbitrary, fc.integer(), fc.integer(), ({ shares }, historySeed, orderSeed) => {
        const total = shares.reduce((sum, share) => sum + share, 0);
        const order = permutation(shares.length, orderSeed);
        const permuted = order.map((index) => shares[index] as number);
        const cumulative = shares.map(() => 0);
        const permutedCumulative = shares.map(() => 0);
        for (const refundTotal of historyOf(total, historySeed).slice(0, 5)) {
          const original = proportionalRefund(shares, cumulative, refundTotal);
          const reordered = proportionalRefund(permuted, permutedCumulative, refundTotal);
          if (!original.ok || !reordered.ok) throw new Error('rejected');
          expect(original.value).toEqual(referenceParts(shares, cumulative, refundTotal));
          expect(reordered.value).toEqual(referenceParts(permuted, permutedCumulative, refundTotal));
          // Whatever the order, a party's part differs by at most the one tied unit, and the
          // totals agree.
          let moved = 0;
          order.forEach((from, to) => {
            const difference = (reordered.value[to] as number) - (original.value[from] as number);
            expect(Math.abs(difference)).toBeLessThanOrEqual(1);
            moved += difference;
          });
          expect(moved).toBe(0);
          original.value.forEach((part, index) => (cumulative[index] = (cumulative[index] as number) + part));
          reordered.value.forEach((part, index) => (permutedCumulative[index] = (permutedCumulative[index] as number) + part));
        }
      }),
      { numRuns: 15, seed: 42 },
    );
  });

  it('shares adding up to exactly MAX_SAFE_INTEGER are accepted; one unit more is amount_sum_not_safe_integer', () => {
    const shares = buildShares('near-max-sum', 10_000, 3);
    const sum = shares.reduce((total, share) => total + share, 0);
    shares[0] = (shares[0] as number) + (MAX - sum);
    expect(shares.reduce((total, share) => total + share, 0)).toBe(MAX);
    const refunded = shares.map(() => 0);
    const accepted = proportionalRefund(shares, refunded, MAX);
    expect(accepted).toEqual({ ok: true, value: shares });
    const over = [...shares];
    over[over.length - 1] = (over[over.length - 1] as number) + 1;
    expect(proportionalRefund(over, refunded, 1)).toMatchObject({ ok: false, error: { code: 'amount_sum_not_safe_integer' } });
  });
});

/** 1-based ids, the same length, so an id says nothing about order by itself. */
const pm = (index: number): string => `pm-${String(index).padStart(5, '0')}`;

describe('marketplace splits and non-reverse refunds with thousands of lines', () => {
  it('a split of 20,000 lines adding up to the payment is accepted with maxSubmerchants 20,000; its shares add up to the captured amount; 20,001 lines are split_too_many_submerchants', () => {
    const next = generator(11);
    const lines: SplitLine[] = Array.from({ length: 20_000 }, (_, index) => {
      const amount = 1 + next(10_000);
      return { submerchantId: pm(index), amount, platformFee: next(amount + 1) };
    });
    const amount = lines.reduce((sum, line) => sum + line.amount, 0);
    expect(validateMarketplaceSplit(lines, 'immediate_capture', amount, { maxSubmerchants: 20_000 })).toEqual({ ok: true, value: lines });
    const shares = marketplaceShares(amount, lines);
    expect(shares.platform).toBe(lines.reduce((sum, line) => sum + line.platformFee, 0));
    expect(shares.submerchants.map(({ share }) => share)).toEqual(lines.map((line) => line.amount - line.platformFee));
    const more = [...lines, { submerchantId: pm(20_000), amount: 1, platformFee: 0 }];
    expect(validateMarketplaceSplit(more, 'immediate_capture', amount + 1, { maxSubmerchants: 20_000 })).toMatchObject({ ok: false, error: { code: 'split_too_many_submerchants' } });
    // A duplicate as the very last of 20,000 lines is still found.
    const duplicate = [...lines.slice(0, -1), { ...(lines[lines.length - 1] as SplitLine), submerchantId: pm(0) }];
    expect(validateMarketplaceSplit(duplicate, 'immediate_capture', amount, { maxSubmerchants: 20_000 })).toMatchObject({ ok: false, error: { code: 'split_duplicate_submerchant' } });
  });

  it('a split whose lines add up to exactly MAX_SAFE_INTEGER is accepted; one unit more is amount_sum_not_safe_integer, never a wrong sum', () => {
    const count = 5_000;
    const base = Math.floor(MAX / count);
    const lines: SplitLine[] = Array.from({ length: count }, (_, index) => ({ submerchantId: pm(index), amount: base, platformFee: index % 2 === 0 ? 0 : base }));
    (lines[0] as { amount: number }).amount = base + (MAX - base * count);
    expect(validateMarketplaceSplit(lines, 'immediate_capture', MAX, { maxSubmerchants: count })).toEqual({ ok: true, value: lines });
    const shares = marketplaceShares(MAX, lines);
    expect(BigInt(shares.platform) + shares.submerchants.reduce((sum, { share }) => sum + BigInt(share), 0n)).toBe(BigInt(MAX));
    const over = lines.map((line) => ({ ...line }));
    (over[count - 1] as { amount: number }).amount += 1;
    expect(validateMarketplaceSplit(over, 'capture', MAX, { maxSubmerchants: count })).toMatchObject({ ok: false, error: { code: 'amount_sum_not_safe_integer' } });
  });

  it('partial non-reverse refunds over 2,000 to 10,000 lines never ask a line for more than it has left, the platform bears its exact part, and the final reverse refund returns every line exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2_000, max: 10_000 }), fc.integer(), fc.boolean(), (count, seed, nearMax) => {
        const next = generator(seed);
        const perLine = nearMax ? Math.floor(MAX / count) : 10_000;
        const lines: SplitLine[] = Array.from({ length: count }, (_, index) => {
          // Many equal lines (ties) and many lines of 1 unit.
          const kind = next(3);
          const amount = kind === 0 ? perLine : kind === 1 ? 1 : 1 + next(perLine);
          return { submerchantId: pm(index), amount, platformFee: kind === 1 ? 0 : next(Math.min(amount, 1_000) + 1) };
        });
        const captured = lines.reduce((sum, line) => sum + line.amount, 0);
        const shares = marketplaceShares(captured, lines);
        const weights = [shares.platform, ...shares.submerchants.map(({ share }) => share)];
        const total = weights.reduce((sum, weight) => sum + weight, 0);
        expect(total).toBe(captured);
        const given = weights.map(() => 0);
        let refunded: RefundParts = { platform: 0, submerchants: shares.submerchants.map(({ submerchantId }) => ({ submerchantId, amount: 0 })) };
        let refundedTotal = 0;
        for (const refundTotal of historyOf(total, seed ^ 0x5bd1e995).slice(0, -1)) {
          const remaining: MarketplaceShares = remainingShares(shares, refunded);
          const parts = proportionalRefund(weights, given, refundTotal);
          if (!parts.ok) throw new Error(parts.error.code);
          // The platform's part rides on the lines' platform fees, spread over the first lines.
          let platformLeft = parts.value[0] as number;
          const refundLines: RefundLine[] = shares.submerchants.map(({ submerchantId }, index) => {
            const fee = Math.min(platformLeft, 1 + next(1_000));
            platformLeft -= fee;
            return { submerchantId, amount: parts.value[index + 1] as number, platformFee: fee };
          });
          (refundLines[0] as { platformFee: number }).platformFee += platformLeft;
          const refundAmount = refundTotal - refundedTotal;
          const validated = validateNonReverseRefund(refundAmount, refundLines, remaining, { maxSubmerchants: count });
          if (!validated.ok) throw new Error(`${validated.error.code}: ${validated.error.message}`);
          expect(validated.value.platform).toBe(parts.value[0]);
          validated.value.submerchants.forEach(({ submerchantId, amount }, index) => {
            expect(submerchantId).toBe(remaining.submerchants[index]?.submerchantId);
            if (amount > (remaining.submerchants[index]?.share as number)) throw new Error(`${submerchantId} asked ${amount} above what it has left`);
          });
          // One unit more from the line with the least left past it is refused.
          const tight = remaining.submerchants.findIndex(({ share }, index) => share === (parts.value[index + 1] as number) && share > 0);
          if (tight >= 0) {
            const greedy = refundLines.map((line, index) => (index === tight ? { ...line, amount: line.amount + 1 } : line));
            expect(validateNonReverseRefund(refundAmount + 1, greedy, remaining, { maxSubmerchants: count })).toMatchObject({ ok: false, error: { code: 'refund_exceeds_share' } });
          }
          refunded = {
            platform: refunded.platform + validated.value.platform,
            submerchants: refunded.submerchants.map(({ submerchantId, amount }, index) => ({ submerchantId, amount: amount + (validated.value.submerchants[index]?.amount as number) })),
          };
          parts.value.forEach((part, index) => (given[index] = (given[index] as number) + part));
          refundedTotal = refundTotal;
        }
        const rest = reverseRefundParts(remainingShares(shares, refunded));
        expect(refunded.platform + rest.platform).toBe(shares.platform);
        rest.submerchants.forEach(({ submerchantId, amount }, index) => {
          expect(submerchantId).toBe(shares.submerchants[index]?.submerchantId);
          expect((refunded.submerchants[index]?.amount as number) + amount).toBe(shares.submerchants[index]?.share);
        });
        const after = remainingShares(shares, { platform: shares.platform, submerchants: shares.submerchants.map(({ submerchantId, share }) => ({ submerchantId, amount: share })) });
        expect(after.platform).toBe(0);
        expect(after.submerchants.every(({ share }) => share === 0)).toBe(true);
      }),
      { numRuns: 10, seed: 7 },
    );
  });

  it('a refund split of exactly maxSubmerchants lines is validated; one line more is refund_split_too_many_lines', () => {
    const count = 10_000;
    const lines: SplitLine[] = Array.from({ length: count }, (_, index) => ({ submerchantId: pm(index), amount: 3, platformFee: 1 }));
    const shares = marketplaceShares(3 * count, lines);
    const refundLines: RefundLine[] = lines.map(({ submerchantId }) => ({ submerchantId, amount: 2, platformFee: 0 }));
    expect(validateNonReverseRefund(2 * count, refundLines, shares, { maxSubmerchants: count })).toMatchObject({ ok: true, value: { platform: 0 } });
    expect(validateNonReverseRefund(2 * count + 1, [...refundLines, { submerchantId: pm(0), amount: 1, platformFee: 0 }], shares, { maxSubmerchants: count })).toMatchObject({
      ok: false,
      error: { code: 'refund_split_too_many_lines' },
    });
  });
});
