import fc from 'fast-check';
import type { UpdatePayoutSettingsCommand } from '../commands/command.js';
import type { PayoutFrequency } from '../payouts/payout-settings.js';
import { currency, leaning, plausibleOr, withIdempotencyKey } from './arbitrary-helpers.js';
import { resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';

/**
 * A `payout_settings.update` command: a platform sets weekly or monthly payouts with a minimum
 * (0, ¥1,000, ¥5,000 or any up to ¥10,000) for itself or one of its sub-merchants. Implausible
 * ones name another platform's sub-merchant or a stranger, a frequency that does not exist or
 * an unknown currency.
 *
 * The frequency that does not exist is `'daily'`, typed as a `PayoutFrequency` so that the
 * command still goes to `ledger.execute` (which refuses it, `payout_frequency_invalid`): a model
 * of your own that switches over `frequency` needs a branch for it, or pass
 * `implausibleWeight: 0` for plausible commands only.
 */
export function updatePayoutSettingsCommandArbitrary(constraints: CommandConstraints = {}): fc.Arbitrary<UpdatePayoutSettingsCommand> {
  const resolved = resolveCommandConstraints(constraints);
  const { ids } = resolved;
  const target = fc.oneof(
    fc.oneof(fc.constant(ids.marketplace), leaning(ids.payoutMerchants)).map((id) => [ids.marketplace, id] as const),
    fc.oneof(fc.constant(ids.platform), leaning(ids.sellers)).map((id) => [ids.platform, id] as const),
  );
  const plausible = fc
    .tuple(target, currency(resolved), fc.constantFrom<PayoutFrequency>('weekly', 'monthly'), fc.oneof(fc.constantFrom(0, 1000, 5000), fc.integer({ min: 0, max: 10_000 })))
    .map(([[merchant, id], code, frequency, minimumAmount]): UpdatePayoutSettingsCommand => ({
      op: 'payout_settings.update',
      merchant,
      target: id,
      currency: code,
      frequency,
      minimumAmount,
    }));
  const implausible = fc.tuple(plausible, fc.constantFrom('foreign', 'stranger', 'frequency', 'currency')).map(
    ([command, breakage]): UpdatePayoutSettingsCommand => {
      switch (breakage) {
        case 'foreign':
          return { ...command, target: command.merchant === ids.marketplace ? (ids.sellers[0] ?? ids.stranger) : (ids.payoutMerchants[0] ?? ids.stranger) };
        case 'stranger':
          return { ...command, target: ids.stranger };
        case 'frequency':
          // Not a PayoutFrequency: what a caller bypassing the types could send.
          return { ...command, frequency: 'daily' as PayoutFrequency };
        case 'currency':
          return { ...command, currency: 'XYZ' };
      }
    },
  );
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}
