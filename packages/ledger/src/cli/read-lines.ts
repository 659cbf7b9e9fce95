import { createReadStream } from 'node:fs';

/**
 * The lines of a file, read as a stream in large chunks and split with indexOf: several times
 * faster than node:readline on a journal of a million lines, in constant memory. Throws the
 * stream's error (e.g. ENOENT) on the first iteration.
 */
export async function* readLines(path: string): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    let text = rest + chunk;
    let start = 0;
    let end = text.indexOf('\n', start);
    while (end !== -1) {
      yield text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    rest = text.slice(start);
    text = '';
  }
  if (rest.length > 0) yield rest;
}
