import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';

// Mutation audit of session 27's change to main.ts optionThatTookTheCommand (an option written
// before the command skips the next word only if parseArguments takes it as its value): each
// test kills a mutant the earlier tests let live. They run the built kanjo (build first).

describe('an option before the command takes the next word as its value exactly as parseArguments does', () => {
  // Kills `value !== ''` dropped from the skip: the empty word is no value (parseArguments
  // takes it as the command, ""), so the line names the unknown command "" and not --format.
  it('kanjo --journal "" --format run s.json: the command is "", no option took "run"', () => {
    expect(kanjo(['--journal', '', '--format', 'run', 's.json'])).toEqual({ status: 2, stdout: '', stderr: 'kanjo: unknown command "": use kanjo run or kanjo reconcile (kanjo --help)\n' });
  });

  // Kills the skip tested with `startsWith('-')` instead of `startsWith('--')`: a one-dash word
  // other than -h is a value, so --journal took "-x" and --format took "run".
  it('kanjo --journal -x --format run s.json: --format took "run"', () => {
    expect(kanjo(['--journal', '-x', '--format', 'run', 's.json'])).toEqual({ status: 2, stdout: '', stderr: 'kanjo: option --format took "run" as its value: write the command first (kanjo run FILE --option value; kanjo --help)\n' });
  });
});
