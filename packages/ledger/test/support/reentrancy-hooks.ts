import { journalNdjsonLines, merchantBalances, paymentView, type Command, type Ledger } from '@kanjo/ledger';
import { CONFIG } from './fixtures.js';
import { countingProxy, type TrapKind } from './counting-proxy.js';
import { attempt, type Outcome } from './reentrancy-invariants.js';

/**
 * Caller objects that call back into Kanjo while Kanjo reads them, for the re-entrancy tests.
 * A service embedding @kanjo/ledger hands it class instances, ORM or validation Proxies, values
 * with toJSON: code of the caller's that runs in the middle of `execute` and may well reach
 * the same ledger (a getter that logs the ledger's balances, an ORM hook that records another
 * payment). Each builder takes the plain command and a `fire` callback, and returns a command
 * whose reading runs `fire` (once: the callback guards itself).
 */

/** Where in the command the caller's code runs. */
export type ReadPoint =
  /** A getter on the field at `path` (an own, enumerable accessor: what readCommandOnce copies). */
  | { readonly kind: 'getter'; readonly path: readonly (string | number)[] }
  /** The command behind a Proxy (nested objects too), firing at the `at`-th call of a trap of `trap`. */
  | { readonly kind: 'trap'; readonly trap: TrapKind; readonly at: number; readonly classy: boolean }
  /** A class instance whose `field` is a getter on its prototype. */
  | { readonly kind: 'prototype getter'; readonly field: string }
  /** A field Kanjo does not read, keyed: its toJSON runs when the keyed command is written as JSON. */
  | { readonly kind: 'unread toJSON' }
  /** A field Kanjo does not read, keyed: a getter deeper down, read when the command is written as JSON. */
  | { readonly kind: 'unread getter' }
  /** `at` a Date subclass whose methods fire (refused as time_invalid, its message asking toISOString). */
  | { readonly kind: 'Date at' }
  /** An id field replaced by a Proxy that fires when the rejection message looks for its toJSON. */
  | { readonly kind: 'message proxy'; readonly field: string };

export { TRAP_KINDS, type TrapKind } from './counting-proxy.js';

/** A callback that runs its action the first time only: the nested call reads the same objects again. */
export function once(action: () => void): { readonly fire: () => void; readonly fired: () => boolean } {
  let fired = false;
  return {
    fire: () => {
      if (fired) return;
      fired = true;
      action();
    },
    fired: () => fired,
  };
}

function parentOf(root: Record<string | number, unknown>, path: readonly (string | number)[]): Record<string | number, unknown> {
  let at = root;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  return at;
}

/** A caller's command class (fields own): a Proxy of an instance is asked `key in command` too. */
class CallerCommand {}

/** `command` (plain data, copied) turned into a caller object that runs `fire` when read at `point`. */
export function hostileCommand(command: Command, point: ReadPoint, fire: () => void): Command {
  const copy = structuredClone(command) as unknown as Record<string | number, unknown>;
  switch (point.kind) {
    case 'getter': {
      const parent = parentOf(copy, point.path);
      const key = point.path[point.path.length - 1] as string | number;
      const value = parent[key];
      Object.defineProperty(parent, key, {
        enumerable: true,
        configurable: true,
        get: () => {
          fire();
          return value;
        },
      });
      return copy as unknown as Command;
    }
    case 'trap': {
      if (point.classy) Object.setPrototypeOf(copy, CallerCommand.prototype);
      let count = 0;
      const tick = (kind: TrapKind): void => {
        if (kind !== point.trap) return;
        count += 1;
        if (count === point.at) fire();
      };
      return countingProxy(copy, tick) as unknown as Command;
    }
    case 'prototype getter': {
      const value = copy[point.field];
      delete copy[point.field];
      const prototype = Object.create(Object.prototype, {
        [point.field]: {
          get: () => {
            fire();
            return value;
          },
        },
      }) as object;
      return Object.setPrototypeOf(copy, prototype) as unknown as Command;
    }
    case 'unread toJSON':
      copy['note'] = {
        toJSON: () => {
          fire();
          return 'a note';
        },
      };
      return copy as unknown as Command;
    case 'unread getter':
      copy['note'] = {
        kind: 'note',
        get text() {
          fire();
          return 'a note';
        },
      };
      return copy as unknown as Command;
    case 'Date at': {
      const time = typeof copy['at'] === 'string' ? Date.parse(copy['at']) : 0;
      class CallerDate extends Date {
        override toISOString(): string {
          fire();
          return super.toISOString();
        }
      }
      copy['at'] = new CallerDate(time);
      return copy as unknown as Command;
    }
    case 'message proxy':
      copy[point.field] = new Proxy(
        {},
        {
          get: (target, key, receiver) => {
            if (key === 'toJSON') fire();
            return Reflect.get(target, key, receiver) as unknown;
          },
        },
      );
      return copy as unknown as Command;
  }
}

/** What a caller sees of a ledger: balances, payment views, the journal as JSON and as its export. */
export function picture(ledger: Ledger): unknown {
  return {
    balances: merchantBalances(ledger.state),
    payments: [...ledger.state.payments.values()].map(paymentView),
    journal: JSON.stringify(ledger.journal),
    export: [...journalNdjsonLines(CONFIG, ledger.journal)].join(''),
  };
}

/** A nested call's answer, with the key it was sent with. */
export interface NestedCall {
  readonly key: string | undefined;
  readonly outcome: Outcome;
}

/** Executes `command` on `ledger` as a nested call, recording its answer in `calls`. */
export function nestedExecute(ledger: Ledger, command: Command, calls: NestedCall[]): void {
  calls.push({ key: command.idempotencyKey, outcome: attempt(() => ledger.execute(command)) });
}
