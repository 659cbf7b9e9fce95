import { accept, type RefundParts } from '@kanjo/splits';
import type { LedgerResult } from '../engine/ledger-rejection.js';
import type { LedgerState } from '../engine/ledger-state.js';
import { requireActive } from '../merchants/find-merchant.js';
import type { Payment } from '../payments/payment.js';

/**
 * The merchants that act in a refund or a new refund request must be active (DOMAIN.md
 * "Parties": "Deactivated merchants cannot take part in anything"; seed 002: deactivated
 * merchants are not allowed "as the partaking parties"): the platform, which makes the refund
 * (and in the marketplace debits it); in the seller model the seller, which debits the Refund;
 * and every payout merchant that gives something back. A payout merchant whose part is 0 takes
 * no part. A configuration can deactivate a merchant after its payments (a journal replays
 * under today's configuration), so this is decided on every refund. Settling a pending request
 * is not: its completion records that KOMOJU paid the customer.
 *
 * @param parts - who gives back what: then the payout merchants that give something back are
 *   checked; without it, the platform and, in the seller model, the seller (checked before the
 *   refund is planned, as a capture checks its platform).
 */
export function checkRefundPartiesActive(state: LedgerState, payment: Payment, parts?: RefundParts): LedgerResult<void> {
  const ids: string[] = [];
  if (parts === undefined) {
    ids.push(payment.platform);
    if (payment.model === 'seller' && payment.seller !== undefined) ids.push(payment.seller);
  } else if (payment.model === 'marketplace') {
    for (const part of parts.submerchants) if (part.amount > 0) ids.push(part.submerchantId);
  }
  for (const id of ids) {
    const merchant = state.config.merchants.get(id);
    if (merchant === undefined) throw new Error(`payment ${payment.id} names merchant ${id}, which the configuration does not have`);
    const active = requireActive(merchant);
    if (!active.ok) return active;
  }
  return accept(undefined);
}
