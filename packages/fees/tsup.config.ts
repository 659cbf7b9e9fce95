import { defineConfig } from 'tsup';

// ESM and CommonJS, each with its own declaration file (.d.ts / .d.cts) so that
// publint and are-the-types-wrong see the right types for import and require.
export default defineConfig({
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
});
