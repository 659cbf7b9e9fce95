import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '@kanjo/ledger';
import { asFileText, EXAMPLE_SCENARIOS, mutant, mutantRecipeArbitrary } from '../support/scenario-mutations.js';
import { checkLibraryInvariants, describeRecipe, documentedCodes } from '../support/scenario-mutation-invariants.js';

/**
 * Structure-aware mutation fuzzing of the worked examples (test/support/scenario-mutations.ts):
 * the grammar tests generate valid documents; these take the real example files and break them
 * a little (a field deleted or retyped, commands duplicated or reordered, ids swapped, times
 * shifted…), which is what a hand-written or log-generated scenario looks like when it is
 * wrong. Whatever the mutant, the library must answer with documented codes and one-line
 * messages, keep its books consistent and deterministic, and the command line must keep
 * SCENARIO.md's exit statuses and formats.
 */
// This file: the library. scenario-mutation-metamorphic.test.ts: relations between a mutant and
// its respellings. scenario-mutation-cli.test.ts: the same mutants through `kanjo run`.

describe('mutants of the worked examples, in the library', () => {
  it('the mutator reads every example and its mutants differ from them', () => {
    expect(EXAMPLE_SCENARIOS.map((example) => example.name)).toEqual([
      'seed-konbini-refund-request.json',
      'seed-marketplace.json',
      'seed-seller.json',
      'chargeback.json',
      'konbini-refund-request.json',
      'marketplace-capture-and-refund.json',
      'payout-run.json',
      'seller-split-and-proportional-refunds.json',
    ]);
    // The code lists were read from the READMEs' tables (a restructured README would empty them).
    expect(documentedCodes('packages/splits/README.md')).toContain('amount_not_a_number');
    expect(documentedCodes('packages/fees/README.md')).toContain('rate_malformed');
    const samples = fc.sample(mutantRecipeArbitrary, { seed: 20261203, numRuns: 200 });
    const changed = samples.filter((recipe) => asFileText(mutant(recipe)) !== asFileText(EXAMPLE_SCENARIOS[recipe.example]?.document ?? null));
    expect(changed.length).toBeGreaterThan(180);
  });

  it('whatever the mutant, runScenario never throws, rejects only with documented codes and one-line messages, and its balances, records, journal, replays and reruns agree', () => {
    fc.assert(
      fc.property(mutantRecipeArbitrary, (recipe) => {
        const document = mutant(recipe);
        try {
          checkLibraryInvariants(document);
        } catch (error) {
          throw new Error(`${describeRecipe(recipe)}\n${(error as Error).message}`);
        }
      }),
      { numRuns: Number(process.env.MUTANTS ?? 600) },
    );
  });

  it('a mutant read back from its file text (as kanjo run reads it) gives the same report as the document itself', () => {
    fc.assert(
      fc.property(mutantRecipeArbitrary, (recipe) => {
        const document = mutant(recipe);
        const direct = runScenario(document);
        const fromText = runScenario(JSON.parse(asFileText(document)));
        expect(JSON.stringify(fromText.ok ? fromText.value.report : fromText.error), describeRecipe(recipe)).toBe(
          JSON.stringify(direct.ok ? direct.value.report : direct.error),
        );
      }),
      { numRuns: Number(process.env.MUTANTS ?? 300) },
    );
  });
});
