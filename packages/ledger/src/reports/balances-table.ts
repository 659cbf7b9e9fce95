import { decimalAmount } from '@kanjo/splits';
import { idInOneLine } from '../engine/message-text.js';
import { displayWidth, padEndToWidth, padStartToWidth } from './display-width.js';

/** A line of the table: `amount` undefined for a merchant with no records. */
interface BalanceRow {
  readonly id: string;
  readonly amount: string | undefined;
  readonly currency: string;
}

/**
 * `kanjo reconcile --format table`'s balances: a line per merchant and currency, in the order of
 * `balances` (as `merchantBalances` gives them), the ids left-aligned and the amounts
 * right-aligned, each in the unit its currency code names (`45.00 USD`, yen as they are) for a
 * person to read. A merchant no posting touched is named with "no records", as the table of
 * `kanjo run` names it (and the JSON report lists it with `{}`): left out, it read as a merchant
 * the journal lacks. Ids are escaped to stay one line and to keep bidi controls from reordering
 * the line.
 */
export function balancesTableLines(balances: Readonly<Record<string, Readonly<Record<string, number>>>>): string[] {
  const rows = Object.entries(balances).flatMap(([merchant, byCurrency]): BalanceRow[] => {
    const id = idInOneLine(merchant);
    const amounts = Object.entries(byCurrency);
    if (amounts.length === 0) return [{ id, amount: undefined, currency: '' }];
    return amounts.map(([currency, balance]) => ({ id, amount: decimalAmount(balance, currency), currency }));
  });
  // A loop, not Math.max(...widths): a journal may name a hundred thousand merchants.
  let idWidth = 0;
  let amountWidth = 0;
  for (const { id, amount } of rows) {
    idWidth = Math.max(idWidth, displayWidth(id));
    if (amount !== undefined) amountWidth = Math.max(amountWidth, amount.length);
  }
  return rows.map(({ id, amount, currency }) => {
    const name = padEndToWidth(id, idWidth);
    return amount === undefined ? `${name}  no records` : `${name}  ${padStartToWidth(amount, amountWidth)} ${currency}`;
  });
}
