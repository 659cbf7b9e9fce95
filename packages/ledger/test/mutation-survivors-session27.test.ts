import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JournalReplay, createLedger, hledgerJournalLines, type Command, type Entry, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { replayOutcome, type RawEntry } from './support/raw-journal.js';
import { newLedger } from './support/ledger-harness.js';
import { threeEntries } from './support/three-entries.js';
import { throwingAt } from './support/throwing-at.js';

// Mutation audit of session 27's source changes (git diff 8b12519..522527f -- 'packages/*/src/*'):
// each test here kills a mutant the earlier tests let live. The mutant is named above the test.

describe('a ledger rebuilt without its journal names how many entries it did not keep, "entry" for one alone', () => {
  // Kills ledger.ts and hledger-journal.ts `entriesNotKept === 1 ? 'entry' : 'entries'` →
  // `!== 2` / `< 3` (and the like): the earlier test asked for 1 entry only.
  it.each([
    [1, '1 entry'],
    [2, '2 entries'],
    [3, '3 entries'],
  ])('%i entries replayed with retain false: execute and the hledger export say "%s not kept"', (count, words) => {
    const lean = new JournalReplay(newLedger(), false);
    for (const entry of threeEntries().slice(0, count)) expect(lean.add(entry)).toEqual({ ok: true, value: undefined });
    expect(() => lean.ledger.execute({ op: 'settlement.run', date: '2031-01-01', at: '2031-01-01T00:00:00Z' })).toThrow(
      new Error(`this ledger was rebuilt without its journal (${words} not kept) and cannot execute settlement.run: replay with retain true to go on from it`),
    );
    expect(() => [...hledgerJournalLines(lean.ledger.state)]).toThrow(
      new Error(`this ledger was rebuilt without its journal (${words} not kept): its hledger export would assert balances no transaction gives; replay with retain true to export it`),
    );
  });
});

// A marketplace with 20 payout merchants q01…q20: a capture split among them all in reverse
// order (q20 first), then a settlement run paying them in order (q01 first). Both are entries of
// more than 16 parties, whose slots the money check (merchant-money-misfit.ts) finds through
// its index; in the capture q18 has slot 2, in the settlement q03 does.
const PAYEES = Array.from({ length: 20 }, (_, index) => `q${String(index + 1).padStart(2, '0')}`);
const WIDE: LedgerConfig = {
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
    ...PAYEES.map((id) => ({ id, type: 'payout' as const, platform: 'mart' })),
  ],
};
const REVERSED_SPLIT = [...PAYEES].reverse().map((id, index) => ({ submerchantId: id, amount: 100 + index, platformFee: 10 }));
const WIDE_COMMANDS: readonly Command[] = [
  ...PAYEES.map((id): Command => ({ op: 'payout_settings.update', merchant: 'mart', target: id, currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' })),
  { op: 'payment.create', id: 'p1', merchant: 'mart', amount: REVERSED_SPLIT.reduce((sum, line) => sum + line.amount, 0), currency: 'JPY', paymentType: 'credit_card', capture: true, split: REVERSED_SPLIT, at: '2026-01-05T10:00:00+09:00' },
  { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' },
];
const CAPTURE_SEQ = PAYEES.length + 1;
const SETTLEMENT_SEQ = PAYEES.length + 2;

function wideJournal(): RawEntry[] {
  const made = createLedger(WIDE);
  if (!made.ok) throw new Error(made.error.message);
  for (const command of WIDE_COMMANDS) {
    const result = made.value.execute(command);
    if (!result.ok) throw new Error(result.error.message);
  }
  return JSON.parse(JSON.stringify(made.value.journal)) as RawEntry[];
}

/** Swaps the payouts of `one` and `other` (both postings of each) in `entry`: it still balances. */
function swapPayouts(entry: RawEntry, one: string, other: string): void {
  const postings = entry.postings;
  const of = (merchant: string): number => postings.findIndex((posting) => posting['merchant'] === merchant);
  const [a, b] = [of(one), of(other)];
  for (const offset of [0, 1]) {
    const first = postings[a + offset] as Record<string, unknown>;
    const second = postings[b + offset] as Record<string, unknown>;
    [first['amount'], second['amount']] = [second['amount'], first['amount']];
  }
}

/** A replay into a new wide ledger that has accepted the entries of `journal` before `seq`. */
function replayedBefore(journal: readonly RawEntry[], seq: number): JournalReplay {
  const made = createLedger(WIDE);
  if (!made.ok) throw new Error(made.error.message);
  const replay = new JournalReplay(made.value);
  for (const entry of journal.slice(0, seq - 1)) expect(replay.add(entry as unknown as Entry)).toEqual({ ok: true, value: undefined });
  return replay;
}

/** The wide journal with the settlement's payouts of q03 and q18 swapped. */
function swappedPayouts(): RawEntry[] {
  const journal = wideJournal();
  swapPayouts(journal[SETTLEMENT_SEQ - 1] as RawEntry, 'q03', 'q18');
  return journal;
}

// The money check names the first party whose money is not what the changes say (q03: it is
// paid 92 for 107). Checked before the postings' record types (movementsMisfit), so it is
// this message and not "its postings are not the engine's movements".
const SWAPPED_MESSAGE = `journal_entry_inapplicable: entry ${SETTLEMENT_SEQ} cannot be applied: it moves -92 JPY for q03, but its changes move -107 JPY for it`;

describe("the money check's index of a wide entry is emptied with its lists: a later wide entry's parties are not found in another's slots", () => {
  it('the faithful wide journal is accepted, and the swapped payouts are named by the money check', () => {
    expect(replayOutcome(wideJournal(), WIDE)).toBe('accepted');
    // Kills merchant-money-misfit.ts releaseWideEntry without `slotIndex.clear()`: the
    // capture's index (q18 → slot 2) answered for the settlement, where slot 2 is q03's, so
    // q03's and q18's money was summed in one slot, the swap passed the money check, and the
    // entry was refused only later, by the postings' check, with another message.
    expect(replayOutcome(swappedPayouts(), WIDE)).toBe(SWAPPED_MESSAGE);
  });

  // Kills merchant-money-misfit.ts without the `releaseWideEntry()` at the START of a call (and
  // `used > WALKED_PARTIES + 1` there): a wide check that threw half-way (its entry's getter)
  // left its index, and the next call set `used = 0` over it.
  it("after the wide capture's check threw at any read of its entry, the swapped payouts of a new replay are still named by the money check", () => {
    const plain = wideJournal();
    const counted = { reads: 0 };
    const upToCapture = (): JournalReplay => replayedBefore(plain, CAPTURE_SEQ);
    expect(upToCapture().add(throwingAt(plain[CAPTURE_SEQ - 1] as unknown as Entry, Number.POSITIVE_INFINITY, counted))).toEqual({ ok: true, value: undefined });
    expect(counted.reads).toBeGreaterThan(300);
    const outcomes = new Set<string>();
    for (let n = 1; n <= counted.reads; n += 1) {
      const replay = upToCapture();
      try {
        const added = replay.add(throwingAt(plain[CAPTURE_SEQ - 1] as unknown as Entry, n, { reads: 0 }));
        outcomes.add(added.ok ? 'ok' : added.error.message.includes(`boom ${n}`) ? 'refused naming the throw' : added.error.message);
      } catch (error) {
        outcomes.add((error as Error).message === `boom ${n}` ? 'threw it' : (error as Error).message);
      }
      expect(replayOutcome(swappedPayouts(), WIDE), `after a throw at read ${n}`).toBe(SWAPPED_MESSAGE);
    }
    expect([...outcomes].sort()).toEqual(['refused naming the throw', 'threw it']);
  });
});

// Kills merchant-money-misfit.ts `if (used > WALKED_PARTIES + 1) releaseWideEntry()` at the
// start of a call: a settlement check that threw with exactly 17 slots filled kept its index
// (q01 → 0 … q17 → 16). In a later journal paying q00…q20 (two captures of at most 16 parties
// before it, so no wide check empties the index first) q17 was then found in q16's slot 16.
describe("a settlement check that threw with 17 parties' slots filled leaves no index for the next wide entry", () => {
  const LATER: LedgerConfig = { merchants: [...(WIDE.merchants as LedgerConfig['merchants']), { id: 'q00', type: 'payout', platform: 'mart' }] };
  const LATER_PAYEES = ['q00', ...PAYEES];
  function laterSwapped(): RawEntry[] {
    const made = createLedger(LATER);
    if (!made.ok) throw new Error(made.error.message);
    const commands: Command[] = [
      ...LATER_PAYEES.map((id): Command => ({ op: 'payout_settings.update', merchant: 'mart', target: id, currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' })),
      ...[LATER_PAYEES.slice(0, 11), LATER_PAYEES.slice(11)].map((part, index): Command => {
        const split = part.map((id) => ({ submerchantId: id, amount: 200 + LATER_PAYEES.indexOf(id), platformFee: 10 }));
        return { op: 'payment.create', id: `p${index + 1}`, merchant: 'mart', amount: split.reduce((sum, line) => sum + line.amount, 0), currency: 'JPY', paymentType: 'credit_card', capture: true, split, at: '2026-01-05T10:00:00+09:00' };
      }),
      { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' },
    ];
    for (const command of commands) {
      const result = made.value.execute(command);
      if (!result.ok) throw new Error(result.error.message);
    }
    const journal = JSON.parse(JSON.stringify(made.value.journal)) as RawEntry[];
    swapPayouts(journal[journal.length - 1] as RawEntry, 'q16', 'q17');
    return journal;
  }
  const LATER_MESSAGE = `journal_entry_inapplicable: entry ${LATER_PAYEES.length + 3} cannot be applied: it moves -207 JPY for q16, but its changes move -206 JPY for it`;

  it('at every read of the settlement entry', () => {
    expect(replayOutcome(laterSwapped(), LATER)).toBe(LATER_MESSAGE);
    const plain = wideJournal();
    const upToSettlement = (): JournalReplay => replayedBefore(plain, SETTLEMENT_SEQ);
    const counted = { reads: 0 };
    expect(upToSettlement().add(throwingAt(plain[SETTLEMENT_SEQ - 1] as unknown as Entry, Number.POSITIVE_INFINITY, counted))).toEqual({ ok: true, value: undefined });
    for (let n = 1; n <= counted.reads; n += 1) {
      try {
        upToSettlement().add(throwingAt(plain[SETTLEMENT_SEQ - 1] as unknown as Entry, n, { reads: 0 }));
      } catch {
        // thrown out of the checks: what matters is the next journal's answer
      }
      expect(replayOutcome(laterSwapped(), LATER), `after a throw at read ${n}`).toBe(LATER_MESSAGE);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// What the replay's checks keep between calls (PostingMatcher / EventMatcher `release()` in a
// finally, releaseWideEntry at the END of a wide check) is let go when each check is done, not
// at the next call: the earlier probe (test/smoke/dual-package-retention-probe.mjs) always
// replays a small journal last, which resets every matcher and list, and so let these live.

const PROBE = fileURLToPath(new URL('./support/last-check-retention-probe.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/index.js', import.meta.url));

function lastCheckRetains(mode: 'held' | 'dropped', size: number): unknown {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: build first (npx -y pnpm@10 run build)`);
  const run = spawnSync(process.execPath, [PROBE, mode, String(size)], { encoding: 'utf8', timeout: 120_000 });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  return JSON.parse(run.stdout) as unknown;
}

describe('the merchant ids of the last journal replayed are let go with it, though no check runs after it (built package)', () => {
  it('control: the probe counts the ids of a replayed ledger the process still holds', () => {
    expect(lastCheckRetains('held', 20)).toEqual({ ids: 20, held: 1 });
  });

  // Kills each of: movements-misfit.ts without `matcher.release()` (the settlement's postings),
  // events-misfit.ts without `events.release()` (its settlement.created events), payment-
  // lifecycle-problem.ts capturePlanMisfitReleasing without `captureMatcher.release()` (the
  // capture's postings), PostingMatcher.release / EventMatcher.release keeping `#postings` /
  // `#events`, and merchant-money-misfit.ts without the releaseWideEntry at the END of a call,
  // or a releaseWideEntry that keeps the index or the lists (each kept all 20 ids).
  it('20 payout merchants: a capture split among them and a settlement paying them, replayed and dropped: none of their ids is kept', () => {
    expect(lastCheckRetains('dropped', 20)).toEqual({ ids: 0, held: 0 });
  });

  // Kills the end release as `used > WALKED_PARTIES + 1`: an entry of exactly 17 parties (one
  // past the walked 16) is wide, and is let go too.
  it('17 payout merchants (one past the 16 the money check walks): none of their ids is kept', () => {
    expect(lastCheckRetains('dropped', 17)).toEqual({ ids: 0, held: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// The replay guard's key on globalThis (replay-in-progress.ts). README "The journal": "Where
// `globalThis` takes no new property … or that key holds something else, each copy keeps a
// guard of its own": Kanjo neither uses nor changes what another hand put there.

const GUARD_PROBE = fileURLToPath(new URL('./support/guard-key-probe.mjs', import.meta.url));

function guardProbe(setup: string): unknown {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: build first (npx -y pnpm@10 run build)`);
  const run = spawnSync(process.execPath, [GUARD_PROBE, setup], { encoding: 'utf8', timeout: 60_000 });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  return JSON.parse(run.stdout) as unknown;
}

const EXECUTE_REFUSED = 'threw Error: execute was called on a ledger a Journal';
const WORKS = { executed: 'ok', plainAdd: 'ok', inner: EXECUTE_REFUSED, outer: EXECUTE_REFUSED, seqs: [] };

describe("the replay guard's registered key on globalThis (built package, a fresh Node each)", () => {
  // Kills sharedHolder's defineProperty with writable true, enumerable true or configurable
  // false: the holder is read-only (a plain assignment cannot swap it under the copies that
  // took it), out of enumerations (Object.assign / a spread of globalThis), and deletable.
  it('nothing there before: Kanjo puts a read-only, non-enumerable, configurable holder there, at rest after the adds', () => {
    expect(guardProbe('none')).toEqual({ ...WORKS, key: { descriptor: { value: 'object', writable: false, enumerable: false, configurable: true }, running: 'undefined' } });
  });

  // Kills sharedHolder without `found === undefined` (it replaced the stranger with its holder).
  it('a string there: it stays, and the guard still works', () => {
    expect(guardProbe('aString')).toEqual({ ...WORKS, key: { same: true, running: 'n/a' } });
  });

  // Kills isHolder accepting any object, or any `running` (`return true`): Kanjo took the
  // stranger's object as its holder and wrote its adds over `running`.
  it("an object whose `running` is a string there: no holder, so its `running` is left as it was", () => {
    expect(guardProbe('runningString')).toEqual({ ...WORKS, key: { same: true, running: true } });
  });

  // Kills asRunningAdd without its `typeof state === 'object'` test: a record no add made was
  // taken as an add running, and every add and execute refused as nested in it.
  it('an object whose `running` is {} or has a string `state` there: execute and add work', () => {
    expect(guardProbe('runningEmptyObject')).toEqual({ ...WORKS, key: { same: true, running: true } });
    expect(guardProbe('runningStateString')).toEqual({ ...WORKS, key: { same: true, running: true } });
  });

  // Kills isHolder without `running.writable !== true`: a holder whose read-only `running` is a
  // writable add-like record was taken, so every add was refused as nested in that record.
  it('an object whose read-only `running` is an add-like record there: no holder, execute and add work', () => {
    expect(guardProbe('runningReadOnlyRecord')).toEqual({ ...WORKS, key: { same: true, running: true } });
  });

  // Kills beginAdd without the try around `shared.running = add`: once other code froze the
  // holder, every add threw a TypeError; this copy's own holder still guards.
  it('the holder frozen by other code after Kanjo loaded: execute and add work, and the nested execute is still refused', () => {
    expect(guardProbe('holderFrozenAfterLoad')).toEqual({ ...WORKS, key: { descriptor: { value: 'object', writable: false, enumerable: false, configurable: true }, running: 'undefined' } });
  });

  // Kills refuse() without the try around `add.misuse ??= message`: the nested execute threw
  // "TypeError: Cannot assign to read only property" instead of the misuse. (The add it
  // came from cannot be told of it, as replay-in-progress.ts says and README "The journal" documents:
  // it folds the entry, so the rebuilt journal holds seq 1.)
  it("the running add's record frozen by the entry's getter before it executes: that execute is still refused with the misuse, and the add folds its entry", () => {
    expect(guardProbe('recordFrozenInGetter')).toMatchObject({ executed: 'ok', plainAdd: 'ok', inner: EXECUTE_REFUSED, outer: 'ok', seqs: [1] });
  });
});

// Kills push-movement.ts `merchantAccounts` making a new MerchantAccounts on each call (no
// WeakMap), and `MerchantAccounts.of` not remembering its refs: each capture (each posting)
// then held an account string of its own, where push-movement.ts says "a journal of a million
// entries then holds one account string per merchant, not one per posting" (README's heap per
// posting is measured so).
describe("a ledger's postings share one account string per merchant (built package)", () => {
  it('100 captures on one payout merchant: one string of its account name in the heap, for 1000 postings', () => {
    if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: build first (npx -y pnpm@10 run build)`);
    const run = spawnSync(process.execPath, [fileURLToPath(new URL('./support/account-strings-probe.mjs', import.meta.url)), '100'], { encoding: 'utf8', timeout: 120_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ copies: 1, postings: 1000 });
  });
});
