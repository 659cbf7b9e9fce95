import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  availableBalance,
  CompactEntryDecoder,
  createLedger,
  JournalReplay,
  journalNdjsonLines,
  merchantBalances,
  parseJournalEntry,
  postedBalance,
  replayJournal,
  type Command,
  type Entry,
  type Ledger,
  type LedgerConfig,
  type LedgerStateView,
  type MerchantConfig,
} from '@kanjo/ledger';
import { PAYMENT_METHODS, refundRequest } from '../support/fixtures.js';
import { rowsOf, stateSnapshot, type Row } from '../support/ledger-harness.js';

// Review "payoutstatus": settlement runs across merchant status changes (deactivated, not
// approved) and journal replays under another configuration (README: "A configuration may
// deactivate a merchant after its payments (a journal replays under today's configuration)").
//
// The rules the expectations are computed from:
//   R-PAYOUT DOMAIN.md "Payouts": "Weekly: paid on Friday for the Saturday–Friday week that ended
//            the Friday before; monthly: at month end for the previous calendar month; a payout
//            day that falls on a weekend or a holiday moves to the next business day … Dates are
//            Japan time (UTC+9) unless configured. A payout pays what the merchant's balance held
//            at the end of the period it covers, never more than its available balance at the
//            run; an amount below the minimum (or negative) is carried over to the next payout.
//            Each covered period is paid at most once per merchant, however often a run is
//            repeated".
//   R-AVAIL  DOMAIN.md "Refunds": "available balance (posted, less what pending refund requests hold)".
//   R-SINCE  README "How it works": "a payout pays the balance at the end of the covered period
//            less payouts made since, capped by the available balance".
//   R-REPLAY README: "replayJournal … the state it gives equals the live one"; a replay that
//            cannot reproduce an entry refuses it with a journal_* code.
// Cells the sources do not decide pin today's behaviour and say "undecided: …".
//
// Calendar (Japan time): Jan 2026: Thu 01; weeks W1 Sat 01-03..Fri 01-09 paid Fri 01-16,
// W2 01-10..01-16 paid 01-23, W3 01-17..01-23 paid 01-30, W4 01-24..01-30 paid 02-06.
// Months: Jan 31 is a Saturday, so the payout for December is Mon 02-02; Feb 28 is a Saturday,
// so January is paid Mon 03-02; February on Tue 03-31.

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

const BASE: LedgerConfig = {
  book: 'live',
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: PAYMENT_METHODS },
    { id: 'pm1', type: 'payout', platform: 'mart' },
    { id: 'pm2', type: 'payout', platform: 'mart' },
    { id: 'plt', type: 'platform', business: 'platform', paymentMethods: PAYMENT_METHODS },
    { id: 's1', type: 'seller', platform: 'plt' },
  ],
};

type Status = 'deactivated' | 'unapproved';
function variant(changes: Readonly<Record<string, Status>>, extra: Partial<LedgerConfig> = {}): LedgerConfig {
  return {
    ...BASE,
    ...extra,
    merchants: BASE.merchants.map((m) => {
      const status = changes[m.id];
      if (status === undefined) return m;
      return { ...m, ...(status === 'deactivated' ? { status: 'deactivated' } : { approved: false }) } as MerchantConfig;
    }),
  };
}

const jst = (date: string, time = '10:00'): string => `${date}T${time}:00+09:00`;

/** The seeds' ¥1,000 (or $10.00) card payment {pm1 700/70, pm2 300/30}: fee 36 + 4: mart 60, pm1 630, pm2 270. */
function card(id: string, at: string, currency = 'JPY'): Command {
  return {
    op: 'payment.create', id, merchant: 'mart', amount: 1_000, currency, paymentType: 'credit_card', at,
    split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }],
  };
}
function weekly(target: string, at: string, minimumAmount = 0, currency = 'JPY', merchant = 'mart'): Command {
  return { op: 'payout_settings.update', merchant, target, currency, frequency: 'weekly', minimumAmount, at };
}
function monthly(target: string, at: string, minimumAmount = 0, currency = 'JPY', merchant = 'mart'): Command {
  return { op: 'payout_settings.update', merchant, target, currency, frequency: 'monthly', minimumAmount, at };
}
function run(date: string, at = jst(date), holidays?: string[]): Command {
  return holidays === undefined ? { op: 'settlement.run', date, at } : { op: 'settlement.run', date, at, holidays };
}

/** Everything a fold gives (as long-lifecycle.test.ts compares it). */
function comparable(state: LedgerStateView): unknown {
  const snapshot = stateSnapshot(state) as Record<string, unknown>;
  return { ...snapshot, pendingRefundRequests: structuredClone(state.pendingRefundRequests), lastAtText: state.lastAtText };
}

/** A journal export read back line by line under `config` (the header's tables, another configuration). */
function replayExport(lines: readonly string[], format: 'compact' | 'objects', config: LedgerConfig): { ok: true; state: LedgerStateView } | { ok: false; code: string; message: string } {
  const header = JSON.parse(lines[0] as string);
  let decode = (line: string, number: number) => parseJournalEntry(JSON.parse(line), number);
  if (format === 'compact') {
    const decoder = CompactEntryDecoder.fromHeader(header);
    if (!decoder.ok) throw new Error(decoder.error.message);
    decode = (line, number) => decoder.value.decoder.decodeText(line, number);
  }
  const created = createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  const replay = new JournalReplay(created.value);
  for (const [index, line] of lines.slice(1).entries()) {
    const entry = decode(line.trimEnd(), index + 2);
    if (!entry.ok) return { ok: false, code: entry.error.code, message: entry.error.message };
    const added = replay.add(entry.value);
    if (!added.ok) return { ok: false, code: added.error.code, message: added.error.message };
  }
  return { ok: true, state: created.value.state };
}

/** `kanjo reconcile` of an export whose header carries `config`. */
function reconcile(lines: readonly string[], config: LedgerConfig): { status: number | null; stdout: string; stderr: string } {
  const header = JSON.parse(lines[0] as string);
  const text = [JSON.stringify({ ...header, config }) + '\n', ...lines.slice(1)].join('');
  const work = mkdtempSync(join(tmpdir(), 'kanjo-payoutstatus-'));
  try {
    const path = join(work, 'journal.ndjson');
    writeFileSync(path, text);
    const out = spawnSync(process.execPath, [CLI, 'reconcile', path, '--format', 'json'], { encoding: 'utf8' });
    return { status: out.status, stdout: out.stdout, stderr: out.stderr };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The journal of a ledger read back under `config`, as replayJournal, both NDJSON formats and
 * `kanjo reconcile` do: either all reproduce the live state, or all refuse with a journal_* code.
 * Returns the rebuilt ledger (to go on with), or the refusal.
 */
function readBack(ledger: Ledger, written: LedgerConfig, config: LedgerConfig, cli = true): { ok: true; ledger: Ledger } | { ok: false; code: string; message: string } {
  const live = comparable(ledger.state);
  const replayed = replayJournal(config, ledger.journal);
  for (const format of ['compact', 'objects'] as const) {
    const lines = [...journalNdjsonLines(written, ledger.journal, format)];
    const fromExport = replayExport(lines, format, config);
    expect(fromExport.ok, `${format} export read back as replayJournal does`).toBe(replayed.ok);
    if (fromExport.ok) expect(comparable(fromExport.state)).toEqual(live);
    else if (!replayed.ok) expect(fromExport.code).toBe(replayed.error.code);
    if (cli) {
      // Without the built command line this check was skipped without a word.
      if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx -y pnpm@10 run build)`);
      const out = reconcile(lines, config);
      if (replayed.ok) {
        expect(out.stderr).toBe('');
        expect(out.status).toBe(0);
        expect(JSON.parse(out.stdout)).toEqual({ entries: ledger.journal.length, balances: merchantBalances(ledger.state) });
      } else {
        expect(out.status).toBe(1);
        expect(out.stderr).toContain(replayed.error.code);
      }
    }
  }
  if (!replayed.ok) {
    expect(replayed.error.code).toMatch(/^journal_/);
    return { ok: false, code: replayed.error.code, message: replayed.error.message };
  }
  expect(comparable(replayed.value.state)).toEqual(live);
  return { ok: true, ledger: replayed.value };
}

/** A ledger that moves between configurations by exporting its journal and replaying it under the next one. */
class Switching {
  ledger: Ledger;
  config: LedgerConfig;
  /** Every configuration the journal was checked against after each step. */
  readonly others: readonly LedgerConfig[];
  constructor(config: LedgerConfig, others: readonly LedgerConfig[] = []) {
    const created = createLedger(config);
    if (!created.ok) throw new Error(created.error.message);
    this.ledger = created.value;
    this.config = config;
    this.others = others;
  }
  /** Runs commands that must be accepted; returns the last entry. */
  exec(...commands: Command[]): Entry {
    let last: Entry | undefined;
    for (const command of commands) {
      const result = this.ledger.execute(command);
      if (!result.ok) throw new Error(`${command.op} rejected: ${result.error.code}: ${result.error.message}`);
      last = result.entry;
      for (const other of this.others) readBack(this.ledger, this.config, other, false);
    }
    return last as Entry;
  }
  /** The journal exported and replayed under `config` (it must replay), then continued there. */
  switchTo(config: LedgerConfig): void {
    const back = readBack(this.ledger, this.config, config);
    if (!back.ok) throw new Error(`replay under the next configuration refused: ${back.code}: ${back.message}`);
    this.ledger = back.ledger;
    this.config = config;
  }
  /** The whole journal read back under every configuration, `kanjo reconcile` included. */
  finish(): void {
    for (const other of this.others) readBack(this.ledger, this.config, other);
  }
  posted(merchant: string, currency = 'JPY'): number {
    return postedBalance(this.ledger.state, merchant, currency);
  }
  available(merchant: string, currency = 'JPY'): number {
    return availableBalance(this.ledger.state, merchant, currency);
  }
  settled(): string[] {
    return [...this.ledger.state.settledPeriods].sort();
  }
}

const payout = (merchant: string, amount: number): Row => ({ merchant, type: 'Payout', deposit: 0, debit: amount });
const settledChanges = (entry: Entry) => entry.changes.filter((c) => c.kind === 'payout_period_settled').map((c) => c as Extract<typeof c, { kind: 'payout_period_settled' }>).map((c) => `${c.merchant} ${c.currency} ${c.periodStart}..${c.periodEnd} ${c.amount}`);

const PM2_OFF = variant({ pm2: 'deactivated' });
const PM2_UNAPPROVED = variant({ pm2: 'unapproved' });
const MART_OFF = variant({ mart: 'deactivated' });
const S1_OFF = variant({ s1: 'deactivated' });
const ALL_CONFIGS = [BASE, PM2_OFF, PM2_UNAPPROVED, MART_OFF, S1_OFF];

const SETTINGS_AT = jst('2026-01-05', '09:00');

describe('weekly payouts across a deactivation and a reactivation (replayed under each configuration)', () => {
  it('JPY: pm2 deactivated at the run for W1, reactivated before the run for W2: W2 pays the W1 money, W1 stays unsettled', () => {
    const s = new Switching(BASE, ALL_CONFIGS);
    s.exec(weekly('mart', SETTINGS_AT), weekly('pm1', SETTINGS_AT), weekly('pm2', SETTINGS_AT));
    s.exec(card('G1', jst('2026-01-05'))); // W1: mart 60, pm1 630, pm2 270
    s.switchTo(PM2_OFF);
    const r1 = s.exec(run('2026-01-16'));
    // undecided: a deactivated merchant is skipped by the run and its period stays unsettled
    // (DOMAIN.md says "Deactivated merchants cannot take part in anything", not whether its
    // balance is still paid out); the others are paid (R-PAYOUT).
    expect(settledChanges(r1)).toEqual(['mart JPY 2026-01-03..2026-01-09 60', 'pm1 JPY 2026-01-03..2026-01-09 630']);
    expect(rowsOf(r1)).toEqual([payout('mart', 60), payout('pm1', 630)]);
    expect(s.posted('pm2')).toBe(270);
    s.switchTo(BASE);
    s.exec(card('G2', jst('2026-01-19'))); // W3: mart 60, pm1 630, pm2 270 more
    const r2 = s.exec(run('2026-01-23'));
    // R-PAYOUT: the W2 payout pays what pm2's balance held at the end of W2 (01-16): the 270 of
    // W1, not G2's (after W2). undecided: W1 itself is not settled by this run (a run pays
    // the periods due on its date only); "at most once" holds either way.
    expect(settledChanges(r2)).toEqual(['mart JPY 2026-01-10..2026-01-16 0', 'pm1 JPY 2026-01-10..2026-01-16 0', 'pm2 JPY 2026-01-10..2026-01-16 270']);
    expect(rowsOf(r2)).toEqual([payout('pm2', 270)]);
    // The run of 01-16 repeated now: W1 held 270 at its end, less the 270 paid since: nothing (never twice).
    const r3 = s.exec(run('2026-01-16', jst('2026-01-23', '11:00')));
    expect(settledChanges(r3)).toEqual(['pm2 JPY 2026-01-03..2026-01-09 0']);
    expect(rowsOf(r3)).toEqual([]);
    const r4 = s.exec(run('2026-01-30'));
    expect(settledChanges(r4)).toEqual(['mart JPY 2026-01-17..2026-01-23 60', 'pm1 JPY 2026-01-17..2026-01-23 630', 'pm2 JPY 2026-01-17..2026-01-23 270']);
    expect(merchantBalances(s.ledger.state)).toEqual({ mart: { JPY: 0 }, pm1: { JPY: 0 }, pm2: { JPY: 0 }, plt: {}, s1: {} });
    // Repeating every run pays nothing more.
    for (const date of ['2026-01-16', '2026-01-23', '2026-01-30']) expect(rowsOf(s.exec(run(date, jst('2026-01-30', '12:00'))))).toEqual([]);
    s.finish();
  });

  it('JPY: the skipped period paid late by a repeated run, before the next payout day', () => {
    const s = new Switching(BASE, [BASE, PM2_OFF]);
    s.exec(weekly('pm2', SETTINGS_AT), card('G1', jst('2026-01-05')));
    s.switchTo(PM2_OFF);
    expect(settledChanges(s.exec(run('2026-01-16')))).toEqual([]);
    s.switchTo(BASE);
    s.exec(card('G2', jst('2026-01-16', '12:00'))); // W2: pm2 540
    // The run of 01-16 repeated on 01-17 (W3): W1 held 270.
    const late = s.exec(run('2026-01-16', jst('2026-01-17')));
    expect(settledChanges(late)).toEqual(['pm2 JPY 2026-01-03..2026-01-09 270']);
    // W2 held 540 at its end, less the 270 paid since: 270.
    expect(settledChanges(s.exec(run('2026-01-23')))).toEqual(['pm2 JPY 2026-01-10..2026-01-16 270']);
    expect(s.posted('pm2')).toBe(0);
    s.finish();
  });

  it('JPY: several skipped periods and a minimum carried over', () => {
    const s = new Switching(BASE, [BASE, PM2_OFF]);
    s.exec(weekly('pm2', SETTINGS_AT, 600), card('G1', jst('2026-01-05'))); // W1: pm2 270
    s.switchTo(PM2_OFF);
    expect(settledChanges(s.exec(run('2026-01-16')))).toEqual([]);
    s.switchTo(BASE);
    s.exec(card('G2', jst('2026-01-19'))); // W3: pm2 540
    s.switchTo(PM2_OFF);
    expect(settledChanges(s.exec(run('2026-01-23')))).toEqual([]);
    s.switchTo(BASE);
    // W3 held 540 at its end (01-23): below the minimum of 600: carried over, W3 settled with 0.
    const r3 = s.exec(run('2026-01-30'));
    expect(settledChanges(r3)).toEqual(['pm2 JPY 2026-01-17..2026-01-23 0']);
    expect(rowsOf(r3)).toEqual([]);
    s.exec(card('G3', jst('2026-02-02'))); // W5: pm2 810
    expect(settledChanges(s.exec(run('2026-02-06')))).toEqual(['pm2 JPY 2026-01-24..2026-01-30 0']);
    // W5 (01-31..02-06) held 810: paid whole, the carried 540 with it.
    const r5 = s.exec(run('2026-02-13'));
    expect(settledChanges(r5)).toEqual(['pm2 JPY 2026-01-31..2026-02-06 810']);
    expect(rowsOf(r5)).toEqual([payout('pm2', 810)]);
    expect(s.settled()).toEqual(['pm2 JPY 2026-01-17 2026-01-23', 'pm2 JPY 2026-01-24 2026-01-30', 'pm2 JPY 2026-01-31 2026-02-06']);
    s.finish();
  });

  it('JPY: the platform deactivated at W1, charged back into a negative balance in W2, paid again once positive', () => {
    const s = new Switching(BASE, [BASE, MART_OFF]);
    s.exec(weekly('mart', SETTINGS_AT), weekly('pm1', SETTINGS_AT), card('G1', jst('2026-01-05'))); // mart 60, pm1 630
    s.switchTo(MART_OFF);
    // undecided: a deactivated platform is skipped; its payout merchant is still paid.
    expect(settledChanges(s.exec(run('2026-01-16')))).toEqual(['pm1 JPY 2026-01-03..2026-01-09 630']);
    s.switchTo(BASE);
    s.exec({ op: 'payment.chargeback', payment: 'G1', at: jst('2026-01-16', '11:00') }); // mart 60 − 1,000 = −940
    expect(s.posted('mart')).toBe(-940);
    // The run of 01-16 repeated: W1 held 60, but the available balance is −940: nothing, carried.
    expect(settledChanges(s.exec(run('2026-01-16', jst('2026-01-16', '12:00'))))).toEqual(['mart JPY 2026-01-03..2026-01-09 0']);
    // W3: ¥20,000 {pm1 20,000/19,000}: fee 720 + 72: mart 19,000 − 792 = 18,208 → 17,268.
    s.exec({ op: 'payment.create', id: 'G3', merchant: 'mart', amount: 20_000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 20_000, platformFee: 19_000 }], at: jst('2026-01-19') });
    expect(s.posted('mart')).toBe(17_268);
    // W2 held −940: negative, carried over (though 17,268 is available now).
    expect(settledChanges(s.exec(run('2026-01-23')))).toEqual(['mart JPY 2026-01-10..2026-01-16 0', 'pm1 JPY 2026-01-10..2026-01-16 0']);
    const r = s.exec(run('2026-01-30'));
    expect(rowsOf(r)).toEqual([payout('mart', 17_268), payout('pm1', 1_000)]);
    s.finish();
  });

  it('JPY: pending refund request holds: paid no more than available, then what the released hold frees', () => {
    const s = new Switching(BASE, [BASE, PM2_OFF]);
    s.exec(weekly('mart', SETTINGS_AT), weekly('pm2', SETTINGS_AT));
    // Konbini ¥5,000 {pm1 2,500/250, pm2 2,500/250}: fee 138 + 14: mart 348, pm1 2,250, pm2 2,250.
    s.exec({ op: 'payment.create', id: 'KP', merchant: 'mart', amount: 5_000, currency: 'JPY', paymentType: 'konbini', capture: true, split: [{ submerchantId: 'pm1', amount: 2_500, platformFee: 250 }, { submerchantId: 'pm2', amount: 2_500, platformFee: 250 }], at: jst('2026-01-05') });
    s.exec({ op: 'payment.capture', payment: 'KP', at: jst('2026-01-05', '10:30') }); // the customer paid
    // Q {pm2 100/0} pending: holds pm2 100, mart 0 + 300 + 30.
    s.exec(refundRequest({ id: 'Q', payment: 'KP', amount: 100, split: [{ submerchantId: 'pm2', amount: 100, platformFee: 0 }], at: jst('2026-01-06') }));
    expect([s.available('mart'), s.available('pm2')]).toEqual([18, 2_150]);
    s.switchTo(PM2_OFF);
    expect(settledChanges(s.exec(run('2026-01-16')))).toEqual(['mart JPY 2026-01-03..2026-01-09 18']);
    s.switchTo(BASE);
    // W2: pm2 held 2,250, 2,150 available; mart held 348 − 18 = 330, 0 available.
    expect(settledChanges(s.exec(run('2026-01-23')))).toEqual(['mart JPY 2026-01-10..2026-01-16 0', 'pm2 JPY 2026-01-10..2026-01-16 2150']);
    s.exec({ op: 'refund_request.reject', refundRequest: 'Q', at: jst('2026-01-24') });
    // W3 (ends 01-23): mart held 330, pm2 100; both available now.
    expect(settledChanges(s.exec(run('2026-01-30')))).toEqual(['mart JPY 2026-01-17..2026-01-23 330', 'pm2 JPY 2026-01-17..2026-01-23 100']);
    expect([s.posted('mart'), s.posted('pm2')]).toEqual([0, 0]);
    s.finish();
  });

  it('two skipped weeks paid by one run (holidays move both payout days to 01-26), with a hold: never above the available balance', () => {
    const s = new Switching(BASE, [BASE, PM2_OFF]);
    s.exec(weekly('pm2', SETTINGS_AT));
    // Konbini ¥5,000 {pm1 2,500/250, pm2 2,500/250}, paid: pm2 2,250.
    s.exec({ op: 'payment.create', id: 'KP', merchant: 'mart', amount: 5_000, currency: 'JPY', paymentType: 'konbini', capture: true, split: [{ submerchantId: 'pm1', amount: 2_500, platformFee: 250 }, { submerchantId: 'pm2', amount: 2_500, platformFee: 250 }], at: jst('2026-01-05') });
    s.exec({ op: 'payment.capture', payment: 'KP', at: jst('2026-01-05', '10:30') });
    s.switchTo(PM2_OFF);
    const holidays = ['2026-01-16', '2026-01-19', '2026-01-20', '2026-01-21', '2026-01-22', '2026-01-23'];
    expect(settledChanges(s.exec(run('2026-01-26', jst('2026-01-26'), holidays)))).toEqual([]);
    s.switchTo(BASE);
    s.exec(card('G2', jst('2026-01-26', '11:00'))); // W4: pm2 +270
    s.exec(refundRequest({ id: 'Q', payment: 'KP', amount: 2_000, split: [{ submerchantId: 'pm2', amount: 2_000, platformFee: 0 }], at: jst('2026-01-26', '11:30') })); // holds pm2 2,000
    expect(s.available('pm2')).toBe(520);
    // Repeated: W1 held 2,250 → 520 available: 520; W2 held 2,250 − 520 paid, 0 available: 0.
    const r = s.exec(run('2026-01-26', jst('2026-01-26', '12:00'), holidays));
    expect(settledChanges(r)).toEqual(['pm2 JPY 2026-01-03..2026-01-09 520', 'pm2 JPY 2026-01-10..2026-01-16 0']);
    expect([s.posted('pm2'), s.available('pm2')]).toEqual([2_000, 0]);
    s.finish();
  });

  it('USD monthly, holiday-moved payout day: January skipped while deactivated, paid in February\'s payout', () => {
    const s = new Switching(BASE, [BASE, PM2_OFF]);
    s.exec(monthly('pm2', SETTINGS_AT, 0, 'USD'), card('U1', jst('2026-01-05'), 'USD')); // pm2 270 cents
    s.switchTo(PM2_OFF);
    expect(settledChanges(s.exec(run('2026-02-02')))).toEqual([]); // pays December (Jan 31 is a Saturday)
    expect(settledChanges(s.exec(run('2026-03-02')))).toEqual([]); // pays January (Feb 28 is a Saturday)
    s.switchTo(BASE);
    s.exec(card('U2', jst('2026-03-03'), 'USD')); // March: 270 more
    // 03-31 a holiday: February is paid on 04-01, what pm2 held on 02-28: 270.
    expect(settledChanges(s.exec(run('2026-03-31', jst('2026-03-31'), ['2026-03-31'])))).toEqual([]);
    const r = s.exec(run('2026-04-01', jst('2026-04-01'), ['2026-03-31']));
    expect(settledChanges(r)).toEqual(['pm2 USD 2026-02-01..2026-02-28 270']);
    expect(s.posted('pm2', 'USD')).toBe(270);
    s.finish();
  });

  it('a seller deactivated at the run, reactivated before the next (seller model)', () => {
    const s = new Switching(BASE, [BASE, S1_OFF]);
    s.exec(weekly('plt', SETTINGS_AT, 0, 'JPY', 'plt'), weekly('s1', SETTINGS_AT, 0, 'JPY', 'plt'));
    // ¥50,000, platform_amount 5,000: fee 1,800 + 180 on plt: plt 3,020, s1 45,000.
    s.exec({ op: 'payment.create', id: 'S', merchant: 'plt', as: 's1', amount: 50_000, currency: 'JPY', paymentType: 'credit_card', platformAmount: 5_000, platformMerchant: 'plt', at: jst('2026-01-05') });
    s.switchTo(S1_OFF);
    // undecided: a deactivated seller is skipped (its period stays unsettled); its platform is paid.
    expect(settledChanges(s.exec(run('2026-01-16')))).toEqual(['plt JPY 2026-01-03..2026-01-09 3020']);
    s.switchTo(BASE);
    expect(settledChanges(s.exec(run('2026-01-23')))).toEqual(['plt JPY 2026-01-10..2026-01-16 0', 's1 JPY 2026-01-10..2026-01-16 45000']);
    s.finish();
  });

  it('undecided: a payout merchant that is not approved (live book) is paid', () => {
    const s = new Switching(BASE, [BASE, PM2_UNAPPROVED]);
    s.exec(weekly('pm2', SETTINGS_AT), card('G1', jst('2026-01-05')));
    s.switchTo(PM2_UNAPPROVED);
    expect(rowsOf(s.exec(run('2026-01-16')))).toEqual([payout('pm2', 270)]);
    s.finish();
  });

  it('undecided: a skipped period left open is paid by a later repeated run out of money earned after it (its own was refunded)', () => {
    const s = new Switching(BASE, [BASE, PM2_OFF]);
    s.exec(weekly('pm2', SETTINGS_AT), card('G1', jst('2026-01-05'))); // W1: pm2 270
    s.switchTo(PM2_OFF);
    expect(settledChanges(s.exec(run('2026-01-16')))).toEqual([]);
    s.switchTo(BASE);
    // W3: pm2 gives its 270 back (non-reverse, the platform bears nothing): pm2 0.
    s.exec({ op: 'payment.refund', payment: 'G1', amount: 270, split: [{ submerchantId: 'pm2', amount: 270, platformFee: 0 }], at: jst('2026-01-17') });
    // W2 held 270 at its end, but nothing is available: settled with 0 (R-PAYOUT).
    expect(settledChanges(s.exec(run('2026-01-23')))).toEqual(['pm2 JPY 2026-01-10..2026-01-16 0']);
    s.exec(card('G2', jst('2026-01-26'))); // W4 (01-24..01-30): pm2 270
    // The run of 01-16 repeated on 01-27: W1 held 270 at its end and nothing was paid since;
    // 270 is available (G2's, of a week not ended yet): today it pays 270 for W1. The letter of
    // R-PAYOUT allows it ("what the merchant's balance held at the end of the period it covers,
    // never more than its available balance at the run"); had pm2 been active on 01-16, W1
    // would have been paid then and the refund refused for want of balance.
    expect(settledChanges(s.exec(run('2026-01-16', jst('2026-01-27'))))).toEqual(['pm2 JPY 2026-01-03..2026-01-09 270']);
    // …and W4, which earned that 270, pays nothing: in all, 270 paid of 270 kept.
    expect(settledChanges(s.exec(run('2026-02-06')))).toEqual(['pm2 JPY 2026-01-24..2026-01-30 0']);
    expect(s.posted('pm2')).toBe(0);
    s.finish();
  });

  it('undecided: a run dated before its period ended is accepted while the only merchant due is deactivated, and its key answers that empty run later', () => {
    const s = new Switching(BASE, [BASE, PM2_OFF]);
    s.exec(weekly('pm2', SETTINGS_AT), card('G1', jst('2026-01-05')));
    // Under BASE the same run is refused: W2 ends at 01-17 00:00.
    expect(s.ledger.execute(run('2026-01-23', jst('2026-01-16', '23:00')))).toMatchObject({ ok: false, error: { code: 'settlement_period_not_ended' } });
    s.switchTo(PM2_OFF);
    const early = s.exec({ ...run('2026-01-23', jst('2026-01-16', '23:00')), idempotencyKey: 'run-0123' });
    expect(early.changes).toEqual([]);
    s.switchTo(BASE); // the empty entry replays under BASE too (README: whether a merchant was active is not re-decided)
    // A retry with the key answers the first (empty) result; a run without it pays W2.
    const retried = s.ledger.execute({ ...run('2026-01-23'), idempotencyKey: 'run-0123' });
    expect(retried.ok && retried.entry?.seq).toBe(early.seq);
    expect(s.ledger.journal.length).toBe(early.seq);
    expect(settledChanges(s.exec(run('2026-01-23')))).toEqual(['pm2 JPY 2026-01-10..2026-01-16 270']);
    s.finish();
  });
});

describe('a journal replayed under a configuration that differs: the same state, or a journal_* refusal', () => {
  it('another time zone moves a period end over a payment: refused, naming the payout', () => {
    const s = new Switching(BASE);
    s.exec(weekly('pm2', SETTINGS_AT), card('G1', jst('2026-01-05')));
    s.exec(card('G2', '2026-01-09T20:00:00Z')); // 01-10 05:00 in Japan: W2 there, W1 in UTC
    expect(settledChanges(s.exec(run('2026-01-16')))).toEqual(['pm2 JPY 2026-01-03..2026-01-09 270']);
    for (const timeZone of ['+09:00', '+0900', '+09', '+14:00']) expect(readBack(s.ledger, BASE, { ...BASE, timeZone }).ok).toBe(true);
    for (const timeZone of ['Z', '-05:00']) {
      const back = readBack(s.ledger, BASE, { ...BASE, timeZone });
      expect(back).toMatchObject({ ok: false, code: 'journal_entry_inapplicable' });
      expect(back.ok ? '' : back.message).toBe('entry 4 cannot be applied: payout of 270 JPY to pm2 for the period 2026-01-03 to 2026-01-09, where a run pays 540: the balance held 540 at the period\'s end (less payouts since) and has 540 available');
    }
  });
});
