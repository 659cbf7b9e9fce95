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
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < lineStart; index = text.indexOf('\n', index + 1)) line += 1;
  return `${message} (line ${line}, column ${position - lineStart + 1})`;
}
