import { CompactEntryDecoder, JournalReplay, journalNdjsonLines, parseJournalEntry, parseScenarioConfig, replayJournal, runScenario, unbalancedCurrency, type Change, type Command, type Entry, type Ledger, type LedgerConfig } from '@kanjo/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG, PAYMENT_METHODS, goldenPayment, konbiniPayment, refundRequest, sellerPayment } from './support/fixtures.js';
import { journalSums, ledgerAfter, newLedger } from './support/ledger-harness.js';
import { generateScenario } from '../../../test/support/generate-scenario.js';

/** Every flow once: payments, refunds, requests (completed, rejected, pending), chargeback, transfer, sessions, payouts, a key. */
const EVERY_FLOW: readonly Command[] = [
  { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 100, at: '2026-01-01T00:00:00+09:00' },
  { op: 'payout_settings.update', merchant: 'mart', target: 'mart', currency: 'JPY', frequency: 'monthly', minimumAmount: 0 },
  goldenPayment('pay_1', { at: '2026-01-05T10:00:00+09:00', idempotencyKey: 'k1' }),
  { op: 'payment.refund', payment: 'pay_1', amount: 900, split: [{ submerchantId: 'pm1', amount: 600, platformFee: 30 }, { submerchantId: 'pm2', amount: 250, platformFee: 20 }] },
  goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] }),
  konbiniPayment(),
  { op: 'payment.capture', payment: 'kb_1' },
  refundRequest({ id: 'r1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], includePaymentMethodFee: true }),
  { op: 'refund_request.reject', refundRequest: 'r1' },
  refundRequest({ id: 'r2', payment: 'kb_1', amount: 200, split: [{ submerchantId: 'pm1', amount: 150, platformFee: 50 }], includePaymentMethodFee: true }),
  { op: 'refund_request.complete', refundRequest: 'r2' },
  refundRequest({ id: 'r3', payment: 'kb_1', amount: 300, split: [{ submerchantId: 'pm1', amount: 300, platformFee: 0 }] }),
  sellerPayment('sp_1'),
  { op: 'payment.refund', payment: 'sp_1', amount: 100 },
  { op: 'payment.refund', payment: 'sp_1', amount: 7 },
  // Seller-model requests of ¥7 estimated 1/6, 0/7, 1/6; completing sr1 first posts 1/6 and
  // re-estimates sr0 to 0/7 (a refund_request_reestimated change).
  sellerPayment('skb', { paymentType: 'konbini' }),
  { op: 'payment.capture', payment: 'skb' },
  refundRequest({ id: 'sr0', payment: 'skb', amount: 7 }),
  refundRequest({ id: 'sr1', payment: 'skb', amount: 7 }),
  refundRequest({ id: 'sr2', payment: 'skb', amount: 7 }),
  { op: 'refund_request.complete', refundRequest: 'sr1' },
  goldenPayment('cb', { paymentType: 'credit_card' }),
  { op: 'payment.chargeback', payment: 'cb' },
  { op: 'balance.transfer', merchant: 'mart', from: 'pm2', to: 'mart', amount: 100, currency: 'JPY' },
  { op: 'session.create', id: 'ses_1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['paypay'], returnUrl: 'https://shop.example/r', capture: 'manual' },
  { op: 'session.complete', session: 'ses_1', payment: 'pp', paymentType: 'paypay' },
  { op: 'payment.capture', payment: 'pp', amount: 500, split: [{ submerchantId: 'pm1', amount: 500, platformFee: 50 }] },
  { op: 'session.create', id: 'ses_2', merchant: 'plt', as: 's1', amount: 2000, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/r', capture: 'auto', platformAmount: 200, platformMerchant: 'plt' },
  { op: 'session.cancel', session: 'ses_2' },
  goldenPayment('gone', { capture: false, split: [] }),
  { op: 'payment.cancel', payment: 'gone' },
  goldenPayment('lapsed', { paymentType: 'konbini' }),
  { op: 'payment.expire', payment: 'lapsed' },
  { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' },
  { op: 'settlement.run', date: '2026-01-23', at: '2026-01-23T12:00:00+09:00' },
  { op: 'settlement.run', date: '2026-03-02', at: '2026-03-02T12:00:00+09:00' },
];

/** The state a replay must give back: everything but the configuration. */
function foldedState(ledger: Ledger): unknown {
  const { config: _config, ...state } = ledger.state;
  return structuredClone(state);
}

function replayed(ledger: Ledger): Ledger {
  const result = replayJournal(CONFIG, ledger.journal);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('replay: the state is a fold of the journal', () => {
  it('replaying every flow\'s journal gives the live balances, payments, refund requests, holds, sessions, payouts, keys and clock', () => {
    const live = ledgerAfter(EVERY_FLOW);
    expect(live.state.holds.get('mart')?.get('JPY')).toBeGreaterThan(0); // r3 still pending
    expect(live.journal.some((entry) => entry.changes.some((change) => change.kind === 'refund_request_reestimated'))).toBe(true);
    const again = replayed(live);
    expect(again.state.balances).toEqual(live.state.balances);
    expect(again.state.payments).toEqual(live.state.payments);
    expect(again.state.refundRequests).toEqual(live.state.refundRequests);
    expect(again.state.holds).toEqual(live.state.holds);
    expect(again.state.sessions).toEqual(live.state.sessions);
    expect(again.state.payoutSettings).toEqual(live.state.payoutSettings);
    expect(again.state.settledPeriods).toEqual(live.state.settledPeriods);
    expect(again.state.idempotency).toEqual(live.state.idempotency);
    expect(again.state.lastAt).toBe(live.state.lastAt);
    expect(foldedState(again)).toEqual(foldedState(live));
  });

  it('a replayed ledger goes on exactly like the live one', () => {
    const live = ledgerAfter(EVERY_FLOW);
    const again = replayed(live);
    const next: Command[] = [
      { op: 'refund_request.complete', refundRequest: 'r3', at: '2026-03-03T10:00:00+09:00' },
      { op: 'refund_request.reject', refundRequest: 'sr0' }, // re-estimates sr2
      { op: 'refund_request.complete', refundRequest: 'sr2' },
      { op: 'payment.refund', payment: 'pay_1' },
      { op: 'settlement.run', date: '2026-03-06', at: '2026-03-06T12:00:00+09:00' },
    ];
    for (const command of next) expect(JSON.stringify(again.execute(command))).toBe(JSON.stringify(live.execute(command)));
    expect(JSON.stringify(again.journal)).toBe(JSON.stringify(live.journal));
  });

  it('property: for random command sequences, accepted or rejected, replay equals the live state', () => {
    const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
      fc.record({ id: fc.constantFrom('a', 'b', 'c'), amount: fc.integer({ min: 1, max: 3000 }), fee: fc.integer({ min: 0, max: 100 }), type: fc.constantFrom('credit_card', 'paypay', 'konbini') }).map(
        ({ id, amount, fee, type }): Command => goldenPayment(id, { amount, paymentType: type, split: [{ submerchantId: 'pm1', amount, platformFee: Math.min(fee, amount) }] }),
      ),
      fc.record({ id: fc.constantFrom('s', 't'), amount: fc.integer({ min: 1, max: 3000 }), share: fc.integer({ min: 0, max: 100 }) }).map(
        ({ id, amount, share }): Command => sellerPayment(id, { amount, platformAmount: Math.floor((amount * share) / 100) }),
      ),
      fc.constantFrom('a', 'b', 'c').map((payment): Command => ({ op: 'payment.capture', payment })),
      fc.record({ payment: fc.constantFrom('a', 'b', 'c', 's', 't'), amount: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }) }).map(
        ({ payment, amount }): Command => (amount === undefined ? { op: 'payment.refund', payment } : { op: 'payment.refund', payment, amount, split: [{ submerchantId: 'pm1', amount, platformFee: 0 }] }),
      ),
      fc.record({ id: fc.constantFrom('r1', 'r2'), payment: fc.constantFrom('a', 'b', 'c'), amount: fc.integer({ min: 1, max: 500 }), fee: fc.boolean() }).map(
        ({ id, payment, amount, fee }): Command => refundRequest({ id, payment, amount, split: [{ submerchantId: 'pm1', amount, platformFee: 0 }], includePaymentMethodFee: fee }),
      ),
      fc.record({ op: fc.constantFrom('refund_request.complete' as const, 'refund_request.reject' as const), refundRequest: fc.constantFrom('r1', 'r2') }).map((command): Command => command),
      fc.record({ op: fc.constantFrom('payment.chargeback' as const, 'payment.cancel' as const, 'payment.expire' as const), payment: fc.constantFrom('a', 'b', 'c', 's') }).map((command): Command => command),
      fc.record({ from: fc.constantFrom('mart', 'pm1', 'pm2'), to: fc.constantFrom('mart', 'pm1', 'pm2'), amount: fc.integer({ min: 1, max: 800 }) }).map(
        ({ from, to, amount }): Command => ({ op: 'balance.transfer', merchant: 'mart', from, to, amount, currency: 'JPY' }),
      ),
      fc.record({ target: fc.constantFrom('mart', 'pm1'), frequency: fc.constantFrom('weekly' as const, 'monthly' as const), minimumAmount: fc.integer({ min: 0, max: 1000 }) }).map(
        (settings): Command => ({ op: 'payout_settings.update', merchant: 'mart', currency: 'JPY', ...settings }),
      ),
      fc.integer({ min: 0, max: 60 }).map((days): Command => {
        const date = new Date(Date.UTC(2026, 0, 1 + days)).toISOString().slice(0, 10);
        return { op: 'settlement.run', date };
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(commandArbitrary, fc.integer({ min: 0, max: 3 }), fc.option(fc.constantFrom('k1', 'k2'), { nil: undefined })), { maxLength: 40, size: 'max' }), (steps) => {
        const live = newLedger();
        let clock = Date.parse('2026-01-01T00:00:00+09:00');
        for (const [command, days, key] of steps) {
          clock += days * 86_400_000;
          live.execute({ ...command, at: new Date(clock).toISOString(), ...(key === undefined ? {} : { idempotencyKey: key }) });
        }
        for (const entry of live.journal) expect(unbalancedCurrency(entry)).toBeUndefined();
        // DOMAIN.md "Refunds": 0 ≤ refunded share ≤ share, Σ refunded shares = refunded total ≤ captured.
        for (const payment of live.state.payments.values()) {
          const parts = [payment.refunded.platform, ...payment.refunded.submerchants.map((part) => part.amount)];
          expect(parts.reduce((total, part) => total + part, 0)).toBe(payment.refundedAmount);
          expect(payment.refunded.platform).toBeGreaterThanOrEqual(0);
          expect(payment.refunded.platform + payment.pending.platform).toBeLessThanOrEqual(payment.shares.platform);
          payment.refunded.submerchants.forEach((part, index) => {
            expect(part.amount).toBeGreaterThanOrEqual(0);
            expect(part.amount + (payment.pending.submerchants[index]?.amount ?? 0)).toBeLessThanOrEqual(payment.shares.submerchants[index]?.share ?? 0);
          });
          expect(payment.refundedAmount + payment.pendingRefundAmount + payment.chargebackAmount).toBeLessThanOrEqual(payment.capturedAmount);
        }
        for (const byCurrency of live.state.holds.values()) for (const held of byCurrency.values()) expect(held).toBeGreaterThanOrEqual(0);
        expect(foldedState(replayed(live))).toEqual(foldedState(live));
      }),
      { numRuns: 150 },
    );
  });
});

describe('replay rejects a broken journal with the first broken entry', () => {
  const live = ledgerAfter([goldenPayment(), goldenPayment('pay_2'), goldenPayment('pay_3')]);
  const [first, second, third] = live.journal as [Entry, Entry, Entry];

  it('a missing entry: journal_sequence_broken', () => {
    const result = replayJournal(CONFIG, [first, third]);
    expect(result).toMatchObject({ ok: false, error: { code: 'journal_sequence_broken' } });
    expect(result.ok ? '' : result.error.message).toBe('the entry after entry 1 is numbered 3: entry 2 is missing or out of order (sequence numbers run 1, 2, 3, … in order, without gaps)');
  });

  it('entries out of order, or not starting at 1: journal_sequence_broken', () => {
    expect(replayJournal(CONFIG, [second, first, third])).toMatchObject({ ok: false, error: { code: 'journal_sequence_broken' } });
    expect(replayJournal(CONFIG, [second, third])).toMatchObject({ ok: false, error: { code: 'journal_sequence_broken' } });
  });

  it('an entry whose postings do not sum to zero: journal_entry_unbalanced', () => {
    const tampered: Entry = { ...second, postings: second.postings.map((posting, index) => (index === 0 ? { ...posting, amount: posting.amount + 1 } : posting)) };
    const result = replayJournal(CONFIG, [first, tampered, third]);
    expect(result).toMatchObject({ ok: false, error: { code: 'journal_entry_unbalanced' } });
    expect(result.ok ? '' : result.error.message).toMatch(/entry 2: its JPY postings sum to 1/);
  });

  it('an entry about a payment the journal never created: journal_entry_inapplicable', () => {
    const orphan: Entry = { ...first, changes: [{ kind: 'payment_cancelled', payment: 'nowhere' }] };
    expect(replayJournal(CONFIG, [orphan])).toMatchObject({ ok: false, error: { code: 'journal_entry_inapplicable' } });
  });

  it('a bad configuration is rejected before any entry', () => {
    expect(replayJournal({ ...CONFIG, timeZone: 'JST' }, live.journal)).toMatchObject({ ok: false, error: { code: 'config_time_zone_invalid' } });
  });

  it('an empty journal replays to an empty ledger', () => {
    const result = replayJournal(CONFIG, []);
    expect(result.ok && result.value.journal.length).toBe(0);
  });
});

describe('README: a ledger\'s fee rates, tax rate and rounding hold for its whole life', () => {
  // Every flow's journal has card, Konbini (customer fee) and seller captures; each capture is
  // decided again under the configuration the replay is given.
  const journal = ledgerAfter(EVERY_FLOW).journal;
  const withMethods = (methods: Record<string, unknown>): LedgerConfig => ({
    ...CONFIG,
    merchants: CONFIG.merchants.map((merchant) => (merchant.type === 'platform' ? { ...merchant, paymentMethods: { ...PAYMENT_METHODS, ...methods } } : merchant)),
  });
  it.each([
    ['a card fee rate', withMethods({ credit_card: { feeRate: '3.25%' } }), 'Processing Fee'],
    ['a customer fee', withMethods({ konbini: { feeRate: '2.75%', customerFee: 200 } }), 'Customer Fee'],
    ['the tax rate', { ...CONFIG, taxRate: '8%' }, 'Processing Fee Tax'],
    ['the rounding', { ...CONFIG, rounding: 'floor' }, 'Processing Fee'],
  ] as const)('replayed under another %s: journal_entry_inapplicable at the first capture it changes', (_name, config, recordType) => {
    const result = replayJournal(config as LedgerConfig, journal);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('journal_entry_inapplicable');
    expect(result.error.message).toMatch(new RegExp(`^entry \\d+ cannot be applied: the capture of payment \\S+: posting \\d+ is \\d+ JPY ${recordType} `));
  });
  it('a new refund request fee, and a merchant added, replay to the same balances', () => {
    const config: LedgerConfig = { ...CONFIG, refundRequestFee: 200, merchants: [...CONFIG.merchants, { id: 'pm9', type: 'payout', platform: 'mart' }] };
    const result = replayJournal(config, journal);
    expect(result.ok && result.value.state.balances).toEqual(ledgerAfter(EVERY_FLOW).state.balances);
  });
});

describe('an imported journal entry is checked for shape before replay', () => {
  const live = ledgerAfter([goldenPayment()]);
  const exported = JSON.parse(JSON.stringify(live.journal[0])) as Record<string, unknown>;

  it('an exported entry parses back to the same entry, also with compact posting tuples', () => {
    expect(parseJournalEntry(exported, 1)).toEqual({ ok: true, value: live.journal[0] });
    const compact = { ...exported, postings: (live.journal[0]?.postings ?? []).map((posting) => [posting.account, posting.currency, posting.amount, posting.recordType]) };
    expect(parseJournalEntry(compact, 1)).toEqual({ ok: true, value: live.journal[0] });
  });

  const malformed: [string, unknown][] = [
    ['not an object', 'entry'],
    ['null', null],
    ['a seq that is not an integer', { ...exported, seq: '1' }],
    ['a time that is not a time', { ...exported, at: 'noon' }],
    ['no command', { ...exported, command: undefined }],
    ['postings that are not a list', { ...exported, postings: {} }],
    ['changes that are not a list', { ...exported, changes: null }],
    ['a posting of 0', { ...exported, postings: [{ account: 'Assets:Receivable:Customers', currency: 'JPY', amount: 0, recordType: 'Payment' }] }],
    ['a posting with a fractional amount', { ...exported, postings: [['Assets:Receivable:Customers', 'JPY', 0.5, 'Payment']] }],
    ['a posting without an account', { ...exported, postings: [{ currency: 'JPY', amount: 1, recordType: 'Payment' }] }],
  ];
  for (const [what, value] of malformed) {
    it(`${what}: journal_entry_malformed`, () => {
      expect(parseJournalEntry(value, 7)).toMatchObject({ ok: false, error: { code: 'journal_entry_malformed', message: expect.stringContaining('line 7') } });
    });
  }
});

/** Decodes a compact export line by line (header first), as `kanjo reconcile` does. */
function decodeCompact(lines: readonly string[]): { entries: Entry[]; failures: string[] } {
  const opened = CompactEntryDecoder.fromHeader(JSON.parse(lines[0] ?? 'null'));
  if (!opened.ok) throw new Error(opened.error.message);
  const entries: Entry[] = [];
  const failures: string[] = [];
  lines.slice(1).forEach((line, index) => {
    const decoded = opened.value.decoder.decodeText(line, index + 2);
    if (decoded.ok) entries.push(decoded.value);
    else failures.push(`${decoded.error.code}: ${decoded.error.message}`);
  });
  return { entries, failures };
}

describe('the compact journal format (kanjo_journal 2)', () => {
  const live = ledgerAfter(EVERY_FLOW);
  const lines = [...journalNdjsonLines(CONFIG, live.journal)].map((line) => line.trimEnd());

  it('every flow survives the round trip: each decoded entry equals the live one, and replay gives the live state', () => {
    const { entries, failures } = decodeCompact(lines);
    expect(failures).toEqual([]);
    expect(entries).toEqual(live.journal);
    const replayed = replayJournal(CONFIG, entries);
    expect(replayed.ok && replayed.value.state).toEqual(live.state);
  });

  it('the header carries the configuration and the tables; postings are account, recordType, amount triples', () => {
    const header = JSON.parse(lines[0] ?? '') as { kanjo_journal: number; entries: number; config: unknown; accounts: [string, string][]; recordTypes: string[]; shapes: string[][] };
    expect(header.kanjo_journal).toBe(2);
    expect(header.entries).toBe(live.journal.length);
    expect(CompactEntryDecoder.fromHeader(header)).toMatchObject({ ok: true, value: { config: CONFIG, entries: live.journal.length } });
    expect(header.config).toEqual(CONFIG);
    const entry = JSON.parse(lines.find((line) => line.includes('"pay_1"')) ?? '') as [number, string, unknown, string, unknown[], unknown[], number[]];
    const postings = entry[6];
    expect(postings).toHaveLength(3 * (live.journal.find((item) => item.payment === 'pay_1')?.postings.length ?? 0));
    // The golden capture: first the ¥1,000 Payment from the customers into the platform.
    expect([header.accounts[postings[0] as number], header.recordTypes[postings[1] as number], postings[2]]).toEqual([['Assets:Receivable:Customers', 'JPY'], 'Payment', 1000]);
    expect([header.accounts[postings[3] as number], postings[5]]).toEqual([['Liabilities:Merchants:mart', 'JPY'], -1000]);
  });

  it('the same journal always gives the same bytes', () => {
    expect([...journalNdjsonLines(CONFIG, ledgerAfter(EVERY_FLOW).journal)].join('')).toBe([...journalNdjsonLines(CONFIG, live.journal)].join(''));
  });

  it('the objects format is still written and read (kanjo_journal 1)', () => {
    const objectLines = [...journalNdjsonLines(CONFIG, live.journal, 'objects')];
    expect(JSON.parse(objectLines[0] ?? '')).toEqual({ kanjo_journal: 1, entries: live.journal.length, config: CONFIG });
    const parsed = objectLines.slice(1).map((line, index) => parseJournalEntry(JSON.parse(line), index + 2));
    expect(parsed.map((result) => (result.ok ? result.value : result.error))).toEqual(live.journal);
  });

  it('holds on generated histories: decoding any run of random commands gives back its journal exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 25 }), (seed, payments) => {
        const run = runScenario(generateScenario({ payments, seed }));
        if (!run.ok) throw new Error(run.error.message);
        const config = parseScenarioConfig(generateScenario({ payments, seed }) as unknown as Record<string, unknown>);
        if (!config.ok) throw new Error(config.error.message);
        const { entries, failures } = decodeCompact([...journalNdjsonLines(config.value, run.value.ledger.journal)].map((line) => line.trimEnd()));
        expect(failures).toEqual([]);
        expect(entries).toEqual(run.value.ledger.journal);
      }),
      { numRuns: 25 },
    );
  });

  it('review findings: metadata keys that look like markers, collide when joined, are empty or are __proto__, and a text of 65,536 characters (the longest a session takes), all come back exactly', () => {
    const session = (id: string, extra: Record<string, unknown>): Command =>
      ({ op: 'session.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['paypay'], returnUrl: 'https://shop.example/r', capture: 'manual', ...extra }) as Command;
    const awkward = ledgerAfter([
      session('m1', { metadata: { price$: '1', 'tags[': '2', 'x{': '3', '=y': '4', '': '5' } }),
      session('m2', { metadata: { a: '1', b: '2' } }),
      session('m3', { metadata: { 'a\u0000b': '3' } }),
      session('m4', { metadata: JSON.parse('{"__proto__":"evil","a":"b"}') as Record<string, string> }),
      session('m5', { externalOrderNum: 'y'.repeat(65_536), metadata: { note: '注文'.repeat(1000) } }),
    ]);
    expect(awkward.journal).toHaveLength(5);
    const { entries, failures } = decodeCompact([...journalNdjsonLines(CONFIG, awkward.journal)].map((line) => line.trimEnd()));
    expect(failures).toEqual([]);
    expect(entries).toEqual(awkward.journal);
    const metadata = (entries[3]?.changes[0] as { session: { metadata: object } }).session.metadata;
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(Object.keys(metadata)).toEqual(['__proto__', 'a']);
  });

  it('review findings: an empty time on the first entry is rejected, and nesting deeper than 32 objects is malformed, not a crash', () => {
    const opened = CompactEntryDecoder.fromHeader(JSON.parse(lines[0] ?? ''));
    if (!opened.ok) throw new Error(opened.error.message);
    const first = JSON.parse(lines[1] ?? '') as unknown[];
    expect(opened.value.decoder.decodeText(JSON.stringify([first[0], '', ...first.slice(2)]), 2)).toMatchObject({ ok: false, error: { code: 'journal_entry_malformed', message: 'line 2 (entry 1): at must be a time as the engine writes it, such as 2026-04-01T01:00:00.000Z' } });
    const nesting = CompactEntryDecoder.fromHeader({ config: CONFIG, accounts: [], recordTypes: [], strings: [], shapes: [['=op'], ['{a']] });
    if (!nesting.ok) throw new Error(nesting.error.message);
    const deep = `[1,"2026-01-01T00:00:00.000Z",[0,"x"],null,[${'[1,'.repeat(50_000)}[0,"x"]${']'.repeat(50_000)}],[],[]]`;
    expect(nesting.value.decoder.decodeText(deep, 9)).toMatchObject({ ok: false, error: { code: 'journal_entry_malformed', message: expect.stringContaining('nested deeper than 32') } });
  });

  const entryLine = JSON.parse(lines[3] ?? '') as unknown[];
  const postingsAt = 6;
  const malformed: [string, unknown, string][] = [
    ['not a list', { seq: 3 }, 'an entry must be a list'],
    ['a list of six items', entryLine.slice(0, 6), 'an entry has exactly seven items'],
    ['a list of eight items', [...entryLine, 0], 'an entry has exactly seven items'],
    ['a seq that is not a number', ['3', ...entryLine.slice(1)], 'expected a number (byte 2)'],
    ['a seq that is not an integer', [3.5, ...entryLine.slice(1)], 'seq must be an integer'],
    ['a time that is not a time', [entryLine[0], 'noon', ...entryLine.slice(2)], 'at must be a time as the engine writes it'],
    ['a payment that is a number', [...entryLine.slice(0, 3), 7, ...entryLine.slice(4)], 'expected a string'],
    ['changes that are not a list', [...entryLine.slice(0, 4), {}, ...entryLine.slice(5)], 'expected a list'],
    ['text after the entry', null, 'expected the end of the line'],
    ['a number with an exponent where an integer belongs', null, 'a posting needs a non-zero integer amount'],
    ['a command with an unknown shape', [entryLine[0], entryLine[1], [999, 'x'], ...entryLine.slice(3)], 'shape 999 is not in the header'],
    ['a command without an op (an event in its place)', [entryLine[0], entryLine[1], (entryLine[5] as unknown[])[0], ...entryLine.slice(3)], 'the command has no op'],
    ['an object with a missing value', [...entryLine.slice(0, 2), [(entryLine[2] as unknown[])[0]], ...entryLine.slice(3)], 'fields, the object 0'],
    ['an object that is not a list', [...entryLine.slice(0, 2), 'payment.create', ...entryLine.slice(3)], 'expected an object written as [shape, …]'],
    ['postings that are not triples', [...entryLine.slice(0, postingsAt), [0, 0]], 'postings must be triples'],
    ['a posting on an account not in the header', [...entryLine.slice(0, postingsAt), [99, 0, 1, 0, 0, -1]], 'not in the header'],
    ['a posting of 0', [...entryLine.slice(0, postingsAt), [0, 0, 0]], 'a posting needs a non-zero integer amount'],
    ['a seq with a leading zero', null, 'line 7: a number has no leading zeros (byte 2)'],
    ['a seq with a leading zero', null, 'line 7: a number has no leading zeros (byte 2)'],
    ['a posting with a fractional amount', [...entryLine.slice(0, postingsAt), [0, 0, 0.5, 0, 0, -0.5]], 'a posting needs a non-zero integer amount'],
  ];
  const { decoder } = (CompactEntryDecoder.fromHeader(JSON.parse(lines[0] ?? '')) as { ok: true; value: { decoder: CompactEntryDecoder } }).value;
  const rawText: Record<string, string> = {
    'text after the entry': `${lines[3] ?? ''} x`,
    'a number with an exponent where an integer belongs': (lines[3] ?? '').replace(/,(-?\d+)\]\]$/, ',$1e-1]]'),
    'a seq with a leading zero': (lines[3] ?? '').replace(/^\[/, '[0'),
  };
  for (const [what, value, message] of malformed) {
    it(`${what}: journal_entry_malformed naming the line`, () => {
      const text = rawText[what] ?? JSON.stringify(value);
      const decoded = decoder.decodeText(text, 7);
      expect(decoded).toMatchObject({ ok: false, error: { code: 'journal_entry_malformed', message: expect.stringMatching(/^line 7\b/) } });
      expect(decoded).toMatchObject({ ok: false, error: { message: expect.stringContaining(message) } });
    });
  }

  it('a line that breaks off inside its lists leaves nothing behind: the next line decodes exactly', () => {
    const whole = lines[3] ?? '';
    for (const cut of [0.3, 0.5, 0.7, 0.9]) {
      expect(decoder.decodeText(whole.slice(0, Math.floor(whole.length * cut)), 7)).toMatchObject({ ok: false, error: { code: 'journal_entry_malformed' } });
      expect(decoder.decodeText(whole, 8)).toEqual({ ok: true, value: live.journal[2] });
    }
  });

  const header = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
  const badHeaders: [string, unknown][] = [
    ['no config', { ...header, config: undefined }],
    ['no shapes', { ...header, shapes: undefined }],
    ['no strings', { ...header, strings: undefined }],
    ['a string table entry that is not a string', { ...header, strings: [7] }],
    ['an account that is not a pair', { ...header, accounts: [['Liabilities:Merchants:mart']] }],
    ['a record type that is not a string', { ...header, recordTypes: [1] }],
    ['a shape with an empty field', { ...header, shapes: [['']] }],
    ['a shape field without its marker', { ...header, shapes: [['kind']] }],
  ];
  for (const [what, value] of badHeaders) {
    it(`a header with ${what}: journal_header_malformed`, () => {
      expect(CompactEntryDecoder.fromHeader(value)).toMatchObject({ ok: false, error: { code: 'journal_header_malformed' } });
    });
  }
});

/** A seller-model Konbini payment of ¥50,000 (¥5,000 the platform's) with two pending ¥7 requests. */
const TWO_SELLER_REQUESTS: readonly Command[] = [
    sellerPayment('skb', { paymentType: 'konbini' }),
    { op: 'payment.capture', payment: 'skb' },
    refundRequest({ id: 'r0', payment: 'skb', amount: 7 }),
    refundRequest({ id: 'r1', payment: 'skb', amount: 7 }),
];

describe('a refund_request_reestimated change in an imported journal', () => {
  // Two seller-model ¥7 requests; completing r1 first re-estimates r0 from 1/6 to 0/7.
  const live = ledgerAfter([...TWO_SELLER_REQUESTS, { op: 'refund_request.complete', refundRequest: 'r1' }]);
  const completion = live.journal[4] as Entry;
  const reestimate = completion.changes[2] as Change;
  const exported = JSON.parse(JSON.stringify(completion)) as Record<string, unknown>;
  const withChange = (change: unknown): Record<string, unknown> => ({ ...exported, changes: [...completion.changes.slice(0, 2), change] });

  it('the completion that carries it parses back to the same entry and replays to the live state', () => {
    expect(reestimate).toEqual({ kind: 'refund_request_reestimated', refundRequest: 'r0', parts: { platform: 0, submerchants: [{ submerchantId: 's1', amount: 7 }] }, holds: [{ merchant: 'plt', amount: 330 }, { merchant: 's1', amount: 7 }] });
    expect(parseJournalEntry(exported, 6)).toEqual({ ok: true, value: completion });
    const again = replayJournal(CONFIG, live.journal.map((entry, index) => {
      const parsed = parseJournalEntry(JSON.parse(JSON.stringify(entry)), index + 2);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    }));
    expect(again.ok && foldedState(again.value)).toEqual(foldedState(live));
  });

  const malformed: [string, unknown][] = [
    ['a change that is not an object', 'refund_request_reestimated'],
    ['a change without a kind', { refundRequest: 'r0' }],
    ['no request id', { ...reestimate, refundRequest: undefined }],
    ['a negative part', { ...reestimate, parts: { platform: -1, submerchants: [{ submerchantId: 's1', amount: 8 }] } }],
    ['a fractional part', { ...reestimate, parts: { platform: 0.5, submerchants: [{ submerchantId: 's1', amount: 6.5 }] } }],
    ['parts without their submerchants', { ...reestimate, parts: { platform: 0 } }],
    ['a hold of 0', { ...reestimate, holds: [{ merchant: 'plt', amount: 0 }] }],
    ['holds that are not a list', { ...reestimate, holds: null }],
  ];
  for (const [what, change] of malformed) {
    it(`${what}: journal_entry_malformed`, () => {
      expect(parseJournalEntry(withChange(change), 6)).toMatchObject({ ok: false, error: { code: 'journal_entry_malformed', message: expect.stringContaining('line 6') } });
    });
    if (typeof change !== 'object') continue; // the compact format cannot even write it
    it(`${what}, in the compact format: journal_entry_malformed as well`, () => {
      const [headerLine = '', entryLine = ''] = [...journalNdjsonLines(CONFIG, [{ ...completion, changes: [...completion.changes.slice(0, 2), change as Change] }])];
      const opened = CompactEntryDecoder.fromHeader(JSON.parse(headerLine));
      if (!opened.ok) throw new Error(opened.error.message);
      expect(opened.value.decoder.decodeText(entryLine.trimEnd(), 6)).toMatchObject({ ok: false, error: { code: 'journal_entry_malformed', message: expect.stringContaining('line 6') } });
    });
  }

  const unfit: [string, Change, string][] = [
    ['of a request the journal never made', { ...reestimate, refundRequest: 'nowhere' } as Change, 'no pending refund request nowhere'],
    ['of the request the same entry completes', { ...reestimate, refundRequest: 'r1' } as Change, 'no pending refund request r1'],
    ['naming another seller', { ...reestimate, parts: { platform: 0, submerchants: [{ submerchantId: 's2', amount: 7 }] } } as Change, 'parties "s2" instead of "s1"'],
    ['with parts that do not add up to the request', { ...reestimate, parts: { platform: 0, submerchants: [{ submerchantId: 's1', amount: 6 }] } } as Change, 'adding up to 6, not its amount 7'],
  ];
  for (const [what, change, why] of unfit) {
    it(`${what}: journal_entry_inapplicable, and nothing of the entry is folded`, () => {
      const replay = new JournalReplay(newLedger());
      for (const entry of live.journal.slice(0, 4)) expect(replay.add(entry).ok).toBe(true);
      const before = structuredClone({ balances: replay.ledger.state.balances, holds: replay.ledger.state.holds, payments: replay.ledger.state.payments, requests: replay.ledger.state.refundRequests });
      const added = replay.add({ ...completion, changes: [...completion.changes.slice(0, 2), change] });
      expect(added).toMatchObject({ ok: false, error: { code: 'journal_entry_inapplicable', message: expect.stringContaining(why) } });
      expect({ balances: replay.ledger.state.balances, holds: replay.ledger.state.holds, payments: replay.ledger.state.payments, requests: replay.ledger.state.refundRequests }).toEqual(before);
    });
  }

  it('of a request completed in an earlier entry: journal_entry_inapplicable', () => {
    const late: Entry = { seq: 6, at: completion.at, command: { op: 'refund_request.reject' }, changes: [{ ...reestimate, refundRequest: 'r1' } as Change], postings: [], events: [] };
    expect(replayJournal(CONFIG, [...live.journal, late])).toMatchObject({ ok: false, error: { code: 'journal_entry_inapplicable', message: expect.stringContaining('no pending refund request r1') } });
  });
});

describe('JournalReplay.entries is read-only', () => {
  it('counts what was added, and a caller cannot set it (review 151: entries = 1 made the next add blame the ledger)', () => {
    const live = ledgerAfter(TWO_SELLER_REQUESTS);
    const replay = new JournalReplay(newLedger());
    for (const entry of live.journal.slice(0, 2)) expect(replay.add(entry).ok).toBe(true);
    expect(replay.entries).toBe(2);
    expect(() => {
      (replay as { entries: number }).entries = 1;
    }).toThrow(TypeError);
    for (const entry of live.journal.slice(2)) expect(replay.add(entry).ok).toBe(true);
    expect(replay.entries).toBe(live.journal.length);
  });
});

describe('review findings: an imported entry the fold would trip on is refused whole', () => {
  const live = ledgerAfter(TWO_SELLER_REQUESTS);
  const next = (changes: readonly unknown[]): Entry => ({ seq: live.journal.length + 1, at: '2026-02-01T00:00:00.000Z', command: { op: 'x' }, changes: changes as Change[], postings: [], events: [] });
  const folded = (replay: JournalReplay) => structuredClone({ balances: replay.ledger.state.balances, holds: replay.ledger.state.holds, payments: replay.ledger.state.payments, requests: replay.ledger.state.refundRequests, pending: replay.ledger.state.pendingRefundRequests });
  const replayOf = (): JournalReplay => {
    const replay = new JournalReplay(newLedger());
    for (const entry of live.journal) expect(replay.add(entry).ok).toBe(true);
    return replay;
  };

  const malformedChanges: [string, unknown][] = [
    ['a payment_created without its payment', { kind: 'payment_created' }],
    ['a refund_request_created without its request', { kind: 'refund_request_created' }],
    ['a session_completed without its session', { kind: 'session_completed', payment: 'skb' }],
    ['a payment_refunded with parts that are not parts', { kind: 'payment_refunded', payment: 'skb', amount: 7, parts: 7, customerFeeRefunded: false }],
    ['a change of a kind nobody knows', { kind: 'payment_teleported', payment: 'skb' }],
  ];
  for (const [what, change] of malformedChanges) {
    it(`${what}: journal_entry_malformed in both formats, never an internal error`, () => {
      const entry = next([change]);
      expect(parseJournalEntry(JSON.parse(JSON.stringify(entry)), 9)).toMatchObject({ ok: false, error: { code: 'journal_entry_malformed', message: expect.stringContaining('line 9') } });
      const [headerLine = '', entryLine = ''] = [...journalNdjsonLines(CONFIG, [entry])];
      const opened = CompactEntryDecoder.fromHeader(JSON.parse(headerLine));
      if (!opened.ok) throw new Error(opened.error.message);
      expect(opened.value.decoder.decodeText(entryLine.trimEnd(), 9)).toMatchObject({ ok: false, error: { code: 'journal_entry_malformed', message: expect.stringContaining('line 9') } });
    });
  }

  it('the same request rejected twice in one entry: journal_entry_inapplicable, holds untouched', () => {
    const replay = replayOf();
    const before = folded(replay);
    const twice = { kind: 'refund_request_rejected', refundRequest: 'r0' };
    expect(replay.add(next([twice, twice]))).toMatchObject({ ok: false, error: { code: 'journal_entry_inapplicable', message: expect.stringContaining('no pending refund request r0') } });
    expect(folded(replay)).toEqual(before);
  });

  it('a refund whose parts name another party: journal_entry_inapplicable, balances untouched', () => {
    const replay = replayOf();
    const before = folded(replay);
    const refund = next([{ kind: 'payment_refunded', payment: 'skb', amount: 7, parts: { platform: 1, submerchants: [{ submerchantId: 's2', amount: 6 }] }, customerFeeRefunded: false }]);
    const withPostings: Entry = { ...refund, postings: [
      { account: 'Liabilities:Merchants:s1', merchant: 's1', currency: 'JPY', amount: 6, recordType: 'Refund' },
      { account: 'Liabilities:Merchants:plt', merchant: 'plt', currency: 'JPY', amount: 1, recordType: 'Refund' },
      { account: 'Assets:Receivable:Customers', currency: 'JPY', amount: -7, recordType: 'Refund' },
    ] };
    expect(replay.add(withPostings)).toMatchObject({ ok: false, error: { code: 'journal_entry_inapplicable', message: expect.stringContaining('parties "s2" instead of "s1"') } });
    expect(folded(replay)).toEqual(before);
  });

  it('an entry that still fails half-way through being applied stops the replay: every later entry is refused', () => {
    const replay = replayOf();
    // An Entry built in code can be anything: here payout settings that the checks read but
    // the fold cannot (the getter throws when applyEntry's fold asks): only the fold trips on them.
    const settings = { merchant: 's1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 };
    const unreadable = { kind: 'payout_settings_updated', get settings(): typeof settings { if (new Error().stack?.includes('applyChange') === true) throw new Error('the settings cannot be read'); return settings; } };
    expect(replay.add({ ...next([unreadable]), command: { op: 'payout_settings.update' } })).toMatchObject({ ok: false, error: { code: 'journal_entry_inapplicable', message: expect.stringContaining('the settings cannot be read') } });
    expect(replay.add(next([{ kind: 'payment_expired', payment: 'skb' }]))).toMatchObject({ ok: false, error: { code: 'journal_entry_inapplicable', message: expect.stringContaining('rebuild the ledger from the start') } });
  });
});

describe('the journal itself', () => {
  it('every entry balances per currency, sequence numbers run 1, 2, 3…, and the books sum to zero', () => {
    const live = ledgerAfter(EVERY_FLOW);
    live.journal.forEach((entry, index) => {
      expect(entry.seq).toBe(index + 1);
      expect(unbalancedCurrency(entry)).toBeUndefined();
      for (const posting of entry.postings) expect(posting.amount).not.toBe(0);
    });
    const sums = journalSums(live.journal);
    expect([...sums.values()].reduce((total, sum) => total + sum, 0)).toBe(0);
    // A merchant's balance is minus the sum of the postings on its account.
    for (const [merchant, byCurrency] of live.state.balances) expect(-(sums.get(`Liabilities:Merchants:${merchant}`) ?? 0)).toBe(byCurrency.get('JPY'));
  });

  it('an entry is never changed by later commands (append-only)', () => {
    const live = ledgerAfter(EVERY_FLOW.slice(0, 4));
    const snapshot = JSON.stringify(live.journal);
    const again = ledgerAfter(EVERY_FLOW);
    expect(JSON.stringify(again.journal.slice(0, live.journal.length))).toBe(snapshot);
  });
});

describe('determinism: the same scenario twice gives the same journal, byte for byte', () => {
  it('through the engine', () => {
    expect(JSON.stringify(ledgerAfter(EVERY_FLOW).journal)).toBe(JSON.stringify(ledgerAfter(EVERY_FLOW).journal));
  });

  it('through a scenario file, report included', () => {
    const document = {
      merchants: [
        { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
        { id: 'pm1', type: 'payout', platform: 'mart' },
        { id: 'pm2', type: 'payout', platform: 'mart' },
      ],
      commands: [
        { op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 700, platform_fee: 70 }, { submerchant_id: 'pm2', amount: 300, platform_fee: 30 }] } },
        { op: 'payment.refund', payment: 'pay_1', amount: 900, platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 600, platform_fee: 30 }, { submerchant_id: 'pm2', amount: 250, platform_fee: 20 }] } },
        { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimum_amount: 0 },
        { op: 'settlement.run', date: '1970-01-16', at: '1970-01-16T12:00:00+09:00' },
      ],
    };
    const first = runScenario(document);
    const second = runScenario(structuredClone(document));
    if (!first.ok || !second.ok) throw new Error('scenario rejected');
    expect(JSON.stringify(second.value.ledger.journal)).toBe(JSON.stringify(first.value.ledger.journal));
    expect(JSON.stringify(second.value.report)).toBe(JSON.stringify(first.value.report));
    expect(first.value.report.balances).toEqual({ mart: { JPY: 10 }, pm1: { JPY: 0 }, pm2: { JPY: 20 } });
  });
});

describe('a ledger rebuilt without its journal', () => {
  const live = ledgerAfter(EVERY_FLOW);
  const next: Command = goldenPayment('after_replay', { at: '2030-01-01T00:00:00Z' });

  it('answers balances like the live ledger, but refuses to execute: its next entry would be numbered 1', () => {
    const replay = new JournalReplay(newLedger(), false);
    for (const entry of live.journal) expect(replay.add(entry).ok).toBe(true);
    expect(replay.ledger.state.balances).toEqual(live.state.balances);
    expect(replay.ledger.journal).toEqual([]);
    expect(replay.ledger.state.entriesNotKept).toBe(live.journal.length);
    expect(() => replay.ledger.execute(next)).toThrow(`this ledger was rebuilt without its journal (${live.journal.length} entries not kept) and cannot execute payment.create`);
    expect(replay.ledger.state.balances).toEqual(live.state.balances);
  });

  it('kept, it goes on where the live ledger would: the same entry, numbered after the last', () => {
    const replay = new JournalReplay(newLedger());
    for (const entry of live.journal) expect(replay.add(entry).ok).toBe(true);
    const continued = replay.ledger.execute(next);
    const liveNext = ledgerAfter([...EVERY_FLOW, next]).journal.at(-1);
    expect(continued).toMatchObject({ ok: true, entry: { seq: live.journal.length + 1 } });
    expect(continued.ok && continued.entry).toEqual(liveNext);
  });
});

describe('an entry time is read only as the engine writes it (Date#toISOString)', () => {
  const live = ledgerAfter([goldenPayment('a', { at: '2026-01-05T00:00:00Z' }), goldenPayment('b', { at: '2026-01-06T00:00:00Z' })]);
  const engineForm = 'at must be a time as the engine writes it, such as 2026-04-01T01:00:00.000Z';
  // Date.parse reads other texts as the JavaScript engine decides ("Tue Jan 06 2026" in Node):
  // a reconciliation must not depend on that, and a time it cannot read at all must not pass.
  const unreadable = ['not a time', 'Tue Jan 06 2026', '2026-01-05T00:00:00Z', '2026-01-05T09:00:00.000+09:00', '2026-01-05'];

  for (const at of unreadable) {
    it(`${JSON.stringify(at)}: journal_entry_malformed from code, and in both file formats`, () => {
      const entries = live.journal.map((entry, index) => (index === 0 ? { ...entry, at } : entry));
      expect(replayJournal(CONFIG, entries)).toEqual({ ok: false, error: { code: 'journal_entry_malformed', message: `entry 1: ${engineForm}, not ${JSON.stringify(at)}` } });
      expect(parseJournalEntry(JSON.parse(JSON.stringify(entries[0])), 2)).toEqual({ ok: false, error: { code: 'journal_entry_malformed', message: `line 2 (entry 1): ${engineForm}` } });
      const [headerLine = '', entryLine = ''] = [...journalNdjsonLines(CONFIG, entries)];
      const opened = CompactEntryDecoder.fromHeader(JSON.parse(headerLine));
      if (!opened.ok) throw new Error(opened.error.message);
      expect(opened.value.decoder.decodeText(entryLine.trimEnd(), 2)).toEqual({ ok: false, error: { code: 'journal_entry_malformed', message: `line 2 (entry 1): ${engineForm}` } });
    });
  }

  it('a time that cannot be read no longer lets every later time pass as in order', () => {
    const entries = live.journal.map((entry, index) => ({ ...entry, at: index === 0 ? 'not a time' : '1999-01-01T00:00:00.000Z' }));
    expect(replayJournal(CONFIG, entries)).toMatchObject({ ok: false, error: { code: 'journal_entry_malformed' } });
  });

  it('every time the engine writes replays, days 29 to 31 and years past 9999 included', () => {
    const times = ['2024-02-29T23:59:59.999Z', '2026-01-31T00:00:00.000Z', '+010000-01-01T00:00:00.000Z'];
    const entries = times.map((at, index) => ({ ...live.journal[0]!, seq: index + 1, at, payment: `p${index}`, changes: [{ ...live.journal[0]!.changes[0], payment: { ...(live.journal[0]!.changes[0] as { payment: object }).payment, id: `p${index}` } }, ...live.journal[0]!.changes.slice(1).map((change) => ({ ...change, payment: `p${index}` }))], events: live.journal[0]!.events.map((event) => ({ ...event, payment: `p${index}` })) }) as Entry);
    expect(replayJournal(CONFIG, entries)).toMatchObject({ ok: true });
  });
});
