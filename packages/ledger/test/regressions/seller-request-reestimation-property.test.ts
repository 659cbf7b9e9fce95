import { availableBalance, parseJournalEntry, CompactEntryDecoder, JournalReplay, createLedger, journalNdjsonLines, replayJournal, type Command, type Ledger, type LedgerStateView } from '@kanjo/ledger';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { merchantBalances } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, refundRequest, sellerPayment } from '../support/fixtures.js';
import { accepted, newLedger, stateSnapshot } from '../support/ledger-harness.js';

// Issue 5 review: random sequences of seller-model refund requests (made, completed, rejected
// in any order) on a Konbini payment, checked after every command against DOMAIN.md
// "Proportional refunds and rounding" (cumulative platform part = round-half-up(R × p / A)),
// the holds (each pending request holds exactly what its parts and fees cost, never below 0,
// nothing once none is pending), available balances (never below 0), rejected commands
// (change nothing) and replay / compact NDJSON round trip (equal to the live state).

/** round-half-up(r × p / a) in exact integer arithmetic. */
function curve(a: number, p: number, r: number): number {
  const num = BigInt(r) * BigInt(p) * 2n + BigInt(a);
  return Number(num / (2n * BigInt(a)));
}

type Op =
  | { readonly kind: 'request'; readonly payment: number; readonly amount: number | undefined; readonly fee: boolean }
  | { readonly kind: 'complete'; readonly pick: number }
  | { readonly kind: 'reject'; readonly pick: number }
  | { readonly kind: 'drain'; readonly who: 'plt' | 's1'; readonly keep: number }
  | { readonly kind: 'refund'; readonly amount: number };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('request' as const), payment: fc.constantFrom(0, 0, 0, 1), amount: fc.option(fc.oneof(fc.constantFrom(7, 5, 15, 25, 1, 2, 3, 17, 35), fc.integer({ min: 1, max: 60 })), { freq: 15, nil: undefined }), fee: fc.constantFrom(false, false, false, false, false, true) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('complete' as const), pick: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reject' as const), pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refund' as const), amount: fc.oneof(fc.constantFrom(7, 5, 15, 1), fc.integer({ min: 1, max: 3_000 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('drain' as const), who: fc.constantFrom('plt' as const, 's1' as const), keep: fc.nat(400) }) },
);

function pendingIds(state: LedgerStateView): string[] {
  return [...state.refundRequests.values()].filter((request) => request.status === 'pending').map((request) => request.id);
}

function checkInvariants(ledger: Ledger, payments: readonly { id: string; amount: number; platformAmount: number }[]): void {
  const state = ledger.state;
  const expectedHolds = new Map<string, number>();
  for (const { id, amount, platformAmount } of payments) {
    const payment = state.payments.get(id);
    if (payment === undefined) continue;
    // Completed refunds on the curve.
    const refundedPlatform = payment.refunded.platform;
    const refundedSeller = payment.refunded.submerchants[0]?.amount ?? 0;
    expect(refundedPlatform + refundedSeller, `${id} refunded parts add up`).toBe(payment.refundedAmount);
    expect(refundedPlatform, `${id} completed platform part after ${payment.refundedAmount}`).toBe(curve(amount, platformAmount, payment.refundedAmount));
    // Pending requests, in the order made, on the curve after the completed ones.
    let r = payment.refundedAmount;
    let given = refundedPlatform;
    let pendingPlatform = 0;
    let pendingSeller = 0;
    for (const requestId of state.pendingRefundRequests.get(id) ?? []) {
      const request = state.refundRequests.get(requestId)!;
      expect(request.status).toBe('pending');
      r += request.amount;
      const target = curve(amount, platformAmount, r) - given;
      expect(request.parts.platform, `${requestId} estimate`).toBe(target);
      expect(request.parts.submerchants[0]?.amount, `${requestId} seller estimate`).toBe(request.amount - target);
      given += target;
      pendingPlatform += request.parts.platform;
      pendingSeller += request.parts.submerchants[0]?.amount ?? 0;
      const fees = request.refundFee.fee.amount + request.refundFee.tax.amount + (request.refundedCustomerFee === undefined ? 0 : request.refundedCustomerFee.fee.amount + request.refundedCustomerFee.tax.amount);
      const holds = new Map(request.holds.map((hold) => [hold.merchant, hold.amount]));
      expect(holds.get('plt') ?? 0, `${requestId} platform hold`).toBe(request.parts.platform + fees);
      expect(holds.get('s1') ?? 0, `${requestId} seller hold`).toBe(request.amount - target);
      for (const hold of request.holds) expectedHolds.set(hold.merchant, (expectedHolds.get(hold.merchant) ?? 0) + hold.amount);
    }
    expect(payment.pendingRefundAmount).toBe(r - payment.refundedAmount);
    expect(payment.pending.platform).toBe(pendingPlatform);
    expect(payment.pending.submerchants[0]?.amount ?? 0).toBe(pendingSeller);
  }
  for (const merchant of ['plt', 's1']) {
    const held = state.holds.get(merchant)?.get('JPY') ?? 0;
    expect(held, `${merchant} held`).toBe(expectedHolds.get(merchant) ?? 0);
    expect(held, `${merchant} held`).toBeGreaterThanOrEqual(0);
    expect(availableBalance(state, merchant, 'JPY'), `${merchant} available`).toBeGreaterThanOrEqual(0);
  }
  if (pendingIds(state).length === 0) {
    expect(state.holds.get('plt')?.get('JPY') ?? 0).toBe(0);
    expect(state.holds.get('s1')?.get('JPY') ?? 0).toBe(0);
  }
}

function comparable(state: LedgerStateView): unknown {
  const snapshot = stateSnapshot(state) as Record<string, unknown>;
  return { ...snapshot, pendingRefundRequests: structuredClone(state.pendingRefundRequests), lastAtText: state.lastAtText };
}

function objectsRoundTrip(ledger: Ledger): LedgerStateView {
  const lines = [...journalNdjsonLines(CONFIG, ledger.journal, 'objects')];
  const created = createLedger(JSON.parse(lines[0]!).config);
  if (!created.ok) throw new Error(created.error.message);
  const replay = new JournalReplay(created.value);
  lines.slice(1).forEach((line, index) => {
    const entry = parseJournalEntry(JSON.parse(line), index + 2);
    if (!entry.ok) throw new Error(entry.error.message);
    const added = replay.add(entry.value);
    if (!added.ok) throw new Error(added.error.message);
  });
  return created.value.state;
}

const stats = { reestimates: 0, completionsWithReestimate: 0, rejectionsWithReestimate: 0, insufficient: 0, ops: {} as Record<string, number> };

function compactRoundTrip(ledger: Ledger): LedgerStateView {
  const lines = [...journalNdjsonLines(CONFIG, ledger.journal, 'compact')];
  const header = JSON.parse(lines[0]!);
  const decoder = CompactEntryDecoder.fromHeader(header);
  if (!decoder.ok) throw new Error(decoder.error.message);
  const created = createLedger(decoder.value.config);
  if (!created.ok) throw new Error(created.error.message);
  const replay = new JournalReplay(created.value);
  lines.slice(1).forEach((line, index) => {
    const entry = decoder.value.decoder.decodeText(line.trimEnd(), index + 2);
    if (!entry.ok) throw new Error(entry.error.message);
    const added = replay.add(entry.value);
    if (!added.ok) throw new Error(added.error.message);
  });
  return created.value.state;
}

describe('seller-model refund requests re-estimated in any order of completions and rejections (issue 5 review)', () => {
  it('property: completed and pending parts stay on the cumulative curve, holds match, nothing overdrawn, rejections change nothing, replay and compact export equal live', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom([50_000, 5_000], [100, 50], [30, 10], [7, 3], [1_000, 333], [999, 1], [300, 150]),
          fc.integer({ min: 1, max: 400 }).chain((amount) => fc.tuple(fc.constant(amount), fc.integer({ min: 0, max: amount }))),
        ),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.option(fc.integer({ min: 0, max: 400 }), { freq: 4, nil: undefined }),
        fc.array(opArbitrary, { minLength: 1, maxLength: 40, size: 'max' }),
        ([amountA, platformA], amountB, platformB, restated, ops) => {
          const payments = [
            { id: 'pa', amount: amountA, platformAmount: Math.min(platformA, amountA) },
            { id: 'pb', amount: amountB, platformAmount: Math.min(platformB, amountB) },
          ];
          const restatedA = restated === undefined ? undefined : Math.min(restated, amountA);
          const ledger = newLedger();
          // Something for the platform to pay refund fees from.
          accepted(ledger, sellerPayment('funds', { amount: 50_000, platformAmount: 20_000 }));
          for (const payment of payments) {
            // A restated platform amount needs a two-step payment (capture: false): one created with
            // capture: true keeps its platform amount (split_fixed_at_creation).
            const restating = payment.id === 'pa' && restatedA !== undefined;
            accepted(ledger, sellerPayment(payment.id, { paymentType: 'konbini', amount: payment.amount, platformAmount: payment.platformAmount, ...(restating ? { capture: false } : {}) }));
            if (restating) {
              accepted(ledger, { op: 'payment.capture', payment: payment.id, platformAmount: restatedA });
              payment.platformAmount = restatedA;
            } else accepted(ledger, { op: 'payment.capture', payment: payment.id });
          }
          let next = 0;
          for (const op of ops) {
            let command: Command;
            if (op.kind === 'request') {
              command = refundRequest({ id: `r${next++}`, payment: payments[op.payment]!.id, ...(op.amount === undefined ? {} : { amount: op.amount }), includePaymentMethodFee: op.fee });
            } else if (op.kind === 'refund') {
              command = { op: 'payment.refund', payment: 'funds', amount: op.amount };
            } else if (op.kind === 'drain') {
              const free = availableBalance(ledger.state, op.who, 'JPY') - op.keep;
              if (free <= 0) continue;
              command = op.who === 'plt'
                ? { op: 'balance.transfer', merchant: 'plt', from: 'plt', to: 's2', amount: free, currency: 'JPY' }
                : { op: 'balance.transfer', merchant: 'plt', from: 's1', to: 'plt', amount: free, currency: 'JPY' };
            } else {
              // Mostly a pending request (any of them), now and then a settled one.
              const all = op.pick % 7 === 0 ? [...ledger.state.refundRequests.keys()] : pendingIds(ledger.state);
              if (op.pick % 7 !== 0 && all.length > 1 && op.pick % 3 !== 0) all.shift(); // out of order
              if (all.length === 0) continue;
              const id = all[op.pick % all.length]!;
              command = { op: op.kind === 'complete' ? 'refund_request.complete' : 'refund_request.reject', refundRequest: id };
            }
            const before = stateSnapshot(ledger.state);
            const availableBefore = { plt: availableBalance(ledger.state, 'plt', 'JPY'), s1: availableBalance(ledger.state, 's1', 'JPY') };
            const result = ledger.execute(command);
            const key = `${command.op} ${result.ok ? 'ok' : result.error.code}`;
            stats.ops[key] = (stats.ops[key] ?? 0) + 1;
            if (!result.ok) {
              if (result.error.code === 'insufficient_balance') stats.insufficient += 1;
              expect(stateSnapshot(ledger.state), `${command.op} rejected (${result.error.code}) changed nothing`).toEqual(before);
            } else {
              const reestimates = result.entry.changes.filter((change) => change.kind === 'refund_request_reestimated').length;
              stats.reestimates += reestimates;
              const availableAfter = { plt: availableBalance(ledger.state, 'plt', 'JPY'), s1: availableBalance(ledger.state, 's1', 'JPY') };
              if (command.op === 'refund_request.complete') {
                if (reestimates > 0) stats.completionsWithReestimate += 1;
                expect(availableAfter, 'a completion leaves every available balance as it was').toEqual(availableBefore);
              }
              if (command.op === 'refund_request.reject') {
                if (reestimates > 0) stats.rejectionsWithReestimate += 1;
                expect(availableAfter.plt, 'a rejection never lowers an available balance').toBeGreaterThanOrEqual(availableBefore.plt);
                expect(availableAfter.s1, 'a rejection never lowers an available balance').toBeGreaterThanOrEqual(availableBefore.s1);
              }
            }
            checkInvariants(ledger, [...payments, { id: 'funds', amount: 50_000, platformAmount: 20_000 }]);
          }
          const replayed = replayJournal(CONFIG, ledger.journal);
          if (!replayed.ok) throw new Error(replayed.error.message);
          expect(comparable(replayed.value.state)).toEqual(comparable(ledger.state));
          const compact = compactRoundTrip(ledger);
          expect(comparable(compact)).toEqual(comparable(ledger.state));
          expect(comparable(objectsRoundTrip(ledger))).toEqual(comparable(ledger.state));
        },
      ),
      { numRuns: 300 },
    );
    // The runs did exercise re-estimation (measured 10-40 re-estimating entries in 800 runs of up
    // to 12 ops; 29 settlements that re-estimated in 300 runs of up to 40);
    // the property below aims at it directly.
    expect(stats.completionsWithReestimate + stats.rejectionsWithReestimate).toBeGreaterThan(3);
    expect(stats.insufficient).toBeGreaterThan(0);
  });

  it('property: several pending requests whose amounts round up alone but not together, settled in any order (complete or reject): on the curve, holds exact, and `kanjo reconcile` of the compact export gives the live balances', () => {
    const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
    // Without the built command line the `kanjo reconcile` check was skipped without a word.
    if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (npx -y pnpm@10 run build)`);
    const work = mkdtempSync(join(tmpdir(), 'kanjo-review-'));
    let reestimated = 0;
    let run = 0;
    fc.assert(
      fc.property(
        fc.constantFrom([50_000, 5_000], [1_000, 333], [100, 50], [999, 1], [7, 3]),
        fc.array(fc.oneof(fc.constantFrom(5, 6, 7, 8, 9, 15, 17, 25), fc.integer({ min: 1, max: 40 })), { minLength: 2, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(10), fc.boolean(), fc.nat(40)), { minLength: 1, maxLength: 12 }),
        ([amount, platformAmount], requests, settles) => {
          const ledger = newLedger();
          accepted(ledger, sellerPayment('funds', { amount: 50_000, platformAmount: 20_000 }));
          accepted(ledger, sellerPayment('pk', { paymentType: 'konbini', amount, platformAmount }));
          accepted(ledger, { op: 'payment.capture', payment: 'pk' });
          const payments = [{ id: 'pk', amount, platformAmount }];
          let next = 0;
          const make = (size: number): void => {
            const result = ledger.execute(refundRequest({ id: `q${next++}`, payment: 'pk', amount: size }));
            if (result.ok) checkInvariants(ledger, payments);
          };
          for (const size of requests) make(size);
          for (const [pick, complete, more] of settles) {
            const pending = pendingIds(ledger.state);
            if (pending.length === 0) break;
            const id = pending[pick % pending.length]!;
            const availableBefore = { plt: availableBalance(ledger.state, 'plt', 'JPY'), s1: availableBalance(ledger.state, 's1', 'JPY') };
            const entry = accepted(ledger, { op: complete ? 'refund_request.complete' : 'refund_request.reject', refundRequest: id }).entry;
            reestimated += entry.changes.filter((change) => change.kind === 'refund_request_reestimated').length;
            const availableAfter = { plt: availableBalance(ledger.state, 'plt', 'JPY'), s1: availableBalance(ledger.state, 's1', 'JPY') };
            if (complete) expect(availableAfter).toEqual(availableBefore);
            checkInvariants(ledger, payments);
            if (more > 30) make(more - 30);
          }
          const replayed = replayJournal(CONFIG, ledger.journal);
          if (!replayed.ok) throw new Error(replayed.error.message);
          expect(comparable(replayed.value.state)).toEqual(comparable(ledger.state));
          expect(comparable(compactRoundTrip(ledger))).toEqual(comparable(ledger.state));
          if (run++ % 10 === 0) {
            const path = join(work, `journal-${run}.ndjson`);
            writeFileSync(path, [...journalNdjsonLines(CONFIG, ledger.journal)].join(''));
            const out = spawnSync(process.execPath, [cli, 'reconcile', path, '--format', 'json'], { encoding: 'utf8' });
            expect(out.stderr).toBe('');
            expect(JSON.parse(out.stdout)).toEqual({ entries: ledger.journal.length, balances: merchantBalances(ledger.state) });
          }
        },
      ),
      { numRuns: 300 },
    );
    // Its journals are only read back once each: a run leaves no folder behind in /tmp.
    rmSync(work, { recursive: true, force: true });
    expect(reestimated).toBeGreaterThan(50);
  });
});
