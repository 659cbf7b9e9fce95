import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LEDGER_REJECTION_CODES } from '../src/index.js';

/**
 * Every rejection code the ledger can return must be asserted by some test: a new `reject('…')`
 * in the ledger (or in splits/fees, whose codes the ledger passes through) without a test that
 * names its code fails here.
 */

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));
const TEST_DIRECTORY = fileURLToPath(new URL('./', import.meta.url));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((item) => {
    const path = join(directory, item.name);
    if (item.isDirectory()) return item.name === 'testing' ? [] : sourceFiles(path);
    return item.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The codes a source text can reject with: the literal first argument of `reject(` (both
 * branches when it is a conditional), the default of a `code = '…'` parameter, and the code a
 * caller hands to `findMerchant`.
 */
function rejectionCodes(text: string): string[] {
  const codes: string[] = [];
  for (const [, firstArgument = ''] of text.matchAll(/\breject\(\s*([^,]*?),/gs)) {
    const branches = firstArgument.includes('?') ? [...firstArgument.matchAll(/[?:]\s*'([a-z0-9_]+)'/g)] : [...firstArgument.matchAll(/^'([a-z0-9_]+)'$/g)];
    for (const [, code = ''] of branches) codes.push(code);
  }
  for (const [, code = ''] of text.matchAll(/\bcode\s*=\s*'([a-z0-9_]+)'/g)) codes.push(code);
  for (const [, code = ''] of text.matchAll(/\bfindMerchant\([^)]*?'([a-z0-9_]+)'\s*\)/g)) codes.push(code);
  return codes;
}

function codesUnder(directory: string): Set<string> {
  return new Set(sourceFiles(directory).flatMap((file) => rejectionCodes(readFileSync(file, 'utf8'))));
}

const LEDGER_CODES = codesUnder(join(PACKAGES, 'ledger/src'));
const DEPENDENCY_CODES = new Set([...codesUnder(join(PACKAGES, 'splits/src')), ...codesUnder(join(PACKAGES, 'fees/src'))]);

/**
 * Codes of `@kanjo/splits` that the ledger cannot return: they belong to the n-party
 * `proportionalRefund` utility, which the marketplace engine does not use (DOMAIN.md: it takes a
 * partial refund only with an explicit split). Checked below: the ledger must not import it.
 */
const NOT_USED_BY_THE_LEDGER = ['refund_total_exceeds_shares', 'refund_total_below_refunded', 'refunded_exceeds_share'];

const TEST_TEXT = sourceFiles(TEST_DIRECTORY)
  .filter((file) => basename(file) !== 'rejection-codes.test.ts')
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

/** The codes a README documents: backticked codes, `*` standing for any part of a name. */
function documentedIn(...packageNames: string[]): RegExp[] {
  return packageNames
    .map((name) => join(PACKAGES, name, 'README.md'))
    .filter((path) => existsSync(path))
    .flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/`([a-z0-9_*]+)`/g)])
    .map(([, code = '']) => new RegExp(`^${code.replaceAll('*', '[a-z0-9_]+')}$`));
}

describe('every rejection code is reached by a test', () => {
  it('the scan finds the ledger\'s codes (the patterns still match the source)', () => {
    for (const known of ['op_unknown', 'insufficient_balance', 'submerchant_not_found', 'submerchant_not_seller', 'submerchant_not_payout', 'time_invalid', 'journal_sequence_broken']) {
      expect(LEDGER_CODES.has(known), known).toBe(true);
    }
    expect(LEDGER_CODES.size).toBeGreaterThan(60);
    for (const known of ['split_sum_mismatch', 'refund_exceeds_share', 'rate_malformed', 'payment_type_not_in_schedule', 'amount_exponent_notation']) {
      expect(DEPENDENCY_CODES.has(known), known).toBe(true);
    }
  });

  it('LEDGER_REJECTION_CODES lists exactly the codes the ledger rejects with, sorted and frozen', () => {
    expect([...LEDGER_REJECTION_CODES]).toEqual([...LEDGER_CODES].sort());
    expect(Object.isFrozen(LEDGER_REJECTION_CODES)).toBe(true);
  });

  it('codes are snake_case', () => {
    for (const code of [...LEDGER_CODES, ...DEPENDENCY_CODES]) expect(code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/);
  });

  it('each code the ledger rejects with appears in a ledger test', () => {
    const untested = [...LEDGER_CODES].filter((code) => !TEST_TEXT.includes(`'${code}'`)).sort();
    expect(untested).toEqual([]);
  });

  it('each splits/fees code the ledger passes through appears in a ledger test', () => {
    const passedThrough = [...DEPENDENCY_CODES].filter((code) => !NOT_USED_BY_THE_LEDGER.includes(code));
    const untested = passedThrough.filter((code) => !TEST_TEXT.includes(`'${code}'`)).sort();
    expect(untested).toEqual([]);
  });

  it('each code the ledger can return is documented in its README (SCENARIO.md: listed, with what each means)', () => {
    // Each by its own name: a family such as `config_*` does not say which code means what
    // (review 163 found 18 codes named only so).
    const ledgerReadme = readFileSync(join(PACKAGES, 'ledger', 'README.md'), 'utf8');
    expect([...LEDGER_CODES].filter((code) => !ledgerReadme.includes(`\`${code}\``)).sort()).toEqual([]);
    // Passed-through codes: the ledger README lists them or refers to their own package's README.
    const anyDocumented = documentedIn('ledger', 'splits', 'fees');
    const passedThrough = [...DEPENDENCY_CODES].filter((code) => !NOT_USED_BY_THE_LEDGER.includes(code));
    expect(passedThrough.filter((code) => !anyDocumented.some((pattern) => pattern.test(code))).sort()).toEqual([]);
  });

  it('the codes left out are really out of the ledger\'s reach: it never imports the proportional refund utility', () => {
    for (const code of NOT_USED_BY_THE_LEDGER) expect(DEPENDENCY_CODES.has(code), code).toBe(true);
    for (const file of sourceFiles(join(PACKAGES, 'ledger/src'))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/proportionalRefund/);
    }
  });
});
