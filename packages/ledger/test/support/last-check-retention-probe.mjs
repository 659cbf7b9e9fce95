// Counts the merchant ids a process still holds once the LAST journal it replayed is dropped,
// with no check run after it: `node last-check-retention-probe.mjs MODE N` (the built ESM file:
// build first). It replays, once, a journal of N payout merchants `lastprobe-qNN`: their payout
// settings, one capture split among all of them (the capture check's matcher and the money
// check's wide lists) and a settlement run paying them all (the postings and events matchers,
// the wide lists again). MODE `held` keeps the replayed ledger (so the count sees what is
// held); MODE `dropped` lets it go. Then it writes a heap snapshot (taken after a full
// collection: only what is reachable is in it) and prints how many of the N ids it holds.
// Unlike dual-package-retention-probe.mjs, nothing is checked after the wide journal: what the
// checks keep between calls is released when each check is done, not at the next one.
import { readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

const { createLedger, replayJournal } = await import(new URL('../../dist/index.js', import.meta.url).href);
const [mode = 'dropped', size = '20'] = process.argv.slice(2);
const ids = Array.from({ length: Number(size) }, (_, index) => `lastprobe-q${String(index + 1).padStart(3, '0')}`);
const held = [];

function journalOf(config) {
  const created = createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  const ledger = created.value;
  const split = ids.map((id, index) => ({ submerchantId: id, amount: 100 + index, platformFee: 10 }));
  const commands = [
    ...ids.map((id) => ({ op: 'payout_settings.update', merchant: 'mart', target: id, currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' })),
    { op: 'payment.create', id: 'p1', merchant: 'mart', amount: split.reduce((sum, line) => sum + line.amount, 0), currency: 'JPY', paymentType: 'credit_card', capture: true, split, at: '2026-01-05T10:00:00+09:00' },
    { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' },
  ];
  for (const command of commands) {
    const result = ledger.execute(command);
    if (!result.ok) throw new Error(result.error.message);
  }
  return JSON.stringify(ledger.journal);
}

(() => {
  const config = { merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }, ...ids.map((id) => ({ id, type: 'payout', platform: 'mart' }))] };
  const text = journalOf(config);
  const replayed = replayJournal(JSON.parse(JSON.stringify(config)), JSON.parse(text));
  if (!replayed.ok) throw new Error(replayed.error.message);
  if (replayed.value.journal.length !== ids.length + 2) throw new Error(`replayed ${replayed.value.journal.length} entries`);
  if (mode === 'held') held.push(replayed.value);
})();
ids.length = 0;

const file = writeHeapSnapshot(join(tmpdir(), `kanjo-last-check-${process.pid}.heapsnapshot`));
const snapshot = JSON.parse(readFileSync(file, 'utf8'));
unlinkSync(file);
const found = new Set(snapshot.strings.filter((text) => /^lastprobe-q\d+$/.test(text)));
process.stdout.write(JSON.stringify({ ids: found.size, held: held.length }));
