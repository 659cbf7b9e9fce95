import type { Command, Entry } from '@kanjo/ledger';
import { goldenPayment } from './fixtures.js';
import { newLedger } from './ledger-harness.js';

/**
 * A small journal for the re-entrancy reviews, and entries whose reading runs caller code:
 * what the session-26 review, its second round and the mutation audit each wrote out alike.
 */

/** A transfer pm1 → mart of 10 on the golden payment's day. */
export const TRANSFER = { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 10, currency: 'JPY', at: '2026-04-01T10:00:00Z' } as const satisfies Command;

/** A payment, then transfers pm1 → mart of 10 and 7: three entries, as plain data. */
export function threeEntries(): Entry[] {
  const live = newLedger();
  live.execute({ ...goldenPayment('pay_1'), at: '2026-04-01T10:00:00Z' });
  live.execute(TRANSFER);
  live.execute({ ...TRANSFER, amount: 7 });
  return JSON.parse(JSON.stringify(live.journal)) as Entry[];
}

/**
 * `entry` (copied) with its top-level `field` a getter that runs `fire` on its `fireAt`-th read
 * and answers the same value every time (README "replayJournal": the getter's answers do not
 * change, only its side effect runs). `fired()` tells whether the read happened at all.
 */
export function entryFiringAt(entry: Entry, field: keyof Entry, fireAt: number, fire: () => void): { entry: Entry; fired: () => boolean } {
  const copy = structuredClone(entry) as unknown as Record<string, unknown>;
  const value = copy[field];
  let reads = 0;
  Object.defineProperty(copy, field, {
    enumerable: true,
    get: () => {
      reads += 1;
      if (reads === fireAt) fire();
      return value;
    },
  });
  return { entry: copy as unknown as Entry, fired: () => reads >= fireAt };
}

/** Every field of an entry a getter can sit on. */
export const ENTRY_FIELDS: readonly (keyof Entry)[] = ['seq', 'at', 'command', 'payment', 'changes', 'postings', 'events'];
