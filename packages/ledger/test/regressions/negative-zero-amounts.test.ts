import { replayJournal } from '@kanjo/ledger';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// Review 175: a -0 amount from code (0 * -1) was kept as it came. The live state held -0 where
// the replay of its journal (JSON writes -0 as 0) holds 0, so "replaying the journal gives the
// live state" failed under isDeepStrictEqual and vitest's toEqual. Amounts are now read as 0.

describe('a -0 amount from code is read as 0', () => {
  it('in a split line and a platform amount: the live state equals its replay, strictly', () => {
    const payment = goldenPayment('pay_1', {
      split: [
        { submerchantId: 'pm1', amount: 700, platformFee: -0 },
        { submerchantId: 'pm2', amount: 300, platformFee: 30 },
      ],
    });
    const live = ledgerAfter([payment]);
    const captured = live.state.payments.get('pay_1');
    expect(Object.is(captured?.split?.[0]?.platformFee, 0)).toBe(true);
    const replayed = replayJournal(CONFIG, JSON.parse(JSON.stringify(live.journal)) as typeof live.journal);
    if (!replayed.ok) throw new Error(replayed.error.message);
    expect(isDeepStrictEqual(replayed.value.state.payments, live.state.payments)).toBe(true);
  });

  it('leaves the caller\'s command as it was', () => {
    const line = { submerchantId: 'pm1', amount: 1000, platformFee: -0 };
    ledgerAfter([goldenPayment('pay_1', { split: [line] })]);
    expect(Object.is(line.platformFee, -0)).toBe(true);
  });
});
