/**
 * The capture benchmark's peer: the floor of the journal's design. It builds by hand, with no
 * check at all, what Kanjo keeps for one marketplace capture with two sub-merchants: the entry
 * as `Entry` types it (its two changes, fourteen postings and one event), a payment record in a
 * map and the merchants' balances. Less than Kanjo keeps (review 227): the record has 10 of
 * Kanjo's 25 fields (no split or shares) and the entry is not frozen. Whatever Kanjo does beyond this
 * (reading and checking the command, fees from their schedule, applying changes through one
 * path with replay) is the difference between the two rows of the table; what this costs, no
 * check can remove while postings are objects a caller holds. Amounts are those of the
 * benchmark's ¥1,000 capture at 3.6% (fee 36 and its tax 4, worked out in integers).
 */

interface HandPosting {
  readonly account: string;
  readonly merchant: string | undefined;
  readonly currency: string;
  readonly amount: number;
  readonly recordType: string;
}

interface HandSplitLine {
  readonly submerchantId: string;
  readonly amount: number;
  readonly platformFee: number;
}

const CUSTOMERS = 'Assets:Receivable:Customers';
const PROCESSING_FEES = 'Income:Fees:Processing';
const TAX = 'Liabilities:Tax:Consumption';
const account = (merchant: string): string => `Liabilities:Merchants:${merchant}`;

/** A journal and state built by hand: `capture` appends one capture's entry and applies it. */
export class HandBuiltJournal {
  readonly journal: object[] = [];
  readonly payments = new Map<string, object>();
  readonly balances = new Map<string, Map<string, number>>();
  readonly #accounts = new Map<string, string>();

  constructor(readonly platform: string) {}

  /** Captures `amount` in JPY split by `split`, feeRate in thousandths (36 for 3.6%). */
  capture(id: string, amount: number, split: readonly HandSplitLine[], feeRateThousandths: number): void {
    const currency = 'JPY';
    const postings: HandPosting[] = [];
    const move = (amount: number, recordType: string, debited: string | undefined, debitedAccount: string, credited: string | undefined, creditedAccount: string): void => {
      postings.push({ account: debitedAccount, merchant: debited, currency, amount, recordType }, { account: creditedAccount, merchant: credited, currency, amount: -amount, recordType });
    };
    const platform = this.platform;
    const platformAccount = this.#account(platform);
    move(amount, 'Payment', undefined, CUSTOMERS, platform, platformAccount);
    let platformShare = amount;
    const lines: HandSplitLine[] = [];
    const shares: { submerchantId: string; share: number }[] = [];
    for (const line of split) {
      const submerchantAccount = this.#account(line.submerchantId);
      move(line.amount, 'Payment Transfer', platform, platformAccount, line.submerchantId, submerchantAccount);
      move(line.platformFee, 'Platform Fee', line.submerchantId, submerchantAccount, platform, platformAccount);
      lines.push({ submerchantId: line.submerchantId, amount: line.amount, platformFee: line.platformFee });
      shares.push({ submerchantId: line.submerchantId, share: line.amount - line.platformFee });
      platformShare -= line.amount - line.platformFee;
    }
    const fee = Math.round((amount * feeRateThousandths) / 1000);
    const tax = Math.round(fee / 10);
    move(fee, 'Processing Fee', platform, platformAccount, undefined, PROCESSING_FEES);
    move(tax, 'Processing Fee Tax', platform, platformAccount, undefined, TAX);
    const created = { id, platform, model: 'marketplace', amount, currency, paymentType: 'credit_card', origin: 'api' };
    const captured = { kind: 'payment_captured', payment: id, capturedAmount: amount, split: lines, shares: { platform: platformShare, submerchants: shares }, platformAmount: 0, customerFee: 0, customerFeeTax: 0 };
    this.journal.push({
      seq: this.journal.length + 1,
      at: '1970-01-01T00:00:00.000Z',
      command: { op: 'payment.create' },
      payment: id,
      changes: [{ kind: 'payment_created', payment: created }, captured],
      postings,
      events: [{ type: 'payment.captured', payment: id }],
    });
    this.payments.set(id, { id, platform, model: 'marketplace', amount, currency, status: 'captured', capturedAmount: amount, split: lines, shares: captured.shares, refundedAmount: 0 });
    for (const posting of postings) {
      if (posting.merchant === undefined) continue;
      let byCurrency = this.balances.get(posting.merchant);
      if (byCurrency === undefined) this.balances.set(posting.merchant, (byCurrency = new Map()));
      byCurrency.set(currency, (byCurrency.get(currency) ?? 0) - posting.amount);
    }
  }

  #account(merchant: string): string {
    let name = this.#accounts.get(merchant);
    if (name === undefined) this.#accounts.set(merchant, (name = account(merchant)));
    return name;
  }
}
