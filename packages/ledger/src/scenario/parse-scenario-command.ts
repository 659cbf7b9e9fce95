import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { Command } from '../commands/command.js';
import { FieldCollector } from './field-collector.js';
import { fieldOf, isJsonObject, type JsonObject } from './field-reader.js';
import { parseSplitLines } from './parse-split-lines.js';
import { MAX_METADATA_KEYS } from '../sessions/decide-create-session.js';
import { quoted, shown } from '../engine/message-text.js';
import { firstKeyInCodeUnitOrder } from '../engine/code-unit-order.js';

/** Drops the keys whose value is undefined (exactOptionalPropertyTypes: absent, not undefined). */
function defined<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/**
 * One command of a scenario file (SCENARIO.md "Commands", snake_case like KOMOJU's API) as an
 * engine {@link Command}, or the rejection that makes it a rejected result (an unknown op, a
 * missing or malformed field). Unknown extra fields are ignored: the format may grow.
 *
 * @example
 * parseScenarioCommand({ op: 'payment.refund', payment: 'pay_1', amount: '50' }); // { ok: true, value: { op: 'payment.refund', payment: 'pay_1', amount: 50 } }
 * parseScenarioCommand({ op: 'payment.refund', payment: 'pay_1', amount: '1e3' }); // { ok: false, error: { code: 'amount_exponent_notation', … } }
 * parseScenarioCommand({ op: 'payment.create', id: 'p', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 900, platform_fee: 100 }] } });
 * // { ok: true, value: { op: 'payment.create', id: 'p', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 900, platformFee: 100 }] } }
 */
export function parseScenarioCommand(raw: unknown): LedgerResult<Command> {
  if (!isJsonObject(raw)) return reject('command_invalid', 'a command must be a JSON object with an op');
  const fields = new FieldCollector(raw);
  const op = fields.string('op');
  if (fields.error !== undefined) {
    // Absent (or null, read as absent) has no op; a number or a list has one of the wrong type.
    const given = fieldOf(raw, 'op');
    const what = given === undefined || given === null ? 'the command has no op' : `op ${quoted(given)} is not a string`;
    return reject('op_unknown', `${what}: see SCENARIO.md for the ops Kanjo runs`);
  }
  const common = defined({ at: fields.optionalString('at'), idempotencyKey: fields.optionalString('idempotency_key') });
  const command = parseFields(op, raw, fields);
  if (fields.error !== undefined) return { ok: false, error: fields.error };
  if (command === undefined) return reject('op_unknown', `unknown op ${quoted(op)}: see SCENARIO.md for the ops Kanjo runs`);
  return accept({ ...command, ...common } as Command);
}

function parseFields(op: string, raw: JsonObject, fields: FieldCollector): Record<string, unknown> | undefined {
  switch (op) {
    case 'payment.create':
      return defined({
        op,
        id: fields.string('id'),
        merchant: fields.string('merchant'),
        as: fields.optionalString('as'),
        amount: fields.amount('amount'),
        currency: fields.string('currency'),
        paymentType: fields.string('payment_type'),
        capture: fields.optionalBoolean('capture'),
        origin: fields.take(readOrigin(raw), undefined),
        split: fields.take(parseSplitLines(raw), undefined),
        platformAmount: fields.optionalAmount('platform_amount', true),
        platformMerchant: fields.optionalString('platform_merchant'),
      });
    case 'payment.capture':
      return defined({
        op,
        payment: fields.string('payment'),
        amount: fields.optionalAmount('amount'),
        split: fields.take(parseSplitLines(raw), undefined),
        platformAmount: fields.optionalAmount('platform_amount', true),
      });
    case 'payment.cancel':
    case 'payment.expire':
    case 'payment.chargeback':
      return { op, payment: fields.string('payment') };
    case 'payment.refund':
      return defined({
        op,
        payment: fields.string('payment'),
        amount: fields.optionalAmount('amount'),
        split: fields.take(parseSplitLines(raw, 'refund_split_too_many_lines'), undefined),
      });
    case 'payment.refund_request':
      return defined({
        op,
        id: fields.string('id'),
        payment: fields.string('payment'),
        amount: fields.optionalAmount('amount'),
        split: fields.take(parseSplitLines(raw, 'refund_split_too_many_lines'), undefined),
        includePaymentMethodFee: fields.optionalBoolean('include_payment_method_fee') ?? false,
        bankAccount: {
          customerName: fields.string('customer_name'),
          bankName: fields.string('bank_name'),
          bankCode: fields.string('bank_code'),
          branchName: fields.string('branch_name'),
          branchNumber: fields.string('branch_number'),
          accountType: fields.string('account_type'),
          accountNumber: fields.string('account_number'),
        },
      });
    case 'refund_request.complete':
    case 'refund_request.reject':
      return { op, refundRequest: fields.string('refund_request') };
    case 'balance.transfer':
      return {
        op,
        merchant: fields.string('merchant'),
        from: fields.string('from'),
        to: fields.string('to'),
        amount: fields.amount('amount'),
        currency: fields.string('currency'),
      };
    case 'payout_settings.update':
      return {
        op,
        merchant: fields.string('merchant'),
        target: fields.string('target'),
        currency: fields.string('currency'),
        frequency: fields.string('frequency'),
        minimumAmount: fields.amount('minimum_amount', true),
      };
    case 'settlement.run':
      return defined({ op, date: fields.string('date'), holidays: fields.optionalStringList('holidays') });
    case 'session.create': {
      const paymentData = fieldOf(raw, 'payment_data');
      return defined({
        op,
        id: fields.string('id'),
        merchant: fields.string('merchant'),
        as: fields.optionalString('as'),
        amount: fields.amount('amount'),
        currency: fields.string('currency'),
        paymentTypes: fields.optionalStringList('payment_types') ?? [],
        returnUrl: fields.string('return_url'),
        capture: fields.optionalString('capture') ?? 'auto',
        split: fields.take(parseSplitLines(raw), undefined),
        platformAmount: fields.optionalAmount('platform_amount', true),
        platformMerchant: fields.optionalString('platform_merchant'),
        externalCustomerId: fields.optionalString('external_customer_id'),
        externalOrderNum: fields.take(readPaymentData(paymentData), undefined),
        defaultLocale: fields.optionalString('default_locale'),
        metadata: fields.take(readMetadata(raw), undefined),
      });
    }
    case 'session.complete':
      return { op, session: fields.string('session'), payment: fields.string('payment'), paymentType: fields.string('payment_type') };
    case 'session.cancel':
      return { op, session: fields.string('session') };
    default:
      return undefined;
  }
}

function readOrigin(raw: JsonObject): LedgerResult<'api' | 'session' | undefined> {
  const origin = fieldOf(raw, 'origin');
  if (origin === undefined || origin === null) return accept(undefined);
  if (origin === 'api' || origin === 'session') return accept(origin);
  return reject('field_invalid', 'origin must be api or session');
}


function readPaymentData(paymentData: unknown): LedgerResult<string | undefined> {
  if (paymentData === undefined || paymentData === null) return accept(undefined);
  if (!isJsonObject(paymentData)) return reject('field_invalid', 'payment_data must be an object');
  const value = fieldOf(paymentData, 'external_order_num');
  if (value === undefined || value === null) return accept(undefined);
  if (typeof value !== 'string') return reject('field_invalid', 'payment_data.external_order_num must be a string');
  return accept(value);
}

function readMetadata(raw: JsonObject): LedgerResult<Readonly<Record<string, string>> | undefined> {
  const metadata = fieldOf(raw, 'metadata');
  if (metadata === undefined || metadata === null) return accept(undefined);
  if (!isJsonObject(metadata)) return reject('field_invalid', 'metadata must be an object');
  const entries = Object.entries(metadata);
  if (entries.length > MAX_METADATA_KEYS) return reject('field_invalid', `metadata may have at most ${MAX_METADATA_KEYS} keys`);
  // Metadata is carried, never interpreted: string, number or boolean values, kept as text;
  // nested values are refused rather than walked (a deep nest would exhaust the stack).
  // Of several such values, the key first in code-unit order is named: a JSON object's key
  // order means nothing, so the file's must not choose.
  const nested = firstKeyInCodeUnitOrder(metadata, (value) => typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean');
  if (nested !== undefined) return reject('field_invalid', `metadata.${shown(nested)} must be a string, number or boolean`);
  return accept(Object.fromEntries(entries.map(([key, value]) => [key, String(value)])));
}
