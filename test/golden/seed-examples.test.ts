import { runScenario } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { recordTotals, sharedExamples } from './shared-examples.js';

const examples = sharedExamples();

describe('the seeds\' worked examples (../shared/examples) through the engine', () => {
  it('finds the examples', () => {
    expect(examples.map((example) => example.name)).toEqual(
      expect.arrayContaining(['seed-konbini-refund-request', 'seed-marketplace', 'seed-seller']),
    );
  });

  for (const example of examples) {
    describe(example.name, () => {
      const run = runScenario(example.scenario);
      if (!run.ok) throw new Error(`${example.name}: ${run.error.code}: ${run.error.message}`);
      const { report } = run.value;

      it('accepts and rejects exactly the expected commands', () => {
        expect(report.results.map((result) => result.ok)).toEqual(example.expect.ok);
      });
      it('leaves every merchant with the expected balance', () => {
        expect(report.balances).toEqual(example.expect.balances);
      });
      it('leaves every payment in the expected status', () => {
        const statuses = Object.fromEntries(Object.entries(report.payments).map(([id, view]) => [id, view.status]));
        expect(statuses).toEqual(example.expect.statuses);
      });
      it('posts the expected total per record type', () => {
        const totals = recordTotals(report.records);
        for (const [type, total] of Object.entries(example.expect.record_totals)) expect({ type, total: totals[type] }).toEqual({ type, total });
      });
    });
  }
});
