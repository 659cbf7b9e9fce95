// The two copies of the built packages a process can hold at once (the "dual package hazard":
// one dependency `require`s @kanjo/ledger, another `import`s it), and what each copy exports
// of a ledger, as bytes. Plain JavaScript run by Node itself: the vitest file loads it through
// native-import.cjs, and `node dual-package-support.mjs clean` prints the same outputs from a
// process that did nothing else, to compare with a process that was stressed first.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGES = fileURLToPath(new URL('../../packages/', import.meta.url));
const require = createRequire(import.meta.url);

/** The file the package's exports map gives for `condition` (`import` or `require`) of `subpath`. */
export function exportedFile(name, condition, subpath = '.') {
  const manifest = JSON.parse(readFileSync(`${PACKAGES}${name}/package.json`, 'utf8'));
  const target = manifest.exports[subpath][condition].default;
  return `${PACKAGES}${name}/${target.replace(/^\.\//, '')}`;
}

/** Both copies of the three packages, each loaded as Node loads it for that condition. */
export async function loadCopies() {
  const esm = {};
  const cjs = {};
  for (const name of ['splits', 'fees', 'ledger']) {
    esm[name] = await import(pathToFileURL(exportedFile(name, 'import')).href);
    cjs[name] = require(exportedFile(name, 'require'));
  }
  return { esm, cjs };
}

/**
 * Sessions, which no bundled example has: a Konbini session that waits for the customer with
 * its split kept for the capture (a replay re-decides it with every merchant active), a card
 * session captured at once, a cancelled one, and a refund request completed after (the platform topped up first).
 */
const SESSIONS = {
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' }, konbini: { fee_rate: '2.75%', customer_fee: 190 } } },
    { id: 'pm1', type: 'payout', platform: 'mart' },
    { id: 'pm2', type: 'payout', platform: 'mart' },
  ],
  commands: [
    { op: 'session.create', at: '2026-04-01T10:00:00+09:00', id: 'ses_k', merchant: 'mart', amount: 1000, currency: 'JPY', payment_types: ['konbini'], return_url: 'https://shop.example/r', capture: 'auto', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 700, platform_fee: 70 }, { submerchant_id: 'pm2', amount: 300, platform_fee: 30 }] }, metadata: { order: '42' } },
    { op: 'session.complete', at: '2026-04-01T10:05:00+09:00', session: 'ses_k', payment: 'pay_k', payment_type: 'konbini' },
    { op: 'payment.capture', at: '2026-04-02T09:00:00+09:00', payment: 'pay_k' },
    { op: 'session.create', at: '2026-04-02T10:00:00+09:00', id: 'ses_c', merchant: 'mart', amount: 2000, currency: 'JPY', payment_types: ['credit_card', 'konbini'], return_url: 'https://shop.example/r', capture: 'auto', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 2000, platform_fee: 200 }] } },
    { op: 'session.complete', at: '2026-04-02T10:01:00+09:00', session: 'ses_c', payment: 'pay_c', payment_type: 'credit_card' },
    { op: 'session.create', at: '2026-04-02T11:00:00+09:00', id: 'ses_x', merchant: 'mart', amount: 500, currency: 'JPY', payment_types: ['credit_card'], return_url: 'https://shop.example/r', capture: 'manual' },
    { op: 'session.cancel', at: '2026-04-02T11:30:00+09:00', session: 'ses_x' },
    { op: 'balance.transfer', at: '2026-04-03T09:00:00+09:00', merchant: 'mart', from: 'pm1', to: 'mart', amount: 1000, currency: 'JPY' },
    { op: 'payment.refund_request', at: '2026-04-03T10:00:00+09:00', payment: 'pay_k', include_payment_method_fee: true, customer_name: 'ヤマダタロウ', bank_name: 'みずほ銀行', bank_code: '0001', branch_name: '東京営業部', branch_number: '001', account_type: 'ordinary', account_number: '1234567', id: 'rr_1' },
    { op: 'refund_request.complete', at: '2026-04-04T10:00:00+09:00', refund_request: 'rr_1' },
  ],
};

/** The bundled example scenarios, by file name (SCENARIO.md documents, snake_case), and the sessions above. */
export function exampleScenarios() {
  const folder = `${PACKAGES}ledger/examples/`;
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, document: JSON.parse(readFileSync(folder + file, 'utf8')) }))
    .concat([{ file: 'sessions (dual-package-support.mjs)', document: structuredClone(SESSIONS) }]);
}

/** Every id of the configuration's merchants, in its order. */
export function merchantIds(config) {
  return config.merchants.map((merchant) => merchant.id);
}

/**
 * What one copy of @kanjo/ledger exports of a ledger: both journal formats, the hledger
 * journal, the statements, balances and records, each as the text a service would write.
 */
export function exportsOf(ledger, config, built) {
  return {
    compact: [...ledger.journalNdjsonLines(config, built.journal)].join(''),
    objects: [...ledger.journalNdjsonLines(config, built.journal, 'objects')].join(''),
    hledger: [...ledger.hledgerJournalLines(built.state)].join(''),
    statements: JSON.stringify([...ledger.merchantStatementsCsv(built.journal, merchantIds(config))]),
    balances: JSON.stringify(ledger.merchantBalances(built.state)),
    records: JSON.stringify(ledger.merchantRecords(built.journal)),
  };
}

/** Runs every example with `ledger` (one copy) and returns its exports, by file. */
export function examplesExported(ledger) {
  const out = {};
  for (const { file, document } of exampleScenarios()) {
    const ran = ledger.runScenario(document);
    if (!ran.ok) throw new Error(`${file}: ${ran.error.message}`);
    out[file] = exportsOf(ledger, ran.value.config, ran.value.ledger);
  }
  return out;
}

/**
 * The journal as plain data with the first two merchant postings of different merchants of its
 * first such entry swapping accounts: it still balances, but moves one party's money to
 * another (the replay's money check refuses it). Undefined for a journal without such an entry.
 */
export function tampered(journal) {
  const entries = JSON.parse(JSON.stringify(journal));
  for (const entry of entries) {
    const first = entry.postings.find((posting) => posting.merchant !== undefined);
    const second = entry.postings.find((posting) => posting.merchant !== undefined && posting.merchant !== first?.merchant);
    if (first === undefined || second === undefined) continue;
    [first.account, first.merchant, second.account, second.merchant] = [second.account, second.merchant, first.account, first.merchant];
    return entries;
  }
  return undefined;
}

/** Each example's journal, as plain data, replayed by `ledger` (exports), and its tampered form (the answer). */
export function examplesReplayed(ledger) {
  const out = {};
  for (const { file, document } of exampleScenarios()) {
    const ran = ledger.runScenario(document);
    if (!ran.ok) throw new Error(`${file}: ${ran.error.message}`);
    const { config } = ran.value;
    const replayed = ledger.replayJournal(config, JSON.parse(JSON.stringify(ran.value.ledger.journal)));
    const broken = tampered(ran.value.ledger.journal);
    out[file] = {
      replayed: replayed.ok ? exportsOf(ledger, config, replayed.value) : replayed,
      tampered: broken === undefined ? 'none' : ledger.replayJournal(config, broken),
    };
  }
  return out;
}

/** What a clean process gives: each copy's exports of every example, of its replay, and the tampered replay's answer. */
export async function cleanOutputs() {
  const { esm, cjs } = await loadCopies();
  return {
    esm: { live: examplesExported(esm.ledger), replayed: examplesReplayed(esm.ledger) },
    cjs: { live: examplesExported(cjs.ledger), replayed: examplesReplayed(cjs.ledger) },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'clean') {
  process.stdout.write(JSON.stringify(await cleanOutputs()));
}
