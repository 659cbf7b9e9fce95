// CommonJS consumer of the packed packages: the same checks through require().
const assert = require('node:assert/strict');

(async () => {
  const { checks } = await import('./checks.mjs');
  checks({
    splits: require('@kanjo/splits'),
    splitsTesting: require('@kanjo/splits/testing'),
    fees: require('@kanjo/fees'),
    feesTesting: require('@kanjo/fees/testing'),
    ledger: require('@kanjo/ledger'),
    ledgerTesting: require('@kanjo/ledger/testing'),
  }, assert);
  console.log('smoke (cjs): ok');
})().catch((error) => { console.error(error); process.exit(1); });
