// Counts the heap's copies of one merchant's account name: `node account-strings-probe.mjs N`
// (the built ESM file: build first). A ledger executes N captures on the same marketplace and
// payout merchant `stringprobe-pm`, and is held. push-movement.ts
// says why the count should not grow with N: the merchants' accounts are made once per
// configuration, "a journal of a million entries then holds one account string per merchant,
// not one per posting". Prints the number of string objects whose text is that account name.
// (Not of a replay: a replayed ledger keeps the entries it was given, whose strings are the
// caller's, one per posting when they come from JSON.parse.)
import { readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

const { createLedger } = await import(new URL('../../dist/index.js', import.meta.url).href);
const count = Number(process.argv[2] ?? '100');
const NAME = 'Liabilities:Merchants:stringprobe-pm';
const config = { merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }, { id: 'stringprobe-pm', type: 'payout', platform: 'mart' }] };
const held = [];

function copies() {
  const file = writeHeapSnapshot(join(tmpdir(), `kanjo-strings-${process.pid}.heapsnapshot`));
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  unlinkSync(file);
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  let found = 0;
  for (let at = 0; at < snapshot.nodes.length; at += fields.length) {
    const type = types[snapshot.nodes[at + typeAt]];
    if ((type === 'string' || type === 'concatenated string' || type === 'sliced string') && snapshot.strings[snapshot.nodes[at + nameAt]] === NAME) found += 1;
  }
  return found;
}

const ledger = createLedger(config).value;
for (let index = 0; index < count; index += 1) {
  const result = ledger.execute({ op: 'payment.create', id: `p${index}`, merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', capture: true, split: [{ submerchantId: 'stringprobe-pm', amount: 1000, platformFee: 100 }] });
  if (!result.ok) throw new Error(result.error.message);
}
held.push(ledger);
process.stdout.write(JSON.stringify({ copies: copies(), postings: ledger.journal.reduce((sum, entry) => sum + entry.postings.length, 0) }));
