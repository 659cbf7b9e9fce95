import { runScenario } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';

// Review 172: an empty `submerchants: []` was read as "no split" in some commands and as "a
// split of nothing" in others, and the README said so only for refunds. The README now states
// the rule (no split wherever a split may be left out; a split of nothing where it says who is
// paid or who gives back); these are its cases.

const MERCHANTS = [
  { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
  { id: 'pm1', type: 'payout', platform: 'mart' },
  { id: 'plat', type: 'platform', business: 'platform', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
  { id: 's1', type: 'seller', platform: 'plat' },
];
const EMPTY = { submerchants: [] };
const card = { amount: 1000, currency: 'JPY', payment_type: 'credit_card' };

function outcomes(commands: object[]) {
  const run = runScenario({ merchants: MERCHANTS, commands });
  if (!run.ok) throw new Error(run.error.message);
  return { codes: run.value.report.results.map((result) => (result.ok ? 'ok' : result.error.code)), balances: run.value.report.balances };
}

describe('an empty submerchants list', () => {
  // Review 242: the README listed the two-step capture among the commands a split may be left out
  // of; there it is required (split_required, seed [001]), and [] is a split with no lines.
  it('a marketplace two-step capture with no split at all is split_required; with [] the platform keeps it all', () => {
    const { codes, balances } = outcomes([
      { op: 'payment.create', id: 'a', merchant: 'mart', ...card, capture: false },
      { op: 'payment.capture', payment: 'a' },
      { op: 'payment.capture', payment: 'a', platform_details: EMPTY },
    ]);
    expect(codes).toEqual(['ok', 'split_required', 'ok']);
    expect(balances).toEqual({ mart: { JPY: 960 }, pm1: {}, plat: {}, s1: {} });
  });

  it('is no split where a split may be left out: a marketplace authorization, its two-step capture (the platform keeps it all), a seller-model payment', () => {
    const { codes, balances } = outcomes([
      { op: 'payment.create', id: 'a', merchant: 'mart', ...card, capture: false, platform_details: EMPTY },
      { op: 'payment.capture', payment: 'a', platform_details: EMPTY },
      { op: 'payment.create', id: 'd', merchant: 'plat', as: 's1', ...card, platform_amount: 100, platform_merchant: 'plat', platform_details: EMPTY },
    ]);
    expect(codes).toEqual(['ok', 'ok', 'ok']);
    // ¥1,000 less the 3.6% fee (36) and its tax (4); the seller's ¥900 less nothing, the platform's 100 less 40.
    expect(balances).toEqual({ mart: { JPY: 960 }, pm1: {}, plat: { JPY: 60 }, s1: { JPY: 900 } });
  });

  it('is a split of nothing where it says who is paid or who gives back: a payment captured at once, a marketplace refund', () => {
    const split = { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }] };
    expect(
      outcomes([
        { op: 'payment.create', id: 'b', merchant: 'mart', ...card, platform_details: EMPTY },
        { op: 'payment.create', id: 'c', merchant: 'mart', ...card, platform_details: split },
        { op: 'payment.refund', payment: 'c', amount: 100, platform_details: EMPTY },
        { op: 'payment.refund', payment: 'c', platform_details: EMPTY },
      ]).codes,
    ).toEqual(['split_sum_mismatch', 'ok', 'refund_split_sum_mismatch', 'amount_not_positive']);
  });
});

// Review 178 (session 48): for an idempotency key the empty list is a split written out, as the
// README's "Idempotency" paragraph now says for scenario files too.
describe('an empty submerchants list and a keyed retry', () => {
  it('a retry that adds it (or drops it) is idempotency_key_reused, even at an authorization where both decide alike; null is left out', () => {
    const authorize = { op: 'payment.create', idempotency_key: 'K', id: 'p', merchant: 'mart', ...card, capture: false };
    expect(outcomes([authorize, { ...authorize, platform_details: EMPTY }, { ...authorize, platform_details: null }]).codes).toEqual(['ok', 'idempotency_key_reused', 'ok']);
    expect(outcomes([{ ...authorize, platform_details: EMPTY }, authorize]).codes).toEqual(['ok', 'idempotency_key_reused']);
    // Unkeyed, the two forms decide alike: each authorizes with no split.
    const unkeyed = { op: 'payment.create', merchant: 'mart', ...card, capture: false };
    expect(outcomes([{ ...unkeyed, id: 'a' }, { ...unkeyed, id: 'b', platform_details: EMPTY }]).codes).toEqual(['ok', 'ok']);
  });
});
