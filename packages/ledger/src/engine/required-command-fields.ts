import type { Command } from '../commands/command.js';

/** Each op's fields its command must have (command.ts), besides `op`. */
const REQUIRED_FIELDS: Readonly<Record<Command['op'], readonly string[]>> = {
  'payment.create': ['id', 'merchant', 'amount', 'currency', 'paymentType'],
  'payment.capture': ['payment'],
  'payment.cancel': ['payment'],
  'payment.expire': ['payment'],
  'payment.refund': ['payment'],
  'payment.refund_request': ['id', 'payment', 'bankAccount'],
  'refund_request.complete': ['refundRequest'],
  'refund_request.reject': ['refundRequest'],
  'payment.chargeback': ['payment'],
  'balance.transfer': ['merchant', 'from', 'to', 'amount', 'currency'],
  'payout_settings.update': ['merchant', 'target', 'currency', 'frequency', 'minimumAmount'],
  'settlement.run': ['date'],
  'session.create': ['id', 'merchant', 'amount', 'currency', 'paymentTypes', 'returnUrl', 'capture'],
  'session.complete': ['session', 'payment', 'paymentType'],
  'session.cancel': ['session'],
};

/** The fields of a split or refund line, and of a bank account: each must be there. */
const REQUIRED_IN_LINES = new Set(['submerchantId', 'amount', 'platformFee']);
const REQUIRED_IN_BANK_ACCOUNT = new Set(['customerName', 'bankName', 'bankCode', 'branchName', 'branchNumber', 'accountType', 'accountNumber']);

/**
 * Whether the field at `path` (`['amount']`, `['split', 0, 'amount']`) is one every accepted
 * command of `op` has: a form of the command without it is then none the engine writes today.
 * Optional fields, a session's metadata and fields Kanjo does not read are not.
 */
export function isRequiredCommandField(op: string, path: readonly (string | number)[]): boolean {
  const [field, index, leaf] = path;
  if (path.length === 1) return field === 'op' || (Object.hasOwn(REQUIRED_FIELDS, op) && REQUIRED_FIELDS[op as Command['op']].includes(field as string));
  if (path.length === 2) return field === 'bankAccount' && REQUIRED_IN_BANK_ACCOUNT.has(index as string);
  return path.length === 3 && field === 'split' && typeof index === 'number' && REQUIRED_IN_LINES.has(leaf as string);
}
