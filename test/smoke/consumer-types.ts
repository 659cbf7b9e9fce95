// A TypeScript consumer of the packed packages, type-checked (not run) by scripts/smoke.sh under
// several consumer settings with skipLibCheck off and no @types/node: the declaration files must
// compile in a project that is strict, that resolves them as Node or a bundler does, and that
// has no Node types of its own (a library's .d.ts that named Buffer or NodeJS would fail there).
import { marketplaceShares, validateMarketplaceSplit, type Rejection, type SplitLine } from '@kanjo/splits';
import { amountArbitrary } from '@kanjo/splits/testing';
import { buildFeeSchedule, processingFee } from '@kanjo/fees';
import { rateTextArbitrary } from '@kanjo/fees/testing';
import { createLedger, hledgerJournalLines, journalNdjsonLines, merchantBalances, replayJournal, type Command, type ExecuteResult, type LedgerConfig } from '@kanjo/ledger';
import { ledgerConfigArbitrary } from '@kanjo/ledger/testing';

const config: LedgerConfig = {
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
    { id: 'pm1', type: 'payout', platform: 'mart' },
  ],
};
const created = createLedger(config);
if (created.ok) {
  const command: Command = { op: 'payment.create', id: 'p', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] };
  const result: ExecuteResult = created.value.execute(command);
  const code: string = result.ok ? result.entry.command.op : result.error.code;
  const balance: number | undefined = merchantBalances(created.value.state)['mart']?.['JPY'];
  const lines: string[] = [...journalNdjsonLines(config, created.value.journal), ...hledgerJournalLines(created.value.state)];
  const replayed = replayJournal(config, created.value.journal);
  void [code, balance, lines, replayed.ok];
}
const line: SplitLine = { submerchantId: 'pm1', amount: 1000, platformFee: 100 };
const validated = validateMarketplaceSplit([line], 'immediate_capture', 1000);
const rejection: Rejection<string> | undefined = validated.ok ? undefined : validated.error;
const platformShare: number = marketplaceShares(1000, [line]).platform;
const schedule = buildFeeSchedule({ paymentMethods: { konbini: { feeRate: '2.75%', customerFee: 190 } } });
const fee = schedule.ok ? processingFee(schedule.value, 'konbini', 5000) : undefined;
void [rejection, platformShare, fee, amountArbitrary(), rateTextArbitrary(), ledgerConfigArbitrary()];
