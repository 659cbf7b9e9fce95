/**
 * A JSON.parse error message with the line and column of its position added, for a person who
 * edits a scenario by hand: Node 20 says only "… in JSON at position 1060", which no editor
 * shows. Node 22 already writes "(line 29 column 5)"; a message that has no bare position at
 * its end is returned as it is.
 */
export function withLineAndColumn(message: string, text: string): string {
  const found = /at position (\d+)$/.exec(message);
  if (found === null) return message;
  const position = Math.min(Number(found[1]), text.length);
  // Lines end at "\r\n", "\n" or a lone "\r", as V8 counts them for Node 22's own line numbers
  // (a file saved with classic Mac line ends is one line to a count of "\n" alone).
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < position; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(index + 1) !== 0x0a)) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return `${message} (line ${line}, column ${position - lineStart + 1})`;
}
