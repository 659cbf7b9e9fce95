/**
 * Random scenario files (SCENARIO.md format) for the clean-room differential test: a platform
 * (marketplace or platform business) with 1–4 sub-merchants, another platform with one
 * sub-merchant (for splits naming a merchant that is not this platform's), and 1–30 commands
 * mixing valid and plausible-invalid ones.
 *
 * fast-check draws *intents* (which kind of command, a few numbers, flags and a defect number);
 * `buildScenario` turns them into concrete commands, running the oracle alongside so that
 * amounts are chosen against the payment's current state (what is left of each share, what
 * was captured). Shrinking works on the intents.
 */
import * as fc from 'fast-check';
import { Oracle, type Json, type JsonObject } from './oracle.js';

export type Model = 'marketplace' | 'seller';

export interface SubMerchantDraw {
  readonly deactivated: boolean;
  readonly cardOnly: boolean;
}

export interface ConfigDraw {
  readonly model: Model;
  readonly subs: readonly SubMerchantDraw[];
  readonly cardRate: string;
  readonly paypayRate: string;
  readonly konbiniRate: string;
  readonly customerFee: number | undefined;
  readonly taxRate: string | undefined;
  readonly refundRequestFee: number | undefined;
}

export type IntentKind = 'settings' | 'run' | 'create' | 'capture' | 'cancel' | 'expire' | 'refund' | 'chargeback' | 'refund_request' | 'complete' | 'reject' | 'transfer' | 'retry' | 'session' | 'session_complete' | 'session_cancel';

export interface Intent {
  readonly kind: IntentKind;
  readonly target: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly flags: number;
  /** 0–11 and 20–31: no defect; 12–19: one plausible defect of the command's kind. */
  readonly defect: number;
}

const RATES = ['3.6%', '2.75%', '0%', '3.25%', '1.5%', '12.5%', '100%', '0.5%', '3.123456%', '99.999999%', '0.000001%', '7.5%'];

export const configArbitrary: fc.Arbitrary<ConfigDraw> = fc.record({
  model: fc.constantFrom<Model>('marketplace', 'seller'),
  subs: fc.array(fc.record({ deactivated: fc.nat(3).map((n) => n === 0), cardOnly: fc.nat(9).map((n) => n === 0) }), { minLength: 1, maxLength: 4 }),
  cardRate: fc.constantFrom(...RATES),
  paypayRate: fc.constantFrom(...RATES),
  konbiniRate: fc.constantFrom(...RATES),
  customerFee: fc.constantFrom(undefined, 190, 155, 0, 1, 5),
  taxRate: fc.constantFrom(undefined, '10%', '8%', '0%', '10.5%', '12.345678%'),
  refundRequestFee: fc.constantFrom(undefined, 300, 0, 155),
});

/** Every kind of command, weighted by repetition. */
export const ALL_KINDS: readonly IntentKind[] = [
  'create', 'create', 'create', 'create', 'capture', 'capture', 'cancel', 'expire',
  'refund', 'refund', 'refund', 'chargeback', 'refund_request', 'refund_request', 'complete', 'complete', 'reject',
  'transfer', 'transfer', 'retry', 'session', 'session_complete', 'session_complete', 'session_cancel',
];

/** Refund requests made, completed and rejected in any order, with transfers draining balances. */
export const REQUEST_KINDS: readonly IntentKind[] = [
  'create', 'capture', 'refund_request', 'refund_request', 'refund_request', 'complete', 'complete', 'reject', 'transfer', 'transfer',
];

export const intentArbitrary = (kinds: readonly IntentKind[] = ALL_KINDS): fc.Arbitrary<Intent> =>
  fc.record({
    kind: fc.constantFrom<IntentKind>(...kinds),
    target: fc.nat(7),
    a: fc.nat(1000),
    b: fc.nat(1000),
    c: fc.nat(1000),
    flags: fc.nat(255),
    defect: fc.nat(31),
  });

/** How {@link scenarioArbitraryOf} shapes a scenario beyond its kinds of commands. */
export interface ScenarioShape {
  /** The most commands after the creations. Default 26. */
  readonly maxIntents?: number;
  /**
   * Whether the first creations are payments that wait for the customer (Konbini, Bank
   * Transfer), with their split or platform_amount given at creation: what refund requests need.
   */
  readonly waitingFirst?: boolean;
}

/**
 * 1–4 creations first (so later commands have payments to act on), then up to 26 commands of the
 * given kinds (`size: 'max'`: fast-check's default size drew at most 10, about 5 on average, so a
 * refund request rarely got as far as its completion).
 */
export const scenarioArbitraryOf = (kinds: readonly IntentKind[], model?: Model, shape: ScenarioShape = {}): fc.Arbitrary<JsonObject> =>
  fc
    .tuple(
      configArbitrary.map((config) => (model === undefined ? config : { ...config, model })),
      fc.array(
        intentArbitrary(kinds).map((intent) => ({
          ...intent,
          kind: 'create' as const,
          // c % 8 picks the payment type: 3 is konbini, 7 bank_transfer; flags bit 2 clear is capture: true.
          ...(shape.waitingFirst === true ? { c: intent.c - (intent.c % 8) + ((intent.a & 1) === 0 ? 3 : 7), flags: intent.flags & ~2 } : {}),
        })),
        { minLength: 1, maxLength: 4 },
      ),
      fc.array(intentArbitrary(kinds), { maxLength: shape.maxIntents ?? 26, size: 'max' }),
    )
    .map(([config, creations, intents]) => buildScenario(config, [...creations, ...intents]));

export const scenarioArbitrary = scenarioArbitraryOf(ALL_KINDS);

const WAITING = new Set(['konbini', 'bank_transfer']);

const AMOUNTS = [1, 2, 3, 7, 10, 99, 100, 101, 999, 1000, 1001, 4999, 5000, 12345, 50000, 99999];

/** Amounts near 2^53 − 1, for fees computed beyond the float-safe range and balance_overflow. */
const HUGE = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1, 2 ** 52, 2 ** 52 + 1, 4_503_599_627_370_497, 3_002_399_751_580_331];

const amountFrom = (a: number, b: number): number =>
  b % 11 === 0 ? HUGE[a % HUGE.length]! : b % 3 === 0 ? AMOUNTS[a % AMOUNTS.length]! : 1 + ((a * 31 + b * 7) % 20000);

const BANK = {
  include_payment_method_fee: false,
  customer_name: 'ヤマダタロウ',
  bank_name: '青森銀行',
  bank_code: '0117',
  branch_name: '東京支店',
  branch_number: '921',
  account_type: 'ordinary',
  account_number: '1234567',
};

export function scenarioConfig(config: ConfigDraw): JsonObject {
  const platform = 'plat';
  const konbini: JsonObject = { fee_rate: config.konbiniRate };
  if (config.customerFee !== undefined) konbini['customer_fee'] = config.customerFee;
  const methods = { credit_card: { fee_rate: config.cardRate }, paypay: { fee_rate: config.paypayRate }, merpay: { fee_rate: config.cardRate }, konbini, bank_transfer: { fee_rate: config.paypayRate } };
  const business = config.model === 'marketplace' ? 'marketplace' : 'platform';
  const subType = config.model === 'marketplace' ? 'payout' : 'seller';
  const merchants: JsonObject[] = [{ id: platform, type: 'platform', business, payment_methods: methods }];
  config.subs.forEach((sub, index) => {
    const merchant: JsonObject = { id: `sub${index + 1}`, type: subType, platform };
    if (sub.deactivated) merchant['status'] = 'deactivated';
    if (sub.cardOnly) merchant['payment_types'] = ['credit_card'];
    merchants.push(merchant);
  });
  merchants.push({ id: 'other', type: 'platform', business, payment_methods: { credit_card: { fee_rate: '3.6%' } } });
  merchants.push({ id: 'x1', type: subType, platform: 'other' });
  const document: JsonObject = { merchants, commands: [] };
  if (config.taxRate !== undefined) document['tax_rate'] = config.taxRate;
  if (config.refundRequestFee !== undefined) document['refund_request_fee'] = config.refundRequestFee;
  return document;
}

/** Splits `total` into `count` positive parts (count ≤ total), driven by `seed`. */
function partition(total: number, count: number, seed: number): number[] {
  const parts: number[] = [];
  let left = total;
  for (let index = 0; index < count; index++) {
    const slots = count - index - 1;
    if (slots === 0) {
      parts.push(left);
      break;
    }
    const most = left - slots;
    const part = 1 + ((seed * (index + 7) * 7919) % most);
    parts.push(part);
    left -= part;
  }
  return parts;
}

/** Payouts: settings, runs at and around payout days, transfers and refunds draining balances between runs. */
export const PAYOUT_KINDS: readonly IntentKind[] = [
  'settings', 'settings', 'run', 'run', 'run', 'run', 'run', 'run', 'create', 'create', 'create', 'create', 'create', 'create', 'create', 'refund', 'refund', 'transfer', 'transfer', 'transfer', 'refund_request', 'complete', 'retry',
];

const ZONES = ['+09:00', '+00:00', '-05:00', '+05:30', '+14:00', '-12:00'];
const DAY = 86_400_000;

/** Scenarios with `at` on every command, a time zone, and payout settings and runs. */
export const payoutScenarioArbitrary: fc.Arbitrary<JsonObject> = fc
  .tuple(
    configArbitrary,
    fc.nat(ZONES.length - 1),
    fc.array(intentArbitrary(PAYOUT_KINDS).map((intent) => ({ ...intent, kind: 'settings' as const, defect: intent.defect % 12 })), { minLength: 1, maxLength: 4 }),
    fc.array(intentArbitrary(PAYOUT_KINDS).map((intent) => ({ ...intent, kind: 'create' as const, defect: intent.defect % 12 })), { minLength: 2, maxLength: 6 }),
    // `size: 'max'`: else fast-check draws at most 10 whatever maxLength says.
    fc.array(intentArbitrary(PAYOUT_KINDS), { minLength: 5, maxLength: 40, size: 'max' }),
  )
  .map(([config, zone, settings, creations, intents]) =>
    buildScenario({ ...config, subs: config.subs.map((sub) => ({ ...sub, cardOnly: false })) }, [...settings, ...creations, ...intents], ZONES[zone]!),
  );

export function buildScenario(config: ConfigDraw, intents: readonly Intent[], timeZone?: string): JsonObject {
  const document = scenarioConfig(config);
  if (timeZone !== undefined && timeZone !== '+09:00') document['time_zone'] = timeZone;
  const offset = timeZone === undefined ? 540 : (timeZone.startsWith('-') ? -1 : 1) * (Number(timeZone.slice(1, 3)) * 60 + Number(timeZone.slice(4, 6)));
  /** The clock (UTC ms) and a local time written with the zone's offset. */
  let clock = Date.UTC(2026, 0, 5);
  const written = (time: number): string => {
    const local = new Date(time + offset * 60_000).toISOString().slice(0, 19);
    return `${local}${timeZone ?? '+09:00'}`;
  };
  const localDay = (time: number): number => Math.floor((time + offset * 60_000) / DAY);
  const dateOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
  const oracle = new Oracle(document);
  const commands: JsonObject[] = [];
  const subIds = config.subs.map((_, index) => `sub${index + 1}`);
  const activeSubs = subIds.filter((_, index) => !config.subs[index]!.deactivated);
  const deactivatedSubs = subIds.filter((_, index) => config.subs[index]!.deactivated);
  let paymentCount = 0;
  let requestCount = 0;
  let sessionCount = 0;

  const paymentIds = (): string[] => [...oracle.payments.keys()];
  /** A payment the command suits (authorized for a capture, captured card for a refund, …), or any payment for some defects. */
  const targetPayment = (intent: Intent): string => {
    const all = paymentIds();
    if (all.length === 0 || intent.defect === 19) return 'missing_payment';
    const suits = (id: string): boolean => {
      const payment = oracle.payments.get(id)!;
      switch (intent.kind) {
        case 'capture':
        case 'cancel':
        case 'expire':
          return payment.status === 'authorized';
        case 'refund':
        case 'chargeback':
          return payment.status === 'captured' && !WAITING.has(payment.type);
        case 'refund_request':
          return payment.status === 'captured' && WAITING.has(payment.type);
        default:
          return true;
      }
    };
    const suited = all.filter(suits);
    const ids = suited.length === 0 || (intent.defect >= 17 && intent.defect < 20) ? all : suited;
    return ids[intent.target % ids.length]!;
  };

  /** Split lines over some of the payout merchants adding up to `total`. */
  const splitLines = (total: number, intent: Intent, candidates: string[]): JsonObject[] => {
    if (candidates.length === 0 || total === 0) return [];
    const count = Math.min(total, 1 + (intent.b % candidates.length));
    const chosen = candidates.slice(intent.target % candidates.length).concat(candidates).slice(0, count);
    const amounts = partition(total, count, intent.a + 1);
    return chosen.map((id, index) => {
      const amount = amounts[index]!;
      const mode = (intent.c + index) % 5;
      const fee = mode === 0 ? 0 : mode === 1 ? amount : Math.floor((amount * ((intent.c * (index + 1)) % 1000)) / 1000);
      return { submerchant_id: id, amount, platform_fee: fee };
    });
  };

  for (const intent of intents) {
    const command = timeZone === undefined ? buildCommand(intent) : timed(intent);
    // Some commands carry an idempotency key, so that a later 'retry' can resend them.
    if (intent.kind !== 'retry' && (intent.flags & 128) === 128) command['idempotency_key'] = `key_${commands.length}`;
    commands.push(command);
    oracle.execute(command);
  }
  document['commands'] = commands as Json[];
  return document;

  /** A command with its `at`: the clock moves on (hours, days, to just before or after a local midnight). */
  function timed(intent: Intent): JsonObject {
    const step = intent.b % 8;
    const midnight = (localDay(clock) + 1) * DAY - offset * 60_000;
    clock = step === 0 ? clock : step === 1 ? clock + 3_600_000 * (1 + (intent.c % 20)) : step === 2 ? midnight - 60_000 : step === 3 ? midnight : step === 4 ? midnight + 1 : step === 5 ? clock + DAY * (1 + (intent.c % 6)) : clock + DAY * (3 + (intent.c % 20));
    // Payments here are mostly captured card payments in yen, of ordinary amounts, so that balances build up.
    if (intent.kind === 'create' && (intent.defect < 12 || intent.defect >= 20)) {
      intent = { ...intent, c: intent.c - (intent.c % 8) + ((intent.c & 8) === 8 ? 3 : 0), flags: intent.flags & ~2 & ((intent.a & 7) === 0 ? 255 : ~24), b: intent.b % 11 === 0 ? intent.b + 1 : intent.b };
    }
    const command = buildCommand(intent);
    const at = intent.defect === 19 && intent.kind !== 'run' ? clock - DAY : clock;
    // The same instant written in UTC or with another offset now and then.
    const spelling = (intent.a >> 4) % 8;
    command['at'] = spelling === 0 ? new Date(at).toISOString() : spelling === 1 ? `${new Date(at + 14 * 3_600_000).toISOString().slice(0, 19)}+14:00` : spelling === 2 ? written(at).replace(/:(\d\d)$/, '$1') : written(at);
    if (intent.defect === 18 && intent.kind === 'settings') command['at'] = (['2026-01-05T09:00:00', '2026-01-05T09:00:00+15:00', '0001-01-01T00:00:00Z'] as const)[intent.a % 3]!;
    return command;
  }

  function buildCommand(intent: Intent, forced?: string): JsonObject {
    const { defect, flags } = intent;
    if (intent.kind === 'settings') {
      const targets = ['plat', ...subIds];
      const command: JsonObject = {
        op: 'payout_settings.update', merchant: 'plat', target: targets[intent.target % targets.length]!,
        currency: (flags & 24) === 24 ? 'USD' : 'JPY', frequency: (flags & 1) === 1 ? 'monthly' : 'weekly',
        minimum_amount: ([0, 0, 0, 1, 100, 1000, 5000, 100000] as const)[intent.a % 8]!,
      };
      // Now and then exactly what the target holds now: a run paying that balance pays it (DOMAIN.md:
      // only "an amount below the minimum" is carried over), so the boundary itself is compared.
      if (intent.c % 4 === 3) command['minimum_amount'] = Math.max(1, oracle.available(command['target'] as string, command['currency'] as string));
      if (defect === 12) command['frequency'] = 'daily';
      if (defect === 13) command['minimum_amount'] = -1;
      if (defect === 14) command['target'] = 'x1';
      if (defect === 15) command['currency'] = 'XYZ';
      if (defect === 16) delete command[(['frequency', 'minimum_amount', 'target'] as const)[intent.a % 3]!];
      if (defect === 17) command['minimum_amount'] = (['100', '1e3', 1.5, 2 ** 53] as const)[intent.a % 4]!;
      return command;
    }
    if (intent.kind === 'run') {
      // A payout day (a Friday or a month's last day) near the clock, or a day either side of one.
      // The payout day of the period running now (or one or two before it), a day either side
      // sometimes; the clock moves on to that day (a few hours in), or stays before the
      // period's end now and then (settlement_period_not_ended).
      const today = localDay(clock);
      let day = today;
      const settings = [...oracle.payoutSettings.values()];
      const weekly = settings.length === 0 || (flags & 1) === 1 ? (flags & 2) === 0 : settings[intent.target % settings.length]!.weekly;
      if (weekly) {
        while (new Date(day * DAY).getUTCDay() !== 5) day++;
        day += 7 - 7 * (intent.a % 3);
      } else {
        const now = new Date(today * DAY);
        day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2 - (intent.a % 3), 0) / DAY;
      }
      day += ([0, 0, 0, 0, 0, 1, 3, -1] as const)[intent.c % 8]!;
      if ((flags & 96) !== 96) clock = Math.max(clock, day * DAY - offset * 60_000 + 3_600_000 * (intent.b % 30));
      const command: JsonObject = { op: 'settlement.run', date: dateOf(day) };
      if ((flags & 12) !== 0) {
        const holidays: string[] = [];
        for (let index = 0; index < 1 + (intent.b % 4); index++) holidays.push(dateOf(day - ((intent.b >> index) & 3) + (index === 0 ? 0 : index)));
        // Sometimes every weekday of the week or two before the date: earlier payout days move onto it.
        if ((flags & 12) === 12) for (let back = 1; back <= 5 + (intent.c % 10); back++) holidays.push(dateOf(day - back));
        command['holidays'] = holidays;
      } else if ((flags & 16) === 16) command['holidays'] = [];
      if (defect === 14) command['holidays'] = Array.from({ length: 30 + (intent.a % 3) }, (_, index) => dateOf(day + index - 40));
      if (defect === 15) command['date'] = (['0000-12-31', '0001-01-05', '2026-3-13'] as const)[intent.a % 3]!;
      if (defect === 16) delete command['date'];
      if (defect === 12) command['date'] = '2026-02-30';
      if (defect === 13) command['holidays'] = ['2026/03/01'];
      return command;
    }
    const payments = [...oracle.payments.values()];
    const pendingRequests = [...oracle.requests.values()].filter((request) => request.status === 'pending');
    const capturedKonbini = payments.filter((payment) => WAITING.has(payment.type) && payment.status === 'captured');
    const waitingKonbini = payments.filter((payment) => WAITING.has(payment.type) && payment.status === 'authorized');
    // Keep refund requests reachable: a request with no captured Konbini payment first records
    // a customer paying; a completion with nothing pending first makes a request.
    if ((defect < 12 || defect >= 20) && (intent.kind === 'complete' || intent.kind === 'reject') && pendingRequests.length === 0) {
      return buildCommand({ ...intent, kind: 'refund_request' });
    }
    if ((defect < 12 || defect >= 20) && intent.kind === 'refund_request' && capturedKonbini.length === 0) {
      if (waitingKonbini.length > 0) return buildCommand({ ...intent, kind: 'capture', flags: intent.flags & ~1 }, waitingKonbini[intent.target % waitingKonbini.length]!.id);
      return buildCommand({ ...intent, kind: 'create', c: intent.c - (intent.c % 8) + ((intent.a & 1) === 0 ? 3 : 7), flags: intent.flags & ~2 });
    }
    if ((defect < 12 || defect >= 20) && intent.kind === 'refund_request' && capturedKonbini.length > 0 && (flags & 96) !== 96 && activeSubs.length > 0) {
      // The platform pays every request's fees: give it something to pay them with, a card
      // payment whose whole amount is the platform's (three times in four; one in four the
      // request goes ahead short, and is refused for want of balance).
      const currency = capturedKonbini[intent.target % capturedKonbini.length]!.currency;
      if (oracle.available('plat', currency) < 2000) {
        const amount = 5000 + intent.a * 10;
        const command: JsonObject = { op: 'payment.create', id: `pay_${++paymentCount}`, merchant: 'plat', amount, currency, payment_type: 'credit_card' };
        if (config.model === 'marketplace') command['platform_details'] = { submerchants: [{ submerchant_id: activeSubs[0]!, amount, platform_fee: amount }] };
        else Object.assign(command, { as: activeSubs[0]!, platform_amount: amount, platform_merchant: 'plat' });
        return command;
      }
    }
    switch (intent.kind) {
      case 'create': {
        const reuse = defect === 12 && paymentIds().length > 0;
        const id = reuse ? paymentIds()[0]! : `pay_${++paymentCount}`;
        const amount = amountFrom(intent.a, intent.b);
        const type = defect === 13 ? 'bitcoin' : (['credit_card', 'credit_card', 'paypay', 'konbini', 'credit_card', 'merpay', 'konbini', 'bank_transfer'] as const)[intent.c % 8]!;
        const capture = (flags & 2) === 0;
        const command: JsonObject = { op: 'payment.create', id, merchant: 'plat', amount, currency: (flags & 24) === 24 ? 'USD' : 'JPY', payment_type: type };
        if (defect === 15 && (intent.b & 1) === 1) command['currency'] = (['XYZ', 'usd', 'JPYY'] as const)[intent.a % 3]!;
        if ((flags & 1) === 1) command['capture'] = (flags & 64) === 64 ? String(capture) : capture;
        else if (!capture) command['capture'] = false;
        if ((flags & 4) === 4) command['origin'] = 'session';
        if (defect === 14) command['amount'] = ([0, -5, 10.5, '1e3', '700'] as const)[intent.a % 5]!;
        if (defect === 15) command['merchant'] = (['sub1', 'ghost', 'other'] as const)[intent.a % 3]!;
        if (config.model === 'marketplace') {
          if (capture || defect === 16) {
            const lines = splitLines(amount, intent, activeSubs);
            if (defect === 16 && lines.length > 0 && capture) lines[0]!['amount'] = (lines[0]!['amount'] as number) + 1;
            if (defect === 17 && lines.length > 0) lines[0]!['platform_fee'] = (lines[0]!['amount'] as number) + 1;
            if (defect === 18 && lines.length > 0) lines.push({ ...lines[0]! });
            if (defect === 18 && lines.length === 0) lines.push({ submerchant_id: 'x1', amount, platform_fee: 0 });
            if (defect === 12 && !reuse && lines.length > 0) lines[0]!['submerchant_id'] = deactivatedSubs[0] ?? 'x1';
            if (defect === 13 && !reuse) command['payment_type'] = 'credit_card';
            if (defect === 13 && !reuse && lines.length > 0) lines[0]!['submerchant_id'] = 'x1';
            if (defect !== 19 || capture) command['platform_details'] = { submerchants: lines as Json[] };
          }
          if (defect === 19 && !capture) command['as'] = activeSubs[0] ?? 'sub1';
        } else {
          const sellers = defect === 16 ? deactivatedSubs.concat(['x1']) : activeSubs;
          const seller = sellers[intent.target % Math.max(1, sellers.length)] ?? 'x1';
          if (defect !== 17) command['as'] = seller;
          const platformAmount = Math.floor((amount * intent.c) / 1000);
          command['platform_amount'] = defect === 18 ? amount + 1 : platformAmount;
          command['platform_merchant'] = defect === 19 ? ((flags & 1) === 1 ? seller : 'other') : 'plat';
        }
        return command;
      }
      case 'capture': {
        const id = forced ?? targetPayment(intent);
        const payment = oracle.payments.get(id);
        const command: JsonObject = { op: 'payment.capture', payment: id };
        const authorized = payment?.amount ?? 1000;
        let captured = authorized;
        if ((flags & 1) === 1) {
          captured = defect === 12 ? authorized + 1 : defect === 15 ? 0 : Math.max(1, Math.floor((authorized * intent.a) / 1000));
          command['amount'] = captured;
        }
        if (config.model === 'marketplace') {
          const fixed = payment?.pendingSplit !== undefined;
          if (!fixed || defect === 13) {
            const partial = captured < authorized;
            const total = partial || (flags & 2) === 0 ? captured : Math.floor((captured * intent.c) / 1000);
            const lines = splitLines(total, intent, activeSubs);
            if (defect === 14 && lines.length > 0) lines[0]!['amount'] = (lines[0]!['amount'] as number) + 1;
            if (defect !== 15) command['platform_details'] = { submerchants: lines as Json[] };
          }
        } else if ((flags & 4) === 4 || defect === 13) {
          command['platform_amount'] = defect === 14 ? captured + 1 : Math.floor((captured * intent.c) / 1000);
        }
        return command;
      }
      case 'cancel':
        return { op: 'payment.cancel', payment: targetPayment(intent) };
      case 'expire':
        return { op: 'payment.expire', payment: targetPayment(intent) };
      case 'chargeback':
        return { op: 'payment.chargeback', payment: targetPayment(intent) };
      case 'refund':
      case 'refund_request': {
        const id = forced ?? targetPayment(intent);
        const payment = oracle.payments.get(id);
        const command: JsonObject = intent.kind === 'refund' ? { op: 'payment.refund', payment: id } : { op: 'payment.refund_request', id: `rq_${++requestCount}`, payment: id, ...BANK };
        if (intent.kind === 'refund_request') {
          if ((flags & 8) === 8) command['include_payment_method_fee'] = true;
          if (defect === 12) command['customer_name'] = 'Yamada';
          if (defect === 13 && requestCount > 1) command['id'] = 'rq_1';
        }
        if (payment === undefined) {
          if ((flags & 1) === 1) command['amount'] = amountFrom(intent.a, intent.b);
          return command;
        }
        let pending = 0;
        for (const request of oracle.requests.values()) if (request.payment === id && request.status === 'pending') pending += request.amount;
        const remaining = payment.captured - payment.refunded - pending;
        const mode = flags & 3;
        if (payment.model === 'seller') {
          if (mode !== 0) command['amount'] = defect === 14 ? remaining + 1 : Math.max(defect === 15 ? 0 : 1, Math.floor((remaining * intent.a) / 1000));
          if (defect === 16) command['platform_details'] = { submerchants: [{ submerchant_id: payment.seller ?? 'sub1', amount: 1, platform_fee: 0 }] };
          return command;
        }
        if (mode === 0) return command; // reverse refund of everything left
        if (mode === 1) {
          // an amount and no split: a reverse refund when it is all that is left, else refund_split_required
          command['amount'] = (intent.a & 1) === 1 ? remaining : Math.max(1, Math.floor((remaining * intent.a) / 1000));
          return command;
        }
        // non-reverse: each party gives back part of what is left of its share
        const lines: JsonObject[] = [];
        let platformPart = Math.floor(((payment.shares.get(payment.platform) ?? 0) - (payment.refundedShares.get(payment.platform) ?? 0)) * (intent.c / 1000));
        let index = 0;
        for (const [party, share] of payment.shares) {
          if (party === payment.platform) continue;
          const left = share - payment.refundedShares.get(party)!;
          const part = (flags & 4) === 4 ? left : Math.floor((left * ((intent.a + 97 * index) % 1001)) / 1000);
          lines.push({ submerchant_id: party, amount: part, platform_fee: 0 });
          index++;
        }
        if (lines.length === 0) {
          // a payment with no payout merchant: a split cannot name the platform's part
          if ((flags & 4) === 4) command['amount'] = remaining;
          return command;
        }
        if ((flags & 64) === 64 && lines.length > 1) lines.splice(intent.target % lines.length, 1);
        lines[0]!['platform_fee'] = platformPart;
        if (defect === 14) lines[0]!['amount'] = (lines[0]!['amount'] as number) + 1;
        if (defect === 15) lines[0]!['platform_fee'] = ++platformPart + 1_000_000;
        if (defect === 16) lines.push({ submerchant_id: (flags & 1) === 1 ? 'x1' : 'plat', amount: 0, platform_fee: 0 });
        if (defect === 17) lines.push({ ...lines[0]!, amount: 0, platform_fee: 0 });
        const sum = lines.reduce((total, line) => total + (line['amount'] as number) + (line['platform_fee'] as number), 0);
        // Sometimes no amount: the refund is what the split adds up to.
        if (defect === 18 || (flags & 32) === 0) command['amount'] = defect === 18 ? sum + 1 : sum;
        command['platform_details'] = { submerchants: lines as Json[] };
        return command;
      }
      case 'session': {
        // A hosted-page session: a payment.create's fields, the payment types offered instead of
        // one, a return_url and capture auto (split given now) or manual.
        const auto = (flags & 2) === 0;
        const base = buildCommand({ ...intent, kind: 'create', flags: intent.flags & ~2 & ~1 & ~4, defect: defect === 12 || defect === 13 ? 0 : defect });
        const offered = (['credit_card', 'paypay', 'konbini', 'merpay', 'bank_transfer'] as const).filter((_, index) => ((intent.b >> index) & 1) === 1 || index === intent.target % 5);
        const command: JsonObject = {
          op: 'session.create', id: `ses_${++sessionCount}`, merchant: base['merchant']!, amount: base['amount']!, currency: base['currency']!,
          payment_types: defect === 12 ? [] : defect === 13 ? [...offered, intent.a % 2 === 0 ? 'bitcoin' : offered[0]!] : offered,
          return_url: (flags & 64) === 64 && defect >= 12 && defect < 20 ? (['ftp://shop.example/r', 'shop.example/r', 'https://shop .example/r', 'https:/shop.example'] as const)[intent.a % 4]! : 'https://shop.example/return',
          capture: (flags & 1) === 1 && defect >= 12 && defect < 20 ? 'later' : auto ? 'auto' : 'manual',
        };
        for (const field of ['as', 'platform_amount', 'platform_merchant']) if (base[field] !== undefined) command[field] = base[field]!;
        if (base['platform_details'] !== undefined && (auto || (defect >= 12 && defect < 20))) command['platform_details'] = base['platform_details']!;
        return command;
      }
      case 'session_complete':
      case 'session_cancel': {
        const pendingSessions = [...oracle.sessions].filter(([, session]) => session.status === 'pending').map(([id]) => id);
        if (pendingSessions.length === 0 && (defect < 12 || defect >= 20)) return buildCommand({ ...intent, kind: 'session' });
        const ids = pendingSessions.length > 0 && (defect < 16 || defect >= 20) ? pendingSessions : commands.filter((command) => command['op'] === 'session.create').map((command) => command['id'] as string);
        const id = ids.length === 0 || defect === 19 ? 'ses_missing' : ids[intent.target % ids.length]!;
        if (intent.kind === 'session_cancel') return { op: 'session.cancel', session: id };
        const created = commands.find((command) => command['op'] === 'session.create' && command['id'] === id);
        const offered = (created?.['payment_types'] as string[] | undefined) ?? ['credit_card'];
        const type = defect === 14 || offered.length === 0 ? 'merpay' : offered[intent.a % offered.length]!;
        return { op: 'session.complete', session: id, payment: defect === 15 && paymentIds().length > 0 ? paymentIds()[0]! : `pay_${++paymentCount}`, payment_type: type };
      }
      case 'retry': {
        // A command sent again with its idempotency key: as it was (answered with the first
        // result when that was accepted), or changed (idempotency_key_reused).
        const keyed = commands.filter((command) => command['idempotency_key'] !== undefined);
        if (keyed.length === 0) return { op: 'payment.cancel', payment: targetPayment(intent), idempotency_key: (flags & 1) === 1 ? '' : 'x'.repeat(256) };
        const again = JSON.parse(JSON.stringify(keyed[intent.target % keyed.length]!)) as JsonObject;
        if (defect >= 12 && defect < 20) {
          if (again['minimum_amount'] !== undefined) again['minimum_amount'] = Number(again['minimum_amount']) + 1;
          else if (again['op'] === 'settlement.run') again['holidays'] = [...((again['holidays'] as Json[] | undefined) ?? []), '2026-12-31'];
          else if (again['amount'] !== undefined) again['amount'] = Number(again['amount']) + 1;
          else if (again['refund_request'] !== undefined) again['refund_request'] = `${String(again['refund_request'])}_other`;
          else if (again['session'] !== undefined) again['session'] = `${String(again['session'])}_other`;
          else again['payment'] = `${String(again['payment'])}_other`;
        }
        return again;
      }
      case 'transfer': {
        // Mostly a sub-merchant handing (part of) its available balance to the platform, which
        // makes its later refunds and requests tight; sometimes the platform paying a sub.
        const currency = (flags & 24) === 24 ? 'USD' : 'JPY';
        const funded = subIds.filter((id) => oracle.available(id, currency) > 0);
        const pool = funded.length > 0 && defect !== 16 ? funded : subIds;
        const sub = pool[intent.target % pool.length]!;
        const toPlatform = (flags & 1) === 0;
        const from = toPlatform ? sub : 'plat';
        const available = Math.max(0, oracle.available(from, currency));
        const amount = (flags & 4) === 4 ? available : Math.max(1, Math.floor((available * intent.a) / 1000));
        const command: JsonObject = { op: 'balance.transfer', merchant: 'plat', from, to: toPlatform ? 'plat' : sub, amount: defect === 12 ? available + 1 : amount, currency };
        if (defect === 13) command['to'] = from;
        if (defect === 14) command['from'] = 'x1';
        if (defect === 15 && subIds.length > 1) [command['from'], command['to']] = [subIds[0]!, subIds[1]!];
        return command;
      }
      case 'complete':
      case 'reject': {
        const ids = [...oracle.requests.keys()];
        const pendingIds = ids.filter((rid) => oracle.requests.get(rid)!.status === 'pending');
        const pool = (defect >= 16 && defect < 20) || pendingIds.length === 0 ? ids : pendingIds;
        const id = pool.length === 0 || defect === 19 ? 'rq_missing' : pool[intent.target % pool.length]!;
        return { op: intent.kind === 'complete' ? 'refund_request.complete' : 'refund_request.reject', refund_request: id };
      }
    }
  }
}
