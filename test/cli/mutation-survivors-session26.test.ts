import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';

// Mutation audit of session 26's source changes to the command line (packages/ledger/src/cli):
// each test kills a mutant of main.ts or run-command.ts that the earlier tests let live, the
// mutant named above it. They run the built kanjo (scripts/test-all.sh builds first).

const work = mkdtempSync(join(tmpdir(), 'kanjo-mutants-26-'));
const scenario = join(work, 's.json');
writeFileSync(scenario, '{}');

const HINT = 'use kanjo run or kanjo reconcile (kanjo --help)';

describe('kanjo: a misspelt command with unknown options beside it', () => {
  // Kills main.ts unknownCommandProblem `unknown.length === 1 ? 'option' : 'options'` →
  // `unknown.length >= 1 ? …` (one option called "options") and `.join(', ')` → `.join(' ')`.
  it('one unknown option is "option"; two are "options", separated by a comma', () => {
    expect(kanjo(['rnu', scenario, '--foo'])).toEqual({ status: 2, stdout: '', stderr: `kanjo: unknown command "rnu" and unknown option --foo: ${HINT}\n` });
    expect(kanjo(['rnu', scenario, '--foo', '--bar'])).toEqual({ status: 2, stdout: '', stderr: `kanjo: unknown command "rnu" and unknown options --foo, --bar: ${HINT}\n` });
  });
});

describe('kanjo: an option before the command that took it as its value', () => {
  // Kills main.ts optionThatTookTheCommand `!argument.startsWith('--')` → `!argument.startsWith('-')`:
  // `-x` is not an option (only -h is, and it takes no value): it is the command, misspelt.
  it('-x run s.json: "-x" is the unknown command, no option took anything', () => {
    expect(kanjo(['-x', 'run', scenario])).toEqual({ status: 2, stdout: '', stderr: `kanjo: unknown command "-x": ${HINT}\n` });
  });

  // Kills optionThatTookTheCommand without `name.includes('=') ||`: `--format=json` has its value
  // after `=`, so it took nothing, and the next option (reading "run") is the one to name.
  it('--format=json --journal run s.json names --journal', () => {
    expect(kanjo(['--format=json', '--journal', 'run', scenario])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: option --journal took "run" as its value: write the command first (kanjo run FILE --option value; kanjo --help)\n',
    });
  });

  // Found as a defect (fixed; kills main.ts optionThatTookTheCommand without `index += 1`, which
  // was right here by accident). Reproduction: `kanjo --journal --format run s.json`. parseArguments
  // reads `--journal` as having no value (another option follows) and `--format` as taking
  // "run"; optionThatTookTheCommand skips the argument after every option, `--format` included,
  // so it never looks at --format, and the message names the file as the command:
  //   kanjo: unknown command "…/s.json": use kanjo run or kanjo reconcile (kanjo --help)
  // packages/ledger/README.md: "An option written before the command that took it as its value
  // (`kanjo --journal run s.json`) is named for that, not the file after it as a command."
  // Expected: --format is named as having taken "run".
  it('--journal --format run s.json names --format as having taken "run", not the file as a command', () => {
    expect(kanjo(['--journal', '--format', 'run', scenario])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: option --format took "run" as its value: write the command first (kanjo run FILE --option value; kanjo --help)\n',
    });
  });
});
