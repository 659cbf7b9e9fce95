import type { Ledger, LedgerConfig } from '@kanjo/ledger';

/** The system under test: a live ledger and the configuration it was created from (for replays). */
export interface LedgerSystem {
  readonly ledger: Ledger;
  readonly config: LedgerConfig;
}
