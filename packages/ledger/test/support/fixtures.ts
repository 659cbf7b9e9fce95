import type { BankAccount, Command, CreatePaymentCommand, CreateSessionCommand, LedgerConfig, RequestRefundCommand } from '@kanjo/ledger';

/**
 * The fee settings every test platform uses: DOMAIN.md's worked examples are at 3.6% for cards
 * and 2.75% plus a ¥190 customer fee for Konbini.
 */
export const PAYMENT_METHODS = {
  credit_card: { feeRate: '3.6%' },
  paypay: { feeRate: '3.6%' },
  linepay: { feeRate: '3.6%' },
  merpay: { feeRate: '3.6%' },
  konbini: { feeRate: '2.75%', customerFee: 190 },
  bank_transfer: { feeRate: '1%' },
  pay_easy: { feeRate: '1%' },
} as const;

/**
 * Two marketplaces and a platform business, so every party check has something to refuse:
 * - `mart` (marketplace): `pm1`, `pm2` active; `pm3` deactivated; `pm4` accepts only cards.
 * - `bazaar` (another marketplace): `px`.
 * - `plt` (platform business, Seller Processing Model): `s1`, `s2` sellers; `s3` deactivated.
 * - `shut` (a deactivated marketplace) with `py`.
 */
export const CONFIG: LedgerConfig = {
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: PAYMENT_METHODS },
    { id: 'pm1', type: 'payout', platform: 'mart' },
    { id: 'pm2', type: 'payout', platform: 'mart' },
    { id: 'pm3', type: 'payout', platform: 'mart', status: 'deactivated' },
    { id: 'pm4', type: 'payout', platform: 'mart', paymentTypes: ['credit_card'] },
    { id: 'bazaar', type: 'platform', business: 'marketplace', paymentMethods: PAYMENT_METHODS },
    { id: 'px', type: 'payout', platform: 'bazaar' },
    { id: 'plt', type: 'platform', business: 'platform', paymentMethods: PAYMENT_METHODS },
    { id: 's1', type: 'seller', platform: 'plt' },
    { id: 's2', type: 'seller', platform: 'plt', paymentTypes: ['credit_card'] },
    { id: 's3', type: 'seller', platform: 'plt', status: 'deactivated' },
    { id: 'shut', type: 'platform', business: 'marketplace', status: 'deactivated', paymentMethods: PAYMENT_METHODS },
    { id: 'py', type: 'payout', platform: 'shut' },
  ],
};

/** The seeds' ¥1,000 marketplace payment: {PM-1 700 fee 70, PM-2 300 fee 30}, captured at once. */
export function goldenPayment(id = 'pay_1', overrides: Partial<CreatePaymentCommand> = {}): CreatePaymentCommand {
  return {
    op: 'payment.create',
    id,
    merchant: 'mart',
    amount: 1000,
    currency: 'JPY',
    paymentType: 'credit_card',
    capture: true,
    split: [
      { submerchantId: 'pm1', amount: 700, platformFee: 70 },
      { submerchantId: 'pm2', amount: 300, platformFee: 30 },
    ],
    ...overrides,
  };
}

/** The seed's ¥50,000 seller-model payment: platform_amount 5,000 to `plt`, as seller `s1`. */
export function sellerPayment(id = 'sp_1', overrides: Partial<CreatePaymentCommand> = {}): CreatePaymentCommand {
  return {
    op: 'payment.create',
    id,
    merchant: 'plt',
    as: 's1',
    amount: 50_000,
    currency: 'JPY',
    paymentType: 'credit_card',
    platformAmount: 5_000,
    platformMerchant: 'plt',
    ...overrides,
  };
}

/** A valid customer bank account (the seed's example). */
/** A ¥1,000 marketplace session of mart, capture auto, with the seeds' split (pm1 700/70, pm2 300/30). */
export function marketplaceSession(id = 'ses_1', overrides: Partial<CreateSessionCommand> = {}): CreateSessionCommand {
  return {
    op: 'session.create',
    id,
    merchant: 'mart',
    amount: 1000,
    currency: 'JPY',
    paymentTypes: ['credit_card', 'konbini'],
    returnUrl: 'https://shop.example/return',
    capture: 'auto',
    split: [
      { submerchantId: 'pm1', amount: 700, platformFee: 70 },
      { submerchantId: 'pm2', amount: 300, platformFee: 30 },
    ],
    ...overrides,
  };
}

export const BANK_ACCOUNT: BankAccount = {
  customerName: 'ヤマダタロウ',
  bankName: '青森銀行',
  bankCode: '0117',
  branchName: '東京支店',
  branchNumber: '921',
  accountType: 'ordinary',
  accountNumber: '1234567',
};

/** A refund request with the valid bank account; the rest from `fields`. */
export function refundRequest(fields: Omit<RequestRefundCommand, 'op' | 'bankAccount' | 'includePaymentMethodFee'> & Partial<RequestRefundCommand>): RequestRefundCommand {
  return { op: 'payment.refund_request', includePaymentMethodFee: false, bankAccount: BANK_ACCOUNT, ...fields };
}

/**
 * A ¥5,000 Konbini payment of `mart`, split at creation {pm1 5000 fee 500} and paid by the
 * customer (captured). Processing fee 2.75% = 137.5 → 138, tax 13.8 → 14; the customer pays
 * the ¥190 customer fee and its ¥19 tax on top. Leaves mart 500 − 152 = 348 and pm1 4,500.
 */
export function konbiniPayment(id = 'kb_1'): CreatePaymentCommand {
  return {
    op: 'payment.create',
    id,
    merchant: 'mart',
    amount: 5000,
    currency: 'JPY',
    paymentType: 'konbini',
    capture: true,
    split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 500 }],
  };
}

/**
 * A ¥5,000 card payment that leaves mart everything (4,802 after its fees), then the
 * {@link konbiniPayment} paid: mart 5,150 and pm1 4,500, so mart can pay a refund request's fees.
 */
export const FUNDED_KONBINI: readonly Command[] = [
  goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] }),
  konbiniPayment(),
  { op: 'payment.capture', payment: 'kb_1' },
];

/** A copy of `command` without the named fields (absent, not undefined). */
export function omit<Command extends object, Key extends keyof Command>(command: Command, ...keys: Key[]): Omit<Command, Key> {
  const copy = { ...command } as Record<string, unknown>;
  for (const key of keys) delete copy[key as string];
  return copy as Omit<Command, Key>;
}
