import { currencyExponent, decimalAmount } from '@kanjo/splits';

/**
 * Text for rejection messages. An amount written beside its currency code is in the currency's
 * unit (`45.00 USD`, README "Command line"); an amount that echoes what the caller sent (a
 * command's or a journal's minor units) stays as sent, with that unit beside it when it differs
 * (`4500 (45.00 USD)`). Caller input is quoted, escaped and bounded so that a message stays one
 * short line whatever was sent.
 */

/** Longest piece of caller input a message quotes whole. */
export const MAX_QUOTED_LENGTH = 64;

/** Minor units written in the currency's unit beside its code: `45.00 USD`, `4500 JPY`. */
export function inUnit(minorUnits: number, currency: string): string {
  if (!Number.isSafeInteger(minorUnits)) return `${String(minorUnits)} minor units of ${currency}`;
  return `${decimalAmount(minorUnits, currency)} ${currency}`;
}

/** Minor units in the currency's unit without its code, for an amount after one that names it: `45.00`. */
export function unitOnly(minorUnits: number, currency: string): string {
  return Number.isSafeInteger(minorUnits) ? decimalAmount(minorUnits, currency) : String(minorUnits);
}

/** Minor units the caller sent, as sent, with the currency's unit beside: `4500 (45.00 USD)`, `4500 JPY`. */
export function echoed(minorUnits: number, currency: string): string {
  if (!Number.isSafeInteger(minorUnits) || (currencyExponent(currency) ?? 0) === 0) return inUnit(minorUnits, currency);
  return `${String(minorUnits)} (${inUnit(minorUnits, currency)})`;
}

/** Characters JSON.stringify leaves as they are but that break or hide a line: C1 controls, U+2028/9. */
const UNESCAPED_BY_JSON = /[\u007f-\u009f\u2028\u2029]/g;

/** Caller input quoted as JSON, escaped and shortened to {@link MAX_QUOTED_LENGTH} characters. */
export function quoted(value: unknown): string {
  if (typeof value !== 'string') return value === undefined ? 'nothing' : value === null ? 'null' : typeof value === 'object' ? `a value of type ${Array.isArray(value) ? 'array' : 'object'}` : JSON.stringify(value) ?? typeof value;
  let text = value;
  if ([...text].length > MAX_QUOTED_LENGTH) text = `${[...text].slice(0, MAX_QUOTED_LENGTH).join('')}…`;
  return JSON.stringify(text).replace(UNESCAPED_BY_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Caller input as it is when it is short printable ASCII (an ordinary id), else {@link quoted}. */
export function shown(value: unknown): string {
  if (typeof value === 'string' && value.length > 0 && value.length <= MAX_QUOTED_LENGTH && /^[\x21-\x7e]+$/.test(value)) return value;
  return quoted(value);
}
