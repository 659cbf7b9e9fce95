// Run by Node itself (review-session27b-guard.test.ts): `node replay-guard-probe.mjs SETUP ORDER`.
// SETUP is what the process does to globalThis, or puts at the guard's registered key, before
// loading Kanjo; ORDER is `esm-first` or `cjs-first` (which built copy loads first; the other
// loads after it). Then, for each pair (maker, reader) of copies, a ledger of the maker is
// rebuilt by the reader's JournalReplay while the entry's `seq` getter executes a payment on
// that ledger through the maker: README "The journal" says that execute is refused and the add
// throws, "whichever copy of Kanjo the call goes through". Prints one JSON line per pair.
// ORDER `esm-mid-add` / `cjs-mid-add`: only that copy loads first; the other is loaded (require,
// ESM included: Node >= 20.19) by an entry's getter in the middle of the first copy's add, and
// called there (its add, its execute on the ledger being rebuilt): one more line, first.
import { createRequire } from 'node:module';
import { config, PAY, outcome as outcomeOf } from './guard-probe-payment.mjs';

const ESM = new URL('../../dist/index.js', import.meta.url).pathname;
const CJS = new URL('../../dist/index.cjs', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const KEY = Symbol.for('@kanjo/ledger JournalReplay.add in progress, v1');

const SETUPS = {
  none: () => {},
  nonExtensibleGlobal: () => Object.preventExtensions(globalThis),
  // Proxies pass isHolder (their getOwnPropertyDescriptor trap is not asked: the target's `running` is a writable data property).
  proxyReadsNull: () => { globalThis[KEY] = new Proxy({ running: undefined }, { get: (target, key) => (key === 'running' ? null : target[key]) }); },
  proxyDropsWrites: () => { globalThis[KEY] = new Proxy({ running: undefined }, { set: () => true }); },
  frozenAddRecord: () => { globalThis[KEY] = { running: Object.freeze({ state: {}, misuse: undefined }) }; },
  throwingGetter: () => Object.defineProperty(globalThis, KEY, { configurable: true, get: () => { throw new Error('no'); } }),
  freshHolderEachRead: () => Object.defineProperty(globalThis, KEY, { configurable: true, get: () => ({ running: undefined }) }),
  undefinedGetter: () => Object.defineProperty(globalThis, KEY, { configurable: true, get: () => undefined }),
  accessorRunning: () => { let running; globalThis[KEY] = { get running() { return running; }, set running(value) { running = value; } }; },
  proxyThrowsOnDescribe: () => { globalThis[KEY] = new Proxy({ running: undefined }, { getOwnPropertyDescriptor: () => { throw new Error('no'); } }); },
  runningOnPrototype: () => { globalThis[KEY] = Object.create({ running: undefined }); },
  nonExtensibleHolder: () => { globalThis[KEY] = Object.preventExtensions({ running: undefined }); },
  sealedHolder: () => { globalThis[KEY] = Object.seal({ running: undefined }); },
};

const [setup = 'none', order = 'esm-first'] = process.argv.slice(2);
SETUPS[setup]();

const load = { esm: async () => import(ESM), cjs: async () => require(CJS) };
const copies = {};
const [first, second] = order.startsWith('esm') ? ['esm', 'cjs'] : ['cjs', 'esm'];
copies[first] = await load[first]();
const midAdd = order.endsWith('-mid-add');
if (!midAdd) copies[second] = await load[second]();

const outcome = (run) => outcomeOf(run, 60);

if (midAdd) {
  const m = copies[first];
  const source = m.createLedger(config).value;
  source.execute(PAY);
  const entry = JSON.parse(JSON.stringify(source.journal[0]));
  const target = m.createLedger(config).value;
  let added = 'not run';
  let executed = 'not run';
  const firing = { ...entry };
  Object.defineProperty(firing, 'seq', {
    enumerable: true,
    get() {
      if (copies[second] === undefined) {
        copies[second] = require(second === 'esm' ? ESM : CJS);
        const other = copies[second];
        added = outcome(() => new other.JournalReplay(other.createLedger(config).value).add(structuredClone(entry)));
        executed = outcome(() => other.Ledger.prototype.execute.call(target, { ...PAY, id: 'q' }));
      }
      return 1;
    },
  });
  const outer = outcome(() => new m.JournalReplay(target).add(firing));
  console.log(JSON.stringify({ loadedMidAdd: second, added, executed, outer, seqs: target.journal.map((each) => each.seq) }));
}

for (const [maker, reader] of [['esm', 'cjs'], ['cjs', 'esm'], ['esm', 'esm']]) {
  const m = copies[maker];
  const r = copies[reader];
  const source = m.createLedger(config).value;
  const executed = outcome(() => source.execute(PAY));
  const entry = JSON.parse(JSON.stringify(source.journal[0] ?? { seq: 1 }));
  const plainAdd = outcome(() => new r.JournalReplay(r.createLedger(config).value).add(structuredClone(entry)));
  const target = m.createLedger(config).value;
  let inner = 'not run';
  const firing = { ...entry };
  Object.defineProperty(firing, 'seq', { enumerable: true, get() { if (inner === 'not run') inner = outcome(() => target.execute({ ...PAY, id: 'q' })); return 1; } });
  const outer = outcome(() => new r.JournalReplay(target).add(firing));
  console.log(JSON.stringify({ pair: `${maker}→${reader}`, executed, plainAdd, inner, outer, seqs: target.journal.map((each) => each.seq) }));
}
