import type { Command, Ledger } from '@kanjo/ledger';
import { BANK_ACCOUNT, goldenPayment, konbiniPayment, marketplaceSession, omit, refundRequest, sellerPayment } from './fixtures.js';
import { accepted, newLedger } from './ledger-harness.js';

/**
 * A small world for the re-entrancy tests: the shared CONFIG ledger after a few commands, so
 * that one command of every op is accepted from it. Every command here carries its `at`
 * (2026-04-01, minutes apart) unless a test strips it; the candidates are dated after the base.
 */

/** The base: payments of both models (captured and authorized), a Konbini payment with a pending request, a session, payout settings. */
export const BASE_COMMANDS: readonly Command[] = [
  { ...goldenPayment('pay_1'), at: '2026-04-01T10:00:00Z' },
  { ...omit(goldenPayment('pay_auth', { capture: false }), 'split'), at: '2026-04-01T10:01:00Z' },
  { ...omit(goldenPayment('pay_auth2', { capture: false }), 'split'), at: '2026-04-01T10:02:00Z' },
  { ...konbiniPayment('kb_1'), at: '2026-04-01T10:03:00Z' },
  { op: 'payment.capture', payment: 'kb_1', at: '2026-04-01T10:03:30Z' },
  { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 3000, currency: 'JPY', at: '2026-04-01T10:03:40Z' },
  { ...sellerPayment('sp_1'), at: '2026-04-01T10:04:00Z' },
  { ...marketplaceSession('ses_1'), at: '2026-04-01T10:05:00Z' },
  { ...refundRequest({ id: 'rr_1', payment: 'kb_1', amount: 1000, split: [{ submerchantId: 'pm1', amount: 900, platformFee: 100 }] }), at: '2026-04-01T10:06:00Z' },
  { op: 'payout_settings.update', merchant: 'mart', target: 'pm2', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-04-01T10:07:00Z' },
];

/** The time of every candidate: after the base. */
export const CANDIDATE_AT = '2026-04-01T11:00:00Z';
/** A later time, for the nested commands (so that the outer command, dated before, meets time_out_of_order only by the nested one). */
export const NESTED_AT = '2026-04-01T12:00:00Z';

/** One command of every op, each accepted from the base (and moving money where its op can). */
export const CANDIDATES: readonly Command[] = [
  { ...goldenPayment('pay_new'), at: CANDIDATE_AT },
  { op: 'payment.capture', payment: 'pay_auth', amount: 1000, split: [{ submerchantId: 'pm1', amount: 600, platformFee: 60 }, { submerchantId: 'pm2', amount: 400, platformFee: 40 }], at: CANDIDATE_AT },
  { op: 'payment.cancel', payment: 'pay_auth2', at: CANDIDATE_AT },
  { op: 'payment.expire', payment: 'pay_auth2', at: CANDIDATE_AT },
  { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 90, platformFee: 10 }], at: CANDIDATE_AT },
  { ...refundRequest({ id: 'rr_2', payment: 'kb_1', amount: 500, split: [{ submerchantId: 'pm1', amount: 450, platformFee: 50 }] }), includePaymentMethodFee: true, at: CANDIDATE_AT },
  { op: 'refund_request.complete', refundRequest: 'rr_1', at: CANDIDATE_AT },
  { op: 'refund_request.reject', refundRequest: 'rr_1', at: CANDIDATE_AT },
  { op: 'payment.chargeback', payment: 'sp_1', at: CANDIDATE_AT },
  { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 50, currency: 'JPY', at: CANDIDATE_AT },
  { op: 'payout_settings.update', merchant: 'plt', target: 's1', currency: 'JPY', frequency: 'monthly', minimumAmount: 100, at: CANDIDATE_AT },
  { op: 'settlement.run', date: '2026-04-13', holidays: ['2026-04-29'], at: '2026-04-13T12:00:00+09:00' },
  { ...marketplaceSession('ses_new', { metadata: { order: 'o-1' }, externalOrderNum: 'ext-1' }), at: CANDIDATE_AT },
  { op: 'session.complete', session: 'ses_1', payment: 'pay_ses', paymentType: 'credit_card', at: CANDIDATE_AT },
  { op: 'session.cancel', session: 'ses_1', at: CANDIDATE_AT },
];

/** A fresh ledger of CONFIG after the base commands. */
export function baseLedger(): Ledger {
  const ledger = newLedger();
  for (const command of BASE_COMMANDS) accepted(ledger, command);
  return ledger;
}

export { BANK_ACCOUNT };
