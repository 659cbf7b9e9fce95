import type { ScenarioReport } from '../scenario/run-scenario.js';
import { csvLine } from './csv-field.js';

const HEADER = ['seq', 'payment', 'merchant', 'type', 'currency', 'deposit', 'debit'];

/** `kanjo run --format csv`: one row per record of the merchant-balance view, with a header row. */
export function formatScenarioCsv(report: ScenarioReport): string {
  let text = csvLine(HEADER);
  for (const record of report.records) {
    text += csvLine([record.seq, record.payment, record.merchant, record.type, record.currency, record.deposit, record.debit]);
  }
  return text;
}
