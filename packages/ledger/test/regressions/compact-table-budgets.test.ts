import fc from 'fast-check';
import { CompactEntryDecoder, merchantBalances, replayJournal, type CompactJournalHeader, type Entry, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { COMPACT_TABLE_BUDGETS, compactJournalLines, type CompactTableBudgets } from '../../src/journal/compact-journal-format.js';
import { CONFIG, goldenPayment, marketplaceSession } from '../support/fixtures.js';
import { journalScenarioArbitrary, runJournalScenario } from '../support/journal-scenarios.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// The compact journal's header is one line, so one JavaScript string, which cannot pass
// 2^29 - 24 UTF-16 units. Its string table (every string used 8 times or more: payment ids
// among them) and its shapes (one per set of keys: each session whose metadata keys differ
// adds one) grew with the journal without bound: 180 sessions whose 50 metadata keys were each
// 65,536 units long, all different, made the default export throw `Invalid string length`
// (the objects format wrote them). Both tables now stop at a budget; what does not fit is
// written where it is used, which every reader of the format already reads.

interface Written {
  readonly header: CompactJournalHeader;
  readonly lines: readonly string[];
  readonly entries: readonly Entry[];
}

/** The journal written with these budgets, and read back with the reader `kanjo reconcile` uses. */
function writeAndRead(config: LedgerConfig, journal: readonly Entry[], budgets: CompactTableBudgets): Written {
  const [headerLine = '', ...lines] = [...compactJournalLines(config, journal, budgets)].map((line) => line.replace(/\n$/, ''));
  const header = JSON.parse(headerLine) as CompactJournalHeader;
  const opened = CompactEntryDecoder.fromHeader(header);
  if (!opened.ok) throw new Error(opened.error.message);
  const entries = lines.map((line, index) => {
    const decoded = opened.value.decoder.decodeText(line, index + 2);
    if (!decoded.ok) throw new Error(decoded.error.message);
    return decoded.value;
  });
  return { header, lines, entries };
}

const textLength = (texts: readonly string[]): number => texts.reduce((total, text) => total + text.length, 0);

/** The total length of the fields of the shapes whose objects sit inside others (all but the commands', changes' and events'). */
function nestedShapeText(written: Written): number {
  const topLevel = new Set<number>();
  for (const line of written.lines) {
    const [, , command, , changes, events] = JSON.parse(line) as [number, string, [number], unknown, [number][], [number][]];
    for (const object of [command, ...changes, ...events]) topLevel.add(object[0]);
  }
  return textLength(written.header.shapes.filter((_, index) => !topLevel.has(index)).flat());
}

/** Session metadata with `keys` keys of `length` units, different from every other call's. */
let metadataCalls = 0;
function distinctMetadata(keys: number, length: number): Record<string, string> {
  metadataCalls += 1;
  const metadata: Record<string, string> = {};
  for (let key = 0; key < keys; key += 1) metadata[`${String(metadataCalls).padStart(6, '0')}-${String(key).padStart(2, '0')}-`.padEnd(length, 'k')] = 'v';
  return metadata;
}

describe('the string table stops at its budget', () => {
  const live = ledgerAfter([1, 2, 3, 4, 5].flatMap((index) => [goldenPayment(`pay_${index}`), { op: 'payment.chargeback' as const, payment: `pay_${index}` }]));

  it('takes strings in order of first use while they fit, and the journal reads back whole', () => {
    const whole = writeAndRead(CONFIG, live.journal, COMPACT_TABLE_BUDGETS);
    expect(whole.header.strings.length).toBeGreaterThan(2);
    const room = textLength(whole.header.strings.slice(0, 2));
    const cut = writeAndRead(CONFIG, live.journal, { ...COMPACT_TABLE_BUDGETS, strings: room });
    expect(cut.header.strings).toEqual(whole.header.strings.slice(0, 2));
    expect(cut.entries).toEqual(live.journal);
    expect(writeAndRead(CONFIG, live.journal, { ...COMPACT_TABLE_BUDGETS, strings: 0 }).header.strings).toEqual([]);
  });
});

describe('the shapes of nested objects stop at their budget', () => {
  const sessions = [1, 2, 3].map((index) => marketplaceSession(`ses_${index}`, { metadata: distinctMetadata(3, 20) }));
  const live = ledgerAfter(sessions);

  it('writes the metadata of a new shape that does not fit as a plain JSON object, and the journal reads back whole', () => {
    const whole = writeAndRead(CONFIG, live.journal, COMPACT_TABLE_BUDGETS);
    const cut = writeAndRead(CONFIG, live.journal, { ...COMPACT_TABLE_BUDGETS, nestedShapes: nestedShapeText(whole) - 60 });
    // Each metadata's shape is three fields of 21 units ("=" and the key): the last one no longer fits.
    expect(nestedShapeText(cut)).toBe(nestedShapeText(whole) - 63);
    expect(cut.lines.at(-1)).toContain(JSON.stringify(sessions[2]!.metadata));
    expect(cut.lines[0]).not.toContain(JSON.stringify(sessions[0]!.metadata));
    expect(cut.entries).toEqual(live.journal);
  });

  // Review 196 (mutant D14, the budget's `>` read `>=`): a shape that fills the budget exactly fits.
  it('a budget of exactly what the shapes take writes the journal byte for byte as with the default budgets', () => {
    const whole = writeAndRead(CONFIG, live.journal, COMPACT_TABLE_BUDGETS);
    const exact = writeAndRead(CONFIG, live.journal, { ...COMPACT_TABLE_BUDGETS, nestedShapes: nestedShapeText(whole) });
    expect(exact.header).toEqual(whole.header);
    expect(exact.lines).toEqual(whole.lines);
    expect(writeAndRead(CONFIG, live.journal, { ...COMPACT_TABLE_BUDGETS, nestedShapes: nestedShapeText(whole) - 1 }).lines).not.toEqual(whole.lines);
  });

  it('with no room at all, writes every nested object plain and still reads back whole', () => {
    const bare = writeAndRead(CONFIG, live.journal, { strings: 0, nestedShapes: 0 });
    expect(nestedShapeText(bare)).toBe(0);
    expect(bare.entries).toEqual(live.journal);
  });
});

describe('whatever the budgets', () => {
  it('a compact journal reads back to the entries written, replays to the live balances, and its tables keep within the budgets', () => {
    const budget = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400 }), fc.constant(COMPACT_TABLE_BUDGETS.strings));
    fc.assert(
      fc.property(journalScenarioArbitrary, budget, budget, (scenario, strings, nestedShapes) => {
        const { config, ledger } = runJournalScenario(scenario);
        const written = writeAndRead(config, ledger.journal, { strings, nestedShapes });
        expect(written.entries).toEqual(ledger.journal);
        expect(textLength(written.header.strings)).toBeLessThanOrEqual(strings);
        expect(nestedShapeText(written)).toBeLessThanOrEqual(nestedShapes);
        const replayed = replayJournal(config, written.entries);
        if (!replayed.ok) throw new Error(replayed.error.message);
        expect(merchantBalances(replayed.value.state)).toEqual(merchantBalances(ledger.state));
      }),
      { numRuns: 40 },
    );
  });

  it('the same journal gives the same bytes', () => {
    const live = ledgerAfter([marketplaceSession('ses_1', { metadata: distinctMetadata(2, 30) }), marketplaceSession('ses_2', { metadata: distinctMetadata(2, 30) })]);
    const budgets = { strings: 5, nestedShapes: 70 };
    expect([...compactJournalLines(CONFIG, live.journal, budgets)]).toEqual([...compactJournalLines(CONFIG, live.journal, budgets)]);
  });
});

describe('the default budgets', () => {
  it('keep the header of 400 sessions whose 50 metadata keys of 2,000 units all differ (40 million units of keys) within 2^24 units of nested shapes', () => {
    const live = ledgerAfter(Array.from({ length: 400 }, (_, index) => marketplaceSession(`ses_${index}`, { metadata: distinctMetadata(50, 2_000) })));
    const written = writeAndRead(CONFIG, live.journal, COMPACT_TABLE_BUDGETS);
    expect(nestedShapeText(written)).toBeLessThanOrEqual(2 ** 24);
    expect(nestedShapeText(written)).toBeGreaterThan(2 ** 24 - 50 * 2_001);
    expect(written.entries).toEqual(live.journal);
  });
});
