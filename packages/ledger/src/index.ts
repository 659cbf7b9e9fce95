/** @packageDocumentation placeholder until the ledger issue lands. */
export {};
