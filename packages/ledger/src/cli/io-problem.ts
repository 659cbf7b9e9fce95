/**
 * What went wrong reading or writing a file, for the one line `kanjo` prints: the system's
 * error code in words a person reads, the code kept beside them for scripts that match it
 * (`no such file or directory (ENOENT)`). An error without a code gives its message.
 */
export function ioProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return error instanceof Error ? error.message : String(error);
  const words = IO_ERROR_WORDS[code];
  return words === undefined ? code : `${words} (${code})`;
}

/** The codes a person is likely to meet, as the C library words them (strerror). */
const IO_ERROR_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  EEXIST: 'file exists',
  EIO: 'input/output error',
  EAGAIN: 'resource temporarily unavailable',
  ENXIO: 'no such device or address',
  EFBIG: 'file too large',
  // Node's, not the system's: a file read whole (a scenario) must fit in one string.
  ERR_STRING_TOO_LONG: 'longer than the longest text JavaScript holds, about 512 MiB',
  ERR_FS_FILE_TOO_LARGE: 'larger than the 2 GiB Node reads at once',
};
