import { accept, countText, parseAmount } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import { copyOfList, lengthOfList } from '../engine/copy-list.js';
import { MAX_LIST_LENGTH } from '../engine/read-fields-once.js';

/** An object of a parsed JSON document (a scenario file, a command): what `parseScenarioConfig` reads, read field by field with typed rejections. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Whether a value is a plain JSON object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A field of a parsed document, its own only. A JSON document has no other; one found on
 * Object.prototype was put there by other code (prototype pollution), and read as a refund's
 * `amount` it would turn a full refund into a partial one.
 */
export function fieldOf(object: JsonObject, field: string): unknown {
  return Object.hasOwn(object, field) ? object[field] : undefined;
}

/** A required string field. */
export function readString(object: JsonObject, field: string): LedgerResult<string> {
  const value = fieldOf(object, field);
  if (value === undefined || value === null) return reject('field_missing', `${field} is required`);
  if (typeof value !== 'string') return reject('field_invalid', `${field} must be a string`);
  return accept(value);
}

/** An optional string field (undefined when absent or null). */
export function readOptionalString(object: JsonObject, field: string): LedgerResult<string | undefined> {
  const value = fieldOf(object, field);
  if (value === undefined || value === null) return accept(undefined);
  if (typeof value !== 'string') return reject('field_invalid', `${field} must be a string`);
  return accept(value);
}

/**
 * An amount field: an integer in minor units, as a JSON number or a string of digits
 * (KOMOJU's API takes both). Anything else is rejected with the amount's own code.
 */
export function readAmount(object: JsonObject, field: string, allowZero = false): LedgerResult<number> {
  const value = fieldOf(object, field);
  if (value === undefined || value === null) return reject('field_missing', `${field} is required`);
  return parseAmount(value, { field, allowZero });
}

/** An optional amount field. */
export function readOptionalAmount(object: JsonObject, field: string, allowZero = false): LedgerResult<number | undefined> {
  const value = fieldOf(object, field);
  if (value === undefined || value === null) return accept(undefined);
  return parseAmount(value, { field, allowZero });
}

/** A boolean, also as the strings "true" and "false" that KOMOJU's API examples send. */
export function readOptionalBoolean(object: JsonObject, field: string): LedgerResult<boolean | undefined> {
  const value = fieldOf(object, field);
  if (value === undefined || value === null) return accept(undefined);
  if (value === true || value === 'true') return accept(true);
  if (value === false || value === 'false') return accept(false);
  return reject('field_invalid', `${field} must be true or false`);
}

/** An optional list of strings. */
export function readOptionalStringList(object: JsonObject, field: string): LedgerResult<readonly string[] | undefined> {
  const value = fieldOf(object, field);
  if (value === undefined || value === null) return accept(undefined);
  if (!Array.isArray(value)) return reject('field_invalid', `${field} must be a list of strings`);
  // The engine throws on a longer list (misuse from code); a document's is refused, before its
  // items are read (a list from code whose length was set past its items has no end).
  const length = lengthOfList(value);
  if (length > MAX_LIST_LENGTH) {
    return reject('field_invalid', `${field} may list at most ${countText(MAX_LIST_LENGTH)} strings, not ${countText(length)}`);
  }
  // A copy, each item read once: the command or configuration parsed from the document must not
  // change when the caller edits the document later (the configuration `runScenario` answers is
  // what a journal of the run is exported with). A hole (a list from code) stays a hole, as the
  // engine is given it.
  const items = copyOfList(value as readonly unknown[], length);
  if (!items.every((item) => typeof item === 'string')) return reject('field_invalid', `${field} must be a list of strings`);
  return accept(items as string[]);
}
