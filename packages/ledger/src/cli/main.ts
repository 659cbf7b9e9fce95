#!/usr/bin/env node
/**
 * The `kanjo` command line: the only code in Kanjo that touches files, streams or the process.
 * Bad input is reported as one line on standard error (exit status 2), a failed reconciliation
 * names the first broken entry (exit status 1); never a stack trace for either.
 */
import { readFileSync } from 'node:fs';
import { parseArguments, UsageError, type ParsedArguments } from './parse-arguments.js';
import { RECONCILE_OPTIONS, RECONCILE_USAGE, reconcileCommand, ReconciliationError } from './reconcile-command.js';
import { RUN_OPTIONS, RUN_USAGE, runCommand } from './run-command.js';
import { writeStandardOutput } from './standard-output.js';
import { ioProblem } from './io-problem.js';
import { holdSignals, releaseSignals } from './held-signals.js';
import { inOneLine } from '../engine/message-text.js';

const USAGE = `usage:
  ${RUN_USAGE}
  ${RECONCILE_USAGE}
  kanjo help | --help | -h | --version
The file - is standard input.
Amounts are integers in minor units (1234 USD is $12.34) in json, csv, statements and journals;
the table and --hledger write them as decimals.`;

/** Every option some subcommand reads. */
const EVERY_OPTION = new Set<string>([...RUN_OPTIONS, ...RECONCILE_OPTIONS, 'help', 'version']);

async function main(argv: readonly string[]): Promise<number> {
  const stdoutIsTerminal = process.stdout.isTTY === true;
  // Set once a progress line is on the terminal: an error must not be written after it.
  let progressShown = false;
  try {
    // Problems with the options (a missing value, one given twice) are the subcommand's to
    // report, after an option it does not read: help and the version answer whatever they are.
    const args = parseArguments(argv, new Set(['help', 'version']));
    // `-h` as most command lines take it; a file named -h can be given as ./-h or after --.
    const help = args.options.has('help') || args.shortHelp;
    if (args.options.has('version') && !help) {
      process.stdout.write(`kanjo ${packageVersion()}\n`);
      return 0;
    }
    if (help || args.command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.command === undefined) {
      // A misspelt option with the command forgotten (`kanjo --jounral j.ndjson`) is named, as
      // it is after a command; otherwise the usage. Not asked for, so not output: `kanjo
      // --format json > out.json` put the usage in out.json.
      const took = optionThatTookTheCommand(argv);
      if (took !== undefined) throw new UsageError(took);
      const unknown = [...args.options.keys()].find((name) => !EVERY_OPTION.has(name));
      if (unknown !== undefined) throw new UsageError(`unknown option --${unknown} and no command: use kanjo run or kanjo reconcile (kanjo --help)`);
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    if (args.command === 'run') {
      // Waiting for the reader (a pipe would otherwise queue the whole report in memory), or
      // every byte taken (a file cut short by a full disk must not pass for a success).
      const report = runCommand(args, stdoutIsTerminal, (line) => process.stderr.write(`kanjo: warning: ${oneLine(line)}\n`), holdSignals);
      // A signal held while the exports were put in place stops the run now, before the report.
      await releaseSignals();
      await writeStandardOutput(report);
      return 0;
    }
    if (args.command === 'reconcile') {
      const progress = process.stderr.isTTY === true
        ? (entries: number) => {
            progressShown = true;
            process.stderr.write(`\rreconciled ${entries} entries…`);
          }
        : undefined;
      const output = reconcileCommand(args, stdoutIsTerminal, progress, (line) => {
        if (progress !== undefined) process.stderr.write('\r\x1b[K');
        process.stderr.write(`kanjo: warning: ${oneLine(line)}\n`);
      });
      if (progress !== undefined) process.stderr.write('\r\x1b[K');
      await writeStandardOutput([output]);
      return 0;
    }
    throw new UsageError(unknownCommandProblem(argv, args));
  } catch (error) {
    // Clear the progress line, so that the error is a line of its own.
    if (progressShown) process.stderr.write('\r\x1b[K');
    if (error instanceof UsageError) {
      process.stderr.write(`kanjo: ${oneLine(error.message)}\n`);
      // Exports that failed while a signal was held were put back first; then it stops the run.
      await releaseSignals();
      return 2;
    }
    if (error instanceof ReconciliationError) {
      process.stderr.write(`kanjo: reconciliation failed: ${oneLine(error.message)}\n`);
      return 1;
    }
    process.stderr.write(`kanjo: internal error (please report): ${oneLine(String((error as Error).message))}\n`);
    await releaseSignals();
    return 70;
  }
}

/** The version of @kanjo/ledger, from the package.json beside `dist/` (installed or in the checkout). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** Bad input and warnings are reported on one line: line breaks quoted from the input are folded. */
function oneLine(message: string): string {
  // Line breaks (V8's messages hold some) become a space; any other character that would break,
  // hide or reorder the line (a C0 or C1 control such as ESC or CSI, U+2028 / U+2029, a lone
  // surrogate, a bidi control: ids may hold those, and a rejection's message names ids as they
  // are) is written as \uXXXX: a file's or a file name's text quoted in the message stays inert.
  return inOneLine(message.replace(/\s*[\r\n]+\s*/g, ' '));
}

// A reader that stops early (`kanjo run big.json | head`) closes the pipe: stop quietly, as
// Unix tools do, instead of Node's EPIPE stack trace. Any other failure to write is one line.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') process.stderr.write(`kanjo: cannot write standard output: ${ioProblem(error)}\n`);
  process.exit(error.code === 'EPIPE' ? 0 : 2);
});

// A standard error whose reader has gone (`kanjo run … 2>&1 >out.json | grep -q warning`):
// nothing more can be said there, but the exit status still tells what happened. Unhandled,
// Node's EPIPE made every such run exit 1, which reconcile uses for a broken journal.
process.stderr.on('error', () => {});

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`kanjo: internal error (please report): ${String(error)}\n`);
    process.exitCode = 70;
  },
);

/**
 * What to say of a line whose command is none kanjo has. An option written before the command
 * takes it as its value (`kanjo --verbose reconcile j.ndjson`, `kanjo --journal run s.json`),
 * and the file after it would be named as the command: that option is named instead. Otherwise
 * the command, and any option kanjo does not read beside it (README: such an option is named
 * before any other problem on the line; a misspelt command is one too).
 */
function unknownCommandProblem(argv: readonly string[], args: ParsedArguments): string {
  const took = optionThatTookTheCommand(argv);
  if (took !== undefined) return took;
  const unknown = [...args.options.keys()].filter((name) => !EVERY_OPTION.has(name));
  const options = unknown.length === 0 ? '' : ` and unknown ${unknown.length === 1 ? 'option' : 'options'} ${unknown.map((name) => `--${name}`).join(', ')}`;
  return `unknown command ${JSON.stringify(args.command)}${options}: use kanjo run or kanjo reconcile (kanjo --help)`;
}

/**
 * The problem of an option written before the command, as `--name value` (not `--name=value`),
 * whose value is `run` or `reconcile`: it took the command. Read from the line itself, since
 * only the order tells `kanjo --journal run s.json` from `kanjo rnu s.json --journal run`.
 */
function optionThatTookTheCommand(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    if (argument === '--' || !argument.startsWith('--')) return undefined; // the command's place is past
    const name = argument.slice(2);
    if (name.includes('=') || name === 'help' || name === 'version') continue;
    const value = argv[index + 1];
    if (value === 'run' || value === 'reconcile') {
      return `${EVERY_OPTION.has(name) ? 'option' : 'unknown option'} --${name} took ${JSON.stringify(value)} as its value: write the command first (kanjo ${value} FILE --option value; kanjo --help)`;
    }
    // As parseArguments reads the line: a next word that is another option (or none, or empty)
    // is not this one's value, so `kanjo --journal --format run s.json` names --format.
    if (value !== undefined && value !== '' && !value.startsWith('--')) index += 1;
  }
  return undefined;
}
