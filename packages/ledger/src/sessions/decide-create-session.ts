import { accept, countText, type SplitLine } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { CreateSessionCommand } from '../commands/command.js';
import { requireId } from '../commands/validate-input.js';
import { isAbsoluteHttpUrl } from './is-absolute-http-url.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { EntryDraft } from '../journal/entry.js';
import { paymentMethodCapabilities } from '../payments/payment-methods.js';
import { resolveCreationParties } from '../payments/resolve-creation-parties.js';
import { validateCreationSplit } from '../payments/validate-creation-split.js';
import type { SessionInit } from './session.js';
import { quoted, shown } from '../engine/message-text.js';
import { entriesInCodeUnitOrder, firstKeyInCodeUnitOrder } from '../engine/code-unit-order.js';
import { isJsonKindObject } from '../engine/read-fields-once.js';

/** Longest external_customer_id KOMOJU accepts (`[003]`). */
export const MAX_EXTERNAL_CUSTOMER_ID_LENGTH = 255;

/**
 * The most metadata keys a session carries (`[decided]`: the seeds set no limit). Checked here,
 * not only by the scenario reader, so a session from code cannot carry more into the
 * append-only journal than one from a scenario file can.
 */
export const MAX_METADATA_KEYS = 50;

/**
 * The longest text a session carries without reading it (return_url, external_order_num,
 * default_locale, each metadata key and value), in UTF-16 code units (JavaScript's `length`).
 * `[decided]`: the seeds set no limit, but the journal keeps each session whole on one line,
 * and a line JavaScript cannot hold as one string (2^29 − 24 units) could never be exported
 * again: one accepted session would make an append-only journal unwritable. Its 103 such
 * texts at most (3, and 50 metadata keys and values), each character escaped to at most 6
 * units, come to about 41 million, far below that; no URL, locale, order number or metadata
 * a payment page carries comes near the limit.
 */
export const MAX_CARRIED_TEXT_LENGTH = 65_536;

/**
 * `session.create` (DOMAIN.md "Hosted page sessions", `[003]`): positive amount, known
 * currency, payment types non-empty and each accepted by the processing merchant, return_url an
 * absolute http(s) URL, external_customer_id of at most 255 characters. `capture: auto` needs
 * the split now (it captures at completion), `manual` forbids it until the capture. From code,
 * text it carries without reading (external ids, locale, metadata values) that is not text is
 * `field_invalid`, as from a scenario. The journal keeps a copy of SessionInit's fields only.
 */
export function decideCreateSession(state: LedgerStateView, command: CreateSessionCommand): LedgerResult<EntryDraft> {
  const id = requireId(command.id, 'id');
  if (!id.ok) return id;
  if (state.sessions.has(command.id)) return reject('session_id_taken', `session id ${command.id} is already used: give a new id`);
  const parties = resolveCreationParties(state, command);
  if (!parties.ok) return parties;
  if (command.paymentTypes.length === 0) {
    return reject('session_payment_types_empty', 'payment_types must list at least one payment type to offer on the hosted page');
  }
  const processing = parties.value.seller ?? parties.value.platform;
  for (const [index, type] of command.paymentTypes.entries()) {
    if (paymentMethodCapabilities(type) === undefined || !processing.paymentTypes.has(type)) {
      return reject('payment_type_not_accepted', `merchant ${processing.id} does not accept ${shown(type)}: offer only payment types it accepts`);
    }
    // Each at most once: the list is kept in the journal, so a repeated type is not harmless
    // (a list from code repeating one type millions of times would make its line unwritable).
    if (command.paymentTypes.indexOf(type) !== index) {
      return reject('session_payment_types_repeated', `payment_types lists ${type} more than once: list each payment type to offer once`);
    }
  }
  if (!isAbsoluteHttpUrl(command.returnUrl)) {
    return reject('session_return_url_invalid', `return_url must be an absolute http or https URL as written (scheme://host…, no spaces of any kind, control characters, backslashes or lone surrogates), e.g. https://shop.example/return; got ${quoted(command.returnUrl)}`);
  }
  const carried = carriedTextProblem(command);
  if (carried !== undefined) return reject('field_invalid', carried);
  const tooLong = carriedTextTooLong(command);
  if (tooLong !== undefined) {
    return reject(
      'session_text_too_long',
      `${tooLong.field} is ${countText(tooLong.length)} characters long: a session carries texts of at most ${countText(MAX_CARRIED_TEXT_LENGTH)} (UTF-16 code units, JavaScript's length); keep longer data in your own system and carry a reference to it`,
    );
  }
  if (command.externalCustomerId !== undefined && longerThan(command.externalCustomerId, MAX_EXTERNAL_CUSTOMER_ID_LENGTH)) {
    return reject('session_external_customer_id_too_long', `external_customer_id must be at most ${MAX_EXTERNAL_CUSTOMER_ID_LENGTH} characters`);
  }
  if (command.capture !== 'auto' && command.capture !== 'manual') {
    return reject('session_capture_invalid', `capture must be auto or manual, not ${quoted(command.capture)}`);
  }
  const validated = validateCreationSplit(state, parties.value, command, command.capture === 'auto', undefined);
  if (!validated.ok) {
    // The split package speaks of a payment's capture: false; a session says capture: manual.
    if (validated.error.code === 'split_not_allowed_at_authorization') {
      const message = 'a session with capture: manual takes no split (platform_details); send the split when capturing its payment, or create the session with capture: auto';
      return { ok: false, error: { ...validated.error, message } };
    }
    return validated;
  }
  return accept({ changes: [{ kind: 'session_created', session: sessionInitOf(command, validated.value.split) }], postings: [], events: [] });
}

/**
 * The session as the journal keeps it: SessionInit's fields only, in its order, the lists and
 * the metadata copied. Kept by reference, a caller that goes on using its own objects would
 * rewrite an entry already appended (and what the session offers); a field SessionInit does not
 * have (a whole request body passed on) would be kept forever in an append-only journal.
 */
function sessionInitOf(command: CreateSessionCommand, split: readonly SplitLine[]): SessionInit {
  const session: Record<string, unknown> = {
    id: command.id,
    merchant: command.merchant,
    as: command.as,
    amount: command.amount,
    currency: command.currency,
    paymentTypes: [...command.paymentTypes],
    returnUrl: command.returnUrl,
    capture: command.capture,
    split: command.split === undefined ? undefined : split,
    platformAmount: command.platformAmount,
    platformMerchant: command.platformMerchant,
    externalCustomerId: command.externalCustomerId,
    externalOrderNum: command.externalOrderNum,
    defaultLocale: command.defaultLocale,
    metadata: command.metadata === undefined ? undefined : Object.fromEntries(Object.entries(command.metadata)),
  };
  // Absent, not undefined: the same object a scenario's command gives.
  for (const key of Object.keys(session)) if (session[key] === undefined) delete session[key];
  return session as unknown as SessionInit;
}

/**
 * The text a session carries without reading it must be text, as the journal's readers require
 * (a number from code was written, then refused by `kanjo reconcile`): `external_customer_id`,
 * `payment_data.external_order_num`, `default_locale` and each metadata value.
 */
function carriedTextProblem(command: CreateSessionCommand): string | undefined {
  for (const [field, value] of [
    ['external_customer_id', command.externalCustomerId],
    ['payment_data.external_order_num', command.externalOrderNum],
    ['default_locale', command.defaultLocale],
  ] as const) {
    if (value !== undefined && typeof value !== 'string') return `${field} must be a string`;
  }
  const metadata: unknown = command.metadata;
  if (metadata === undefined) return undefined;
  // A Map, a Date or a boxed string would be carried as other entries than it holds ({}, or "0", "1", …).
  if (!isJsonKindObject(metadata)) return 'metadata must be a plain object of strings (an object literal, not a Map, a list or a class instance)';
  if (Object.keys(metadata).length > MAX_METADATA_KEYS) return `metadata may have at most ${MAX_METADATA_KEYS} keys`;
  // The key first in code-unit order is named: the order an object's keys were written in must not choose.
  const notText = firstKeyInCodeUnitOrder(metadata as Record<string, unknown>, (value) => typeof value !== 'string');
  return notText === undefined ? undefined : `metadata.${shown(notText)} must be a string (numbers and booleans as text)`;
}

/**
 * The first text the session carries that is longer than {@link MAX_CARRIED_TEXT_LENGTH}, named
 * as the scenario spells it, with its length; checked once each is known to be a string.
 */
function carriedTextTooLong(command: CreateSessionCommand): { field: string; length: number } | undefined {
  const texts: [string, string | undefined][] = [
    ['return_url', command.returnUrl],
    ['payment_data.external_order_num', command.externalOrderNum],
    ['default_locale', command.defaultLocale],
  ];
  // Metadata in code-unit order of its keys: the order they were written in must not choose which is named.
  for (const [key, value] of entriesInCodeUnitOrder(command.metadata ?? {})) {
    texts.push([`a metadata key (${quoted(key)})`, key], [`metadata.${shown(key)}`, value]);
  }
  for (const [field, text] of texts) {
    if (text !== undefined && text.length > MAX_CARRIED_TEXT_LENGTH) return { field, length: text.length };
  }
  return undefined;
}

/**
 * Whether a text has more than `limit` characters (code points). KOMOJU's limit is in
 * characters; `length` counts UTF-16 units, two for a character outside the BMP (an emoji, a
 * rare kanji), so 128 such characters would already be over 255. Stops counting past `limit`.
 */
function longerThan(text: string, limit: number): boolean {
  if (text.length <= limit) return false; // never more characters than UTF-16 units
  let count = 0;
  for (const _character of text) {
    count += 1;
    if (count > limit) return true;
  }
  return false;
}

