/**
 * Ledger core benchmark (issue 4):
 * 1. marketplace capture with two sub-merchants end to end (validate, fees, entries, apply):
 *    goal ≥ 500,000 captures a second on one core;
 * 2. replay of a journal of 1,000,000 captured payments: goal under 1 second;
 * 3. memory per posting of that journal: the heap it holds after a collection, and the
 *    process's peak resident memory (the journal at its largest plus the garbage of building it).
 * Their peers, measured in the same run, are the design's floor: the same entry and balances
 * and a smaller payment record (10 of its 25 fields, entries not frozen) built by hand with no
 * check (hand-built-capture.ts), and the same journal folded
 * by hand (hand-built-replay.ts). The table says how much of Kanjo's time its checks take, and
 * whether each goal is within reach of this journal's shape at all.
 * Run: node --import tsx --expose-gc packages/ledger/bench/capture-and-replay.bench.ts
 * (KANJO_BENCH_PAYMENTS overrides the journal size.)
 */
import { createLedger, replayJournal, type LedgerConfig } from '../dist/index.js';
import { HandBuiltJournal } from './hand-built-capture.js';
import { replayHandBuilt } from './hand-built-replay.js';

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

// The peer builds by hand the journal and balances Kanjo keeps for the same capture (and a
// smaller payment record): first, proof that the journal and balances are equal.
{
  const ledger = newLedger();
  ledger.execute({ op: 'payment.create', id: 'p0', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split });
  const hand = new HandBuiltJournal('mart');
  hand.capture('p0', 1000, split, 36);
  if (JSON.stringify(hand.journal) !== JSON.stringify(ledger.journal)) throw new Error('the hand-built entry differs from Kanjo\'s');
  const listed = (balances: ReadonlyMap<string, ReadonlyMap<string, number>>): string => JSON.stringify([...balances].map(([id, byCurrency]) => [id, [...byCurrency]]).sort());
  if (listed(hand.balances) !== listed(ledger.state.balances)) throw new Error('the hand-built balances differ from Kanjo\'s');
}

// 1. Capture throughput: batches of 100,000 on a fresh ledger each, best batch reported
//    (the first batches warm the JIT); Kanjo's and the peer's batches alternate, so both
//    meet the same machine.
let bestCapturesPerSecond = 0;
let bestHandBuiltPerSecond = 0;
for (let batch = 0; batch < 5; batch += 1) {
  const ledger = newLedger();
  gc();
  let started = performance.now();
  for (let index = 0; index < 100_000; index += 1) {
    const result = ledger.execute({ op: 'payment.create', id: `p${index}`, merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split });
    if (!result.ok) throw new Error(result.error.message);
  }
  bestCapturesPerSecond = Math.max(bestCapturesPerSecond, 100_000 / ((performance.now() - started) / 1000));
  const hand = new HandBuiltJournal('mart');
  gc();
  started = performance.now();
  for (let index = 0; index < 100_000; index += 1) hand.capture(`p${index}`, 1000, split, 36);
  bestHandBuiltPerSecond = Math.max(bestHandBuiltPerSecond, 100_000 / ((performance.now() - started) / 1000));
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
const handReplayTimes: number[] = [];
for (let round = 0; round < 3; round += 1) {
  gc();
  let started = performance.now();
  const replayed = replayJournal(config, ledger.journal);
  replayTimes.push(performance.now() - started);
  if (!replayed.ok) throw new Error(replayed.error.message);
  if (replayed.value.state.balances.get('mart')?.get('JPY') !== ledger.state.balances.get('mart')?.get('JPY')) throw new Error('replay differs');
  gc();
  started = performance.now();
  const byHand = replayHandBuilt(ledger.journal);
  handReplayTimes.push(performance.now() - started);
  if (byHand.balances.get('mart')?.get('JPY') !== ledger.state.balances.get('mart')?.get('JPY') || byHand.payments.size !== payments) throw new Error('the hand-built replay differs');
}
const replaySeconds = Math.min(...replayTimes) / 1000;
const handReplaySeconds = Math.min(...handReplayTimes) / 1000;

const row = (what: string, measured: string, goal: string, met: boolean | 'n/a'): Record<string, string> => ({ what, measured, goal, met: met === 'n/a' ? met : met ? 'yes' : 'NO' });
console.table([
  row('marketplace capture, 2 sub-merchants, end to end', `${Math.round(bestCapturesPerSecond).toLocaleString('en')} /s`, '≥ 500,000 /s', bestCapturesPerSecond >= 500_000),
  row('floor: the same entry and balances (a 10-field payment record) built by hand, no checks', `${Math.round(bestHandBuiltPerSecond).toLocaleString('en')} /s (Kanjo takes ${(bestHandBuiltPerSecond / bestCapturesPerSecond).toFixed(1)}× its time)`, '≥ 500,000 /s', bestHandBuiltPerSecond >= 500_000),
  row(`replay of ${payments.toLocaleString('en')} captured payments`, `${replaySeconds.toFixed(2)} s`, '< 1 s for 1,000,000', payments === 1_000_000 ? replaySeconds < 1 : 'n/a'),
  row('floor: the same journal folded by hand, no checks', `${handReplaySeconds.toFixed(2)} s (Kanjo takes ${(replaySeconds / handReplaySeconds).toFixed(1)}× its time)`, '< 1 s for 1,000,000', payments === 1_000_000 ? handReplaySeconds < 1 : 'n/a'),
  row('memory per posting (live state + journal, after GC)', `${Math.round(heapJournal / postings)} B`, 'reported', true),
  row('peak memory per posting (resident, whole process)', `${Math.round(peakResidentBytes / postings)} B`, 'reported', true),
]);
console.log(`${postings.toLocaleString('en')} postings in ${ledger.journal.length.toLocaleString('en')} entries; journal and state ${(heapJournal / 2 ** 20).toFixed(0)} MiB`);
