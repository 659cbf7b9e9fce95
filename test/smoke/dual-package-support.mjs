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

/** The bundled example scenarios, by file name (SCENARIO.md documents, snake_case). */
export function exampleScenarios() {
  const folder = `${PACKAGES}ledger/examples/`;
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, document: JSON.parse(readFileSync(folder + file, 'utf8')) }));
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
