// Run by Node itself (mutation-survivors-session27.test.ts): `node guard-key-probe.mjs SETUP`.
// SETUP puts something at the replay guard's registered key before the built ESM copy of Kanjo
// loads (see replay-in-progress.ts). Then it executes a payment, replays its entry (plain),
// replays it again with a getter that executes on the ledger being rebuilt (the misuse README
// "The journal" says is refused), and prints one JSON line: those outcomes, and what is at the
// key afterwards (the same value as put there, its `running` as it was, or the property's
// descriptor when Kanjo put its own holder there).
import { config, PAY, outcome as outcomeOf } from './guard-probe-payment.mjs';

const KEY = Symbol.for('@kanjo/ledger JournalReplay.add in progress, v1');
const record = () => ({ state: {}, misuse: undefined });

const SETUPS = {
  none: () => undefined,
  aString: () => 'a stranger',
  runningString: () => ({ running: 'not an add' }),
  runningEmptyObject: () => ({ running: {} }),
  runningStateString: () => ({ running: { state: 'x', misuse: undefined } }),
  runningReadOnlyRecord: () => Object.defineProperty({}, 'running', { value: record(), writable: false, enumerable: true, configurable: false }),
  // Nothing put there; Kanjo's own holder is frozen by other code once Kanjo has loaded.
  holderFrozenAfterLoad: () => undefined,
  // Nothing put there; the entry's getter freezes the running add's record before it executes.
  recordFrozenInGetter: () => undefined,
};
const [setup = 'none'] = process.argv.slice(2);
const put = SETUPS[setup]();
if (put !== undefined) globalThis[KEY] = put;
const runningBefore = typeof put === 'object' ? Object.getOwnPropertyDescriptor(put, 'running')?.value : undefined;

const kanjo = await import(new URL('../../dist/index.js', import.meta.url).href);
if (setup === 'holderFrozenAfterLoad') Object.freeze(globalThis[KEY]);
const outcome = (run) => outcomeOf(run, 40);

const source = kanjo.createLedger(config).value;
const executed = outcome(() => source.execute(PAY));
const entry = JSON.parse(JSON.stringify(source.journal[0]));
const plainAdd = outcome(() => new kanjo.JournalReplay(kanjo.createLedger(config).value).add(structuredClone(entry)));
const target = kanjo.createLedger(config).value;
let inner = 'not run';
const firing = { ...entry };
Object.defineProperty(firing, 'seq', { enumerable: true, get() { if (setup === 'recordFrozenInGetter') Object.freeze(globalThis[KEY].running); if (inner === 'not run') inner = outcome(() => target.execute({ ...PAY, id: 'q' })); return 1; } });
const outer = outcome(() => new kanjo.JournalReplay(target).add(firing));

const at = globalThis[KEY];
const key = put === undefined
  ? { descriptor: { ...Object.getOwnPropertyDescriptor(globalThis, KEY), value: typeof at }, running: String(at?.running) }
  : { same: at === put, running: typeof put === 'object' ? Object.getOwnPropertyDescriptor(put, 'running')?.value === runningBefore : 'n/a' };
console.log(JSON.stringify({ executed, plainAdd, inner, outer, seqs: target.journal.map((each) => each.seq), key }));
