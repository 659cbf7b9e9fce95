import fc from 'fast-check';
import type { CreateSessionCommand } from '../commands/command.js';
import type { SessionCapture } from '../sessions/session.js';
import { currency, exactSplit, leaning, paymentAmount, platformAmount, plausibleOr, withIdempotencyKey } from './arbitrary-helpers.js';
import { resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';

const RETURN_URLS = ['https://shop.example/return', 'https://shop.example/return?order=42', 'http://localhost:3000/done#top'];
const BAD_RETURN_URLS = ['shop.example/return', 'ftp://shop.example/return', 'javascript:alert(1)', '/return', ''];

/**
 * A `session.create` command with an id from the pool: a marketplace session (capture `auto`
 * with a split adding up to the amount, or `manual` with none) or a seller-model one, offering
 * a non-empty subset of credit_card, konbini and paypay, with a valid return URL and sometimes
 * the optional fields. Implausible ones offer no or unknown payment types, a return URL that is
 * not absolute http(s), an external customer id over 255 characters, an amount of 0, or a split
 * on a manual session.
 */
export function createSessionCommandArbitrary(constraints: CommandConstraints = {}): fc.Arbitrary<CreateSessionCommand> {
  const resolved = resolveCommandConstraints(constraints);
  const { ids } = resolved;
  const base = fc.record({
    id: fc.constantFrom(...resolved.sessionIds),
    amount: paymentAmount(resolved),
    currency: currency(resolved),
    paymentTypes: fc.subarray(['credit_card', 'konbini', 'paypay'], { minLength: 1 }),
    returnUrl: fc.constantFrom(...RETURN_URLS),
    capture: fc.constantFrom<SessionCapture>('auto', 'manual'),
    extra: fc.option(
      fc.record({
        externalCustomerId: fc.constantFrom('cus-1', 'x'.repeat(255)),
        externalOrderNum: fc.constantFrom('order-42'),
        defaultLocale: fc.constantFrom('ja', 'en'),
        metadata: fc.constant({ order: '42' }),
      }),
      { nil: undefined },
    ),
  });
  const marketplace = base.chain(({ extra, ...fields }) =>
    (fields.capture === 'auto' ? exactSplit(resolved, fields.amount).map((split) => ({ split })) : fc.constant({})).map(
      (split): CreateSessionCommand => ({ op: 'session.create', ...fields, ...extra, merchant: ids.marketplace, ...split }),
    ),
  );
  const seller = base.chain(({ extra, ...fields }) =>
    fc.tuple(leaning(ids.sellers), platformAmount(fields.amount)).map(
      ([as, part]): CreateSessionCommand => ({ op: 'session.create', ...fields, ...extra, merchant: ids.platform, as, platformAmount: part, platformMerchant: ids.platform }),
    ),
  );
  const plausible = fc.oneof(marketplace, seller);
  const implausible = fc.tuple(plausible, fc.constantFrom('no_types', 'unknown_type', 'bad_url', 'long_customer_id', 'zero_amount', 'manual_with_split'), fc.constantFrom(...BAD_RETURN_URLS)).map(
    ([command, breakage, badUrl]): CreateSessionCommand => {
      switch (breakage) {
        case 'no_types':
          return { ...command, paymentTypes: [] };
        case 'unknown_type':
          return { ...command, paymentTypes: [...command.paymentTypes, 'bitcoin'] };
        case 'bad_url':
          return { ...command, returnUrl: badUrl };
        case 'long_customer_id':
          return { ...command, externalCustomerId: 'x'.repeat(256) };
        case 'zero_amount':
          return { ...command, amount: 0 };
        case 'manual_with_split':
          return { ...command, capture: 'manual', split: [{ submerchantId: ids.payoutMerchants[0] ?? ids.stranger, amount: command.amount, platformFee: 0 }] };
      }
    },
  );
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}
