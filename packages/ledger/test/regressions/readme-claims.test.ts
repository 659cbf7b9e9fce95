import { parseScenarioCommand, type Command } from '@kanjo/ledger';
import { validateMarketplaceSplit } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';
import { goldenPayment, marketplaceSession } from '../support/fixtures.js';
import { accepted, newLedger, rejected } from '../support/ledger-harness.js';

// Review of the READMEs' sentences that promise behaviour, each checked against what the code
// does. Where a sentence was wrong and the code right, the README was corrected and the test
// pins the true behaviour.

/** A command from code with fields of the wrong type, as a service handing on a request body would build it. */
const loose = (command: object): Command => command as unknown as Command;

describe('ledger README "How it works": a field of the wrong type from code', () => {
  // The README said every such field is "refused as the scenario reader refuses it
  // (field_invalid, field_missing, command_invalid), before the idempotency key is looked at".
  // Only the fields the flows would otherwise misread are (command-shape-problem.ts says so);
  // the others come back with the code of the check they fail, and a session's carried text is
  // checked with the session, after the key.

  it('fields the flows would misread are field_invalid / field_missing, before the key is looked at', () => {
    const ledger = newLedger();
    accepted(ledger, { ...goldenPayment('pay_1'), idempotencyKey: 'k1' });
    rejected(ledger, loose({ ...goldenPayment('pay_1'), capture: 'true', idempotencyKey: 'k1' }), 'field_invalid');
    rejected(ledger, loose({ ...goldenPayment('pay_1'), split: 'pm1', idempotencyKey: 'k1' }), 'field_invalid');
    rejected(ledger, loose({ op: 'payment.refund_request', id: 'r', payment: 'pay_1', includePaymentMethodFee: false }), 'field_missing');
  });

  it('other fields of the wrong type get the code of the check they fail, not a field code', () => {
    const ledger = newLedger();
    rejected(ledger, loose(goldenPayment('pay_1', { merchant: 5 as unknown as string })), 'merchant_not_found');
    rejected(ledger, loose(goldenPayment(5 as unknown as string)), 'id_invalid');
    rejected(ledger, loose(goldenPayment('pay_1', { paymentType: 5 as unknown as string })), 'payment_type_not_supported');
    rejected(ledger, loose(goldenPayment('pay_1', { currency: undefined as unknown as string })), 'currency_unknown');
    rejected(ledger, loose({ ...goldenPayment('pay_1'), idempotencyKey: 5 }), 'idempotency_key_invalid');
    rejected(ledger, loose({ op: 'payment.capture' }), 'payment_not_found');
    // The scenario reader gives each of these field_invalid / field_missing.
    const scenario = (command: object): string => {
      const parsed = parseScenarioCommand(command);
      return parsed.ok ? 'accepted' : parsed.error.code;
    };
    const base = { op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card' };
    expect(scenario({ ...base, merchant: 5 })).toBe('field_invalid');
    expect(scenario({ ...base, id: 5 })).toBe('field_invalid');
    expect(scenario({ ...base, idempotency_key: 5 })).toBe('field_invalid');
    expect(scenario({ op: 'payment.capture' })).toBe('field_missing');
  });

  it('the scenario reader reads "true" and "false" as booleans; from code they are field_invalid', () => {
    const parsed = parseScenarioCommand({ op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', capture: 'false' });
    expect(parsed.ok && parsed.value.op === 'payment.create' ? parsed.value.capture : 'rejected').toBe(false);
    rejected(newLedger(), loose(goldenPayment('pay_1', { capture: 'false' as unknown as boolean })), 'field_invalid');
  });

  it("a session's carried text that is not text is field_invalid, checked after the idempotency key", () => {
    const fresh = newLedger();
    rejected(fresh, loose(marketplaceSession('ses_1', { metadata: { order: 1 as unknown as string } })), 'field_invalid');
    rejected(fresh, loose(marketplaceSession('ses_1', { externalCustomerId: 7 as unknown as string })), 'field_invalid');
    const ledger = newLedger();
    accepted(ledger, { ...marketplaceSession('ses_1'), idempotencyKey: 'k1' });
    rejected(ledger, loose({ ...marketplaceSession('ses_1', { metadata: { order: 1 as unknown as string } }), idempotencyKey: 'k1' }), 'idempotency_key_reused');
    rejected(ledger, loose({ ...marketplaceSession('ses_1', { externalCustomerId: 7 as unknown as string }), idempotencyKey: 'k1' }), 'idempotency_key_reused');
    // A session's lists are shape fields: checked before the key.
    rejected(ledger, loose({ ...marketplaceSession('ses_1', { paymentTypes: 'credit_card' as unknown as string[] }), idempotencyKey: 'k1' }), 'field_invalid');
  });
});

describe('lengths: ids, idempotency keys and sub-merchant ids count UTF-16 code units, external_customer_id characters', () => {
  // The READMEs said "longer than 255 characters" for ids and keys. The limit is JavaScript's
  // length: an emoji or a kanji outside the BMP counts two, so 128 of them are over it.
  // external_customer_id (DOMAIN.md: "≤ 255 characters") counts characters.
  const emoji = '😀';

  it('a payment id of 128 emoji (128 characters, 256 code units) is id_invalid; 127 and a letter are accepted', () => {
    const ledger = newLedger();
    rejected(ledger, goldenPayment(emoji.repeat(128)), 'id_invalid');
    accepted(ledger, goldenPayment(`${emoji.repeat(127)}a`));
  });

  it('an idempotency key of 128 emoji is idempotency_key_invalid', () => {
    rejected(newLedger(), { ...goldenPayment('pay_1'), idempotencyKey: emoji.repeat(128) }, 'idempotency_key_invalid');
  });

  it('a split line naming a sub-merchant id of 128 emoji is split_submerchant_id_invalid', () => {
    const split = validateMarketplaceSplit([{ submerchantId: emoji.repeat(128), amount: 1000, platformFee: 0 }], 'immediate_capture', 1000);
    expect(split.ok ? 'accepted' : split.error.code).toBe('split_submerchant_id_invalid');
  });

  it('an external_customer_id of 128 emoji is accepted: it counts characters', () => {
    accepted(newLedger(), marketplaceSession('ses_1', { externalCustomerId: emoji.repeat(128) }));
  });
});
