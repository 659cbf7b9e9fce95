/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a quote, or a line break, with
 * quotes doubled. Numbers are written as plain integers (no thousands separators).
 */
export function csvField(value: string | number | bigint | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (CRLF-terminated, as RFC 4180 says). */
export function csvLine(values: readonly (string | number | bigint | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
