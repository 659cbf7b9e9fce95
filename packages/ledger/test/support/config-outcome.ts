import { createLedger, type LedgerConfig } from '@kanjo/ledger';

/** What createLedger answers for `config` (any value, as a journal header may hold): "accepted", or the refusal's code and message. */
export function configOutcome(config: unknown): string {
  const created = createLedger(config as LedgerConfig);
  return created.ok ? 'accepted' : `${created.error.code}: ${created.error.message}`;
}
