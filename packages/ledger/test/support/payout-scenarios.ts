import fc from 'fast-check';
import { availableBalance, createLedger, type Command, type Ledger, type LedgerConfig } from '@kanjo/ledger';
import type { SplitLine } from '@kanjo/splits';
import { BANK_ACCOUNT } from './fixtures.js';

/**
 * Random scenarios aimed at payouts, for the payout replay properties: a marketplace and two or
 * three payout merchants (sometimes a platform business and its seller too) with payout settings in one to three currencies (switched between
 * weekly and monthly and re-minimumed on the way), in one of the time zones a configuration may
 * name, with payments (Konbini ones waiting for the customer), refunds, refund requests left
 * pending across runs (holds), chargebacks (negative balances), transfers, and settlement runs
 * dated on, or days and weeks after, their payout day, at local midnights and a millisecond
 * before them, several in a day, repeated. The clock only moves forward.
 */

export const DAY = 86_400_000;
export const PAYOUT_MERCHANTS = ['pm-1', 'pm-2', 'pm-3'] as const;
export const PLATFORM = 'mkt';
/** The platform business (Seller Processing Model) and its seller, in scenarios `withSeller`. */
export const SELLER_PLATFORM = 'plat';
export const SELLER = 'seller-1';
export const TIME_ZONES = ['+09:00', 'Z', '-05:00', '+05:45', '+14:00', '-12:00'] as const;

/** Minutes east of UTC of one of {@link TIME_ZONES}. */
export function offsetMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/** A scenario's setting: its time zone, its currencies, how many payout merchants. */
interface Setting {
  readonly timeZone: (typeof TIME_ZONES)[number];
  readonly currencies: readonly string[];
  readonly payoutMerchants: number;
  /** Epoch ms of the first command. */
  readonly start: number;
  /** Whether the book also has a platform business with a seller (the Seller Processing Model). */
  readonly withSeller: boolean;
  /** Whether a command at the same time as the one before leaves `at` out (the engine then takes the last accepted command's). */
  readonly omitSameAt: boolean;
}

/** How the clock moves before a step. */
type Advance =
  | { readonly kind: 'same' }
  | { readonly kind: 'minutes'; readonly minutes: number }
  | { readonly kind: 'days'; readonly days: number; readonly minuteOfDay: number }
  /** To the next local midnight that starts a day, a Saturday (a week's end) or a month, exactly or 1 ms before. */
  | { readonly kind: 'boundary'; readonly target: 'day' | 'saturday' | 'month'; readonly skip: number; readonly before: boolean };

type Action =
  /** `seller`: a payment of the seller (platform_amount the first line's fee per mille of it), when the book has one. */
  | { readonly kind: 'pay'; readonly seller: boolean; readonly currency: number; readonly konbini: boolean; readonly amount: number; readonly lines: readonly { readonly merchant: number; readonly weight: number; readonly feePermille: number }[] }
  | { readonly kind: 'capture'; readonly pick: number }
  | { readonly kind: 'refund'; readonly pick: number; readonly fraction: number | undefined }
  | { readonly kind: 'refund_request'; readonly pick: number; readonly fraction: number | undefined; readonly includeFee: boolean }
  | { readonly kind: 'settle_request'; readonly pick: number; readonly complete: boolean }
  | { readonly kind: 'chargeback'; readonly pick: number }
  /** A transfer of a fraction of what the sender has available (above 1: more than it has). */
  | { readonly kind: 'transfer'; readonly seller: boolean; readonly toPlatform: boolean; readonly merchant: number; readonly currency: number; readonly fraction: number }
  | { readonly kind: 'settings'; readonly target: number; readonly currency: number; readonly monthly: boolean; readonly minimum: number }
  | { readonly kind: 'run'; readonly date: DateChoice; readonly holidays: readonly number[]; readonly keyed: boolean }
  | { readonly kind: 'repeat_run' };

/** Which day a run is for, relative to the clock's local day. */
interface DateChoice {
  /** `latest`: the last Friday or month end up to the clock's day (or, past it, the first after). */
  readonly kind: 'latest' | 'friday' | 'month_end' | 'moved' | 'any';
  readonly pick: number;
}

interface Step {
  readonly advance: Advance;
  readonly action: Action;
}

const settingArbitrary: fc.Arbitrary<Setting> = fc.record({
  timeZone: fc.constantFrom(...TIME_ZONES),
  currencies: fc.oneof(
    fc.constant(['JPY', 'USD']),
    fc.shuffledSubarray(['JPY', 'USD', 'EUR'], { minLength: 1, maxLength: 3 }),
  ),
  payoutMerchants: fc.integer({ min: 2, max: 3 }),
  // 2025-11-01 to early 2027, at a random time or exactly at a UTC midnight; now and then 1970-01-01T00:00:00Z, the time of a command without `at`.
  start: fc.oneof(
    { weight: 9, arbitrary: fc.tuple(fc.integer({ min: 0, max: 450 }), fc.oneof(fc.constant(0), fc.integer({ min: 0, max: DAY - 1 }))).map(([day, ms]) => Date.UTC(2025, 10, 1) + day * DAY + ms) },
    { weight: 1, arbitrary: fc.constant(0) },
  ),
  omitSameAt: fc.boolean(),
  withSeller: fc.boolean(),
});

const advanceArbitrary: fc.Arbitrary<Advance> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'same' as const }) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 600 }).map((minutes) => ({ kind: 'minutes' as const, minutes })) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('days' as const), days: fc.integer({ min: 1, max: 20 }), minuteOfDay: fc.integer({ min: 0, max: 1439 }) }) },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('boundary' as const), target: fc.constantFrom('day' as const, 'saturday' as const, 'month' as const), skip: fc.constantFrom(0, 0, 0, 1, 2), before: fc.boolean() }),
  },
);

const pick = fc.nat({ max: 1000 });

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      seller: fc.boolean(),
      currency: fc.nat({ max: 2 }),
      konbini: fc.boolean(),
      // Now and then huge (the engine takes amounts up to 2^53 − 1): what a balance earns over time then passes 2^53.
      amount: fc.oneof(
        { weight: 5, arbitrary: fc.integer({ min: 1, max: 300 }) },
        { weight: 15, arbitrary: fc.integer({ min: 300, max: 200_000 }) },
        { weight: 2, arbitrary: fc.integer({ min: 2 ** 51, max: Number.MAX_SAFE_INTEGER }) },
      ),
      lines: fc.array(fc.record({ merchant: fc.nat({ max: 2 }), weight: fc.integer({ min: 1, max: 10 }), feePermille: fc.constantFrom(0, 100, 250, 1000) }), { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('capture' as const), pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('refund' as const), pick, fraction: fc.option(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { nil: undefined }) }) },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('refund_request' as const), pick, fraction: fc.option(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { nil: undefined }), includeFee: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('settle_request' as const), pick, complete: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('chargeback' as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('transfer' as const), seller: fc.boolean(), toPlatform: fc.boolean(), merchant: fc.nat({ max: 2 }), currency: fc.nat({ max: 2 }), fraction: fc.constantFrom(1, 1, 0.5, 0.1, 1.01) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('settings' as const),
      target: fc.nat({ max: 5 }),
      currency: fc.nat({ max: 2 }),
      monthly: fc.boolean(),
      minimum: fc.oneof(fc.constantFrom(0, 0, 1, 100, 1000, 5000), fc.integer({ min: 0, max: 20_000 })),
    }),
  },
  {
    weight: 7,
    arbitrary: fc.record({
      kind: fc.constant('run' as const),
      date: fc.record({ kind: fc.constantFrom('latest' as const, 'latest' as const, 'latest' as const, 'friday' as const, 'month_end' as const, 'moved' as const, 'any' as const), pick }),
      // Now and then a holiday run of 8 to 12 days from the payout day (a "moved" run: Golden
      // Week, New Year): the next weekly payout day is a holiday too, so one run settles two
      // periods of the same merchant, the second paying less what the first paid. With offsets of
      // at most 5 days no run ever did (0 such entries in 400 runs).
      holidays: fc.oneof(
        fc.constant([]),
        fc.constant([]),
        fc.uniqueArray(fc.integer({ min: -3, max: 5 }), { maxLength: 3 }),
        fc.integer({ min: 8, max: 12 }).map((length) => Array.from({ length }, (_, index) => index + 1)),
      ),
      keyed: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'repeat_run' as const }) },
);

export const payoutScenarioArbitrary = fc.record({
  setting: settingArbitrary,
  // Initial payout settings: per target (the payout merchants, the platform, the seller's platform, the seller) and currency, or none.
  initialSettings: fc.array(fc.option(fc.record({ monthly: fc.boolean(), minimum: fc.constantFrom(0, 0, 100, 1000, 3000) }), { nil: undefined, freq: 4 }), { minLength: 18, maxLength: 18 }),
  steps: fc.array(fc.record({ advance: advanceArbitrary, action: actionArbitrary }), { minLength: 10, maxLength: 70, size: 'max' }),
  // Amounts to tamper by: the n-th payout change is shifted by a value derived from tamperSeeds[n].
  tamperSeeds: fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 16, maxLength: 16 }),
});

export type PayoutScenario = typeof payoutScenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

export function configOf(setting: Setting): LedgerConfig {
  return {
    merchants: [
      { id: PLATFORM, type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '2.75%', customerFee: 190 } } },
      ...PAYOUT_MERCHANTS.slice(0, setting.payoutMerchants).map((id) => ({ id, type: 'payout' as const, platform: PLATFORM })),
      ...(setting.withSeller
        ? [
            { id: SELLER_PLATFORM, type: 'platform' as const, business: 'platform' as const, paymentMethods: { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '2.75%', customerFee: 190 } } },
            { id: SELLER, type: 'seller' as const, platform: SELLER_PLATFORM },
          ]
        : []),
    ],
    timeZone: setting.timeZone,
  };
}

/** What the engine answered, per `op ok` or `op code`, over every scenario run in this process. */
export const commandTally = new Map<string, number>();

/** Calendar helpers on day numbers (days since 1970-01-01 in the local zone). */
const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;
const dateText = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const isMonthEnd = (day: number): boolean => new Date((day + 1) * DAY).getUTCDate() === 1;
const isBusinessDay = (day: number, holidays: ReadonlySet<number>): boolean => weekday(day) !== 0 && weekday(day) !== 6 && !holidays.has(day);

/** Builds a scenario's commands one at a time, as the clock and what was accepted so far decide. */
class ScenarioDriver {
  readonly commands: Command[] = [];
  readonly ledger: Ledger;
  readonly #setting: Setting;
  readonly #offset: number;
  #now: number;
  readonly #cardPayments: KnownPayment[] = [];
  readonly #konbiniPayments: KnownPayment[] = [];
  readonly #requests: string[] = [];
  #lastRun: Command | undefined;
  /** The clock when the last command was given (the first command's default time at first). */
  #lastAt = 0;
  #counter = 0;

  constructor(setting: Setting, ledger: Ledger) {
    this.#setting = setting;
    this.#offset = offsetMinutes(setting.timeZone);
    this.#now = setting.start;
    this.ledger = ledger;
  }

  #localDay(ms: number): number {
    return Math.floor((ms + this.#offset * 60_000) / DAY);
  }

  #localMidnight(day: number): number {
    return day * DAY - this.#offset * 60_000;
  }

  #currency(index: number): string {
    const { currencies } = this.#setting;
    return currencies[index % currencies.length] as string;
  }

  #merchant(index: number): string {
    return PAYOUT_MERCHANTS[index % this.#setting.payoutMerchants] as string;
  }

  /** Executes a command at the clock's time; returns whether the engine accepted it. */
  execute(command: Command): boolean {
    const omit = this.#setting.omitSameAt && this.#now === this.#lastAt;
    this.#lastAt = this.#now;
    const timed = (omit ? command : { ...command, at: new Date(this.#now).toISOString() }) as Command;
    this.commands.push(timed);
    const result = this.ledger.execute(timed);
    const op = command.op === 'payment.create' && command.as !== undefined ? 'payment.create (seller)' : command.op;
    const key = result.ok ? `${op} ok` : `${op} ${result.error.code}`;
    commandTally.set(key, (commandTally.get(key) ?? 0) + 1);
    return result.ok;
  }

  advance(advance: Advance): void {
    switch (advance.kind) {
      case 'same':
        return;
      case 'minutes':
        this.#now += advance.minutes * 60_000;
        return;
      case 'days':
        this.#now = Math.max(this.#now, this.#localMidnight(this.#localDay(this.#now) + advance.days) + advance.minuteOfDay * 60_000);
        return;
      case 'boundary': {
        let day = this.#localDay(this.#now) + 1;
        let skip = advance.skip;
        for (;; day += 1) {
          const hit = advance.target === 'day' || (advance.target === 'saturday' ? weekday(day) === 6 : new Date(day * DAY).getUTCDate() === 1);
          if (hit && skip-- === 0) break;
        }
        this.#now = Math.max(this.#now, this.#localMidnight(day) - (advance.before ? 1 : 0));
      }
    }
  }

  act(action: Action): void {
    switch (action.kind) {
      case 'pay': {
        const id = `pay_${(this.#counter += 1)}`;
        const currency = this.#currency(action.currency);
        const amount = currency === 'JPY' || action.amount > 2 ** 50 ? action.amount : Math.max(1, Math.round(action.amount / 50));
        // Lines by weight, each merchant once; a huge payment all to one merchant, so that its balance earns past 2^53 over time.
        const merged = new Map<string, { weight: number; feePermille: number }>();
        for (const line of action.amount > 2 ** 50 ? action.lines.slice(0, 1) : action.lines) {
          const merchant = this.#merchant(line.merchant);
          const seen = merged.get(merchant);
          merged.set(merchant, { weight: (seen?.weight ?? 0) + line.weight, feePermille: line.feePermille });
        }
        const total = [...merged.values()].reduce((sum, line) => sum + line.weight, 0);
        const lines: SplitLine[] = [];
        let left = amount;
        const entries = [...merged];
        entries.forEach(([submerchantId, line], index) => {
          const share = index === entries.length - 1 ? left : Math.floor((amount * line.weight) / total);
          left -= share;
          lines.push({ submerchantId, amount: share, platformFee: Math.floor((share * line.feePermille) / 1000) });
        });
        const paymentType = action.konbini ? 'konbini' : 'credit_card';
        const seller = action.seller && this.#setting.withSeller;
        const platformAmount = Math.floor((amount * (action.lines[0]?.feePermille ?? 0)) / 1000);
        const command: Command = seller
          ? { op: 'payment.create', id, merchant: SELLER_PLATFORM, as: SELLER, amount, currency, paymentType, capture: true, platformAmount, platformMerchant: SELLER_PLATFORM }
          : { op: 'payment.create', id, merchant: PLATFORM, amount, currency, paymentType, capture: true, split: lines };
        if (this.execute(command)) (action.konbini ? this.#konbiniPayments : this.#cardPayments).push({ id, lines: seller ? [] : lines, amount, currency });
        return;
      }
      case 'capture': {
        const payment = pickFrom(this.#konbiniPayments.filter((known) => action.pick % 5 === 0 || this.ledger.state.payments.get(known.id)?.status === 'authorized'), action.pick);
        if (payment !== undefined) this.execute({ op: 'payment.capture', payment: payment.id });
        return;
      }
      case 'refund': {
        const payment = pickFrom(this.#cardPayments, action.pick);
        if (payment === undefined) return;
        this.execute({ op: 'payment.refund', payment: payment.id, ...partialRefund(payment, action.fraction) });
        return;
      }
      case 'refund_request': {
        const payment = pickFrom(this.#konbiniPayments.filter((known) => action.pick % 5 === 0 || this.ledger.state.payments.get(known.id)?.status === 'captured'), action.pick);
        if (payment === undefined) return;
        const id = `rq_${(this.#counter += 1)}`;
        const accepted = this.execute({
          op: 'payment.refund_request',
          id,
          payment: payment.id,
          includePaymentMethodFee: action.includeFee,
          bankAccount: BANK_ACCOUNT,
          ...partialRefund(payment, action.fraction),
        });
        if (accepted) this.#requests.push(id);
        return;
      }
      case 'settle_request': {
        const request = pickFrom(this.#requests.filter((id) => action.pick % 5 === 0 || this.ledger.state.refundRequests.get(id)?.status === 'pending'), action.pick);
        if (request !== undefined) this.execute({ op: action.complete ? 'refund_request.complete' : 'refund_request.reject', refundRequest: request });
        return;
      }
      case 'chargeback': {
        const payment = pickFrom(this.#cardPayments, action.pick);
        if (payment !== undefined) this.execute({ op: 'payment.chargeback', payment: payment.id });
        return;
      }
      case 'transfer': {
        const seller = action.seller && this.#setting.withSeller;
        const [platform, merchant] = seller ? [SELLER_PLATFORM, SELLER] : [PLATFORM, this.#merchant(action.merchant)];
        const currency = this.#currency(action.currency);
        const [from, to] = action.toPlatform ? [merchant, platform] : [platform, merchant];
        // A safe integer always: the engine throws on anything else (misuse from code, not a rejection).
        const amount = Math.min(Number.MAX_SAFE_INTEGER, Math.max(1, Math.ceil(availableBalance(this.ledger.state, from, currency) * action.fraction)));
        this.execute({ op: 'balance.transfer', merchant: platform, from, to, amount, currency });
        return;
      }
      case 'settings': {
        const [platform, target] = this.#settingsTarget(action.target);
        const currency = this.#currency(action.currency);
        this.execute({ op: 'payout_settings.update', merchant: platform, target, currency, frequency: action.monthly ? 'monthly' : 'weekly', minimumAmount: currency === 'JPY' ? action.minimum : Math.round(action.minimum / 50) });
        return;
      }
      case 'run': {
        const today = this.#localDay(this.#now);
        const { date, holidays } = this.#runDate(today, action.date, action.holidays);
        const command: Command = {
          op: 'settlement.run',
          date: dateText(date),
          ...(holidays.length > 0 ? { holidays: holidays.map(dateText) } : {}),
          ...(action.keyed ? { idempotencyKey: `run_${(this.#counter += 1)}` } : {}),
        };
        this.#lastRun = command;
        this.execute(command);
        return;
      }
      case 'repeat_run':
        if (this.#lastRun !== undefined) this.execute(this.#lastRun);
    }
  }

  /** The platform and the merchant it sets payout settings for: 0 to 2 the payout merchants, 3 the marketplace, 4 and 5 the seller's platform and the seller (else the marketplace). */
  #settingsTarget(index: number): [string, string] {
    if (index >= 4 && this.#setting.withSeller) return [SELLER_PLATFORM, index === 4 ? SELLER_PLATFORM : SELLER];
    return [PLATFORM, index >= 3 ? PLATFORM : this.#merchant(index)];
  }

  /** Sets the initial payout settings: `settings[i]` for target i % 6 and currency ⌊i / 6⌋, where given. */
  initialSettings(settings: readonly ({ monthly: boolean; minimum: number } | undefined)[]): void {
    settings.forEach((chosen, index) => {
      const currency = this.#setting.currencies[Math.floor(index / 6)];
      if (chosen === undefined || currency === undefined) return;
      if (index % 6 < 3 && index % 6 >= this.#setting.payoutMerchants) return;
      if (index % 6 >= 4 && !this.#setting.withSeller) return;
      const [platform, target] = this.#settingsTarget(index % 6);
      this.execute({ op: 'payout_settings.update', merchant: platform, target, currency, frequency: chosen.monthly ? 'monthly' : 'weekly', minimumAmount: chosen.minimum });
    });
  }

  /** A run's date near the clock's local day (five weeks back to two weeks on), and its holidays. */
  #runDate(today: number, choice: DateChoice, holidayOffsets: readonly number[]): { date: number; holidays: number[] } {
    const days: number[] = [];
    for (let day = today - 35; day <= today + 14; day += 1) days.push(day);
    const nominal = days.filter((day) => (choice.kind === 'month_end' ? isMonthEnd(day) : choice.kind === 'any' ? true : weekday(day) === 5 || ((choice.kind === 'moved' || choice.kind === 'latest') && isMonthEnd(day))));
    const atOrBefore = nominal.filter((day) => day <= today);
    const base = (choice.kind === 'latest' ? (choice.pick % 4 === 0 ? nominal[atOrBefore.length] : atOrBefore.at(-1)) : nominal[choice.pick % nominal.length]) as number;
    if (choice.kind === 'moved') {
      // The nominal payout day is a holiday (and maybe the days after it): the run is on the next business day.
      const holidays = new Set<number>([base, ...holidayOffsets.filter((offset) => offset > 0).map((offset) => base + offset)]);
      let date = base;
      while (!isBusinessDay(date, holidays)) date += 1;
      return { date, holidays: [...holidays].sort((a, b) => a - b) };
    }
    return { date: base, holidays: holidayOffsets.map((offset) => base - offset).sort((a, b) => a - b) };
  }
}

/** A payment the engine accepted: its split lines (none in the seller model) and amount. */
interface KnownPayment {
  readonly id: string;
  readonly lines: readonly SplitLine[];
  readonly amount: number;
  readonly currency: string;
}

function pickFrom<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

/**
 * A refund's amount and split: all of it (reverse, none given), or a fraction of each party's
 * share (in the seller model, of the amount alone: the engine splits it by platform_amount).
 */
function partialRefund(payment: KnownPayment, fraction: number | undefined): { amount?: number; split?: SplitLine[] } {
  if (fraction === undefined) return {};
  const { lines } = payment;
  if (lines.length === 0) return { amount: Math.max(1, Math.floor(payment.amount * fraction)) };
  const split = lines.map((line) => ({
    submerchantId: line.submerchantId,
    amount: Math.floor((line.amount - line.platformFee) * fraction),
    platformFee: Math.floor(line.platformFee * fraction),
  }));
  const amount = split.reduce((sum, line) => sum + line.amount + line.platformFee, 0);
  return amount > 0 ? { amount, split } : { amount: 1, split: [{ submerchantId: lines[0]?.submerchantId ?? 'pm-1', amount: 1, platformFee: 0 }] };
}

/** Runs a scenario through the engine: the ledger it leaves and the commands (with their times) it was given. */
export function runPayoutScenario(scenario: PayoutScenario): { config: LedgerConfig; ledger: Ledger; commands: Command[] } {
  const config = configOf(scenario.setting);
  const created = createLedger(config);
  if (!created.ok) throw new Error(`invalid configuration: ${created.error.message}`);
  const driver = new ScenarioDriver(scenario.setting, created.value);
  driver.initialSettings(scenario.initialSettings);
  for (const step of scenario.steps) {
    driver.advance(step.advance);
    driver.act(step.action);
  }
  return { config, ledger: driver.ledger, commands: driver.commands };
}
