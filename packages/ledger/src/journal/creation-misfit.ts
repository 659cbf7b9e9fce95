import { isCurrency } from '@kanjo/splits';
import type { CreateSessionCommand } from '../commands/command.js';
import type { LedgerState } from '../engine/ledger-state.js';
import type { PayoutSettings } from '../payouts/payout-settings.js';
import { decideCreateSession } from '../sessions/decide-create-session.js';
import type { SessionInit } from '../sessions/session.js';

/**
 * The rejections that depend on when a command ran: whether a merchant was active, or approved
 * for the live book, at the time. The header keeps only the final configuration, so replay does
 * not re-decide them (README, "What it cannot check").
 */
const DECIDED_AT_THE_TIME: readonly string[] = ['merchant_deactivated', 'merchant_not_approved'];

/**
 * Why a session created by an imported entry is not one `session.create` could have created,
 * or undefined. A session records its whole command (less op, time and key), so the engine's
 * own decision is taken again on it (DOMAIN.md "Hosted page sessions": a known platform, and
 * seller it acts as, a positive amount in a known currency, payment types offered that its
 * processing merchant accepts, an absolute http(s) return_url, an external_customer_id of at
 * most 255 characters, capture auto or manual, a split or platform amount the engine takes).
 * A session for a merchant the configuration does not have, or with a return_url the customer
 * cannot be sent to, is no entry of the engine's.
 */
export function sessionCreationMisfit(state: LedgerState, session: SessionInit): string | undefined {
  const decided = decideCreateSession(state, { ...session, op: 'session.create' } as CreateSessionCommand);
  if (decided.ok || DECIDED_AT_THE_TIME.includes(decided.error.code)) return undefined;
  return `session ${session.id} is one the engine refuses to create: ${decided.error.code}: ${decided.error.message}`;
}

/**
 * Why payout settings of an imported entry are not ones `payout_settings.update` could have
 * set, or undefined: for a merchant of the configuration and of the ledger's book, in a currency Kanjo knows, weekly or
 * monthly, with a minimum amount of 0 or more minor units. (Which platform set them, and
 * whether the merchant was active then, the entry does not keep.)
 */
export function payoutSettingsMisfit(state: LedgerState, settings: PayoutSettings): string | undefined {
  const { merchant, currency, frequency, minimumAmount } = settings;
  const configured = state.config.merchants.get(merchant);
  if (configured === undefined) return `payout settings of unknown merchant ${merchant}`;
  if (configured.book !== state.config.book) return `payout settings of merchant ${merchant} of the ${configured.book} book; this journal keeps the ${state.config.book} book`;
  if (!isCurrency(currency)) return `payout settings of ${merchant} in ${JSON.stringify(currency)}, a currency Kanjo does not know`;
  if (frequency !== 'weekly' && frequency !== 'monthly') return `payout settings of ${merchant} with frequency ${JSON.stringify(frequency)}, not weekly or monthly`;
  if (!(Number.isSafeInteger(minimumAmount) && minimumAmount >= 0)) return `payout settings of ${merchant} with minimum amount ${JSON.stringify(minimumAmount)}, not 0 or more minor units`;
  return undefined;
}
