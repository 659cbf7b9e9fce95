import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';

// Journals written by earlier Kanjo versions must still reconcile: the objects format
// (kanjo_journal 1) is read "as earlier versions wrote it" (README).
describe('kanjo reconcile on journals of earlier versions', () => {
  // Written by Kanjo at 7d6f2db, before seller-model refund requests completed on the curve of
  // completed refunds (eca5b54): a ¥50,000 Konbini payment (platform_amount 5,000), two ¥7
  // requests, r1 completed first with its estimate {platform 0, seller 7}, then r0 rejected.
  // Today's engine would give {platform 1, seller 6}; the estimate the old engine posted is
  // still a completion the engine once wrote.
  it('a seller-model request completed with its estimate, as Kanjo before eca5b54 did', () => {
    const path = fileURLToPath(new URL('journals/seller-request-estimate-v1.ndjson', import.meta.url));
    const { status, stdout, stderr } = kanjo(['reconcile', path, '--format', 'json']);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({ entries: 6, balances: { plt: { JPY: 3157 }, s1: { JPY: 44993 } } });
  });

  // Written by Kanjo at f733078^, before payments said `platformAmountFixed`: a seller-model
  // session of capture auto completed with a ¥4,000 Konbini payment (platform_amount 400, fixed
  // by the session), and an API Konbini payment k2 (capture: true, platform_amount 100, which
  // that version did not mark fixed). Neither is paid yet, so no money has moved.
  it('a seller-model session payment whose platform amount its session fixed, before f733078', () => {
    const path = fileURLToPath(new URL('journals/seller-session-fixed-platform-amount-v1.ndjson', import.meta.url));
    const { status, stdout, stderr } = kanjo(['reconcile', path, '--format', 'json']);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({ entries: 3, balances: { plat: {}, s1: {} } });
  });
});
