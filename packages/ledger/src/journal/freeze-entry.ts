import type { Entry } from './entry.js';

/**
 * Freezes an entry the engine made, all the way down, before it is folded and appended.
 *
 * The state folds an entry's own objects in rather than copies of them (a payment's pending
 * split, split lines and shares, a request's parts and holds, payout settings, a session's
 * lists): copying them would cost every command. So a caller that wrote into a returned entry
 * (from JavaScript, or past the read-only types with a cast) would change what later commands
 * decide, and the journal would still replay, as it would describe the changed ledger. Frozen,
 * such a write throws in strict code and does nothing otherwise: the journal stays what was
 * decided, and so does the state built from it.
 *
 * Only the engine's own objects are walked: an entry holds plain data (the command was read
 * once into a copy), and the shared constants it may point to are frozen already, so an object
 * found frozen is not walked again.
 */
export function freezeEntry(entry: Entry): void {
  // Postings and events hold only text and numbers: frozen one level deep, without a walk.
  for (const posting of entry.postings) Object.freeze(posting);
  Object.freeze(entry.postings);
  for (const event of entry.events) Object.freeze(event);
  Object.freeze(entry.events);
  for (const change of entry.changes) freezeDeep(change);
  Object.freeze(entry.changes);
  Object.freeze(entry.command);
  Object.freeze(entry);
}

function freezeDeep(value: object): void {
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'object' && item !== null && !Object.isFrozen(item)) freezeDeep(item);
    }
    return;
  }
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (typeof field === 'object' && field !== null && !Object.isFrozen(field)) freezeDeep(field);
  }
}
