import fc from 'fast-check';
import { availableBalance, createLedger, type Command, type Ledger, type LedgerConfig, type Payment } from '@kanjo/ledger';
import { ledgerConfigArbitrary, TESTING_MERCHANT_IDS } from '@kanjo/ledger/testing';
import type { RefundLine, SplitLine } from '@kanjo/splits';
import { BANK_ACCOUNT } from './fixtures.js';

/**
 * Random faithful journals of every flow, for the journal mutation properties: the test book of
 * `ledgerConfigArbitrary` (a marketplace `mkt` with two to four payout merchants, a platform
 * business `plat` with one or two sellers, varied fee rates, fixed fees, customer fees, tax
 * rates, refund request fees, rounding modes and time zones) and a run of commands steered onto
 * what the engine holds so far: payments of both models (cards, PayPay, Konbini; captured at
 * once or authorized), two-step captures (full, with the split or platform_amount given at
 * capture, or partial), cancels and expiries, refunds (reverse, non-reverse with the platform
 * bearing some of it, the seller model's proportional ones), Konbini refund requests (reverse
 * or not, with or without the customer fee) completed or rejected in any order, chargebacks,
 * balance transfers both ways, payout settings and settlement runs, and hosted-page sessions
 * (auto or manual capture) completed or cancelled. The engine decides: a command it refuses
 * appends nothing, so every journal is one it wrote.
 */

const IDS = TESTING_MERCHANT_IDS;
const DAY = 86_400_000;
const START = Date.UTC(2026, 3, 1, 1, 0, 0);

/** A split line drawn before the payout merchants are known: an index and a weight. */
interface LineDraw {
  readonly merchant: number;
  readonly weight: number;
  /** The platform fee of the line, per mille of its amount. */
  readonly feePermille: number;
}

type Action =
  | {
      readonly kind: 'pay';
      readonly seller: boolean;
      readonly paymentType: 'credit_card' | 'paypay' | 'konbini';
      readonly capture: boolean;
      readonly currency: 'JPY' | 'USD';
      readonly amount: number;
      readonly lines: readonly LineDraw[];
      /** Seller model: platform_amount per mille of the amount. */
      readonly platformPermille: number;
      readonly via: 'api' | 'session_auto' | 'session_manual';
    }
  | { readonly kind: 'capture'; readonly pick: number; readonly partial: number | undefined; readonly shortSplit: boolean; readonly restate: number | undefined }
  | { readonly kind: 'cancel' | 'expire' | 'chargeback'; readonly pick: number }
  | { readonly kind: 'refund' | 'refund_request'; readonly pick: number; readonly fraction: number | undefined; readonly platformFraction: number; readonly includeFee: boolean }
  | { readonly kind: 'settle_request'; readonly pick: number; readonly complete: boolean }
  | { readonly kind: 'settle_session'; readonly pick: number; readonly complete: boolean; readonly typePick: number }
  | { readonly kind: 'transfer'; readonly seller: boolean; readonly toPlatform: boolean; readonly merchant: number; readonly fraction: number; readonly currency: 'JPY' | 'USD' }
  | { readonly kind: 'settings'; readonly target: number; readonly monthly: boolean; readonly minimum: number; readonly currency: 'JPY' | 'USD' }
  | { readonly kind: 'run'; readonly monthEnd: boolean };

const pick = fc.nat({ max: 1000 });
const currency = fc.constantFrom<'JPY' | 'USD'>('JPY', 'JPY', 'JPY', 'USD');

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      seller: fc.boolean(),
      paymentType: fc.constantFrom<'credit_card' | 'paypay' | 'konbini'>('credit_card', 'credit_card', 'paypay', 'konbini', 'konbini'),
      capture: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      currency,
      amount: fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 1, max: 50 }) }, { weight: 6, arbitrary: fc.integer({ min: 51, max: 200_000 }) }),
      lines: fc.array(fc.record({ merchant: fc.nat({ max: 3 }), weight: fc.integer({ min: 1, max: 10 }), feePermille: fc.constantFrom(0, 100, 250, 1000) }), { minLength: 1, maxLength: 3 }),
      platformPermille: fc.constantFrom(0, 100, 333, 1000),
      via: fc.constantFrom<'api' | 'session_auto' | 'session_manual'>('api', 'api', 'api', 'api', 'session_auto', 'session_manual'),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('capture' as const),
      pick,
      partial: fc.option(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { nil: undefined, freq: 3 }),
      shortSplit: fc.boolean(),
      restate: fc.option(fc.constantFrom(0, 100, 500), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('cancel' as const, 'expire' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('chargeback' as const), pick }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constantFrom('refund' as const, 'refund_request' as const, 'refund_request' as const),
      pick,
      fraction: fc.option(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { nil: undefined, freq: 3 }),
      platformFraction: fc.constantFrom(0, 0, 0.5, 1),
      includeFee: fc.boolean(),
    }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('settle_request' as const), pick, complete: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('settle_session' as const), pick, complete: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), typePick: pick }) },
  {
    weight: 4,
    // Mostly to the platform: it pays refund fees and bears chargebacks, and its own share is often small.
    arbitrary: fc.record({ kind: fc.constant('transfer' as const), seller: fc.boolean(), toPlatform: fc.constantFrom(true, true, false), merchant: fc.nat({ max: 3 }), fraction: fc.constantFrom(1, 0.5, 0.1), currency }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('settings' as const), target: fc.nat({ max: 7 }), monthly: fc.boolean(), minimum: fc.constantFrom(0, 0, 100, 1000), currency }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('run' as const), monthEnd: fc.boolean() }) },
);

/** Minutes the clock moves before a step: often none, sometimes hours, sometimes days. */
const advanceArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 600 }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }).map((days) => days * 1440) },
);

/** A journal scenario: a configuration and the steps of one run. */
export const journalScenarioArbitrary = fc.record({
  config: ledgerConfigArbitrary({ minPayoutMerchants: 2 }),
  /** Payout settings in JPY for every active merchant before the first step (weekly, monthly), or none. */
  initialSettings: fc.constantFrom<'weekly' | 'monthly' | undefined>('weekly', 'weekly', 'monthly', undefined),
  /**
   * One run in four aims at the seller model's refund requests: its payments are then the
   * seller's Konbini ones with a third to the platform, and its requests small parts of a
   * payment that has some pending, so that settling one re-estimates the others
   * (refund_request_reestimated), which runs left to chance almost never reach.
   */
  sellerRequests: fc.constantFrom(false, false, false, true),
  steps: fc.array(fc.record({ advance: advanceArbitrary, action: actionArbitrary }), { minLength: 4, maxLength: 50, size: 'max' }),
});

export type JournalScenario = typeof journalScenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** The commands each op got accepted and refused, over every scenario run in this process (KANJO_MODEL_TALLY). */
export const journalCommandTally = new Map<string, number>();

function pickFrom<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

/** Runs a scenario's commands one at a time, each steered onto what the engine holds so far. */
class JournalDriver {
  readonly ledger: Ledger;
  readonly #config: LedgerConfig;
  #now = START;
  #counter = 0;

  constructor(config: LedgerConfig, ledger: Ledger) {
    this.#config = config;
    this.ledger = ledger;
  }

  advance(minutes: number): void {
    this.#now += minutes * 60_000;
  }

  /** Every command sent, accepted or not, as sent (with its time). */
  readonly sent: Command[] = [];

  #execute(command: Command): boolean {
    const timed = { ...command, at: new Date(this.#now).toISOString() } as Command;
    this.sent.push(timed);
    const result = this.ledger.execute(timed);
    const key = `${command.op} ${result.ok ? 'ok' : result.error.code}`;
    journalCommandTally.set(key, (journalCommandTally.get(key) ?? 0) + 1);
    return result.ok;
  }

  /** The active payout merchants (a deactivated one takes part in nothing: commands naming it are only refused). */
  #payoutMerchants(): string[] {
    return this.#config.merchants.filter((merchant) => merchant.type === 'payout' && merchant.status !== 'deactivated').map((merchant) => merchant.id);
  }

  /** The active sellers. */
  #sellers(): string[] {
    return this.#config.merchants.filter((merchant) => merchant.type === 'seller' && merchant.status !== 'deactivated').map((merchant) => merchant.id);
  }

  #payments(where: (payment: Payment) => boolean): Payment[] {
    return [...this.ledger.state.payments.values()].filter(where);
  }

  /** Split lines of `amount` by the drawn weights, on the configuration's payout merchants, each once. */
  #split(amount: number, draws: readonly LineDraw[]): SplitLine[] {
    const merchants = this.#payoutMerchants();
    const merged = new Map<string, LineDraw>();
    for (const draw of draws) {
      const id = merchants[draw.merchant % merchants.length] as string;
      const seen = merged.get(id);
      merged.set(id, { ...draw, weight: draw.weight + (seen?.weight ?? 0) });
    }
    const total = [...merged.values()].reduce((sum, draw) => sum + draw.weight, 0);
    let left = amount;
    const entries = [...merged];
    return entries.map(([submerchantId, draw], index) => {
      const lineAmount = index === entries.length - 1 ? left : Math.floor((amount * draw.weight) / total);
      left -= lineAmount;
      return { submerchantId, amount: lineAmount, platformFee: Math.floor((lineAmount * draw.feePermille) / 1000) };
    });
  }

  act(action: Action): void {
    switch (action.kind) {
      case 'pay':
        return this.#pay(action);
      case 'capture':
        return this.#capture(action);
      case 'cancel':
      case 'expire': {
        const payment = pickFrom(this.#payments((candidate) => candidate.status === 'authorized'), action.pick);
        if (payment !== undefined) this.#execute({ op: action.kind === 'cancel' ? 'payment.cancel' : 'payment.expire', payment: payment.id });
        return;
      }
      case 'chargeback': {
        const payment = pickFrom(this.#payments((candidate) => candidate.status === 'captured' && candidate.paymentType === 'credit_card'), action.pick);
        if (payment !== undefined) this.#execute({ op: 'payment.chargeback', payment: payment.id });
        return;
      }
      case 'refund':
      case 'refund_request':
        return this.#refund(action);
      case 'settle_request': {
        const pending = [...this.ledger.state.refundRequests.values()].filter((request) => request.status === 'pending');
        const request = pickFrom(pending, action.pick);
        if (request !== undefined) this.#execute({ op: action.complete ? 'refund_request.complete' : 'refund_request.reject', refundRequest: request.id });
        return;
      }
      case 'settle_session': {
        const session = pickFrom([...this.ledger.state.sessions.values()].filter((candidate) => candidate.status === 'pending'), action.pick);
        if (session === undefined) return;
        if (!action.complete) {
          this.#execute({ op: 'session.cancel', session: session.id });
          return;
        }
        const paymentType = pickFrom(session.paymentTypes, action.typePick) as string;
        this.#execute({ op: 'session.complete', session: session.id, payment: `pay-${(this.#counter += 1)}`, paymentType });
        return;
      }
      case 'transfer': {
        const [platform, merchant] = action.seller
          ? [IDS.platform, pickFrom(this.#sellers(), action.merchant) as string]
          : [IDS.marketplace, pickFrom(this.#payoutMerchants(), action.merchant) as string];
        const [from, to] = action.toPlatform ? [merchant, platform] : [platform, merchant];
        const amount = Math.floor(availableBalance(this.ledger.state, from, action.currency) * action.fraction);
        if (amount >= 1) this.#execute({ op: 'balance.transfer', merchant: platform, from, to, amount, currency: action.currency });
        return;
      }
      case 'settings': {
        const targets: [string, string][] = [
          [IDS.marketplace, IDS.marketplace],
          ...this.#payoutMerchants().map((id): [string, string] => [IDS.marketplace, id]),
          [IDS.platform, IDS.platform],
          ...this.#sellers().map((id): [string, string] => [IDS.platform, id]),
        ];
        const [merchant, target] = pickFrom(targets, action.target) as [string, string];
        this.#execute({ op: 'payout_settings.update', merchant, target, currency: action.currency, frequency: action.monthly ? 'monthly' : 'weekly', minimumAmount: action.minimum });
        return;
      }
      case 'run': {
        // Today in Japan time (close enough to every zone the configurations use: a run on a day that pays nothing is fine too).
        const today = Math.floor((this.#now + 9 * 3_600_000) / DAY);
        let day = today;
        if (action.monthEnd) while (new Date((day + 1) * DAY).getUTCDate() !== 1) day -= 1;
        else while (new Date(day * DAY).getUTCDay() !== 5) day -= 1;
        this.#execute({ op: 'settlement.run', date: new Date(day * DAY).toISOString().slice(0, 10) });
        return;
      }
    }
  }

  /** Payout settings in JPY, minimum 0, for every active merchant. */
  settleEveryone(frequency: 'weekly' | 'monthly'): void {
    for (const merchant of this.#config.merchants) {
      if (merchant.status === 'deactivated') continue;
      const platform = merchant.type === 'platform' ? merchant.id : merchant.platform;
      if (platform !== undefined) this.#execute({ op: 'payout_settings.update', merchant: platform, target: merchant.id, currency: 'JPY', frequency, minimumAmount: 0 });
    }
  }

  #pay(action: Extract<Action, { kind: 'pay' }>): void {
    const id = `pay-${(this.#counter += 1)}`;
    const amount = action.currency === 'USD' ? Math.max(1, Math.round(action.amount / 100)) : action.amount;
    const seller = action.seller ? (pickFrom(this.#sellers(), action.lines[0]?.merchant ?? 0) as string) : undefined;
    // Two-step (capture false) takes no split at creation; Konbini waits for the customer with its split.
    const splitNow = action.capture;
    const parties =
      seller === undefined
        ? splitNow ? { split: this.#split(amount, action.lines) } : {}
        : { as: seller, platformAmount: Math.floor((amount * action.platformPermille) / 1000), platformMerchant: IDS.platform };
    const merchant = seller === undefined ? IDS.marketplace : IDS.platform;
    if (action.via === 'api') {
      this.#execute({ op: 'payment.create', id, merchant, amount, currency: action.currency, paymentType: action.paymentType, capture: action.capture, ...parties });
      return;
    }
    const paymentTypes = action.paymentType === 'konbini' ? ['konbini', 'credit_card'] : [action.paymentType, 'konbini'];
    const capture = action.via === 'session_auto' ? 'auto' : 'manual';
    const sessionParties = seller === undefined ? (capture === 'auto' ? { split: this.#split(amount, action.lines) } : {}) : parties;
    this.#execute({ op: 'session.create', id: `ses-${id}`, merchant, amount, currency: action.currency, paymentTypes, returnUrl: 'https://shop.example/return', capture, ...sessionParties });
  }

  #capture(action: Extract<Action, { kind: 'capture' }>): void {
    const payment = pickFrom(this.#payments((candidate) => candidate.status === 'authorized'), action.pick);
    if (payment === undefined) return;
    const partial = action.partial === undefined || payment.paymentType === 'konbini' ? undefined : Math.max(1, Math.floor(payment.amount * action.partial));
    const captured = partial ?? payment.amount;
    const fields: { amount?: number; split?: SplitLine[]; platformAmount?: number } = partial === undefined ? {} : { amount: partial };
    if (payment.model === 'marketplace' && payment.pendingSplit === undefined) {
      // A full two-step capture may leave the platform more than its fees (a short split); a partial one splits exactly.
      const splitOf = partial === undefined && action.shortSplit ? Math.floor(captured / 2) : captured;
      fields.split = this.#split(splitOf, [{ merchant: action.pick, weight: 2, feePermille: 100 }, { merchant: action.pick + 1, weight: 1, feePermille: 0 }]);
    }
    if (payment.model === 'seller' && action.restate !== undefined) fields.platformAmount = Math.min(captured, action.restate);
    this.#execute({ op: 'payment.capture', payment: payment.id, ...fields });
  }

  #refund(action: Extract<Action, { kind: 'refund' | 'refund_request' }>): void {
    const byRequest = action.kind === 'refund_request';
    const refundable = this.#payments((candidate) => candidate.status === 'captured' && (candidate.paymentType === 'konbini') === byRequest);
    // Every other request goes to a payment that already has one pending, if any: settling one
    // of several pending seller-model requests re-estimates the others.
    const withPending = refundable.filter((candidate) => candidate.pendingRefundAmount > 0);
    const payment = pickFrom(byRequest && action.pick % 2 === 0 && withPending.length > 0 ? withPending : refundable, action.pick);
    if (payment === undefined) return;
    const shape = action.fraction === undefined ? {} : this.#partialRefund(payment, action.fraction, action.platformFraction);
    if (shape === undefined) return;
    if (!byRequest) {
      this.#execute({ op: 'payment.refund', payment: payment.id, ...shape });
      return;
    }
    this.#execute({ op: 'payment.refund_request', id: `rr-${(this.#counter += 1)}`, payment: payment.id, includePaymentMethodFee: action.includeFee, bankAccount: BANK_ACCOUNT, ...shape });
  }

  /**
   * A partial refund: in the marketplace a fraction of what each payout merchant has left of its
   * share, and the platform `platformFraction` of that fraction of its own rest on the first line;
   * in the seller model an amount alone (the engine splits it by platform_amount).
   */
  #partialRefund(payment: Payment, fraction: number, platformFraction: number): { amount: number; split?: RefundLine[] } | undefined {
    const left = payment.capturedAmount - payment.refundedAmount - payment.pendingRefundAmount - payment.chargebackAmount;
    if (payment.model === 'seller') return { amount: Math.max(1, Math.floor(left * fraction)) };
    const given = (id: string | undefined): number => {
      const of = (parts: Payment['refunded']): number => (id === undefined ? parts.platform : (parts.submerchants.find((part) => part.submerchantId === id)?.amount ?? 0));
      return of(payment.refunded) + of(payment.pending);
    };
    const platformRest = payment.shares.platform - given(undefined);
    const split = payment.shares.submerchants.map((party, index) => ({
      submerchantId: party.submerchantId,
      amount: Math.floor((party.share - given(party.submerchantId)) * fraction),
      platformFee: index === 0 ? Math.floor(platformRest * fraction * platformFraction) : 0,
    }));
    const amount = split.reduce((sum, line) => sum + line.amount + line.platformFee, 0);
    return amount > 0 && split.length > 0 ? { amount, split } : undefined;
  }
}

/** An action of a run aimed at seller-model refund requests (see `sellerRequests`). */
function towardsSellerRequests(action: Action): Action {
  switch (action.kind) {
    case 'pay':
      return { ...action, seller: true, paymentType: 'konbini', capture: true, currency: 'JPY', platformPermille: 333, via: 'api', amount: Math.max(action.amount, 1000) };
    case 'refund':
    case 'refund_request':
      return { ...action, kind: 'refund_request', pick: action.pick * 2, fraction: ((action.fraction ?? 0.5) * 0.3) };
    default:
      return action;
  }
}

/** Runs a scenario through the engine: the configuration, the ledger it leaves and every command it sent, in order. */
export function runJournalScenario(scenario: JournalScenario): { config: LedgerConfig; ledger: Ledger; sent: readonly Command[] } {
  const created = createLedger(scenario.config);
  if (!created.ok) throw new Error(`invalid configuration: ${created.error.message}`);
  const driver = new JournalDriver(scenario.config, created.value);
  if (scenario.initialSettings !== undefined) driver.settleEveryone(scenario.initialSettings);
  for (const step of scenario.steps) {
    driver.advance(step.advance);
    driver.act(scenario.sellerRequests ? towardsSellerRequests(step.action) : step.action);
  }
  return { config: scenario.config, ledger: driver.ledger, sent: driver.sent };
}
