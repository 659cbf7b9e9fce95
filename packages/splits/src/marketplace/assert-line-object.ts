/**
 * Throws a TypeError naming `submerchants[index]` when a split or refund line is not an object:
 * reading `null.amount` would otherwise throw one that names no line ("Cannot read properties of
 * null"). Requests are parsed before they get here, so this is the caller's bug, not a rejection.
 */
export function assertLineObject(line: unknown, index: number): void {
  if (typeof line !== 'object' || line === null) {
    throw new TypeError(`submerchants[${index}]: expected a line object with submerchantId, amount and platformFee, got ${line === null ? 'null' : typeof line}`);
  }
}
