import fc from 'fast-check';
import type { PaymentMethodFeeInput } from '@kanjo/fees';
import type { RoundingMode } from '@kanjo/splits';
import type { LedgerConfig } from '../engine/ledger-config.js';
import type { MerchantConfig } from '../merchants/merchant.js';
import { checkTestingMerchantIds, TESTING_MERCHANT_IDS, type TestingMerchantIds } from './testing-merchant-ids.js';

/**
 * Constraints of {@link ledgerConfigArbitrary}. The counts are whole numbers, 0 or more; a
 * minimum above its maximum, or above the ids `ids` has, throws a RangeError naming it.
 */
export interface LedgerConfigConstraints {
  /** The fewest payout merchants of the marketplace. Default `1`, or `maxPayoutMerchants` or the ids there are where that is less. */
  readonly minPayoutMerchants?: number | undefined;
  /**
   * The most payout merchants of the marketplace (at most as many ids as `ids` has: more is
   * taken as that many). Default `4`, or `minPayoutMerchants` where that is more.
   */
  readonly maxPayoutMerchants?: number | undefined;
  /** The fewest sellers of the platform-business platform. Default `1`, or `maxSellers` or the ids there are where that is less. */
  readonly minSellers?: number | undefined;
  /**
   * The most sellers of the platform-business platform (at most as many ids as `ids` has: more
   * is taken as that many). Default `2`, or `minSellers` where that is more.
   */
  readonly maxSellers?: number | undefined;
  /**
   * Whether the last payout merchant (of two or more) and the last seller (of two) may be
   * deactivated. The first of each is always active. Default `true`.
   */
  readonly withDeactivated?: boolean | undefined;
  /** The ids to give the merchants. Default {@link TESTING_MERCHANT_IDS}. */
  readonly ids?: TestingMerchantIds | undefined;
}

/** Processing fee rates KOMOJU merchants see (cards around 3.6%, wallets and Konbini lower). */
const CARD_RATES = ['3.6%', '3.25%', '2.95%', '3.6%'];
const WALLET_RATES = ['3.45%', '2.75%', '3%'];
const KONBINI_RATES = ['2.75%', '2.5%', '3.3%'];
/** Konbini customer fees (pre-tax, yen); 0 is a method that has the setting but charges nothing. */
const KONBINI_CUSTOMER_FEES = [190, 300, 0];

/**
 * A small valid {@link LedgerConfig} of the test book: a marketplace (`mkt`) with 1 to 4 payout
 * merchants (`pm-1`…; sometimes the last of two or more deactivated) accepting credit_card,
 * paypay and konbini (with a customer fee), and a platform-business platform (`plat`) with 1 or
 * 2 sellers (sometimes restricted to a few payment types, sometimes the second deactivated).
 * Rates are realistic ("3.6%", "2.75%"…), sometimes with a fixed part; the consumption tax is
 * usually 10%, the refund request fee usually the default ¥300; fees usually round half up
 * (KOMOJU's rule), sometimes by another mode; payout dates are usually read in Japan time,
 * sometimes in UTC or UTC−5.
 */
export function ledgerConfigArbitrary(constraints: LedgerConfigConstraints = {}): fc.Arbitrary<LedgerConfig> {
  const ids = constraints.ids ?? TESTING_MERCHANT_IDS;
  checkTestingMerchantIds(ids, 'LedgerConfigConstraints.ids');
  const [minPayout, maxPayout] = countRange(constraints.minPayoutMerchants, constraints.maxPayoutMerchants, 1, 4, ids.payoutMerchants.length, 'PayoutMerchants', 'payout merchant');
  const [minSellers, maxSellers] = countRange(constraints.minSellers, constraints.maxSellers, 1, 2, ids.sellers.length, 'Sellers', 'seller');
  const withDeactivated = constraints.withDeactivated ?? true;

  const marketplaceMethods = fc.record({
    credit_card: methodArbitrary(CARD_RATES, false),
    paypay: methodArbitrary(WALLET_RATES, false),
    konbini: methodArbitrary(KONBINI_RATES, true),
  });
  // The platform sometimes offers no PayPay, so that payments in it are refused.
  const platformMethods = fc
    .tuple(marketplaceMethods, fc.boolean())
    .map(([methods, withPaypay]) => (withPaypay ? methods : { credit_card: methods.credit_card, konbini: methods.konbini }));

  return fc
    .record({
      payoutCount: fc.integer({ min: minPayout, max: maxPayout }),
      payoutDeactivated: withDeactivated ? fc.boolean() : fc.constant(false),
      sellerCount: fc.integer({ min: minSellers, max: maxSellers }),
      sellerDeactivated: withDeactivated ? fc.boolean() : fc.constant(false),
      marketplaceMethods,
      platformMethods,
      // A seller that accepts only some of its platform's types, or all of them (no list).
      restrictedSellerTypes: fc.option(fc.subarray(['credit_card', 'konbini'], { minLength: 1 }), { nil: undefined }),
      taxRate: fc.constantFrom<string | undefined>(undefined, undefined, '10%', '8%'),
      refundRequestFee: fc.constantFrom<number | undefined>(undefined, undefined, 300, 500, 0),
      // KOMOJU rounds half up; the other modes are configuration the engine must honour too.
      rounding: fc.constantFrom<RoundingMode | undefined>(undefined, undefined, undefined, 'half_up', 'half_even', 'floor', 'ceiling'),
      // Payout dates are read in Japan time unless configured.
      timeZone: fc.constantFrom<string | undefined>(undefined, undefined, undefined, '+09:00', 'Z', '-05:00'),
    })
    .map((drawn): LedgerConfig => {
      const merchants: MerchantConfig[] = [
        { id: ids.marketplace, type: 'platform', business: 'marketplace', paymentMethods: drawn.marketplaceMethods },
      ];
      for (let index = 0; index < drawn.payoutCount; index += 1) {
        const deactivated = drawn.payoutDeactivated && index > 0 && index === drawn.payoutCount - 1;
        merchants.push({
          id: ids.payoutMerchants[index] as string,
          type: 'payout',
          platform: ids.marketplace,
          ...(deactivated ? { status: 'deactivated' as const } : {}),
        });
      }
      merchants.push({ id: ids.platform, type: 'platform', business: 'platform', paymentMethods: drawn.platformMethods });
      for (let index = 0; index < drawn.sellerCount; index += 1) {
        const deactivated = drawn.sellerDeactivated && index > 0 && index === drawn.sellerCount - 1;
        const restricted = index === drawn.sellerCount - 1 ? drawn.restrictedSellerTypes : undefined;
        merchants.push({
          id: ids.sellers[index] as string,
          type: 'seller',
          platform: ids.platform,
          ...(deactivated ? { status: 'deactivated' as const } : {}),
          ...(restricted === undefined ? {} : { paymentTypes: restricted }),
        });
      }
      return {
        merchants,
        ...(drawn.taxRate === undefined ? {} : { taxRate: drawn.taxRate }),
        ...(drawn.refundRequestFee === undefined ? {} : { refundRequestFee: drawn.refundRequestFee }),
        ...(drawn.rounding === undefined ? {} : { rounding: drawn.rounding }),
        ...(drawn.timeZone === undefined ? {} : { timeZone: drawn.timeZone }),
      };
    });
}

/**
 * The fewest and the most of one kind of merchant, checked: whole numbers, 0 or more, the
 * minimum not above the maximum nor above the ids there are. A maximum above the ids is taken as
 * that many (as documented); a maximum left out is at least the minimum, and a minimum left out
 * at most the maximum (review 217: `{ maxSellers: 0 }` drew none before). Review 211: these were
 * clamped without a word (`{ minSellers: 5 }` drew 2 sellers) or left to fast-check's errors.
 */
function countRange(min: number | undefined, max: number | undefined, defaultMin: number, defaultMax: number, idsThere: number, name: string, what: string): [number, number] {
  for (const [bound, value] of [['min', min], ['max', max]] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new RangeError(`LedgerConfigConstraints.${bound}${name} must be a whole number, 0 or more, got ${String(value)}`);
    }
  }
  // Left out, the minimum is at most the maximum as taken (review 219: ids with no sellers and
  // no counts was refused, naming a minSellers nobody gave).
  const fewest = min ?? Math.min(defaultMin, max ?? defaultMin, idsThere);
  if (fewest > idsThere) throw new RangeError(`LedgerConfigConstraints.min${name} is ${fewest}, but ids has only ${idsThere} ${what} ids`);
  const most = Math.min(max ?? Math.max(defaultMax, fewest), idsThere);
  if (fewest > most) throw new RangeError(`LedgerConfigConstraints.min${name} (${fewest}) must not be above max${name} (${most})`);
  return [fewest, most];
}

function methodArbitrary(rates: readonly string[], withCustomerFee: boolean): fc.Arbitrary<PaymentMethodFeeInput> {
  return fc
    .record({
      feeRate: fc.constantFrom(...rates),
      // Mostly a pure percentage; now and then a fixed part on top.
      fixedFee: fc.constantFrom(0, 0, 0, 10),
      customerFee: withCustomerFee ? fc.constantFrom(...KONBINI_CUSTOMER_FEES) : fc.constant(undefined),
    })
    .map(({ feeRate, fixedFee, customerFee }) => ({
      feeRate,
      ...(fixedFee === 0 ? {} : { fixedFee }),
      ...(customerFee === undefined ? {} : { customerFee }),
    }));
}
