import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { CreateSessionCommand } from '../commands/command.js';
import { CONTROL_CHARACTER, requireId } from '../commands/validate-input.js';
import type { LedgerState } from '../engine/ledger-state.js';
import type { EntryDraft } from '../journal/entry.js';
import { paymentMethodCapabilities } from '../payments/payment-methods.js';
import { resolveCreationParties } from '../payments/resolve-creation-parties.js';
import { validateCreationSplit } from '../payments/validate-creation-split.js';
import type { SessionInit } from './session.js';

/** Longest external_customer_id KOMOJU accepts (`[003]`). */
export const MAX_EXTERNAL_CUSTOMER_ID_LENGTH = 255;

/**
 * `session.create` (DOMAIN.md "Hosted page sessions", `[003]`): positive amount, known
 * currency, payment types non-empty and each accepted by the processing merchant, return_url an
 * absolute http(s) URL, external_customer_id of at most 255 characters. `capture: auto` needs
 * the split now (it captures at completion), `manual` forbids it until the capture.
 */
export function decideCreateSession(state: LedgerState, command: CreateSessionCommand): LedgerResult<EntryDraft> {
  const id = requireId(command.id, 'id');
  if (!id.ok) return id;
  if (state.sessions.has(command.id)) return reject('session_id_taken', `session id ${command.id} is already used: give a new id`);
  const parties = resolveCreationParties(state, command);
  if (!parties.ok) return parties;
  if (command.paymentTypes.length === 0) {
    return reject('session_payment_types_empty', 'payment_types must list at least one payment type to offer on the hosted page');
  }
  const processing = parties.value.seller ?? parties.value.platform;
  for (const type of command.paymentTypes) {
    if (paymentMethodCapabilities(type) === undefined || !processing.paymentTypes.has(type)) {
      return reject('payment_type_not_accepted', `merchant ${processing.id} does not accept ${type}: offer only payment types it accepts`);
    }
  }
  if (!isAbsoluteHttpUrl(command.returnUrl)) {
    return reject('session_return_url_invalid', `return_url must be an absolute http or https URL as written (scheme://host…, no spaces, control characters or backslashes), e.g. https://shop.example/return; got ${JSON.stringify(command.returnUrl)}`);
  }
  if (command.externalCustomerId !== undefined && longerThan(command.externalCustomerId, MAX_EXTERNAL_CUSTOMER_ID_LENGTH)) {
    return reject('session_external_customer_id_too_long', `external_customer_id must be at most ${MAX_EXTERNAL_CUSTOMER_ID_LENGTH} characters`);
  }
  if (command.capture !== 'auto' && command.capture !== 'manual') {
    return reject('session_capture_invalid', `capture must be auto or manual, not ${JSON.stringify(command.capture)}`);
  }
  const validated = validateCreationSplit(state, parties.value, command, command.capture === 'auto', undefined);
  if (!validated.ok) return validated;
  const { op: _op, at: _at, idempotencyKey: _key, ...fields } = command;
  const session: SessionInit = fields;
  return accept({ changes: [{ kind: 'session_created', session }], postings: [], events: [] });
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

/** `http://` or `https://` and then the first character of a host (not a further slash, `?`, `#` or a backslash). */
const HTTP_URL_START = /^https?:\/\/[^/?#\\]/i;

/**
 * An absolute http(s) URL as written, not merely one the WHATWG parser can repair: that parser
 * drops tabs and line breaks, trims spaces, reads a backslash as `/` and supplies a missing `//`, but the
 * return URL is kept and handed back byte for byte (sessionReturnUrl), so what is checked must
 * be what the customer is sent to. Spaces, control characters and backslashes are refused.
 */
function isAbsoluteHttpUrl(text: string): boolean {
  if (typeof text !== 'string') return false;
  if (!HTTP_URL_START.test(text) || text.includes(' ') || text.includes('\\') || CONTROL_CHARACTER.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
