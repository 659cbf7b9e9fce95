import { postedBalance, replayJournal, type Entry } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { BANK_ACCOUNT, CONFIG, FUNDED_KONBINI, goldenPayment, konbiniPayment, marketplaceSession, omit, sellerPayment } from './support/fixtures.js';
import { accepted, appended, ledgerAfter, newLedger } from './support/ledger-harness.js';

const GOLDEN_SPLIT = [
  { submerchantId: 'pm1', amount: 700, platformFee: 70 },
  { submerchantId: 'pm2', amount: 300, platformFee: 30 },
];

/** Every object reachable from `value` that is not frozen, by its path. */
function unfrozenPaths(value: unknown, path: string): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const found = Object.isFrozen(value) ? [] : [path];
  for (const [key, field] of Object.entries(value)) found.push(...unfrozenPaths(field, `${path}.${key}`));
  return found;
}

// The state folds an entry's own objects in (a pending split, shares, payout settings): a write
// into a returned entry would steer later commands while the journal still replayed.
describe('entries the engine appends are frozen all the way down', () => {
  it('every object of every entry of a ledger that used each flow is frozen', () => {
    const ledger = ledgerAfter([
      ...FUNDED_KONBINI,
      omit(goldenPayment('two', { capture: false }), 'split'),
      { op: 'payment.capture', payment: 'two', amount: 1000, split: GOLDEN_SPLIT },
      { op: 'payment.refund', payment: 'two', amount: 300, split: [{ submerchantId: 'pm1', amount: 300, platformFee: 0 }] },
      { op: 'payment.refund_request', payment: 'kb_1', id: 'rq', amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }], bankAccount: BANK_ACCOUNT, includePaymentMethodFee: true },
      { op: 'refund_request.complete', refundRequest: 'rq' },
      sellerPayment(),
      { op: 'payment.chargeback', payment: 'sp_1' },
      { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm2', amount: 10, currency: 'JPY', idempotencyKey: 'k' },
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 },
      marketplaceSession('ses', { metadata: { order: '7' } }),
      { op: 'session.complete', session: 'ses', payment: 'from_ses', paymentType: 'credit_card' },
    ]);
    expect(ledger.journal).toHaveLength(14);
    expect(ledger.journal.flatMap((entry, index) => unfrozenPaths(entry, `journal[${index}]`))).toEqual([]);
    // Review 254: a ledger rebuilt from that journal as read back keeps the entries it was
    // given, unfrozen (README `JournalReplay`: "keeps them as given, not frozen"): the caller's
    // objects, which a script may edit to replay the journal again.
    const readBack = JSON.parse(JSON.stringify(ledger.journal)) as Entry[];
    const rebuilt = replayJournal(CONFIG, readBack);
    expect(rebuilt.ok && rebuilt.value.journal.every((entry, index) => entry === readBack[index] && !Object.isFrozen(entry))).toBe(true);
  });

  it('a write into a returned pending split throws, and the capture still takes the fees the command named', () => {
    const ledger = newLedger();
    // A Konbini payment waits for the customer with the split it was created with.
    const created = appended(ledger, konbiniPayment('k'));
    const change = created.changes[0];
    if (change?.kind !== 'payment_created') throw new Error('expected the creation first');
    const line = change.payment.pendingSplit?.[0] as { platformFee: number } | undefined;
    expect(() => {
      if (line !== undefined) line.platformFee = 0;
    }).toThrow(TypeError);
    accepted(ledger, { op: 'payment.capture', payment: 'k' });
    // pm1 keeps 5,000 − its platform fee of 500, as the command asked.
    expect(postedBalance(ledger.state, 'pm1', 'JPY')).toBe(4500);
  });

  it('a write into returned shares or payout settings throws and changes nothing later', () => {
    const ledger = ledgerAfter(FUNDED_KONBINI);
    const captured = appended(ledger, goldenPayment());
    const capture = captured.changes.find((change) => change.kind === 'payment_captured');
    if (capture?.kind !== 'payment_captured') throw new Error('expected a capture');
    expect(() => {
      (capture.shares.submerchants[0] as { share: number }).share += 100;
    }).toThrow(TypeError);
    const settings = appended(ledger, { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 100_000 });
    const update = settings.changes[0];
    if (update?.kind !== 'payout_settings_updated') throw new Error('expected settings');
    expect(() => {
      (update.settings as { minimumAmount: number }).minimumAmount = 0;
    }).toThrow(TypeError);
    accepted(ledger, { op: 'payment.refund', payment: 'pay_1' });
    // A reverse refund takes back pm1's 630 and pm2's 270, the shares the capture decided: pm1
    // is left its 4,500 of the Konbini payment, pm2 nothing.
    expect([postedBalance(ledger.state, 'pm1', 'JPY'), postedBalance(ledger.state, 'pm2', 'JPY')]).toEqual([4500, 0]);
    expect(ledger.state.payoutSettings.get('pm1')?.get('JPY')?.minimumAmount).toBe(100_000);
  });

  it('a write into a returned posting or event throws: the journal stays what was decided', () => {
    const ledger = newLedger();
    const entry: Entry = appended(ledger, goldenPayment());
    const before = JSON.stringify(ledger.journal);
    expect(() => {
      (entry.postings[0] as { amount: number }).amount = 1;
    }).toThrow(TypeError);
    expect(() => {
      (entry.events as unknown[]).push({ type: 'payment.refunded' });
    }).toThrow(TypeError);
    expect(JSON.stringify(ledger.journal)).toBe(before);
  });
});
