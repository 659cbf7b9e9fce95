// Counts what a process still holds of ledgers it created and let go: `node
// dual-package-retention-probe.mjs MODE N` creates N ledgers with each copy (ESM and CommonJS),
// every one with merchant ids of its own, runs a capture on each (MODE `live`), or also replays
// its journal (MODE `replay`), drops them all, then writes a heap snapshot (which collects
// garbage first: only what is reachable is in it) and prints how many of those merchant ids are
// still reachable, per copy. MODE `held` keeps the ledgers, to show the count sees them. MODE
// `wide` instead replays, with each copy, one journal of a capture split among N payout
// merchants (N at most 100), then the small ledgers' replay of the end.
// A count of strings, not a size: the same on every run.
import { readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { loadCopies } from './dual-package-support.mjs';

const [mode = 'live', size = '200'] = process.argv.slice(2);
const count = Number(size);
const { esm, cjs } = await loadCopies();
const held = [];

function run(ledger, prefix, index) {
  const platform = `${prefix}-mart-${index}`;
  const payout = `${prefix}-pm-${index}`;
  const config = {
    merchants: [
      { id: platform, type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
      { id: payout, type: 'payout', platform },
    ],
  };
  const created = ledger.createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  const captured = created.value.execute({
    op: 'payment.create', id: 'p', merchant: platform, amount: 1000, currency: 'JPY', paymentType: 'credit_card', capture: true,
    split: [{ submerchantId: payout, amount: 1000, platformFee: 100 }],
  });
  if (!captured.ok) throw new Error(captured.error.message);
  if (mode === 'replay' || mode === 'wide') {
    const replayed = ledger.replayJournal(config, JSON.parse(JSON.stringify(created.value.journal)));
    if (!replayed.ok) throw new Error(replayed.error.message);
  }
  if (mode === 'held') held.push(created.value);
}

function wide(ledger, prefix) {
  const platform = `${prefix}-mart-0`;
  const payouts = Array.from({ length: count }, (_, index) => `${prefix}-pm-${index}`);
  const config = {
    merchants: [
      { id: platform, type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
      ...payouts.map((id) => ({ id, type: 'payout', platform })),
    ],
  };
  const live = ledger.createLedger(config).value;
  const captured = live.execute({
    op: 'payment.create', id: 'p', merchant: platform, amount: 100 * count, currency: 'JPY', paymentType: 'credit_card', capture: true,
    split: payouts.map((id) => ({ submerchantId: id, amount: 100, platformFee: 10 })),
  });
  if (!captured.ok) throw new Error(captured.error.message);
  const replayed = ledger.replayJournal(config, JSON.parse(JSON.stringify(live.journal)));
  if (!replayed.ok) throw new Error(replayed.error.message);
}

if (mode === 'wide') {
  wide(esm.ledger, 'esmprobe');
  wide(cjs.ledger, 'cjsprobe');
} else {
  for (let index = 0; index < count; index += 1) {
    run(esm.ledger, 'esmprobe', index);
    run(cjs.ledger, 'cjsprobe', index);
  }
}
// A last ledger of other merchants, so that a memo of "the last one" holds none of the probes'.
run(esm.ledger, 'esmlast', 0);
run(cjs.ledger, 'cjslast', 0);

const file = writeHeapSnapshot(join(tmpdir(), `kanjo-retention-${process.pid}.heapsnapshot`));
const snapshot = JSON.parse(readFileSync(file, 'utf8'));
unlinkSync(file);
const ids = { esm: new Set(), cjs: new Set() };
for (const text of snapshot.strings) {
  const match = /^(esm|cjs)probe-(?:mart|pm)-\d+$/.exec(text);
  if (match !== null) ids[match[1]].add(text);
}
process.stdout.write(JSON.stringify({ esm: ids.esm.size, cjs: ids.cjs.size, held: held.length }));
