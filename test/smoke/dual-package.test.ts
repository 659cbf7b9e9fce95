import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Command, Entry, Ledger, LedgerConfig } from '@kanjo/ledger';
import {
  capturePaymentCommandArbitrary,
  chargebackPaymentCommandArbitrary,
  createPaymentCommandArbitrary,
  ledgerConfigArbitrary,
  refundPaymentCommandArbitrary,
  requestRefundCommandArbitrary,
  completeRefundRequestCommandArbitrary,
  transferBalanceCommandArbitrary,
} from '@kanjo/ledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSupport, SUPPORT_FILE, type Copy, type Exported } from './dual-package-copies.js';

// A service that embeds Kanjo for months, where one dependency `require`s @kanjo/ledger and
// another `import`s it: Node then holds two copies of each package (the built dist/index.cjs
// and dist/index.js, each with its own @kanjo/fees and @kanjo/splits), each with its own
// module state and its own classes. What one copy makes, the other reads. The copies are the
// BUILT files named by each package.json's exports map (README "Installing from this
// checkout": "imports from @kanjo/ledger (ESM or CommonJS)"), loaded by Node as a service
// loads them (see native-import.cjs): build first (scripts/test-all.sh does).

let esm: Copy;
let cjs: Copy;
let support: Awaited<ReturnType<typeof loadSupport>>;

beforeAll(async () => {
  support = await loadSupport();
  ({ esm, cjs } = await support.loadCopies());
});

const BOTH_WAYS = [
  { name: 'ESM → CommonJS', make: () => esm, read: () => cjs },
  { name: 'CommonJS → ESM', make: () => cjs, read: () => esm },
] as const;

const CONFIG: LedgerConfig = {
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '2.75%', customerFee: 190 } } },
    { id: 'pm1', type: 'payout', platform: 'mart' },
    { id: 'pm2', type: 'payout', platform: 'mart' },
    { id: 'plt', type: 'platform', business: 'platform', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
    { id: 's1', type: 'seller', platform: 'plt' },
  ],
};

/** The seeds' ¥1,000 marketplace payment, captured at once: mart 60, pm1 630, pm2 270. */
const GOLDEN: Command = {
  op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', capture: true, at: '2026-04-01T10:00:00+09:00',
  split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }],
};
const TRANSFER: Command = { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 10, currency: 'JPY', at: '2026-04-01T11:00:00+09:00' };

function created(copy: Copy, config: LedgerConfig = CONFIG): Ledger {
  const made = copy.ledger.createLedger(config);
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

/** A ledger of `copy` holding the golden payment and a transfer, and its journal as plain data. */
function goldenLedger(copy: Copy): { ledger: Ledger; entries: Entry[] } {
  const ledger = created(copy);
  for (const command of [GOLDEN, TRANSFER]) {
    const result = ledger.execute(command);
    if (!result.ok) throw new Error(result.error.message);
  }
  return { ledger, entries: JSON.parse(JSON.stringify(ledger.journal)) as Entry[] };
}

describe('two copies in one process', () => {
  it("each package's exports map names an ESM and a CommonJS file, and Node loads them as two distinct copies", () => {
    for (const name of ['splits', 'fees', 'ledger']) {
      const files = [support.exportedFile(name, 'import'), support.exportedFile(name, 'require')];
      expect(files.map((file) => file.slice(file.lastIndexOf('/') + 1))).toEqual(['index.js', 'index.cjs']);
      for (const file of files) expect(existsSync(file), `${file}: build first`).toBe(true);
    }
    expect(esm.ledger.createLedger).not.toBe(cjs.ledger.createLedger);
    expect(esm.ledger.Ledger).not.toBe(cjs.ledger.Ledger);
    expect(esm.splits.RejectionError).not.toBe(cjs.splits.RejectionError);
    expect(esm.fees.buildFeeSchedule).not.toBe(cjs.fees.buildFeeSchedule);
  });

  it('both copies export the same names, and the same constant tables', () => {
    for (const name of ['splits', 'fees', 'ledger'] as const) {
      expect(Object.keys(cjs[name]).sort(), name).toEqual(Object.keys(esm[name]).sort());
    }
    expect(cjs.ledger.LEDGER_REJECTION_CODES).toEqual(esm.ledger.LEDGER_REJECTION_CODES);
    expect(cjs.ledger.LEDGER_REJECTION_CODES).not.toBe(esm.ledger.LEDGER_REJECTION_CODES);
    expect([...cjs.ledger.PAYMENT_METHOD_CAPABILITIES]).toEqual([...esm.ledger.PAYMENT_METHOD_CAPABILITIES]);
    expect(cjs.splits.CURRENCY_EXPONENTS).toEqual(esm.splits.CURRENCY_EXPONENTS);
  });
});

describe("Q1: one copy's journal, replayed and exported by the other, byte for byte", () => {
  for (const way of BOTH_WAYS) {
    it(`${way.name}: every example's journal exports the same bytes from either copy, live or replayed`, () => {
      const maker = way.make();
      const reader = way.read();
      for (const { file, document } of support.exampleScenarios()) {
        const ran = maker.ledger.runScenario(document);
        if (!ran.ok) throw new Error(`${file}: ${ran.error.message}`);
        const { config, ledger } = ran.value;
        const expected = support.exportsOf(maker.ledger, config, ledger);
        // The reader's exports of the maker's live ledger (its journal and its state).
        expect(support.exportsOf(reader.ledger, config, ledger), `${file}: reader's exports of the maker's ledger`).toEqual(expected);
        // The reader's replay of the maker's journal objects, exported by either copy.
        const replayed = reader.ledger.replayJournal(config, ledger.journal);
        if (!replayed.ok) throw new Error(`${file}: ${replayed.error.message}`);
        expect(support.exportsOf(reader.ledger, config, replayed.value), `${file}: reader's replay, reader's exports`).toEqual(expected);
        expect(support.exportsOf(maker.ledger, config, replayed.value), `${file}: reader's replay, maker's exports`).toEqual(expected);
        // The reader running the same scenario writes the same journal.
        const own = reader.ledger.runScenario(document);
        if (!own.ok) throw new Error(`${file}: ${own.error.message}`);
        expect(support.exportsOf(reader.ledger, config, own.value.ledger), `${file}: the reader's own run`).toEqual(expected);
      }
    });

    it(`${way.name}: the maker's NDJSON (compact and objects) is read back by the reader's decoders and replayed to the same bytes`, () => {
      const maker = way.make();
      const reader = way.read();
      for (const { file, document } of support.exampleScenarios()) {
        const ran = maker.ledger.runScenario(document);
        if (!ran.ok) throw new Error(`${file}: ${ran.error.message}`);
        const expected = support.exportsOf(maker.ledger, ran.value.config, ran.value.ledger);
        // Compact: the reader's CompactEntryDecoder, as README "The journal" shows.
        const [header = '', ...lines] = expected.compact.split('\n').filter((line) => line !== '');
        const opened = reader.ledger.CompactEntryDecoder.fromHeader(JSON.parse(header));
        if (!opened.ok) throw new Error(`${file}: ${opened.error.message}`);
        const entries = lines.map((line, index) => {
          const decoded = opened.value.decoder.decodeText(line, index + 2);
          if (!decoded.ok) throw new Error(`${file}: ${decoded.error.message}`);
          return decoded.value;
        });
        expect(reader.ledger.checkJournalLength(opened.value.entries, entries.length)).toEqual({ ok: true, value: undefined });
        const fromCompact = reader.ledger.replayJournal(opened.value.config, entries);
        if (!fromCompact.ok) throw new Error(`${file}: ${fromCompact.error.message}`);
        expect(support.exportsOf(reader.ledger, opened.value.config, fromCompact.value), `${file}: compact`).toEqual(expected);
        // Objects: the reader's parseJournalEntry.
        const [objectsHeader = '', ...objectLines] = expected.objects.split('\n').filter((line) => line !== '');
        const config = (JSON.parse(objectsHeader) as { config: LedgerConfig }).config;
        const parsed = objectLines.map((line, index) => {
          const entry = reader.ledger.parseJournalEntry(JSON.parse(line), index + 2);
          if (!entry.ok) throw new Error(`${file}: ${entry.error.message}`);
          return entry.value;
        });
        const fromObjects = reader.ledger.replayJournal(config, parsed);
        if (!fromObjects.ok) throw new Error(`${file}: ${fromObjects.error.message}`);
        expect(support.exportsOf(reader.ledger, config, fromObjects.value), `${file}: objects`).toEqual(expected);
      }
    });
  }

  it('property: whatever commands arrive, a ledger of either copy exports the same bytes as the other copy’s replay of its journal', () => {
    // Payments first (most later commands need one), then anything.
    const commands = fc
      .tuple(
        fc.array(createPaymentCommandArbitrary(), { minLength: 3, maxLength: 10 }),
        fc.array(
          fc.oneof(
            capturePaymentCommandArbitrary(),
            refundPaymentCommandArbitrary(),
            chargebackPaymentCommandArbitrary(),
            requestRefundCommandArbitrary(),
            completeRefundRequestCommandArbitrary(),
            transferBalanceCommandArbitrary(),
          ),
          { minLength: 5, maxLength: 25 },
        ),
      )
      .map(([payments, others]) => [...payments, ...others]);
    let entries = 0;
    fc.assert(
      fc.property(ledgerConfigArbitrary(), commands, fc.boolean(), (config, drawn, esmFirst) => {
        const [maker, reader] = esmFirst ? [esm, cjs] : [cjs, esm];
        const live = created(maker, config);
        const twin = created(reader, config);
        for (const command of drawn) {
          // Both copies give the same answer to every command, rejections included.
          expect(JSON.stringify(twin.execute(command))).toBe(JSON.stringify(live.execute(command)));
        }
        const expected = support.exportsOf(maker.ledger, config, live);
        const replayed = reader.ledger.replayJournal(config, JSON.parse(JSON.stringify(live.journal)) as Entry[]);
        if (!replayed.ok) throw new Error(replayed.error.message);
        expect(support.exportsOf(reader.ledger, config, replayed.value)).toEqual(expected);
        expect(support.exportsOf(reader.ledger, config, twin)).toEqual(expected);
        entries += live.journal.length;
      }),
      { numRuns: 25 },
    );
    // Not only rejections: the runs appended entries to compare.
    expect(entries).toBeGreaterThan(50);
  });
});
