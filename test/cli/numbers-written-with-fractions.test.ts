import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { scratchFolder } from '../support/scratch-folder.js';

// Review 150: "amount": 10.00 on a USD payment ran as 10 cents (JSON reads 10.00 as 10), where
// the string "10.00" is amount_not_integer. The run goes on, as files that write 1000.0 run
// today; standard error names each such number.

const { write } = scratchFolder('kanjo-numbers-written-');
const MERCHANTS = '"merchants":[{"id":"mart","type":"platform","business":"marketplace","payment_methods":{"credit_card":{"fee_rate":"3.6%"}}},{"id":"pm1","type":"payout","platform":"mart"}]';
const create = (amount: string, line: string) =>
  `{"op":"payment.create","id":"p1","merchant":"mart","amount":${amount},"currency":"USD","payment_type":"credit_card","platform_details":{"submerchants":[{"submerchant_id":"pm1","amount":${line},"platform_fee":0}]}}`;

describe('kanjo run warns of a whole number written with a fraction or an exponent', () => {
  it('names each one with its place, and the run is the one JSON reads (10 minor units)', () => {
    const result = kanjo(['run', write('dollars.json', `{${MERCHANTS},"commands":[${create('10.00', '1e1')}]}`), '--format', 'json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      "kanjo: warning: commands[0].amount is written 10.00, which JSON reads as 10: Kanjo reads amounts in the currency's minor unit (cents of USD, yen of JPY), so this is 10 of them; write amounts as whole minor units, digits only\n" +
        "kanjo: warning: commands[0].platform_details.submerchants[0].amount is written 1e1, which JSON reads as 10: Kanjo reads amounts in the currency's minor unit (cents of USD, yen of JPY), so this is 10 of them; write amounts as whole minor units, digits only\n",
    );
    expect((JSON.parse(result.stdout) as { payments: Record<string, { amount: number }> }).payments['p1']?.amount).toBe(10);
  });

  it('review 152: a long path and a long number are cut, and a number under a field that is not an amount is not named', () => {
    const key = 'k'.repeat(1000);
    const file = `{${MERCHANTS},"${key}":{"amount":1.${'0'.repeat(100)}},"version":2.0,"commands":[]}`;
    const lines = kanjo(['run', write('long.json', file), '--format', 'json']).stderr.split('\n').filter((line) => line.includes('is written'));
    expect(lines).toEqual([`kanjo: warning: ["${key.slice(0, 158)}… is written 1.${'0'.repeat(30)}…, which JSON reads as 1: Kanjo reads amounts in the currency's minor unit (cents of USD, yen of JPY), so this is 1 of them; write amounts as whole minor units, digits only`]);
  });

  it('says nothing of digits, nor of a fraction the engine refuses itself', () => {
    const plain = kanjo(['run', write('plain.json', `{${MERCHANTS},"commands":[${create('10', '10')}]}`), '--format', 'json']);
    expect(plain.stderr).toBe('');
    const fraction = kanjo(['run', write('fraction.json', `{${MERCHANTS},"commands":[${create('10.5', '10')}]}`), '--format', 'json']);
    expect([fraction.stderr, (JSON.parse(fraction.stdout) as { results: { error?: { code: string } }[] }).results[0]?.error?.code]).toEqual(['', 'amount_not_integer']);
  });
});
