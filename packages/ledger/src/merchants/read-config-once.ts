import type { LedgerConfig } from '../engine/ledger-config.js';
import type { PaymentMethodFeeInput } from '@kanjo/fees';
import { readEntries, readFields, readFieldsOf, readList, type EveryFieldListed, type FieldsOf } from '../engine/read-fields-once.js';
import type { MerchantConfig } from './merchant.js';

/** Every field of the configuration; checked by the compiler against `LedgerConfig`. */
const CONFIG_FIELDS = ['merchants', 'taxRate', 'refundRequestFee', 'rounding', 'timeZone', 'book'] as const satisfies readonly (keyof LedgerConfig)[];

/** Every field of a merchant of any type (MerchantConfig's members). */
const MERCHANT_FIELDS = ['id', 'type', 'status', 'approved', 'book', 'business', 'paymentMethods', 'platform', 'paymentTypes'] as const satisfies readonly FieldsOf<MerchantConfig>[];

/** A payment method's fee settings (PaymentMethodFeeInput). */
const METHOD_FEE_FIELDS = ['feeRate', 'fixedFee', 'customerFee'] as const satisfies readonly FieldsOf<PaymentMethodFeeInput>[];

// Each fails to compile when a field is added to its type and not listed above.
const EVERY_FIELD_LISTED: [
  EveryFieldListed<LedgerConfig, (typeof CONFIG_FIELDS)[number]>,
  EveryFieldListed<MerchantConfig, (typeof MERCHANT_FIELDS)[number]>,
  EveryFieldListed<PaymentMethodFeeInput, (typeof METHOD_FEE_FIELDS)[number]>,
] = [true, true, true];
void EVERY_FIELD_LISTED;

/**
 * A copy of `config` in which every field was read exactly once, for `resolveConfig` to read
 * instead of the caller's object (see `read-fields-once.ts`): a merchant's id is read a dozen
 * times while the configuration is checked, and a tax rate checked as "10%" and then read as
 * something else would have been kept unchecked. The merchants, each merchant's payment
 * methods and their fee settings, and its payment types are copied; something that is not an
 * object is returned as it is, for the checks to refuse.
 */
export function readConfigOnce(config: LedgerConfig): LedgerConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return config;
  const copy = readFields(config, CONFIG_FIELDS);
  copy['merchants'] = readList(copy['merchants'], (merchant, index) => {
    const fields = readFieldsOf(merchant, MERCHANT_FIELDS);
    if (fields === merchant) return merchant;
    const read = fields as Record<string, unknown>;
    if (read['paymentMethods'] !== undefined) read['paymentMethods'] = readEntries(read['paymentMethods'], (fees) => readFieldsOf(fees, METHOD_FEE_FIELDS));
    if (read['paymentTypes'] !== undefined) read['paymentTypes'] = readList(read['paymentTypes'], (type) => type, `merchants[${index}].paymentTypes`);
    return read;
  }, 'merchants');
  return copy as unknown as LedgerConfig;
}
