import { createLedger, type Command, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { splitDetails, writeMarketplaceScenario } from '../support/marketplace-scenario.js';

// Review "today" (f747a1a..75a9f47): the tables in the currency's unit, refunds of merchants
// deactivated since, captures of merchants no longer approved, longer generators, README.

describe('a table writes no amount in minor units beside its currency code', () => {
  // README "Command line": "The tables of `run` and `reconcile` (`--format table`, for people)
  // write each amount in the unit its currency code names ... (a person reads `4500 USD` as
  // dollars)". A rejected command's line in the same table quoted the engine's message, which
  // wrote minor units beside the code: "pm1 has 4500 USD available" above "closing balance:
  // 45.00 USD" for the same 45 dollars.
  const { scenario } = writeMarketplaceScenario('kanjo-today-', 'usd.json', ['pm1'], [
    // mart: 50.00 − 50.00 + 5.00 − 1.80 − 0.18 = 3.02; pm1 45.00. Shares: mart 5.00, pm1 45.00.
    { op: 'payment.create', id: 'usd1', merchant: 'mart', amount: 5000, currency: 'USD', payment_type: 'credit_card', platform_details: splitDetails(['pm1', 5000, 500]) },
    // pm1 has 45.00 available: 9,999.99 is 9,954.99 short.
    { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 999999, currency: 'USD' },
    // The platform bears 4.00 (within its 5.00 share) but has 3.02 available: 0.98 short.
    { op: 'payment.refund', payment: 'usd1', amount: 400, platform_details: splitDetails(['pm1', 0, 400]) },
  ]);

  it('kanjo run --format table: the rejections name the amounts as the records do (45.00 USD, not 4500 USD)', () => {
    const run = kanjo(['run', scenario, '--format', 'table']);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(1, 4)).toEqual([
      '3 commands: 1 accepted, 2 rejected',
      '  #1 balance.transfer: insufficient_balance: merchant pm1 has 45.00 USD available, less than the amount 999999 (9999.99 USD) to transfer (short by 9954.99)',
      '  #2 payment.refund: insufficient_balance: merchant mart needs 4.00 USD available for this refund but has 3.02 (short by 0.98); top it up with a balance transfer or refund less',
    ]);
    expect(lines).toContain('closing balance: 45.00 USD');
    expect(lines).toContain('closing balance: 3.02 USD');
  });
});

describe('README: session_external_customer_id_too_long counts code points, not what a person sees as one emoji', () => {
  // README said "more than 255 characters, counted as KOMOJU counts them (an emoji is one, where
  // an id's limit counts it two)". The limit counts code points: 😀 is one, but a flag (🇯🇵, two
  // regional indicators), an emoji with a skin tone (👍🏽) or with its variation selector (❤️) is
  // two, so 128 of them are over 255. Pinned here; the README now says so.
  const config = { merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }, { id: 'pm1', type: 'payout', platform: 'mart' }] } as LedgerConfig;
  const session = (externalCustomerId: string): Command => ({
    op: 'session.create', id: 'ses', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/return', capture: 'auto',
    split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }], externalCustomerId,
  });
  const outcome = (externalCustomerId: string): string => {
    const created = createLedger(config);
    if (!created.ok) throw new Error(created.error.code);
    const result = created.value.execute(session(externalCustomerId));
    return result.ok ? 'accepted' : result.error.code;
  };

  it('128 😀 are accepted; 128 🇯🇵, 👍🏽 or ❤️ are too long; 127 🇯🇵 and a letter are accepted', () => {
    expect(outcome('😀'.repeat(128))).toBe('accepted');
    for (const emoji of ['🇯🇵', '👍🏽', '❤️']) expect([emoji, outcome(emoji.repeat(128))]).toEqual([emoji, 'session_external_customer_id_too_long']);
    expect(outcome(`${'🇯🇵'.repeat(127)}a`)).toBe('accepted');
  });
});
