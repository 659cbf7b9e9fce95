import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { merchantBalances, parseJournalEntry, replayJournal, type Entry, type LedgerConfig } from '@kanjo/ledger';
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

  // Written by Kanjo at 7b89b0b, before c9f3594 held a split to the payout merchants' own
  // payment_types: a PayPay payment split to pm3, which accepts only cards. DOMAIN.md forbids
  // it, so the README lists it among the journals refused.
  it('a split to a payout merchant that does not accept the payment type, before c9f3594: refused', () => {
    const path = fileURLToPath(new URL('journals/split-to-merchant-not-accepting-type-v0.ndjson', import.meta.url));
    const { status, stdout, stderr } = kanjo(['reconcile', path]);
    expect({ status, stdout, stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: 'kanjo: reconciliation failed: journal_entry_inapplicable: line 2: entry 1 cannot be applied: payment pp split to pm3, which does not accept paypay (payment_type_not_accepted)\n',
    });
  });

  // Written by Kanjo at 2449708, before 841ebbb refused a customer name whose only kana letters
  // are half-width long vowel marks: the Konbini refund request example with customer_name
  // "ｰｰｰ". Review 205 found the refusal missing from the README's list of journals refused.
  it('a refund request whose customer name is half-width long vowel marks only, before 841ebbb: refused, naming the rule', () => {
    const path = fileURLToPath(new URL('journals/customer-name-long-vowel-marks-only-v2.ndjson', import.meta.url));
    const { status, stdout, stderr } = kanjo(['reconcile', path]);
    expect({ status, stdout, stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: "kanjo: reconciliation failed: journal_entry_inapplicable: line 5: entry 4 cannot be applied: refund request rq has a bank account the engine refuses: bank_account_customer_name_invalid: customer_name must be the account holder's name in katakana (full-width or half-width, with spaces), with at least one kana letter (long vowel, iteration and voicing marks, middle dots and double hyphens alone name nobody), at most 255 characters, e.g. ヤマダタロウ\n",
    });
  });

  // Written by Kanjo at 7b89b0b, whose settlement run with nobody due appended no entry
  // (0becb5b made every accepted command append one): a ¥10,000 card payment to pm1, a run of
  // 2026-04-03 with key run-0403 that paid nobody (pm1 had no payout settings), then pm1's
  // weekly settings. The run's key is not in the journal, so a ledger rebuilt from it takes a
  // retry of that run as a new run and pays pm1: the README's "What it cannot check".
  it('a settlement run with nobody due, before 0becb5b, left no key: its retry on the rebuilt ledger pays', () => {
    const path = fileURLToPath(new URL('journals/settlement-run-without-entry-v0.ndjson', import.meta.url));
    const [header, ...lines] = readFileSync(path, 'utf8').split('\n').filter((line) => line !== '');
    const config = (JSON.parse(header as string) as { config: LedgerConfig }).config;
    const entries = lines.map((line, index) => {
      const parsed = parseJournalEntry(JSON.parse(line), index + 2);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    });
    expect(entries.map((entry: Entry) => entry.command.op)).toEqual(['payment.create', 'payout_settings.update']);
    const rebuilt = replayJournal(config, entries);
    if (!rebuilt.ok) throw new Error(rebuilt.error.message);
    const retry = rebuilt.value.execute({ op: 'settlement.run', at: '2026-04-03T12:00:00+09:00', date: '2026-04-03', idempotencyKey: 'run-0403' });
    expect(retry.ok && !retry.replayed).toBe(true);
    expect(merchantBalances(rebuilt.value.state)).toEqual({ mart: { JPY: 604 }, pm1: { JPY: 0 } });
  });
});
