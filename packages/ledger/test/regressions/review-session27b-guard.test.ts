import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// Review of 6ab5dc5 (packages/ledger/src/journal/replay-in-progress.ts, sharedHolder/isHolder):
// the re-entrancy guard's holder is kept on globalThis under Symbol.for('@kanjo/ledger
// JournalReplay.add in progress, v1') when what is there passes isHolder, else Kanjo keeps one
// of its own. README "The journal": "The guard is one for the process, whichever copy of Kanjo
// the call goes through (a service may load both its ESM and its CommonJS build)."
//
// Each case runs in a fresh Node (../support/replay-guard-probe.mjs, on the BUILT files: build
// first), which prints, per pair of copies maker→reader: a plain execute and add, then a
// reader's JournalReplay rebuilding a maker's ledger while the entry's getter executes a
// payment on that ledger through the maker (`inner`), the add itself (`outer`), and the
// rebuilt journal's sequence numbers.

const PROBE = fileURLToPath(new URL('../support/replay-guard-probe.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/index.cjs', import.meta.url));

interface PairLine { pair: string; executed: string; plainAdd: string; inner: string; outer: string; seqs: number[] }

function probe(setup: string, order: string): unknown[] {
  const run = spawnSync(process.execPath, [PROBE, setup, order], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`${setup} ${order}: exit ${String(run.status)}\n${run.stderr}`);
  return run.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown);
}

const EXECUTE_MISUSE = 'threw Error: execute was called on a ledger a JournalReplay is rebuilding';
const ADD_MISUSE = 'threw Error: JournalReplay.add was called while another add was running (';

/** The README's answer for every pair: the nested execute refused, the add throws too, nothing folded. */
function refusedEverywhere(): PairLine[] {
  return ['esm→cjs', 'cjs→esm', 'esm→esm'].map((pair) => ({ pair, executed: 'ok', plainAdd: 'ok', inner: EXECUTE_MISUSE, outer: EXECUTE_MISUSE, seqs: [] }));
}

beforeAll(() => {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: build first (npx -y pnpm@10 run build)`);
});

describe('6ab5dc5: one guard for both builds, whichever loads first', () => {
  for (const order of ['esm-first', 'cjs-first']) {
    it(`${order}: nothing at the key before: every pair refuses the nested execute`, () => {
      expect(probe('none', order)).toEqual(refusedEverywhere());
    });
  }

  for (const first of ['esm', 'cjs']) {
    it(`the other build loaded by an entry's getter in the middle of a ${first} add takes the running add's holder: its add and its execute are refused there, and the two share the guard after`, () => {
      // isHolder accepts a holder whose `running` is an add record (the one beginAdd made).
      const [midAdd, ...pairs] = probe('none', `${first}-mid-add`);
      expect(midAdd).toEqual({ loadedMidAdd: first === 'esm' ? 'cjs' : 'esm', added: ADD_MISUSE, executed: EXECUTE_MISUSE, outer: ADD_MISUSE, seqs: [] });
      expect(pairs).toEqual(refusedEverywhere());
    });
  }

  // A holder Kanjo can use though another hand put it there: shared by both copies.
  for (const setup of ['nonExtensibleHolder', 'sealedHolder', 'undefinedGetter']) {
    it(`${setup} at the key: both copies use it (or replace the getter's undefined with their holder), every pair refuses`, () => {
      expect(probe(setup, 'esm-first')).toEqual(refusedEverywhere());
      expect(probe(setup, 'cjs-first')).toEqual(refusedEverywhere());
    });
  }

  // Something at the key that is no holder: each copy keeps one of its own. Within one copy the
  // guard holds; across copies it does not (see the README finding below: not said there).
  for (const setup of ['throwingGetter', 'freshHolderEachRead', 'accessorRunning', 'proxyThrowsOnDescribe', 'runningOnPrototype']) {
    it(`${setup} at the key: both copies load and work, and each refuses its own nested execute`, () => {
      const lines = probe(setup, 'esm-first') as PairLine[];
      expect(lines.map((line) => [line.pair, line.executed, line.plainAdd])).toEqual([['esm→cjs', 'ok', 'ok'], ['cjs→esm', 'ok', 'ok'], ['esm→esm', 'ok', 'ok']]);
      expect(lines[2]).toEqual(refusedEverywhere()[2]);
    });
  }
});

describe('6ab5dc5: findings', () => {
  // Found as README inexact (fixed in README "The journal": where globalThis takes no new
  // property, or the key holds something else, each copy keeps a guard of its own). Reproduction:
  //   node --input-type=module -e "Object.preventExtensions(globalThis); const esm = await import('@kanjo/ledger');
  //     const cjs = createRequire(import.meta.url)('@kanjo/ledger'); …"
  // then a cjs JournalReplay rebuilding an esm ledger while the entry's getter runs
  // esmLedger.execute(payment): both answer ok, the rebuilt journal is [1, 1]. No other channel
  // is shared by two copies under a frozen global, so the README now says so; within one copy
  // the guard holds.
  for (const order of ['esm-first', 'cjs-first']) {
    it(`${order}, globalThis not extensible: each copy refuses its own nested execute; across copies it is not refused, as README says`, () => {
      const lines = probe('nonExtensibleGlobal', order) as PairLine[];
      expect(lines.map((line) => [line.pair, line.executed, line.plainAdd])).toEqual([['esm→cjs', 'ok', 'ok'], ['cjs→esm', 'ok', 'ok'], ['esm→esm', 'ok', 'ok']]);
      expect(lines[2]).toEqual(refusedEverywhere()[2]);
    });
  }

  // Found as a defect (fixed: what is read from the shared holder is checked where it is read).
  // isHolder read `running` through Object.getOwnPropertyDescriptor, beginAdd and
  // refuseIfBeingRebuilt through [[Get]]: a Proxy at the key passes the check and answers what
  // it likes. Reproduction (before importing Kanjo):
  //   globalThis[Symbol.for('@kanjo/ledger JournalReplay.add in progress, v1')] =
  //     new Proxy({ running: undefined }, { get: (t, k) => (k === 'running' ? null : t[k]) });
  // Actual: EVERY ledger.execute throws "TypeError: Cannot read properties of null (reading
  // 'state')" and every add "… (reading 'misuse')": the very symptom 6ab5dc5 fixed for
  // { running: null } ("trusts no stranger at its key"). Expected: execute and add work (e.g.
  // refuseIfBeingRebuilt / beginAdd treat a `running` that is no add record as none, or the
  // holder is re-checked where it is read).
  it('a Proxy at the key whose `running` reads null (its descriptor says undefined): execute and add still work', () => {
    const lines = probe('proxyReadsNull', 'esm-first') as PairLine[];
    expect(lines.map((line) => [line.executed, line.plainAdd])).toEqual([['ok', 'ok'], ['ok', 'ok'], ['ok', 'ok']]);
  });

  // Found as a defect (fixed: each copy keeps a holder of its own beside the shared one).
  // The same gap the other way: a Proxy at the key that drops writes to `running`
  // (set trap answering true) passes isHolder, and beginAdd's `holder.running = …` is lost, so
  // the guard never fires, WITHIN ONE COPY too: an entry's getter executing on the ledger being
  // rebuilt is accepted and the rebuilt journal is [1, 1]. (So it was since the guard moved to
  // globalThis; with module state a copy's own guard answered to no one else.) Expected
  // (README "The journal": such an execute "throws and does nothing"): at least
  // the copy's own guard holds, whatever is at the key (e.g. a module-local holder beside the
  // shared one).
  it('a Proxy at the key that drops writes to `running`: each copy still refuses its own nested execute', () => {
    const lines = probe('proxyDropsWrites', 'esm-first') as PairLine[];
    expect(lines[2]).toEqual(refusedEverywhere()[2]);
  });

  // Found as a defect (fixed: a frozen record is no add record).
  // isHolder accepted a holder whose `running` is ANY object with an object
  // `state` ("one as beginAdd makes it"), a frozen one included; refuse() then writes
  // `add.misuse ??= message` into it. Reproduction: globalThis[KEY] = { running:
  // Object.freeze({ state: {}, misuse: undefined }) } before importing Kanjo; every
  // JournalReplay.add throws "TypeError: Cannot assign to read only property 'misuse' of object"
  // (not even the misuse message). Expected: a record beginAdd could not have made (misuse not
  // writable) is no holder, and this copy keeps its own: add works. (A stale but writable record
  // left by a stranger makes every add refused with the misuse message: not told apart from a
  // copy loaded mid-add, which is the price of sharing; noted, not pinned.)
  it('a frozen add record at the key: add still works (a record beginAdd could not have made is no holder)', () => {
    const lines = probe('frozenAddRecord', 'esm-first') as PairLine[];
    expect(lines.map((line) => [line.executed, line.plainAdd])).toEqual([['ok', 'ok'], ['ok', 'ok'], ['ok', 'ok']]);
  });
});
