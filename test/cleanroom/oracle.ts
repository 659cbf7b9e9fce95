/**
 * A clean-room oracle of the money of Kanjo's fund flows, written from ../shared/DOMAIN.md,
 * ../shared/SCENARIO.md, the seeds and the READMEs alone (not from packages/<name>/src nor the
 * model test). It reads a scenario file (SCENARIO.md format) and says, for each command, whether
 * it is accepted (and if not, its rejection code), and the final balance of every merchant.
 *
 * Scope: payment.create (capture true and false, marketplace split and seller model),
 * payment.capture (full and partial), payment.cancel / expire, payment.refund (reverse and
 * non-reverse, marketplace and seller model), payment.chargeback, payment.refund_request and
 * refund_request.complete / reject (refund fee, customer fee and their tax), balance.transfer,
 * session.create / complete / cancel, idempotency keys; per accepted command its events; at
 * the end the balances, the payments and the `records` view summed per merchant and type.
 * Command times (`at`: format, range, order) and payouts: payout_settings.update and
 * settlement.run (weekly and monthly periods, payout days moved past weekends and holidays,
 * `time_zone`, minimums carried over, each period settled once, capped by the available
 * balance). Not covered: the test and live books and merchant approval (SCENARIO.md does not
 * name the fields that would set them).
 *
 * Where the documents leave a choice open (which check comes first, a split restated unchanged,
 * a customer fee of 0, a refund split without an amount) the oracle follows the engine and says
 * so where it does; everything else is the documents' rule.
 *
 * Money is integers; every product with a rate or ratio is BigInt arithmetic with one explicit
 * half-up rounding step (DOMAIN.md "Money").
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface OracleResult {
  readonly ok: boolean;
  readonly code?: string;
}

export interface OraclePaymentView {
  status: string;
  amount: number;
  captured_amount: number;
  refunded_amount: number;
}

/** An event as SCENARIO.md's `events` list carries it (type, payment and, where they apply, session and refund request). */
export interface OracleEvent {
  type: string;
  payment?: string;
  session?: string;
  refund_request?: string;
  merchant?: string;
  /** What a webhook carries (ledger README): a refund request's status; a refund's, request's or payout's amount and currency. */
  status?: string;
  amount?: number;
  currency?: string;
}

export interface OracleReport {
  results: OracleResult[];
  events: OracleEvent[];
  /** merchant → currency → balance; zero balances are left out. */
  balances: Record<string, Record<string, number>>;
  /** "merchant|record type|currency" → total deposit and debit of its rows, sorted by key. */
  recordTotals: Record<string, { deposit: string; debit: string }>;
  payments: Record<string, OraclePaymentView>;
}

class Rejection extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}
const reject = (code: string): never => {
  throw new Rejection(code);
};

// ---------------------------------------------------------------- rates and rounding

/** A rate "d+(.d+)?%" as an exact fraction. */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export function parsePercent(text: string): Fraction {
  const match = /^(\d+)(?:\.(\d+))?%$/.exec(text);
  if (match === null) throw new Error(`oracle: not a rate: ${text}`);
  const decimals = match[2] ?? '';
  return { numerator: BigInt(match[1]! + decimals), denominator: 100n * 10n ** BigInt(decimals.length) };
}

/** round-half-up(a × n / d) for a, n ≥ 0, d > 0. */
export function mulDivHalfUp(a: bigint, n: bigint, d: bigint): bigint {
  return (2n * a * n + d) / (2n * d);
}

/** Fee = round-half-up(amount × rate); tax = round-half-up(fee × taxRate) on the rounded fee. */
export function feeAndTax(amount: number, rate: Fraction, taxRate: Fraction): { fee: number; tax: number } {
  const fee = mulDivHalfUp(BigInt(amount), rate.numerator, rate.denominator);
  const tax = mulDivHalfUp(fee, taxRate.numerator, taxRate.denominator);
  return { fee: Number(fee), tax: Number(tax) };
}

// ---------------------------------------------------------------- configuration

interface MerchantInfo {
  id: string;
  type: 'platform' | 'seller' | 'payout';
  business?: 'platform' | 'marketplace';
  platform?: string;
  active: boolean;
  paymentTypes?: string[];
  methods: Record<string, { rate: Fraction; customerFee?: number }>;
}

/** Payment types whose fund flow Kanjo knows (DOMAIN.md "Payments"). */
const CARD_TYPES = new Set(['credit_card']);
const WALLET_TYPES = new Set(['paypay', 'linepay', 'merpay']);
const WAITING_TYPES = new Set(['konbini', 'bank_transfer', 'pay_easy']);
const KNOWN_TYPES = new Set([...CARD_TYPES, ...WALLET_TYPES, ...WAITING_TYPES]);

// ---------------------------------------------------------------- state

/**
 * A command without its time and key, keys sorted at every level, its defaults left out.
 *
 * @param authorized - a payment's authorized amount, the default of a capture's `amount`.
 */
function fingerprint(command: JsonObject, authorized: (payment: Json | undefined) => number | undefined): string {
  const canonical = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key]!)]));
    }
    return value;
  };
  const { at: _at, idempotency_key: _key, ...rest } = command;
  // Ledger README "Idempotency": "A default written out is the same command as the default left out".
  if (rest['op'] === 'settlement.run' && Array.isArray(rest['holidays']) && rest['holidays'].length === 0) delete rest['holidays'];
  if (rest['op'] === 'payment.create' && rest['capture'] === true) delete rest['capture'];
  if (rest['op'] === 'payment.create' && rest['origin'] === 'api') delete rest['origin'];
  if (rest['op'] === 'payment.refund_request' && rest['include_payment_method_fee'] === false) delete rest['include_payment_method_fee'];
  if (rest['op'] === 'payment.capture' && rest['amount'] !== undefined && rest['amount'] === authorized(rest['payment'])) delete rest['amount'];
  return JSON.stringify(canonical(rest));
}

/** ISO 4217 codes the scenarios use; anything else is currency_unknown. */
const KNOWN_CURRENCIES = new Set(['JPY', 'USD', 'EUR', 'KRW', 'TWD', 'CNY', 'GBP']);

const sameLines = (left: Line[], right: Line[]): boolean =>
  left.length === right.length && left.every((line, index) => line.id === right[index]!.id && line.amount === right[index]!.amount && line.fee === right[index]!.fee);

interface Line {
  id: string;
  amount: number;
  fee: number;
}

interface Payment {
  id: string;
  model: 'marketplace' | 'seller';
  platform: string;
  seller?: string;
  amount: number;
  currency: string;
  type: string;
  origin: 'api' | 'session';
  status: 'authorized' | 'captured' | 'cancelled' | 'expired' | 'refunded';
  captured: number;
  /** Completed refunds and chargebacks. */
  refunded: number;
  /** Marketplace: the split given at creation of a payment that waits for the customer. */
  pendingSplit?: Line[];
  /** Seller model: platform_amount given at creation; fixed when the payment waits for the customer with capture true. */
  platformAmount?: number;
  platformAmountFixed?: boolean;
  /** Marketplace, after capture: party → share (what it netted) and party → refunded (incl. pending requests). */
  shares: Map<string, number>;
  refundedShares: Map<string, number>;
  /** Seller model: the platform's completed refunded part. */
  platformRefunded: number;
  customerFeeUsed: boolean;
  /** The session the payment came from. */
  session?: string;
}

interface RefundRequest {
  id: string;
  payment: string;
  amount: number;
  status: 'pending' | 'completed' | 'rejected';
  includeFee: boolean;
  /** Marketplace: fixed parts (party → what it gives back; platform part under the platform id). */
  parts?: Map<string, number>;
  refundFee: { fee: number; tax: number };
  customerFee?: { fee: number; tax: number };
}

const BANK = {
  customer_name: /^[\u30A0-\u30FF\u3000 ]+$/u,
};

/** A posting on a merchant's balance: merchant, signed amount (deposit positive), record type. */
type Posting = [string, number, string];

export class Oracle {
  /** "merchant|record type|currency" → total deposit and debit (SCENARIO.md `records`). */
  readonly records = new Map<string, { deposit: bigint; debit: bigint }>();
  readonly merchants = new Map<string, MerchantInfo>();
  readonly balances = new Map<string, Map<string, number>>();
  readonly payments = new Map<string, Payment>();
  readonly requests = new Map<string, RefundRequest>();
  readonly taxRate: Fraction;
  readonly refundRequestFee: number;
  /** SCENARIO.md `time_zone`: the UTC offset payout dates are read in, in minutes (default +09:00). */
  readonly offsetMinutes: number;

  constructor(document: JsonObject) {
    const zone = typeof document['time_zone'] === 'string' ? document['time_zone'] : '+09:00';
    const zoneMatch = /^([+-])(\d\d):(\d\d)$/.exec(zone);
    this.offsetMinutes = zoneMatch === null ? 540 : (zoneMatch[1] === '-' ? -1 : 1) * (Number(zoneMatch[2]) * 60 + Number(zoneMatch[3]));
    this.taxRate = parsePercent(typeof document['tax_rate'] === 'string' ? document['tax_rate'] : '10%');
    this.refundRequestFee = typeof document['refund_request_fee'] === 'number' ? document['refund_request_fee'] : 300;
    for (const raw of document['merchants'] as JsonObject[]) {
      const methods: MerchantInfo['methods'] = {};
      const pm = raw['payment_methods'] as Record<string, JsonObject> | undefined;
      for (const [type, settings] of Object.entries(pm ?? {})) {
        const customerFee = settings['customer_fee'];
        methods[type] = { rate: parsePercent(settings['fee_rate'] as string), ...(typeof customerFee === 'number' ? { customerFee } : {}) };
      }
      const info: MerchantInfo = {
        id: raw['id'] as string,
        type: raw['type'] as MerchantInfo['type'],
        active: raw['status'] !== 'deactivated',
        methods,
      };
      if (typeof raw['business'] === 'string') info.business = raw['business'] as 'platform' | 'marketplace';
      if (typeof raw['platform'] === 'string') info.platform = raw['platform'];
      if (Array.isArray(raw['payment_types'])) info.paymentTypes = raw['payment_types'] as string[];
      this.merchants.set(info.id, info);
    }
  }

  // ------------------------------------------------------------ balances

  posted(merchant: string, currency: string): number {
    return this.balances.get(merchant)?.get(currency) ?? 0;
  }

  private move(merchant: string, currency: string, delta: number, into: Map<string, Map<string, number>>): void {
    let byCurrency = into.get(merchant);
    if (byCurrency === undefined) into.set(merchant, (byCurrency = new Map()));
    byCurrency.set(currency, (byCurrency.get(currency) ?? 0) + delta);
  }

  /** What pending refund requests hold from each merchant (DOMAIN.md "Sufficient balance"). */
  holds(): Map<string, Map<string, number>> {
    const held = new Map<string, Map<string, number>>();
    for (const request of this.requests.values()) {
      if (request.status !== 'pending') continue;
      const payment = this.payments.get(request.payment)!;
      for (const [party, cost] of this.requestCosts(request, payment)) this.move(party, payment.currency, cost, held);
    }
    return held;
  }

  available(merchant: string, currency: string): number {
    return this.posted(merchant, currency) - (this.holds().get(merchant)?.get(currency) ?? 0);
  }

  /** "merchant|currency" → [time (ms), posted balance after] per entry that touched it, in order. */
  readonly history = new Map<string, [number, number][]>();
  /** "merchant|currency" → [time, amount] of each payout. */
  readonly payouts = new Map<string, [number, number][]>();
  /** "merchant|currency" → payout settings; "merchant|currency|period start" of every settled period. */
  readonly payoutSettings = new Map<string, { weekly: boolean; minimum: number }>();
  readonly settled = new Set<string>();
  /** The time of the last accepted command (ms since the epoch; 1970-01-01 before the first). */
  now = 0;

  /** Posted balance just before `time` (entries dated before it). */
  balanceBefore(merchant: string, currency: string, time: number): number {
    let balance = 0;
    for (const [at, value] of this.history.get(`${merchant}|${currency}`) ?? []) if (at < time) balance = value;
    return balance;
  }

  /** Applies signed deltas atomically, refusing a balance beyond 2^53 − 1. */
  private post(currency: string, deltas: Posting[]): void {
    // Netted per merchant in BigInt: a running sum of the postings may pass 2^53 on the way
    // (a refund's Refund before its Payment Transfer Returns) although the result does not.
    const next = new Map<string, bigint>();
    for (const [merchant, delta] of deltas) next.set(merchant, (next.get(merchant) ?? BigInt(this.posted(merchant, currency))) + BigInt(delta));
    for (const value of next.values()) if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) reject('balance_overflow');
    for (const [merchant, delta, type] of deltas) {
      if (delta === 0) continue;
      const key = `${merchant}|${type}|${currency}`;
      const record = this.records.get(key) ?? { deposit: 0n, debit: 0n };
      if (delta > 0) record.deposit += BigInt(delta);
      else record.debit -= BigInt(delta);
      this.records.set(key, record);
    }
    for (const [merchant, value] of next) {
      const key = `${merchant}|${currency}`;
      const history = this.history.get(key) ?? [];
      history.push([this.now, Number(value)]);
      this.history.set(key, history);
      let byCurrency = this.balances.get(merchant);
      if (byCurrency === undefined) this.balances.set(merchant, (byCurrency = new Map()));
      byCurrency.set(currency, Number(value));
    }
  }

  /** Each party of `costs` with a positive cost must have that much available. */
  private requireBalances(currency: string, costs: Map<string, number>): void {
    for (const [party, cost] of costs) if (cost > 0 && this.available(party, currency) < cost) reject('insufficient_balance');
  }

  // ------------------------------------------------------------ commands

  readonly events: OracleEvent[] = [];
  private buffered: OracleEvent[] = [];

  /** DOMAIN.md lifecycle table: the events of an accepted command; a session's payment's carry its id. */
  private emit(type: string, payment: Payment, request?: RefundRequest, amount?: number): void {
    const event: OracleEvent = { type, payment: payment.id };
    if (payment.session !== undefined) event.session = payment.session;
    if (request !== undefined) event.refund_request = request.id;
    if (type === 'refund_request.updated' && request !== undefined) Object.assign(event, { status: request.status, amount: request.amount, currency: payment.currency });
    if (amount !== undefined) Object.assign(event, { amount, currency: payment.currency });
    this.buffered.push(event);
  }

  readonly sessions = new Map<string, { command: JsonObject; status: 'pending' | 'completed' | 'cancelled' }>();

  /** Idempotency key → fingerprint of the accepted command it came with. */
  readonly idempotency = new Map<string, string>();

  execute(command: JsonObject): OracleResult {
    const previous = this.now;
    try {
      // SCENARIO.md: "the same key with the same command is answered with the first result and
      // posts nothing again; with a different command it is rejected". Only accepted commands
      // are remembered (ledger README "Idempotency").
      // The command's amounts are refused before its time is looked at (an order the documents
      // leave open; the engine's).
      this.readAmounts(command);
      const key = command['idempotency_key'];
      let print: string | undefined;
      if (key !== undefined) {
        if (typeof key !== 'string' || key.length === 0 || key.length > 255) reject('idempotency_key_invalid');
        print = fingerprint(command, (payment) => (typeof payment === 'string' ? this.payments.get(payment)?.amount : undefined));
        const first = this.idempotency.get(key as string);
        if (first !== undefined) {
          if (first !== print) reject('idempotency_key_reused');
          return { ok: true };
        }
      }
      // The key is looked up before the time is (the engine's order: a retry answers its first
      // result whatever its `at`).
      // SCENARIO.md: `at` an ISO 8601 time; without it, the previous command's; one before the
      // previous command's is rejected (ledger README `time_invalid`, `time_out_of_order`).
      if (command['at'] !== undefined) {
        const at = command['at'];
        // The engine also reads a basic-format offset (+0900) and offsets up to 14:59 (its hours at
        // most 14; the documents set no limit); the
        // time falls between 1400-01-02 and 9999-12-30 in UTC (ledger README `time_invalid`).
        const match = typeof at === 'string' ? /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?(Z|[+-]\d\d:?\d\d)$/.exec(at) : null;
        if (match === null) reject('time_invalid');
        const [, y, mo, d, h, mi, sec, frac, zone] = match!;
        const check = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec ?? 0), Number((frac ?? '').slice(0, 3).padEnd(3, '0'))));
        check.setUTCFullYear(Number(y));
        const local = check.getTime();
        if (check.getUTCFullYear() !== Number(y) || check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59 || Number(sec ?? 0) > 59) reject('time_invalid');
        const zoneDigits = zone === 'Z' ? '0000' : zone!.slice(1).replace(':', '');
        const zoneMinutes = (zone!.startsWith('-') ? -1 : 1) * (Number(zoneDigits.slice(0, 2)) * 60 + Number(zoneDigits.slice(2, 4)));
        if (Number(zoneDigits.slice(0, 2)) > 14 || Number(zoneDigits.slice(2, 4)) > 59) reject('time_invalid');
        const time = local - zoneMinutes * 60_000;
        const first = new Date(0); first.setUTCFullYear(1400, 0, 2);
        const last = new Date(0); last.setUTCFullYear(9999, 11, 31);
        if (time < first.getTime() || time >= last.getTime()) reject('time_invalid');
        if (time < previous) reject('time_out_of_order');
        this.now = time;
      }
      this.buffered = [];
      this.dispatch(command);
      this.events.push(...this.buffered);
      if (print !== undefined) this.idempotency.set(key as string, print);
      return { ok: true };
    } catch (error) {
      this.now = previous;
      if (error instanceof Rejection) return { ok: false, code: error.code };
      throw error;
    }
  }

  private readAmounts(command: JsonObject): void {
    // A missing field is refused with the amounts, before the time (the engine's order).
    if (command['op'] === 'payout_settings.update') for (const field of ['merchant', 'target', 'currency', 'frequency', 'minimum_amount']) if (command[field] === undefined) reject('field_missing');
    if (command['op'] === 'settlement.run' && command['date'] === undefined) reject('field_missing');
    if (command['amount'] !== undefined) this.amount(command['amount']);
    if (command['platform_amount'] !== undefined) this.amount(command['platform_amount'], false);
    if (command['minimum_amount'] !== undefined) this.amount(command['minimum_amount'], false);
    if (command['platform_details'] !== undefined && command['platform_details'] !== null) this.lines(command['platform_details']);
  }

  private dispatch(command: JsonObject): void {
    switch (command['op']) {
      case 'payment.create':
        return this.create(command);
      case 'payment.capture':
        return this.capture(command);
      case 'payment.cancel':
        return this.cancel(command);
      case 'payment.expire':
        return this.expire(command);
      case 'payment.refund':
        return this.refund(command);
      case 'payment.chargeback':
        return this.chargeback(command);
      case 'payment.refund_request':
        return this.refundRequest(command);
      case 'balance.transfer':
        return this.transfer(command);
      case 'session.create':
        return this.createSession(command);
      case 'session.complete':
        return this.completeSession(command);
      case 'session.cancel':
        return this.cancelSession(command);
      case 'payout_settings.update':
        return this.updatePayoutSettings(command);
      case 'settlement.run':
        return this.runSettlement(command);
      case 'refund_request.complete':
        return this.settleRequest(command, true);
      case 'refund_request.reject':
        return this.settleRequest(command, false);
      default:
        return reject('op_unknown');
    }
  }

  private amount(value: Json | undefined, positive = true): number {
    if (typeof value === 'string') {
      if (/^\d+(\.\d+)?[eE][+-]?\d+$/.test(value)) reject('amount_exponent_notation');
      if (/^\d+\.\d+$/.test(value)) reject('amount_not_integer');
      if (/^-\d+$/.test(value)) reject('amount_negative');
      if (!/^\d+$/.test(value)) reject('amount_not_a_number');
      value = Number(value);
    }
    if (typeof value !== 'number' || Number.isNaN(value)) return reject('amount_not_a_number');
    if (!Number.isInteger(value)) reject('amount_not_integer');
    if (value < 0) reject('amount_negative');
    if (!Number.isSafeInteger(value)) reject('amount_not_safe_integer');
    if (positive && value === 0) reject('amount_not_positive');
    return value;
  }

  private payment(id: Json | undefined): Payment {
    const payment = typeof id === 'string' ? this.payments.get(id) : undefined;
    return payment ?? reject('payment_not_found');
  }

  private platformOf(payment: Payment): MerchantInfo {
    return this.merchants.get(payment.platform)!;
  }

  private partialAllowed(payment: Payment): boolean {
    if (CARD_TYPES.has(payment.type)) return true;
    return payment.origin === 'session' && WALLET_TYPES.has(payment.type);
  }

  private accepts(merchant: MerchantInfo, platform: MerchantInfo, type: string): boolean {
    if (!(type in platform.methods)) return false;
    return merchant.paymentTypes === undefined || merchant.paymentTypes.includes(type);
  }

  /** A marketplace split line list from platform_details (undefined when absent). */
  private lines(details: Json | undefined): Line[] | undefined {
    if (details === undefined || details === null) return undefined;
    const submerchants = (details as JsonObject)['submerchants'] as JsonObject[] | undefined;
    // `"platform_details": {}` (seed [001]'s authorization request) is no split.
    if (submerchants === undefined) return undefined;
    return submerchants.map((line) => ({
      id: line['submerchant_id'] as string,
      amount: this.amount(line['amount'], false),
      fee: this.amount(line['platform_fee'], false),
    }));
  }

  /**
   * DOMAIN.md "Platform Processing Model": each line positive, 0 ≤ platform_fee ≤ amount, each
   * submerchant once, a payout merchant of this platform, active; the sum rule.
   */
  private validateSplit(platform: MerchantInfo, type: string | undefined, lines: Line[], target: number, exact: boolean): void {
    const seen = new Set<string>();
    for (const line of lines) {
      if (seen.has(line.id)) reject('split_duplicate_submerchant');
      seen.add(line.id);
      if (line.amount === 0) reject('split_line_amount_not_positive');
      if (line.fee > line.amount) reject('split_platform_fee_exceeds_amount');
    }
    const sum = lines.reduce((total, line) => total + line.amount, 0);
    if (!Number.isSafeInteger(sum)) reject('amount_sum_not_safe_integer');
    if (exact && sum !== target) reject('split_sum_mismatch');
    if (!exact && sum > target) reject('split_sum_exceeds_amount');
    for (const line of lines) {
      if (line.id === platform.id) reject('split_with_self');
      const sub = this.merchants.get(line.id) ?? reject('submerchant_not_found');
      if (sub.platform !== platform.id) reject('submerchant_not_owned');
      if (sub.type !== 'payout') reject('submerchant_not_payout');
      if (!sub.active) reject('merchant_deactivated');
      if (type !== undefined && !this.accepts(sub, platform, type)) reject('payment_type_not_accepted');
    }
  }

  /** payment.create; `probe`: a session's creation checks only the parties and the split, creates nothing. */
  private create(command: JsonObject, probe = false, partiesOnly = false): void {
    const platform = this.merchants.get(command['merchant'] as string) ?? reject('merchant_not_found');
    if (platform.type !== 'platform') reject('merchant_not_platform');
    if (!platform.active) reject('merchant_deactivated');
    const id = command['id'] as string;
    if (this.payments.has(id)) reject('payment_id_taken');
    const amount = this.amount(command['amount']);
    const model = platform.business === 'marketplace' ? 'marketplace' : 'seller';
    // The split's amounts and platform_amount are read with the command (before the parties
    // and the payment type are checked).
    const lines = model === 'marketplace' ? this.lines(command['platform_details']) : undefined;
    const platformAmountGiven = model === 'seller' && command['platform_amount'] !== undefined ? this.amount(command['platform_amount'], false) : undefined;
    const asId = command['as'];
    let seller: MerchantInfo | undefined;
    if (model === 'marketplace') {
      if (asId !== undefined) reject('dual_authentication_not_allowed');
    } else {
      if (asId === undefined) reject('seller_required');
      if (asId === platform.id) reject('split_with_self');
      seller = this.merchants.get(asId as string) ?? reject('submerchant_not_found');
      if (seller.platform !== platform.id) reject('submerchant_not_owned');
      if (seller.type !== 'seller') reject('submerchant_not_seller');
      if (!seller.active) reject('merchant_deactivated');
    }
    const currency = command['currency'] as string;
    if (!KNOWN_CURRENCIES.has(currency)) reject('currency_unknown');
    if (partiesOnly) return;
    const type = command['payment_type'] as string;
    if (!probe && !KNOWN_TYPES.has(type)) reject('payment_type_not_supported');
    if (!probe && !this.accepts(seller ?? platform, platform, type)) reject('payment_type_not_accepted');
    // The engine reads the strings "true" and "false" too (seed [001] sends "capture":"false").
    const capture = command['capture'] !== false && command['capture'] !== 'false';
    const origin = command['origin'] === 'session' ? 'session' : 'api';
    const waits = WAITING_TYPES.has(type);
    const payment: Payment = {
      id, model, platform: platform.id, amount, currency, type, origin,
      status: 'authorized', captured: 0, refunded: 0,
      shares: new Map(), refundedShares: new Map(), platformRefunded: 0, customerFeeUsed: false,
    };
    if (model === 'marketplace') {
      if (command['platform_amount'] !== undefined || command['platform_merchant'] !== undefined) reject('platform_amount_not_allowed');
      if (!capture) {
        // An empty submerchants list at authorization is taken as no split (the engine accepts
        // it; seed [001] shows `"platform_details": {}` on an authorization).
        if (lines !== undefined && lines.length > 0) reject('split_not_allowed_at_authorization');
      } else {
        if (lines === undefined) reject('split_required');
        this.validateSplit(platform, probe ? undefined : type, lines!, amount, true);
        if (waits) payment.pendingSplit = lines!;
      }
      if (probe) return;
      if (command['session'] !== undefined) payment.session = command['session'] as string;
      if (capture && !waits) this.captureMarketplace(payment, amount, lines!);
      else this.emit('payment.authorized', payment);
      this.payments.set(id, payment);
      return;
    }
    // Seller Processing Model (DOMAIN.md; seed [002]).
    payment.seller = seller!.id;
    if (command['platform_details'] !== undefined) reject('split_not_allowed_for_seller');
    if (command['platform_amount'] === undefined || command['platform_merchant'] === undefined) reject('seller_split_required');
    const platformMerchant = command['platform_merchant'] as string;
    if (platformMerchant === seller!.id) reject('split_with_self');
    const named = this.merchants.get(platformMerchant);
    if (named !== undefined && !named.active) reject('merchant_deactivated');
    if (platformMerchant !== platform.id) reject('platform_merchant_mismatch');
    const platformAmount = platformAmountGiven!;
    if (platformAmount > amount) reject('platform_amount_exceeds_amount');
    payment.platformAmount = platformAmount;
    payment.platformAmountFixed = capture && waits;
    if (probe) return;
    if (command['session'] !== undefined) payment.session = command['session'] as string;
    if (capture && !waits) this.captureSeller(payment, amount, platformAmount);
    else this.emit('payment.authorized', payment);
    this.payments.set(id, payment);
  }

  private processingFee(payment: Payment, captured: number): { fee: number; tax: number } {
    return feeAndTax(captured, this.platformOf(payment).methods[payment.type]!.rate, this.taxRate);
  }

  private captureMarketplace(payment: Payment, captured: number, lines: Line[]): void {
    const { fee, tax } = this.processingFee(payment, captured);
    const deltas: Posting[] = [[payment.platform, captured, 'Payment']];
    let payoutNet = 0;
    for (const line of lines) {
      deltas.push([payment.platform, -line.amount, 'Payment Transfer'], [line.id, line.amount, 'Payment Transfer']);
      deltas.push([payment.platform, line.fee, 'Platform Fee'], [line.id, -line.fee, 'Platform Fee']);
      payoutNet += line.amount - line.fee;
    }
    deltas.push([payment.platform, -fee, 'Processing Fee'], [payment.platform, -tax, 'Processing Fee Tax']);
    this.post(payment.currency, deltas); // may refuse (balance_overflow): nothing changes before it
    for (const line of lines) {
      payment.shares.set(line.id, line.amount - line.fee);
      payment.refundedShares.set(line.id, 0);
    }
    payment.shares.set(payment.platform, captured - payoutNet);
    payment.refundedShares.set(payment.platform, 0);
    payment.captured = captured;
    payment.status = 'captured';
    this.emit('payment.captured', payment);
  }

  private captureSeller(payment: Payment, captured: number, platformAmount: number): void {
    const { fee, tax } = this.processingFee(payment, captured);
    this.post(payment.currency, [
      [payment.seller!, captured, 'Payment'],
      [payment.seller!, -platformAmount, 'Platform Fee'],
      [payment.platform, platformAmount, 'Platform Fee'],
      [payment.platform, -fee, 'Processing Fee'],
      [payment.platform, -tax, 'Processing Fee Tax'],
    ]);
    payment.platformAmount = platformAmount;
    payment.captured = captured;
    payment.status = 'captured';
    this.emit('payment.captured', payment);
  }

  private capture(command: JsonObject): void {
    const requested = command['amount'] === undefined ? undefined : this.amount(command['amount']);
    const restated = command['platform_amount'] === undefined ? undefined : this.amount(command['platform_amount'], false);
    const payment = this.payment(command['payment']);
    if (payment.status !== 'authorized') reject('payment_not_authorized');
    const amount = requested ?? payment.amount;
    if (amount > payment.amount) reject('capture_exceeds_authorized');
    const partial = amount < payment.amount;
    if (partial && !this.partialAllowed(payment)) reject('partial_capture_not_supported');
    const platform = this.platformOf(payment);
    if (payment.model === 'marketplace') {
      let lines = this.lines(command['platform_details']);
      if (payment.pendingSplit !== undefined) {
        // The engine takes a restatement of the very same split (ambiguity: the README says to
        // leave it out); another split is split_fixed_at_creation.
        if (lines !== undefined && !sameLines(lines, payment.pendingSplit)) reject('split_fixed_at_creation');
        lines = payment.pendingSplit;
      } else {
        if (lines === undefined) reject('split_required');
        this.validateSplit(platform, payment.type, lines!, amount, partial);
      }
      return this.captureMarketplace(payment, amount, lines!);
    }
    let platformAmount = payment.platformAmount!;
    if (restated !== undefined) {
      // As for the marketplace: the same platform_amount restated is taken.
      if (payment.platformAmountFixed && restated !== platformAmount) reject('split_fixed_at_creation');
      platformAmount = restated;
    }
    if (platformAmount > amount) reject('platform_amount_exceeds_amount');
    this.captureSeller(payment, amount, platformAmount);
  }

  /**
   * DOMAIN.md "Hosted page sessions": validated at creation (positive amount, absolute http(s)
   * return_url, payment types non-empty and each accepted, capture auto or manual, the split or
   * platform amount as payment.create would take it); completing it creates the payment exactly
   * as payment.create would, origin session, `capture: auto` as `capture: true`.
   */
  private createSession(command: JsonObject): void {
    const id = command['id'] as string;
    this.amount(command['amount']);
    if (this.sessions.has(id)) reject('session_id_taken');
    const types = command['payment_types'] as string[];
    // The parties as payment.create checks them, then the types, return_url and capture, then the
    // split (the engine's order; the payment type is not known yet).
    const probe = this.paymentCommandOf(command, `${id}\u0000probe`, types[0] ?? 'credit_card');
    this.create(probe, true, true);
    if (types.length === 0) reject('session_payment_types_empty');
    const platform = this.merchants.get(command['merchant'] as string)!;
    const processing = typeof command['as'] === 'string' ? this.merchants.get(command['as'])! : platform;
    // Each type offered must be accepted, and offered once (README: session_payment_types_repeated).
    types.forEach((type, index) => {
      if (!KNOWN_TYPES.has(type) || !this.accepts(processing, platform, type)) reject('payment_type_not_accepted');
      if (types.indexOf(type) !== index) reject('session_payment_types_repeated');
    });
    const url = command['return_url'];
    if (typeof url !== 'string' || !/^https?:\/\/[^\s\\/?#]+[^\s\\]*$/.test(url)) reject('session_return_url_invalid');
    const capture = command['capture'];
    if (capture !== 'auto' && capture !== 'manual') reject('session_capture_invalid');
    this.create(probe, true);
    this.sessions.set(id, { command, status: 'pending' });
  }

  private paymentCommandOf(session: JsonObject, paymentId: string, type: string): JsonObject {
    const command: JsonObject = { op: 'payment.create', id: paymentId, merchant: session['merchant']!, amount: session['amount']!, currency: session['currency']!, payment_type: type, capture: session['capture'] === 'auto', origin: 'session' };
    for (const field of ['as', 'platform_details', 'platform_amount', 'platform_merchant']) if (session[field] !== undefined) command[field] = session[field]!;
    return command;
  }

  private completeSession(command: JsonObject): void {
    const session = this.sessions.get(command['session'] as string) ?? reject('session_not_found');
    if (session.status !== 'pending') reject('session_not_pending');
    const type = command['payment_type'] as string;
    if (!(session.command['payment_types'] as string[]).includes(type)) reject('session_payment_type_not_offered');
    this.create({ ...this.paymentCommandOf(session.command, command['payment'] as string, type), session: command['session']! });
    session.status = 'completed';
  }

  private cancelSession(command: JsonObject): void {
    const session = this.sessions.get(command['session'] as string) ?? reject('session_not_found');
    if (session.status !== 'pending') reject('session_not_pending');
    session.status = 'cancelled';
  }

  /** DOMAIN.md "Balance transfers": the platform, from itself to its sub-merchant or back; the source covers the amount. */
  private transfer(command: JsonObject): void {
    const platform = this.merchants.get(command['merchant'] as string) ?? reject('merchant_not_found');
    if (platform.type !== 'platform') reject('merchant_not_platform');
    const amount = this.amount(command['amount']);
    const from = command['from'] as string;
    const to = command['to'] as string;
    if (from === to) reject('transfer_same_party');
    if (from !== platform.id && to !== platform.id) reject('transfer_must_involve_platform');
    const other = this.merchants.get(from === platform.id ? to : from) ?? reject('merchant_not_found');
    if (other.platform !== platform.id) reject('submerchant_not_owned');
    if (!platform.active || !other.active) reject('merchant_deactivated');
    const currency = command['currency'] as string;
    if (this.available(from, currency) < amount) reject('insufficient_balance');
    this.post(currency, [[from, -amount, 'Balance Transfer'], [to, amount, 'Balance Transfer']]);
  }

  // ------------------------------------------------------------ payouts (DOMAIN.md "Payouts")

  /** Set by the platform for itself and each sub-merchant, per currency: weekly or monthly, a minimum of 0 or more. */
  private updatePayoutSettings(command: JsonObject): void {
    const minimum = this.amount(command['minimum_amount'], false);
    const platform = this.merchants.get(command['merchant'] as string) ?? reject('merchant_not_found');
    if (platform.type !== 'platform') reject('merchant_not_platform');
    const target = this.merchants.get(command['target'] as string) ?? reject('submerchant_not_found');
    if (target.id !== platform.id && target.platform !== platform.id) reject('submerchant_not_owned');
    if (!platform.active || !target.active) reject('merchant_deactivated');
    const currency = command['currency'] as string;
    if (!KNOWN_CURRENCIES.has(currency)) reject('currency_unknown');
    const frequency = command['frequency'];
    if (frequency !== 'weekly' && frequency !== 'monthly') reject('payout_frequency_invalid');
    this.payoutSettings.set(`${target.id}|${currency}`, { weekly: frequency === 'weekly', minimum });
  }

  /**
   * A run dated `date` pays, for every merchant with payout settings, each period whose payout day
   * (weekly: the Friday after the Saturday–Friday week's Friday; monthly: the last day of the next
   * month; moved to the next business day past weekends and `holidays`) is `date`: what its
   * balance held at the period's end (local midnight in `time_zone`) less the payouts since,
   * capped by its available balance, nothing below the minimum (carried over: the period is
   * settled all the same), each period once.
   */
  private runSettlement(command: JsonObject): void {
    const dayOf = (text: Json | undefined, code: string): number => {
      const match = typeof text === 'string' ? /^(\d{4})-(\d\d)-(\d\d)$/.exec(text) : null;
      if (match === null) return reject(code);
      const check = new Date(Date.UTC(2000, Number(match[2]) - 1, Number(match[3])));
      check.setUTCFullYear(Number(match[1]));
      const ms = check.getTime();
      if (Number(match[1]) < 1 || check.getUTCFullYear() !== Number(match[1]) || check.getUTCMonth() !== Number(match[2]) - 1 || check.getUTCDate() !== Number(match[3])) reject(code);
      return ms / 86_400_000;
    };
    const date = dayOf(command['date'], 'date_invalid');
    const holidays = new Set<number>();
    for (const holiday of (command['holidays'] as Json[] | undefined) ?? []) holidays.add(dayOf(holiday, 'holiday_date_invalid'));
    const weekday = (day: number): number => new Date(day * 86_400_000).getUTCDay();
    // Ledger README `holiday_calendar_invalid`: "the holidays leave no business day for 31 days in a row".
    for (const holiday of holidays) {
      let first = holiday;
      while (holidays.has(first - 1) || weekday(first - 1) === 0 || weekday(first - 1) === 6) first--;
      let last = holiday;
      while (holidays.has(last + 1) || weekday(last + 1) === 0 || weekday(last + 1) === 6) last++;
      if (last - first + 1 >= 31) reject('holiday_calendar_invalid');
    }
    const business = (day: number): number => {
      while (weekday(day) === 0 || weekday(day) === 6 || holidays.has(day)) day++;
      return day;
    };
    // Periods due on `date`: [first day, last day] (day numbers), oldest first.
    const weekly: [number, number][] = [];
    for (let friday = date - 60; friday <= date; friday++) {
      if (weekday(friday) === 5 && business(friday) === date) weekly.push([friday - 13, friday - 7]);
    }
    const monthly: [number, number][] = [];
    const runDate = new Date(date * 86_400_000);
    for (let back = 3; back >= 0; back--) {
      const year = runDate.getUTCFullYear();
      const month = runDate.getUTCMonth() - back; // the payout month; the period is the month before
      const payday = Date.UTC(year, month + 1, 0) / 86_400_000;
      if (business(payday) === date) monthly.push([Date.UTC(year, month - 1, 1) / 86_400_000, Date.UTC(year, month, 0) / 86_400_000]);
    }
    const endOf = (lastDay: number): number => (lastDay + 1) * 86_400_000 - this.offsetMinutes * 60_000;
    const due: [string, string, number, { weekly: boolean; minimum: number }, [number, number]][] = [];
    // The documents leave the order of one run's payouts open; the oracle follows the engine's:
    // merchant ids, then each merchant's currencies, in code-unit order.
    const byMerchantThenCurrency = [...this.payoutSettings]
      .map(([key, settings]) => [...(key.split('|') as [string, string]), key, settings] as const)
      .sort(([leftId, leftCurrency], [rightId, rightCurrency]) => (leftId !== rightId ? (leftId < rightId ? -1 : 1) : leftCurrency < rightCurrency ? -1 : leftCurrency > rightCurrency ? 1 : 0));
    for (const [id, currency, key, settings] of byMerchantThenCurrency) {
      if (!this.merchants.has(id)) continue;
      for (const period of settings.weekly ? weekly : monthly) {
        if (this.settled.has(`${key}|${period[0]}|${period[1]}`)) continue;
        if (this.now < endOf(period[1])) reject('settlement_period_not_ended');
        due.push([id, currency, endOf(period[1]), settings, period]);
      }
    }
    for (const [id, currency, end, settings, period] of due) {
      const key = `${id}|${currency}`;
      let since = 0;
      for (const [at, paid] of this.payouts.get(key) ?? []) if (at >= end) since += paid;
      const amount = Math.min(this.balanceBefore(id, currency, end) - since, this.available(id, currency));
      this.settled.add(`${key}|${period[0]}|${period[1]}`);
      if (amount <= 0 || amount < settings.minimum) continue;
      this.post(currency, [[id, -amount, 'Payout']]);
      const list = this.payouts.get(key) ?? [];
      list.push([this.now, amount]);
      this.payouts.set(key, list);
      this.buffered.push({ type: 'settlement.created', merchant: id, amount, currency });
    }
  }

  private cancel(command: JsonObject): void {
    const payment = this.payment(command['payment']);
    if (payment.status !== 'authorized') reject('payment_not_cancellable');
    payment.status = 'cancelled';
    this.emit('payment.cancelled', payment);
  }

  private expire(command: JsonObject): void {
    const payment = this.payment(command['payment']);
    if (payment.status !== 'authorized') reject('payment_not_expirable');
    payment.status = 'expired';
    this.emit('payment.expired', payment);
  }

  /** What is left to refund: captured less completed refunds and pending requests. */
  private remaining(payment: Payment): number {
    let pending = 0;
    for (const request of this.requests.values()) if (request.payment === payment.id && request.status === 'pending') pending += request.amount;
    return payment.captured - payment.refunded - pending;
  }

  private refundablePayment(payment: Payment): void {
    if (payment.status === 'refunded') reject('payment_already_refunded');
    if (payment.status !== 'captured') reject('payment_not_captured');
  }

  /**
   * Marketplace parts of a refund of `amount` (DOMAIN.md "Refunds, marketplace"): reverse with no
   * split (the rest of every share), otherwise the caller's split. Returns party → part; the
   * platform's part is under the platform's id.
   */
  private marketplaceParts(payment: Payment, amount: number, remaining: number, details: Json | undefined): Map<string, number> {
    const lines = this.lines(details);
    const parts = new Map<string, number>();
    if (lines === undefined) {
      if (amount !== remaining) reject('refund_split_required');
      for (const [party, share] of payment.shares) parts.set(party, share - payment.refundedShares.get(party)!);
      return parts;
    }
    const seen = new Set<string>();
    for (const line of lines) {
      if (seen.has(line.id)) reject('refund_split_duplicate_submerchant');
      seen.add(line.id);
      if (line.id === payment.platform || !payment.shares.has(line.id)) reject('refund_submerchant_not_in_payment');
    }
    const sum = lines.reduce((total, line) => total + line.amount + line.fee, 0);
    if (!Number.isSafeInteger(sum)) reject('amount_sum_not_safe_integer');
    if (sum !== amount) reject('refund_split_sum_mismatch');
    let platformPart = 0;
    for (const line of lines) {
      if (line.amount > payment.shares.get(line.id)! - payment.refundedShares.get(line.id)!) reject('refund_exceeds_share');
      parts.set(line.id, line.amount);
      platformPart += line.fee;
    }
    if (platformPart > payment.shares.get(payment.platform)! - payment.refundedShares.get(payment.platform)!) reject('refund_exceeds_share');
    parts.set(payment.platform, platformPart);
    return parts;
  }

  /**
   * A refund with a split and no amount refunds what the split adds up to (the ledger README's
   * `amount_not_positive`: "or a refund split adds up to 0"); SCENARIO.md leaves it open.
   */
  private splitSum(details: Json | undefined): number | undefined {
    const lines = this.lines(details);
    if (lines === undefined) return undefined;
    const sum = lines.reduce((total, line) => total + line.amount + line.fee, 0);
    if (!Number.isSafeInteger(sum)) reject('amount_sum_not_safe_integer');
    return sum;
  }

  /** Seller model: cumulative platform part round-half-up(R × p / captured) (DOMAIN.md "Proportional refunds"). */
  private sellerPlatformCumulative(payment: Payment, refunded: number): number {
    return Number(mulDivHalfUp(BigInt(refunded), BigInt(payment.platformAmount!), BigInt(payment.captured)));
  }

  private refund(command: JsonObject): void {
    const payment = this.payment(command['payment']);
    const requested = command['amount'] === undefined ? undefined : this.amount(command['amount']);
    // The engine checks the status before the method (an ordering the documents leave open).
    this.refundablePayment(payment);
    if (WAITING_TYPES.has(payment.type)) reject('refund_request_required');
    const remaining = this.remaining(payment);
    const amount = requested ?? this.splitSum(command['platform_details']) ?? remaining;
    if (amount > remaining) reject('refund_exceeds_remaining');
    if (amount === 0) reject('amount_not_positive');
    if (payment.model === 'seller' && command['platform_details'] !== undefined) reject('refund_split_not_allowed_for_seller');
    if (payment.model === 'marketplace') {
      const parts = this.marketplaceParts(payment, amount, remaining, command['platform_details']);
      this.requireBalances(payment.currency, parts);
      const deltas: Posting[] = [[payment.platform, -amount, 'Refund']];
      for (const [party, part] of parts) {
        if (party === payment.platform) continue;
        deltas.push([party, -part, 'Payment Transfer Return'], [payment.platform, part, 'Payment Transfer Return']);
      }
      this.post(payment.currency, deltas);
      for (const [party, part] of parts) payment.refundedShares.set(party, payment.refundedShares.get(party)! + part);
    } else {
      const platformPart = this.sellerPlatformCumulative(payment, payment.refunded + amount) - payment.platformRefunded;
      this.requireBalances(payment.currency, new Map([[payment.seller!, amount - platformPart], [payment.platform, platformPart]]));
      this.post(payment.currency, [
        [payment.seller!, -amount, 'Refund'],
        [payment.platform, -platformPart, 'Platform Fee Return'],
        [payment.seller!, platformPart, 'Platform Fee Return'],
      ]);
      payment.platformRefunded += platformPart;
    }
    payment.refunded += amount;
    this.emit('payment.refund.created', payment, undefined, amount);
    if (payment.refunded === payment.captured) {
      payment.status = 'refunded';
      this.emit('payment.refunded', payment);
    }
  }

  private chargeback(command: JsonObject): void {
    const payment = this.payment(command['payment']);
    this.refundablePayment(payment);
    if (!CARD_TYPES.has(payment.type)) reject('chargeback_not_supported');
    const rest = this.remaining(payment);
    const bearer = payment.model === 'marketplace' ? payment.platform : payment.seller!;
    this.post(payment.currency, [[bearer, -rest, 'Chargeback']]);
    payment.refunded += rest;
    payment.status = 'refunded';
    this.emit('payment.refund.created', payment, undefined, rest);
    this.emit('payment.refunded', payment);
  }

  /** What a pending request costs each party: its part, plus the fees for the platform. */
  private requestCosts(request: RefundRequest, payment: Payment): Map<string, number> {
    let parts: Map<string, number>;
    if (payment.model === 'marketplace') {
      parts = new Map(request.parts!);
    } else {
      // Seller model: estimated in the order requests were made, completed refunds and the
      // requests before this one counted as given back (ledger README "Refund requests").
      let before = payment.refunded;
      for (const other of this.requests.values()) {
        if (other === request) break;
        if (other.payment === payment.id && other.status === 'pending') before += other.amount;
      }
      const platformPart = this.sellerPlatformCumulative(payment, before + request.amount) - this.sellerPlatformCumulative(payment, before);
      parts = new Map([[payment.seller!, request.amount - platformPart], [payment.platform, platformPart]]);
    }
    const fees = request.refundFee.fee + request.refundFee.tax + (request.customerFee === undefined ? 0 : request.customerFee.fee + request.customerFee.tax);
    parts.set(payment.platform, (parts.get(payment.platform) ?? 0) + fees);
    return parts;
  }

  private refundRequest(command: JsonObject): void {
    const id = command['id'] as string;
    const requested = command['amount'] === undefined ? undefined : this.amount(command['amount']);
    if (this.requests.has(id)) reject('refund_request_id_taken');
    const payment = this.payment(command['payment']);
    this.refundablePayment(payment);
    if (!WAITING_TYPES.has(payment.type)) reject('refund_request_not_supported');
    if (typeof command['customer_name'] !== 'string' || !BANK.customer_name.test(command['customer_name'])) reject('bank_account_customer_name_invalid');
    const remaining = this.remaining(payment);
    const amount = requested ?? this.splitSum(command['platform_details']) ?? remaining;
    // Everything left is held by pending requests: "more than is left to refund (pending
    // requests count as given back)", the engine's refund_exceeds_remaining.
    if (remaining === 0) reject('refund_exceeds_remaining');
    if (amount > remaining) reject('refund_exceeds_remaining');
    if (amount === 0) reject('amount_not_positive');
    if (payment.model === 'seller' && command['platform_details'] !== undefined) reject('refund_split_not_allowed_for_seller');
    const includeFee = command['include_payment_method_fee'] === true;
    const customerFeeSetting = this.platformOf(payment).methods[payment.type]!.customerFee;
    const request: RefundRequest = {
      id, payment: payment.id, amount, status: 'pending', includeFee,
      refundFee: feeAndTax(this.refundRequestFee, { numerator: 1n, denominator: 1n }, this.taxRate),
    };
    // A customer fee of 0 was never charged, so there is nothing to refund twice (the engine
    // accepts a second include_payment_method_fee then).
    if (payment.model === 'marketplace') request.parts = this.marketplaceParts(payment, amount, remaining, command['platform_details']);
    if (includeFee && customerFeeSetting !== undefined && customerFeeSetting > 0) {
      if (payment.customerFeeUsed) reject('customer_fee_already_refunded');
      request.customerFee = feeAndTax(customerFeeSetting, { numerator: 1n, denominator: 1n }, this.taxRate);
    }
    this.requireBalances(payment.currency, this.requestCosts(request, payment));
    this.requests.set(id, request);
    this.emit('refund_request.updated', payment, request);
    if (request.customerFee !== undefined) payment.customerFeeUsed = true;
    if (request.parts !== undefined) for (const [party, part] of request.parts) payment.refundedShares.set(party, payment.refundedShares.get(party)! + part);
  }

  private settleRequest(command: JsonObject, complete: boolean): void {
    const request = this.requests.get(command['refund_request'] as string) ?? reject('refund_request_not_found');
    if (request.status !== 'pending') reject('refund_request_not_pending');
    const payment = this.payments.get(request.payment)!;
    if (!complete) {
      request.status = 'rejected';
      this.emit('refund_request.updated', payment, request);
      if (request.customerFee !== undefined) payment.customerFeeUsed = false;
      if (request.parts !== undefined) for (const [party, part] of request.parts) payment.refundedShares.set(party, payment.refundedShares.get(party)! - part);
      return;
    }
    const fees: Posting[] = [
      [payment.platform, -request.refundFee.fee, 'Refund Fee'],
      [payment.platform, -request.refundFee.tax, 'Refund Fee Tax'],
    ];
    if (request.customerFee !== undefined) {
      fees.push([payment.platform, -request.customerFee.fee, 'Refunded Customer Fee'], [payment.platform, -request.customerFee.tax, 'Refunded Customer Fee Tax']);
    }
    if (payment.model === 'marketplace') {
      const deltas: Posting[] = [[payment.platform, -request.amount, 'Refund']];
      for (const [party, part] of request.parts!) {
        if (party === payment.platform) continue;
        deltas.push([party, -part, 'Payment Transfer Return'], [payment.platform, part, 'Payment Transfer Return']);
      }
      this.post(payment.currency, [...deltas, ...fees]);
    } else {
      // Completed parts come from the completed refunds alone (ledger README "Refund requests").
      const platformPart = this.sellerPlatformCumulative(payment, payment.refunded + request.amount) - payment.platformRefunded;
      this.post(payment.currency, [
        [payment.seller!, -request.amount, 'Refund'],
        [payment.platform, -platformPart, 'Platform Fee Return'],
        [payment.seller!, platformPart, 'Platform Fee Return'],
        ...fees,
      ]);
      payment.platformRefunded += platformPart;
    }
    request.status = 'completed';
    payment.refunded += request.amount;
    // The refund's events name the request too ("where they apply", SCENARIO.md).
    this.emit('refund_request.updated', payment, request);
    this.emit('payment.refund.created', payment, request, request.amount);
    if (payment.refunded === payment.captured) {
      payment.status = 'refunded';
      this.emit('payment.refunded', payment, request);
    }
  }

  report(results: OracleResult[]): OracleReport {
    const balances: OracleReport['balances'] = {};
    for (const id of this.merchants.keys()) {
      balances[id] = {};
      for (const [currency, value] of this.balances.get(id) ?? []) if (value !== 0) balances[id][currency] = value;
    }
    const payments: OracleReport['payments'] = {};
    for (const payment of this.payments.values()) {
      payments[payment.id] = { status: payment.status, amount: payment.amount, captured_amount: payment.captured, refunded_amount: payment.refunded };
    }
    const recordTotals = Object.fromEntries(
      [...this.records]
        .sort(([left], [right]) => (left < right ? -1 : 1))
        .map(([key, { deposit, debit }]) => [key, { deposit: String(deposit), debit: String(debit) }] as const),
    );
    return { results, events: this.events, balances, payments, recordTotals };
  }
}

/** Runs a whole scenario file through the oracle. */
export function runOracle(document: JsonObject): OracleReport {
  const oracle = new Oracle(document);
  const results = (document['commands'] as JsonObject[]).map((command) => oracle.execute(command));
  return oracle.report(results);
}

