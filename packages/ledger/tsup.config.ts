import { defineConfig } from 'tsup';

// The library: ESM and CommonJS, each with its own declaration file (.d.ts / .d.cts) so that
// publint and are-the-types-wrong see the right types for import and require.
// The command line: one ESM file for the `kanjo` bin, no declarations.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { composite: false } },
    tsconfig: 'tsconfig.build.json',
    target: 'es2023',
    platform: 'node',
    clean: true,
    splitting: false,
    sourcemap: false,
    treeshake: true,
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    tsconfig: 'tsconfig.build.json',
    target: 'es2023',
    platform: 'node',
    clean: false,
    splitting: false,
    sourcemap: false,
  },
]);
