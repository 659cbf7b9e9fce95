import type { ScenarioReport } from '../scenario/run-scenario.js';
import { csvLine } from './csv-field.js';

const HEADER = ['seq', 'payment', 'merchant', 'type', 'currency', 'deposit', 'debit'];

/** `kanjo run --format csv`: one row per record of the merchant-balance view, with a header row. */
export function formatScenarioCsv(report: ScenarioReport): string {
  return [...scenarioCsvLines(report)].join('');
}

/**
 * {@link formatScenarioCsv}'s text a line at a time (each ends with its CRLF). A large
 * scenario's CSV passes V8's longest string, about 512 MiB, near a million payments: the
 * command line writes these lines in batches instead of building the text whole.
 */
export function* scenarioCsvLines(report: ScenarioReport): Generator<string> {
  yield csvLine(HEADER);
  for (const record of report.records) {
    yield csvLine([record.seq, record.payment, record.merchant, record.type, record.currency, record.deposit, record.debit]);
  }
}
