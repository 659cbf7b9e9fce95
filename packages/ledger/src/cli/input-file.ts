/**
 * `-` in place of the file a subcommand reads: standard input (`gunzip -c j.ndjson.gz | kanjo
 * reconcile -`), read from descriptor 0 as it is: by path, `/dev/stdin` cannot be opened when
 * standard input is a socket, as it is for a process that Node's child_process started. A file
 * named `-` is `./-`.
 */
export const STANDARD_INPUT = '-';

/** What to open: descriptor 0 for `-`, else the path. */
export function inputSource(path: string): string | 0 {
  return path === STANDARD_INPUT ? 0 : path;
}

/** What messages call the input: the path as given, or `standard input`. */
export function inputName(path: string): string {
  return path === STANDARD_INPUT ? 'standard input' : path;
}
