import type { LedgerRejection, LedgerResult } from '../engine/ledger-rejection.js';
import {
  readAmount,
  readOptionalAmount,
  readOptionalBoolean,
  readOptionalString,
  readOptionalStringList,
  readString,
  type JsonObject,
} from './field-reader.js';

/**
 * Reads many fields of one command and keeps the first rejection, so a command parser reads
 * as a list of fields rather than a ladder of early returns. After reading, check `error`
 * before using any value (values read after a failure are placeholders).
 */
export class FieldCollector {
  /** The first rejection met, if any. */
  error: LedgerRejection | undefined;
  readonly #object: JsonObject;

  constructor(object: JsonObject) {
    this.#object = object;
  }

  string(field: string): string {
    return this.#keep(readString(this.#object, field), '');
  }

  optionalString(field: string): string | undefined {
    return this.#keep(readOptionalString(this.#object, field), undefined);
  }

  amount(field: string, allowZero = false): number {
    return this.#keep(readAmount(this.#object, field, allowZero), 0);
  }

  optionalAmount(field: string, allowZero = false): number | undefined {
    return this.#keep(readOptionalAmount(this.#object, field, allowZero), undefined);
  }

  optionalBoolean(field: string): boolean | undefined {
    return this.#keep(readOptionalBoolean(this.#object, field), undefined);
  }

  optionalStringList(field: string): readonly string[] | undefined {
    return this.#keep(readOptionalStringList(this.#object, field), undefined);
  }

  /** Keeps the value of any other reader. */
  take<Value>(result: LedgerResult<Value>, placeholder: Value): Value {
    return this.#keep(result, placeholder);
  }

  #keep<Value>(result: LedgerResult<Value>, placeholder: Value): Value {
    if (result.ok) return result.value;
    this.error ??= result.error;
    return placeholder;
  }
}
