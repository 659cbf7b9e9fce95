import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { scratchFolder } from '../support/scratch-folder.js';

// A platform whose payment_methods named "bitcoin" (a well-formed name Kanjo has no fund flow
// for) loaded without a word, and every payment of that type was then rejected. The file still
// runs (SCENARIO.md lets a platform list its types); standard error now says so up front.

const { write } = scratchFolder('kanjo-unknown-payment-types-');
const KNOWN = 'credit_card, paypay, linepay, merpay, konbini, bank_transfer, pay_easy';
const scenario = (methods: string) =>
  `{"merchants":[{"id":"mart","type":"platform","business":"marketplace","payment_methods":{${methods}}},` +
  '{"id":"pm1","type":"payout","platform":"mart","payment_types":["bitcoin"]}],' +
  '"commands":[{"op":"payment.create","id":"p1","merchant":"mart","amount":1000,"currency":"JPY","payment_type":"bitcoin"}]}';

describe('kanjo run warns of a payment type whose fund flow Kanjo does not know', () => {
  it('names the platform\'s entry once (not again for the sub-merchant that lists it) and still runs the file', () => {
    const result = kanjo(['run', write('bitcoin.json', scenario('"credit_card":{"fee_rate":"3.6%"},"bitcoin":{"fee_rate":"1%"}')), '--format', 'json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      `kanjo: warning: merchants[0].payment_methods names the payment type "bitcoin", whose fund flow Kanjo does not know: its payments will be rejected (payment_type_not_supported); Kanjo knows ${KNOWN}\n`,
    );
    expect((JSON.parse(result.stdout) as { results: { error?: { code: string } }[] }).results[0]?.error?.code).toBe('payment_type_not_supported');
  });

  it('names ten and counts the rest', () => {
    const methods = Array.from({ length: 12 }, (_, index) => `"coin_${index}":{"fee_rate":"1%"}`).join(',') + ',"bitcoin":{"fee_rate":"1%"}';
    const lines = kanjo(['run', write('many.json', scenario(methods)), '--format', 'json']).stderr.split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[9]).toMatch(/^kanjo: warning: merchants\[0\]\.payment_methods names the payment type "coin_9"/);
    expect(lines[10]).toBe('kanjo: warning: 3 more payment types Kanjo does not know are named in payment_methods; their payments will be rejected');
  });

  it('says nothing when every type is known', () => {
    expect(kanjo(['run', write('known.json', scenario('"credit_card":{"fee_rate":"3.6%"},"bitcoin":{"fee_rate":"1%"}').replace(/"bitcoin":\{"fee_rate":"1%"\}/, '"paypay":{"fee_rate":"3%"}').replace('["bitcoin"]', '["paypay"]')), '--format', 'json']).stderr).toBe('');
  });
});
