import { parseScenarioCommand } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';

/**
 * Survivors of a StrykerJS run over packages/ledger/src/scenario/parse-split-lines.ts against
 * the library-level scenario tests: each case states the exact result (code and message) of
 * `platform_details` as a scenario file may write it. The messages are what `kanjo run` prints.
 */
const base = { op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', capture: true };
const line = { submerchant_id: 'pm1', amount: 1, platform_fee: 0 };
const parsedBase = { op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', capture: true };
const lines = (count: number): (typeof line)[] => Array.from({ length: count }, () => line);

describe('parseScenarioCommand: platform_details and its submerchants', () => {
  // Mutants: the messages emptied (`platform_details must be an object`, `… must be a list`,
  // `…[i] must be an object`, the `where` prefix and `prefixed`'s `${where}: ${message}`), and
  // `if (!id.ok) return prefixed(…)` read `false` (a bad submerchant_id went on unreported).
  it.each([
    ['platform_details "x"', { platform_details: 'x' }, 'platform_details must be an object'],
    ['submerchants "x"', { platform_details: { submerchants: 'x' } }, 'platform_details.submerchants must be a list'],
    ['a line that is a string', { platform_details: { submerchants: ['x'] } }, 'platform_details.submerchants[0] must be an object'],
    ['a second line with a number as submerchant_id', { platform_details: { submerchants: [line, { ...line, submerchant_id: 5 }] } }, 'platform_details.submerchants[1]: submerchant_id must be a string'],
  ])('%s: field_invalid with its exact message', (_name, fields, message) => {
    expect(parseScenarioCommand({ ...base, ...fields })).toStrictEqual({ ok: false, error: { code: 'field_invalid', message } });
  });

  // Mutants: `details === null` and `submerchants === null` read `false`: a JSON null (how many
  // writers spell "absent") was refused as not an object / not a list.
  it.each([
    ['platform_details null', { platform_details: null }],
    ['submerchants null', { platform_details: { submerchants: null } }],
  ])('%s: read as absent, no split', (_name, fields) => {
    expect(parseScenarioCommand({ ...base, ...fields })).toStrictEqual({ ok: true, value: parsedBase });
  });

  // Mutants: `submerchants.length > MAX_SUBMERCHANTS` read `>=` (100 lines refused), the
  // refund's code chosen by `false` or compared with "" (a refund told
  // split_too_many_submerchants), the refund code emptied, and the message emptied. (The
  // default `tooMany` emptied is equivalent: only `=== 'refund_split_too_many_lines'` reads it.)
  it('100 lines are read; 101 are refused with split_too_many_submerchants, and in a refund with refund_split_too_many_lines', () => {
    const hundred = parseScenarioCommand({ ...base, platform_details: { submerchants: lines(100) } });
    expect(hundred.ok && hundred.value.op === 'payment.create' ? hundred.value.split?.length : undefined).toBe(100);
    const message = 'platform_details.submerchants has 101 lines; at most 100';
    expect(parseScenarioCommand({ ...base, platform_details: { submerchants: lines(101) } })).toStrictEqual({ ok: false, error: { code: 'split_too_many_submerchants', message } });
    expect(parseScenarioCommand({ op: 'payment.refund', payment: 'pay_1', amount: 1, platform_details: { submerchants: lines(101) } })).toStrictEqual({ ok: false, error: { code: 'refund_split_too_many_lines', message } });
  });
});
