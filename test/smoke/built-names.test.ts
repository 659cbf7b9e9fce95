import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Review 224: bundling renamed RejectionError to `_RejectionError` (and postedBalance to
// `postedBalance2`), so an uncaught rejection printed `_RejectionError: amount_…` and
// `e.constructor.name` named no export. The sources now avoid what made the bundler rename
// them (a class naming itself in its body, two modules' functions of one name); this reads the
// BUILT files a service loads (build first: scripts/test-all.sh does).

const require = createRequire(import.meta.url);
const ENTRIES = ['ledger', 'splits', 'fees'].flatMap((pkg) =>
  ['index', 'testing/index'].map((entry) => ({ pkg, entry, base: fileURLToPath(new URL(`../../packages/${pkg}/dist/${entry}`, import.meta.url)) })),
);

describe('every exported function and class of the built packages carries its export name', () => {
  for (const { pkg, entry, base } of ENTRIES) {
    for (const format of ['js', 'cjs'] as const) {
      it(`@kanjo/${pkg} ${entry}.${format}`, async () => {
        const file = `${base}.${format}`;
        if (!existsSync(file)) throw new Error(`${file} is missing: build first (npx -y pnpm@10 run build)`);
        const exports: Record<string, unknown> = format === 'js' ? await import(file) : require(file);
        const functions = Object.entries(exports).filter(([, value]) => typeof value === 'function');
        expect(functions.length).toBeGreaterThan(0);
        expect(functions.filter(([name, value]) => (value as { name: string }).name !== name).map(([name]) => name)).toEqual([]);
      });
    }
  }

  it('an uncaught rejection is printed as RejectionError, not a bundler-made name', () => {
    const splits = require(`${ENTRIES.find((e) => e.pkg === 'splits' && e.entry === 'index')!.base}.cjs`) as typeof import('@kanjo/splits');
    const thrown = (() => {
      try {
        splits.unwrap(splits.parseAmount('1e3'));
      } catch (error) {
        return error as Error;
      }
      throw new Error('unwrap did not throw');
    })();
    expect(thrown.constructor.name).toBe('RejectionError');
    expect(thrown.stack?.split('\n')[0]).toBe(`RejectionError: ${thrown.message}`);
  });
});
