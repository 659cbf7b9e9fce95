import { accept, type RefundParts } from '@kanjo/splits';
import type { LedgerResult } from '../engine/ledger-rejection.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import { requireActive } from '../merchants/find-merchant.js';
import type { Payment } from '../payments/payment.js';

// DOMAIN.md "Parties": "Deactivated merchants cannot take part in anything"; seed 002:
// deactivated merchants are not allowed "as the partaking parties". A configuration can
// deactivate a merchant after its payments (a journal replays under today's configuration),
// so this is decided on every refund and new refund request. Settling a pending request is
// not: its completion records that KOMOJU paid the customer.

/**
 * The merchants that make a refund or a new refund request must be active: the platform, and
 * in the seller model the seller, which debits the Refund. Checked before the refund is
 * planned, as a capture checks its platform.
 */
export function checkRefundMakersActive(state: LedgerStateView, payment: Payment): LedgerResult<void> {
  const makers = payment.model === 'seller' && payment.seller !== undefined ? [payment.platform, payment.seller] : [payment.platform];
  return checkActive(state, payment, makers);
}

/**
 * Every payout merchant that gives something back in a marketplace refund must be active. A
 * payout merchant whose part is 0 takes no part (its share already given back, or a line the
 * platform pays), so it may be deactivated.
 */
export function checkGivingBackActive(state: LedgerStateView, payment: Payment, parts: RefundParts): LedgerResult<void> {
  if (payment.model !== 'marketplace') return accept(undefined);
  return checkActive(state, payment, parts.submerchants.filter((part) => part.amount > 0).map((part) => part.submerchantId));
}

function checkActive(state: LedgerStateView, payment: Payment, ids: readonly string[]): LedgerResult<void> {
  for (const id of ids) {
    const merchant = state.config.merchants.get(id);
    if (merchant === undefined) throw new Error(`payment ${payment.id} names merchant ${id}, which the configuration does not have`);
    const active = requireActive(merchant);
    if (!active.ok) return active;
  }
  return accept(undefined);
}
