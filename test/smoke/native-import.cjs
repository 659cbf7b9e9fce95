// Node's own dynamic import, for tests that must load a built ESM file as a service would.
// vitest runs a test file's `import()` through its transform, with vitest.config.ts's aliases:
// an ESM dist file imported that way would get '@kanjo/splits' from the TypeScript sources.
// A CommonJS file loaded by Node's `require` keeps Node's `import()`: the module graph is then
// exactly the published one (dist/index.js importing its dependencies' dist/index.js).
module.exports = (specifier) => import(specifier);
