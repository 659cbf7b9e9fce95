import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources, not the built dist, so a change is tested
// without a rebuild. The built packages are exercised separately by scripts/smoke.sh.
const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@kanjo\/(splits|fees|ledger)\/testing$/, replacement: source('./packages/$1/src/testing/index.ts') },
      { find: /^@kanjo\/(splits|fees|ledger)$/, replacement: source('./packages/$1/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['packages/*/test/**/*.test-d.ts', 'test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
