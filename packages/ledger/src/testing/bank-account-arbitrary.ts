import fc from 'fast-check';
import type { BankAccount } from '../refunds/refund-request.js';

/** Constraints of {@link bankAccountArbitrary}. */
export interface BankAccountConstraints {
  /**
   * `'valid'`: every field as a Japanese bank takes it; `'invalid'`: exactly one field broken
   * (a romaji name, a 3-digit bank code, a 9-digit account number…). Default `'valid'`.
   */
  readonly validity?: 'valid' | 'invalid' | undefined;
}

const VALID_NAMES = ['ヤマダタロウ', 'ｽｽﾞｷﾊﾅｺ', 'タナカ　イチロウ', 'サトウ・ケン'];

/** A customer's bank account for a refund request (`payment.refund_request`). */
export function bankAccountArbitrary(constraints: BankAccountConstraints = {}): fc.Arbitrary<BankAccount> {
  const digits = (length: number): fc.Arbitrary<string> =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((list) => list.join(''));
  const valid = fc.record({
    customerName: fc.constantFrom(...VALID_NAMES),
    bankName: fc.constantFrom('みずほ銀行', '三菱UFJ銀行', 'ゆうちょ銀行'),
    bankCode: digits(4),
    branchName: fc.constantFrom('本店', '渋谷支店'),
    branchNumber: digits(3),
    accountType: fc.constantFrom('ordinary', 'checking', 'savings'),
    accountNumber: fc.integer({ min: 1, max: 8 }).chain(digits),
  });
  if ((constraints.validity ?? 'valid') === 'valid') return valid;
  const breakages: readonly ((account: BankAccount) => BankAccount)[] = [
    (account) => ({ ...account, customerName: 'Yamada Taro' }),
    (account) => ({ ...account, customerName: '' }),
    (account) => ({ ...account, bankName: '   ' }),
    (account) => ({ ...account, bankCode: '117' }),
    (account) => ({ ...account, branchName: '' }),
    (account) => ({ ...account, branchNumber: '92a' }),
    (account) => ({ ...account, accountType: 'current' }),
    (account) => ({ ...account, accountNumber: '123456789' }),
  ];
  return fc.tuple(valid, fc.constantFrom(...breakages)).map(([account, breakAccount]) => breakAccount(account));
}
