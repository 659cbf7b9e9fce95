import { describe, expect, it } from 'vitest';
import { parseScenarioCommand } from '../src/scenario/parse-scenario-command.js';
import { refused } from './support/refused.js';

/**
 * Survivors of a StrykerJS run over packages/ledger/src/scenario/parse-scenario-command.ts
 * against the library-level scenario tests (session 28's run, classified in session 29): the
 * defaults a scenario command gets for a field it leaves out, the origin, payment_data and
 * metadata checks, and the exact code and message of each refusal (what `kanjo run` prints).
 */

const SESSION = { op: 'session.create', id: 's1', merchant: 'mart', amount: 1000, currency: 'JPY', return_url: 'https://shop.example/back' };
const SESSION_PARSED = { op: 'session.create', id: 's1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: [], returnUrl: 'https://shop.example/back', capture: 'auto' };
const PAYMENT = { op: 'payment.create', id: 'p1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card' };
const PAYMENT_PARSED = { op: 'payment.create', id: 'p1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card' };
const BANK = { customer_name: 'Yamada Taro', bank_name: 'Mizuho', bank_code: '0001', branch_name: 'Tokyo', branch_number: '001', account_type: 'normal', account_number: '1234567' };
const BANK_PARSED = { customerName: 'Yamada Taro', bankName: 'Mizuho', bankCode: '0001', branchName: 'Tokyo', branchNumber: '001', accountType: 'normal', accountNumber: '1234567' };

/** `count` split lines of ¥1 each, as a scenario file writes them. */
const submerchants = (count: number): unknown => ({ submerchants: Array.from({ length: count }, (_, index) => ({ submerchant_id: `s${index}`, amount: 1, platform_fee: 0 })) });

describe('parseScenarioCommand: what is not a command', () => {
  // Mutants: each message emptied; `command === undefined` read `false`, which let an unknown op
  // through as a command with only `op` (and at, idempotency_key) in it.
  it('a non-object, a command without op, and an op Kanjo does not run are refused with their own words', () => {
    expect(parseScenarioCommand([])).toStrictEqual(refused('command_invalid', 'a command must be a JSON object with an op'));
    expect(parseScenarioCommand('payment.create')).toStrictEqual(refused('command_invalid', 'a command must be a JSON object with an op'));
    expect(parseScenarioCommand({ id: 'p1' })).toStrictEqual(refused('op_unknown', 'the command has no op: see SCENARIO.md for the ops Kanjo runs'));
    expect(parseScenarioCommand({ op: null })).toStrictEqual(refused('op_unknown', 'the command has no op: see SCENARIO.md for the ops Kanjo runs'));
    // Review 151: an op of the wrong type was told it had none.
    expect(parseScenarioCommand({ op: 5 })).toStrictEqual(refused('op_unknown', 'op 5 is not a string: see SCENARIO.md for the ops Kanjo runs'));
    expect(parseScenarioCommand({ op: ['payment.create'] })).toStrictEqual(refused('op_unknown', 'op ["payment.create"] is not a string: see SCENARIO.md for the ops Kanjo runs'));
    expect(parseScenarioCommand({ op: 'payment.void', at: '2026-12-03T10:00:00Z' })).toStrictEqual(refused('op_unknown', 'unknown op "payment.void": see SCENARIO.md for the ops Kanjo runs'));
  });

  // Mutant: the `default:` of the op switch; the last case before it still parses as itself.
  it('session.cancel, the last op before the default, is a command of its own', () => {
    expect(parseScenarioCommand({ op: 'session.cancel', session: 's1', idempotency_key: 'k1' })).toStrictEqual({ ok: true, value: { op: 'session.cancel', session: 's1', idempotencyKey: 'k1' } });
  });
});

describe('parseScenarioCommand: the defaults of fields a command leaves out', () => {
  // Mutant: `?? false` read `?? true`: a refund request that did not ask for the customer fee back
  // would have cost the platform that fee and its tax (DOMAIN.md, refund requests).
  it('a refund request without include_payment_method_fee does not include the fee; with it, it does', () => {
    const request = { op: 'payment.refund_request', id: 'r1', payment: 'p1', ...BANK };
    expect(parseScenarioCommand(request)).toStrictEqual({ ok: true, value: { op: 'payment.refund_request', id: 'r1', payment: 'p1', includePaymentMethodFee: false, bankAccount: BANK_PARSED } });
    expect(parseScenarioCommand({ ...request, include_payment_method_fee: true })).toStrictEqual({ ok: true, value: { op: 'payment.refund_request', id: 'r1', payment: 'p1', includePaymentMethodFee: true, bankAccount: BANK_PARSED } });
  });

  // Mutant: `?? []` read `?? ["Stryker was here"]`: a session without payment_types offered a
  // payment type nobody named.
  it('a session without payment_types has an empty list of them; its capture is auto', () => {
    expect(parseScenarioCommand(SESSION)).toStrictEqual({ ok: true, value: SESSION_PARSED });
  });

  // Mutant: the session's platform_amount read with allowZero false: a session whose platform
  // keeps nothing was refused, though a payment may say platform_amount 0.
  it("a session's platform_amount may be 0, as a payment's may", () => {
    expect(parseScenarioCommand({ ...SESSION, platform_amount: 0 })).toStrictEqual({ ok: true, value: { ...SESSION_PARSED, platformAmount: 0 } });
    expect(parseScenarioCommand({ ...PAYMENT, platform_amount: 0 })).toStrictEqual({ ok: true, value: { ...PAYMENT_PARSED, platformAmount: 0 } });
  });

  // Mutant: the refund request's split read with the payment's too-many code: a refund request
  // over the line limit is refused as a refund is, not as a payment is.
  it('a refund request with 101 split lines is refund_split_too_many_lines; a payment with them is split_too_many_submerchants', () => {
    const message = 'platform_details.submerchants has 101 lines; at most 100';
    expect(parseScenarioCommand({ op: 'payment.refund_request', id: 'r1', payment: 'p1', ...BANK, platform_details: submerchants(101) })).toStrictEqual(refused('refund_split_too_many_lines', message));
    expect(parseScenarioCommand({ op: 'payment.refund', payment: 'p1', platform_details: submerchants(101) })).toStrictEqual(refused('refund_split_too_many_lines', message));
    expect(parseScenarioCommand({ ...PAYMENT, platform_details: submerchants(101) })).toStrictEqual(refused('split_too_many_submerchants', message));
  });
});

describe("parseScenarioCommand: a payment's origin", () => {
  // Mutants: the null check read `false` (null refused); the api/session check read `true` (any
  // text accepted) or `false` on either side, `&&` for `||`, `!==` for `===`, or the words
  // emptied; the refusal's message emptied.
  it.each([
    ['absent', undefined, { ok: true, value: PAYMENT_PARSED }],
    ['null, as absent', null, { ok: true, value: PAYMENT_PARSED }],
    ['api', 'api', { ok: true, value: { ...PAYMENT_PARSED, origin: 'api' } }],
    ['session', 'session', { ok: true, value: { ...PAYMENT_PARSED, origin: 'session' } }],
    ['web', 'web', refused('field_invalid', 'origin must be api or session')],
    ['the empty text', '', refused('field_invalid', 'origin must be api or session')],
    ['API in capitals', 'API', refused('field_invalid', 'origin must be api or session')],
    ['a number', 1, refused('field_invalid', 'origin must be api or session')],
  ])('origin %s', (_, origin, expected) => {
    expect(parseScenarioCommand(origin === undefined ? PAYMENT : { ...PAYMENT, origin })).toStrictEqual(expected);
  });
});

describe("parseScenarioCommand: a session's payment_data", () => {
  // Mutants: each null check read `false`, `&&` for `||`; the object and string checks read
  // `false`; their messages emptied.
  it.each([
    ['null, as absent', null, { ok: true, value: SESSION_PARSED }],
    ['an object without external_order_num', {}, { ok: true, value: SESSION_PARSED }],
    ['external_order_num null, as absent', { external_order_num: null }, { ok: true, value: SESSION_PARSED }],
    ['external_order_num absent beside other fields', { note: 'x' }, { ok: true, value: SESSION_PARSED }],
    ['external_order_num "A-17"', { external_order_num: 'A-17' }, { ok: true, value: { ...SESSION_PARSED, externalOrderNum: 'A-17' } }],
    ['a text', 'A-17', refused('field_invalid', 'payment_data must be an object')],
    ['a list', [{ external_order_num: 'A-17' }], refused('field_invalid', 'payment_data must be an object')],
    ['external_order_num a number', { external_order_num: 17 }, refused('field_invalid', 'payment_data.external_order_num must be a string')],
    ['external_order_num false', { external_order_num: false }, refused('field_invalid', 'payment_data.external_order_num must be a string')],
  ])('payment_data %s', (_, paymentData, expected) => {
    expect(parseScenarioCommand({ ...SESSION, payment_data: paymentData })).toStrictEqual(expected);
  });
});

describe("parseScenarioCommand: a session's metadata", () => {
  const keys = (count: number): Record<string, string> => Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, `v${index}`]));

  // Mutants: the null check read `false`; the message of a non-object emptied; `>` read `>=`
  // (50 keys refused) or the limit check `false` (51 accepted), its message emptied; the message
  // of a nested value emptied.
  it('null is absent; numbers and booleans are carried as text', () => {
    expect(parseScenarioCommand({ ...SESSION, metadata: null })).toStrictEqual({ ok: true, value: SESSION_PARSED });
    expect(parseScenarioCommand({ ...SESSION, metadata: { order: 'A-17', items: 3, gift: false } })).toStrictEqual({ ok: true, value: { ...SESSION_PARSED, metadata: { order: 'A-17', items: '3', gift: 'false' } } });
  });

  it('50 keys are carried; 51 are refused before any value is read', () => {
    expect(parseScenarioCommand({ ...SESSION, metadata: keys(50) })).toStrictEqual({ ok: true, value: { ...SESSION_PARSED, metadata: keys(50) } });
    expect(parseScenarioCommand({ ...SESSION, metadata: { ...keys(50), nested: {} } })).toStrictEqual(refused('field_invalid', 'metadata may have at most 50 keys'));
  });

  it('a list, and a nested value, are refused with their own words', () => {
    expect(parseScenarioCommand({ ...SESSION, metadata: ['order'] })).toStrictEqual(refused('field_invalid', 'metadata must be an object'));
    expect(parseScenarioCommand({ ...SESSION, metadata: 'order=A-17' })).toStrictEqual(refused('field_invalid', 'metadata must be an object'));
    expect(parseScenarioCommand({ ...SESSION, metadata: { order: { id: 'A-17' } } })).toStrictEqual(refused('field_invalid', 'metadata.order must be a string, number or boolean'));
    expect(parseScenarioCommand({ ...SESSION, metadata: { 'order id': null } })).toStrictEqual(refused('field_invalid', 'metadata."order id" must be a string, number or boolean'));
  });
});
