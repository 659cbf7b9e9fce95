/**
 * A business rejection: a stable snake_case `code` a program can branch on, and a
 * `message` a person can act on (it says what to fix).
 */
export interface Rejection<Code extends string = string> {
  /** Stable snake_case code; listed in each package's README and never renamed. */
  readonly code: Code;
  /** What went wrong and what to change, in one sentence. */
  readonly message: string;
}

/**
 * The outcome of an operation that may be rejected for business reasons.
 * Misuse from code (a non-integer amount, say) throws instead, as `assertAmount` does.
 */
export type Result<Value, Code extends string = string> =
  | {
      /** Accepted. */
      readonly ok: true;
      /** What the operation produced. */
      readonly value: Value;
    }
  | {
      /** Rejected for a business reason. */
      readonly ok: false;
      /** Why: a stable code to branch on and a message saying what to fix. */
      readonly error: Rejection<Code>;
    };

/** Wraps a value as an accepted result. */
export function accept<Value>(value: Value): { readonly ok: true; readonly value: Value } {
  return { ok: true, value };
}

/** Builds a rejected result with its code and message. */
export function reject<Code extends string>(code: Code, message: string): { readonly ok: false; readonly error: Rejection<Code> } {
  return { ok: false, error: { code, message } };
}

/**
 * Marks a {@link RejectionError} made by any copy of this package in the process (a registered
 * symbol is the same in all of them), for `instanceof`.
 */
const REJECTION_ERROR = Symbol.for('@kanjo/splits RejectionError');

/**
 * Thrown by {@link unwrap} for a rejected result: carries the same rejection as the result,
 * so one source of truth serves both styles. (No function of the package throws it otherwise.)
 *
 * `error instanceof RejectionError` holds for one thrown by any copy of `@kanjo/splits` in the
 * process: a service may load both the ESM and the CommonJS build (one dependency imports it,
 * another requires it), and each build has its own class.
 */
export class RejectionError<Code extends string = string> extends Error {
  /** The rejection's stable code. */
  readonly code: Code;
  /** The rejection as data. */
  readonly rejection: Rejection<Code>;

  constructor(rejection: Rejection<Code>) {
    super(`${rejection.code}: ${rejection.message}`);
    this.name = 'RejectionError';
    this.code = rejection.code;
    this.rejection = rejection;
    Object.defineProperty(this, REJECTION_ERROR, { value: true });
  }

  /**
   * The usual prototype check, or a RejectionError of another copy of the package (its brand);
   * for a subclass, the prototype check alone. An object built on the prototype without the
   * constructor (a serialiser that revives classes with `Object.create`) is an instance too.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return isRejectionErrorItself(this) && typeof value === 'object' && value !== null && (value as { readonly [REJECTION_ERROR]?: unknown })[REJECTION_ERROR] === true;
  }
}

// Compared outside the class body: naming the class inside it makes the bundler rename the class
// (`_RejectionError` in stack traces and `.name`; review 224).
function isRejectionErrorItself(candidate: unknown): boolean {
  return candidate === RejectionError;
}

/** Returns the value of an accepted result, or throws its rejection as a {@link RejectionError}. */
export function unwrap<Value, Code extends string>(result: Result<Value, Code>): Value {
  if (result.ok) return result.value;
  throw new RejectionError(result.error);
}

/**
 * Marks a branch the type checker proves unreachable; throws a `TypeError` if reached anyway: a
 * value outside its type came from code that cast or skipped the types (a programmer error,
 * thrown as the README says such errors are, not a plain `Error`).
 */
export function assertNever(value: never, what = 'value'): never {
  throw new TypeError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
