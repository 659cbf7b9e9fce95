import { createLedger, type Ledger, type LedgerConfig } from '@kanjo/ledger';

/**
 * The ledger of packages/ledger/README.md's opening sample after its payment pay_1: ¥1,000 by
 * card, 700 with a 70 platform fee to pm1, 300 with 30 to pm2 (balances mart 60, pm1 630, pm2
 * 270). The README's samples and the TSDoc examples that continue it start here; a fresh one
 * each call, with the configuration it was created from.
 */
export function readmeLedger(): { readonly config: LedgerConfig; readonly ledger: Ledger } {
  const config: LedgerConfig = {
    merchants: [
      { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
      { id: 'pm1', type: 'payout', platform: 'mart' },
      { id: 'pm2', type: 'payout', platform: 'mart' },
    ],
  };
  const created = createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  const ledger = created.value;
  const result = ledger.execute({
    op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card',
    split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }],
  });
  if (!result.ok) throw new Error(result.error.message);
  return { config, ledger };
}
