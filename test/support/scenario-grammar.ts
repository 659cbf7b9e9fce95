import fc from 'fast-check';

/**
 * A generator of scenario documents written from SCENARIO.md alone (/work/shared/SCENARIO.md,
 * "the command line's public contract"), with DOMAIN.md only for what makes a command plausible
 * (a split adds up to the amount, a refund request's bank account). It does not look at the
 * engine's sources or at the other arbitraries of this repository: what it writes is what a
 * team reading SCENARIO.md may write.
 *
 * A document is generated once as an abstract tree in which every value SCENARIO.md lets a file
 * write in more than one way is a node of its own (an amount, a rate, a time, an optional field
 * with a documented default). `renderScenario` turns the tree into JSON, choosing for each node
 * one of its documented spellings with a `Style`: the canonical style leaves every default out
 * and writes the plainest form; any other style chooses at random. Two renderings of one tree
 * are the same scenario as SCENARIO.md defines it, so they must give the same output.
 *
 * Ambiguities of SCENARIO.md met while writing this (the generator stays away from them, and
 * the report lists them):
 * - "`at` (an ISO 8601 time ...)": which ISO 8601 representations? Only the extended format
 *   with a UTC offset is generated (`2026-04-01T10:00:00Z`, `...T19:00:00+09:00`, with or
 *   without `.000`, and the reduced `...T10:00Z`). A time without an offset is ISO 8601 too
 *   (local time) but says nothing of where; the basic format and the decimal comma are pinned
 *   separately in the properties file.
 * - "without it, the time of the command before it ... a time before the previous command's is
 *   rejected" against "A rejected command ... changes nothing else": when the command before was
 *   rejected, is its time the one an omitted `at` takes? `at` is only left out where both
 *   readings agree (see `omittableAt`).
 * - `payment.refund_request`'s `amount`? has no stated default (only `payment.refund` says
 *   "none: a reverse refund of everything not yet refunded"): it is left out or written, never
 *   taken as equivalent to an explicit amount.
 * - `account_type`: its values are not listed; the seeds' `ordinary` is used.
 * - `payment_data` and `metadata` are named without their contents; DOMAIN.md's
 *   `external_order_num` and string values are used.
 * - `holidays`? has no stated default: an empty list is not taken as equivalent to none.
 * - Payment types: SCENARIO.md names `credit_card` and `konbini` only (in its example), so only
 *   those two are used.
 * - "the same key with the same command is answered with the first result": when the first
 *   result was a rejection, Kanjo runs the retry afresh ("A rejected command ... changes nothing
 *   else"); a retry is written as the accepted command with its key, if there is one.
 * - payment.capture's row lists `platform_details`? only; DOMAIN.md lets a seller-model capture
 *   restate `platform_amount` (and Kanjo reads it): not generated.
 */

// ---------------------------------------------------------------------------------------------
// The nodes of the abstract tree.

/** An amount: "integers in the currency's minor unit, as JSON numbers or as strings of digits". */
export class Amount {
  constructor(readonly value: number) {}
}

/** A rate: "decimal strings with `%`". `digits` is the plain decimal, `3.6` or `10`. */
export class Rate {
  constructor(readonly digits: string) {}
}

/** A time: "an ISO 8601 time", here always whole seconds since the epoch in milliseconds. */
export class Instant {
  constructor(readonly ms: number) {}
}

/** An optional field whose default SCENARIO.md names: left out, or written as that default. */
export class Defaulted {
  constructor(readonly value: Node) {}
}

/**
 * An optional amount whose documented default depends on the ledger's state at the command:
 * `payment.capture`'s "`amount`? (default: all authorized)" and `payment.refund`'s "(none: a
 * reverse refund of everything not yet refunded)". `knowledgeOf` finds its value.
 */
export class StateDefault {
  constructor(readonly kind: 'authorized' | 'left_to_refund') {}
}

export type Node =
  | null
  | boolean
  | number
  | string
  | Amount
  | Rate
  | Instant
  | Defaulted
  | StateDefault
  | readonly Node[]
  | { readonly [key: string]: Node | undefined };

export interface AbstractCommand {
  readonly [key: string]: Node | undefined;
  readonly op: string;
  /** Every command has a time in the tree; whether the file writes it is the renderer's choice. */
  readonly at: Instant;
}

export interface AbstractScenario {
  readonly top: { readonly [key: string]: Node | undefined };
  readonly merchants: readonly { readonly [key: string]: Node | undefined }[];
  readonly commands: readonly AbstractCommand[];
  /** For a retry (same `idempotency_key`, same command): the index of the command it repeats. */
  readonly retryOf: ReadonlyMap<number, number>;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---------------------------------------------------------------------------------------------
// A tape of numbers: the generator and the styles read their choices from one, so fast-check
// shrinks a document by shortening its tape (an exhausted tape answers 0, the plainest choice).

export class Tape {
  private at = 0;
  constructor(private readonly numbers: readonly number[]) {}
  /** A number in 0..options-1. */
  next(options: number): number {
    if (options <= 1) return 0;
    const value = this.numbers[this.at++] ?? 0;
    return value % options;
  }
  int(min: number, max: number): number {
    return min + this.next(max - min + 1);
  }
  bool(): boolean {
    return this.next(2) === 1;
  }
  /** True about once in `n` times. */
  chance(n: number): boolean {
    return this.next(n) === n - 1;
  }
  pick<T>(options: readonly T[]): T {
    const value = options[this.next(options.length)];
    if (value === undefined) throw new Error('pick from an empty list');
    return value;
  }
}

export const tapeArbitrary = (maxLength: number): fc.Arbitrary<number[]> =>
  fc.array(fc.nat({ max: 1 << 20 }), { minLength: maxLength >> 1, maxLength });

// ---------------------------------------------------------------------------------------------
// The generator.

type PaymentType = 'credit_card' | 'konbini';

interface PlatformModel {
  readonly id: string;
  readonly business: 'marketplace' | 'platform';
  readonly types: readonly PaymentType[];
  /** Payout merchants (marketplace) or sellers (platform business). */
  readonly subs: readonly string[];
}

interface PaymentModel {
  readonly id: string;
  readonly platform: PlatformModel;
  readonly seller?: string;
  readonly type: PaymentType;
  readonly amount: number;
  readonly currency: string;
  /** Created with `capture: false` (or a manual session): the split comes at capture. */
  readonly twoStep: boolean;
}

interface SessionModel {
  readonly id: string;
  readonly types: readonly PaymentType[];
}

const EPOCH_DEFAULT = 0; // "for the first command 1970-01-01T00:00:00Z"
const START = Date.UTC(2026, 3, 1, 0, 0, 0);
const DAY = 86_400_000;

export interface GrammarOptions {
  readonly maxCommands: number;
}

/** A scenario document as SCENARIO.md describes it, from a tape of choices. */
export function generateScenario(tape: Tape, options: GrammarOptions = { maxCommands: 12 }): AbstractScenario {
  const t = tape;
  const market: PlatformModel = {
    id: 'mart',
    business: 'marketplace',
    types: t.bool() ? ['credit_card', 'konbini'] : ['credit_card'],
    subs: Array.from({ length: t.int(1, 3) }, (_, i) => `pm${i + 1}`),
  };
  const sellerPlatform: PlatformModel | undefined = t.bool()
    ? { id: 'plat', business: 'platform', types: t.bool() ? ['credit_card', 'konbini'] : ['credit_card'], subs: Array.from({ length: t.int(1, 2) }, (_, i) => `s${i + 1}`) }
    : undefined;
  const platforms = sellerPlatform === undefined ? [market] : [market, sellerPlatform];

  const merchants: { [key: string]: Node | undefined }[] = [];
  const deactivated = new Set<string>();
  for (const platform of platforms) {
    const methods: { [key: string]: Node } = {};
    for (const type of platform.types) {
      methods[type] =
        type === 'konbini'
          ? { fee_rate: new Rate(t.pick(['2.75', '3', '0.5'])), ...(t.chance(4) ? {} : { customer_fee: new Amount(t.pick([190, 0, 350])) }) }
          : { fee_rate: new Rate(t.pick(['3.6', '2.75', '3', '0', '10.25'])) };
    }
    const platformEntry = { id: platform.id, type: 'platform', business: platform.business, payment_methods: methods, ...status(t, false) };
    const subs = platform.subs.map((id) => {
      const isDeactivated = t.chance(12);
      if (isDeactivated) deactivated.add(id);
      return {
        id,
        type: platform.business === 'marketplace' ? 'payout' : 'seller',
        platform: platform.id,
        ...status(t, isDeactivated),
        ...paymentTypes(t, platform.types),
      };
    });
    // SCENARIO.md does not say a platform must come before its sub-merchants.
    merchants.push(...(t.chance(4) ? [...subs, platformEntry] : [platformEntry, ...subs]));
  }

  const top: { [key: string]: Node | undefined } = {
    tax_rate: t.chance(3) ? new Rate(t.pick(['8', '10.5', '0'])) : new Defaulted(new Rate('10')),
    refund_request_fee: t.chance(3) ? new Amount(t.pick([0, 250, 1000])) : new Defaulted(new Amount(300)),
    time_zone: t.chance(3) ? t.pick(['+00:00', '-05:00', '+05:30']) : new Defaulted('+09:00'),
  };

  const payments: PaymentModel[] = [];
  const requests: string[] = [];
  const sessions: SessionModel[] = [];
  const commands: AbstractCommand[] = [];
  const retryOf = new Map<number, number>();
  const followUps: { readonly op: 'payment.capture' | 'payment.refund_request' | 'refund_request.complete' | 'refund_request.reject' | 'settlement.run'; readonly target?: string }[] = [];
  const followed = <T extends { id: string }>(list: readonly T[], target: string | undefined): T | undefined => (target === undefined ? undefined : list.find((item) => item.id === target));
  let clock = t.chance(4) ? EPOCH_DEFAULT : START + t.int(0, 48) * 3_600_000;
  let serial = 0;
  const fresh = (prefix: string): string => `${prefix}_${++serial}`;
  const currency = (): string => (t.chance(5) ? 'USD' : 'JPY');
  const someAmount = (): number => t.pick([t.int(1, 100), t.int(100, 20_000), t.int(20_000, 500_000)]);
  const somePayment = (): string => (payments.length === 0 || t.chance(12) ? 'pay_unknown' : t.pick(payments).id);
  const platformOf = (): PlatformModel => (sellerPlatform !== undefined && t.chance(3) ? sellerPlatform : market);
  const key = (): { idempotency_key?: string } => (t.chance(4) ? { idempotency_key: fresh('key') } : {});

  const count = t.int(0, options.maxCommands);
  for (let index = 0; index < count; index++) {
    const step = t.next(5);
    if (index > 0 && step === 1) clock += t.int(1, 59) * 60_000;
    if (index > 0 && step === 2) clock += t.int(1, 23) * 3_600_000;
    if (step === 3 || step === 4) clock = Math.max(clock, START) + t.int(1, 12) * DAY;
    let at = new Instant(clock);

    const keyed = commands.map((command, i) => [command, i] as const).filter(([command]) => typeof command['idempotency_key'] === 'string');
    if (keyed.length > 0 && t.chance(8)) {
      const [original, originalIndex] = t.pick(keyed);
      retryOf.set(index, retryOf.get(originalIndex) ?? originalIndex);
      commands.push({ ...original, at });
      continue;
    }

    const wanted = t.pick([
      'payment.create', 'payment.create', 'payment.create', 'payment.capture', 'payment.cancel', 'payment.expire',
      'payment.refund', 'payment.refund', 'payment.refund_request', 'refund_request.complete', 'refund_request.reject',
      'payment.chargeback', 'balance.transfer', 'payout_settings.update', 'settlement.run', 'session.create',
      'session.complete', 'session.cancel',
    ] as const);
    // A command about a payment, refund request or session names one the file created (now
    // and then one it did not); with none yet, a payment is created instead.
    // Now and then the next step of a flow begun earlier (a Konbini payment captured, then
    // refunded by request, the request settled; payout settings, then a settlement run), so that
    // the later commands of a flow are reached, not only rejected for coming too early.
    const follow = followUps.length > 0 && t.bool() ? followUps.splice(t.next(followUps.length), 1)[0] : undefined;
    const needs = wanted.startsWith('payment.') && wanted !== 'payment.create' ? payments : wanted.startsWith('refund_request.') ? requests : wanted === 'session.complete' || wanted === 'session.cancel' ? sessions : [0];
    const op = follow?.op ?? (needs.length === 0 ? 'payment.create' : wanted);
    switch (op) {
      case 'payment.create': {
        const platform = platformOf();
        const type = t.pick(platform.types);
        const amount = someAmount();
        const twoStep = t.chance(3);
        const id = fresh('pay');
        const seller = platform.business === 'platform' ? t.pick(platform.subs) : undefined;
        const paymentCurrency = currency();
        payments.push({ id, platform, type, amount, currency: paymentCurrency, twoStep, ...(seller === undefined ? {} : { seller }) });
        if (twoStep || type === 'konbini') followUps.push({ op: 'payment.capture', target: id });
        commands.push({
          op, at, id, merchant: platform.id,
          ...(seller === undefined ? {} : { as: seller }),
          amount: new Amount(amount), currency: paymentCurrency, payment_type: type,
          capture: twoStep ? false : new Defaulted(true),
          origin: t.chance(6) ? 'session' : new Defaulted('api'),
          // A seller-model payment names its platform_amount at creation, two-step or not.
          ...(twoStep && platform.business === 'marketplace' ? {} : splitFields(t, platform, amount)),
          ...key(),
        });
        break;
      }
      case 'payment.capture': {
        // Mostly a payment that waits for its capture (two-step, or Konbini awaiting the customer).
        const waiting = payments.filter((payment) => payment.twoStep || payment.type === 'konbini');
        const target = followed(payments, follow?.target) ?? (payments.length === 0 ? undefined : t.pick(waiting.length > 0 && !t.chance(4) ? waiting : payments));
        if (target?.type === 'konbini') followUps.push({ op: 'payment.refund_request', target: target.id });
        const partial = target !== undefined && t.chance(4) ? t.int(1, target.amount) : undefined;
        const captured = partial ?? target?.amount ?? 1000;
        commands.push({
          op, at, payment: target?.id ?? 'pay_unknown',
          amount: partial === undefined ? new StateDefault('authorized') : new Amount(partial),
          // SCENARIO.md gives payment.capture `platform_details`? only: a seller-model capture
          // restating `platform_amount` (DOMAIN.md) is not in its table, so it is not generated.
          ...(target?.twoStep === true && target.platform.business === 'marketplace' && t.bool() ? splitFields(t, target.platform, captured) : {}),
          ...key(),
        });
        break;
      }
      case 'payment.cancel':
      case 'payment.expire':
      case 'payment.chargeback':
        commands.push({ op, at, payment: somePayment(), ...key() });
        break;
      case 'payment.refund': {
        const target = payments.length === 0 ? undefined : t.pick(payments);
        commands.push({ op, at, payment: target?.id ?? 'pay_unknown', ...refundFields(t, target, true), ...key() });
        break;
      }
      case 'payment.refund_request': {
        const konbini = payments.filter((payment) => payment.type === 'konbini');
        const target = followed(payments, follow?.target) ?? (payments.length === 0 ? undefined : t.pick(konbini.length > 0 && !t.chance(4) ? konbini : payments));
        const id = fresh('rq');
        requests.push(id);
        followUps.push({ op: t.chance(3) ? 'refund_request.reject' : 'refund_request.complete', target: id });
        commands.push({
          op, at, id, payment: target?.id ?? 'pay_unknown', ...refundFields(t, target, false),
          include_payment_method_fee: t.bool(),
          customer_name: t.pick(['ヤマダタロウ', 'カタカナ', 'スズキ　ハナコ']),
          bank_name: t.pick(['青森銀行', 'みずほ銀行']),
          bank_code: String(t.int(0, 9999)).padStart(4, '0'),
          branch_name: t.pick(['東京支店', '本店']),
          branch_number: String(t.int(0, 999)).padStart(3, '0'),
          account_type: 'ordinary',
          account_number: String(t.int(0, 9_999_999)).padStart(7, '0'),
          ...key(),
        });
        break;
      }
      case 'refund_request.complete':
      case 'refund_request.reject':
        commands.push({ op, at, refund_request: follow?.target ?? (requests.length === 0 || t.chance(10) ? 'rq_unknown' : t.pick(requests)), ...key() });
        break;
      case 'balance.transfer': {
        const platform = platformOf();
        const sub = t.pick(platform.subs);
        const [from, to] = t.bool() ? [platform.id, sub] : [sub, platform.id];
        commands.push({ op, at, merchant: platform.id, from, to, amount: new Amount(t.chance(4) ? someAmount() : t.int(1, 50)), currency: currency(), ...key() });
        break;
      }
      case 'payout_settings.update': {
        const platform = platformOf();
        commands.push({
          op, at, merchant: platform.id, target: t.pick([platform.id, ...platform.subs]), currency: currency(),
          frequency: t.pick(['weekly', 'monthly']), minimum_amount: new Amount(t.pick([0, 1, 1000, 100_000])), ...key(),
        });
        followUps.push({ op: 'settlement.run' });
        break;
      }
      case 'settlement.run': {
        // Payouts pay periods that have ended: a run is mostly a week or more after the payments.
        if (t.bool()) {
          clock = Math.max(clock, START) + t.int(7, 40) * DAY;
          at = new Instant(clock);
        }
        const date = isoDate(clock - t.int(0, 3) * DAY);
        const holidays = t.chance(3) ? { holidays: Array.from({ length: t.int(1, 3) }, () => isoDate(clock - t.int(0, 20) * DAY)) } : {};
        commands.push({ op, at, date, ...holidays, ...key() });
        break;
      }
      case 'session.create': {
        const platform = platformOf();
        const seller = platform.business === 'platform' ? t.pick(platform.subs) : undefined;
        const types = t.bool() ? [...platform.types] : [t.pick(platform.types)];
        const amount = someAmount();
        const auto = t.bool();
        const id = fresh('ses');
        sessions.push({ id, types });
        commands.push({
          op, at, id, merchant: platform.id,
          ...(seller === undefined ? {} : { as: seller }),
          amount: new Amount(amount), currency: currency(), payment_types: types,
          return_url: t.pick(['https://shop.example/return', 'http://localhost:8080/done?order=7']),
          capture: auto ? 'auto' : 'manual',
          ...(auto || platform.business === 'platform' ? splitFields(t, platform, amount) : {}),
          ...(t.bool() ? { external_customer_id: t.pick(['cus_1', '顧客-7']) } : {}),
          ...(t.bool() ? { payment_data: { external_order_num: t.pick(['ORDER-1', '7']) } } : {}),
          ...(t.bool() ? { default_locale: t.pick(['ja', 'en']) } : {}),
          ...(t.bool() ? { metadata: { order: '7', note: 'メモ' } } : {}),
          ...key(),
        });
        break;
      }
      case 'session.complete': {
        const session = sessions.length === 0 ? undefined : t.pick(sessions);
        commands.push({
          op, at, session: session?.id ?? 'ses_unknown', payment: fresh('pay'),
          payment_type: session === undefined ? 'credit_card' : t.pick(session.types), ...key(),
        });
        break;
      }
      case 'session.cancel':
        commands.push({ op, at, session: sessions.length === 0 ? 'ses_unknown' : t.pick(sessions).id, ...key() });
        break;
    }
  }
  return { top, merchants, commands, retryOf };

  function status(t: Tape, isDeactivated: boolean): { status?: Node } {
    if (isDeactivated) return { status: 'deactivated' };
    return t.bool() ? { status: new Defaulted('active') } : {};
  }
}

/** A sub-merchant's `payment_types`: "default: all of its platform's", or one of them. */
function paymentTypes(t: Tape, platformTypes: readonly PaymentType[]): { payment_types?: Node } {
  if (t.chance(4)) return { payment_types: [t.pick(platformTypes)] };
  return { payment_types: new Defaulted([...platformTypes]) };
}

/**
 * The split of a payment or session of `amount`: the marketplace's `platform_details` (lines
 * adding up to the amount, DOMAIN.md), or the seller model's `platform_amount` and
 * `platform_merchant`.
 */
function splitFields(t: Tape, platform: PlatformModel, amount: number): { [key: string]: Node } {
  if (platform.business === 'platform') {
    return { platform_amount: new Amount(t.int(0, amount)), platform_merchant: platform.id };
  }
  const subs = platform.subs.filter(() => t.bool());
  const chosen = subs.length === 0 ? [t.pick(platform.subs)] : subs;
  const lines = chosen.slice(0, Math.max(1, Math.min(chosen.length, amount)));
  let left = amount;
  const submerchants = lines.map((submerchant_id, i) => {
    const share = i === lines.length - 1 ? left : t.int(1, left - (lines.length - 1 - i));
    left -= share;
    return { submerchant_id, amount: new Amount(share), platform_fee: new Amount(t.pick([0, Math.floor(share / 10), share])) };
  });
  return { platform_details: { submerchants } };
}

/**
 * A refund's (or refund request's) amount and split: none (a reverse refund: for
 * `payment.refund` a `StateDefault`), or an amount with, in the marketplace, a split saying who
 * gives back what.
 */
function refundFields(t: Tape, target: PaymentModel | undefined, isRefund: boolean): { [key: string]: Node } {
  if (target === undefined || t.bool()) return isRefund ? { amount: new StateDefault('left_to_refund') } : {};
  const amount = t.int(1, target.amount);
  if (target.platform.business === 'platform') return { amount: new Amount(amount) };
  const gives = t.int(0, amount);
  return {
    amount: new Amount(amount),
    platform_details: { submerchants: [{ submerchant_id: t.pick(target.platform.subs), amount: new Amount(gives), platform_fee: new Amount(amount - gives) }] },
  };
}

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Rendering.

/** Which documented spellings a rendering chooses from. */
export interface Families {
  /** Defaults: written or left out (`Defaulted`, `StateDefault`, `at`). */
  readonly defaults: boolean;
  /** Equivalent forms: amounts as strings, rates with trailing zeros, times in other offsets. */
  readonly forms: boolean;
}

/** Chooses among `options` spellings of one node; 0 is the canonical one. */
export type Style = (options: number) => number;
export const CANONICAL: Style = () => 0;
export const styleOf = (tape: Tape): Style => (options) => tape.next(options);

/** What the renderer needs to know of the run to write a state-dependent default. */
export interface Knowledge {
  /** Commands whose `at` may be left out: it equals the time an omitted `at` takes, on either reading. */
  readonly omittableAt: ReadonlySet<number>;
  /** For a `StateDefault`, the amount it stands for at that command, where it is known. */
  readonly stateDefaults: ReadonlyMap<number, number>;
  /**
   * For a retry, the earlier accepted command with its key that it is written as (its fields
   * spelt the same way). A retry whose key no accepted command holds yet (its original was
   * rejected: Kanjo remembers only accepted commands) is a command of its own, written afresh.
   */
  readonly copyOf: ReadonlyMap<number, number>;
}
export const NOTHING_KNOWN: Knowledge = { omittableAt: new Set(), stateDefaults: new Map(), copyOf: new Map() };

const OFFSETS = [0, 9 * 60, -5 * 60, 5 * 60 + 30, 14 * 60, -12 * 60, -(3 * 60 + 30)];

/** An ISO 8601 time in extended format: `Z` canonically, or the same instant in another offset. */
export function formatInstant(ms: number, form: number, offsetChoice: number): string {
  if (form === 0) return new Date(ms).toISOString().replace('.000Z', 'Z');
  const offset = OFFSETS[offsetChoice % OFFSETS.length] ?? 0;
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  if (form === 1) return `${local}${zone}`;
  if (form === 2) return `${local}.000${zone}`;
  // Reduced precision (hours and minutes) where the seconds are 0.
  return local.endsWith(':00') ? `${local.slice(0, 16)}${zone}` : `${local}${zone}`;
}

export function formatRate(digits: string, form: number): string {
  if (form === 0) return `${digits}%`;
  const zeros = '0'.repeat(form);
  return digits.includes('.') ? `${digits}${zeros}%` : `${digits}.${zeros}%`;
}

export function formatAmount(value: number, form: number): number | string {
  if (form === 0) return value;
  return form === 1 ? String(value) : `00${value}`;
}

function renderNode(node: Node, style: Style, families: Families, stateDefault: number | undefined): Json | undefined {
  if (node instanceof Amount) return formatAmount(node.value, families.forms ? style(3) : 0);
  if (node instanceof Rate) return formatRate(node.digits, families.forms ? style(3) : 0);
  if (node instanceof Instant) return formatInstant(node.ms, families.forms ? style(4) : 0, style(OFFSETS.length));
  if (node instanceof Defaulted) return families.defaults && style(2) === 1 ? renderNode(node.value, style, families, undefined) : undefined;
  if (node instanceof StateDefault) {
    if (stateDefault === undefined || !families.defaults || style(2) === 0) return undefined;
    return renderNode(new Amount(stateDefault), style, families, undefined);
  }
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return (node as readonly Node[]).map((item) => renderNode(item, style, families, undefined) ?? null);
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node as { readonly [key: string]: Node | undefined })) {
    if (value === undefined) continue;
    const rendered = renderNode(value, style, families, stateDefault);
    if (rendered !== undefined) out[key] = rendered;
  }
  return out;
}

/** The JSON document of a scenario, each node spelt as `style` chooses within `families`. */
export function renderScenario(scenario: AbstractScenario, style: Style = CANONICAL, families: Families = { defaults: false, forms: false }, knowledge: Knowledge = NOTHING_KNOWN): { [key: string]: Json } {
  const document: { [key: string]: Json } = {};
  document['merchants'] = scenario.merchants.map((merchant) => renderNode(merchant, style, families, undefined) ?? null);
  for (const [key, value] of Object.entries(scenario.top)) {
    if (value === undefined) continue;
    const rendered = renderNode(value, style, families, undefined);
    if (rendered !== undefined) document[key] = rendered;
  }
  // A retry is written as its accepted original was, `at` aside: whether a retry that spells
  // its fields otherwise (`amount` written where the original left it to its default) is "the
  // same command" SCENARIO.md does not say.
  const written = new Map<number, { [key: string]: Json }>();
  document['commands'] = scenario.commands.map((command, index) => {
    const { at, ...fields } = command;
    const original = knowledge.copyOf.get(index);
    const rendered = (original === undefined ? undefined : written.get(original)) ?? (renderNode(fields, style, families, knowledge.stateDefaults.get(index)) as { [key: string]: Json });
    written.set(index, rendered);
    // The canonical rendering writes every `at`; leaving one out is the default "the time of
    // the command before it", only where that is the same time.
    const omit = families.defaults && knowledge.omittableAt.has(index) && style(2) === 1;
    return omit ? rendered : { op: rendered['op'] ?? command.op, at: renderNode(at, style, families, undefined) ?? null, ...rendered };
  });
  return document;
}

/** The outcome of a command, as far as `knowledgeOf` needs it. */
export interface RunView {
  readonly results: readonly { readonly ok: boolean }[];
  readonly payments: Readonly<Record<string, { readonly status: string; readonly amount: number; readonly captured_amount: number; readonly refunded_amount: number }>>;
  readonly events: readonly { readonly type: string; readonly payment?: string; readonly refund_request?: string; readonly status?: string }[];
}

/**
 * Runs the canonical rendering (and, for each `StateDefault`, its prefix) with `run` to learn
 * where `at` may be left out and what each state-dependent default stands for.
 */
export function knowledgeOf(scenario: AbstractScenario, run: (document: Json) => RunView): Knowledge {
  const canonical = renderScenario(scenario);
  const whole = run(canonical);
  const omittableAt = new Set<number>();
  let lastAccepted = EPOCH_DEFAULT;
  scenario.commands.forEach((command, index) => {
    const previous = index === 0 ? EPOCH_DEFAULT : scenario.commands[index - 1]!.at.ms;
    if (command.at.ms === previous && command.at.ms === lastAccepted) omittableAt.add(index);
    if (whole.results[index]?.ok === true) lastAccepted = command.at.ms;
  });
  const copyOf = new Map<number, number>();
  const acceptedWithKey = new Map<number, number>();
  scenario.commands.forEach((_, index) => {
    const root = scenario.retryOf.get(index) ?? index;
    const accepted = acceptedWithKey.get(root);
    if (accepted !== undefined) copyOf.set(index, accepted);
    else if (whole.results[index]?.ok === true) acceptedWithKey.set(root, index);
  });
  const stateDefaults = new Map<number, number>();
  const commands = canonical['commands'] as Json[];
  scenario.commands.forEach((command, index) => {
    if (copyOf.has(index) || !(command['amount'] instanceof StateDefault)) return;
    const payment = command['payment'];
    if (typeof payment !== 'string') return;
    const before = run({ ...canonical, commands: commands.slice(0, index) });
    const view = before.payments[payment];
    if (view === undefined) return;
    if (command['amount'].kind === 'authorized') {
      if (view.status === 'authorized') stateDefaults.set(index, view.amount);
      return;
    }
    // A pending refund request counts as given back; the view's refunded_amount does not
    // show it, so where one is pending the amount left is not known here.
    const requestStatus = new Map<string, string>();
    for (const event of before.events) {
      if (event.payment === payment && event.refund_request !== undefined && event.status !== undefined) requestStatus.set(event.refund_request, event.status);
    }
    if ([...requestStatus.values()].includes('pending')) return;
    const left = view.captured_amount - view.refunded_amount;
    if (view.status === 'captured' && left > 0) stateDefaults.set(index, left);
  });
  return { omittableAt, stateDefaults, copyOf };
}

// ---------------------------------------------------------------------------------------------
// Presentation that JSON itself leaves free: key order and white space.

/** The same value with the keys of every object in an order `tape` chooses. */
export function shuffleKeys(value: Json, tape: Tape): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, tape));
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = tape.next(i + 1);
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  const out: { [key: string]: Json } = {};
  for (const key of keys) out[key] = shuffleKeys(value[key]!, tape);
  return out;
}

const WHITE = [' ', '\n', '\t', '\r\n', '  ', '\n    ', ''];

/**
 * A JSON string with some of its characters written as escapes (`\u0070`, `\/`): RFC 8259
 * section 7 lets any character be escaped, and the string is the same.
 */
export function escapedString(text: string, tape: Tape): string {
  let out = '"';
  for (const unit of text.split('')) {
    const plain = JSON.stringify(unit).slice(1, -1);
    if (plain.length > 1 || !tape.chance(4)) out += plain;
    else if (unit === '/' && tape.bool()) out += '\\/';
    else {
      const hex = unit.charCodeAt(0).toString(16).padStart(4, '0');
      out += `\\u${tape.bool() ? hex.toUpperCase() : hex}`;
    }
  }
  return `${out}"`;
}

/**
 * JSON text with white space (RFC 8259: space, tab, LF, CR) between tokens as `tape` chooses,
 * and some characters of its strings (keys too) escaped.
 */
export function spacedJson(value: Json, tape: Tape, depth = 0): string {
  const ws = (): string => tape.pick(WHITE);
  const pad = (): string => (tape.bool() ? `\n${'  '.repeat(depth + 1)}` : ws());
  if (typeof value === 'string') return escapedString(value, tape);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return `[${ws()}]`;
    return `[${value.map((item) => `${pad()}${spacedJson(item, tape, depth + 1)}${ws()}`).join(',')}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return `{${ws()}}`;
  return `{${entries.map(([key, item]) => `${pad()}${escapedString(key, tape)}${ws()}:${ws()}${spacedJson(item, tape, depth + 1)}${ws()}`).join(',')}}`;
}
