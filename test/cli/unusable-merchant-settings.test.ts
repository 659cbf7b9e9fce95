import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { scratchFolder } from '../support/scratch-folder.js';

// Review 172 (a sweep of SCENARIO.md's fields): three merchant settings ran without a word and
// then failed every command that used them, or charged what nothing gives back. The file still
// runs as before (refusing it would stop files that run today); standard error says so first.

const { write } = scratchFolder('kanjo-unusable-merchant-settings-');
const MARKETPLACE = '{"id":"mart","type":"platform","business":"marketplace","payment_methods":{"credit_card":{"fee_rate":"3.6%"}}}';
const PAY = '{"op":"payment.create","id":"p1","merchant":"mart","amount":1000,"currency":"JPY","payment_type":"credit_card","platform_details":{"submerchants":[{"submerchant_id":"pm1","amount":1000,"platform_fee":100}]}}';
const run = (name: string, merchants: string[], commands: string[] = [PAY]) => {
  const result = kanjo(['run', write(name, `{"merchants":[${merchants.join(',')}],"commands":[${commands.join(',')}]}`), '--format', 'json']);
  const report = JSON.parse(result.stdout) as { results: { ok: boolean; error?: { code: string } }[]; records: { type: string }[] };
  return { ...result, codes: report.results.map((entry) => entry.error?.code ?? 'ok'), records: report.records };
};

describe('kanjo run warns of merchant settings that make commands fail or charge what nothing gives back', () => {
  it('a sub-merchant in the other book from its platform: every command naming it is merchant_in_other_book', () => {
    const result = run('books.json', [MARKETPLACE, '{"id":"pm1","type":"payout","platform":"mart","book":"live"}']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'kanjo: warning: merchants[1] ("pm1") is in the live book and its platform "mart" in the test book: books never mix, so each command naming it will be rejected (merchant_in_other_book)\n',
    );
    expect(result.codes).toEqual(['merchant_in_other_book']);
  });

  it('a platform with no payment methods: every payment it makes is payment_type_not_accepted', () => {
    const result = run('no-methods.json', ['{"id":"mart","type":"platform","business":"marketplace","payment_methods":{}}', '{"id":"pm1","type":"payout","platform":"mart"}']);
    expect(result.stderr).toBe(
      'kanjo: warning: merchants[0] ("mart") has no payment_methods: it accepts no payment type, so each of its payments will be rejected (payment_type_not_accepted)\n',
    );
    expect(result.codes).toEqual(['payment_type_not_accepted']);
  });

  it('a customer fee on a card: charged at capture, and no payment.refund gives it back', () => {
    const merchants = ['{"id":"mart","type":"platform","business":"marketplace","payment_methods":{"credit_card":{"fee_rate":"3.6%","customer_fee":100}}}', '{"id":"pm1","type":"payout","platform":"mart"}'];
    const result = run('card-customer-fee.json', merchants, [PAY, PAY.replace('"p1"', '"p2"'), '{"op":"payment.refund","payment":"p1"}']);
    expect(result.stderr).toBe(
      'kanjo: warning: merchants[0] ("mart") charges a customer_fee on "credit_card", whose payments are refunded by payment.refund: only a refund request gives a customer fee back, so a full refund leaves the customer 100 and its tax short\n',
    );
    expect(result.codes).toEqual(['ok', 'ok', 'ok']);
    expect(result.records.map((record) => record.type)).not.toContain('Refunded Customer Fee');
  });

  it('says nothing of a customer fee on a type refunded by request, nor of a customer fee of 0, nor of a sub-merchant in its platform\'s book', () => {
    const merchants = [
      '{"id":"mart","type":"platform","business":"marketplace","payment_methods":{"credit_card":{"fee_rate":"3.6%","customer_fee":0},"konbini":{"fee_rate":"2.75%","customer_fee":190}}}',
      '{"id":"pm1","type":"payout","platform":"mart","book":"test"}',
    ];
    const result = run('quiet.json', merchants);
    expect(result.stderr).toBe('');
    expect(result.codes).toEqual(['ok']);
  });

  it('names ten and counts the rest', () => {
    const platforms = Array.from({ length: 12 }, (_, index) => `{"id":"p${index}","type":"platform","business":"platform","payment_methods":{}}`);
    const lines = run('many.json', [MARKETPLACE, '{"id":"pm1","type":"payout","platform":"mart"}', ...platforms]).stderr.split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[9]).toMatch(/^kanjo: warning: merchants\[11\] \("p9"\) has no payment_methods/);
    expect(lines[10]).toBe('kanjo: warning: 2 more merchant settings make commands fail or charge a customer fee no refund gives back');
  });
});
