import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hledgerAccountName, hledgerJournalLines, type LedgerConfig } from '@kanjo/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAYMENT_METHODS, goldenPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// Review of session 24's hledger export (524682c): it now starts with `account` and `commodity`
// directives. The question here is whether each `account NAME` line declares exactly the account
// the postings use, for every merchant id Kanjo accepts (no white space, no control character,
// but any punctuation: `;` starts a comment in a posting, `=` an assertion, `*`/`!` a status,
// `(`/`[` a virtual posting, `@` a price), so that `hledger check -s` and `ledger --pedantic`
// read every export as it is, and the balances both tools compute stay Kanjo's.
// Found sound: every id below and every generated one passes both, with hledger's declared and
// used accounts the same set and the merchants' balances equal to Kanjo's.

const work = mkdtempSync(join(tmpdir(), 'kanjo-review-session24-'));
let files = 0;

/** The hledger export of one ¥1,000 marketplace payment split 700/300 between two payout merchants with these ids. */
function exportFor(first: string, second: string, currency = 'JPY'): { path: string; text: string; balances: Map<string, number> } {
  const config: LedgerConfig = {
    merchants: [
      { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: PAYMENT_METHODS },
      { id: first, type: 'payout', platform: 'mart' },
      { id: second, type: 'payout', platform: 'mart' },
    ],
  };
  const ledger = ledgerAfter([goldenPayment('pay|1;x', {
    currency,
    split: [{ submerchantId: first, amount: 700, platformFee: 70 }, { submerchantId: second, amount: 300, platformFee: 30 }],
  })], config);
  const text = [...hledgerJournalLines(ledger.state)].join('');
  const path = join(work, `export-${files++}.journal`);
  writeFileSync(path, text);
  const balances = new Map<string, number>();
  for (const id of ['mart', first, second]) balances.set(id, ledger.state.balances.get(id)?.get(currency) ?? 0);
  return { path, text, balances };
}

function tool(command: 'hledger' | 'ledger', args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every check the brief names, and hledger's and ledger's merchant balances in minor units (JPY). */
function strictlyRead(path: string, ids: readonly string[]): { hledger: string; ledger: string; declaredIsUsed: boolean; hledgerBalances: number[]; ledgerBalances: number[] } {
  const hledger = tool('hledger', ['-f', path, 'check', '-s']);
  const ledger = tool('ledger', ['-f', path, '--pedantic', 'bal']);
  const declared = tool('hledger', ['-f', path, 'accounts', '--declared']).stdout.split('\n').filter(Boolean).sort();
  const used = tool('hledger', ['-f', path, 'accounts', '--used']).stdout.split('\n').filter(Boolean).sort();
  const balanceIn = (command: 'hledger' | 'ledger', id: string): number => {
    // An exact account name: hledger takes a regular expression, ledger `expr 'account == "…"'`.
    const name = hledgerAccountName(`Liabilities:Merchants:${id}`);
    const output = command === 'hledger'
      ? tool('hledger', ['-f', path, 'balance', '-N', '--flat', '-O', 'csv', `^${name.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')}$`]).stdout
      : tool('ledger', ['-f', path, 'balance', '--flat', '--no-total', '--balance-format', '%(quantity(scrub(display_total)))\n', 'expr', `account == "${name.replace(/["\\]/g, '\\$&')}"`]).stdout;
    const amount = command === 'hledger' ? /"(-?[\d.]+) JPY"/.exec(output)?.[1] : output.trim();
    return Number(amount ?? 'NaN');
  };
  return {
    hledger: hledger.stderr + (hledger.status === 0 ? '' : `status ${hledger.status}`),
    ledger: ledger.stderr + (ledger.status === 0 ? '' : `status ${ledger.status}`),
    declaredIsUsed: JSON.stringify(declared) === JSON.stringify(used) && declared.length > 0,
    hledgerBalances: ids.map((id) => balanceIn('hledger', id)),
    ledgerBalances: ids.map((id) => balanceIn('ledger', id)),
  };
}

/** Merchant ids Kanjo accepts that are special somewhere in hledger's or ledger's syntax. */
const AWKWARD_IDS = [
  'a;b', ';x', 'x;', 'a#b', '#x', 'x=y', '=x', '*st', '!b', '(x)', '[x]', 'x)', 'a@b', '@', '"q"', 'a|b', 'a\\b',
  'a:b', 'a%3Ab', 'apply', 'end', 'account', 'commodity', '1,000', '-5', '10', '$', 'x$', 'USD', 'JPY', '~x', 'a{b}', 'a&b',
  'ü€', 'Ｘ', 'e\u0301', '\u00e9', 'ご注文', 'x'.repeat(255), ':'.repeat(255), ';'.repeat(255),
];

describe('the hledger export\'s account declarations name exactly the accounts its postings use', () => {
  it('for each awkward merchant id: hledger check -s and ledger --pedantic say nothing, declared = used, and both tools\' merchant balances are Kanjo\'s', () => {
    for (const [index, id] of AWKWARD_IDS.entries()) {
      const other = AWKWARD_IDS[(index + 1) % AWKWARD_IDS.length] ?? 'pm2';
      const { path, balances } = exportFor(id, other);
      const ids = ['mart', id, other];
      // A merchant balance is a liability: the tools show it with the opposite sign.
      const expected = ids.map((merchant) => -(balances.get(merchant) ?? Number.NaN));
      expect({ id, ...strictlyRead(path, ids) }).toEqual({ id, hledger: '', ledger: '', declaredIsUsed: true, hledgerBalances: expected, ledgerBalances: expected });
    }
  }, 120_000);

  it('property: for any two distinct merchant ids of printable non-space characters, both strict checks pass and declared = used', () => {
    const character = fc.constantFrom(...'abcXYZ019;#=*!()[]@"|\\:%$,-~{}&\'`^?/<>.+é€ご'.split(''));
    const id = fc.array(character, { minLength: 1, maxLength: 12 }).map((characters) => characters.join(''));
    fc.assert(fc.property(id, id, (first, second) => {
      fc.pre(first !== second && first !== 'mart' && second !== 'mart');
      const { path } = exportFor(first, second);
      const read = strictlyRead(path, []);
      expect({ first, second, hledger: read.hledger, ledger: read.ledger, declaredIsUsed: read.declaredIsUsed }).toEqual({ first, second, hledger: '', ledger: '', declaredIsUsed: true });
    }), { numRuns: 12 });
  }, 120_000);

  it('a payment id holding | is escaped in the description as \\u007c, and the currency is declared once whatever the decimals', () => {
    for (const currency of ['JPY', 'USD', 'KWD']) {
      const { text } = exportFor('pm1', 'pm2', currency);
      expect(text.split('\n').filter((line) => line.startsWith('commodity '))).toEqual([`commodity ${currency}`]);
      expect(text).toContain(' payment.create pay\\u007c1\\u003bx\n');
    }
  });

  it('a journal of authorizations only (no postings): the header alone, no directive, no assertion; both strict checks pass', () => {
    // An authorization takes no split (split_not_allowed_at_authorization).
    const { split: _split, ...authorization } = goldenPayment('auth_1', { capture: false });
    const ledger = ledgerAfter([authorization]);
    expect(ledger.state.journal.length).toBe(1);
    const text = [...hledgerJournalLines(ledger.state)].join('');
    expect(text).toBe('; Kanjo journal export: test book, dates in UTC+09:00, amounts in each currency\'s unit (ISO 4217 decimals)\n\n');
    const path = join(work, 'authorizations-only.journal');
    writeFileSync(path, text);
    expect(tool('hledger', ['-f', path, 'check', '-s'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(tool('ledger', ['-f', path, '--pedantic', 'bal'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});
