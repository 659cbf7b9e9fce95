/**
 * Why a change that the engine writes alone in its entry (a transfer, a direct refund, a refund
 * request) shares its entry with others, or undefined. Its balance check then reads the
 * balances before the entry, as the engine did: two such changes in one entry could each be
 * covered and together not.
 */
export function notWrittenAlone(what: string, changesInEntry: number): string | undefined {
  return changesInEntry === 1 ? undefined : `${what} in an entry of ${changesInEntry} changes: the engine writes it alone`;
}
