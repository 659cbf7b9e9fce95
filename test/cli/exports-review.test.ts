import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';

/**
 * Review of what `kanjo run` writes: the table, the CSV, the statements, the hledger journal.
 * Each test quotes the rule (SCENARIO.md, the ledger README, the reports' own TSDoc) it checks.
 */
const work = mkdtempSync(join(tmpdir(), 'kanjo-exports-'));
const write = (name: string, document: unknown): string => {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(document));
  return path;
};

type Submerchant = { submerchant_id: string; amount: number; platform_fee: number };
const platform = (id: string, feeRate = '3.6%') => ({ id, type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: feeRate } } });
const payout = (id: string, owner = 'mart') => ({ id, type: 'payout', platform: owner });
const card = (id: string, amount: number, submerchants: Submerchant[], extra: Record<string, unknown> = {}) => ({
  op: 'payment.create', id, merchant: 'mart', amount, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants }, ...extra,
});

describe('kanjo run exports (review findings)', () => {
  // README: `--statements` writes "one CSV per merchant" into DIR. The file was named
  // `<id>.csv` as the id was written: a merchant id with "/" (a valid id: no space, no
  // control character) named a sub-directory that does not exist (exit 2 for a valid
  // scenario), and "../x" wrote outside DIR.
  it('statements: a merchant id with "/" or "../" gets its file inside DIR, its "/" and "%" percent-encoded', () => {
    const base = mkdtempSync(join(work, 'statements-'));
    const directory = join(base, 'out');
    const path = write('slash-ids.json', {
      merchants: [platform('mart'), payout('../escaped'), payout('a/b'), payout('100%')],
      commands: [card('p1', 1000, [{ submerchant_id: 'a/b', amount: 1000, platform_fee: 100 }])],
    });
    const { status, stderr } = kanjo(['run', path, '--format', 'json', '--statements', directory]);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(existsSync(join(base, 'escaped.csv'))).toBe(false);
    expect(readdirSync(directory).sort()).toEqual(['..%2Fescaped.csv', '100%25.csv', 'a%2Fb.csv', 'mart.csv']);
    expect(readFileSync(join(directory, 'a%2Fb.csv'), 'utf8')).toBe(
      'seq,at,payment,record_type,currency,deposit,debit,balance\r\n'
        + '1,1970-01-01T00:00:00.000Z,p1,Payment Transfer,JPY,1000,0,1000\r\n'
        + '1,1970-01-01T00:00:00.000Z,p1,Platform Fee,JPY,0,100,900\r\n',
    );
  });

  // README "Rejection codes": `config_*` covers an "invalid id"; an id (id_invalid) may not hold
  // "a lone UTF-16 surrogate", which "cannot be written as UTF-8 (exports would turn it into
  // U+FFFD, another id)". Merchant ids were not checked: "pm\uD800" and "pm\uDC00" both became
  // "pm\uFFFD" in every export: one statement overwrote the other, the CSV could not tell them
  // apart, and the hledger export failed its own balance assertions.
  it('a merchant id holding a lone surrogate makes the file unusable: exit 2, config_merchant_id_invalid', () => {
    const path = join(work, 'surrogate.json');
    writeFileSync(path, '{"merchants":[{"id":"mart","type":"platform","business":"marketplace","payment_methods":{"credit_card":{"fee_rate":"3.6%"}}},{"id":"pm\\ud800","type":"payout","platform":"mart"}],"commands":[]}');
    const { status, stdout, stderr } = kanjo(['run', path, '--format', 'json']);
    expect({ status, stdout }).toEqual({ status: 2, stdout: '' });
    expect(stderr).toBe(`kanjo: ${path}: config_merchant_id_invalid: merchant id "pm\\ud800" must be 1 to 255 characters without spaces, control characters or lone UTF-16 surrogates\n`);
  });
});
