import {
  CURRENCY_EXPONENTS,
  decimalAmount,
  marketplaceShares,
  parseAmount,
  platformCumulativeRefund,
  proportionalRefund,
  remainingShares,
  reverseRefundParts,
  twoPartyRefund,
  unwrap,
  validateMarketplaceSplit,
  validateNonReverseRefund,
  validateSellerSplit,
  type MarketplaceShares,
  type RefundLine,
  type RefundParts,
  type SplitLine,
  type SplitMoment,
} from '@kanjo/splits';
import {
  invalidMarketplaceSplitArbitrary,
  invalidNonReverseRefundArbitrary,
  marketplaceSharesArbitrary,
  marketplaceSplitCaseArbitrary,
  nonReverseRefundArbitrary,
  refundHistoryArbitrary,
  sellerSplitArbitrary,
  sharesArbitrary,
} from '@kanjo/splits/testing';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Metamorphic and algebraic relations of @kanjo/splits, through its public exports only. The
// other test files already check, on single runs: conservation of marketplace shares and of each
// refund's parts, the proportional-refund bounds along a history (never back, floor ≤ cumulative
// ≤ ceil, exact at the full refund, also against a bigint reference), the two-party rule against
// its formula, and each rejection code on one-defect inputs. Here the relations are between two
// runs: the same input reordered, rescaled, padded with a party that owns nothing, split into
// steps, or moved to a currency with another minor unit, and what the README says must then hold
// between the two outputs. Every relation cites the README (or DOMAIN.md) sentence it follows from.

const MAX = Number.MAX_SAFE_INTEGER;
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** A permutation of 0..n-1 from fast-check's randomness (Fisher-Yates), so failures replay. */
function permutation(n: number, keys: readonly number[]): number[] {
  const order = Array.from({ length: n }, (_, index) => index);
  for (let index = n - 1; index > 0; index -= 1) {
    const other = (keys[index % Math.max(1, keys.length)] ?? 0) % (index + 1);
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  return order;
}
const permute = <T>(items: readonly T[], order: readonly number[]): T[] => order.map((index) => items[index] as T);
/** What {@link permute} moved, put back: the value at position k goes to party order[k]. */
const unpermute = (permuted: readonly number[], order: readonly number[]): number[] => {
  const back = new Array<number>(order.length).fill(0);
  order.forEach((party, position) => {
    back[party] = permuted[position] as number;
  });
  return back;
};
const permutationKeys = fc.array(fc.nat(), { minLength: 1, maxLength: 32 });

function codeOrValue<T>(result: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { readonly code: string } }): T | string {
  return result.ok ? result.value : result.error.code;
}

/** Cumulative refunds after each total of `totals`, with the parts of every step. */
function runHistory(shares: readonly number[], totals: readonly number[]): { parts: number[][]; refunded: number[] } {
  let refunded = shares.map(() => 0);
  const parts: number[][] = [];
  for (const total of totals) {
    const step = unwrap(proportionalRefund(shares, refunded, total));
    parts.push(step);
    refunded = refunded.map((given, index) => given + (step[index] as number));
  }
  return { parts, refunded };
}

/** Shares with a refund history over their total (the package's own hunting arbitraries). */
const sharesWithHistory = (maxShare = 1_000_000, maxSteps = 40) =>
  sharesArbitrary({ maxShare }).chain((shares) => refundHistoryArbitrary(sum(shares), { maxSteps }).map((totals) => ({ shares, totals })));

describe('marketplace splits: reordered lines, another minor unit, a larger capture', () => {
  it('permuting the lines of a valid split keeps it valid, returns the permuted lines, and permutes the Payout Merchants\' shares the same way with the platform\'s unchanged (README "Marketplace splits": a share is each line\'s amount − platformFee, the platform the rest)', () => {
    fc.assert(
      fc.property(marketplaceSplitCaseArbitrary({ moments: ['immediate_capture', 'capture', 'partial_capture'], maxLines: 12 }), permutationKeys, ({ lines, moment, amount }, keys) => {
        const given = lines ?? [];
        const order = permutation(given.length, keys);
        const reordered = permute(given, order);
        const result = validateMarketplaceSplit(reordered, moment, amount);
        expect(result.ok && result.value).toEqual(reordered);
        const shares = marketplaceShares(amount, given);
        const reorderedShares = marketplaceShares(amount, reordered);
        expect(reorderedShares.platform).toBe(shares.platform);
        expect(reorderedShares.submerchants).toEqual(permute(shares.submerchants, order));
      }),
      { numRuns: 300 },
    );
  });

  // Lines that may break several rules at once: mostly distinct ids, sometimes a repeated, empty or
  // over-long one; zero amounts, fees above amounts, amounts large enough to overflow the sum; and a
  // payment amount that is the lines' sum or anything else.
  const messyLine = fc.record({
    id: fc.oneof({ weight: 12, arbitrary: fc.constant('own') }, { weight: 1, arbitrary: fc.constantFrom('repeat', 'empty', 'long') }),
    amount: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: MAX - 1_000, max: MAX })),
    platformFee: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_200 })),
  });
  const messySplit = fc
    .record({
      lines: fc.array(messyLine, { minLength: 1, maxLength: 8 }),
      moment: fc.constantFrom<SplitMoment>('immediate_capture', 'capture', 'partial_capture', 'authorization'),
      amount: fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.maxSafeNat()),
      amountIsSum: fc.boolean(),
      maxSubmerchants: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 8 })),
    })
    .map(({ lines, amount, amountIsSum, ...rest }) => {
      const ids: Record<string, (index: number) => string> = { own: (index) => `pm-${index}`, repeat: () => 'pm-0', empty: () => '', long: () => 'x'.repeat(256) };
      const split = lines.map(({ id, amount: lineAmount, platformFee }, index): SplitLine => ({ submerchantId: (ids[id] as (index: number) => string)(index), amount: lineAmount, platformFee }));
      const total = sum(split.map((line) => line.amount));
      return { ...rest, lines: split, amount: amountIsSum && total <= MAX ? total : amount };
    });

  it('permuting the lines of any split, however many rules it breaks, gives the same code: the checks run rule by rule, not line by line (README: "Each function checks in a fixed order and returns the first rejection that applies")', () => {
    fc.assert(
      fc.property(fc.oneof(messySplit, invalidMarketplaceSplitArbitrary().map(({ lines, moment, amount, constraints }) => ({ lines: lines ?? [], moment, amount, maxSubmerchants: constraints.maxSubmerchants }))), permutationKeys, ({ lines, moment, amount, maxSubmerchants }, keys) => {
        const constraints = maxSubmerchants === undefined ? {} : { maxSubmerchants };
        const reordered = permute(lines, permutation(lines.length, keys));
        const code = (split: readonly SplitLine[]) => ((result) => (result.ok ? 'accepted' : result.error.code))(validateMarketplaceSplit(split, moment, amount, constraints));
        expect(code(reordered)).toBe(code(lines));
      }),
      { numRuns: 500 },
    );
  });

  it('the same split in a currency whose minor unit is 10^k times smaller (every amount × 10^k) gets the same verdict, and shares × 10^k (README: the sum rules are Σ amount = or ≤ the amount; shares are differences)', () => {
    fc.assert(
      fc.property(fc.oneof(marketplaceSplitCaseArbitrary({ moments: ['immediate_capture', 'capture', 'partial_capture'], maxAmount: 10_000_000, maxLines: 10 }), invalidMarketplaceSplitArbitrary()), fc.constantFrom(1, 2, 3), (split, k) => {
        const scale = 10 ** k;
        const lines = split.lines ?? [];
        fc.pre(sum(lines.map((line) => line.amount)) * scale <= MAX && split.amount * scale <= MAX && lines.every((line) => line.platformFee * scale <= MAX));
        const constraints = 'constraints' in split ? split.constraints : {};
        const scaled = lines.map((line) => ({ ...line, amount: line.amount * scale, platformFee: line.platformFee * scale }));
        const scaledLines = split.lines === undefined ? undefined : scaled;
        const original = validateMarketplaceSplit(split.lines, split.moment, split.amount, constraints);
        const moved = validateMarketplaceSplit(scaledLines, split.moment, split.amount * scale, constraints);
        expect(moved.ok ? 'accepted' : moved.error.code).toBe(original.ok ? 'accepted' : original.error.code);
        if (original.ok && split.moment !== 'authorization') {
          const shares = marketplaceShares(split.amount, lines);
          expect(marketplaceShares(split.amount * scale, scaled)).toEqual({
            platform: shares.platform * scale,
            submerchants: shares.submerchants.map(({ submerchantId, share }) => ({ submerchantId, share: share * scale })),
          });
        }
      }),
      { numRuns: 300 },
    );
  });
  it('at a two-step capture, capturing d more with the same split gives the d to the platform alone (README: "Σ amount ≤ the captured amount; the rest is the platform\'s own")', () => {
    fc.assert(
      fc.property(marketplaceSplitCaseArbitrary({ moments: ['capture'], maxAmount: 10_000_000, maxLines: 10 }), fc.oneof(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: MAX - 10_000_000 })), ({ lines, amount }, more) => {
        const given = lines ?? [];
        expect(validateMarketplaceSplit(given, 'capture', amount + more)).toEqual({ ok: true, value: given });
        const shares = marketplaceShares(amount, given);
        expect(marketplaceShares(amount + more, given)).toEqual({ platform: shares.platform + more, submerchants: shares.submerchants });
      }),
      { numRuns: 200 },
    );
  });
});

describe('marketplace refunds: reordered, combined and named in full', () => {
  const remainingWithRefund = marketplaceSharesArbitrary({ maxSubmerchants: 10 }).chain((remaining) => nonReverseRefundArbitrary(remaining).map((refund) => ({ remaining, ...refund })));

  // Refunds against some remaining shares that may break several rules: ids in and out of the
  // payment, repeated; amounts up to and past what is left; sums that add up or not.
  const messyRefund = marketplaceSharesArbitrary({ minSubmerchants: 1, maxSubmerchants: 6, maxShare: 1_000 }).chain((remaining) => {
    const ids = [...remaining.submerchants.map(({ submerchantId }) => submerchantId), 'stranger-1', 'stranger-2'];
    const line = fc.record({ submerchantId: fc.constantFrom(...ids), amount: fc.oneof(fc.integer({ min: 0, max: 1_100 }), fc.integer({ min: MAX - 10, max: MAX })), platformFee: fc.integer({ min: 0, max: 1_100 }) });
    return fc.record({ remaining: fc.constant(remaining), lines: fc.array(line, { maxLength: 8 }), refundAmount: fc.integer({ min: 0, max: 5_000 }), addsUp: fc.boolean(), maxSubmerchants: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 8 })) }).map((refund) => {
      const total = sum(refund.lines.map((l) => l.amount + l.platformFee));
      return { ...refund, refundAmount: refund.addsUp && total <= MAX ? total : refund.refundAmount };
    });
  });

  it('permuting the lines of a non-reverse refund gives exactly the same parts, listed in share order, when accepted, and the same code however many rules it breaks (README "Marketplace refunds": parts list every Payout Merchant "in share order"; fixed order of checks)', () => {
    const anyRefund = fc.oneof(
      remainingWithRefund.map((refund) => ({ ...refund, maxSubmerchants: undefined })),
      invalidNonReverseRefundArbitrary().map(({ remaining, lines, refundAmount, constraints }) => ({ remaining, lines, refundAmount, maxSubmerchants: constraints.maxSubmerchants })),
      messyRefund,
    );
    fc.assert(
      fc.property(anyRefund, permutationKeys, ({ remaining, lines, refundAmount, maxSubmerchants }, keys) => {
        const constraints = maxSubmerchants === undefined ? {} : { maxSubmerchants };
        const reordered = permute(lines, permutation(lines.length, keys));
        expect(codeOrValue(validateNonReverseRefund(refundAmount, reordered, remaining, constraints))).toEqual(codeOrValue(validateNonReverseRefund(refundAmount, lines, remaining, constraints)));
      }),
      { numRuns: 500 },
    );
  });

  it('adding a 0/0 line for a Payout Merchant of the payment that is not on the refund split changes nothing: the parts already list it with 0 (README: parts list "every Payout Merchant of the payment in share order (0 where it gives nothing)")', () => {
    fc.assert(
      fc.property(remainingWithRefund, fc.nat(), fc.nat(), ({ remaining, lines, refundAmount }, pick, at) => {
        const named = new Set(lines.map(({ submerchantId }) => submerchantId));
        const absent = remaining.submerchants.filter(({ submerchantId }) => !named.has(submerchantId));
        fc.pre(absent.length > 0);
        const { submerchantId } = absent[pick % absent.length] as { submerchantId: string };
        const position = at % (lines.length + 1);
        const padded = [...lines.slice(0, position), { submerchantId, amount: 0, platformFee: 0 }, ...lines.slice(position)];
        expect(validateNonReverseRefund(refundAmount, padded, remaining)).toEqual(validateNonReverseRefund(refundAmount, lines, remaining));
      }),
      { numRuns: 300 },
    );
  });

  it('permuting the Payout Merchants of the remaining shares permutes the refund\'s parts the same way and leaves the platform\'s part unchanged (README: "listing every Payout Merchant of the payment in share order")', () => {
    fc.assert(
      fc.property(remainingWithRefund, permutationKeys, ({ remaining, lines, refundAmount }, keys) => {
        const order = permutation(remaining.submerchants.length, keys);
        const reorderedRemaining: MarketplaceShares = { platform: remaining.platform, submerchants: permute(remaining.submerchants, order) };
        const parts = unwrap(validateNonReverseRefund(refundAmount, lines, remaining));
        const reorderedParts = unwrap(validateNonReverseRefund(refundAmount, lines, reorderedRemaining));
        expect(reorderedParts).toEqual({ platform: parts.platform, submerchants: permute(parts.submerchants, order) });
        expect(remainingShares(reorderedRemaining, reorderedParts)).toEqual({ platform: remainingShares(remaining, parts).platform, submerchants: permute(remainingShares(remaining, parts).submerchants, order) });
      }),
      { numRuns: 300 },
    );
  });

  it('a non-reverse refund that names everything left (each Payout Merchant its rest, platform fees adding up to the platform\'s rest, spread over the lines in any way) gives exactly the reverse refund\'s parts (README: a reverse refund "gives back everything left")', () => {
    fc.assert(
      fc.property(marketplaceSharesArbitrary({ minSubmerchants: 1, maxSubmerchants: 10 }), permutationKeys, fc.array(fc.nat(), { minLength: 10, maxLength: 10 }), (remaining, keys, weights) => {
        // The platform's rest cut into one piece per line, at points drawn from `weights`.
        const n = remaining.submerchants.length;
        const cuts = weights.slice(0, n - 1).map((weight) => weight % (remaining.platform + 1)).sort((a, b) => a - b);
        const points = [0, ...cuts, remaining.platform];
        const lines = permute(
          remaining.submerchants.map(({ submerchantId, share }, index): RefundLine => ({ submerchantId, amount: share, platformFee: (points[index + 1] as number) - (points[index] as number) })),
          permutation(n, keys),
        );
        const everything = remaining.platform + sum(remaining.submerchants.map(({ share }) => share));
        expect(validateNonReverseRefund(everything, lines, remaining)).toEqual({ ok: true, value: reverseRefundParts(remaining) });
      }),
      { numRuns: 300 },
    );
  });

  it('two refunds in turn leave the same remaining shares as one refund of their parts added together: remainingShares(remainingShares(s, a), b) = remainingShares(s, a + b) (README: remainingShares is what is left of each share)', () => {
    fc.assert(
      fc.property(
        remainingWithRefund.chain(({ remaining, lines, refundAmount }) => {
          const first = unwrap(validateNonReverseRefund(refundAmount, lines, remaining));
          const afterFirst = remainingShares(remaining, first);
          return nonReverseRefundArbitrary(afterFirst).map((second) => ({ remaining, first, afterFirst, second: unwrap(validateNonReverseRefund(second.refundAmount, second.lines, afterFirst)) }));
        }),
        ({ remaining, first, afterFirst, second }) => {
          const both: RefundParts = {
            platform: first.platform + second.platform,
            submerchants: first.submerchants.map(({ submerchantId, amount }, index) => ({ submerchantId, amount: amount + (second.submerchants[index]?.amount ?? 0) })),
          };
          expect(remainingShares(afterFirst, second)).toEqual(remainingShares(remaining, both));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('seller splits: the ratio is all that counts', () => {
  it('scaling the amount and platform_amount by the same factor splits every refund alike: twoPartyRefund(k·A, k·p, before, after) = twoPartyRefund(A, p, before, after) (README "Seller splits": "Refunds split by the ratio platformAmount / amount")', () => {
    fc.assert(
      fc.property(sellerSplitArbitrary({ maxAmount: 1_000_000 }), fc.oneof(fc.integer({ min: 2, max: 1_000 }), fc.nat()), fc.nat(), fc.nat(), ({ amount, platformAmount }, kSeed, x, y) => {
        const k = 2 + (kSeed % Math.max(1, Math.floor(MAX / amount) - 1));
        fc.pre(amount * k <= MAX);
        const [before, after] = [x % (amount + 1), y % (amount + 1)].sort((a, b) => a - b) as [number, number];
        expect(twoPartyRefund(amount * k, platformAmount * k, before, after)).toEqual(twoPartyRefund(amount, platformAmount, before, after));
        expect(validateSellerSplit(amount * k, platformAmount * k)).toEqual({ ok: true, value: platformAmount * k });
      }),
      { numRuns: 400 },
    );
  });

  it('swapping the roles (platform_amount p ↔ A − p) gives the other party the platform\'s cumulative part, except on an exact half, which both round up: then the two add up to R + 1 (README: the platform\'s cumulative part is round-half-up(R × p / A))', () => {
    fc.assert(
      fc.property(sellerSplitArbitrary(), fc.nat(), fc.boolean(), ({ amount, platformAmount }, seed, half) => {
        // Half the time aim at an exact half: R with R·p ≡ A/2 (mod A), found among the first few R.
        let refunded = seed % (amount + 1);
        if (half && amount % 2 === 0 && amount <= 1_000_000) {
          for (let r = 0; r <= Math.min(amount, 2_000); r += 1) if ((r * platformAmount) % amount === amount / 2) refunded = r;
        }
        const exactHalf = (2n * BigInt(refunded) * BigInt(platformAmount)) % (2n * BigInt(amount)) === BigInt(amount);
        const platform = platformCumulativeRefund(amount, platformAmount, refunded);
        const swapped = platformCumulativeRefund(amount, amount - platformAmount, refunded);
        expect(platform + swapped).toBe(refunded + (exactHalf ? 1 : 0));
      }),
      { numRuns: 500 },
    );
  });

  it('the first 1-unit refund goes to the platform exactly when 2 × platform_amount ≥ amount, up to MAX_SAFE_INTEGER (round-half-up of 1 × p / A)', () => {
    fc.assert(
      fc.property(fc.oneof(sellerSplitArbitrary(), fc.integer({ min: 0, max: MAX }).map((platformAmount) => ({ amount: MAX, platformAmount }))), ({ amount, platformAmount }) => {
        expect(twoPartyRefund(amount, platformAmount, 0, 1)).toEqual(2 * platformAmount >= amount ? { platform: 1, seller: 0 } : { platform: 0, seller: 1 });
      }),
      { numRuns: 300 },
    );
  });

  it('at MAX_SAFE_INTEGER: a full refund returns platform_amount and the rest exactly, in one refund or in two (README: "at R = A it is exactly p")', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX }), fc.integer({ min: 0, max: MAX }), (platformAmount, middle) => {
        const whole = twoPartyRefund(MAX, platformAmount, 0, MAX);
        expect(whole).toEqual({ platform: platformAmount, seller: MAX - platformAmount });
        const first = twoPartyRefund(MAX, platformAmount, 0, middle);
        const second = twoPartyRefund(MAX, platformAmount, middle, MAX);
        expect([first.platform + second.platform, first.seller + second.seller]).toEqual([platformAmount, MAX - platformAmount]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('proportional refunds: what the method depends on, and what it does not', () => {
  it('scaling every share by the same factor changes no part of any refund in a history, up to shares whose products need bigint (README: the method uses only R × w_i / T and (refunded_i + 1) / w_i)', () => {
    fc.assert(
      fc.property(sharesWithHistory(), fc.oneof(fc.integer({ min: 2, max: 1_000 }), fc.constant(Number.POSITIVE_INFINITY)), ({ shares, totals }, kWanted) => {
        const largest = Math.floor(MAX / sum(shares));
        fc.pre(largest >= 2);
        const k = Math.min(kWanted, largest);
        const scaled = shares.map((share) => share * k);
        // The same cumulative totals (units of money), refunded against shares k times larger.
        expect(runHistory(scaled, totals).parts).toEqual(runHistory(shares, totals).parts);
      }),
      { numRuns: 300 },
    );
  });

  it('a party with a share of 0, put anywhere, gives back 0 in every refund and changes nothing for the others (README: parts ≥ 0, "never exceeds its share"; ties go to the earlier party, and a 0 share is never due)', () => {
    fc.assert(
      fc.property(sharesWithHistory(), fc.nat(), ({ shares, totals }, at) => {
        const position = at % (shares.length + 1);
        const padded = [...shares.slice(0, position), 0, ...shares.slice(position)];
        const withZero = runHistory(padded, totals).parts;
        const without = runHistory(shares, totals).parts;
        expect(withZero).toEqual(without.map((parts) => [...parts.slice(0, position), 0, ...parts.slice(position)]));
      }),
      { numRuns: 300 },
    );
  });

  it('permuting the parties permutes the parts, except for units a tie decides: the parts differ only between parties whose next unit falls due at the same time (equal (c_i + 1) / w_i), and add up alike over them (README: "the smallest (refunded_i + 1) / w_i … ties go to the earlier party")', () => {
    let tiesSeen = 0;
    fc.assert(
      fc.property(sharesWithHistory(1_000, 30), fc.nat(), permutationKeys, ({ shares, totals }, cut, keys) => {
        // A state the method made (a prefix of the history), then the next refund total.
        const steps = totals.length === 0 ? 0 : cut % totals.length;
        const refunded = runHistory(shares, totals.slice(0, steps)).refunded;
        const refundTotal = totals[steps] ?? sum(refunded);
        const order = permutation(shares.length, keys);
        const parts = unwrap(proportionalRefund(shares, refunded, refundTotal));
        const permuted = unwrap(proportionalRefund(permute(shares, order), permute(refunded, order), refundTotal));
        const back = unpermute(permuted, order);
        const differing = shares.map((_, party) => party).filter((party) => back[party] !== parts[party]);
        if (differing.length === 0) return;
        tiesSeen += 1;
        // Step 1 of the README's method: c_i = max(refunded_i, floor(R × w_i / T)).
        const total = BigInt(sum(shares));
        const c = (party: number) => {
          const lower = (BigInt(refundTotal) * BigInt(shares[party] as number)) / total;
          const given = BigInt(refunded[party] as number);
          return given > lower ? given : lower;
        };
        const [first] = differing as [number];
        for (const party of differing) {
          // (c_p + 1) / w_p = (c_f + 1) / w_f, compared in bigint.
          expect((c(party) + 1n) * BigInt(shares[first] as number), `parties ${first} and ${party} of [${shares}] refunded [${refunded}] to ${refundTotal}`).toBe((c(first) + 1n) * BigInt(shares[party] as number));
        }
        expect(sum(differing.map((party) => back[party] as number))).toBe(sum(differing.map((party) => parts[party] as number)));
      }),
      { numRuns: 400 },
    );
    // Not vacuous: ties are common with tiny shares.
    expect(tiesSeen).toBeGreaterThan(0);
  });

  it('on histories it did not make (refunded amounts from explicit splits, where step 1 may need more than the refund brings), permuting the parties still moves at most one unit per party, and only between parties whose parts add up alike (README: "the refund is shared in proportion to how far each party is behind its lower quota")', () => {
    const anyState = sharesArbitrary({ maxShare: 1_000, maxParties: 12 }).chain((shares) =>
      fc.tuple(fc.tuple(...shares.map((share) => fc.integer({ min: 0, max: share }))), fc.nat()).map(([refunded, seed]) => {
        const given = sum(refunded);
        return { shares, refunded, refundTotal: given + (seed % (sum(shares) - given + 1)) };
      }),
    );
    fc.assert(
      fc.property(anyState, permutationKeys, ({ shares, refunded, refundTotal }, keys) => {
        const order = permutation(shares.length, keys);
        const parts = unwrap(proportionalRefund(shares, refunded, refundTotal));
        const permuted = unwrap(proportionalRefund(permute(shares, order), permute(refunded, order), refundTotal));
        const back = unpermute(permuted, order);
        const differing = shares.map((_, party) => party).filter((party) => back[party] !== parts[party]);
        for (const party of differing) expect(Math.abs((back[party] as number) - (parts[party] as number))).toBe(1);
        expect(sum(differing.map((party) => back[party] as number))).toBe(sum(differing.map((party) => parts[party] as number)));
      }),
      { numRuns: 400 },
    );
  });

  it('observation, not a README promise: the cumulative split depends on how the refunds were cut, and a larger refund can take less from a party (shares 2/2/1/1: one refund of 4 gives 2/2/0/0, refunds of 3 then 1 give 1/1/1/0 then 2/1/1/0); both stay within floor…ceil of R × w_i / T', () => {
    const shares = [2, 2, 1, 1];
    // From nothing refunded: a refund of 3 takes a unit from party 2, a refund of 4 does not.
    expect(unwrap(proportionalRefund(shares, [0, 0, 0, 0], 3))).toEqual([1, 1, 1, 0]);
    expect(unwrap(proportionalRefund(shares, [0, 0, 0, 0], 4))).toEqual([2, 2, 0, 0]);
    // The same cumulative total 4 reached in two refunds: 2/1/1/0, not 2/2/0/0.
    expect(runHistory(shares, [3, 4]).refunded).toEqual([2, 1, 1, 0]);
    expect(runHistory(shares, [4]).refunded).toEqual([2, 2, 0, 0]);
    // Both within the README's bounds at R = 4 (exact 4/3, 4/3, 2/3, 2/3) and exact at the full refund.
    expect(runHistory(shares, [3, 4, 6]).refunded).toEqual(shares);
    expect(runHistory(shares, [4, 6]).refunded).toEqual(shares);
  });
});

describe('currencies: the same amount in another minor unit', () => {
  const byExponent = new Map<number, string[]>();
  for (const [code, exponent] of Object.entries(CURRENCY_EXPONENTS)) byExponent.set(exponent, [...(byExponent.get(exponent) ?? []), code]);
  const currencies = Object.keys(CURRENCY_EXPONENTS);
  const anyAmount = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: -MAX, max: MAX }), fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }));

  it('currencies with the same exponent write every amount alike (README "Currencies": minor units written in the currency\'s unit, on the digits)', () => {
    expect([...byExponent.keys()].sort()).toEqual([0, 2, 3]);
    expect(byExponent.get(3)).toEqual(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
    fc.assert(
      fc.property(anyAmount, fc.constantFrom(...currencies), fc.constantFrom(...currencies), (amount, a, b) => {
        fc.pre(CURRENCY_EXPONENTS[a] === CURRENCY_EXPONENTS[b]);
        expect(decimalAmount(amount, b)).toBe(decimalAmount(amount, a));
      }),
      { numRuns: 300 },
    );
  });

  it('an amount × 10^d in a currency with d more decimals is the same text with d zeros appended (JPY 45 = USD 4500 → "45.00"; USD 4500 = KWD 45000 → "45.000")', () => {
    fc.assert(
      fc.property(anyAmount, fc.constantFrom(...currencies), fc.constantFrom(...currencies), (amount, a, b) => {
        const [from, to] = (CURRENCY_EXPONENTS[a] as number) <= (CURRENCY_EXPONENTS[b] as number) ? [a, b] : [b, a];
        const d = (CURRENCY_EXPONENTS[to] as number) - (CURRENCY_EXPONENTS[from] as number);
        const text = decimalAmount(amount, from);
        const zero = typeof amount === 'bigint' ? amount === 0n : amount === 0;
        // -0 and 0 are both written without a sign.
        const expected = d === 0 ? text : `${text}${text.includes('.') ? '' : '.'}${'0'.repeat(d)}`;
        expect(decimalAmount(BigInt(amount) * 10n ** BigInt(d), to)).toBe(zero ? decimalAmount(0, to) : expected);
      }),
      { numRuns: 400 },
    );
  });

  it('a negative amount is its positive amount with a minus sign, in every currency, as a number and as a bigint (README: decimalAmount(-5005n, "KWD") is "-5.005")', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX }), fc.constantFrom(...currencies), (amount, currency) => {
        expect(decimalAmount(-amount, currency)).toBe(`-${decimalAmount(amount, currency)}`);
        expect(decimalAmount(-BigInt(amount), currency)).toBe(decimalAmount(-amount, currency));
      }),
      { numRuns: 300 },
    );
  });
});

describe('amounts: equivalent spellings', () => {
  const result = (input: unknown) => codeOrValue(parseAmount(input));

  it('a number and the digits JavaScript writes for it get the same value or code (README table: 1000 / "1000", 1000.5 / "10.5", -5 / "-5", 2 ** 53 / "9007199254740992"), except where String() writes an exponent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -1_000, max: 1_000 }), fc.double(), fc.double({ min: -1e25, max: 1e25 }), fc.constantFrom(2 ** 53, -(2 ** 53), 2 ** 53 + 2, 0.5, -0, Number.NaN, Number.POSITIVE_INFINITY)), (value) => {
        const text = String(value);
        fc.pre(!/e/i.test(text));
        expect(result(text), `${value} and "${text}"`).toEqual(result(value));
      }),
      { numRuns: 1_000 },
    );
  });

  it('leading zeros never change what a string that starts with a digit gives: value, or code, from "5" to "1e3" to "10.5" to 20-digit numbers (README: "a string of ASCII digits (leading zeros allowed)")', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[0-9][0-9a-zA-Z.+-]{0,25}$/), fc.bigInt({ min: 0n, max: 10n ** 22n }).map(String)), fc.integer({ min: 1, max: 40 }), (text, zeros) => {
        expect(result('0'.repeat(zeros) + text)).toEqual(result(text));
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('rejections: one shape, README codes, and the same code whatever else varies', () => {
  const README_CODES = new Set([
    'amount_not_a_number',
    'amount_exponent_notation',
    'amount_not_integer',
    'amount_negative',
    'amount_not_safe_integer',
    'amount_not_positive',
    'amount_sum_not_safe_integer',
    'split_required',
    'split_not_allowed_at_authorization',
    'split_too_many_submerchants',
    'split_submerchant_id_invalid',
    'split_duplicate_submerchant',
    'split_line_amount_not_positive',
    'split_platform_fee_exceeds_amount',
    'split_sum_mismatch',
    'split_sum_exceeds_amount',
    'platform_amount_exceeds_amount',
    'refund_split_too_many_lines',
    'refund_split_duplicate_submerchant',
    'refund_submerchant_not_in_payment',
    'refund_split_sum_mismatch',
    'refund_exceeds_share',
    'refunded_exceeds_share',
    'refund_total_exceeds_shares',
    'refund_total_below_refunded',
  ]);

  /** README "Two kinds of error": `{ ok: false, error: { code, message } }`, a stable snake_case code. */
  function expectRejection(result: unknown, code?: string): void {
    expect(Object.keys(result as object).sort()).toEqual(['error', 'ok']);
    const { ok, error } = result as { ok: unknown; error: { code: string; message: unknown } };
    expect(ok).toBe(false);
    expect(Object.keys(error).sort()).toEqual(['code', 'message']);
    expect(README_CODES.has(error.code), error.code).toBe(true);
    expect(error.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(typeof error.message === 'string' && error.message.length > 0).toBe(true);
    if (code !== undefined) expect(error.code).toBe(code);
  }

  const junk = fc.oneof(
    fc.constantFrom<unknown>(null, undefined, true, Number.NaN, Number.POSITIVE_INFINITY, -5, '-5', '-0', 1000.5, '10.5', '1e3', '1E3', '+5', '', ' 5', '1,000', 'abc', 2 ** 53, '9007199254740992', {}, [], 10n, 0, '0'),
    fc.string(),
    fc.double(),
  );

  it('parseAmount: the code for an input does not depend on the field name, and allowZero changes only what 0 gives (README "Amounts": field is "the name in messages", allowZero "default false")', () => {
    fc.assert(
      fc.property(fc.oneof(junk, fc.maxSafeNat(), fc.maxSafeNat().map(String)), fc.constantFrom('amount', 'platform_fee', 'refund amount', 'x'), (input, field) => {
        const plain = parseAmount(input);
        const named = parseAmount(input, { field });
        const zeroAllowed = parseAmount(input, { field, allowZero: true });
        expect(codeOrValue(named)).toEqual(codeOrValue(plain));
        if (!named.ok) {
          expectRejection(named);
          expect(named.error.message).toContain(field);
        }
        if (codeOrValue(plain) === 'amount_not_positive') expect(zeroAllowed).toEqual({ ok: true, value: 0 });
        else expect(codeOrValue(zeroAllowed)).toEqual(codeOrValue(plain));
      }),
      { numRuns: 500 },
    );
  });

  it('proportionalRefund: a party that has refunded more than its share is refunded_exceeds_share wherever it sits among valid parties and whatever the refund total; a total past the shares is refund_total_exceeds_shares whatever the (valid) history (README: "Each function checks in a fixed order")', () => {
    fc.assert(
      fc.property(sharesWithHistory(1_000, 20), fc.nat(), fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 1, max: 1_000 }), fc.nat(), fc.integer({ min: 1, max: 10_000 }), ({ shares, totals }, at, badShare, excess, anyTotal, beyond) => {
        const { refunded } = runHistory(shares, totals);
        const position = at % (shares.length + 1);
        const withBad = [...shares.slice(0, position), badShare, ...shares.slice(position)];
        const refundedWithBad = [...refunded.slice(0, position), badShare + excess, ...refunded.slice(position)];
        expectRejection(proportionalRefund(withBad, refundedWithBad, anyTotal % (sum(withBad) + 2)), 'refunded_exceeds_share');
        expectRejection(proportionalRefund(shares, refunded, sum(shares) + beyond), 'refund_total_exceeds_shares');
        if (sum(refunded) > 0) expectRejection(proportionalRefund(shares, refunded, sum(refunded) - 1 - (anyTotal % sum(refunded))), 'refund_total_below_refunded');
      }),
      { numRuns: 300 },
    );
  });

  it('the code does not depend on what a submerchant id contains, and a message that quotes an id stays one line (README "Two kinds of error": ids quoted with quoteText, "so it stays one short line")', () => {
    const anyId = fc.string({ unit: fc.constantFrom('p', 'm', '-', '1', '\n', '\r', '\u2028', '\u2029', '\u0085', '"', '\\', '\u0000', 'é', '😀'), minLength: 1, maxLength: 120 });
    fc.assert(
      fc.property(anyId, anyId, (id, other) => {
        fc.pre(id !== other);
        const cases: Array<readonly [{ ok: boolean; error?: { code: string; message: string } }, string]> = [
          [validateMarketplaceSplit([{ submerchantId: id, amount: 5, platformFee: 0 }, { submerchantId: id, amount: 5, platformFee: 0 }], 'immediate_capture', 10), 'split_duplicate_submerchant'],
          [validateMarketplaceSplit([{ submerchantId: other, amount: 5, platformFee: 0 }, { submerchantId: id, amount: 0, platformFee: 0 }], 'capture', 10), 'split_line_amount_not_positive'],
          [validateMarketplaceSplit([{ submerchantId: id, amount: 5, platformFee: 6 }], 'immediate_capture', 5), 'split_platform_fee_exceeds_amount'],
          [validateNonReverseRefund(5, [{ submerchantId: id, amount: 5, platformFee: 0 }], { platform: 0, submerchants: [{ submerchantId: other, share: 5 }] }), 'refund_submerchant_not_in_payment'],
          [validateNonReverseRefund(5, [{ submerchantId: id, amount: 5, platformFee: 0 }], { platform: 0, submerchants: [{ submerchantId: id, share: 4 }] }), 'refund_exceeds_share'],
          [validateNonReverseRefund(0, [{ submerchantId: id, amount: 0, platformFee: 0 }, { submerchantId: id, amount: 0, platformFee: 0 }], { platform: 0, submerchants: [{ submerchantId: id, share: 1 }] }), 'refund_split_duplicate_submerchant'],
        ];
        // An id of digits (with a minus sign) is an amount (a negative one); anything else sent as an amount is not a number.
        if (!/^-?[0-9]+$/.test(id)) cases.push([parseAmount(id), 'amount_not_a_number']);
        for (const [rejection, code] of cases) {
          expectRejection(rejection, code);
          expect(rejection.error?.message, code).not.toMatch(/[\n\r\u2028\u2029\u0085]/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every rejection from every function has the one shape and a README code: generated one-defect and many-defect splits and refunds, seller splits and junk amounts', () => {
    fc.assert(
      fc.property(invalidMarketplaceSplitArbitrary(), invalidNonReverseRefundArbitrary(), sellerSplitArbitrary({ maxAmount: MAX - 1 }), fc.integer({ min: 1, max: 1_000 }), junk, (split, refund, seller, excess, input) => {
        expectRejection(validateMarketplaceSplit(split.lines, split.moment, split.amount, split.constraints), split.expectedCode);
        expectRejection(validateNonReverseRefund(refund.refundAmount, refund.lines, refund.remaining, refund.constraints), refund.expectedCode);
        expectRejection(validateSellerSplit(seller.amount, Math.min(MAX, seller.amount + excess)), 'platform_amount_exceeds_amount');
        const parsed = parseAmount(input);
        if (!parsed.ok) expectRejection(parsed);
      }),
      { numRuns: 300 },
    );
  });
});
