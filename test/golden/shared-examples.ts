import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the seeds' worked examples live: ../shared/examples beside the checkout. */
export const EXAMPLES_DIRECTORY = fileURLToPath(new URL('../../../shared/examples/', import.meta.url));

/** What an example's NAME.expect.json says the outcome must be. */
export interface ExampleExpectation {
  readonly ok: readonly boolean[];
  readonly balances: Record<string, Record<string, number>>;
  readonly statuses: Record<string, string>;
  readonly record_totals: Record<string, number>;
}

/** Every example scenario with its expectation, by name. */
export function sharedExamples(): { readonly name: string; readonly path: string; readonly scenario: unknown; readonly expect: ExampleExpectation }[] {
  return readdirSync(EXAMPLES_DIRECTORY)
    .filter((file) => file.endsWith('.json') && !file.endsWith('.expect.json'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.json'.length);
      const path = EXAMPLES_DIRECTORY + file;
      return {
        name,
        path,
        scenario: JSON.parse(readFileSync(path, 'utf8')) as unknown,
        expect: JSON.parse(readFileSync(`${EXAMPLES_DIRECTORY}${name}.expect.json`, 'utf8')) as ExampleExpectation,
      };
    });
}

/** Sum of deposit + debit per record type, as the expectations count them. */
export function recordTotals(records: readonly { readonly type: string; readonly deposit: number; readonly debit: number }[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const record of records) totals[record.type] = (totals[record.type] ?? 0) + record.deposit + record.debit;
  return totals;
}
