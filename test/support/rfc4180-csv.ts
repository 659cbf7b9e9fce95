/** A strict RFC 4180 reader for the tests: what a spreadsheet import would accept, and nothing else. */

/** Parses RFC 4180 CSV (CRLF records, quoted fields with doubled quotes); throws on anything else. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let position = 0;
  if (!text.endsWith('\r\n')) throw new Error('CSV does not end with CRLF');
  while (position < text.length) {
    let field = '';
    if (text[position] === '"') {
      position += 1;
      for (;;) {
        const quote = text.indexOf('"', position);
        if (quote === -1) throw new Error('unterminated quoted field');
        field += text.slice(position, quote);
        position = quote + 1;
        if (text[position] === '"') {
          field += '"';
          position += 1;
        } else break;
      }
    } else {
      const match = /^[^",\r\n]*/.exec(text.slice(position, position + 100_000));
      field = match?.[0] ?? '';
      position += field.length;
    }
    row.push(field);
    if (text[position] === ',') position += 1;
    else if (text.startsWith('\r\n', position)) {
      rows.push(row);
      row = [];
      position += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[position])} at ${position}`);
  }
  return rows;
}
