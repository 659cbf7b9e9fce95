import type { BankAccount, Command, LedgerConfig } from '@kanjo/ledger';

/**
 * A deliberately simple reference model of the ledger: plain objects and maps, naive integer
 * arithmetic, every rule written out again from DOMAIN.md the obvious way. It shares no code
 * with the engine (not even the fee or split helpers), so the model run compares two
 * independent readings of the rules.
 */

/** A rate such as "3.6%" as an exact fraction: 36 / 1000. */
export interface ExactRate {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** "3.6%" → 36/1000, "10%" → 10/100. Rates in the test configurations are always well formed. */
export function parsePercent(text: string): ExactRate {
  const match = /^(\d+)(?:\.(\d+))?%$/.exec(text);
  if (match === null) throw new Error(`model: cannot read rate ${text}`);
  const fraction = match[2] ?? '';
  return { numerator: BigInt(`${match[1]}${fraction}`), denominator: 10n ** BigInt(fraction.length) * 100n };
}

/** round-half-up(amount × numerator / denominator) for non-negative integers. */
export function timesRoundedHalfUp(amount: number, numerator: bigint, denominator: bigint): number {
  return timesRounded(amount, numerator, denominator, 'half_up');
}

/** How a fee or tax is rounded to the minor unit. */
export type ModelRounding = 'half_up' | 'half_even' | 'floor' | 'ceiling';

/** amount × numerator / denominator rounded by `mode`, for non-negative integers, the schoolbook way. */
export function timesRounded(amount: number, numerator: bigint, denominator: bigint, mode: ModelRounding): number {
  const product = BigInt(amount) * numerator;
  const quotient = product / denominator;
  const remainder = product % denominator;
  if (remainder === 0n) return Number(quotient);
  switch (mode) {
    case 'floor':
      return Number(quotient);
    case 'ceiling':
      return Number(quotient + 1n);
    case 'half_up':
      return Number(2n * remainder >= denominator ? quotient + 1n : quotient);
    case 'half_even':
      if (2n * remainder === denominator) return Number(quotient % 2n === 0n ? quotient : quotient + 1n);
      return Number(2n * remainder > denominator ? quotient + 1n : quotient);
  }
}

/** What a payment method can do, as DOMAIN.md "Payments" lists it. */
export interface MethodRules {
  readonly refundRoute: 'refund' | 'refund_request';
  readonly waitsForCustomer: boolean;
  readonly partialCaptureFromApi: boolean;
  readonly partialCaptureFromSession: boolean;
  readonly chargeback: boolean;
}

const CARD: MethodRules = { refundRoute: 'refund', waitsForCustomer: false, partialCaptureFromApi: true, partialCaptureFromSession: true, chargeback: true };
const WALLET: MethodRules = { refundRoute: 'refund', waitsForCustomer: false, partialCaptureFromApi: false, partialCaptureFromSession: true, chargeback: false };
const WAITING: MethodRules = { refundRoute: 'refund_request', waitsForCustomer: true, partialCaptureFromApi: false, partialCaptureFromSession: false, chargeback: false };

/** Payment types and their rules. */
export const METHOD_RULES: ReadonlyMap<string, MethodRules> = new Map([
  ['credit_card', CARD],
  ['paypay', WALLET],
  ['linepay', WALLET],
  ['merpay', WALLET],
  ['konbini', WAITING],
  ['bank_transfer', WAITING],
  ['pay_easy', WAITING],
]);

/** The currencies the model knows (the arbitraries draw JPY, USD and the unknown XYZ). */
export const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(['JPY', 'USD', 'EUR']);

/** One payment method's fees in the model. */
export interface ModelMethodFees {
  readonly rate: ExactRate;
  readonly fixedFee: number;
  readonly customerFee: number | undefined;
}

/** A merchant as the model knows it. */
export interface ModelMerchant {
  readonly id: string;
  readonly type: 'platform' | 'seller' | 'payout';
  readonly business: 'platform' | 'marketplace' | undefined;
  readonly platform: string | undefined;
  readonly active: boolean;
  readonly paymentTypes: ReadonlySet<string>;
  /** Platforms only. */
  readonly fees: ReadonlyMap<string, ModelMethodFees>;
}

/** Who netted or gave back what: merchant id → amount. */
export type PartyAmounts = Map<string, number>;

/** A marketplace split line, as the model keeps it. */
export interface ModelSplitLine {
  readonly submerchantId: string;
  readonly amount: number;
  readonly platformFee: number;
}

/** A payment in the model. */
export interface ModelPayment {
  readonly id: string;
  readonly platform: string;
  readonly seller: string | undefined;
  readonly model: 'marketplace' | 'seller';
  readonly amount: number;
  readonly currency: string;
  readonly paymentType: string;
  readonly origin: 'api' | 'session';
  readonly session: string | undefined;
  readonly pendingSplit: readonly ModelSplitLine[] | undefined;
  readonly platformAmount: number | undefined;
  /** Seller model: the platform amount was fixed at creation (capture: true, waiting for the customer). */
  readonly platformAmountFixed: boolean;
  status: 'pending' | 'authorized' | 'captured' | 'cancelled' | 'expired' | 'refunded' | 'failed';
  capturedAmount: number;
  capturedPlatformAmount: number;
  shares: PartyAmounts;
  refunded: PartyAmounts;
  pending: PartyAmounts;
  refundedAmount: number;
  pendingRefundAmount: number;
  chargebackAmount: number;
  customerFee: number;
  customerFeeTax: number;
  customerFeeRefund: 'none' | 'pending' | 'refunded';
}

/** A refund request in the model. */
export interface ModelRefundRequest {
  readonly id: string;
  readonly payment: string;
  readonly amount: number;
  /** While pending, who is expected to give back what (seller model: re-estimated as others settle). */
  parts: PartyAmounts;
  /** While pending, what it holds of each party (cost of `parts`, fees on the platform). */
  holds: PartyAmounts;
  readonly refundFee: number;
  readonly refundFeeTax: number;
  readonly customerFee: number | undefined;
  readonly customerFeeTax: number | undefined;
  status: 'pending' | 'completed' | 'rejected';
}

/** A session in the model. */
export interface ModelSession {
  readonly id: string;
  readonly merchant: string;
  readonly as: string | undefined;
  readonly amount: number;
  readonly currency: string;
  readonly paymentTypes: readonly string[];
  readonly capture: 'auto' | 'manual';
  readonly split: readonly ModelSplitLine[] | undefined;
  readonly platformAmount: number | undefined;
  readonly platformMerchant: string | undefined;
  status: 'pending' | 'completed' | 'cancelled';
  payment: string | undefined;
}

/** One change of a merchant's balance, with when it happened (payouts look back in time). */
export interface BalanceMovement {
  readonly at: number;
  readonly merchant: string;
  readonly currency: string;
  readonly delta: number;
  readonly payout: boolean;
}

/** An account of the model's double entry: a merchant's balance or an outside account. */
export type ModelAccount = { readonly merchant: string } | { readonly outside: string };

/** The outside accounts, named as the engine's journal names them (compared by name). */
export const OUTSIDE = {
  customers: 'Assets:Receivable:Customers',
  processingFees: 'Income:Fees:Processing',
  refundFees: 'Income:Fees:Refund',
  customerFees: 'Income:Fees:Customer',
  tax: 'Liabilities:Tax:Consumption',
  payouts: 'Assets:Bank:Payouts',
} as const;

/** The start of the model's clock: 2026-04-01 09:00 in Japan. */
export const CLOCK_START = Date.parse('2026-04-01T09:00:00+09:00');

/** The reference model's whole state. */
export class ReferenceModel {
  readonly config: LedgerConfig;
  readonly merchants: ReadonlyMap<string, ModelMerchant>;
  readonly taxRate: ExactRate;
  readonly refundRequestFee: number;
  /** How fees and taxes round (the seller model's proportional refunds always round half up). */
  readonly rounding: ModelRounding;
  /** Milliseconds east of UTC that payout dates are read in. */
  readonly timeZoneOffset: number;
  /**
   * merchant → currency → posted balance, in bigint so that the model stays exact where the engine
   * might not.
   */
  readonly balances = new Map<string, Map<string, bigint>>();
  /** merchant → currency → held by pending refund requests. */
  readonly holds = new Map<string, Map<string, number>>();
  /**
   * Outside account → currency → Σ postings (debit positive, the journal's sign), in bigint:
   * nothing bounds these totals (the Customers receivable grows with every payment).
   */
  readonly outside = new Map<string, Map<string, bigint>>();
  readonly payments = new Map<string, ModelPayment>();
  readonly refundRequests = new Map<string, ModelRefundRequest>();
  readonly sessions = new Map<string, ModelSession>();
  /** merchant → currency → payout settings. */
  readonly payoutSettings = new Map<string, Map<string, { frequency: 'weekly' | 'monthly'; minimumAmount: number }>>();
  /** `merchant currency periodStart periodEnd` of every settled payout period. */
  readonly settledPeriods = new Set<string>();
  readonly movements: BalanceMovement[] = [];
  /** Idempotency key → fingerprint of the command that appended an entry with it. */
  readonly idempotency = new Map<string, string>();
  /** Time of the last appended entry (epoch ms); 0 before any. */
  lastAt = 0;
  /** The clock the commands' `at` is read from; moves on with every command's time step. */
  clock = CLOCK_START;
  /** The time the command being applied is dated (set by the runner before `apply`). */
  now = CLOCK_START;
  /** The last command sent with an idempotency key, for the retry command. */
  lastKeyed: Command | undefined;
  /** How many commands of each op the engine accepted and rejected (coverage statistics). */
  readonly tally = new Map<string, { accepted: number; rejected: number }>();
  /** Every command sent to the engine so far, exactly as sent: a failure prints them to reproduce it. */
  readonly executed: Command[] = [];
  /** How often the engine answered each op with each rejection code. */
  readonly rejections = new Map<string, number>();

  constructor(config: LedgerConfig) {
    this.config = config;
    this.taxRate = parsePercent(config.taxRate ?? '10%');
    this.refundRequestFee = config.refundRequestFee ?? 300;
    this.rounding = config.rounding ?? 'half_up';
    const zone = config.timeZone ?? '+09:00';
    const match = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
    this.timeZoneOffset = match === null ? 0 : (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000;
    const merchants = new Map<string, ModelMerchant>();
    const platformTypes = new Map<string, string[]>();
    for (const merchant of config.merchants) {
      if (merchant.type === 'platform') platformTypes.set(merchant.id, Object.keys(merchant.paymentMethods));
    }
    for (const merchant of config.merchants) {
      const active = (merchant.status ?? 'active') === 'active';
      if (merchant.type === 'platform') {
        const fees = new Map<string, ModelMethodFees>();
        for (const [type, input] of Object.entries(merchant.paymentMethods)) {
          fees.set(type, { rate: parsePercent(input.feeRate), fixedFee: input.fixedFee ?? 0, customerFee: input.customerFee });
        }
        merchants.set(merchant.id, { id: merchant.id, type: 'platform', business: merchant.business, platform: undefined, active, paymentTypes: new Set(fees.keys()), fees });
      } else {
        const types = merchant.paymentTypes ?? platformTypes.get(merchant.platform) ?? [];
        merchants.set(merchant.id, { id: merchant.id, type: merchant.type, business: undefined, platform: merchant.platform, active, paymentTypes: new Set(types), fees: new Map() });
      }
    }
    this.merchants = merchants;
  }

  // ---- trying a command -----------------------------------------------------------------

  /** A deep copy of everything a command's `apply` may change, to undo a command the engine refuses. */
  save(): ModelSave {
    return {
      tables: structuredClone({
        balances: this.balances,
        holds: this.holds,
        outside: this.outside,
        payments: this.payments,
        refundRequests: this.refundRequests,
        sessions: this.sessions,
        payoutSettings: this.payoutSettings,
        settledPeriods: this.settledPeriods,
      }),
      movements: this.movements.length,
    };
  }

  /** Puts back what {@link save} copied. */
  restore(saved: ModelSave): void {
    const { tables } = saved;
    refill(this.balances, tables.balances);
    refill(this.holds, tables.holds);
    refill(this.outside, tables.outside);
    refill(this.payments, tables.payments);
    refill(this.refundRequests, tables.refundRequests);
    refill(this.sessions, tables.sessions);
    refill(this.payoutSettings, tables.payoutSettings);
    this.settledPeriods.clear();
    for (const key of tables.settledPeriods) this.settledPeriods.add(key);
    this.movements.length = saved.movements;
  }

  /**
   * The first merchant balance outside the safe-integer range, if any (DOMAIN.md "Money": such a
   * sum is refused).
   */
  overflowingBalance(): string | undefined {
    const limit = BigInt(Number.MAX_SAFE_INTEGER);
    for (const [merchant, byCurrency] of this.balances) {
      for (const [currency, balance] of byCurrency) if (balance > limit || balance < -limit) return `${merchant} ${currency} ${balance}`;
    }
    return undefined;
  }

  // ---- balances -------------------------------------------------------------------------

  /** Posted balance. */
  balance(merchant: string, currency: string): number {
    return Number(this.balances.get(merchant)?.get(currency) ?? 0n);
  }

  /** Held by pending refund requests. */
  held(merchant: string, currency: string): number {
    return this.holds.get(merchant)?.get(currency) ?? 0;
  }

  /** Posted less held. */
  available(merchant: string, currency: string): number {
    return this.balance(merchant, currency) - this.held(merchant, currency);
  }

  /** Moves `amount` from one account to another: the debited side loses it, the credited side gains it. */
  move(currency: string, amount: number, debited: ModelAccount, credited: ModelAccount, payout = false): void {
    if (amount === 0) return;
    if (!(Number.isSafeInteger(amount) && amount > 0)) throw new Error(`model: moving ${amount}`);
    this.post(debited, currency, amount, payout);
    this.post(credited, currency, -amount, payout);
  }

  private post(account: ModelAccount, currency: string, debit: number, payout: boolean): void {
    if ('merchant' in account) {
      let byCurrency = this.balances.get(account.merchant);
      if (byCurrency === undefined) this.balances.set(account.merchant, (byCurrency = new Map()));
      byCurrency.set(currency, (byCurrency.get(currency) ?? 0n) - BigInt(debit));
      this.movements.push({ at: this.now, merchant: account.merchant, currency, delta: -debit, payout });
    } else {
      let byCurrency = this.outside.get(account.outside);
      if (byCurrency === undefined) this.outside.set(account.outside, (byCurrency = new Map()));
      byCurrency.set(currency, (byCurrency.get(currency) ?? 0n) + BigInt(debit));
    }
  }

  /** Adds (or with a negative amount releases) a hold. */
  hold(merchant: string, currency: string, amount: number): void {
    addTo(this.holds, merchant, currency, amount);
  }

  // ---- merchants ------------------------------------------------------------------------

  /** The active platform that may act, or why not. */
  actingPlatform(id: string): ModelMerchant | string {
    const merchant = this.merchants.get(id);
    if (merchant === undefined) return `no merchant ${id}`;
    if (merchant.type !== 'platform') return `${id} is not a platform`;
    if (!merchant.active) return `${id} is deactivated`;
    return merchant;
  }

  /** An active sub-merchant of `platform` of the given type, or why not. */
  ownedSubmerchant(platform: ModelMerchant, id: string, type: 'seller' | 'payout'): ModelMerchant | string {
    const merchant = this.merchants.get(id);
    if (merchant === undefined) return `no merchant ${id}`;
    if (merchant.id === platform.id) return `${id} is the platform itself`;
    if (merchant.platform !== platform.id) return `${id} is not ${platform.id}'s`;
    if (merchant.type !== type) return `${id} is not a ${type} merchant`;
    if (!merchant.active) return `${id} is deactivated`;
    return merchant;
  }

  /** The processing parties of a payment or session: marketplace alone, or platform acting as a seller. */
  processingParties(merchant: string, as: string | undefined): { platform: ModelMerchant; seller: ModelMerchant | undefined } | string {
    const platform = this.actingPlatform(merchant);
    if (typeof platform === 'string') return platform;
    if (as === undefined) {
      return platform.business === 'marketplace' ? { platform, seller: undefined } : `${merchant} must name the seller it acts as`;
    }
    if (platform.business !== 'platform') return `${merchant} is a marketplace: no dual authentication`;
    const seller = this.ownedSubmerchant(platform, as, 'seller');
    if (typeof seller === 'string') return seller;
    return { platform, seller };
  }

  /**
   * Why a marketplace split is refused at this moment, or undefined when it is fine:
   * `exact` (immediate or partial capture: Σ amount = amount), `at_most` (full two-step capture),
   * `none` (authorization: no split).
   */
  splitProblem(platform: ModelMerchant, lines: readonly ModelSplitLine[] | undefined, rule: 'exact' | 'at_most' | 'none', amount: number): string | undefined {
    if (rule === 'none') return lines === undefined || lines.length === 0 ? undefined : 'a split at authorization';
    if (lines === undefined) return 'no split';
    const seen = new Set<string>();
    let total = 0;
    for (const line of lines) {
      if (seen.has(line.submerchantId)) return `duplicate ${line.submerchantId}`;
      seen.add(line.submerchantId);
      if (line.amount <= 0) return 'a line of 0';
      if (line.platformFee > line.amount) return 'a platform fee above its line';
      total += line.amount;
    }
    if (rule === 'exact' && total !== amount) return `split adds up to ${total}, not ${amount}`;
    if (rule === 'at_most' && total > amount) return `split adds up to ${total}, more than ${amount}`;
    for (const line of lines) {
      const found = this.ownedSubmerchant(platform, line.submerchantId, 'payout');
      if (typeof found === 'string') return found;
    }
    return undefined;
  }

  /** The platform's fees for a payment type. */
  fees(platform: string, paymentType: string): ModelMethodFees {
    const fees = this.merchants.get(platform)?.fees.get(paymentType);
    if (fees === undefined) throw new Error(`model: ${platform} has no fees for ${paymentType}`);
    return fees;
  }

  /** The tax on a fee: fee × tax rate, rounded by the configuration's mode. */
  taxOn(fee: number): number {
    return timesRounded(fee, this.taxRate.numerator, this.taxRate.denominator, this.rounding);
  }

  /**
   * The processing fee on `amount`: amount × rate rounded by the configuration's mode, plus the
   * fixed part.
   */
  processingFee(fees: ModelMethodFees, amount: number): number {
    return timesRounded(amount, fees.rate.numerator, fees.rate.denominator, this.rounding) + fees.fixedFee;
  }
}

/** What {@link ReferenceModel.save} keeps. */
export interface ModelSave {
  readonly tables: {
    readonly balances: Map<string, Map<string, bigint>>;
    readonly holds: Map<string, Map<string, number>>;
    readonly outside: Map<string, Map<string, bigint>>;
    readonly payments: Map<string, ModelPayment>;
    readonly refundRequests: Map<string, ModelRefundRequest>;
    readonly sessions: Map<string, ModelSession>;
    readonly payoutSettings: Map<string, Map<string, { frequency: 'weekly' | 'monthly'; minimumAmount: number }>>;
    readonly settledPeriods: Set<string>;
  };
  readonly movements: number;
}

function refill<K, V>(target: Map<K, V>, source: ReadonlyMap<K, V>): void {
  target.clear();
  for (const [key, value] of source) target.set(key, value);
}

/** Adds to a two-level table. */
export function addTo(table: Map<string, Map<string, number>>, key: string, currency: string, amount: number): void {
  let byCurrency = table.get(key);
  if (byCurrency === undefined) table.set(key, (byCurrency = new Map()));
  byCurrency.set(currency, (byCurrency.get(currency) ?? 0) + amount);
}

/** Σ of a party map. */
export function total(parts: PartyAmounts): number {
  let sum = 0;
  for (const amount of parts.values()) sum += amount;
  return sum;
}

/** Party by party `a + sign × b` (parties of either). */
export function combine(a: PartyAmounts, b: PartyAmounts, sign: 1 | -1): PartyAmounts {
  const result = new Map(a);
  for (const [party, amount] of b) result.set(party, (result.get(party) ?? 0) + sign * amount);
  return result;
}

/** Whether a bank account is one a Japanese bank takes, read naively field by field. */
export function bankAccountIsValid(account: BankAccount): boolean {
  const name = account.customerName;
  return (
    /^[\u30A0-\u30FF\uFF65-\uFF9F\u3000 ]+$/u.test(name) &&
    /[\u30A1-\u30FA\uFF66-\uFF9D]/u.test(name) &&
    account.bankName.trim() !== '' &&
    account.bankName.length <= 255 &&
    /^\d{4}$/.test(account.bankCode) &&
    account.branchName.trim() !== '' &&
    account.branchName.length <= 255 &&
    /^\d{3}$/.test(account.branchNumber) &&
    ['ordinary', 'checking', 'savings'].includes(account.accountType) &&
    /^\d{1,8}$/.test(account.accountNumber)
  );
}
