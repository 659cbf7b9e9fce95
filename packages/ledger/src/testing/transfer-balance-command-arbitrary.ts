import fc from 'fast-check';
import type { TransferBalanceCommand } from '../commands/command.js';
import { currency, leaning, plausibleOr, withIdempotencyKey } from './arbitrary-helpers.js';
import { resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';

/**
 * A `balance.transfer` command: a platform moves a small amount from itself to one of its
 * sub-merchants or back. Implausible ones transfer 0 or far more than any balance (more than
 * every payment and session of the id pools could bring in at `maxAmount` each, and at least
 * 1,000,000,000; where that passes 2^53 − 1, 2^53, which is no amount at all), between a
 * merchant and itself, with another platform's sub-merchant, or are sent by a sub-merchant.
 */
export function transferBalanceCommandArbitrary(constraints: CommandConstraints = {}): fc.Arbitrary<TransferBalanceCommand> {
  const resolved = resolveCommandConstraints(constraints);
  const { ids } = resolved;
  const amount = fc.oneof(fc.constantFrom(1, 100, 500), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 10_000 }));
  const pair = fc.oneof(
    leaning(ids.payoutMerchants).map((sub) => [ids.marketplace, sub] as const),
    leaning(ids.sellers).map((sub) => [ids.platform, sub] as const),
  );
  const plausible = fc
    .tuple(pair, fc.boolean(), amount, currency(resolved))
    .map(([[platform, sub], outward, value, code]): TransferBalanceCommand => ({
      op: 'balance.transfer',
      merchant: platform,
      from: outward ? platform : sub,
      to: outward ? sub : platform,
      amount: value,
      currency: code,
    }));
  // More than every payment and session of the pools could bring in, however large maxAmount
  // is: a fixed 1,000,000,000 fitted a balance once maxAmount passed it (review 241). Past
  // 2^53 − 1, which a balance can reach, 2^53: no amount a command may give (review 243).
  const hugeTransfer = Math.min(2 ** 53, Math.max(1_000_000_000, (resolved.paymentIds.length + resolved.sessionIds.length) * resolved.maxAmount + 1));
  const implausible = fc.tuple(plausible, fc.constantFrom('zero', 'huge', 'self', 'foreign', 'sub_acting', 'unknown_currency')).map(
    ([command, breakage]): TransferBalanceCommand => {
      switch (breakage) {
        case 'zero':
          return { ...command, amount: 0 };
        case 'huge':
          return { ...command, amount: hugeTransfer };
        case 'self':
          return { ...command, to: command.from };
        case 'foreign': {
          const foreign = command.merchant === ids.marketplace ? (ids.sellers[0] ?? ids.stranger) : (ids.payoutMerchants[0] ?? ids.stranger);
          return command.from === command.merchant ? { ...command, to: foreign } : { ...command, from: foreign };
        }
        case 'sub_acting':
          return { ...command, merchant: command.from === command.merchant ? command.to : command.from };
        case 'unknown_currency':
          return { ...command, currency: 'XYZ' };
      }
    },
  );
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}
