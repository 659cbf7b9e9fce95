/**
 * The replay benchmark's peer: the floor of replaying this journal's shape. It folds Kanjo's own
 * journal of captures by hand, with no check at all: each creation enters a payment record in a
 * map keyed by its id, each capture updates it, and every posting of a merchant moves its
 * balance. Kanjo's replay also checks each entry (its frame, that its postings balance, that the
 * capture's postings are the ones the engine writes) and applies it through the same path as a
 * live command; what this costs, no check can remove while the journal is objects and payments
 * are found by their string ids.
 */
import type { Entry } from '../dist/index.js';

/** The payments and the merchants' balances (per currency, in Kanjo's sign) after `journal`. */
export function replayHandBuilt(journal: readonly Entry[]): { payments: Map<string, { id: string; status: string; capturedAmount: number }>; balances: Map<string, Map<string, number>> } {
  const payments = new Map<string, { id: string; status: string; capturedAmount: number }>();
  const balances = new Map<string, Map<string, number>>();
  for (const entry of journal) {
    for (const change of entry.changes) {
      if (change.kind === 'payment_created') payments.set(change.payment.id, { id: change.payment.id, status: 'authorized', capturedAmount: 0 });
      else if (change.kind === 'payment_captured') {
        const payment = payments.get(change.payment);
        if (payment !== undefined) {
          payment.status = 'captured';
          payment.capturedAmount = change.capturedAmount;
        }
      }
    }
    for (const posting of entry.postings) {
      if (posting.merchant === undefined) continue;
      let byCurrency = balances.get(posting.merchant);
      if (byCurrency === undefined) balances.set(posting.merchant, (byCurrency = new Map()));
      byCurrency.set(posting.currency, (byCurrency.get(posting.currency) ?? 0) - posting.amount);
    }
  }
  return { payments, balances };
}
