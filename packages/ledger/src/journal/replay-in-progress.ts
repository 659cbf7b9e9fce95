/**
 * Which ledger state a `JournalReplay.add` is folding into, while it runs. An entry's getter
 * or Proxy trap runs inside that add, and may call back: another add (to this replay or any
 * other; the replay's checks share working lists between replays) or an `execute` on the
 * ledger being rebuilt. Either would land between the add's checks and its fold. Such a call
 * is refused by a throw before it changes anything, and the add it came from is told, so that
 * it throws too (see `JournalReplay.add`), whatever the getter did with the first throw.
 */
/**
 * Where the running add is kept: in this copy's own holder, and in one on `globalThis` under a
 * registered symbol, so that every copy of this module in the process sees it. A service may
 * load both the ESM and the CommonJS build (one dependency imports Kanjo, another requires it);
 * with module state alone each copy had its own, and a getter calling the other copy's
 * `execute` or `add` slipped in. The key names the holder's shape: a later version that
 * changes it takes a new key.
 *
 * The shared holder is only ever an addition. Where `globalThis` takes no new property (a
 * hardened runtime froze it) or the key holds something that is not a holder (any code may
 * write a registered symbol), there is none, and each copy still guards its own calls. What is
 * read from it is checked and what is written to it may fail: other code can reach it.
 */
const HOLDER = Symbol.for('@kanjo/ledger JournalReplay.add in progress, v1');

interface Holder {
  running: RunningAdd | undefined;
}

/** The add now running, as {@link beginAdd} made it. */
export interface RunningAdd {
  readonly state: object;
  misuse: string | undefined;
}

/** This copy's own holder: works whatever is on `globalThis`. */
const own: Holder = { running: undefined };

/** The holder every copy shares, or undefined where there can be none. */
const shared: Holder | undefined = sharedHolder();

/**
 * The holder at {@link HOLDER} if another copy put one there, else a new one put there, else
 * (the key holds a stranger, or `globalThis` takes no new property) none.
 */
function sharedHolder(): Holder | undefined {
  const global = globalThis as { [HOLDER]?: unknown };
  try {
    const found = global[HOLDER];
    if (isHolder(found)) return found;
    if (found === undefined && Object.isExtensible(globalThis)) {
      const created: Holder = { running: undefined };
      Object.defineProperty(globalThis, HOLDER, { value: created, writable: false, enumerable: false, configurable: true });
      return created;
    }
  } catch {
    // A getter or Proxy at the key that throws: not a holder.
  }
  return undefined;
}

/** An object whose own `running` can be written and is no add or one {@link asRunningAdd} takes. */
function isHolder(value: unknown): value is Holder {
  if (typeof value !== 'object' || value === null) return false;
  const running = Object.getOwnPropertyDescriptor(value, 'running');
  if (running === undefined || !('value' in running) || running.writable !== true) return false;
  return running.value === undefined || asRunningAdd(running.value) !== undefined;
}

/** `value` if it can be a running add (an object with an object `state` and a writable `misuse`), else undefined. */
function asRunningAdd(value: unknown): RunningAdd | undefined {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return undefined;
  return typeof (value as { state?: unknown }).state === 'object' ? (value as RunningAdd) : undefined;
}

/** The add running in this copy, or else one another copy shows on the shared holder. */
function runningAdd(): RunningAdd | undefined {
  if (own.running !== undefined) return own.running;
  if (shared === undefined) return undefined;
  try {
    return asRunningAdd(shared.running);
  } catch {
    return undefined;
  }
}

/**
 * Marks an add into `state` as running. Throws (misuse) if one already is: the nested call
 * changes nothing, and the running add learns of it.
 */
export function beginAdd(state: object): RunningAdd {
  const running = runningAdd();
  if (running !== undefined) refuse(running, 'JournalReplay.add was called while another add was running (from a getter or Proxy trap of the entry being added): pass entries as plain data');
  const add: RunningAdd = { state, misuse: undefined };
  own.running = add;
  if (shared !== undefined) {
    try {
      shared.running = add;
    } catch {
      // A holder other code made read-only: this copy's own still guards.
    }
  }
  return add;
}

/** Marks the add as done (whether it answered or threw). */
export function endAdd(): void {
  const add = own.running;
  own.running = undefined;
  if (shared === undefined) return;
  try {
    if (shared.running === add) shared.running = undefined;
  } catch {
    // As in beginAdd.
  }
}

/** Throws (misuse) if an add is folding into `state`: for `Ledger.execute`. */
export function refuseIfBeingRebuilt(state: object): void {
  const running = runningAdd();
  if (running !== undefined && running.state === state) {
    refuse(running, 'execute was called on a ledger a JournalReplay is rebuilding, while it was adding an entry (from a getter or Proxy trap of that entry): pass entries as plain data');
  }
}

function refuse(add: RunningAdd, message: string): never {
  try {
    add.misuse ??= message;
  } catch {
    // A record other code froze after it was checked: the add it came from cannot be told.
  }
  throw new Error(message);
}
