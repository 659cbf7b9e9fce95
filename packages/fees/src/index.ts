/** @packageDocumentation placeholder until the fees issue lands. */
export {};
