import type { Command } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import type { ReferenceModel } from '../reference-model.js';
import { describeCommand, runStep, type Decide, type LedgerModelCommand } from '../run-step.js';
import { describeStep, type TimeStep } from '../timing.js';
import { decideCancelPayment } from './cancel-payment.js';
import { decideCancelSession } from './cancel-session.js';
import { decideCapturePayment } from './capture-payment.js';
import { decideChargebackPayment } from './chargeback-payment.js';
import { decideCompleteRefundRequest } from './complete-refund-request.js';
import { decideCompleteSession } from './complete-session.js';
import { decideCreatePayment } from './create-payment.js';
import { decideCreateSession } from './create-session.js';
import { decideExpirePayment } from './expire-payment.js';
import { decideRefundPayment } from './refund-payment.js';
import { decideRejectRefundRequest } from './reject-refund-request.js';
import { decideRequestRefund } from './request-refund.js';
import { decideRunSettlement } from './run-settlement.js';
import { decideTransferBalance } from './transfer-balance.js';
import { decideUpdatePayoutSettings } from './update-payout-settings.js';

/** How the model decides each op, for a command resent as it was. */
const DECIDERS: { readonly [Op in Command['op']]: Decide<Extract<Command, { op: Op }>> } = {
  'payment.create': (model, command) => decideCreatePayment(model, command),
  'payment.capture': decideCapturePayment,
  'payment.cancel': decideCancelPayment,
  'payment.expire': decideExpirePayment,
  'payment.refund': decideRefundPayment,
  'payment.refund_request': decideRequestRefund,
  'refund_request.complete': decideCompleteRefundRequest,
  'refund_request.reject': decideRejectRefundRequest,
  'payment.chargeback': decideChargebackPayment,
  'balance.transfer': decideTransferBalance,
  'payout_settings.update': decideUpdatePayoutSettings,
  'settlement.run': decideRunSettlement,
  'session.create': decideCreateSession,
  'session.complete': decideCompleteSession,
  'session.cancel': decideCancelSession,
};

/**
 * Resends the last command that carried an idempotency key, with the same key, at a new time:
 * a client retrying after a timeout. If the first send appended an entry, the retry must be
 * answered with it and append nothing; otherwise it is decided as a fresh command.
 */
export class RetryKeyedModelCommand implements LedgerModelCommand {
  constructor(readonly step: TimeStep) {}

  check(model: Readonly<ReferenceModel>): boolean {
    return model.lastKeyed !== undefined;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    const { at: _at, ...command } = model.lastKeyed as Command;
    runStep(model, system, command, this.step, DECIDERS[command.op] as Decide<Command>);
  }

  toString(): string {
    return describeCommand({ retry: 'the last command sent with an idempotency key' }, describeStep(this.step));
  }
}
