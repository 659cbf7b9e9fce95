import { marketplaceShares, type MarketplaceShares, type SplitLine } from '@kanjo/splits';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal: replay checks every imported capture's shares with it.
import { sharesMisfit } from '../src/journal/capture-shares-misfit.js';
import type { Change } from '../src/journal/change.js';

type Capture = Extract<Change, { readonly kind: 'payment_captured' }>;

/** The rule, said the slow way: marketplaceShares of the split accepts it and gives exactly these shares. */
function followsSplit(capturedAmount: number, split: readonly SplitLine[], shares: MarketplaceShares): boolean {
  let expected: MarketplaceShares;
  try {
    expected = marketplaceShares(capturedAmount, split);
  } catch {
    return false;
  }
  return JSON.stringify(expected) === JSON.stringify(shares);
}

const amount = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 3000 }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 0.5, Number.MAX_SAFE_INTEGER, 2 ** 53) });
const line = fc.record({ submerchantId: fc.constantFrom('pm1', 'pm2', 'pm3'), amount, platformFee: fc.oneof({ weight: 3, arbitrary: amount }, { weight: 1, arbitrary: fc.constant(0) }) });
const captured = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 6000 }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 0.5, 2 ** 53) });

/** Shares as the engine would write them, then now and then one thing changed. */
const capture = fc
  .tuple(captured, fc.array(line, { maxLength: 4 }), fc.nat(), fc.constantFrom('none', 'share', 'id', 'platform', 'drop', 'extra'))
  .map(([capturedAmount, split, pick, edit]): Capture => {
    let shares: { platform: number; submerchants: { submerchantId: string; share: number }[] };
    try {
      const exact = marketplaceShares(capturedAmount, split);
      shares = { platform: exact.platform, submerchants: exact.submerchants.map((party) => ({ ...party })) };
    } catch {
      // A split marketplaceShares refuses, with the shares its arithmetic would still give:
      // a check that only compares numbers would let them pass.
      const submerchants = split.map((entry) => ({ submerchantId: entry.submerchantId, share: entry.amount - entry.platformFee }));
      shares = { platform: submerchants.reduce((left, party) => left - party.share, capturedAmount), submerchants };
    }
    const party = shares.submerchants[pick % Math.max(1, shares.submerchants.length)];
    if (edit === 'share' && party !== undefined) party.share += 1;
    if (edit === 'id' && party !== undefined) party.submerchantId = party.submerchantId === 'pm1' ? 'pm2' : 'pm1';
    if (edit === 'platform') shares.platform -= 1;
    if (edit === 'drop') shares.submerchants.pop();
    if (edit === 'extra') shares.submerchants.push({ submerchantId: 'pm1', share: 0 });
    return { kind: 'payment_captured', payment: 'p', capturedAmount, split, platformAmount: 0, shares, customerFee: 0, customerFeeTax: 0 } as unknown as Capture;
  });

describe('sharesMisfit of a marketplace capture', () => {
  it('finds no misfit exactly when marketplaceShares accepts the split and gives the shares written, for any split and any edit of the shares', () => {
    fc.assert(
      fc.property(capture, (change) => {
        expect(sharesMisfit(change, 'marketplace', undefined) === undefined).toBe(followsSplit(change.capturedAmount, change.split, change.shares));
      }),
      { numRuns: 3000 },
    );
  });

  it('names what the split gives when a share is off by one', () => {
    const split = [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }];
    const change = { kind: 'payment_captured', payment: 'p', capturedAmount: 1000, split, platformAmount: 0, shares: { platform: 100, submerchants: [{ submerchantId: 'pm1', share: 631 }, { submerchantId: 'pm2', share: 270 }] } } as unknown as Capture;
    expect(sharesMisfit(change, 'marketplace', undefined)).toBe('platform 100, pm1 631, pm2 270, but its split gives platform 100, pm1 630, pm2 270');
  });
});

/** The seller-model rule, said the slow way: no split, and the platform amount to the platform, the rest to the seller. */
function followsPlatformAmount(change: Capture, seller: string): boolean {
  if (change.split.length > 0 || change.platformAmount > change.capturedAmount) return false;
  return JSON.stringify(change.shares) === JSON.stringify({ platform: change.platformAmount, submerchants: [{ submerchantId: seller, share: change.capturedAmount - change.platformAmount }] });
}

/** A seller-model capture as the engine writes it, then now and then one thing changed. */
const sellerCapture = fc
  .tuple(fc.integer({ min: 1, max: 6000 }), fc.integer({ min: 0, max: 7000 }), fc.constantFrom('none', 'share', 'id', 'platform', 'drop', 'extra', 'split'))
  .map(([capturedAmount, platformAmount, edit]): Capture => {
    const shares = { platform: platformAmount, submerchants: [{ submerchantId: 's1', share: capturedAmount - platformAmount }] };
    const party = shares.submerchants[0]!;
    if (edit === 'share') party.share += 1;
    if (edit === 'id') party.submerchantId = 's2';
    if (edit === 'platform') shares.platform -= 1;
    if (edit === 'drop') shares.submerchants.pop();
    if (edit === 'extra') shares.submerchants.push({ submerchantId: 's1', share: 0 });
    const split = edit === 'split' ? [{ submerchantId: 's1', amount: capturedAmount, platformFee: 0 }] : [];
    return { kind: 'payment_captured', payment: 'p', capturedAmount, split, platformAmount, shares, customerFee: 0, customerFeeTax: 0 } as unknown as Capture;
  });

describe('sharesMisfit of a seller-model capture', () => {
  it('finds no misfit exactly when there is no split and the shares give the platform amount to the platform and the rest to the seller, for any edit', () => {
    fc.assert(
      fc.property(sellerCapture, (change) => {
        expect(sharesMisfit(change, 'seller', 's1') === undefined).toBe(followsPlatformAmount(change, 's1'));
      }),
      { numRuns: 3000 },
    );
  });
});
