import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { splitDetails, yenPayment, writeMarketplaceScenario } from '../support/marketplace-scenario.js';

// Adversarial review of e244414 ("an unknown option before the command is named, not the file
// it displaced"): the new branch in main.ts runs whenever the command is not run, reconcile or
// help and some option is unknown, wherever that option stands. Compared with e6b7ac1's build
// over a matrix of argument lists: only lists with an unknown option and an unknown command
// changed their message; every run and reconcile that worked before works byte for byte.

const { work, scenario } = writeMarketplaceScenario('kanjo-review-26-', 's.json', ['pm1'], [
  yenPayment('p1', 1000, splitDetails(['pm1', 1000, 100]), '2026-04-01T10:00:00+09:00'),
]);

describe('kanjo: an unknown option before the command', () => {
  it('--verbose run s.json names the option and that it took "run" (exit 2)', () => {
    expect(kanjo(['--verbose', 'run', scenario])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: unknown option --verbose took "run" as its value: write the command first (kanjo run FILE --option value; kanjo --help)\n',
    });
  });

  it('known options before the command still run it: --format json run, --journal OUT run, --format=json run', () => {
    const plain = kanjo(['run', scenario, '--format', 'json']);
    expect(plain.status).toBe(0);
    expect(kanjo(['--format', 'json', 'run', scenario])).toEqual(plain);
    expect(kanjo(['--format=json', 'run', scenario])).toEqual(plain);
    const journal = join(work, 'before.ndjson');
    const table = kanjo(['--journal', journal, 'run', scenario]);
    expect(table.status).toBe(0);
    expect(table.stderr).toBe('');
    expect(existsSync(journal)).toBe(true);
    expect(readFileSync(journal, 'utf8').split('\n')).toHaveLength(3);
  });

  it('-- --x is still an unknown command named "--x"; an unknown option with no command keeps its own message, unless it took the command', () => {
    expect(kanjo(['--', '--x'])).toEqual({ status: 2, stdout: '', stderr: 'kanjo: unknown command "--x": use kanjo run or kanjo reconcile (kanjo --help)\n' });
    expect(kanjo(['--jounral', 'x.ndjson'])).toEqual({ status: 2, stdout: '', stderr: 'kanjo: unknown option --jounral and no command: use kanjo run or kanjo reconcile (kanjo --help)\n' });
    expect(kanjo(['--jounral', 'run'])).toEqual({ status: 2, stdout: '', stderr: 'kanjo: unknown option --jounral took "run" as its value: write the command first (kanjo run FILE --option value; kanjo --help)\n' });
  });

  it('an unknown option after a known command keeps the command\'s message, which lists what it reads', () => {
    expect(kanjo(['--verbose', '--format', 'json', 'run', scenario])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: unknown option --verbose (kanjo run reads --format, --journal, --journal-format, --hledger and --statements)\n',
    });
  });

  // Was a DEFECT (a regression against e6b7ac1; fixed: both are named). The new branch names any unknown option before the
  // unknown command, also one that stands after the command and displaced nothing:
  //   kanjo rnu s.json --jounral j.ndjson
  // e6b7ac1: 'kanjo: unknown command "rnu": use kanjo run or kanjo reconcile (kanjo --help)';
  // now: 'kanjo: unknown option --jounral: use kanjo run or kanjo reconcile with their options
  // (kanjo --help)', which never mentions the misspelt command. The commit's own words: "an
  // unknown option BEFORE the command is named, not the file it displaced"; here the command
  // is the first argument, no option took anything from it. Expected: the command named, as before.
  it('kanjo rnu s.json --jounral j.ndjson names the misspelt command, as e6b7ac1 did, and the unknown option beside it', () => {
    expect(kanjo(['rnu', scenario, '--jounral', join(work, 'j.ndjson')])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: unknown command "rnu" and unknown option --jounral: use kanjo run or kanjo reconcile (kanjo --help)\n',
    });
  });

  // Was a DEFECT (half done; fixed). A KNOWN option before the command takes it as its value just the same
  // (`kanjo --journal run s.json`, the journal's file forgotten): the file is still named as
  // the command, 'kanjo: unknown command "s.json": use kanjo run or kanjo reconcile'. That is
  // the very message e244414 set out to replace ("the file it displaced"), left for every
  // option that takes a value: --format, --journal, --journal-format, --hledger, --statements.
  // Expected: the option that took "run" named, not s.json as a command.
  it('kanjo --journal run s.json names --journal as having taken "run", not s.json as a command', () => {
    const { status, stdout, stderr } = kanjo(['--journal', 'run', scenario]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).not.toContain('unknown command');
    expect(stderr).toMatch(/^kanjo: .*--journal.*"run"/);
  });
});
