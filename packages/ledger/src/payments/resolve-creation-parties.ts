import type { LedgerResult } from '../engine/ledger-rejection.js';
import { requireCurrency, requirePositiveAmount } from '../commands/validate-input.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import { resolveProcessingParties, type ProcessingParties } from './resolve-processing-parties.js';

/** What a payment or a session is asked for when it is created. */
export interface CreationRequest {
  readonly merchant: string;
  readonly as?: string | undefined;
  readonly amount: number;
  readonly currency: string;
}

/**
 * The checks a payment and a hosted-page session share at creation, in their fixed order: who
 * processes it (the platform, and the seller it acts as), a positive amount, a known currency.
 */
export function resolveCreationParties(state: LedgerStateView, request: CreationRequest): LedgerResult<ProcessingParties> {
  const parties = resolveProcessingParties(state, request.merchant, request.as);
  if (!parties.ok) return parties;
  const amount = requirePositiveAmount(request.amount, 'amount');
  if (!amount.ok) return amount;
  const currency = requireCurrency(request.currency);
  if (!currency.ok) return currency;
  return parties;
}
