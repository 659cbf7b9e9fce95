/**
 * Ledger core benchmark (issue 4):
 * 1. marketplace capture with two sub-merchants end to end (validate, fees, entries, apply):
 *    goal ≥ 500,000 captures a second on one core;
 * 2. replay of a journal of 1,000,000 captured payments: goal under 1 second;
 * 3. memory per posting of that journal: the heap it holds after a collection, and the
 *    process's peak resident memory (the journal at its largest plus the garbage of building it).
 * Run: node --import tsx --expose-gc packages/ledger/bench/capture-and-replay.bench.ts
 * (KANJO_BENCH_PAYMENTS overrides the journal size.)
 */
import { createLedger, replayJournal, type LedgerConfig } from '../dist/index.js';

const config: LedgerConfig = {
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
    { id: 'pm1', type: 'payout', platform: 'mart' },
    { id: 'pm2', type: 'payout', platform: 'mart' },
  ],
};
const split = [
  { submerchantId: 'pm1', amount: 700, platformFee: 70 },
  { submerchantId: 'pm2', amount: 300, platformFee: 30 },
];
const payments = Number(process.env['KANJO_BENCH_PAYMENTS'] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function newLedger() {
  const created = createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

// 1. Capture throughput: batches of 100,000 on a fresh ledger each, best batch reported
//    (the first batches warm the JIT).
let bestCapturesPerSecond = 0;
for (let batch = 0; batch < 5; batch += 1) {
  const ledger = newLedger();
  gc();
  const started = performance.now();
  for (let index = 0; index < 100_000; index += 1) {
    const result = ledger.execute({ op: 'payment.create', id: `p${index}`, merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split });
    if (!result.ok) throw new Error(result.error.message);
  }
  bestCapturesPerSecond = Math.max(bestCapturesPerSecond, 100_000 / ((performance.now() - started) / 1000));
}

// 2 and 3. A journal of `payments` captures, its memory, and its replay.
gc();
const heapBefore = process.memoryUsage().heapUsed;
const ledger = newLedger();
for (let index = 0; index < payments; index += 1) {
  ledger.execute({ op: 'payment.create', id: `p${index}`, merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split });
}
// Peak resident memory so far: the journal at its largest, with the garbage of building it.
const peakResidentBytes = process.resourceUsage().maxRSS * 1024;
gc();
const heapJournal = process.memoryUsage().heapUsed - heapBefore;
const postings = ledger.journal.reduce((count, entry) => count + entry.postings.length, 0);
const replayTimes: number[] = [];
for (let round = 0; round < 3; round += 1) {
  gc();
  const started = performance.now();
  const replayed = replayJournal(config, ledger.journal);
  replayTimes.push(performance.now() - started);
  if (!replayed.ok) throw new Error(replayed.error.message);
  if (replayed.value.state.balances.get('mart')?.get('JPY') !== ledger.state.balances.get('mart')?.get('JPY')) throw new Error('replay differs');
}
const replaySeconds = Math.min(...replayTimes) / 1000;

const row = (what: string, measured: string, goal: string, met: boolean | 'n/a'): Record<string, string> => ({ what, measured, goal, met: met === 'n/a' ? met : met ? 'yes' : 'NO' });
console.table([
  row('marketplace capture, 2 sub-merchants, end to end', `${Math.round(bestCapturesPerSecond).toLocaleString('en')} /s`, '≥ 500,000 /s', bestCapturesPerSecond >= 500_000),
  row(`replay of ${payments.toLocaleString('en')} captured payments`, `${replaySeconds.toFixed(2)} s`, '< 1 s for 1,000,000', payments === 1_000_000 ? replaySeconds < 1 : 'n/a'),
  row('memory per posting (live state + journal, after GC)', `${Math.round(heapJournal / postings)} B`, 'reported', true),
  row('peak memory per posting (resident, whole process)', `${Math.round(peakResidentBytes / postings)} B`, 'reported', true),
]);
console.log(`${postings.toLocaleString('en')} postings in ${ledger.journal.length.toLocaleString('en')} entries; journal and state ${(heapJournal / 2 ** 20).toFixed(0)} MiB`);
