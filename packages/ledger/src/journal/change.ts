import type { MarketplaceShares, RefundParts, SplitLine } from '@kanjo/splits';
import type { PaymentInit } from '../payments/payment.js';
import type { PayoutSettings } from '../payouts/payout-settings.js';
import type { Hold, RefundRequestInit } from '../refunds/refund-request.js';
import type { SessionInit } from '../sessions/session.js';

/**
 * The state facts an entry records besides its postings. Balances are a fold of postings;
 * everything else (payment statuses, refunded shares, holds, sessions, payout settings) is a
 * fold of these. Each carries the values it sets, never a delta computed at apply time, so a
 * replay cannot drift from the live run.
 */
export type Change =
  | {
      /**
       * A payment created, by `payment.create` or by the `session.complete` that creates it: it
       * starts `authorized` with nothing captured. The payment's first change; when it is
       * captured at once (`capture: true`, a card or wallet), its `payment_captured` follows in
       * the same entry. Posts nothing by itself.
       */
      readonly kind: 'payment_created';
      /** The payment as created: its id, parties, model, authorized amount, currency, type, origin and any split or platform_amount kept for the capture. */
      readonly payment: PaymentInit;
    }
  | {
      /**
       * A payment captured, once: at creation (`capture: true`, cards and wallets) or by
       * `payment.capture` (a two-step capture, or the customer paying a Konbini, Bank Transfer
       * or Pay-Easy payment). The payment becomes `captured`; the entry posts DOMAIN.md
       * "Records at capture" (marketplace) or the seller model's records. Sets the fields
       * below on the payment; they replace, they do not add.
       */
      readonly kind: 'payment_captured';
      /** Id of the payment captured. */
      readonly payment: string;
      /**
       * What was captured, in the currency's minor unit: positive, at most the authorized
       * amount (less only in the one partial capture a method may allow). The customer fee is
       * not in it; the processing fee, the shares and every later refund are reckoned on it.
       */
      readonly capturedAmount: number;
      /**
       * Marketplace: the split as captured, each line a Payout Merchant's Payment Transfer
       * (`amount`) and the Platform Fee the platform takes back from it (`platformFee`), in
       * minor units; Σ amount equals `capturedAmount` at an immediate or partial capture and is
       * at most it at a full two-step capture (the rest stays with the platform, so the list
       * may then be empty). Empty in the seller model.
       */
      readonly split: readonly SplitLine[];
      /**
       * What each party netted of the captured amount, before processing fees, in minor units;
       * they add up to `capturedAmount`, and no party's refunds may ever exceed its share.
       * Marketplace: each Payout Merchant `amount − platformFee`, in split order, and the
       * platform the rest. Seller model: the platform `platformAmount` and the one sub-merchant
       * entry the seller's `capturedAmount − platformAmount`.
       */
      readonly shares: MarketplaceShares;
      /**
       * Seller model: the platform_amount that stands (restated at capture, or the one given at
       * creation), the Platform Fee the seller pays the platform, at most `capturedAmount`.
       * 0 in the marketplace model.
       */
      readonly platformAmount: number;
      /**
       * The customer fee (before tax) the customer paid KOMOJU on top of the captured amount,
       * in minor units: the platform's fee schedule's flat fee for the payment type, posted as
       * the Customer Fee record from `Assets:Receivable:Customers` to `Income:Fees:Customer`.
       * It never reaches a merchant's balance and bears no processing fee. 0 when the schedule
       * gives the payment type none.
       */
      readonly customerFee: number;
      /**
       * The consumption tax on `customerFee`, also paid by the customer, in minor units (the
       * Customer Fee Tax record, to `Liabilities:Tax:Consumption`). 0 when there is no customer fee.
       */
      readonly customerFeeTax: number;
    }
  | {
      /** `payment.cancel` of a pending or authorized payment: it becomes `cancelled`. Nothing had been posted, so nothing moves. */
      readonly kind: 'payment_cancelled';
      /** Id of the payment cancelled. */
      readonly payment: string;
    }
  | {
      /** `payment.expire` of an authorized payment (a lapsed authorization, an unpaid Konbini payment): it becomes `expired`; nothing moves. */
      readonly kind: 'payment_expired';
      /** Id of the payment expired. */
      readonly payment: string;
    }
  | {
      /**
       * Money given back to the customer: a `payment.refund` (cards and wallets), or a refund
       * request completing (right after its `refund_request_completed`, in the same entry).
       * Adds to the payment's refunded amount and to each party's refunded part; the payment
       * becomes `refunded` once refunds and any chargeback add up to the captured amount, and
       * stays `captured` before. The Refund Fee and a refunded customer fee of a request are in
       * the entry's postings, not in this change.
       */
      readonly kind: 'payment_refunded';
      /** Id of the payment refunded. */
      readonly payment: string;
      /**
       * What the customer got back of the captured amount in this refund, in minor units:
       * positive, equal to `parts`' total. A refunded customer fee is not in it.
       */
      readonly amount: number;
      /**
       * Who gave back what in this refund. Marketplace: the platform out of its own share, each
       * Payout Merchant its Payment Transfer Return. Seller model: `platform` is the Platform
       * Fee Return the platform pays the seller, and the one sub-merchant entry is the seller's part.
       */
      readonly parts: RefundParts;
      /**
       * Whether this refund also returned the customer fee and its tax (a refund request made
       * with `include_payment_method_fee` on a payment that had one). Always false for a `payment.refund`.
       */
      readonly customerFeeRefunded: boolean;
    }
  | {
      /**
       * `payment.chargeback` (cards only): a lost dispute sends everything not yet refunded back
       * to the customer as a Chargeback record, debited from the processing merchant alone
       * (the platform in the marketplace, the seller in the seller model), even into a negative
       * balance. The payment becomes `refunded`; the parties' refunded parts do not change.
       */
      readonly kind: 'payment_charged_back';
      /** Id of the payment charged back. */
      readonly payment: string;
      /**
       * What went back to the customer, in minor units: the captured amount less what refunds
       * had already given back; positive. (Only card payments are charged back, and they are
       * refunded directly, so no pending refund request holds any of it.)
       */
      readonly amount: number;
    }
  | {
      /**
       * `payment.refund_request` (Konbini, Bank Transfer, Pay-Easy): a pending refund request.
       * Nothing posts; until it completes or is rejected, its amount counts as given back and
       * its holds are taken from each party's available balance (and a customer fee it
       * refunds is marked pending).
       */
      readonly kind: 'refund_request_created';
      /** The request as made: amount, parts, the Refund Fee and any refunded customer fee with their taxes, holds and the customer's bank account. */
      readonly request: RefundRequestInit;
    }
  | {
      /**
       * `refund_request.complete`: KOMOJU paid the customer. The request becomes `completed`, its
       * holds are released and its amount is no longer pending. The same entry then carries the
       * `payment_refunded` with the parts that post (in the seller model worked out again on the
       * completed refunds) and, in the seller model, a `refund_request_reestimated` for each of
       * the payment's other pending requests whose parts change.
       */
      readonly kind: 'refund_request_completed';
      /** Id of the request completed. */
      readonly refundRequest: string;
    }
  | {
      /**
       * `refund_request.reject`: the request becomes `rejected`, its holds are released and
       * nothing moves; a customer fee it was refunding can be requested again. In the seller
       * model the same entry may re-estimate the payment's other pending requests
       * (`refund_request_reestimated`).
       */
      readonly kind: 'refund_request_rejected';
      /** Id of the request rejected. */
      readonly refundRequest: string;
    }
  | {
      /**
       * A pending seller-model request's parts and holds worked out again, because another
       * request of its payment completed or was rejected in the same entry: what each party
       * would give back if it completes, the payment's other pending requests counted as given
       * back in the order they were made. Replaces the request's parts and holds.
       */
      readonly kind: 'refund_request_reestimated';
      /** Id of the pending request re-estimated. */
      readonly refundRequest: string;
      /** The request's new parts (they add up to its amount). */
      readonly parts: RefundParts;
      /** The new holds: each party's cost of those parts, the request's fees on the platform. */
      readonly holds: readonly Hold[];
    }
  | {
      /**
       * `balance.transfer`: the platform moved balance between itself and one of its
       * sub-merchants (a Balance Transfer record on both). The postings carry the money; the
       * fold changes nothing else.
       */
      readonly kind: 'balance_transferred';
      /** The merchant whose balance is debited: the platform, or one of its sub-merchants; its available balance covered `amount`. */
      readonly from: string;
      /** The merchant whose balance is credited: one of the platform's sub-merchants, or the platform when `from` is a sub-merchant. */
      readonly to: string;
      /** ISO 4217 code of `amount`. */
      readonly currency: string;
      /** What was moved, in the currency's minor unit; positive. */
      readonly amount: number;
    }
  | {
      /** `payout_settings.update`: a merchant's payout settings in one currency, replacing any before (a merchant without is never paid out). Posts nothing. */
      readonly kind: 'payout_settings_updated';
      /** The new settings, whole: merchant, currency, frequency and minimum amount. */
      readonly settings: PayoutSettings;
    }
  | {
      /**
       * One payout period of one merchant in one currency settled by `settlement.run`: paid (a
       * Payout record, from the merchant's balance to `Assets:Bank:Payouts`, and a
       * settlement.created event) or carried over with nothing paid. Each period is settled at
       * most once; a run writes one per period due that day, by merchant id, then currency.
       */
      readonly kind: 'payout_period_settled';
      /** The merchant paid out (it has payout settings in `currency`). */
      readonly merchant: string;
      /** ISO 4217 code of `amount`. */
      readonly currency: string;
      /** First calendar day covered, YYYY-MM-DD in the ledger's time zone: a Saturday (weekly) or the 1st (monthly). */
      readonly periodStart: string;
      /** Last calendar day covered, inclusive, YYYY-MM-DD: a Friday (weekly) or the month's last day (monthly). */
      readonly periodEnd: string;
      /**
       * What was paid, in minor units: the balance at the period's end less payouts posted
       * since, no more than the available balance at the run, both less what the same run paid
       * the merchant for earlier periods. 0 when it was carried over (not positive, or below
       * the minimum): the money stays in the balance for the next payout.
       */
      readonly amount: number;
    }
  | {
      /** `session.create`: a pending hosted-page session. Posts nothing. */
      readonly kind: 'session_created';
      /** The session as created: amount, currency, payment types offered, capture, split, return URL and the rest. */
      readonly session: SessionInit;
    }
  | {
      /**
       * `session.complete`: the customer paid on the hosted page. Comes after the
       * `payment_created` (and, when captured at once, `payment_captured`) of the payment it
       * created, in the same entry; the session becomes `completed`.
       */
      readonly kind: 'session_completed';
      /** Id of the session completed. */
      readonly session: string;
      /** Id of the payment the completion created (the command's `payment`), of origin `session`. */
      readonly payment: string;
    }
  | {
      /** `session.cancel` of a pending session: it becomes `cancelled`. Posts nothing. */
      readonly kind: 'session_cancelled';
      /** Id of the session cancelled. */
      readonly session: string;
    };

/** The kind of a {@link Change}. */
export type ChangeKind = Change['kind'];
