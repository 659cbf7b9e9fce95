import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { scratchFolder } from '../support/scratch-folder.js';

// Review 147: "amount":1000,"amount":5 in a command ran with 5, and with the keys the other way
// round with 1000, without a word; a second "commands" at the end of a file replaced the
// commands before it. README "Bad input": the run goes on with the last, and a warning says so.

const { write } = scratchFolder('kanjo-duplicate-keys-');
const MERCHANTS = '"merchants":[{"id":"mart","type":"platform","business":"marketplace","payment_methods":{"credit_card":{"fee_rate":"3.6%"}}},{"id":"pm1","type":"payout","platform":"mart"}]';
const create = (amounts: string) =>
  `{"op":"payment.create","id":"p1","merchant":"mart",${amounts},"currency":"JPY","payment_type":"credit_card","platform_details":{"submerchants":[{"submerchant_id":"pm1","amount":1000,"platform_fee":0}]}}`;
const WARNING = (path: string, key: string) => `kanjo: warning: ${path} gives the key "${key}" twice: Kanjo read the last one (JSON readers differ on which they keep); give each key once\n`;

describe('kanjo run warns of a key an object gives twice, and reads the last', () => {
  it('in a command: the last amount is the one run, and the warning names the command', () => {
    const last5 = kanjo(['run', write('last-5.json', `{${MERCHANTS},"commands":[${create('"amount":1000,"amount":5')}]}`), '--format', 'json']);
    expect(last5.status).toBe(0);
    expect((JSON.parse(last5.stdout) as { results: { error?: { code: string } }[] }).results[0]?.error?.code).toBe('split_sum_mismatch');
    expect(last5.stderr).toBe(WARNING('commands[0]', 'amount'));
    const last1000 = kanjo(['run', write('last-1000.json', `{${MERCHANTS},"commands":[${create('"amount":5,"amount":1000')}]}`), '--format', 'json']);
    expect((JSON.parse(last1000.stdout) as { results: { ok: boolean }[] }).results[0]?.ok).toBe(true);
    expect(last1000.stderr).toBe(WARNING('commands[0]', 'amount'));
  });

  it('at the top: a second commands list, which replaced the first', () => {
    const result = kanjo(['run', write('two-lists.json', `{${MERCHANTS},"commands":[${create('"amount":1000')}],"commands":[]}`), '--format', 'json']);
    expect([result.status, (JSON.parse(result.stdout) as { results: unknown[] }).results, result.stderr]).toEqual([0, [], WARNING('the file', 'commands')]);
  });

  // Review 180 (session 48): the path was printed whole, a line of a megabyte under a key of a
  // million characters; it is cut as the amount warning's path is.
  it('under a very long key, the path shown is cut to 160 characters', () => {
    const longKey = 'k'.repeat(100_000);
    const result = kanjo(['run', write('long-key.json', `{${MERCHANTS},"commands":[],"${longKey}":{"a":1,"a":2}}`), '--format', 'json']);
    expect(result.status).toBe(0);
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    // The duplicate's warning, and the one of an unknown field (whose name is cut too).
    expect(lines).toHaveLength(2);
    expect(`${lines[0]}\n`).toBe(WARNING(`["${longKey.slice(0, 158)}…`, 'a'));
    for (const line of lines) expect(line.length).toBeLessThan(400);
  });

  it('a file whose keys are unique has no warning', () => {
    expect(kanjo(['run', write('unique.json', `{${MERCHANTS},"commands":[${create('"amount":1000')}]}`), '--format', 'json']).stderr).toBe('');
  });
});
