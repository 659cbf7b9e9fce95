import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { marketplaceMerchants, splitDetails, yenPayment } from '../support/marketplace-scenario.js';
import { scratchFolder } from '../support/scratch-folder.js';

// A by-hand mutation audit of `kanjo run` and the command line's entry (run-command, main,
// write-chunks' file writers, input-file, io-problem) left mutants alive that a user would see:
// "-" where a message says "standard input", a "0 more" warning line, a line break escaped or
// dropped, a second byte order mark skipped, an option named for taking what it did not take, a
// system error without its words. Each test here kills one or more of them; each was run
// against its mutant. They run the built kanjo (build first).

const { work, write } = scratchFolder('kanjo-run-main-audit-');

const scenario = JSON.stringify({
  merchants: marketplaceMerchants(['pm1', 'pm2']),
  commands: [yenPayment('pay_1', 1000, splitDetails(['pm1', 700, 70], ['pm2', 300, 30]))],
});

describe('kanjo run -: a scenario the engine refuses is named "standard input"', () => {
  // Kills run-command.ts:43 `inputName(path)` replaced by `path`: the mutant said "kanjo: -: …".
  it('no commands list on standard input: "standard input: scenario_invalid: …"', () => {
    expect(kanjo(['run', '-'], '{"merchants":[]}')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: standard input: scenario_invalid: the scenario has no commands list\n',
    });
  });
});

describe('kanjo run --format csv: exactly ten rejected commands are named one a line, and no "0 more" line follows', () => {
  const base = JSON.parse(scenario) as { merchants: unknown[]; commands: unknown[] };

  // Kills run-command.ts:129 `rejected > MAX_REJECTIONS_NAMED` made `>=`: with exactly ten
  // rejected commands the mutant added "kanjo: warning: 0 more commands were rejected (10 of 11); …".
  it('--format csv with ten rejected commands: ten warnings, nothing more', () => {
    const refunds = Array.from({ length: 10 }, (_, index) => ({ op: 'payment.refund', payment: `pay_${100 + index}`, amount: '1' }));
    const path = write('ten-rejected.json', JSON.stringify({ ...base, commands: [...base.commands, ...refunds] }));
    const { status, stderr } = kanjo(['run', path, '--format', 'csv']);
    expect({ status, stderr }).toEqual({
      status: 0,
      stderr: refunds.map((refund, index) => `kanjo: warning: commands[${index + 1}] (payment.refund) was rejected and changed nothing: payment_not_found: no payment "${refund.payment}": check the id\n`).join(''),
    });
  });
});

describe('kanjo: what an option before an unknown command took, read as parseArguments reads the line', () => {
  const HINT = 'use kanjo run or kanjo reconcile (kanjo --help)';

  // Kills main.ts:145 `argument === '--' ||` made false: the mutant read `--` as an option named
  // "" and went on past it, naming --journal (a file name after --) as having taken "run".
  // review-session27's generated lines find it only on some seeds (once in three runs here).
  it('-- --journal run: "--journal" is the unknown command (after -- every word is a file or the command)', () => {
    expect(kanjo(['--', '--journal', 'run'])).toEqual({ status: 2, stdout: '', stderr: `kanjo: unknown command "--journal": ${HINT}\n` });
  });

  // Kills main.ts:147 `name.includes('=') ||` made false: the mutant took the word after
  // `--format=json` (the command, rnu) as that option's value and went on to name --journal,
  // which stands after the command and took nothing from it.
  it('--format=json rnu --journal run: "rnu" is the unknown command, no option took anything', () => {
    expect(kanjo(['--format=json', 'rnu', '--journal', 'run'])).toEqual({ status: 2, stdout: '', stderr: `kanjo: unknown command "rnu": ${HINT}\n` });
  });
});

describe('kanjo: line breaks in a message are folded to one space, whatever space surrounds them', () => {
  // Kills main.ts:97 oneLine's fold mutated: `.replace(…)` dropped (each line break written as
  // \u000a), its replacement " " made "" ("xyz"), the leading `\s*` made `\s` (a break with no
  // space before it escaped) and the trailing `\s*` made `\s` (two spaces kept, or a break with
  // no space after it escaped).
  // (An input's name is quoted as JSON when it holds a line break, input-names.test.ts; an
  // output path in a missing folder still reaches the fold.)
  it('a journal in a missing folder named "x⏎  y ⏎z": "cannot write …/x y z/j.ndjson"', () => {
    const scenario = join(work, 'empty-scenario.json');
    writeFileSync(scenario, '{"merchants":[],"commands":[]}');
    expect(kanjo(['run', scenario, '--journal', join(work, 'x\n  y \nz', 'j.ndjson')])).toEqual({
      status: 2,
      stdout: '',
      stderr: `kanjo: cannot write ${join(work, 'x y z', 'j.ndjson')}: the folder ${join(work, 'x y z')} does not exist (make it first; only --statements makes its folder): no such file or directory (ENOENT)\n`,
    });
  });
});

describe('kanjo run: one byte order mark is skipped, not two', () => {
  const empty = '{"merchants":[],"commands":[]}';

  // Kills run-command.ts:153 the decoder's `ignoreBOM: true` made false: the decoder then took
  // one mark off and readJson another, so a file starting with two marks ran (status 0) where it
  // is not JSON (RFC 8259 lets a parser ignore one mark; the second is a character). V8 words
  // the parse error itself, so only its start is asserted.
  it('a scenario starting with two U+FEFF: status 2, not valid JSON; with one: it runs', () => {
    const one = write('one-mark.json', `\uFEFF${empty}`);
    expect(kanjo(['run', one, '--format', 'csv'])).toEqual({ status: 0, stdout: 'seq,payment,merchant,type,currency,deposit,debit\r\n', stderr: '' });
    const two = write('two-marks.json', `\uFEFF\uFEFF${empty}`);
    const { status, stdout, stderr } = kanjo(['run', two, '--format', 'csv']);
    expect({ status, stdout }).toEqual({ status: 2, stdout: '' });
    expect(stderr.startsWith(`kanjo: ${two} is not valid JSON: `)).toBe(true);
    expect(stderr.endsWith('\n') && stderr.indexOf('\n') === stderr.length - 1).toBe(true);
  });
});

describe('io-problem: the words of system errors no other test meets', () => {
  const path = write('plain.json', scenario);

  // Kills io-problem.ts ENOTDIR's words made "": the mutant said " (ENOTDIR)".
  it('a path through a file (plain.json/x): "a part of the path is not a directory (ENOTDIR)"', () => {
    expect(kanjo(['run', `${path}/x`])).toEqual({
      status: 2,
      stdout: '',
      stderr: `kanjo: cannot read ${path}/x: a part of the path is not a directory (ENOTDIR)\n`,
    });
  });

  // Kills io-problem.ts EEXIST's words made "": a symbolic link to nothing is no folder (so one
  // is made) and yet a name that exists, so mkdir fails with EEXIST.
  it('--statements naming a dangling symbolic link: "cannot write …: file exists (EEXIST)"', () => {
    const dangling = join(work, 'dangling');
    symlinkSync(join(work, 'nowhere'), dangling);
    expect(kanjo(['run', path, '--format', 'csv', '--statements', dangling])).toEqual({
      status: 2,
      stdout: '',
      stderr: `kanjo: cannot write ${dangling}: file exists (EEXIST)\n`,
    });
  });

  // Kills io-problem.ts ENXIO's words made "": standard input of a child_process child is a
  // socket, which /dev/stdin cannot open.
  it('run /dev/stdin when standard input is a socket: "no such device or address (ENXIO)"', () => {
    expect(kanjo(['run', '/dev/stdin'], '{}')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: cannot read /dev/stdin: no such device or address (ENXIO)\n',
    });
  });
});
