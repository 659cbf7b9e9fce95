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

// Review 189: "amount": 9007199254740990.5 ran as 9007199254740990 with the warning above, which
// called it a whole number. SCENARIO.md: "Anything else (1000.5, …) is rejected". A double holds
// no closer value, so JSON.parse rounds the fraction away; the text still shows it, and the
// amount is now read as that text, refused as the string "1000.5" is.
describe('kanjo run refuses an amount whose fraction JSON would round away', () => {
  it('its command is amount_not_integer, quoting the text; the run goes on, and a warning says why a number shows as text', () => {
    const file = `{${MERCHANTS},"commands":[${create('9007199254740990.5', '9007199254740990')},${create('1000', '1000').replace('"p1"', '"p2"')}]}`;
    const result = kanjo(['run', write('rounded-away.json', file), '--format', 'json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'kanjo: warning: commands[0].amount is written 9007199254740990.5, not a whole number, though JSON would read it as 9007199254740990: it is read as the text it is, and refused; write amounts as whole minor units, digits only\n',
    );
    const { results } = JSON.parse(result.stdout) as { results: { ok: boolean; error?: { code: string; message: string } }[] };
    expect(results.map((entry) => entry.error ?? 'accepted')).toEqual([
      { code: 'amount_not_integer', message: 'amount must be a whole number of minor units written as digits only, without a decimal point, got "9007199254740990.5"' },
      'accepted',
    ]);
  });

  it('under a merchant setting the file is unusable (exit 2), as with "10.5"', () => {
    const merchants = MERCHANTS.replace('"fee_rate":"3.6%"', '"fee_rate":"3.6%","fixed_fee":10.00000000000000001');
    const result = kanjo(['run', write('setting.json', `{${merchants},"commands":[]}`)]);
    expect([result.status, result.stderr]).toEqual([
      2,
      expect.stringContaining('amount_not_integer: merchants[0]: payment_methods.credit_card: fixed_fee must be a whole number of minor units written as digits only, without a decimal point, got "10.00000000000000001"'),
    ]);
  });

  // Review 190: the first version went by the key's name alone.
  it('a number where no amount is read is left as JSON reads it, and not named: metadata, a field Kanjo does not read, an op that reads no amount', () => {
    const session = `{"op":"session.create","id":"s1","merchant":"mart","amount":1000,"currency":"USD","payment_types":["credit_card"],"return_url":"https://shop.example/back","capture":"auto","platform_details":{"submerchants":[{"submerchant_id":"pm1","amount":1000,"platform_fee":0}]},"metadata":{"amount":1000.00000000000001}}`;
    const cancel = '{"op":"payment.cancel","payment":"nope","amount":1000.00000000000001}';
    const unread = create('1000', '1000').replace('"currency"', '"extra":{"amount":1000.00000000000001},"currency"');
    const result = kanjo(['run', write('not-amounts.json', `{${MERCHANTS},"commands":[${session},${cancel},${unread}]}`), '--format', 'json']);
    expect(result.stderr.split('\n').filter((line) => line.includes('not a whole number'))).toEqual([]);
    const { results } = JSON.parse(result.stdout) as { results: { error?: { code: string } }[] };
    expect(results.map((entry) => entry.error?.code ?? 'accepted')).toEqual(['accepted', 'payment_not_found', 'accepted']);
  });

  it('a fraction inside a value JSON drops (its key given again, at any depth) is not judged', () => {
    const dropped = create('1000', '1000').replace('"platform_details":', '"platform_details":{"submerchants":[{"submerchant_id":"pm1","amount":1000.00000000000001,"platform_fee":0}]},"platform_details":');
    const result = kanjo(['run', write('dropped.json', `{${MERCHANTS},"commands":[${dropped}]}`), '--format', 'json']);
    expect(result.stderr.split('\n').filter((line) => line.includes('not a whole number'))).toEqual([]);
    expect((JSON.parse(result.stdout) as { results: { error?: unknown }[] }).results[0]?.error).toBeUndefined();
  });

  it('of a key given twice only the value JSON keeps is judged: a fraction before it is not read, one after it is', () => {
    const before = create('1000.00000000000001,"amount":1000', '1000');
    const after = create('1000,"amount":1000.00000000000001', '1000').replace('"p1"', '"p2"');
    const result = kanjo(['run', write('twice.json', `{${MERCHANTS},"commands":[${before},${after}]}`), '--format', 'json']);
    expect(result.stderr.split('\n').filter((line) => line.includes('is written'))).toEqual([
      'kanjo: warning: commands[1].amount is written 1000.00000000000001, not a whole number, though JSON would read it as 1000: it is read as the text it is, and refused; write amounts as whole minor units, digits only',
    ]);
    const { results } = JSON.parse(result.stdout) as { results: { error?: { code: string } }[] };
    expect(results.map((entry) => entry.error?.code ?? 'accepted')).toEqual(['accepted', 'amount_not_integer']);
  });
});

// Review 193: "amount": 9007199254740993 was refused quoting 9007199254740992, the double JSON
// reads, where the README says a message quotes an amount as sent. Such an amount is read as its
// text: refused with the same code, quoting what the file says.
describe('kanjo run quotes an amount written in digits past 2^53 as written', () => {
  it('same code as before, the message quoting the digits; no warning; metadata and unread fields are left alone', () => {
    const huge = `1${'0'.repeat(30)}`;
    const commands = [
      create('9007199254740993', '1000'),
      create('1000', '-9007199254740993').replace('"p1"', '"p2"'),
      create(huge, '1000').replace('"p1"', '"p3"'),
      create('1000', '1000').replace('"p1"', '"p4"').replace('"currency"', '"metadata":{"amount":9007199254740993},"extra":{"amount":9007199254740993},"currency"'),
    ];
    const result = kanjo(['run', write('past-safe.json', `{${MERCHANTS},"commands":[${commands.join(',')}]}`), '--format', 'json']);
    // Warned of only for the fields payment.create does not read.
    expect([result.status, result.stderr.split('\n').filter((line) => !line.includes('which Kanjo does not read'))]).toEqual([0, ['']]);
    const { results } = JSON.parse(result.stdout) as { results: { error?: { code: string; message: string } }[] };
    expect(results.map((entry) => entry.error ?? 'accepted')).toEqual([
      { code: 'amount_not_safe_integer', message: 'amount must be at most 9007199254740991 minor units, got "9007199254740993"' },
      { code: 'amount_negative', message: 'platform_details.submerchants[0]: amount must not be negative (send the amount without a sign), got "-9007199254740993"' },
      { code: 'amount_not_safe_integer', message: `amount must be at most 9007199254740991 minor units, got "${huge}"` },
      'accepted',
    ]);
  });

  it('under a merchant setting the file is unusable (exit 2), quoting the digits', () => {
    const merchants = MERCHANTS.replace('"fee_rate":"3.6%"', '"fee_rate":"3.6%","fixed_fee":9007199254740993');
    const result = kanjo(['run', write('setting-past-safe.json', `{${merchants},"commands":[]}`)]);
    expect([result.status, result.stderr]).toEqual([2, expect.stringContaining('got "9007199254740993"')]);
  });
});
