// Proportional refund split for 3 parties (a platform and two Payout Merchants), Kanjo beside
// dinero.js's `allocate` on the same inputs, in one run.
//
//   node --import tsx --expose-gc packages/splits/bench/proportional-refund.bench.ts
//
// One benchmark iteration splits a whole batch of CASES refunds, so the timer measures
// microseconds rather than the ~100 ns of a single split (below the timer's resolution);
// splits/s = CASES × iterations/s. Kanjo splits on cumulative totals (lower quotas, then the
// next units to whoever is due soonest); dinero.js splits the refund amount by the shares as
// ratios (round down, then hand out the remainder). Both get the same shares and refund, and
// both answers add up to the refund, but they differ where a unit of remainder is at stake
// (about 700 of the 1,024 cases): the bench counts them and says so, as it times a job of the
// same size, not the same answer (review 227).
import { allocate, dinero, JPY, toSnapshot } from 'dinero.js';
import { Bench } from 'tinybench';
import { proportionalRefund, proportionalRefundInto, unwrap } from '../src/index.js';

const CASES = 1_024;

// A fixed pseudo-random sequence, so every run measures the same inputs.
let seed = 0x2545f491;
const next = (below: number): number => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed % below;
};

interface Case {
  readonly shares: readonly number[];
  readonly refunded: readonly number[];
  readonly refundTotal: number;
  readonly refund: number;
}

// ¥1,000 to ¥1,000,000 captured; two Payout Merchants with a 10% platform fee each, the
// platform keeping the fees and whatever the split left it; a first refund already made.
const cases: Case[] = Array.from({ length: CASES }, () => {
  const captured = 1_000 + next(999_001);
  const first = Math.floor((captured * (50 + next(40))) / 100);
  const second = Math.floor(((captured - first) * (50 + next(50))) / 100);
  const shares = [captured - first - second + Math.floor(first / 10) + Math.floor(second / 10), first - Math.floor(first / 10), second - Math.floor(second / 10)];
  const total = shares[0]! + shares[1]! + shares[2]!;
  const before = next(Math.floor(total / 2) + 1);
  const refunded = unwrap(proportionalRefund(shares, [0, 0, 0], before));
  const refund = 1 + next(total - before);
  return { shares, refunded, refundTotal: before + refund, refund };
});

// Before timing: each answer adds up to its refund, and how many of Kanjo's and dinero.js's differ.
let differing = 0;
for (const { shares, refunded, refundTotal, refund } of cases) {
  const kanjo = unwrap(proportionalRefund(shares, refunded, refundTotal));
  const dinero3 = allocate(dinero({ amount: refund, currency: JPY }), shares as number[]).map((part) => toSnapshot(part).amount);
  for (const parts of [kanjo, dinero3]) {
    if (parts.reduce((sum, part) => sum + part, 0) !== refund) throw new Error(`a split of ${refund} over ${shares.join(', ')} adds up to ${parts.join(' + ')}`);
  }
  if (kanjo.some((part, index) => part !== dinero3[index])) differing += 1;
}

// The results feed a sink, so no engine can drop the work as dead code.
let sink = 0;
const out = [0, 0, 0];

const bench = new Bench({ name: 'proportional refund, 3 parties', time: 1_000, warmupTime: 300 });
bench
  .add('kanjo proportionalRefundInto', () => {
    for (let index = 0; index < CASES; index += 1) {
      const { shares, refunded, refundTotal } = cases[index]!;
      proportionalRefundInto(shares, refunded, refundTotal, out);
      sink += out[0]!;
    }
  })
  .add('kanjo proportionalRefund (Result)', () => {
    for (let index = 0; index < CASES; index += 1) {
      const { shares, refunded, refundTotal } = cases[index]!;
      const result = proportionalRefund(shares, refunded, refundTotal);
      if (result.ok) sink += result.value[0]!;
    }
  })
  .add('dinero.js allocate', () => {
    for (let index = 0; index < CASES; index += 1) {
      const { shares, refund } = cases[index]!;
      const parts = allocate(dinero({ amount: refund, currency: JPY }), shares as number[]);
      sink += toSnapshot(parts[0]!).amount;
    }
  });

// Start each task from a collected heap so one task's garbage is not billed to the next.
for (const task of bench.tasks) task.addEventListener('start', () => globalThis.gc?.());

// Splits per second from one run's median iteration latency (ms); the median resists the odd
// slow sample when other processes share the machine.
const medianRate = (name: string): number => {
  const result = bench.getTask(name)?.result;
  if (result === undefined || !('latency' in result)) throw new Error(`${name}: no result (${result?.state})`);
  return (CASES * 1_000) / result.latency.p50;
};

// Several rounds, every task in each, so a burst of load from elsewhere hits one round of one
// task rather than the whole comparison; each task keeps its best and worst round, treated alike.
const ROUNDS = 3;
const rounds = new Map<string, number[]>(bench.tasks.map(({ name }) => [name, []]));
for (let round = 0; round < ROUNDS; round += 1) {
  bench.reset();
  await bench.run();
  for (const { name } of bench.tasks) rounds.get(name)?.push(medianRate(name));
}

const format = (perSecond: number): string => Math.trunc(perSecond).toLocaleString('en-US');
const best = (name: string): number => Math.max(...(rounds.get(name) ?? [0]));
const worst = (name: string): number => Math.min(...(rounds.get(name) ?? [0]));
const dineroBest = best('dinero.js allocate');
const dineroWorst = worst('dinero.js allocate');
console.log(`${bench.name}: ${CASES} different refunds per iteration, median of each run, ${ROUNDS} rounds, node ${process.version}`);
console.log(`every split adds up to its refund; Kanjo's and dinero.js's parts differ in ${differing} of the ${CASES} cases (cumulative totals against one refund's ratios)`);
console.table(
  bench.tasks.map(({ name }) => ({
    task: name,
    'splits/s (best round)': format(best(name)),
    'ns/split': (1e9 / best(name)).toFixed(1),
    'splits/s (worst round)': format(worst(name)),
    'vs dinero.js (best/best)': `${(best(name) / dineroBest).toFixed(1)}×`,
    'vs dinero.js (worst/worst)': `${(worst(name) / dineroWorst).toFixed(1)}×`,
  })),
);
if (sink === Number.MIN_SAFE_INTEGER) console.log('unreachable', sink);
