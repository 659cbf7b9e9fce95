/**
 * Why a line or a value could not be read as text: V8 holds no string longer than 2^29 − 24
 * UTF-16 code units (about 512 MiB), and decoding more throws `ERR_STRING_TOO_LONG`. Kanjo
 * writes every journal line from one JavaScript string, so no line it writes is that long:
 * meeting one means the file is damaged (or no journal), not that it needs more memory.
 */
export const STRING_TOO_LONG = 'longer than the longest text JavaScript holds (2^29 − 24 characters, about 512 MiB), so not written by Kanjo';

/** Whether `error` is Node's refusal to build a string that long. */
export function isStringTooLong(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_STRING_TOO_LONG';
}
