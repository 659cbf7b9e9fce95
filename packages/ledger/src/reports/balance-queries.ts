import { quoted } from '../engine/message-text.js';
import { availableBalanceOf, postedBalanceOf, type LedgerStateView } from '../engine/ledger-state.js';

/**
 * A merchant's posted balance in a currency, in minor units (0 if it never touched the
 * currency).
 *
 * @throws TypeError when `state` is no ledger's state (the ledger itself: pass `ledger.state`)
 * or `merchant` or `currency` is not a string, and RangeError when
 * `merchant` is no merchant of the ledger's configuration: the arguments swapped
 * (`postedBalance(state, 'JPY', 'pm1')`) or a misspelt id would otherwise answer 0, a balance
 * that looks real.
 *
 * @example
 * // The ledger of the package README after its payment pay_1 (¥1,000 by card: 700 with a 70 fee to pm1, 300 with 30 to pm2):
 * postedBalance(ledger.state, 'pm1', 'JPY'); // 630
 * postedBalance(ledger.state, 'pm1', 'USD'); // 0
 * postedBalance(ledger.state, 'JPY', 'pm1'); // throws RangeError: no merchant "JPY" in this ledger (the merchant and the currency are swapped?)
 */
export function postedBalance(state: LedgerStateView, merchant: string, currency: string): number {
  checkBalanceQuery(state, merchant, currency, 'postedBalance');
  return postedBalanceOf(state, merchant, currency);
}

/**
 * A merchant's available balance in a currency: posted less what its pending refund requests
 * hold, in minor units. Checks its arguments as {@link postedBalance} does.
 *
 * Exact down to -9007199254740991 (-(2^53 - 1)). A posted balance is kept within the safe
 * range, but one charged back far below zero while pending requests hold more of it can be
 * less than that, where the answer is the nearest number a double holds (one unit off, say;
 * review 197). Kanjo's own decisions and messages use the exact value: such a balance pays
 * nothing and covers no refund either way.
 *
 * @example
 * // pm1 holds 8,000 of a ¥10,000 Konbini payment; a pending refund request takes 1,000 of it back:
 * postedBalance(ledger.state, 'pm1', 'JPY'); // 8000
 * availableBalance(ledger.state, 'pm1', 'JPY'); // 7000, until the request is completed or rejected
 */
export function availableBalance(state: LedgerStateView, merchant: string, currency: string): number {
  checkBalanceQuery(state, merchant, currency, 'availableBalance');
  return availableBalanceOf(state, merchant, currency);
}

function checkBalanceQuery(state: LedgerStateView, merchant: unknown, currency: unknown, caller: string): void {
  // A Ledger passed for its state (or a result not yet unwrapped) has no config.merchants.
  if (!((state as { readonly config?: { readonly merchants?: unknown } } | null | undefined)?.config?.merchants instanceof Map)) {
    throw new TypeError(`${caller}(state, merchant, currency): state must be a ledger's state (ledger.state), not ${typeof state === 'object' && state !== null && 'execute' in state ? 'the ledger itself' : quoted(state)}`);
  }
  if (typeof merchant !== 'string' || typeof currency !== 'string') {
    throw new TypeError(`${caller}(state, merchant, currency): merchant and currency must be strings, not ${quoted(merchant)} and ${quoted(currency)}`);
  }
  if (!state.config.merchants.has(merchant)) {
    throw new RangeError(`${caller}(state, merchant, currency): no merchant ${quoted(merchant)} in this ledger${state.config.merchants.has(currency) ? ' (the merchant and the currency are swapped?)' : ''}`);
  }
}
