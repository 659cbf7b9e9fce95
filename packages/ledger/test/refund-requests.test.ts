import { validateBankAccount, type BankAccount, type Command, type RequestRefundCommand } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { BANK_ACCOUNT, CONFIG, FUNDED_KONBINI, goldenPayment, konbiniPayment, refundRequest, sellerPayment } from './support/fixtures.js';
import { accepted, appended, available, balance, balances, ledgerAfter, rejected, rowsOf } from './support/ledger-harness.js';

/** Only the ¥5,000 Konbini paid: mart 348, pm1 4,500. */
const KONBINI: readonly Command[] = [konbiniPayment(), { op: 'payment.capture', payment: 'kb_1' }];

describe('golden (issue 5): a Konbini refund request costs the platform the Refund Fee and, on request, the customer fee', () => {
  it('a reverse request holds, then its completion posts the refund plus 300 + 30 from the platform', () => {
    const ledger = ledgerAfter(FUNDED_KONBINI);
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 5150, pm1: 4500 });
    const request = appended(ledger, refundRequest({ id: 'rq', payment: 'kb_1' }));
    expect(request.postings).toEqual([]);
    expect(request.events).toEqual([{ type: 'refund_request.updated', payment: 'kb_1', refundRequest: 'rq', status: 'pending', amount: 5000, currency: 'JPY' }]);
    // Pending: nothing posted, but the platform's part (500) and fees (330), and pm1's 4,500 are held.
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 5150, pm1: 4500 });
    expect({ mart: available(ledger, 'mart'), pm1: available(ledger, 'pm1') }).toEqual({ mart: 5150 - 830, pm1: 0 });
    expect(ledger.state.payments.get('kb_1')?.status).toBe('captured');

    const completion = appended(ledger, { op: 'refund_request.complete', refundRequest: 'rq' });
    expect(rowsOf(completion)).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 5000 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 4500 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 4500, debit: 0 },
      { merchant: 'mart', type: 'Refund Fee', deposit: 0, debit: 300 },
      { merchant: 'mart', type: 'Refund Fee Tax', deposit: 0, debit: 30 },
    ]);
    expect(completion.events).toEqual([
      { type: 'refund_request.updated', payment: 'kb_1', refundRequest: 'rq', status: 'completed', amount: 5000, currency: 'JPY' },
      { type: 'payment.refund.created', payment: 'kb_1', refundRequest: 'rq', amount: 5000, currency: 'JPY' },
      { type: 'payment.refunded', payment: 'kb_1', refundRequest: 'rq' },
    ]);
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 5150 - 500 - 330, pm1: 0 });
    expect({ mart: available(ledger, 'mart'), pm1: available(ledger, 'pm1') }).toEqual({ mart: 4320, pm1: 0 });
    expect(ledger.state.payments.get('kb_1')?.status).toBe('refunded');
    expect(ledger.state.refundRequests.get('rq')?.status).toBe('completed');
  });

  it('with include_payment_method_fee it also costs the platform 190 + 19 (the seed: shop ends at 4,111)', () => {
    const ledger = ledgerAfter([...FUNDED_KONBINI, refundRequest({ id: 'rq', payment: 'kb_1', includePaymentMethodFee: true })]);
    expect(available(ledger, 'mart')).toBe(5150 - 500 - 330 - 209);
    const completion = appended(ledger, { op: 'refund_request.complete', refundRequest: 'rq' });
    expect(rowsOf(completion)).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 5000 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 4500 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 4500, debit: 0 },
      { merchant: 'mart', type: 'Refund Fee', deposit: 0, debit: 300 },
      { merchant: 'mart', type: 'Refund Fee Tax', deposit: 0, debit: 30 },
      { merchant: 'mart', type: 'Refunded Customer Fee', deposit: 0, debit: 190 },
      { merchant: 'mart', type: 'Refunded Customer Fee Tax', deposit: 0, debit: 19 },
    ]);
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 4111, pm1: 0 });
    expect(ledger.state.payments.get('kb_1')?.customerFeeRefund).toBe('refunded');
  });

  it('from code includePaymentMethodFee may be left out (typed optional since session 38): the customer fee stays with KOMOJU, and a retry spelling false is the same command', () => {
    const request: RequestRefundCommand = { op: 'payment.refund_request', id: 'rq', payment: 'kb_1', bankAccount: BANK_ACCOUNT, idempotencyKey: 'k' };
    const ledger = ledgerAfter([...FUNDED_KONBINI, request]);
    expect(available(ledger, 'mart')).toBe(5150 - 500 - 330);
    const retry = ledger.execute({ ...request, includePaymentMethodFee: false });
    expect(retry.ok && retry.replayed).toBe(true);
    const completion = appended(ledger, { op: 'refund_request.complete', refundRequest: 'rq' });
    expect(rowsOf(completion).map((row) => row.type)).toEqual(['Refund', 'Payment Transfer Return', 'Payment Transfer Return', 'Refund Fee', 'Refund Fee Tax']);
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 5150 - 500 - 330, pm1: 0 });
    expect(ledger.state.payments.get('kb_1')?.customerFeeRefund).toBe('none');
  });

  it('a non-reverse request of ¥900 as 50/600/250 after a Konbini capture like the seeds\' costs the platform 50 + 330', () => {
    const ledger = ledgerAfter([
      goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm4', amount: 5000, platformFee: 5000 }] }),
      goldenPayment('kb', { paymentType: 'konbini' }),
      { op: 'payment.capture', payment: 'kb' },
    ]);
    const before = balance(ledger, 'mart');
    accepted(
      ledger,
      refundRequest({
        id: 'rq',
        payment: 'kb',
        amount: 900,
        split: [
          { submerchantId: 'pm1', amount: 600, platformFee: 30 },
          { submerchantId: 'pm2', amount: 250, platformFee: 20 },
        ],
      }),
    );
    expect(before - available(ledger, 'mart')).toBe(50 + 330);
    const completion = appended(ledger, { op: 'refund_request.complete', refundRequest: 'rq' });
    expect(rowsOf(completion)).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 900 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 600 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 600, debit: 0 },
      { merchant: 'pm2', type: 'Payment Transfer Return', deposit: 0, debit: 250 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 250, debit: 0 },
      { merchant: 'mart', type: 'Refund Fee', deposit: 0, debit: 300 },
      { merchant: 'mart', type: 'Refund Fee Tax', deposit: 0, debit: 30 },
    ]);
    expect(before - balance(ledger, 'mart')).toBe(380);
    expect(ledger.state.payments.get('kb')?.status).toBe('captured');
  });

  it('the configured refund_request_fee is charged instead of the default ¥300, with its tax', () => {
    const ledger = ledgerAfter([...FUNDED_KONBINI, refundRequest({ id: 'rq', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] })], {
      ...CONFIG,
      refundRequestFee: 500,
    });
    const completion = appended(ledger, { op: 'refund_request.complete', refundRequest: 'rq' });
    expect(rowsOf(completion).filter((row) => row.type.startsWith('Refund Fee'))).toEqual([
      { merchant: 'mart', type: 'Refund Fee', deposit: 0, debit: 500 },
      { merchant: 'mart', type: 'Refund Fee Tax', deposit: 0, debit: 50 },
    ]);
  });
});

describe('holds: pending requests reserve the balance they will need', () => {
  it('two pending requests cannot both rely on the same balance: the second is rejected insufficient_balance', () => {
    const ledger = ledgerAfter(KONBINI);
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 348, pm1: 4500 });
    const partial = { amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] };
    accepted(ledger, refundRequest({ id: 'r1', payment: 'kb_1', ...partial }));
    expect({ mart: available(ledger, 'mart'), pm1: available(ledger, 'pm1') }).toEqual({ mart: 18, pm1: 4400 });
    const message = rejected(ledger, refundRequest({ id: 'r2', payment: 'kb_1', ...partial }), 'insufficient_balance');
    expect(message).toContain('mart');
  });

  it('a hold also stops a balance transfer that would take the held money', () => {
    const ledger = ledgerAfter([...KONBINI, refundRequest({ id: 'r1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] })]);
    rejected(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 4401, currency: 'JPY' }, 'insufficient_balance');
    rejected(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 19, currency: 'JPY' }, 'insufficient_balance');
    accepted(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 4400, currency: 'JPY' });
  });

  it('rejection releases the hold and posts nothing; the freed balance serves the next request', () => {
    const ledger = ledgerAfter(KONBINI);
    const partial = { amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] };
    accepted(ledger, refundRequest({ id: 'r1', payment: 'kb_1', ...partial }));
    const rejection = appended(ledger, { op: 'refund_request.reject', refundRequest: 'r1' });
    expect(rejection.postings).toEqual([]);
    expect(rejection.events).toEqual([{ type: 'refund_request.updated', payment: 'kb_1', refundRequest: 'r1', status: 'rejected', amount: 100, currency: 'JPY' }]);
    expect({ mart: available(ledger, 'mart'), pm1: available(ledger, 'pm1') }).toEqual({ mart: 348, pm1: 4500 });
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 348, pm1: 4500 });
    expect(ledger.state.payments.get('kb_1')).toMatchObject({ status: 'captured', refundedAmount: 0, pendingRefundAmount: 0 });
    expect(ledger.state.refundRequests.get('r1')?.status).toBe('rejected');

    accepted(ledger, refundRequest({ id: 'r2', payment: 'kb_1', ...partial }));
    const completion = appended(ledger, { op: 'refund_request.complete', refundRequest: 'r2' });
    // Completion posts exactly what was decided at the request: 100 from pm1, 330 of fees.
    expect(rowsOf(completion)).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 100 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 100 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 100, debit: 0 },
      { merchant: 'mart', type: 'Refund Fee', deposit: 0, debit: 300 },
      { merchant: 'mart', type: 'Refund Fee Tax', deposit: 0, debit: 30 },
    ]);
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 18, pm1: 4400 });
    expect(ledger.state.holds.get('mart')?.get('JPY')).toBe(0);
    expect(ledger.state.payments.get('kb_1')).toMatchObject({ status: 'captured', refundedAmount: 100, pendingRefundAmount: 0 });
  });

  it('a pending reverse request holds everything left: another request has nothing to refund', () => {
    const ledger = ledgerAfter([...FUNDED_KONBINI, refundRequest({ id: 'r1', payment: 'kb_1' })]);
    rejected(ledger, refundRequest({ id: 'r2', payment: 'kb_1', amount: 1, split: [{ submerchantId: 'pm1', amount: 1, platformFee: 0 }] }), 'refund_exceeds_remaining');
  });

  it('what a pending request will take counts against each share', () => {
    const ledger = ledgerAfter([...FUNDED_KONBINI, refundRequest({ id: 'r1', payment: 'kb_1', amount: 4000, split: [{ submerchantId: 'pm1', amount: 4000, platformFee: 0 }] })]);
    rejected(ledger, refundRequest({ id: 'r2', payment: 'kb_1', amount: 501, split: [{ submerchantId: 'pm1', amount: 501, platformFee: 0 }] }), 'refund_exceeds_share');
    accepted(ledger, refundRequest({ id: 'r3', payment: 'kb_1', amount: 500, split: [{ submerchantId: 'pm1', amount: 500, platformFee: 0 }] }));
  });
});

describe('the customer fee is refunded at most once', () => {
  it('pending, then rejected, then completed: customer_fee_already_refunded while pending or done', () => {
    const ledger = ledgerAfter(FUNDED_KONBINI);
    const part = (id: string) => refundRequest({ id, payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], includePaymentMethodFee: true });
    accepted(ledger, part('r1'));
    expect(ledger.state.payments.get('kb_1')?.customerFeeRefund).toBe('pending');
    rejected(ledger, part('r2'), 'customer_fee_already_refunded');
    accepted(ledger, { op: 'refund_request.reject', refundRequest: 'r1' });
    expect(ledger.state.payments.get('kb_1')?.customerFeeRefund).toBe('none');
    accepted(ledger, part('r3'));
    accepted(ledger, { op: 'refund_request.complete', refundRequest: 'r3' });
    rejected(ledger, part('r4'), 'customer_fee_already_refunded');
    // Without the fee a further request is fine.
    accepted(ledger, refundRequest({ id: 'r5', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }));
  });

  it('a Bank Transfer payment has no customer fee: include_payment_method_fee adds nothing', () => {
    const ledger = ledgerAfter([...FUNDED_KONBINI.slice(0, 1), goldenPayment('bt', { paymentType: 'bank_transfer' }), { op: 'payment.capture', payment: 'bt' }]);
    const before = balance(ledger, 'mart');
    accepted(ledger, refundRequest({ id: 'rq', payment: 'bt', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], includePaymentMethodFee: true }));
    const completion = appended(ledger, { op: 'refund_request.complete', refundRequest: 'rq' });
    expect(rowsOf(completion).map((row) => row.type)).toEqual(['Refund', 'Payment Transfer Return', 'Payment Transfer Return', 'Refund Fee', 'Refund Fee Tax']);
    expect(before - balance(ledger, 'mart')).toBe(330);
  });
});

describe('refund requests in the seller model', () => {
  it('a ¥100 request on a ¥5,000 Konbini seller payment with platform_amount 500: 10 platform, 90 seller, fees the platform\'s', () => {
    const ledger = ledgerAfter([
      sellerPayment('skb', { amount: 5000, platformAmount: 500, paymentType: 'konbini' }),
      { op: 'payment.capture', payment: 'skb' },
    ]);
    expect(balances(ledger, 's1', 'plt')).toEqual({ s1: 4500, plt: 348 });
    accepted(ledger, refundRequest({ id: 'rq', payment: 'skb', amount: 100 }));
    expect({ s1: available(ledger, 's1'), plt: available(ledger, 'plt') }).toEqual({ s1: 4410, plt: 8 });
    const completion = appended(ledger, { op: 'refund_request.complete', refundRequest: 'rq' });
    expect(rowsOf(completion)).toEqual([
      { merchant: 's1', type: 'Refund', deposit: 0, debit: 100 },
      { merchant: 'plt', type: 'Platform Fee Return', deposit: 0, debit: 10 },
      { merchant: 's1', type: 'Platform Fee Return', deposit: 10, debit: 0 },
      { merchant: 'plt', type: 'Refund Fee', deposit: 0, debit: 300 },
      { merchant: 'plt', type: 'Refund Fee Tax', deposit: 0, debit: 30 },
    ]);
    expect(balances(ledger, 's1', 'plt')).toEqual({ s1: 4410, plt: 8 });
  });
  // DOMAIN.md "Refund requests ... reverse or non-reverse": the request records which it is; in the
  // seller model, where no split is given, it is reverse exactly when it refunds everything left.
  it('a seller request for everything left is recorded reverse, one for less is not', () => {
    const ledger = ledgerAfter([
      // Funds plt with 9,604 (10,000 less the 360 fee and 36 tax) so the full refund is covered.
      sellerPayment('fund', { amount: 10_000, platformAmount: 10_000 }),
      sellerPayment('skb', { amount: 5000, platformAmount: 500, paymentType: 'konbini' }),
      { op: 'payment.capture', payment: 'skb' },
      refundRequest({ id: 'part', payment: 'skb', amount: 100 }),
      refundRequest({ id: 'rest', payment: 'skb' }),
    ]);
    expect(ledger.state.refundRequests.get('part')).toMatchObject({ amount: 100, reverse: false });
    expect(ledger.state.refundRequests.get('rest')).toMatchObject({ amount: 4900, reverse: true });
  });
});

describe('refund request rejections', () => {
  it('on a card payment: refund_request_not_supported', () => {
    const ledger = ledgerAfter([goldenPayment()]);
    rejected(ledger, refundRequest({ id: 'rq', payment: 'pay_1' }), 'refund_request_not_supported');
  });

  it('ids, payments and states', () => {
    const ledger = ledgerAfter([...FUNDED_KONBINI, konbiniPayment('kb_2'), refundRequest({ id: 'rq', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] })]);
    rejected(ledger, refundRequest({ id: '', payment: 'kb_1' }), 'id_invalid');
    rejected(ledger, refundRequest({ id: 'rq', payment: 'kb_1' }), 'refund_request_id_taken');
    rejected(ledger, refundRequest({ id: 'r2', payment: 'nope' }), 'payment_not_found');
    rejected(ledger, refundRequest({ id: 'r2', payment: 'kb_2' }), 'payment_not_captured');
    rejected(ledger, refundRequest({ id: 'r2', payment: 'kb_1', amount: 0 }), 'amount_not_positive');
    rejected(ledger, refundRequest({ id: 'r2', payment: 'kb_1', amount: 100 }), 'refund_split_required');
    rejected(ledger, { op: 'refund_request.complete', refundRequest: 'nope' }, 'refund_request_not_found');
    rejected(ledger, { op: 'refund_request.reject', refundRequest: 'nope' }, 'refund_request_not_found');
    accepted(ledger, { op: 'refund_request.complete', refundRequest: 'rq' });
    rejected(ledger, { op: 'refund_request.complete', refundRequest: 'rq' }, 'refund_request_not_pending');
    rejected(ledger, { op: 'refund_request.reject', refundRequest: 'rq' }, 'refund_request_not_pending');
  });

  it('a seller request takes no split', () => {
    const ledger = ledgerAfter([sellerPayment('skb', { amount: 5000, platformAmount: 500, paymentType: 'konbini' }), { op: 'payment.capture', payment: 'skb' }]);
    rejected(ledger, refundRequest({ id: 'rq', payment: 'skb', amount: 100, split: [{ submerchantId: 's1', amount: 100, platformFee: 0 }] }), 'refund_split_not_allowed_for_seller');
  });

  const invalid: [string, Partial<BankAccount>, string][] = [
    ['a name in romaji', { customerName: 'Yamada Taro' }, 'bank_account_customer_name_invalid'],
    ['a name in kanji', { customerName: '山田太郎' }, 'bank_account_customer_name_invalid'],
    ['a name of spaces and middle dots only', { customerName: ' ・ ' }, 'bank_account_customer_name_invalid'],
    ['an empty bank name', { bankName: '' }, 'bank_account_bank_name_invalid'],
    // Names are capped at 255 characters, like every other free text field (README's codes).
    ['a bank name of 256 characters', { bankName: 'B'.repeat(256) }, 'bank_account_bank_name_invalid'],
    ['a branch name of 256 characters', { branchName: 'B'.repeat(256) }, 'bank_account_branch_name_invalid'],
    ['a 3-digit bank code', { bankCode: '117' }, 'bank_account_bank_code_invalid'],
    ['a bank code with letters', { bankCode: '01a7' }, 'bank_account_bank_code_invalid'],
    ['a blank branch name', { branchName: '   ' }, 'bank_account_branch_name_invalid'],
    ['a 4-digit branch number', { branchNumber: '9210' }, 'bank_account_branch_number_invalid'],
    ['an unknown account type', { accountType: 'current' }, 'bank_account_type_invalid'],
    ['a 9-digit account number', { accountNumber: '123456789' }, 'bank_account_number_invalid'],
    ['an empty account number', { accountNumber: '' }, 'bank_account_number_invalid'],
  ];
  for (const [what, change, code] of invalid) {
    it(`the customer's bank account with ${what}: ${code}`, () => {
      const ledger = ledgerAfter(FUNDED_KONBINI);
      rejected(ledger, refundRequest({ id: 'rq', payment: 'kb_1', bankAccount: { ...BANK_ACCOUNT, ...change } }), code);
    });
  }

  it('half-width katakana with a space, and every account type, are accepted', () => {
    for (const accountType of ['ordinary', 'checking', 'savings']) {
      expect(validateBankAccount({ ...BANK_ACCOUNT, customerName: 'ﾔﾏﾀﾞ ﾀﾛｳ', accountType }).ok).toBe(true);
    }
    expect(validateBankAccount({ ...BANK_ACCOUNT, customerName: 'ヤマダ　タロウ', accountNumber: '1' }).ok).toBe(true);
  });

  it('a bank name too long is told its limit, not that it is empty', () => {
    expect(validateBankAccount({ ...BANK_ACCOUNT, bankName: 'B'.repeat(256) })).toEqual({
      ok: false,
      error: { code: 'bank_account_bank_name_invalid', message: "bank_name must be 1 to 255 characters (UTF-16 code units, JavaScript's length, where a character past U+FFFF (most emoji) counts 2: it has 256), not blank" },
    });
  });

  it('called from JavaScript with no object, it is field_invalid rather than a TypeError (review 151)', () => {
    expect(validateBankAccount(null as never)).toEqual({
      ok: false,
      error: { code: 'field_invalid', message: 'the bank account must be an object of customerName, bankName, bankCode, branchName, branchNumber, accountType and accountNumber, not null' },
    });
    expect(validateBankAccount('x' as never)).toMatchObject({ ok: false, error: { code: 'field_invalid' } });
  });

  it('bank and branch names of exactly 255 characters are accepted', () => {
    expect(validateBankAccount({ ...BANK_ACCOUNT, bankName: 'B'.repeat(255), branchName: 'B'.repeat(255) }).ok).toBe(true);
  });
});
