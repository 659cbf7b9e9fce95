import { countText } from '@kanjo/splits';
import { join, sep } from 'node:path';
import { scenarioCsvLines } from '../reports/format-scenario-csv.js';
import { scenarioTableLines } from '../reports/format-scenario-table.js';
import { hledgerJournalLines } from '../reports/hledger-journal.js';
import { journalNdjsonLines } from '../reports/journal-ndjson.js';
import { merchantStatementsCsvLines, merchantStatementFileName } from '../reports/merchant-statement-csv.js';
import { prettyJsonChunks } from '../reports/pretty-json-chunks.js';
import { runScenario, type ScenarioResult } from '../scenario/run-scenario.js';
import { unknownScenarioFields, type UnknownScenarioField } from '../scenario/unknown-scenario-fields.js';
import { checkOptions, onlyPath, UsageError, type ParsedArguments } from './parse-arguments.js';
import { withLineAndColumn } from './json-error-place.js';
import { descriptorIdentity, fileIdentity, isFolder, OutputFiles } from './output-files.js';
import { readAmountsAsWritten } from './amounts-read-as-written.js';
import { metadataNumbersOfSession, scanJsonText, type DuplicateJsonKey, type FractionReadAsWhole, type JsonTextFindings, type SessionWithMetadataNumbers, type WholeNumberWrittenOtherwise } from './scan-json-text.js';
import { inputName, inputSource, readWholeInput, STANDARD_INPUT } from './input-file.js';
import { ioProblem } from './io-problem.js';
import { warnOfUnknownPaymentTypes } from './unknown-payment-types.js';
import { warnOfUnusableMerchantSettings } from './unusable-merchant-settings.js';
import { quoted, shown } from '../engine/message-text.js';

/** The options `kanjo run` reads (besides --help and --version). */
export const RUN_OPTIONS = ['format', 'journal', 'journal-format', 'hledger', 'statements'] as const;

/** How `kanjo run` is called: one copy, for `kanjo --help` and for a run given the wrong files. */
export const RUN_USAGE = 'kanjo run SCENARIO.json [--format table|json|csv] [--journal OUT.ndjson [--journal-format compact|objects]] [--hledger OUT.journal] [--statements DIR]';

/**
 * `kanjo run SCENARIO.json [--format table|json|csv] [--journal OUT.ndjson [--journal-format
 * compact|objects]] [--hledger OUT.journal] [--statements DIR]`: runs a scenario file
 * (SCENARIO.md) and prints the outcome; optionally writes the journal (compact by default),
 * an hledger journal and one statement CSV per merchant. `beforePuttingInPlace` is called once
 * every export is written, just before they are put in place, where there are any (the command
 * line holds the stopping signals there).
 */
export function runCommand(args: ParsedArguments, stdoutIsTerminal: boolean, warn: (line: string) => void = () => {}, beforePuttingInPlace: () => void = () => {}): Iterable<string> {
  // Options first: `kanjo run --jurnal a.json` takes a.json as the option's value, and the
  // missing file would otherwise hide the misspelt option behind the usage line.
  checkOptions(args, RUN_OPTIONS, 'kanjo run reads --format, --journal, --journal-format, --hledger and --statements');
  const path = onlyPath(args, `usage: ${RUN_USAGE}`);
  const format = args.options.get('format') ?? (stdoutIsTerminal ? 'table' : 'json');
  if (format !== 'table' && format !== 'json' && format !== 'csv') throw new UsageError(`--format must be table, json or csv, not ${String(format)}`);
  const journalFormat = args.options.get('journal-format') ?? 'compact';
  if (journalFormat !== 'compact' && journalFormat !== 'objects') throw new UsageError(`--journal-format must be compact or objects, not ${String(journalFormat)}`);

  // Warnings wait for the run to succeed: a run refused with exit status 2 says one line.
  const warnings: string[] = [];
  const warnLater = (line: string): void => {
    warnings.push(line);
  };
  refuseFolderNamesForFiles(args);
  refuseOverlappingOutputs(path, args);
  const { text, document, duplicates, wholeNumbersWrittenOtherwise, fractionsReadAsWhole, integersPastSafeRange, sessionsWithMetadataNumbers } = readJson(path);
  const refusedFractions = readAmountsAsWritten(document, fractionsReadAsWhole);
  // Refused either way; put back so that the message quotes the amount as sent. No warning: its code is the one the number gets.
  readAmountsAsWritten(document, integersPastSafeRange);
  const run = runScenario(document);
  if (!run.ok) throw new UsageError(`${inputName(path)}: ${run.error.code}: ${run.error.message}`);
  warnOfDuplicateKeys(duplicates, warnLater);
  warnOfWholeNumbersWrittenOtherwise(wholeNumbersWrittenOtherwise, warnLater);
  warnOfFractionsReadAsWhole(refusedFractions, warnLater);
  const { report, ledger, config } = run.value;
  warnOfMetadataNumbersReadOtherwise(text, createdSessions(report.results, sessionsWithMetadataNumbers), warnLater);
  warnOfUnknownFields(unknownScenarioFields(document), warnLater);
  warnOfUnknownPaymentTypes(config, warnLater);
  warnOfUnusableMerchantSettings(config, ledger.state.config.merchants, warnLater);

  const journalPath = args.options.get('journal');
  // Said, not refused: the run's output is the same either way, but the caller expected a file.
  if (args.options.has('journal-format') && typeof journalPath !== 'string') warnLater('--journal-format has no effect without --journal OUT.ndjson: no journal is written');
  const statementsDirectory = args.options.get('statements');
  // Each merchant's statement file name, worked out once for the overlap check and the writing.
  const statementFiles = new Map<string, string>();
  if (typeof statementsDirectory === 'string') {
    for (const merchant of ledger.state.config.merchants.keys()) statementFiles.set(merchant, merchantStatementFileName(merchant));
    refuseOverlappingOutputs(path, args, { directory: statementsDirectory, files: [...statementFiles.values()] });
  }

  // Every export is written whole or not at all, and none replaces its file unless all were written.
  const outputs = new OutputFiles();
  try {
    if (typeof journalPath === 'string') {
      writeOutput(journalPath, () => outputs.write(journalPath, journalNdjsonLines(config, ledger.journal, journalFormat)));
    }
    const hledgerPath = args.options.get('hledger');
    if (typeof hledgerPath === 'string') writeOutput(hledgerPath, () => outputs.write(hledgerPath, hledgerJournalLines(ledger.state)));
    if (typeof statementsDirectory === 'string') {
      writeOutput(statementsDirectory, () => outputs.makeFolder(statementsDirectory));
      // In lines, never joined: a platform's statement can be longer than one string can be.
      for (const [merchant, lines] of merchantStatementsCsvLines(ledger.journal, ledger.state.config.merchants.keys())) {
        // A statement that cannot be written is named, not its folder (a folder in its place is EISDIR).
        const file = join(statementsDirectory, statementFiles.get(merchant) ?? merchantStatementFileName(merchant));
        writeOutput(file, () => outputs.write(file, lines));
      }
    }
    if (typeof journalPath === 'string' || typeof args.options.get('hledger') === 'string' || typeof statementsDirectory === 'string') beforePuttingInPlace();
    outputs.commit();
  } catch (error) {
    outputs.discard();
    throw error;
  }
  for (const line of warnings) warn(line);
  // Every format is given in pieces: a large scenario's report would not fit in one string.
  if (format === 'json') return jsonDocument(report);
  if (format === 'csv') {
    warnOfRejections(report.results, warn);
    return scenarioCsvLines(report);
  }
  return scenarioTableLines(report, inputName(path));
}

/** The most unknown fields named one a line; the rest are counted. */
const MAX_UNKNOWN_FIELDS_NAMED = 10;

/**
 * A line on standard error for each field the file has and Kanjo ignores: a misspelt optional
 * field would otherwise silently be its default. The output and the exit status stay as they
 * are (SCENARIO.md lets the format grow). A file written from API logs may carry many fields
 * Kanjo does not model, so only the first few are named.
 */
function warnOfUnknownFields(unknown: readonly UnknownScenarioField[], warn: (line: string) => void): void {
  for (const { path, op, field, readInstead } of unknown.slice(0, MAX_UNKNOWN_FIELDS_NAMED)) {
    // Quoted as rejection messages quote the file: line separators and C1 controls escaped (JSON
    // leaves them raw, and a line reader or a terminal would act on them), cut to 64 characters.
    const instead = readInstead === undefined ? '' : `; Kanjo reads ${readInstead} instead`;
    warn(`${path === '' ? 'the file' : path}${op === undefined ? '' : ` (${shown(op)})`} has the field ${quoted(field)}, which Kanjo does not read: it is ignored${instead}`);
  }
  const more = unknown.length - MAX_UNKNOWN_FIELDS_NAMED;
  if (more > 0) warn(`${more} more fields Kanjo does not read are ignored; SCENARIO.md lists the fields it reads`);
}

/** The most keys given twice that a run names, one a line; past that, one line says there are more. */
const MAX_DUPLICATE_KEYS_NAMED = 10;

/**
 * A line on standard error for each object of the file that gives a key twice. JSON.parse
 * keeps the last without a word, and other readers keep the first or refuse: the run goes on
 * with the last (refusing would stop files that run today), and the warning says which.
 */
function warnOfDuplicateKeys(duplicates: readonly DuplicateJsonKey[], warn: (line: string) => void): void {
  for (const { path, key } of duplicates.slice(0, MAX_DUPLICATE_KEYS_NAMED)) {
    warn(`${path === '' ? 'the file' : cut(path, MAX_PATH_SHOWN)} gives the key ${quoted(key)} twice: Kanjo read the last one (JSON readers differ on which they keep); give each key once`);
  }
  if (duplicates.length > MAX_DUPLICATE_KEYS_NAMED) warn('more objects give a key twice; give each key once');
}

/**
 * A line on standard error for each whole amount the file writes with a fraction or an exponent
 * (`"amount": 10.00`). JSON reads it as the number, so it runs as 10 minor units: ten cents of a
 * USD payment meant as ten dollars. Refusing would stop files that run today (`1000.0`), and the
 * library, given the parsed document, cannot see how a number was written; the warning can.
 */
function warnOfWholeNumbersWrittenOtherwise(found: readonly WholeNumberWrittenOtherwise[], warn: (line: string) => void): void {
  for (const { path, written } of found.slice(0, MAX_DUPLICATE_KEYS_NAMED)) {
    warn(`${cut(path, MAX_PATH_SHOWN)} is written ${cut(written, MAX_NUMBER_SHOWN)}, which JSON reads as ${Number(written)}: Kanjo reads amounts in the currency's minor unit (cents of USD, yen of JPY), so this is ${Number(written)} of them; write amounts as whole minor units, digits only`);
  }
  if (found.length > MAX_DUPLICATE_KEYS_NAMED) warn('more amounts are written with a fraction or an exponent; write amounts as whole minor units, digits only');
}

/**
 * A line on standard error for each amount written with a fraction that JSON would have read as
 * a whole number: its command is rejected (`amount_not_integer`, or `amount_exponent_notation`
 * for `1e-400`, its message quoting the text), and the line says why a number shows as a
 * string there.
 */
function warnOfFractionsReadAsWhole(found: readonly FractionReadAsWhole[], warn: (line: string) => void): void {
  for (const { path, written } of found.slice(0, MAX_DUPLICATE_KEYS_NAMED)) {
    warn(`${cut(path, MAX_PATH_SHOWN)} is written ${cut(written, MAX_NUMBER_SHOWN)}, not a whole number, though JSON would read it as ${Number(written)}: it is read as the text it is, and refused; write amounts as whole minor units, digits only`);
  }
  if (found.length > MAX_DUPLICATE_KEYS_NAMED) warn('more amounts are written with a fraction JSON would read as a whole number; they are refused as well');
}

/**
 * A line on standard error for each number of a session's `metadata` whose text JSON does not
 * keep (`12345678901234567890`, read as 12345678901234567000): metadata is carried as text, and
 * a number as the text of what JSON read, so an order number past 2^53 would be kept, in an
 * append-only journal, as another. Refusing would stop files that run today; the warning says
 * how to keep it. The first ten are named, scanning again only the sessions that hold them;
 * the rest are counted.
 */
function warnOfMetadataNumbersReadOtherwise(text: string | undefined, sessions: readonly SessionWithMetadataNumbers[], warn: (line: string) => void): void {
  if (text === undefined) return;
  let named = 0;
  for (const session of sessions) {
    if (named >= MAX_DUPLICATE_KEYS_NAMED) break;
    for (const { path, written } of metadataNumbersOfSession(text, session).slice(0, MAX_DUPLICATE_KEYS_NAMED - named)) {
      warn(`${cut(path, MAX_PATH_SHOWN)} is written ${cut(written, MAX_NUMBER_SHOWN)}, which JSON reads as ${Number(written)}: metadata keeps a number as the text of what JSON read; write it as a string to keep it as written`);
      named += 1;
    }
  }
  const more = sessions.reduce((total, session) => total + session.count, 0) - named;
  if (more > 0) warn(`${more} more metadata numbers are written otherwise than JSON reads them; write them as strings to keep them as written`);
}

/** The sessions of `found` the run created: a refused one keeps nothing (review 219). */
function createdSessions(results: readonly ScenarioResult[], found: readonly SessionWithMetadataNumbers[]): SessionWithMetadataNumbers[] {
  if (found.length === 0) return [];
  const accepted = new Set(results.filter((result) => result.ok).map((result) => result.index));
  return found.filter((session) => accepted.has(session.index));
}

/** The fields of a scenario file that hold amounts (SCENARIO.md, and the README's additions). */
const AMOUNT_KEYS: ReadonlySet<string> = new Set(['amount', 'platform_fee', 'platform_amount', 'minimum_amount', 'fixed_fee', 'customer_fee', 'refund_request_fee']);
/** How much of a path and of a number as written a warning shows: a file may hold a key of a million characters. */
const MAX_PATH_SHOWN = 160;
const MAX_NUMBER_SHOWN = 32;

function cut(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length)}…`;
}

/** The most rejected commands a CSV run names one a line; the rest are counted. */
const MAX_REJECTIONS_NAMED = 10;

/**
 * A line on standard error for each rejected command of a CSV run, its op as it is when plain
 * (`payment.refund`), else quoted, escaped and shortened: a line break in it would split the
 * line, and an escape sequence reach the terminal. The CSV is the records alone (standard
 * output stays exactly that) and the exit status is 0 whatever was rejected
 * (SCENARIO.md), so without these lines a refund refused for want of balance left no trace,
 * and its balances read as if it had posted. The table and the JSON list every rejection.
 */
function warnOfRejections(results: readonly ScenarioResult[], warn: (line: string) => void): void {
  let rejected = 0;
  for (const result of results) {
    if (result.ok) continue;
    rejected += 1;
    if (rejected <= MAX_REJECTIONS_NAMED) {
      warn(`commands[${result.index}]${result.op === '' ? '' : ` (${shown(result.op)})`} was rejected and changed nothing: ${result.error?.code ?? 'rejected'}: ${result.error?.message ?? ''}`);
    }
  }
  if (rejected > MAX_REJECTIONS_NAMED) warn(`${countText(rejected - MAX_REJECTIONS_NAMED)} more commands were rejected (${countText(rejected)} of ${countText(results.length)}); --format json or table lists them all`);
}

/** SCENARIO.md's JSON document, indented by two spaces, and a final line break. */
function* jsonDocument(report: unknown): Generator<string> {
  yield* prettyJsonChunks(report);
  yield '\n';
}

/** Writes an output file; a path that cannot be written is a usage error (exit 2), not a crash. */
function writeOutput(path: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot write ${path}: ${ioProblem(error)}`);
  }
}

/**
 * JSON text is UTF-8 (RFC 8259 8.1): a byte that is not UTF-8 makes the file not JSON, as
 * `kanjo reconcile` finds it, rather than a character to replace with U+FFFD (a Latin-1 file's
 * ids "pay_é" and "pay_è" would both become "pay_\uFFFD", one payment).
 */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * `--journal` and `--hledger` name a file; a name ending in `/` names a folder. Written, it failed
 * as "it is a directory (EISDIR)" even where no such folder existed (`--journal out/`). A folder
 * that is there, named without the `/` (`--journal out`, `--journal .`), is refused in the same
 * words rather than as the system's EISDIR. (A name that becomes a folder only during the run,
 * through `--statements`, still fails as EISDIR when written: nothing is in place by then.)
 */
function refuseFolderNamesForFiles(args: ParsedArguments): void {
  for (const [option, example] of [['journal', 'journal.ndjson'], ['hledger', 'kanjo.journal']] as const) {
    const output = args.options.get(option);
    if (typeof output !== 'string') continue;
    if (output.endsWith('/') || output.endsWith(sep)) {
      throw new UsageError(`--${option} ${output} names a folder (it ends in ${output.endsWith('/') ? '/' : sep}): give the file to write, such as ${output}${example}`);
    }
    if (isFolder(output)) throw new UsageError(`--${option} ${output} is a folder: give the file to write, such as ${join(output, example)}`);
  }
}

/**
 * An export that names the scenario file itself would overwrite it with the journal (or the
 * hledger text) before anyone noticed; two exports that name one file, or the file standard
 * output is redirected to, would leave only the last one written (or both mixed): refused, as
 * a usage error, before anything is written, and so would one that names the file or pipe
 * behind standard input or error. A file is recognised through any symbolic or hard link to it
 * (`--journal link.json` where link.json points at the scenario overwrote it), and so is a pipe
 * (`--journal /dev/stdin` when the scenario comes through it).
 * The statement files are checked once the merchants are known (`statements`).
 */
function refuseOverlappingOutputs(path: string, args: ParsedArguments, statements?: { directory: string; files: readonly string[] }): void {
  const source = inputSource(path);
  const input = source === 0 ? descriptorIdentity(0) : fileIdentity(source);
  const standardInput = descriptorIdentity(0);
  const standardOutput = descriptorIdentity(1);
  const standardError = descriptorIdentity(2);
  const named = new Map<string, string>();
  const check = (label: string, output: string): void => {
    const identity = fileIdentity(output);
    if (identity === undefined) return;
    if (identity === input) throw new UsageError(`${label} is ${identity.startsWith('pipe') ? 'the pipe the scenario comes through' : 'the scenario file itself'}: write the export to another file`);
    // Standard input while the scenario is a file: kanjo holds the pipe's reading end and never
    // reads it, so a journal of more than the pipe holds never finished being written.
    if (identity === standardInput) throw new UsageError(`${label} is standard input too: write the export to another file`);
    if (identity === standardOutput) throw new UsageError(`${label} is standard output too: write the export to another file`);
    // The warnings follow the exports there: a journal with a warning after it does not reconcile.
    if (identity === standardError) throw new UsageError(`${label} is standard error too: write the export to another file`);
    const other = named.get(identity);
    if (other !== undefined) throw new UsageError(`${other} and ${label} are the same file: write each export to its own file`);
    named.set(identity, label);
  };
  // The statements folder too: an export named as it was renamed onto the folder the
  // statements had made, and failed after the journal was already in place.
  for (const option of ['journal', 'hledger', 'statements'] as const) {
    const output = args.options.get(option);
    // `-` names standard input: written as a file of that name, `kanjo run S --journal - &&
    // kanjo reconcile -` would reconcile something else than the export.
    if (output === STANDARD_INPUT) throw new UsageError(`--${option} -: the file - is standard input, not a file to write (./- for a file named -)`);
    if (typeof output === 'string') check(`--${option} ${output}`, output);
  }
  for (const file of statements?.files ?? []) check(`--statements ${statements?.directory ?? ''} (${file})`, join(statements?.directory ?? '', file));
}

/**
 * Reads and parses a JSON file (`-`: standard input), with what JSON.parse read without a word
 * (keys given twice, whole numbers written `10.00`, fractions it rounds away: {@link scanJsonText},
 * found here so that the text is not kept through the run: only when a session's metadata holds
 * numbers JSON does not keep as written is it returned, to name them once the run says which
 * sessions were created); unreadable or invalid files are usage errors (exit 2).
 */
export function readJson(path: string): JsonTextFindings & { readonly document: unknown; readonly text: string | undefined } {
  const name = inputName(path);
  let bytes: Uint8Array;
  try {
    bytes = readWholeInput(path);
  } catch (error) {
    throw new UsageError(`cannot read ${name}: ${ioProblem(error)}`);
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw new UsageError(`${name} is not valid JSON: it is not UTF-8 (save it as UTF-8)`);
    // ERR_STRING_TOO_LONG: longer than the longest string V8 holds (about 512 MiB).
    throw new UsageError(`cannot read ${name}: ${ioProblem(error)}`);
  }
  // A UTF-8 byte order mark may start a file (RFC 8259 lets a parser ignore it).
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let document: unknown;
  try {
    document = JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${name} is not valid JSON: ${withLineAndColumn((error as Error).message, text)}`);
  }
  const findings = scanJsonText(text, MAX_DUPLICATE_KEYS_NAMED + 1, AMOUNT_KEYS);
  return { document, text: findings.sessionsWithMetadataNumbers.length > 0 ? text : undefined, ...findings };
}
