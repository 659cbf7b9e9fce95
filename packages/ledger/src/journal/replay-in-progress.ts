/**
 * Which ledger state a `JournalReplay.add` is folding into, while it runs. An entry's getter
 * or Proxy trap runs inside that add, and may call back: another add (to this replay or any
 * other; the replay's checks share working lists between replays) or an `execute` on the
 * ledger being rebuilt. Either would land between the add's checks and its fold. Such a call
 * is refused by a throw before it changes anything, and the add it came from is told, so that
 * it throws too (see `JournalReplay.add`), whatever the getter did with the first throw.
 */
/**
 * Where the running add is kept: on `globalThis`, under a registered symbol, so that every copy
 * of this module in the process sees the same one. A service may load both the ESM and the
 * CommonJS build (one dependency imports Kanjo, another requires it); with module state each
 * copy had its own, and a getter calling the other copy's `execute` or `add` slipped in.
 * The key names the holder's shape: a later version that changes it takes a new key.
 */
const HOLDER = Symbol.for('@kanjo/ledger JournalReplay.add in progress, v1');

interface Holder {
  running: RunningAdd | undefined;
}

const holder: Holder = sharedHolder();

/**
 * The holder at {@link HOLDER} if another copy put one there, else a new one put there. Kanjo
 * keeps a holder of its own, shared with no other copy, rather than fail to load or trust a
 * stranger: when `globalThis` takes no new property (a hardened runtime freezes it) or the key
 * holds something that is not a holder (any code may write a registered symbol).
 */
function sharedHolder(): Holder {
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
  return { running: undefined };
}

/** An object whose own `running` can be written and is no add or one as {@link beginAdd} makes it. */
function isHolder(value: unknown): value is Holder {
  if (typeof value !== 'object' || value === null) return false;
  const running = Object.getOwnPropertyDescriptor(value, 'running');
  if (running === undefined || !('value' in running) || running.writable !== true) return false;
  const add: unknown = running.value;
  return add === undefined || (typeof add === 'object' && add !== null && typeof (add as { state?: unknown }).state === 'object');
}

/** The add now running, as {@link beginAdd} made it. */
export interface RunningAdd {
  readonly state: object;
  misuse: string | undefined;
}

/**
 * Marks an add into `state` as running. Throws (misuse) if one already is: the nested call
 * changes nothing, and the running add learns of it.
 */
export function beginAdd(state: object): RunningAdd {
  const running = holder.running;
  if (running !== undefined) refuse(running, 'JournalReplay.add was called while another add was running (from a getter or Proxy trap of the entry being added): pass entries as plain data');
  return (holder.running = { state, misuse: undefined });
}

/** Marks the add as done (whether it answered or threw). */
export function endAdd(): void {
  holder.running = undefined;
}

/** Throws (misuse) if an add is folding into `state`: for `Ledger.execute`. */
export function refuseIfBeingRebuilt(state: object): void {
  const running = holder.running;
  if (running !== undefined && running.state === state) {
    refuse(running, 'execute was called on a ledger a JournalReplay is rebuilding, while it was adding an entry (from a getter or Proxy trap of that entry): pass entries as plain data');
  }
}

function refuse(add: RunningAdd, message: string): never {
  add.misuse ??= message;
  throw new Error(message);
}
