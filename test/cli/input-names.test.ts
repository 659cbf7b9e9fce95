import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { scratchFolder } from '../support/scratch-folder.js';

// Review 147: `kanjo run ""` said "cannot read : no such file", the empty name invisible; a
// name holding a line break was written on the one error line with a space for it, naming
// another file (which may exist) — while the table's title escaped it.

const { work, write } = scratchFolder('kanjo-input-names-');

describe('a file name that would not show on one error line is quoted as JSON', () => {
  it('an empty name, for run and for reconcile', () => {
    for (const command of ['run', 'reconcile']) {
      expect(kanjo([command, ''])).toEqual({ status: 2, stdout: '', stderr: 'kanjo: cannot read "": no such file or directory (ENOENT)\n' });
    }
  });

  it('a name holding a line break', () => {
    const path = write('a\nb.json', '{"merchants": [], "commands": 5}');
    const result = kanjo(['run', path]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`kanjo: ${JSON.stringify(path)}: scenario_invalid: the scenario has no commands list\n`);
  });

  it('a plain name is written as given', () => {
    const result = kanjo(['run', `${work}/missing.json`]);
    expect(result.stderr).toBe(`kanjo: cannot read ${work}/missing.json: no such file or directory (ENOENT)\n`);
  });
});
