import { createLedger, replayJournal, type Command, type Entry, type LedgerConfig } from '@kanjo/ledger';
import { expect, it } from 'vitest';

// Review of 2026-12-01's changes (064fb44..eb8a42f).

const config: LedgerConfig = { merchants: [
  { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '0%' } } },
  { id: 'pm1', type: 'payout', platform: 'mart' } ] };
const pay = (id: string, amount: number): Command => ({ op: 'payment.create', id, merchant: 'mart', amount, currency: 'USD', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount, platformFee: 0 }] });

/** The entry a fresh ledger writes for the command, renumbered. */
function entryOf(command: Command, seq: number): Entry {
  const created = createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  const result = created.value.execute(command);
  if (!result.ok) throw new Error(result.error.message);
  return { ...result.entry, seq };
}

it('a journal whose entries take a balance past MAX_SAFE_INTEGER does not replay: the engine refuses that entry (balance_overflow)', () => {
  // README "reconcile": "Every entry must be one the engine could have written"; the engine
  // refuses the second payment with balance_overflow (DOMAIN.md "Money": an amount whose sum
  // overflows is rejected). The replay accepted it with pm1's balance rounded to 2^53 + 8e15,
  // and `kanjo reconcile --format table` then stopped with "internal error (please report):
  // decimalAmount: minor units must be a safe integer" (exit 70) since decimalAmount throws.
  const replayed = replayJournal(config, [entryOf(pay('a', 9_000_000_000_000_000), 1), entryOf(pay('b', 9_000_000_000_000_000), 2)]);
  expect(replayed.ok ? 'replayed' : replayed.error).toEqual({
    code: 'journal_entry_inapplicable',
    message: "entry 2 cannot be applied: this would take pm1's USD balance to 180000000000000.00 USD, beyond the 9007199254740991 minor units Kanjo counts exactly (balance_overflow)",
  });
});

it('one unit past the limit is refused too, and a balance exactly at it replays', () => {
  const atLimit = replayJournal(config, [entryOf(pay('a', Number.MAX_SAFE_INTEGER - 1), 1), entryOf(pay('b', 1), 2)]);
  expect(atLimit.ok).toBe(true);
  const past = replayJournal(config, [entryOf(pay('a', Number.MAX_SAFE_INTEGER), 1), entryOf(pay('b', 1), 2)]);
  expect(past.ok ? 'replayed' : past.error.code).toBe('journal_entry_inapplicable');
});
