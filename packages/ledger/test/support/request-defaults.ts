import type { Command } from '@kanjo/ledger';

/**
 * `command` with every default the ledger README lists ("Idempotency": "A default written out
 * is the same command as the default left out") written out: `payment.create`'s `capture`
 * (true) and `origin` ('api'), `settlement.run`'s `holidays` (none; and the days listed are a
 * set: their order and repeats do not count),
 * `payment.refund_request`'s `includePaymentMethodFee` (false) and `payment.capture`'s
 * `amount` (the payment's authorized amount, which capturing never changes). Test oracles use
 * it to tell whether a keyed retry is the same request; the engine has its own.
 *
 * @param authorized - the authorized amount of a payment, as the oracle knows it (undefined: no such payment).
 */
export function withDefaultsWritten(command: Command, authorized: (payment: string) => number | undefined): Command {
  switch (command.op) {
    case 'payment.create':
      return { ...command, capture: command.capture ?? true, origin: command.origin ?? 'api' };
    case 'settlement.run':
      return { ...command, holidays: Array.from(new Set(command.holidays ?? [])).sort() };
    case 'payment.refund_request':
      return { ...command, includePaymentMethodFee: command.includePaymentMethodFee ?? false };
    case 'payment.capture': {
      const amount = command.amount ?? authorized(command.payment);
      return amount === undefined ? command : { ...command, amount };
    }
    default:
      return command;
  }
}
