import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLedger, hledgerAccountName, hledgerJournalLines, journalNdjsonLines, merchantBalances, type Command, type Ledger, type LedgerConfig } from '@kanjo/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineSafeJson } from '../../src/journal/line-safe-json.js';
import { PAYMENT_METHODS } from '../support/fixtures.js';

// Review of 2026-12-02's library changes (8d514b0..53b1ec2): the journal header written
// through readConfigOnce, hledgerAccountName, and the hledger description's escape of `\`.

const PREFIX = 'Liabilities:Merchants:';

/** The fields of one line of the tools' CSV: each quoted, `""` a quote (never JSON: `\\` is itself). */
function csvFields(line: string): string[] {
  return [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => (match[1] ?? '').replaceAll('""', '"'));
}
const work = mkdtempSync(join(tmpdir(), 'kanjo-review-today-ledger-'));

describe('journalNdjsonLines: a configuration of plain data is written byte for byte as JSON.stringify wrote it before readConfigOnce', () => {
  /** A key as an own field, `__proto__` included (an assignment would set the prototype). */
  const own = (target: object, key: string, value: unknown): void => {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  };
  const keyArbitrary = fc.oneof(fc.constantFrom('__proto__', 'toString', 'constructor', 'taxRate', 'id', '10', '2', 'feeRate', '\u2028'), fc.string({ maxLength: 4 }));
  const extraArbitrary = fc.array(fc.tuple(keyArbitrary, fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined))), { maxLength: 3 });
  /** How one object or list is made: a plain one, one without a prototype, a frozen one. */
  const kindArbitrary = fc.constantFrom('plain', 'null-prototype', 'frozen', 'null-prototype frozen');
  const node = fc.record({ extras: extraArbitrary, kind: kindArbitrary });

  function make<T extends object>(base: T, how: { extras: [string, unknown][]; kind: string }): T {
    const made: T = Array.isArray(base) ? (base.slice() as T) : ({ ...base } as T);
    if (!Array.isArray(base)) for (const [key, value] of how.extras) if (!Object.hasOwn(base, key)) own(made, key, value);
    if (how.kind.includes('null-prototype')) Object.setPrototypeOf(made, null);
    if (how.kind.includes('frozen')) Object.freeze(made);
    return made;
  }

  const configArbitrary = fc
    .record({
      top: node,
      list: node,
      merchants: fc.array(fc.record({ merchant: node, methods: node, fees: node, types: node, undefinedStatus: fc.boolean() }), { minLength: 1, maxLength: 3 }),
      taxRate: fc.option(fc.constantFrom('10%', '8%'), { nil: undefined }),
    })
    .map(({ top, list, merchants, taxRate }) => {
      const built = merchants.map((how, index) => {
        const fees = make({ feeRate: '3.6%', customerFee: 190 }, how.fees);
        const methods = make({ credit_card: fees }, how.methods);
        const types = make(['credit_card'], how.types);
        const merchant: Record<string, unknown> = { id: `m${index}`, type: 'platform', business: 'marketplace', paymentMethods: methods, paymentTypes: types };
        if (how.undefinedStatus) merchant['status'] = undefined;
        return make(merchant, how.merchant);
      });
      return make({ merchants: make(built, list), taxRate }, top) as unknown as LedgerConfig;
    });

  it('for any such configuration, in both formats, the header is what JSON.stringify of the configuration itself gives', () => {
    fc.assert(
      fc.property(configArbitrary, (config) => {
        // A configuration no ledger could be created with is refused by the export (a TypeError).
        fc.pre(createLedger(config).ok);
        const objects = [...journalNdjsonLines(config, [], 'objects')][0];
        expect(objects).toBe(`${lineSafeJson({ kanjo_journal: 1, entries: 0, config })}\n`);
        const compact = [...journalNdjsonLines(config, [], 'compact')][0] ?? '';
        const header = JSON.parse(compact) as Record<string, unknown>;
        expect(compact).toBe(`${lineSafeJson({ ...header, config })}\n`);
      }),
      { numRuns: 200 },
    );
  });

  it('a ledger run under such a configuration writes the same header as under its plain JSON copy', () => {
    const plain: LedgerConfig = { merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: PAYMENT_METHODS }, { id: 'pm1', type: 'payout', platform: 'mart' }] };
    const odd = JSON.parse(JSON.stringify(plain)) as { merchants: Record<string, unknown>[] };
    own(odd.merchants[0] as object, '__proto__', { feeRate: '99%' });
    Object.setPrototypeOf(odd.merchants, null);
    Object.freeze(odd);
    const ledger = createLedger(odd as unknown as LedgerConfig);
    expect(ledger.ok).toBe(true);
    if (!ledger.ok) return;
    ledger.value.execute({ op: 'payment.create', id: 'p', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] } as Command);
    const [header] = journalNdjsonLines(odd as unknown as LedgerConfig, ledger.value.journal);
    expect(JSON.stringify((JSON.parse(header ?? '') as { config: unknown }).config)).toBe(JSON.stringify(odd));
  });
});

describe('hledgerAccountName', () => {
  const idArbitrary = fc.string({ unit: fc.constantFrom('a', 'A', '3', ':', '%', '2', '5', 'b'), minLength: 1, maxLength: 6 });

  it('is injective on merchant ids, holds no : after the prefix, and decodeURIComponent of the rest gives the id back', () => {
    fc.assert(
      fc.property(idArbitrary, idArbitrary, (a, b) => {
        const nameA = hledgerAccountName(PREFIX + a);
        const nameB = hledgerAccountName(PREFIX + b);
        expect(nameA.startsWith(PREFIX)).toBe(true);
        expect(nameA.slice(PREFIX.length)).not.toContain(':');
        expect(decodeURIComponent(nameA.slice(PREFIX.length))).toBe(a);
        expect(nameA === nameB).toBe(a === b);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves every account that is not a merchant\'s as it is, and a merchant id without : or % too', () => {
    for (const account of ['Assets:Receivable:Customers', 'Income:Fees:Processing', 'Income:Fees:Refund', 'Income:Fees:Customer', 'Liabilities:Tax:Consumption', 'Assets:Bank:Payouts', 'Liabilities:Merchants', `${PREFIX}a.b`]) {
      expect(hledgerAccountName(account)).toBe(account);
    }
    expect([hledgerAccountName(`${PREFIX}a:b`), hledgerAccountName(`${PREFIX}a%3Ab`), hledgerAccountName(`${PREFIX}%3a`), hledgerAccountName(`${PREFIX}::`)]).toEqual([`${PREFIX}a%3Ab`, `${PREFIX}a%253Ab`, `${PREFIX}%253a`, `${PREFIX}%3A%3A`]);
  });
});

/** A marketplace `mart` with one payout merchant per id, each paid ¥1,000 × (its index + 1), and the payments' ids. */
function ledgerWith(payoutIds: readonly string[], paymentIds: readonly string[] = payoutIds.map((_, index) => `p${index}`)): Ledger {
  const created = createLedger({ merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: PAYMENT_METHODS }, ...payoutIds.map((id) => ({ id, type: 'payout' as const, platform: 'mart' }))] });
  if (!created.ok) throw new Error(created.error.message);
  paymentIds.forEach((id, index) => {
    const amount = 1000 * (index + 1);
    const submerchantId = payoutIds[index % payoutIds.length] ?? '';
    const result = created.value.execute({ op: 'payment.create', at: '2026-04-28T10:00:00+09:00', id, merchant: 'mart', amount, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId, amount, platformFee: 100 }] } as Command);
    if (!result.ok) throw new Error(result.error.message);
  });
  return created.value;
}

function exportFile(ledger: Ledger, name: string): string {
  const path = join(work, name);
  writeFileSync(path, [...hledgerJournalLines(ledger.state)].join(''));
  return path;
}

describe('hledger and ledger read every encoded merchant account as one account of its own', () => {
  const ids = ['a', 'a:b', 'a%3Ab', 'a%b', ':', '%', '::', 'a:', '%25', '%3a', 'a%3ab', ';', '#', 'a;b', '(a)', '[a]', 'a=b', '*', '!', '~', '@', 'a|b', '\\', '{x}', 'a/b', '-', '+1', '1', '😀', 'a\u200bb', 'a\u180eb', '"q"', "'", 'a,b', '&', '$', 'a.b'];
  const ledger = ledgerWith(ids);
  const path = exportFile(ledger, 'accounts.journal');
  /** Kanjo's balance of each merchant account, as the tools show it (a liability: negated), in yen. */
  const kanjo = new Map(Object.entries(merchantBalances(ledger.state)).map(([id, byCurrency]) => [hledgerAccountName(PREFIX + id), String(-(byCurrency['JPY'] ?? 0))]));

  it('hledger: one flat balance per merchant, each Kanjo\'s (and the closing assertions hold)', () => {
    const csv = execFileSync('hledger', ['-f', path, 'bal', `^${PREFIX}`, '--flat', '--no-total', '-O', 'csv'], { encoding: 'utf8' });
    const read = new Map(csv.trim().split('\n').slice(1).map((line) => {
      const [account = '', amount = ''] = csvFields(line);
      return [account, amount.replace(/ JPY$/, '')];
    }));
    expect(read).toEqual(kanjo);
    expect(read.size).toBe(ids.length + 1);
  });

  it('ledger: one flat balance per merchant, each Kanjo\'s', () => {
    const text = execFileSync('ledger', ['-f', path, 'bal', '--flat', '--no-total', `^${PREFIX}`, '--balance-format', '%(partial_account(true))\t%(quantity(scrub(display_total)))\n'], { encoding: 'utf8' });
    const read = new Map(text.trim().split('\n').map((line) => line.split('\t') as [string, string]));
    expect(read).toEqual(kanjo);
  });
});

describe('the hledger export\'s descriptions, read back by hledger and ledger', () => {
  /** Each transaction's description as hledger reads it, by its code (the entry's seq). */
  function hledgerDescriptions(path: string): Map<string, string> {
    const csv = execFileSync('hledger', ['-f', path, 'print', '-O', 'csv'], { encoding: 'utf8' });
    const read = new Map<string, string>();
    for (const line of csv.trim().split('\n').slice(1)) {
      const fields = csvFields(line);
      if (fields[4] !== '') read.set(fields[4] ?? '', fields[5] ?? '');
    }
    return read;
  }
  /** Each transaction's description as ledger reads it (its payee), by its code. */
  function ledgerDescriptions(path: string): Map<string, string> {
    const text = execFileSync('ledger', ['-f', path, 'reg', '--register-format', '%(code)\t%(payee)\n'], { encoding: 'utf8' });
    return new Map(text.trim().split('\n').map((line) => line.split('\t') as [string, string]));
  }
  /** What Kanjo wrote: `\`, `;`, `|` and control characters as `\uXXXX`. */
  const written = (id: string): string => `payment.create ${id.replace(/[\\;|]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)}`;

  it('a payment id with ;, \\ or a written-out escape is one description each, read as written (the \\ fix)', () => {
    const paymentIds = ['x;y', 'x\\u003by', 'x\\', '\\\\', 'x|y', '#x', 'x  y', '  x'];
    const path = exportFile(ledgerWith(['pm1'], paymentIds), 'descriptions.journal');
    const expected = new Map(paymentIds.map((id, index) => [String(index + 1), written(id)]));
    expect(hledgerDescriptions(path)).toEqual(expected);
    expect(ledgerDescriptions(path)).toEqual(expected);
    expect(new Set(expected.values()).size).toBe(paymentIds.length);
  });

  // Was (low): payment ids may end in spaces (requireId refuses control characters only), and
  // the description wrote them as they are; hledger drops trailing white space (ASCII, U+00A0,
  // U+3000) and ledger trailing ASCII spaces, so payments "p", "p " and "p  " read as one
  // description, where oneLine promises "on one line and whole". Trailing white space is escaped.
  it('a payment id ending in white space is one description each for hledger and ledger, its trailing white space escaped', () => {
    const paymentIds = ['p', 'p ', 'p  ', 'p\u00a0', 'p\u3000'];
    const path = exportFile(ledgerWith(['pm1'], paymentIds), 'trailing.journal');
    const hledger = hledgerDescriptions(path);
    const ledger = ledgerDescriptions(path);
    expect(new Set(hledger.values()).size).toBe(paymentIds.length);
    expect(new Set(ledger.values()).size).toBe(paymentIds.length);
    expect([...hledger.values()]).toEqual(['payment.create p', 'payment.create p\\u0020', 'payment.create p\\u0020\\u0020', 'payment.create p\\u00a0', 'payment.create p\\u3000']);
  });
});
