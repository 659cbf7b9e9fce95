import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import { lengthNote } from '../commands/validate-input.js';
import { quoted } from '../engine/message-text.js';
import type { BankAccount } from './refund-request.js';

// Full-width katakana (with the long vowel mark and middle dot), half-width katakana, and
// spaces of either width: what Japanese banks accept as an account holder's name. The voicing
// marks U+3099 to U+309C too, combining or not: ガ decomposed (NFD, as macOS writes file names
// and some forms send text) is カ followed by U+3099.
const KATAKANA_NAME = /^[\u30A0-\u30FF\u3099-\u309C\uFF65-\uFF9F\u3000 ]+$/u;
// A kana that is a letter, in either width (ヿ, the digraph koto, included): not the long
// vowel mark (U+30FC, half-width U+FF70), the iteration marks ヽヾ, the middle dot, the double
// hyphen ゠ or the voicing marks, which alone name nobody.
const HAS_KANA = /[\u30A1-\u30FA\u30FF\uFF66-\uFF6F\uFF71-\uFF9D]/u;
const ACCOUNT_TYPES: ReadonlySet<string> = new Set(['ordinary', 'checking', 'savings']);
/** The longest bank or branch name taken, in UTF-16 units. */
const MAX_NAME_LENGTH = 255;

/**
 * The customer's bank account of a refund request, field by field in a fixed order: katakana
 * name, bank name, 4-digit bank code, branch name, 3-digit branch number, account type,
 * account number of 1 to 8 digits.
 *
 * @returns a copy of the account with its seven fields only, when valid
 *
 * @example
 * const account = { customerName: 'ヤマダタロウ', bankName: 'みずほ銀行', bankCode: '0001', branchName: '本店', branchNumber: '001', accountType: 'ordinary', accountNumber: '1234567' } as const;
 * validateBankAccount(account); // { ok: true, value: { customerName: 'ヤマダタロウ', … } }
 * validateBankAccount({ ...account, customerName: 'Yamada Taro' }); // { ok: false, error: { code: 'bank_account_customer_name_invalid', … } }: katakana only
 */
export function validateBankAccount(account: BankAccount): LedgerResult<BankAccount> {
  // From JavaScript, called directly: null would throw reading its first field.
  if (typeof account !== 'object' || account === null) {
    return reject('field_invalid', `the bank account must be an object of customerName, bankName, bankCode, branchName, branchNumber, accountType and accountNumber, not ${quoted(account)}`);
  }
  // Bounded as the bank and branch names are: the request keeps it in the journal, and a
  // name of hundreds of millions of characters would make that line one no export can write.
  const name = account.customerName;
  if (typeof name !== 'string' || name.length > MAX_NAME_LENGTH || !KATAKANA_NAME.test(name) || !HAS_KANA.test(name)) {
    return reject('bank_account_customer_name_invalid', `customer_name must be the account holder's name in katakana (full-width or half-width, with spaces), with at least one kana letter (long vowel, iteration and voicing marks, middle dots and double hyphens alone name nobody), at most ${MAX_NAME_LENGTH} characters${lengthNote(name, MAX_NAME_LENGTH)}, e.g. ヤマダタロウ`);
  }
  if (!nameOfBank(account.bankName)) return reject('bank_account_bank_name_invalid', `bank_name must be 1 to ${MAX_NAME_LENGTH} characters${lengthNote(account.bankName, MAX_NAME_LENGTH)}, not blank`);
  if (typeof account.bankCode !== 'string' || !/^\d{4}$/.test(account.bankCode)) {
    return reject('bank_account_bank_code_invalid', 'bank_code must be 4 digits, e.g. "0117"');
  }
  if (!nameOfBank(account.branchName)) return reject('bank_account_branch_name_invalid', `branch_name must be 1 to ${MAX_NAME_LENGTH} characters${lengthNote(account.branchName, MAX_NAME_LENGTH)}, not blank`);
  if (typeof account.branchNumber !== 'string' || !/^\d{3}$/.test(account.branchNumber)) {
    return reject('bank_account_branch_number_invalid', 'branch_number must be 3 digits, e.g. "921"');
  }
  if (!ACCOUNT_TYPES.has(account.accountType)) {
    return reject('bank_account_type_invalid', 'account_type must be ordinary, checking or savings');
  }
  if (typeof account.accountNumber !== 'string' || !/^\d{1,8}$/.test(account.accountNumber)) {
    return reject('bank_account_number_invalid', 'account_number must be 1 to 8 digits');
  }
  // A copy: the request keeps it in the journal, and the caller may go on using its object.
  const { customerName, bankName, bankCode, branchName, branchNumber, accountType, accountNumber } = account;
  return accept({ customerName, bankName, bankCode, branchName, branchNumber, accountType, accountNumber });
}

/** A bank or branch name: not blank, and no longer than {@link MAX_NAME_LENGTH}. */
function nameOfBank(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_NAME_LENGTH;
}
