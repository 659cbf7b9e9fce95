import { CompactEntryDecoder, journalNdjsonLines } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG } from './support/fixtures.js';

// V8 holds no string longer than 2^29 − 24 UTF-16 code units; decoding more throws Node's
// ERR_STRING_TOO_LONG. The compact decoder let that error out of `decode`, a function that
// answers with a result: a damaged line of half a gigabyte threw from code, and `kanjo
// reconcile` called it a file it could not read (exit 2) instead of a broken entry (exit 1).

const MAX_STRING_LENGTH = 2 ** 29 - 24;
const TOO_LONG = 'longer than the longest text JavaScript holds (2^29 − 24 characters, about 512 MiB), so not written by Kanjo';

/** The bytes of `[1,"aaa…a"]` with a string of one character more than a string can hold. */
function lineWithLongString(): Uint8Array {
  const prefix = new TextEncoder().encode('[1,"');
  const bytes = new Uint8Array(prefix.length + MAX_STRING_LENGTH + 1 + 2).fill(0x61);
  bytes.set(prefix);
  bytes.set(new TextEncoder().encode('"]'), bytes.length - 2);
  return bytes;
}

describe('a compact entry line holding a string too long for JavaScript is malformed, not thrown', () => {
  const header = JSON.parse([...journalNdjsonLines(CONFIG, [])][0] ?? 'null') as unknown;
  const opened = CompactEntryDecoder.fromHeader(header);
  if (!opened.ok) throw new Error(opened.error.message);
  const { decoder } = opened.value;
  const bytes = lineWithLongString();

  it('an ASCII string (the fast path): journal_entry_malformed at its opening quote', () => {
    expect(decoder.decode(bytes, 0, bytes.length, 2)).toEqual({
      ok: false,
      error: { code: 'journal_entry_malformed', message: `line 2 (entry 1): a string ${TOO_LONG} (byte 4)` },
    });
  });

  it('a string with an escape (read by JSON.parse): the same, as a value', () => {
    bytes.set(new TextEncoder().encode('\\n'), bytes.length - 4);
    expect(decoder.decode(bytes, 0, bytes.length, 2)).toEqual({
      ok: false,
      error: { code: 'journal_entry_malformed', message: `line 2 (entry 1): a value ${TOO_LONG} (byte 4)` },
    });
  });
});
