import type { RefundParts } from '@kanjo/splits';

/**
 * Nothing given back by anyone: the value a captured payment's refunded and pending parts
 * start from. Parties it does not list have given back nothing, so one frozen value serves
 * every payment until its first refund (a million captures then allocate nothing for it).
 */
export const NOTHING_REFUNDED: RefundParts = Object.freeze({ platform: 0, submerchants: Object.freeze([]) as readonly [] });

/**
 * `a + sign × b`, party by party. A payment's parts list its participants in the order of its
 * shares (every RefundParts of a payment is built from them), or none at all for
 * {@link NOTHING_REFUNDED}; two non-empty lists out of step is a programmer error and throws.
 * Replay passes a journal entry's parts, which a caller built: the lists are read with
 * `Array.from`, never `Array#map`, which would build its result through an own `constructor`
 * key of the caller's array and throw.
 */
export function combineRefundParts(a: RefundParts, b: RefundParts, sign: 1 | -1): RefundParts {
  const platform = a.platform + sign * b.platform;
  if (b.submerchants.length === 0) return { platform, submerchants: a.submerchants };
  if (a.submerchants.length === 0) {
    return { platform, submerchants: Array.from(b.submerchants, (part) => ({ submerchantId: part.submerchantId, amount: sign * part.amount })) };
  }
  if (a.submerchants.length !== b.submerchants.length) throw new Error('combineRefundParts: parts of different payments');
  return {
    platform,
    submerchants: Array.from(a.submerchants, (part, index) => {
      const other = b.submerchants[index];
      if (other === undefined || other.submerchantId !== part.submerchantId) {
        throw new Error('combineRefundParts: participants out of order');
      }
      return { submerchantId: part.submerchantId, amount: part.amount + sign * other.amount };
    }),
  };
}

/** Whether two parts give back the same from every party, party by party in order. */
export function sameRefundParts(a: RefundParts, b: RefundParts): boolean {
  return (
    a.platform === b.platform &&
    a.submerchants.length === b.submerchants.length &&
    a.submerchants.every((part, index) => part.amount === b.submerchants[index]?.amount && part.submerchantId === b.submerchants[index]?.submerchantId)
  );
}
