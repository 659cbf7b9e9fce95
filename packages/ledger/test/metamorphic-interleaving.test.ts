import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availableBalance, postedBalance, replayJournal, type Command, type Entry, type ExecuteResult, type Ledger, type LedgerConfig, type LedgerStateView, type MerchantConfig } from '@kanjo/ledger';
import { journalScenarioArbitrary, runJournalScenario } from './support/journal-scenarios.js';
import { newLedger } from './support/ledger-harness.js';
import { currenciesOf, usdPayoutSettings } from './support/metamorphic.js';

// Metamorphic properties: what one book does must not depend on commands that concern nothing
// of it.
//
// 1. Two platforms with disjoint merchants (scenarios A and B of support/journal-scenarios.ts,
//    their ids prefixed `a-` and `b-`) share one ledger. Each command of A gets, among B's
//    commands, the very result it gets alone: the same outcome, the same entry but for its seq,
//    and at the end the same balances, payments, requests, sessions and payout settings.
//    Nothing of one platform's decisions reads another's merchants, payments or keys (DOMAIN.md
//    "Parties": a sub-merchant belongs to one platform). Idempotency keys are the ledger's, not
//    a merchant's, so each platform's keys are renamed apart like its ids.
//    `settlement.run` pays every merchant due, so it belongs to neither book: each run (of A's
//    stream or B's) goes to both ledgers alone and once to the shared one, which must write the
//    union of what the two wrote (see checkRun).
// 2. Within one platform, payments in JPY and in USD are independent: without every command
//    that only concerns USD (USD payments, sessions and whatever targets them, USD transfers and
//    payout settings), every JPY balance, payment and remaining command's result is the same
//    (runs: their JPY part). Money never crosses currencies (DOMAIN.md "Money"): sufficient
//    balance, refund request fees, transfers and payouts are each per merchant and currency.

/** How many scenarios each property runs (KANJO_MODEL_RUNS for a longer search): the file takes about 10 s on two shared cores. */
const NUM_RUNS = Number(process.env['KANJO_MODEL_RUNS'] ?? 1500);

// ---------------------------------------------------------------------------------------------
// Renaming a scenario apart.

/**
 * The fields of a command that hold an id (command.ts): merchants (`merchant`, `as`,
 * `platformMerchant`, a transfer's `from`/`to`, payout settings' `target`), the new payment,
 * request or session (`id`), the one targeted (`payment`, `refundRequest`, `session`) and the
 * idempotency key. Split lines name merchants by `submerchantId`.
 */
const ID_FIELDS = new Set(['id', 'merchant', 'as', 'platformMerchant', 'from', 'to', 'target', 'payment', 'refundRequest', 'session', 'idempotencyKey']);
/** Every other field a command may have (command.ts, SessionInit): none holds an id. */
const OTHER_FIELDS = new Set([
  'op', 'at', 'amount', 'currency', 'paymentType', 'capture', 'origin', 'platformAmount', 'includePaymentMethodFee', 'bankAccount', 'frequency',
  'minimumAmount', 'date', 'holidays', 'paymentTypes', 'returnUrl', 'externalCustomerId', 'externalOrderNum', 'defaultLocale', 'metadata',
]);

function renamed(prefix: string, id: string): string {
  return `${prefix}${id}`;
}

/** A command with every id in it prefixed; a field this file does not know is an error, so a new id field cannot slip through unrenamed. */
function renameCommand(command: Command, prefix: string): Command {
  const fields: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(command)) {
    if (ID_FIELDS.has(field)) fields[field] = renamed(prefix, value as string);
    else if (field === 'split') fields[field] = (value as { submerchantId: string }[]).map((line) => ({ ...line, submerchantId: renamed(prefix, line.submerchantId) }));
    else if (OTHER_FIELDS.has(field)) fields[field] = value;
    else throw new Error(`${command.op}: field ${field} is not classified as an id or not: add it to ID_FIELDS or OTHER_FIELDS`);
  }
  return fields as unknown as Command;
}

/** The merchants of a configuration with their ids and owners prefixed. */
function renameMerchants(merchants: readonly MerchantConfig[], prefix: string): MerchantConfig[] {
  return merchants.map((merchant) => (merchant.type === 'platform' ? { ...merchant, id: renamed(prefix, merchant.id) } : { ...merchant, id: renamed(prefix, merchant.id), platform: renamed(prefix, merchant.platform) }));
}

/** `base`'s top-level settings (tax, rounding, time zone, fees, book) with these merchants. */
function withMerchants(base: LedgerConfig, merchants: readonly MerchantConfig[]): LedgerConfig {
  return { ...base, merchants };
}

// ---------------------------------------------------------------------------------------------
// Idempotency keys: the scenarios send none, so some are added.

/** What happens to a command's key: none, a key, a key and an identical retry right after, or the previous command's key (a different command: idempotency_key_reused if that one was accepted). */
type KeyDraw = 'plain' | 'keyed' | 'retried' | 'reused';
// One draw for each command: a scenario sends up to 50 steps' commands (and payout settings
// first). fast-check's default size would draw at most ten, leaving every later command unkeyed.
const keyDrawsArbitrary = fc.array(fc.constantFrom<KeyDraw>('plain', 'plain', 'plain', 'keyed', 'retried', 'reused'), { minLength: 70, maxLength: 70 });

/** The commands with keys as drawn. Runs stay unkeyed: one run goes to several ledgers (see checkRun). */
function withIdempotencyKeys(sent: readonly Command[], draws: readonly KeyDraw[], reuse: boolean): Command[] {
  const keyed: Command[] = [];
  sent.forEach((command, index) => {
    const draw = command.op === 'settlement.run' ? 'plain' : (draws[index] ?? 'plain');
    if (draw === 'plain' || (draw === 'reused' && !reuse)) {
      keyed.push(command);
      return;
    }
    const withKey = { ...command, idempotencyKey: `key-${draw === 'reused' && index > 0 ? index - 1 : index}` };
    keyed.push(withKey);
    if (draw === 'retried') keyed.push(withKey);
  });
  return keyed;
}

// ---------------------------------------------------------------------------------------------
// Comparing results.


/** An entry without its seq: the seq counts every entry of its ledger, the other book's too. */
function unnumbered(entry: Entry): Omit<Entry, 'seq'> {
  const { seq: _seq, ...rest } = entry;
  return rest;
}

/** What a result says, but for the seq of its entry. */
function outcome(result: ExecuteResult): unknown {
  if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
  return { ok: true, replayed: result.replayed, entry: unnumbered(result.entry) };
}


// ---------------------------------------------------------------------------------------------
// Property 1: two platforms interleaved.

/** A command of the shared stream: one platform's, or a settlement run (everyone's). */
interface Tagged {
  readonly source: 'a' | 'b' | 'run';
  readonly command: Command;
}

function timeOf(command: Command): number {
  return Date.parse(command.at as string);
}

/**
 * A's and B's commands merged by time, each keeping its own order (both are in time order);
 * `aFirst` breaks each tie between them in turn (then A, once it runs out).
 */
function mergeByTime(a: readonly Command[], b: readonly Command[], aFirst: readonly boolean[]): Tagged[] {
  const tag = (source: 'a' | 'b', command: Command): Tagged => ({ source: command.op === 'settlement.run' ? 'run' : source, command });
  const merged: Tagged[] = [];
  let i = 0;
  let j = 0;
  let tie = 0;
  while (i < a.length || j < b.length) {
    const nextA = a[i];
    const nextB = b[j];
    let takeA: boolean;
    if (nextA === undefined) takeA = false;
    else if (nextB === undefined) takeA = true;
    else if (timeOf(nextA) !== timeOf(nextB)) takeA = timeOf(nextA) < timeOf(nextB);
    else takeA = aFirst[tie++] ?? true;
    if (takeA) merged.push(tag('a', a[i++] as Command));
    else merged.push(tag('b', b[j++] as Command));
  }
  return merged;
}

/**
 * A run sent to A's ledger alone, B's alone, and the shared one. Each pays its own merchants
 * (DOMAIN.md "Payouts": per merchant and currency), so the shared ledger's entry is the union
 * of the two: its periods are gathered in the sorted order of merchant ids
 * (decide-run-settlement.ts), and every `a-` id sorts before every `b-` one, so the union is A's
 * parts then B's. A run is refused whole if any period it would pay has not ended, so the
 * shared one is refused when either alone is, with the first refusal's code (A's merchants
 * come first). Refused for one book only, it leaves the other's due merchants unpaid in the
 * shared ledger, which its ledger alone pays: from there the books differ (the last test shows
 * it). The scenarios' runs are dated on or after their payout days and never refused.
 */
function checkRun(alone: readonly [ExecuteResult, ExecuteResult], together: ExecuteResult, where: string): void {
  const [a, b] = alone;
  if (!a.ok || !b.ok) {
    const first = !a.ok ? a : (b as Extract<ExecuteResult, { ok: false }>);
    expect(together.ok ? 'ok' : together.error.code, where).toBe(first.error.code);
    return;
  }
  expect(a.replayed || b.replayed, where).toBe(false);
  expect(outcome(together), where).toEqual({
    ok: true,
    replayed: false,
    entry: {
      ...unnumbered(a.entry),
      changes: [...a.entry.changes, ...b.entry.changes],
      postings: [...a.entry.postings, ...b.entry.postings],
      events: [...a.entry.events, ...b.entry.events],
    },
  });
}

/** At the end, everything of one platform in the shared ledger is what its ledger alone holds. */
function checkSameBook(alone: LedgerStateView, together: LedgerStateView, book: string): void {
  for (const merchant of alone.config.merchants.keys()) {
    for (const currency of currenciesOf(merchant, alone, together)) {
      const where = `${book}: ${merchant} ${currency}`;
      expect(postedBalance(together, merchant, currency), where).toBe(postedBalance(alone, merchant, currency));
      expect(availableBalance(together, merchant, currency), where).toBe(availableBalance(alone, merchant, currency));
    }
    expect(together.payoutSettings.get(merchant), `${book}: payout settings of ${merchant}`).toEqual(alone.payoutSettings.get(merchant));
  }
  // The whole payment, not only its view (status, amounts, currency): shares, refunds, holds too.
  for (const [id, payment] of alone.payments) expect(together.payments.get(id), `${book}: payment ${id}`).toEqual(payment);
  for (const [id, request] of alone.refundRequests) expect(together.refundRequests.get(id), `${book}: refund request ${id}`).toEqual(request);
  for (const [id, session] of alone.sessions) expect(together.sessions.get(id), `${book}: session ${id}`).toEqual(session);
}

const interleavingArbitrary = fc.record({
  a: journalScenarioArbitrary,
  b: journalScenarioArbitrary,
  aKeys: keyDrawsArbitrary,
  bKeys: keyDrawsArbitrary,
  aFirst: fc.array(fc.boolean(), { maxLength: 20 }),
});

function checkInterleaving({ a, b, aKeys, bKeys, aFirst }: typeof interleavingArbitrary extends fc.Arbitrary<infer T> ? T : never): void {
  const runA = runJournalScenario(a);
  const runB = runJournalScenario(b);
  const aMerchants = renameMerchants(runA.config.merchants, 'a-');
  const bMerchants = renameMerchants(runB.config.merchants, 'b-');
  // B's commands run under A's top-level settings: they are one ledger's.
  const aloneA = newLedger(withMerchants(runA.config, aMerchants));
  const aloneB = newLedger(withMerchants(runA.config, bMerchants));
  const togetherConfig = withMerchants(runA.config, [...aMerchants, ...bMerchants]);
  const together = newLedger(togetherConfig);

  const streamA = withIdempotencyKeys(runA.sent, aKeys, true).map((command) => renameCommand(command, 'a-'));
  const streamB = withIdempotencyKeys(runB.sent, bKeys, true).map((command) => renameCommand(command, 'b-'));
  mergeByTime(streamA, streamB, aFirst).forEach(({ source, command }, index) => {
    const where = `command ${index + 1} (${source}): ${JSON.stringify(command)}`;
    const shared = together.execute(command);
    if (source === 'run') {
      checkRun([aloneA.execute(command), aloneB.execute(command)], shared, where);
      return;
    }
    const alone = (source === 'a' ? aloneA : aloneB).execute(command);
    expect(outcome(shared), where).toEqual(outcome(alone));
  });

  checkSameBook(aloneA.state, together.state, 'A');
  checkSameBook(aloneB.state, together.state, 'B');
  expect(together.state.payments.size).toBe(aloneA.state.payments.size + aloneB.state.payments.size);
  const replayed = replayJournal(togetherConfig, together.journal);
  expect(replayed.ok ? 'ok' : replayed.error.message).toBe('ok');
}

// ---------------------------------------------------------------------------------------------
// Property 2: JPY and USD within one platform.

/**
 * Which commands only concern USD: USD payments and sessions, whatever targets them (the
 * payment a USD session completes into, the requests on a USD payment), USD transfers and
 * payout settings. Runs concern every currency.
 */
function usdOnly(commands: readonly Command[]): boolean[] {
  const payments = new Set<string>();
  const sessions = new Set<string>();
  const requests = new Set<string>();
  return commands.map((command) => {
    switch (command.op) {
      case 'payment.create':
        if (command.currency === 'USD') payments.add(command.id);
        return command.currency === 'USD';
      case 'session.create':
        if (command.currency === 'USD') sessions.add(command.id);
        return command.currency === 'USD';
      case 'session.complete':
        if (sessions.has(command.session)) payments.add(command.payment);
        return sessions.has(command.session);
      case 'session.cancel':
        return sessions.has(command.session);
      case 'payment.refund_request':
        if (payments.has(command.payment)) requests.add(command.id);
        return payments.has(command.payment);
      case 'payment.capture':
      case 'payment.cancel':
      case 'payment.expire':
      case 'payment.refund':
      case 'payment.chargeback':
        return payments.has(command.payment);
      case 'refund_request.complete':
      case 'refund_request.reject':
        return requests.has(command.refundRequest);
      case 'balance.transfer':
      case 'payout_settings.update':
        return command.currency === 'USD';
      case 'settlement.run':
        return false;
    }
  });
}

/** A run's entry restricted to JPY: what a ledger without USD would have written. */
function jpyPart(entry: Entry): Omit<Entry, 'seq'> {
  const inJpy = (part: object): boolean => !('currency' in part) || part.currency === 'JPY';
  return { ...unnumbered(entry), changes: entry.changes.filter(inJpy), postings: entry.postings.filter(inJpy), events: entry.events.filter(inJpy) };
}


const currenciesArbitrary = fc.record({
  scenario: journalScenarioArbitrary,
  keys: keyDrawsArbitrary,
  usdPayouts: fc.constantFrom<'weekly' | 'monthly' | undefined>('weekly', 'monthly', undefined),
});

/** Tally of how many USD-only commands property 2 removed, so a run of it can be seen to remove some. */
let removedUsdCommands = 0;

function checkCurrencies({ scenario, keys, usdPayouts }: typeof currenciesArbitrary extends fc.Arbitrary<infer T> ? T : never): void {
  const run = runJournalScenario(scenario);
  const sent = usdPayouts === undefined ? run.sent : [...usdPayoutSettings(run.config, run.sent[0], usdPayouts), ...run.sent];
  // No reused keys: a key is the ledger's, not a currency's, so a JPY command reusing a USD
  // command's key would be refused (idempotency_key_reused) only while that command is there.
  const commands = withIdempotencyKeys(sent, keys, false);
  const usd = usdOnly(commands);
  const full = newLedger(run.config);
  const jpyOnly = newLedger(run.config);
  commands.forEach((command, index) => {
    const where = `command ${index + 1}: ${JSON.stringify(command)}`;
    const result = full.execute(command);
    if (usd[index] === true) {
      removedUsdCommands += 1;
      return;
    }
    const without = jpyOnly.execute(command);
    if (command.op !== 'settlement.run' || !result.ok || !without.ok) {
      expect(outcome(without), where).toEqual(outcome(result));
      return;
    }
    expect(without.replayed, where).toBe(result.replayed);
    expect(unnumbered(without.entry), where).toEqual(jpyPart(result.entry));
  });

  for (const merchant of full.state.config.merchants.keys()) {
    expect(postedBalance(jpyOnly.state, merchant, 'JPY'), merchant).toBe(postedBalance(full.state, merchant, 'JPY'));
    expect(availableBalance(jpyOnly.state, merchant, 'JPY'), merchant).toBe(availableBalance(full.state, merchant, 'JPY'));
    expect(jpyOnly.state.payoutSettings.get(merchant)?.get('JPY'), merchant).toEqual(full.state.payoutSettings.get(merchant)?.get('JPY'));
    expect([...currenciesOf(merchant, jpyOnly.state)].filter((currency) => currency !== 'JPY'), merchant).toEqual([]);
  }
  for (const [id, payment] of full.state.payments) {
    if (payment.currency === 'JPY') expect(jpyOnly.state.payments.get(id), `payment ${id}`).toEqual(payment);
    else expect(jpyOnly.state.payments.has(id), `payment ${id}`).toBe(false);
  }
  for (const [id, request] of jpyOnly.state.refundRequests) expect(request, `refund request ${id}`).toEqual(full.state.refundRequests.get(id));
}

// ---------------------------------------------------------------------------------------------
// What does couple them: a settlement run is one command for the whole ledger.

const CARDS = { credit_card: { feeRate: '3.6%' } };
/** Two marketplaces, each with one payout merchant: `a-pm` paid weekly, `b-pm` monthly, ¥1,000 captured for `b-pm` in June. */
const TWO_BOOKS = {
  a: { merchants: [{ id: 'a-mkt', type: 'platform', business: 'marketplace', paymentMethods: CARDS }, { id: 'a-pm', type: 'payout', platform: 'a-mkt' }] as MerchantConfig[] },
  b: { merchants: [{ id: 'b-mkt', type: 'platform', business: 'marketplace', paymentMethods: CARDS }, { id: 'b-pm', type: 'payout', platform: 'b-mkt' }] as MerchantConfig[] },
  aCommands: [{ op: 'payout_settings.update', at: '2026-06-01T00:00:00Z', merchant: 'a-mkt', target: 'a-pm', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 }] as Command[],
  bCommands: [
    { op: 'payout_settings.update', at: '2026-06-01T00:00:00Z', merchant: 'b-mkt', target: 'b-pm', currency: 'JPY', frequency: 'monthly', minimumAmount: 0 },
    { op: 'payment.create', at: '2026-06-10T00:00:00Z', id: 'b-pay', merchant: 'b-mkt', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'b-pm', amount: 1000, platformFee: 0 }] },
  ] as Command[],
};

describe('metamorphic: independent books interleave without touching each other', () => {
  it('two platforms of disjoint merchants in one ledger: every command of each gets the result and entry (but for its seq) it gets alone, runs write the union of both, and each keeps its balances, payments, requests and sessions', () => {
    fc.assert(fc.property(interleavingArbitrary, checkInterleaving), { numRuns: NUM_RUNS });
  });

  it('JPY and USD of one platform are independent: without every USD-only command, each remaining command gets the same result (runs: their JPY part) and every JPY balance and payment is the same', () => {
    removedUsdCommands = 0;
    fc.assert(fc.property(currenciesArbitrary, checkCurrencies), { numRuns: NUM_RUNS });
    // The property removes something: over the runs, USD payments are drawn one time in four.
    expect(removedUsdCommands).toBeGreaterThan(NUM_RUNS);
  });

  it('a settlement run is one command: refused for one platform\'s period not yet ended, it pays the other\'s due merchants nothing until a later run (README settlement_period_not_ended), which the property leaves to the union rule', () => {
    // Friday 2026-07-31 is both a weekly payout day (the week 07-18 to 07-24, ended at
    // 07-25 00:00 Japan time) and a month end (June, long ended). Dated 07-24 21:00 Japan time,
    // the run would pay June to b-pm but a part of a week to a-pm.
    const early: Command = { op: 'settlement.run', at: '2026-07-24T12:00:00Z', date: '2026-07-31' };
    const onTime: Command = { op: 'settlement.run', at: '2026-07-31T00:00:00Z', date: '2026-07-31' };
    const aloneB = newLedger(TWO_BOOKS.b);
    const together = newLedger({ merchants: [...TWO_BOOKS.a.merchants, ...TWO_BOOKS.b.merchants] });
    for (const command of TWO_BOOKS.bCommands) expect(aloneB.execute(command).ok).toBe(true);
    for (const command of [...TWO_BOOKS.aCommands, ...TWO_BOOKS.bCommands]) expect(together.execute(command).ok).toBe(true);

    const alone = aloneB.execute(early);
    expect(alone.ok && alone.events).toEqual([{ type: 'settlement.created', merchant: 'b-pm', amount: 1000, currency: 'JPY' }]);
    const shared = together.execute(early);
    expect(shared.ok ? 'ok' : shared.error.code).toBe('settlement_period_not_ended');
    expect(postedBalance(together.state, 'b-pm', 'JPY')).toBe(1000);

    // June is still unsettled for b-pm: the next run pays it.
    const later = together.execute(onTime);
    expect(later.ok && later.events).toEqual([{ type: 'settlement.created', merchant: 'b-pm', amount: 1000, currency: 'JPY' }]);
  });
});
