import { jsonSyntaxErrorOffset, pastWhiteSpace } from './json-syntax-error-offset.js';

/**
 * A JSON.parse error message with the line and column of its mistake added, for a person who
 * edits a scenario by hand: Node 20 says only "… in JSON at position 1060", which no editor
 * shows, and for a misplaced token or a text that ends too soon names no position at all
 * ("Unexpected token ']', … is not valid JSON", "Unexpected end of JSON input"): there the
 * position is found by reading the text again. Node 22 already writes "(line 29 column 5)"
 * after a position; a message that has one is returned as it is. A text with nothing in it
 * says so.
 */
export function withLineAndColumn(message: string, text: string): string {
  if (pastWhiteSpace(text, 0) === text.length) return text.length === 0 ? 'it is empty' : 'it holds only white space';
  if (/\(line \d+,? column \d+\)$/.test(message)) return message;
  const found = /at position (\d+)$/.exec(message);
  const position = found === null ? jsonSyntaxErrorOffset(text) : Math.min(Number(found[1]), text.length);
  if (position === undefined) return message;
  const { line, column } = lineAndColumn(text, position);
  return `${message} (line ${line}, column ${column})`;
}

/** Line and column (both from 1, columns in UTF-16 code units) of an offset into `text`. */
function lineAndColumn(text: string, position: number): { readonly line: number; readonly column: number } {
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
  return { line, column: position - lineStart + 1 };
}
