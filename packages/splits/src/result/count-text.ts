/**
 * A count for a message, with a comma between each group of three digits: `1234567` is
 * `1,234,567`. Written on the digits rather than with `toLocaleString('en')`, which a Node built
 * without ICU (`./configure --without-intl`) answers with no separators at all: a message must
 * read the same on every machine. Meant for lengths and counts; a value that is not a
 * non-negative safe integer is written as `String` writes it.
 */
export function countText(count: number): string {
  if (!Number.isSafeInteger(count) || count < 0) return String(count);
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}
