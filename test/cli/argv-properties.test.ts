/**
 * `kanjo` as a whole process under any argument list drawn from a vocabulary: the subcommands
 * and unknown words, a scenario, a journal, a missing file, a folder, `-` (standard input) and
 * `./-`, every option in both spellings (`--format json`, `--format=json`) with good, bad and
 * missing values, misspelt options, `-h`, `--help` and `--version`, in any order, with or without
 * something on standard input. Each run happens in a fresh folder of its own (its working
 * directory, so `./-` is a file of that folder), and every file of that folder is compared before
 * and after, so that an export written, changed or left behind is seen.
 *
 * A failure prints the case: the argument list (paths relative to the run's folder, which holds
 * `scenario.json`, `journal.ndjson`, `folder/gone.csv` (an earlier statement), `old.out` (an
 * earlier export) and, with `dashFile`, a copy of the scenario named `-`) and what standard
 * input held.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KANJO_CLI, KANJO_PROCESS_TIMEOUT_MS } from '../support/kanjo-cli.js';

/** KANJO_ARGV_SCALE=10 runs each property ten times as often (a longer hunt; the default keeps the file near 40 s). */
const SCALE = Number(process.env['KANJO_ARGV_SCALE'] ?? '1');

const VERSION = (JSON.parse(readFileSync(new URL('../../packages/ledger/package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The usage text of main.ts, as `kanjo --help` prints it. */
const USAGE = `usage:
  kanjo run SCENARIO.json [--format table|json|csv] [--journal OUT.ndjson [--journal-format compact|objects]] [--hledger OUT.journal] [--statements DIR]
  kanjo reconcile JOURNAL.ndjson [--format table|json]
  kanjo help | --help | -h | --version
The file - is standard input.
Amounts are integers in minor units (1234 USD is $12.34) in json, csv, statements and journals;
the table and --hledger write them as decimals.
`;

/**
 * The seed [001] chargeback example, with a field Kanjo does not read (a warning on standard
 * error in every format) and a refund after the chargeback, rejected (a second warning with
 * `--format csv`): so that standard error on success is compared too.
 */
const SCENARIO = (() => {
  const document = JSON.parse(readFileSync(new URL('../../packages/ledger/examples/chargeback.json', import.meta.url), 'utf8')) as { commands: unknown[] } & Record<string, unknown>;
  document['note'] = 'a field Kanjo does not read';
  document.commands.push({ op: 'payment.refund', at: '2026-05-21T12:00:00+09:00', payment: 'pay_cb', amount: 100 });
  return `${JSON.stringify(document, null, 2)}\n`;
})();

/** What standard input holds for a case. */
type Input = 'nothing' | 'scenario' | 'journal' | 'garbage';

interface Case {
  readonly argv: readonly string[];
  readonly input: Input;
  /** Whether the run's folder holds a file named `-` (a copy of the scenario). */
  readonly dashFile: boolean;
}

interface Outcome {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Every file and folder of the run's folder before the run: relative path → content (`<folder>` for a folder). */
  readonly before: Readonly<Record<string, string>>;
  readonly after: Readonly<Record<string, string>>;
  readonly folder: string;
}

const root = mkdtempSync(join(tmpdir(), 'kanjo-argv-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What a plain run gives, to compare every successful run with. */
const reference = {
  json: '',
  csv: '',
  table: '', // its title line is `# scenario.json`
  journal: { compact: '', objects: '' },
  hledger: '',
  statements: {} as Record<string, string>,
  /** Standard error of a run in json or table: the unknown field's warning. */
  warnings: '',
  /** The lines `--format csv` adds to it: the rejected command. */
  rejectionWarnings: '',
  reconcileJson: '',
  reconcileTable: '', // its first line names journal.ndjson
};
let journalText = '';

/** A fresh folder for one run, holding the files the vocabulary names. */
function makeFolder(dashFile: boolean): string {
  const folder = mkdtempSync(join(root, 'run-'));
  writeFileSync(join(folder, 'scenario.json'), SCENARIO);
  writeFileSync(join(folder, 'journal.ndjson'), journalText);
  mkdirSync(join(folder, 'folder'));
  // A statement of a merchant no longer in the scenario: --statements folder leaves it as it is.
  writeFileSync(join(folder, 'folder', 'gone.csv'), 'seq,at,payment,record_type,currency,deposit,debit,balance\r\n');
  // An export of an earlier run: replaced whole by a run that succeeds, untouched by one that fails.
  writeFileSync(join(folder, 'old.out'), 'an earlier export\n');
  if (dashFile) writeFileSync(join(folder, '-'), SCENARIO);
  return folder;
}

function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string): void => {
    for (const name of readdirSync(join(folder, relative)).sort()) {
      const path = relative === '' ? name : `${relative}/${name}`;
      if (statSync(join(folder, path)).isDirectory()) {
        files[`${path}/`] = '<folder>';
        walk(path);
      } else {
        files[path] = readFileSync(join(folder, path), 'utf8');
      }
    }
  };
  walk('');
  return files;
}

function inputText(input: Input): string {
  if (input === 'scenario') return SCENARIO;
  if (input === 'journal') return journalText;
  if (input === 'garbage') return 'not json at all\n';
  return '';
}

function spawnKanjo(folder: string, argv: readonly string[], stdin: { text: string } | { file: string }): SpawnSyncReturns<string> {
  const options = { cwd: folder, encoding: 'utf8' as const, maxBuffer: 1 << 26, timeout: KANJO_PROCESS_TIMEOUT_MS };
  if ('text' in stdin) return spawnSync(process.execPath, [KANJO_CLI, ...argv], { ...options, input: stdin.text });
  const descriptor = openSync(stdin.file, 'r');
  try {
    return spawnSync(process.execPath, [KANJO_CLI, ...argv], { ...options, stdio: [descriptor, 'pipe', 'pipe'] });
  } finally {
    closeSync(descriptor);
  }
}

/** Runs a case in a fresh folder (standard input a pipe holding the case's input, or the file `stdinFile` of that folder). */
function run(testCase: Case, stdinFile?: string): Outcome {
  const folder = makeFolder(testCase.dashFile);
  const before = snapshot(folder);
  const result = spawnKanjo(folder, testCase.argv, stdinFile === undefined ? { text: inputText(testCase.input) } : { file: join(folder, stdinFile) });
  const after = snapshot(folder);
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, before, after, folder };
}

/**
 * The command line as README.md's "Command line" documents it, read independently of
 * parse-arguments.ts: `--name value` or `--name=value`, `--help` and `--version` taking no value
 * (unless written with `=`), a value that is missing, empty or starts with `--` (when not after
 * `=`) is "needs a value", a value option given twice is refused; `-h` where a file would be named
 * is help; after `--` every word is a file; the first word not an option is the command, the rest
 * its files.
 */
function documentedParse(argv: readonly string[]): { positionals: string[]; options: Map<string, string | true>; missingValue: boolean; repeated: boolean; shortHelp: boolean; took: readonly [string, string] | undefined } {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  // The first option written before any command as `--name run` (or reconcile): it took the
  // command as its value. Kept apart from `options`, which holds an option's first value only:
  // in `--hledger x.out --hledger run` the second --hledger took it.
  let took: readonly [string, string] | undefined;
  let missingValue = false;
  let repeated = false;
  let shortHelp = false;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (argument === '-h') {
      shortHelp = true;
      continue;
    }
    if (!argument.startsWith('--')) {
      positionals.push(argument);
      continue;
    }
    const equals = argument.indexOf('=');
    const name = equals > 0 ? argument.slice(2, equals) : argument.slice(2);
    if (equals < 0 && (name === 'help' || name === 'version')) {
      options.set(name, true);
      continue;
    }
    const value = equals > 0 ? argument.slice(equals + 1) : argv[index + 1];
    if (value === undefined || value === '' || (equals < 0 && value.startsWith('--'))) {
      missingValue = true;
      if (!options.has(name)) options.set(name, true);
      continue;
    }
    if (equals < 0 && took === undefined && positionals.length === 0 && (value === 'run' || value === 'reconcile')) took = [name, value];
    if (typeof options.get(name) === 'string') repeated = true;
    else options.set(name, value);
    if (equals < 0) index += 1;
  }
  return { positionals, options, missingValue, repeated, shortHelp, took };
}

/** Every option a subcommand reads (README, Command line), help and version included. */
const EVERY_OPTION = ['format', 'journal', 'journal-format', 'hledger', 'statements', 'help', 'version'];

const asksForHelp = (argv: readonly string[]): boolean => {
  const parsed = documentedParse(argv);
  return parsed.shortHelp || parsed.options.has('help');
};

/** What a case's run shows a reader, to reproduce it: the argument list shell-quoted and standard input. */
function reproduction(testCase: Case, outcome?: Outcome): string {
  const quoted = testCase.argv.map((argument) => (/^[\w./=-]+$/.test(argument) ? argument : `'${argument.replaceAll("'", "'\\''")}'`)).join(' ');
  const input = testCase.input === 'nothing' ? '< /dev/null' : `<<< (${testCase.input})`;
  const folder = `scenario.json, journal.ndjson, folder/gone.csv, old.out${testCase.dashFile ? ', -' : ''}`;
  const result = outcome === undefined ? '' : `\n  → status ${String(outcome.status)}${outcome.signal === null ? '' : ` signal ${outcome.signal}`}\n  stdout: ${JSON.stringify(outcome.stdout.slice(0, 300))}\n  stderr: ${JSON.stringify(outcome.stderr.slice(0, 300))}`;
  return `kanjo ${quoted} ${input}   (in a folder holding ${folder})${result}`;
}

// ---------------------------------------------------------------------------------------------
// The vocabulary.

const subcommand = fc.constantFrom('run', 'reconcile', 'help', 'status', 'RUN', 'runn');
const file = fc.constantFrom('scenario.json', 'journal.ndjson', 'missing.json', 'folder', '-', './-');
const formatValue = fc.constantFrom('table', 'json', 'csv', 'bad');
/** Where an export goes: two fresh names (so that two exports may share one), an earlier export, the scenario itself, the folder. */
const exportTarget = fc.constantFrom('x.out', 'y.out', 'old.out', 'scenario.json', 'folder');
const exportOption = fc.constantFrom('--journal', '--hledger', '--statements');

/** One phrase of an argument list: a word, or an option with its value. */
const phrase: fc.Arbitrary<string[]> = fc.oneof(
  subcommand.map((word) => [word]),
  file.map((path) => [path]),
  formatValue.map((value) => ['--format', value]),
  formatValue.map((value) => [`--format=${value}`]),
  fc.tuple(exportOption, exportTarget).map(([option, target]) => [option, target]),
  fc.tuple(exportOption, exportTarget).map(([option, target]) => [`${option}=${target}`]),
  // An option without its value: last, or followed by another phrase.
  fc.constantFrom('--journal', '--hledger', '--statements', '--format', '--journal-format').map((option) => [option]),
  fc.constantFrom('compact', 'objects', 'bad').map((value) => ['--journal-format', value]),
  fc.constantFrom<string[]>(['--jurnal', 'x.out'], ['--fromat=csv'], ['--Help'], ['-help'], ['--verison'], ['-v'], ['--statement', 'y.out']),
  fc.constantFrom<string[]>(['-h'], ['--help'], ['--version']),
);

/** Any argument list: phrases of the vocabulary in any order. */
const anyArgv = fc.array(phrase, { maxLength: 7 }).map((phrases) => phrases.flat());

/** Options a successful run may take, each once: a run of these may well exit 0. */
const goodRunOptions: readonly string[][] = [
  ['--format', 'table'],
  ['--format=csv'],
  ['--journal', 'x.out'],
  ['--journal-format', 'objects'],
  ['--hledger=old.out'],
  ['--statements', 'statements'],
];

/** Runs that succeed and write every kind of export, in several orders and spellings. */
const EXPORTING_RUNS: readonly Case[] = [
  { argv: ['run', 'scenario.json', '--journal', 'x.out'], input: 'scenario', dashFile: false },
  { argv: ['run', 'scenario.json', '--hledger=old.out'], input: 'scenario', dashFile: false },
  { argv: ['run', 'scenario.json', '--statements', 'statements'], input: 'scenario', dashFile: false },
  { argv: ['run', '-', '--journal', 'x.out', '--journal-format', 'objects'], input: 'scenario', dashFile: false },
  { argv: ['--format=csv', 'run', './-', '--statements', 'statements', '--hledger=old.out'], input: 'scenario', dashFile: true },
  { argv: ['--hledger=old.out', 'run', '--format', 'table', 'scenario.json', '--journal', 'x.out', '--statements', 'statements'], input: 'scenario', dashFile: false },
];

/** Puts the command and then the file among the options, anywhere, keeping their order. */
function interleave(options: readonly string[][], command: string, path: string, commandAt: number, pathAt: number): string[] {
  const phrases = [...options];
  const first = Math.min(commandAt, phrases.length);
  phrases.splice(first, 0, [command]);
  phrases.splice(Math.max(first + 1, Math.min(pathAt, phrases.length)), 0, [path]);
  return phrases.flat();
}

/** `run` or `reconcile`, one file and options in any order, sometimes a stray phrase: mostly runs that succeed. */
const plausibleArgv = fc
  .tuple(
    fc.constantFrom('run', 'run', 'run', 'reconcile'),
    fc.constantFrom('scenario.json', 'scenario.json', '-', './-', 'journal.ndjson'),
    fc.shuffledSubarray([...goodRunOptions]),
    fc.option(phrase, { freq: 3 }),
    fc.nat(8),
    fc.nat(8),
  )
  .map(([command, path, options, stray, commandAt, pathAt]) => interleave(stray === null ? options : [...options, stray], command, path, commandAt, pathAt));

/** `run scenario.json` with several exports, which may name one another's paths: where writing them whole or not at all is hardest. */
const exportsArgv = fc
  .array(fc.tuple(exportOption, exportTarget), { minLength: 1, maxLength: 4 })
  .map((exports) => ['run', 'scenario.json', ...exports.flatMap(([option, target]) => [option, target])]);

const input = fc.constantFrom<Input>('nothing', 'scenario', 'journal', 'garbage');
const anyCase: fc.Arbitrary<Case> = fc.record({ argv: fc.oneof(anyArgv, plausibleArgv, exportsArgv), input, dashFile: fc.boolean() });

// ---------------------------------------------------------------------------------------------

beforeAll(() => {
  const folder = makeFolder(false);
  const plain = (argv: readonly string[]): SpawnSyncReturns<string> => {
    const result = spawnKanjo(folder, argv, { text: '' });
    if (result.status !== 0) throw new Error(`kanjo ${argv.join(' ')}: status ${String(result.status)}: ${result.stderr}`);
    return result;
  };
  const json = plain(['run', 'scenario.json', '--format', 'json', '--journal', 'compact.ndjson', '--hledger', 'out.journal', '--statements', 'statements']);
  reference.json = json.stdout;
  reference.warnings = json.stderr;
  const csv = plain(['run', 'scenario.json', '--format', 'csv']);
  reference.csv = csv.stdout;
  reference.rejectionWarnings = csv.stderr.replace(reference.warnings, '');
  reference.table = plain(['run', 'scenario.json', '--format', 'table']).stdout;
  plain(['run', 'scenario.json', '--journal', 'objects.ndjson', '--journal-format', 'objects']);
  reference.journal = { compact: readFileSync(join(folder, 'compact.ndjson'), 'utf8'), objects: readFileSync(join(folder, 'objects.ndjson'), 'utf8') };
  reference.hledger = readFileSync(join(folder, 'out.journal'), 'utf8');
  for (const name of readdirSync(join(folder, 'statements'))) reference.statements[name] = readFileSync(join(folder, 'statements', name), 'utf8');
  journalText = reference.journal.compact;
  writeFileSync(join(folder, 'journal.ndjson'), journalText);
  reference.reconcileJson = plain(['reconcile', 'journal.ndjson', '--format', 'json']).stdout;
  reference.reconcileTable = plain(['reconcile', 'journal.ndjson', '--format', 'table']).stdout;
  // The references are what they should be, so that comparing with them means something.
  expect(reference.warnings).toBe('kanjo: warning: the file has the field "note", which Kanjo does not read: it is ignored\n');
  expect(reference.rejectionWarnings).toMatch(/^kanjo: warning: commands\[3\] \(payment\.refund\) was rejected and changed nothing: payment_already_refunded: /);
  expect(reference.table.split('\n')[0]).toBe('# scenario.json');
  expect(Object.keys(reference.statements).sort()).toEqual(['mart.csv', 'pm1.csv']);
  expect(JSON.parse(reference.reconcileJson)).toEqual({ entries: 3, balances: { mart: { JPY: -2619 }, pm1: { JPY: 2500 } } });
  expect((JSON.parse(reference.json) as { balances: unknown }).balances).toEqual({ mart: { JPY: -2619 }, pm1: { JPY: 2500 } });
  expect(plain(['reconcile', 'objects.ndjson', '--format', 'json']).stdout).toBe(reference.reconcileJson);
  const check = spawnSync('hledger', ['-f', join(folder, 'out.journal'), 'check'], { encoding: 'utf8' });
  expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
});

describe('kanjo under any argument list (whole processes)', () => {
  it('any argument list: the status is 0, 1 or 2 (never 70 or a signal), and standard error holds no stack trace and no "internal error"', () => {
    fc.assert(
      fc.property(anyCase, (testCase) => {
        const outcome = run(testCase);
        const where = reproduction(testCase, outcome);
        expect(outcome.signal, where).toBeNull();
        expect([0, 1, 2], where).toContain(outcome.status);
        expect(outcome.stderr, where).not.toMatch(/^\s+at /m);
        expect(outcome.stderr, where).not.toMatch(/internal error/);
      }),
      { numRuns: 70 * SCALE },
    );
  });

  it('status 2: standard output is empty, standard error is one line starting "kanjo: " (the usage when no command is given) and no file is created, changed or removed', () => {
    let refused = 0;
    fc.assert(
      fc.property(anyCase, (testCase) => {
        const outcome = run(testCase);
        if (outcome.status !== 2) return;
        const where = reproduction(testCase, outcome);
        const parsed = documentedParse(testCase.argv);
        expect(outcome.after, where).toEqual(outcome.before);
        if (parsed.positionals.length === 0 && !asksForHelp(testCase.argv) && !parsed.options.has('version')) {
          // `kanjo` alone (README: "prints the usage on standard error with exit status 2"), options
          // but no command too: not asked for, so not in what standard output is redirected to.
          // An option no command reads is named instead, as it is after a command.
          // An option that took the command as its value (`kanjo --format run`) is named for it.
          const took = parsed.took;
          const unknown = [...parsed.options.keys()].find((name) => !EVERY_OPTION.includes(name));
          const expected = took !== undefined
            ? `kanjo: ${EVERY_OPTION.includes(took[0]) ? 'option' : 'unknown option'} --${took[0]} took "${String(took[1])}" as its value: write the command first (kanjo ${String(took[1])} FILE --option value; kanjo --help)\n`
            : unknown === undefined ? USAGE : `kanjo: unknown option --${unknown} and no command: use kanjo run or kanjo reconcile (kanjo --help)\n`;
          expect({ stdout: outcome.stdout, stderr: outcome.stderr }, where).toEqual({ stdout: '', stderr: expected });
          return;
        }
        // One line, `kanjo: ` and what is wrong: no warning of the scenario's before it.
        expect(outcome.stderr, where).toMatch(/^kanjo: (?!warning: )[^\n]*\n$/);
        expect(outcome.stdout, where).toBe('');
        refused += 1;
      }),
      { numRuns: 70 * SCALE },
    );
    expect(refused).toBeGreaterThan(20);
  });

  it('-h (where a file would be named) or --help anywhere: status 0 and exactly the usage, nothing else written; --version without help: status 0 and exactly "kanjo VERSION", whatever else is wrong on the line', () => {
    const withHelpOrVersion = fc
      .tuple(anyCase, fc.constantFrom('-h', '--help', '--version'), fc.nat(8))
      .map(([testCase, word, at]): Case => ({ ...testCase, argv: [...testCase.argv.slice(0, at), word, ...testCase.argv.slice(at)] }));
    fc.assert(
      fc.property(withHelpOrVersion, (testCase) => {
        const outcome = run(testCase);
        const where = reproduction(testCase, outcome);
        const help = asksForHelp(testCase.argv);
        // `-h` taken as an option's value (`--journal -h`) or after `--` names a file: not help.
        if (!help && !documentedParse(testCase.argv).options.has('version')) return;
        expect(outcome.after, where).toEqual(outcome.before);
        const expected = help ? USAGE : `kanjo ${VERSION}\n`;
        expect({ status: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr }, where).toEqual({ status: 0, stdout: expected, stderr: '' });
      }),
      { numRuns: 60 * SCALE },
    );
  });

  it('status 0 of run: standard output is the whole report in the format asked, standard error exactly the warnings, and each export asked for exists, whole (as a plain run writes it), with nothing else left in the folder', () => {
    // Mostly runs that succeed: the scenario by its name, `-` or `./-`, the good options, now and then a stray phrase.
    const succeeding = fc
      .tuple(fc.constantFrom('run', 'run', 'run', 'reconcile'), fc.shuffledSubarray([...goodRunOptions]), fc.option(phrase, { freq: 4 }), fc.nat(8), fc.nat(8))
      .chain(([command, options, stray, commandAt, pathAt]) =>
        fc
          .constantFrom(...(command === 'run' ? ['scenario.json', 'scenario.json', '-', './-'] : ['journal.ndjson', '-']))
          .map((path) => interleave(stray === null ? options : [...options, stray], command, path, commandAt, pathAt)),
      );
    const runCase: fc.Arbitrary<Case> = fc
      .tuple(succeeding, fc.boolean())
      .map(([argv, dashFile]) => ({ argv, input: argv.includes('reconcile') ? 'journal' : 'scenario', dashFile: dashFile || argv.includes('./-') }));
    let exports = 0;
    fc.assert(
      fc.property(runCase, (testCase) => {
        const outcome = run(testCase);
        const parsed = documentedParse(testCase.argv);
        if (outcome.status !== 0 || asksForHelp(testCase.argv) || parsed.options.has('version')) return;
        const where = reproduction(testCase, outcome);
        const [command, path] = parsed.positionals;
        const name = path === '-' ? 'standard input' : path;
        const format = parsed.options.get('format') ?? 'json';
        if (command === 'help') {
          // A stray `help` before the command: `kanjo help run FILE` is the usage.
          expect({ stdout: outcome.stdout, stderr: outcome.stderr, after: outcome.after }, where).toEqual({ stdout: USAGE, stderr: '', after: outcome.before });
          return;
        }
        if (command === 'reconcile') {
          expect(outcome.stdout, where).toBe(format === 'json' ? reference.reconcileJson : reference.reconcileTable.replace('journal.ndjson', name!));
          expect({ stderr: outcome.stderr, after: outcome.after }, where).toEqual({ stderr: '', after: outcome.before });
          return;
        }
        expect(command, where).toBe('run');
        const title = reference.table.replace(/^# scenario\.json\n/, `# ${name}\n`);
        expect(outcome.stdout, where).toBe(format === 'json' ? reference.json : format === 'csv' ? reference.csv : title);
        const journal = parsed.options.get('journal');
        const journalFormat = parsed.options.get('journal-format');
        const expectedStderr =
          reference.warnings +
          (journalFormat !== undefined && journal === undefined ? 'kanjo: warning: --journal-format has no effect without --journal OUT.ndjson: no journal is written\n' : '') +
          (format === 'csv' ? reference.rejectionWarnings : '');
        expect(outcome.stderr, where).toBe(expectedStderr);
        // The folder after: as before, plus each export asked for, each whole.
        const expected: Record<string, string> = { ...outcome.before };
        if (typeof journal === 'string') expected[journal] = journalFormat === 'objects' ? reference.journal.objects : reference.journal.compact;
        const hledger = parsed.options.get('hledger');
        if (typeof hledger === 'string') expected[hledger] = reference.hledger;
        const statements = parsed.options.get('statements');
        if (typeof statements === 'string') {
          expected[`${statements}/`] = '<folder>';
          for (const [file, text] of Object.entries(reference.statements)) expected[`${statements}/${file}`] = text;
        }
        expect(outcome.after, where).toEqual(expected);
        if (typeof hledger === 'string') {
          const check = spawnSync('hledger', ['-f', join(outcome.folder, hledger), 'check'], { encoding: 'utf8' });
          expect({ status: check.status, stderr: check.stderr }, `hledger check: ${where}`).toEqual({ status: 0, stderr: '' });
        }
        if (typeof journal === 'string' || typeof hledger === 'string' || typeof statements === 'string') exports += 1;
      }),
      // Runs that write exports, each time: drawn at random they were 5 of 70 once, and the
      // count below failed a run that found nothing wrong.
      { numRuns: 70 * SCALE, examples: EXPORTING_RUNS.map((testCase) => [testCase]) },
    );
    // The property looked at runs that wrote exports, not only at failures and bare runs: at
    // least every one of EXPORTING_RUNS reached the checks of its files (none returned early).
    expect(exports).toBeGreaterThanOrEqual(EXPORTING_RUNS.length);
  });

  it('the same argument list and input run twice (in two fresh folders) give the same status, standard output, standard error and files', () => {
    fc.assert(
      fc.property(anyCase, (testCase) => {
        const first = run(testCase);
        const second = run(testCase);
        const seen = (outcome: Outcome) => ({
          status: outcome.status,
          stdout: outcome.stdout.replaceAll(outcome.folder, '<folder>'),
          stderr: outcome.stderr.replaceAll(outcome.folder, '<folder>'),
          after: outcome.after,
        });
        expect(seen(second), reproduction(testCase, first)).toEqual(seen(first));
      }),
      { numRuns: 40 * SCALE },
    );
  });

  it('run - with the scenario on standard input (a pipe, or the file itself) is run scenario.json but for the name "standard input" in the table title and messages', () => {
    const template = fc.record({
      argv: fc
        .tuple(fc.shuffledSubarray([...goodRunOptions]), fc.option(phrase, { freq: 2 }), fc.nat(8), fc.nat(8))
        .map(([options, stray, commandAt, pathAt]) => interleave(stray === null ? options : [...options, stray], 'run', 'FILE', commandAt, pathAt)),
      // The file itself (`kanjo run - < scenario.json`) is known for the scenario; a pipe is not.
      stdinIsTheFile: fc.boolean(),
      dashFile: fc.boolean(),
    });
    let compared = 0;
    fc.assert(
      fc.property(template, ({ argv, stdinIsTheFile, dashFile }) => {
        // Through a pipe, an export named scenario.json is not the file read: only the path refuses it.
        const usable = stdinIsTheFile ? argv : argv.map((argument) => argument.replace(/^scenario\.json$/, 'x.out').replace(/=scenario\.json$/, '=x.out'));
        // An option left without its value (a misspelt one too) takes the next word: compared only
        // where `run` and FILE are still the command and its file.
        const parsed = documentedParse(usable);
        if (parsed.missingValue || parsed.positionals.join(' ') !== 'run FILE') return;
        compared += 1;
        const fromStdin: Case = { argv: usable.map((argument) => (argument === 'FILE' ? '-' : argument)), input: 'scenario', dashFile };
        const fromFile: Case = { argv: usable.map((argument) => (argument === 'FILE' ? 'scenario.json' : argument)), input: 'nothing', dashFile };
        const piped = run(fromStdin, stdinIsTheFile ? 'scenario.json' : undefined);
        const named = run(fromFile);
        const where = `${reproduction(fromStdin, piped)}${stdinIsTheFile ? ' (standard input: the file scenario.json itself)' : ''}\nagainst ${reproduction(fromFile, named)}`;
        expect(
          {
            status: piped.status,
            stdout: piped.stdout.replace(/^# standard input\n/, '# scenario.json\n'),
            stderr: piped.stderr.replaceAll('standard input', 'scenario.json'),
            after: piped.after,
          },
          where,
        ).toEqual({ status: named.status, stdout: named.stdout, stderr: named.stderr, after: named.after });
      }),
      { numRuns: 40 * SCALE },
    );
    expect(compared).toBeGreaterThan(20);
  });

  it('reconcile - with the journal on standard input (a pipe, or the file itself) is reconcile journal.ndjson but for the name "standard input" in the table and messages', () => {
    const reconcileOptions: readonly string[][] = [['--format', 'table'], ['--format=json'], ['--format', 'csv']];
    const template = fc.record({
      argv: fc
        .tuple(fc.subarray([...reconcileOptions], { maxLength: 1 }), fc.option(phrase, { freq: 2 }), fc.nat(4), fc.nat(4))
        .map(([options, stray, commandAt, pathAt]) => interleave(stray === null ? options : [...options, stray], 'reconcile', 'FILE', commandAt, pathAt)),
      stdinIsTheFile: fc.boolean(),
    });
    let compared = 0;
    fc.assert(
      fc.property(template, ({ argv, stdinIsTheFile }) => {
        const parsed = documentedParse(argv);
        if (parsed.missingValue || parsed.positionals.join(' ') !== 'reconcile FILE') return;
        compared += 1;
        const fromStdin: Case = { argv: argv.map((argument) => (argument === 'FILE' ? '-' : argument)), input: 'journal', dashFile: false };
        const fromFile: Case = { argv: argv.map((argument) => (argument === 'FILE' ? 'journal.ndjson' : argument)), input: 'nothing', dashFile: false };
        const piped = run(fromStdin, stdinIsTheFile ? 'journal.ndjson' : undefined);
        const named = run(fromFile);
        const where = `${reproduction(fromStdin, piped)}${stdinIsTheFile ? ' (standard input: the file journal.ndjson itself)' : ''}\nagainst ${reproduction(fromFile, named)}`;
        expect(
          {
            status: piped.status,
            stdout: piped.stdout.replace(/^standard input: /, 'journal.ndjson: '),
            stderr: piped.stderr.replaceAll('standard input', 'journal.ndjson'),
            after: piped.after,
          },
          where,
        ).toEqual({ status: named.status, stdout: named.stdout, stderr: named.stderr, after: named.after });
      }),
      { numRuns: 25 * SCALE },
    );
    expect(compared).toBeGreaterThan(10);
  });
});

/**
 * What the properties found, each pinned on its smallest argument list, and fixed; then what
 * is surprising but meant, pinned as it is so that a change is seen.
 */
describe('kanjo under any argument list: findings', () => {
  const outcomeOf = (argv: readonly string[]): Outcome => run({ argv, input: 'nothing', dashFile: false });

  // Was: README "Bad input and fields Kanjo does not read" promises "Exit status 2 and one line
  // on standard error"; `--journal-format` was checked only after the scenario was read and run,
  // so its warnings came first (and a large scenario ran whole before a misspelt value was
  // refused, where `--format bad` is refused at once).
  it('kanjo run scenario.json --journal-format bad: status 2 and one line on standard error, the bad value', () => {
    const outcome = outcomeOf(['run', 'scenario.json', '--journal-format', 'bad']);
    expect({ status: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: --journal-format must be compact or objects, not bad\n',
    });
  });

  // Was (the same promise): an export that cannot be written is exit 2, but the warnings of the
  // scenario's unknown fields were written before the error, so standard error held two lines or
  // more and the first was not the error (`kanjo … 2>&1 | head -1` showed the warning). Warnings
  // now wait for the run to succeed.
  it('kanjo run scenario.json --journal folder: status 2 and one line on standard error, naming the folder', () => {
    const outcome = outcomeOf(['run', 'scenario.json', '--journal', 'folder']);
    expect({ status: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: --journal folder is a folder: give the file to write, such as folder/journal.ndjson\n',
    });
  });

  // Was: README "How the exports are written" promises the exports "whole or not at all ...
  // all are renamed into place only once every one is written, so a run that fails ... leaves the
  // earlier files as they were". With --hledger and --statements naming one fresh path, the
  // statements made it a folder, the journal was renamed into place first, then the hledger
  // export's rename onto the folder failed: status 2, and old.out (an earlier export) was replaced
  // by the new journal. An export named as the statements folder is now refused beforehand.
  it('kanjo run scenario.json --journal old.out --hledger y.out --statements y.out: status 2 leaves the folder as it was', () => {
    const outcome = outcomeOf(['run', 'scenario.json', '--journal', 'old.out', '--hledger', 'y.out', '--statements', 'y.out']);
    expect(outcome.status).toBe(2);
    expect(outcome.after).toEqual(outcome.before);
  });

  // Was, by the command line's own rule: a second file is refused ("one file at a time: … would
  // be ignored") and a misspelt option too, because a run that exits 0 without the file the
  // caller asked for is taken for a success. An export option given twice kept the last value
  // silently: `--journal a.ndjson --journal b.ndjson` exited 0 and wrote b.ndjson alone. Now refused.
  it('kanjo run scenario.json --journal a.out --journal b.out: status 2, the option given twice named, nothing written', () => {
    const outcome = outcomeOf(['run', 'scenario.json', '--journal', 'a.out', '--journal', 'b.out']);
    expect({ status: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr }).toEqual({ status: 2, stdout: '', stderr: 'kanjo: --journal is given twice ("a.out" and "b.out"): give it once\n' });
    expect(outcome.after).toEqual(outcome.before);
  });

  // Was (a message): an unknown option last on the line was reported as "needs a value", as if it
  // were known: `kanjo run scenario.json --verbose` said "--verbose needs a value", and given one
  // (`--verbose yes`) the run was refused again as "unknown option --verbose". run-command.ts
  // checks options first so that a misspelt one is named before anything else.
  it('kanjo run scenario.json --verbose: status 2, naming --verbose as an option run does not read', () => {
    const outcome = outcomeOf(['run', 'scenario.json', '--verbose']);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toMatch(/^kanjo: unknown option --verbose \(kanjo run reads --format, --journal, --journal-format, --hledger and --statements\)\n$/);
  });

  // Surprising, as documented or not contradicted: pinned as they are, so that a change is seen.
  it('as it is: `-` names standard input, so --journal - is refused (./- writes a file named -)', () => {
    const refused = run({ argv: ['run', '-', '--journal', '-'], input: 'scenario', dashFile: false });
    expect({ status: refused.status, stderr: refused.stderr, after: refused.after }).toEqual({ status: 2, stderr: 'kanjo: --journal -: the file - is standard input, not a file to write (./- for a file named -)\n', after: refused.before });
    const named = run({ argv: ['run', '-', '--journal', './-'], input: 'scenario', dashFile: false });
    expect(named.status).toBe(0);
    expect(named.after['-']).toBe(reference.journal.compact);
  });

  // The oracle was wrong, not kanjo (2026-12-04: the status-2 property failed about one run in
  // ten, seed -265229444, path "23:4:5:8:8:6"). documentedParse keeps an option's first value
  // only, so the oracle looked for the option that took the command among first values and
  // expected the usage; kanjo names the second --hledger, which did take it. The oracle now
  // finds that option in the line's order, as kanjo does (documentedParse's `took`).
  it('kanjo --hledger x.out --hledger run: status 2, naming the --hledger that took "run"', () => {
    const argv = ['--hledger', 'x.out', '--hledger', 'run'];
    expect(documentedParse(argv).took).toEqual(['hledger', 'run']);
    const outcome = outcomeOf(argv);
    expect({ status: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr, after: outcome.after }).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: option --hledger took "run" as its value: write the command first (kanjo run FILE --option value; kanjo --help)\n',
      after: outcome.before,
    });
  });

  // The usage was written on standard output, so `kanjo --format json > out.json` put it in out.json.
  it('options without a command print the usage on standard error with status 2 and nothing on standard output; kanjo help prints it on standard output with status 0', () => {
    const outcome = outcomeOf(['--format', 'json']);
    expect({ status: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr }).toEqual({ status: 2, stdout: '', stderr: USAGE });
    expect(outcomeOf(['help'])).toMatchObject({ status: 0, stdout: USAGE, stderr: '' });
  });

  it('as it is: -h as the value of an option is that value (a file named -h); --help there is help, the option left without its value', () => {
    const named = outcomeOf(['run', 'scenario.json', '--journal', '-h']);
    expect({ status: named.status, stderr: named.stderr }).toEqual({ status: 0, stderr: reference.warnings });
    expect(named.after['-h']).toBe(reference.journal.compact);
    expect(outcomeOf(['run', 'scenario.json', '--journal', '--help'])).toMatchObject({ status: 0, stdout: USAGE, stderr: '' });
    expect(outcomeOf(['run', 'scenario.json', '--journal'])).toMatchObject({ status: 2, stdout: '', stderr: 'kanjo: --journal needs a value\n' });
  });

  it('as it is: --help=VALUE and --version=VALUE are help and the version; after -- every word is a file, -h and --x too', () => {
    expect(outcomeOf(['run', 'scenario.json', '--version=no'])).toMatchObject({ status: 0, stdout: `kanjo ${VERSION}\n` });
    expect(outcomeOf(['run', 'scenario.json', '--help=no'])).toMatchObject({ status: 0, stdout: USAGE });
    expect(outcomeOf(['--', 'run', 'scenario.json'])).toMatchObject({ status: 0, stderr: reference.warnings });
    expect(outcomeOf(['run', '--', '-h'])).toMatchObject({ status: 2, stdout: '', stderr: 'kanjo: cannot read -h: no such file or directory (ENOENT)\n' });
    expect(outcomeOf(['run', 'scenario.json', '--', '--format'])).toMatchObject({ status: 2, stdout: '', stderr: 'kanjo: one file at a time: "--format" would be ignored (usage: kanjo run SCENARIO.json [--format table|json|csv] [--journal OUT.ndjson [--journal-format compact|objects]] [--hledger OUT.journal] [--statements DIR])\n' });
  });
});
