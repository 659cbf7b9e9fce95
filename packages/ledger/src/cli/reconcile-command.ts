import { createLedger } from '../engine/ledger.js';
import type { LedgerConfig } from '../engine/ledger-config.js';
import { parseJournalEntry } from '../journal/parse-journal-entry.js';
import { JournalReplay } from '../journal/replay-journal.js';
import { merchantBalances } from '../reports/merchant-balances.js';
import { UsageError, type ParsedArguments } from './parse-arguments.js';
import { readLines } from './read-lines.js';

/** How many entries between two progress lines on a terminal. */
const PROGRESS_EVERY = 50_000;

/** A reconciliation that found a broken entry: exit status 1, the entry named. */
export class ReconciliationError extends Error {
  override readonly name = 'ReconciliationError';
}

/**
 * `kanjo reconcile JOURNAL.ndjson [--format table|json]`: reads a journal exported by Kanjo
 * as a stream and checks it (every entry balanced per currency, sequence numbers contiguous,
 * replay succeeds), then prints the balances per merchant and currency. Progress goes to
 * standard error when that is a terminal.
 */
export async function reconcileCommand(
  args: ParsedArguments,
  stdoutIsTerminal: boolean,
  progress: ((entries: number) => void) | undefined,
): Promise<string> {
  const path = args.positionals[0];
  if (path === undefined) throw new UsageError('usage: kanjo reconcile JOURNAL.ndjson [--format table|json]');
  const format = args.options.get('format') ?? (stdoutIsTerminal ? 'table' : 'json');
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, not ${String(format)}`);

  let replay: JournalReplay | undefined;
  let lineNumber = 0;
  try {
    for await (const line of readLines(path)) {
      lineNumber += 1;
      if (line.length === 0) continue;
      replay = reconcileLine(line, lineNumber, replay, path, progress);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && !(error instanceof UsageError) && !(error instanceof ReconciliationError)) {
      throw new UsageError(`cannot read ${path}: ${code}`);
    }
    throw error;
  }
  if (replay === undefined) throw new UsageError(`${path} is empty: a Kanjo journal starts with its header line`);
  const state = replay.ledger.state;
  const balances = merchantBalances(state);
  if (format === 'json') return `${JSON.stringify({ entries: replay.entries, balances }, null, 2)}\n`;
  let text = `${path}: ${replay.entries} entries, all balanced, sequence contiguous, replay succeeded\n`;
  for (const [merchant, byCurrency] of Object.entries(balances)) {
    for (const [currency, balance] of Object.entries(byCurrency)) text += `${merchant}  ${balance} ${currency}\n`;
  }
  return text;
}

/** Checks and folds one line: the header starts the replay, every later line is an entry. */
function reconcileLine(
  line: string,
  lineNumber: number,
  replay: JournalReplay | undefined,
  path: string,
  progress: ((entries: number) => void) | undefined,
): JournalReplay {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ReconciliationError(`line ${lineNumber} is not valid JSON`);
  }
  if (replay === undefined) return startReplay(value, path);
  const entry = parseJournalEntry(value, lineNumber);
  if (!entry.ok) throw new ReconciliationError(`${entry.error.code}: ${entry.error.message}`);
  const added = replay.add(entry.value);
  if (!added.ok) throw new ReconciliationError(`${added.error.code}: ${added.error.message}`);
  if (progress !== undefined && entry.value.seq % PROGRESS_EVERY === 0) progress(entry.value.seq);
  return replay;
}

function startReplay(header: unknown, path: string): JournalReplay {
  const fields = header as { kanjo_journal?: unknown; config?: unknown } | null;
  if (fields === null || typeof fields !== 'object' || fields.kanjo_journal !== 1 || typeof fields.config !== 'object') {
    throw new UsageError(`${path} does not start with a Kanjo journal header ({"kanjo_journal":1,"config":…})`);
  }
  const ledger = createLedger(fields.config as LedgerConfig);
  if (!ledger.ok) throw new ReconciliationError(`the journal's configuration is invalid: ${ledger.error.code}: ${ledger.error.message}`);
  // Folded without keeping the entries: reconciliation needs the resulting state only.
  return new JournalReplay(ledger.value, false);
}
