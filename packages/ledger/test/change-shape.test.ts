import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal: the shape check of imported changes (parseJournalEntry and the compact decoder use it).
import { changeShapeProblem } from '../src/journal/change-shape-problem.js';
import { referenceChangeShapeProblem } from './support/change-shape-reference.js';

const parts = { platform: 10, submerchants: [{ submerchantId: 'pm1', amount: 90 }] };
const holds = [{ merchant: 'pm1', amount: 90 }];
const refundFee = { fee: { type: 'Refund Fee', amount: 300 }, tax: { type: 'Refund Fee Tax', amount: 30 } };
const refundedCustomerFee = { fee: { type: 'Refunded Customer Fee', amount: 190 }, tax: { type: 'Refunded Customer Fee Tax', amount: 19 } };

/** One well-formed change of every kind, as the engine writes them. */
const VALID_CHANGES: readonly Record<string, unknown>[] = [
  { kind: 'payment_created', payment: { id: 'p1', platform: 'mart', seller: undefined, model: 'marketplace', amount: 1000, currency: 'JPY', paymentType: 'credit_card', origin: 'api' } },
  { kind: 'payment_created', payment: { id: 'k1', platform: 'mart', seller: undefined, model: 'marketplace', amount: 1000, currency: 'JPY', paymentType: 'konbini', origin: 'api', pendingSplit: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] } },
  { kind: 'payment_created', payment: { id: 'k2', platform: 'plt', seller: 's1', model: 'seller', amount: 1000, currency: 'JPY', paymentType: 'konbini', origin: 'api', platformAmount: 100, platformAmountFixed: true } },
  { kind: 'payment_captured', payment: 'p1', capturedAmount: 1000, split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }], shares: { platform: 370, submerchants: [{ submerchantId: 'pm1', share: 630 }] }, platformAmount: 0, customerFee: 0, customerFeeTax: 0 },
  { kind: 'payment_cancelled', payment: 'p1' },
  { kind: 'payment_expired', payment: 'p1' },
  { kind: 'payment_refunded', payment: 'p1', amount: 100, parts, customerFeeRefunded: false },
  { kind: 'payment_charged_back', payment: 'p1', amount: 100 },
  { kind: 'refund_request_created', request: { id: 'r1', payment: 'p1', currency: 'JPY', amount: 100, platform: 'mart', parts, holds, refundFee, refundedCustomerFee } },
  { kind: 'refund_request_completed', refundRequest: 'r1' },
  { kind: 'refund_request_rejected', refundRequest: 'r1' },
  { kind: 'refund_request_reestimated', refundRequest: 'r1', parts, holds },
  { kind: 'balance_transferred', from: 'mart', to: 'pm1', currency: 'JPY', amount: 500 },
  { kind: 'payout_settings_updated', settings: { merchant: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 } },
  { kind: 'payout_period_settled', merchant: 'pm1', currency: 'JPY', periodStart: '2026-01-01', periodEnd: '2026-01-07', amount: 500 },
  {
    kind: 'session_created',
    session: {
      id: 's1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/r', capture: 'auto',
      split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }], externalCustomerId: 'c1', externalOrderNum: 'o1', defaultLocale: 'ja', metadata: { order: '7' },
    },
  },
  { kind: 'session_completed', session: 's1', payment: 'p1' },
  { kind: 'session_cancelled', session: 's1' },
];

/** Every path into a value: its fields, their fields, list items… */
function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  if (typeof value !== 'object' || value === null) return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return keys.flatMap((key) => [[...prefix, key], ...pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key])]);
}

/** A deep copy of `value` with the thing at `path` replaced (or removed when `replacement` has no `with`). */
function replaced(value: unknown, path: readonly (string | number)[], replacement: { readonly with?: unknown }): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if ('with' in replacement) parent[last] = replacement.with;
  // A list item is taken out, not deleted: JSON has no lists with holes.
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

/** Values that break a field in every way the fold cares about, and some that happen not to. */
const oddValue = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, -1, 0, 1, 0.5, 2 ** 53, Number.NaN, '', 'x', 'payment_created', true, false, [], {}, [{}], { platform: 0, submerchants: [] }),
  fc.jsonValue(),
);

describe('changeShapeProblem', () => {
  it('accepts the well-formed change of every kind', () => {
    for (const change of VALID_CHANGES) expect(changeShapeProblem(change), String(change['kind'])).toBeUndefined();
  });

  it('names the same problem as the table-driven reference for any one field of any change broken, replaced or removed', () => {
    const mutation = fc
      .constantFrom(...VALID_CHANGES)
      .chain((change) => fc.tuple(fc.constant(change), fc.constantFrom(...pathsOf(change)), fc.option(oddValue, { nil: undefined }), fc.boolean()));
    fc.assert(
      fc.property(mutation, ([change, path, value, remove]) => {
        const broken = replaced(change, path, remove ? {} : { with: value });
        expect(changeShapeProblem(broken)).toBe(referenceChangeShapeProblem(broken));
      }),
      { numRuns: 20_000 },
    );
  });

  it('names the same problem as the reference for values that are not changes at all', () => {
    fc.assert(
      fc.property(fc.oneof(oddValue, fc.record({ kind: fc.oneof(fc.string(), fc.constantFrom('toString', '__proto__', 'constructor', 'hasOwnProperty')) })), (value) => {
        expect(changeShapeProblem(value)).toBe(referenceChangeShapeProblem(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('says which field is wrong and lists what the kind needs', () => {
    expect(changeShapeProblem({ kind: 'payment_refunded', payment: 'p1', amount: 100, parts: { platform: 0, submerchants: [{ submerchantId: 'pm1', amount: -1 }] }, customerFeeRefunded: false })).toBe(
      'payment_refunded needs parts of the right type (payment, amount, parts, customerFeeRefunded)',
    );
    expect(changeShapeProblem({ kind: 'refund_request_reestimated', refundRequest: 'r1', parts, holds: [{ merchant: 'pm1', amount: 0 }] })).toBe(
      'refund_request_reestimated needs holds of the right type (refundRequest, parts, holds)',
    );
    const request = { id: 'r1', payment: 'p1', currency: 'JPY', amount: 100, platform: 'mart', parts, holds, refundFee };
    expect(changeShapeProblem({ kind: 'refund_request_created', request: { ...request, refundFee: { ...refundFee, tax: { type: 'Refund Fee Tax', amount: 0.5 } } } })).toBe(
      'refund_request_created needs request.refundFee of the right type (request, request.refundFee, request.refundedCustomerFee)',
    );
    expect(changeShapeProblem({ kind: 'refund_request_created', request: { ...request, refundedCustomerFee: null } })).toBe(
      'refund_request_created needs request.refundedCustomerFee of the right type (request, request.refundFee, request.refundedCustomerFee)',
    );
    expect(changeShapeProblem({ kind: 'refund_request_created', request })).toBeUndefined();
    expect(changeShapeProblem({ kind: 'payment_settled' })).toBe('unknown change kind "payment_settled"');
    expect(changeShapeProblem(['payment_created'])).toBe('a change must be an object with a kind');
  });
});
