import { replayJournal, type Command, type CreatePaymentCommand, type Entry, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment, konbiniPayment, refundRequest, sellerPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// Brief "amounts in rejection messages must say which currency and unit they are in" (README
// "Command line", message-text.ts): an amount a message echoes from the command or the journal
// stays as sent with the currency's unit beside it where that is not the minor unit
// (`6000 (60.00 USD)`), an amount of the ledger's own is in the unit beside its code (`50.00
// USD`), a later one in the unit alone (`50.00`). Messages that wrote bare minor units read
// 100 (USD) or 1000 (KWD) times too large: `cannot refund 6000: payment p has 5000 left`. Yen,
// whose minor unit is the unit, keep their text byte for byte. Each case runs in USD (or KWD)
// and in JPY, on the same minor units.

type Outcome = string;
const outcome = (result: { ok: boolean; error?: { code: string; message: string } }): Outcome =>
  result.ok || result.error === undefined ? 'accepted' : `${result.error.code}: ${result.error.message}`;
const after = (before: readonly Command[], command: unknown, config: LedgerConfig = CONFIG): Outcome => outcome(ledgerAfter(before, config).execute(command as Command));

/** A 5,000-minor-unit card payment of mart in `currency`: pm1 4000 (fee 400), pm2 1000 (fee 100). */
const card = (currency: string, id: string, overrides: Partial<CreatePaymentCommand> = {}): CreatePaymentCommand =>
  goldenPayment(id, { currency, amount: 5000, split: [{ submerchantId: 'pm1', amount: 4000, platformFee: 400 }, { submerchantId: 'pm2', amount: 1000, platformFee: 100 }], ...overrides });
const authorized = (currency: string, id: string, overrides: Record<string, unknown> = {}): Command =>
  ({ ...card(currency, id, { capture: false }), split: undefined, ...overrides }) as unknown as Command;
const seller = (currency: string, id: string, overrides: Partial<CreatePaymentCommand> = {}): CreatePaymentCommand => sellerPayment(id, { currency, ...overrides });
const konbini = (currency: string, id: string): Command => ({ ...konbiniPayment(id), currency });

/** The journal `commands` leave, as kanjo reconcile reads it (plain JSON). */
const journalOf = (commands: readonly Command[]): Record<string, any>[] => JSON.parse(JSON.stringify(ledgerAfter(commands).state.journal)) as Record<string, any>[];
/** Replays the journal of `commands` after `tamper` changed it. */
const replayed = (commands: readonly Command[], tamper: (journal: Record<string, any>[]) => void): Outcome => {
  const journal = journalOf(commands);
  tamper(journal);
  return outcome(replayJournal(CONFIG, journal as unknown as Entry[]));
};
const last = (journal: Record<string, any>[]): Record<string, any> => journal[journal.length - 1]!;
const changeOf = (entry: Record<string, any>, kind: string): Record<string, any> => entry['changes'].find((change: { kind: string }) => change.kind === kind);
const postingOf = (entry: Record<string, any>, party: string, recordType: string): { amount: number } =>
  entry['postings'].find((posting: { account: string; merchant?: string; recordType: string }) => (posting.merchant ?? posting.account) === party && posting.recordType === recordType);
/**
 * A seller-model konbini payment of `currency` (platform_amount 5,000 of 50,000), captured, with
 * two refund requests of 5, the second completed: the first's estimate (platform 1) is re-estimated (0).
 */
const sellerRequests = (c: string): Command[] => [
  { ...seller(c, 'sk', { paymentType: 'konbini' }), capture: false } as Command, { op: 'payment.capture', payment: 'sk' },
  refundRequest({ id: 'r1', payment: 'sk', amount: 5 }), refundRequest({ id: 'r2', payment: 'sk', amount: 5 }),
  { op: 'refund_request.complete', refundRequest: 'r2' },
];

/** [what, the outcome in a currency, its message in USD, its message in JPY (as before)] */
const cases: [string, (currency: string) => Outcome, string, string][] = [
  // The engine's own rejections.
  ['refund_exceeds_remaining: an amount above what is left', (c) => after([card(c, 'p')], { op: 'payment.refund', payment: 'p', amount: 6000, split: [{ submerchantId: 'pm1', amount: 6000, platformFee: 0 }] }),
    'refund_exceeds_remaining: cannot refund 6000 (60.00 USD): payment p has 50.00 left to refund',
    'refund_exceeds_remaining: cannot refund 6000: payment p has 5000 left to refund'],
  ['refund_exceeds_remaining: a split adding up to more than is left', (c) => after([card(c, 'p')], { op: 'payment.refund', payment: 'p', split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 1000 }] }),
    'refund_exceeds_remaining: cannot refund 6000 (60.00 USD): payment p has 50.00 left to refund',
    'refund_exceeds_remaining: cannot refund 6000: payment p has 5000 left to refund'],
  ['refund_exceeds_remaining: nothing left, all held by pending requests', (c) => after([
    card(c, 'c', { split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 4900 }] }), konbini(c, 'kb'), { op: 'payment.capture', payment: 'kb' },
    refundRequest({ id: 'r', payment: 'kb' }),
  ], refundRequest({ id: 'r2', payment: 'kb' })),
    'refund_exceeds_remaining: payment kb has nothing left to refund (50.00 USD is held by pending refund requests)',
    'refund_exceeds_remaining: payment kb has nothing left to refund (5000 is held by pending refund requests)'],
  ['refund_split_required', (c) => after([card(c, 'p')], { op: 'payment.refund', payment: 'p', amount: 1000 }),
    'refund_split_required: a partial refund (1000 (10.00 USD) of the 50.00 left) is a non-reverse refund: say who gives back what in platform_details, or omit the amount to reverse everything',
    'refund_split_required: a partial refund (1000 of the 5000 left) is a non-reverse refund: say who gives back what in platform_details, or omit the amount to reverse everything'],
  ['capture_exceeds_authorized', (c) => after([authorized(c, 'a')], { op: 'payment.capture', payment: 'a', amount: 6000 }),
    'capture_exceeds_authorized: cannot capture 6000 (60.00 USD): payment a authorized only 50.00',
    'capture_exceeds_authorized: cannot capture 6000: payment a authorized only 5000'],
  ['partial_capture_not_supported', (c) => after([authorized(c, 'a', { paymentType: 'paypay' })], { op: 'payment.capture', payment: 'a', amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] }),
    'partial_capture_not_supported: paypay created through the Payment API cannot be partially captured: capture all 50.00 USD',
    'partial_capture_not_supported: paypay created through the Payment API cannot be partially captured: capture all 5000'],
  ['split_fixed_at_creation: a seller-model platform_amount', (c) => after([{ ...seller(c, 'sp'), capture: true, paymentType: 'konbini' }], { op: 'payment.capture', payment: 'sp', platformAmount: 1 }),
    'split_fixed_at_creation: payment sp took its platform_amount 5000 (50.00 USD) at creation (capture: true): its capture records the customer paying and keeps it; leave platform_amount out',
    'split_fixed_at_creation: payment sp took its platform_amount 5000 at creation (capture: true): its capture records the customer paying and keeps it; leave platform_amount out'],
  ['platform_amount_exceeds_amount at creation', (c) => after([], seller(c, 'sp', { platformAmount: 60_000 })),
    'platform_amount_exceeds_amount: platform_amount 60000 (600.00 USD) is more than the amount 500.00; it must be between 0 and 500.00',
    'platform_amount_exceeds_amount: platform_amount 60000 is more than the amount 50000; it must be between 0 and 50000'],
  ['platform_amount_exceeds_amount at a partial capture', (c) => after([seller(c, 'sp', { capture: false })], { op: 'payment.capture', payment: 'sp', amount: 1000 }),
    // The caller sent no platform_amount with the capture: the message says which one it means.
    'platform_amount_exceeds_amount: the platform_amount 5000 (50.00 USD) given at creation is more than the 1000 (10.00 USD) captured: capture at least that much, or restate a platform_amount of at most 1000 (10.00 USD) with the capture',
    'platform_amount_exceeds_amount: the platform_amount 5000 given at creation is more than the 1000 captured: capture at least that much, or restate a platform_amount of at most 1000 with the capture'],
  ['balance_overflow', (c) => {
    const usdFeeless = { merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '0%' } } }, { id: 'pm1', type: 'payout', platform: 'mart' }] } as LedgerConfig;
    const big = (id: string, amount: number): Command => ({ op: 'payment.create', id, merchant: 'mart', amount, currency: c, paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount, platformFee: 0 }] });
    return after([big('a', Number.MAX_SAFE_INTEGER)], big('b', 2), usdFeeless);
  },
    'balance_overflow: this would take pm1\'s USD balance to 90071992547409.93 USD, beyond the 9007199254740991 minor units Kanjo counts exactly: pay out or split the amount',
    'balance_overflow: this would take pm1\'s JPY balance to 9007199254740993, beyond the 9007199254740991 minor units Kanjo counts exactly: pay out or split the amount'],
  // @kanjo/splits rejections the ledger passes on, told no currency: prefixed with it.
  ['split_sum_mismatch', (c) => after([], card(c, 'p', { split: [{ submerchantId: 'pm1', amount: 4999, platformFee: 0 }] })),
    'split_sum_mismatch: amounts in minor units of USD: the split\'s amounts add up to 4999, but must equal the payment amount 5000',
    'split_sum_mismatch: the split\'s amounts add up to 4999, but must equal the payment amount 5000'],
  ['split_platform_fee_exceeds_amount', (c) => after([], card(c, 'p', { split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 5001 }] })),
    'split_platform_fee_exceeds_amount: amounts in minor units of USD: submerchants[0] (\"pm1\") has platform_fee 5001 above its amount 5000; the fee is taken out of the amount',
    'split_platform_fee_exceeds_amount: submerchants[0] (\"pm1\") has platform_fee 5001 above its amount 5000; the fee is taken out of the amount'],
  ['split_sum_exceeds_amount', (c) => after([authorized(c, 'a')], { op: 'payment.capture', payment: 'a', split: [{ submerchantId: 'pm1', amount: 5001, platformFee: 0 }] }),
    'split_sum_exceeds_amount: amounts in minor units of USD: the split\'s amounts add up to 5001, more than the captured amount 5000; they may add up to at most 5000 (the rest is the platform\'s own)',
    'split_sum_exceeds_amount: the split\'s amounts add up to 5001, more than the captured amount 5000; they may add up to at most 5000 (the rest is the platform\'s own)'],
  ['split_sum_mismatch of a session', (c) => after([], { op: 'session.create', id: 's', merchant: 'mart', amount: 5000, currency: c, paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/return', capture: 'auto', split: [{ submerchantId: 'pm1', amount: 4999, platformFee: 0 }] }),
    'split_sum_mismatch: amounts in minor units of USD: the split\'s amounts add up to 4999, but must equal the payment amount 5000',
    'split_sum_mismatch: the split\'s amounts add up to 4999, but must equal the payment amount 5000'],
  ['refund_split_sum_mismatch', (c) => after([card(c, 'p')], { op: 'payment.refund', payment: 'p', amount: 2000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] }),
    'refund_split_sum_mismatch: amounts in minor units of USD: the refund split\'s amounts and platform fees add up to 1000, but must equal the refund amount 2000',
    'refund_split_sum_mismatch: the refund split\'s amounts and platform fees add up to 1000, but must equal the refund amount 2000'],
  ['refund_exceeds_share of a payout merchant', (c) => after([card(c, 'p')], { op: 'payment.refund', payment: 'p', amount: 1500, split: [{ submerchantId: 'pm2', amount: 1500, platformFee: 0 }] }),
    'refund_exceeds_share: amounts in minor units of USD: submerchant \"pm2\" is asked to give back 1500, but has only 900 left of its share',
    'refund_exceeds_share: submerchant \"pm2\" is asked to give back 1500, but has only 900 left of its share'],
  ['refund_exceeds_share of the platform', (c) => after([card(c, 'p')], { op: 'payment.refund', payment: 'p', amount: 1500, split: [{ submerchantId: 'pm2', amount: 0, platformFee: 1500 }] }),
    'refund_exceeds_share: amounts in minor units of USD: the platform is asked to bear 1500 (the sum of platform_fee), but has only 500 left of its share',
    'refund_exceeds_share: the platform is asked to bear 1500 (the sum of platform_fee), but has only 500 left of its share'],
  // kanjo reconcile: a journal's amounts as written, with their unit beside.
  ['journal_entry_unbalanced', (c) => replayed([card(c, 'p')], (journal) => { journal[0]!['postings'][0].amount += 1; }),
    'journal_entry_unbalanced: entry 1: its USD postings sum to 1 (0.01 USD), not 0',
    'journal_entry_unbalanced: entry 1: its JPY postings sum to 1, not 0'],
  ['a capture for more than the payment', (c) => replayed([authorized(c, 'a'), { op: 'payment.capture', payment: 'a', split: [{ submerchantId: 'pm1', amount: 4000, platformFee: 0 }] }], (journal) => { changeOf(last(journal), 'payment_captured')['capturedAmount'] = 6000; }),
    'journal_entry_inapplicable: entry 2 cannot be applied: payment a of 5000 (50.00 USD) captured for 6000 (60.00 USD)',
    'journal_entry_inapplicable: entry 2 cannot be applied: payment a of 5000 captured for 6000'],
  ['a partial capture of a type that takes none', (c) => replayed([authorized(c, 'a', { paymentType: 'paypay' }), { op: 'payment.capture', payment: 'a', split: [{ submerchantId: 'pm1', amount: 4000, platformFee: 0 }] }], (journal) => { changeOf(last(journal), 'payment_captured')['capturedAmount'] = 4000; }),
    'journal_entry_inapplicable: entry 2 cannot be applied: payment a of 5000 (50.00 USD), paypay created through the Payment API, captured for 4000 (40.00 USD): it cannot be partially captured (partial_capture_not_supported)',
    'journal_entry_inapplicable: entry 2 cannot be applied: payment a of 5000, paypay created through the Payment API, captured for 4000: it cannot be partially captured (partial_capture_not_supported)'],
  ['a seller-model capture restating the platform amount taken at creation', (c) => replayed([seller(c, 'sp')], (journal) => { changeOf(journal[0]!, 'payment_captured')['platformAmount'] = 4000; }),
    'journal_entry_inapplicable: entry 1 cannot be applied: payment sp took its platform amount 5000 (50.00 USD) at creation, but is captured with 4000 (40.00 USD)',
    'journal_entry_inapplicable: entry 1 cannot be applied: payment sp took its platform amount 5000 at creation, but is captured with 4000'],
  ['a capture whose split the engine refuses', (c) => replayed([authorized(c, 'a'), { op: 'payment.capture', payment: 'a', split: [{ submerchantId: 'pm1', amount: 4000, platformFee: 0 }] }], (journal) => { changeOf(last(journal), 'payment_captured')['split'][0].platformFee = 4001; }),
    'journal_entry_inapplicable: entry 2 cannot be applied: payment a captured with a split the engine refuses at capture: split_platform_fee_exceeds_amount: amounts in minor units of USD: submerchants[0] (\"pm1\") has platform_fee 4001 above its amount 4000; the fee is taken out of the amount',
    'journal_entry_inapplicable: entry 2 cannot be applied: payment a captured with a split the engine refuses at capture: split_platform_fee_exceeds_amount: submerchants[0] (\"pm1\") has platform_fee 4001 above its amount 4000; the fee is taken out of the amount'],
  ['a capture with another split than the one taken at creation', (c) => replayed([{ ...konbini(c, 'kb') }, { op: 'payment.capture', payment: 'kb' }], (journal) => { changeOf(last(journal), 'payment_captured')['split'][0].platformFee = 400; }),
    'journal_entry_inapplicable: entry 2 cannot be applied: payment kb took its split at creation, but is captured with another (pm1 5000 (fee 400) instead of pm1 5000 (fee 500)) (amounts in minor units of USD)',
    'journal_entry_inapplicable: entry 2 cannot be applied: payment kb took its split at creation, but is captured with another (pm1 5000 (fee 400) instead of pm1 5000 (fee 500))'],
  ['a capture with shares its split does not give', (c) => replayed([card(c, 'p')], (journal) => { const shares = changeOf(journal[0]!, 'payment_captured')['shares']; shares.platform += 1; shares.submerchants[0].share -= 1; }),
    'journal_entry_inapplicable: entry 1 cannot be applied: payment p captured for 5000 with shares platform 501, pm1 3599, pm2 900, but its split gives platform 500, pm1 3600, pm2 900 (amounts in minor units of USD)',
    'journal_entry_inapplicable: entry 1 cannot be applied: payment p captured for 5000 with shares platform 501, pm1 3599, pm2 900, but its split gives platform 500, pm1 3600, pm2 900'],
  ['a capture at creation of less than the amount', (c) => replayed([seller(c, 'sp')], (journal) => { const captured = changeOf(journal[0]!, 'payment_captured'); captured['capturedAmount'] = 40_000; captured['shares'].submerchants[0].share = 35_000; }),
    'journal_entry_inapplicable: entry 1 cannot be applied: payment sp of 50000 (500.00 USD) captured at its creation for 40000 (400.00 USD): a capture at creation takes the whole amount',
    'journal_entry_inapplicable: entry 1 cannot be applied: payment sp of 50000 captured at its creation for 40000: a capture at creation takes the whole amount'],
  ['a chargeback of another amount than is left', (c) => replayed([card(c, 'p'), { op: 'payment.chargeback', payment: 'p' }], (journal) => { changeOf(last(journal), 'payment_charged_back')['amount'] = 4999; }),
    'journal_entry_inapplicable: entry 2 cannot be applied: payment p charged back 4999 (49.99 USD), not the 50.00 left of it',
    'journal_entry_inapplicable: entry 2 cannot be applied: payment p charged back 4999, not the 5000 left of it'],
  ['a refund request completed for another amount', (c) => replayed([konbini(c, 'kb'), { op: 'payment.capture', payment: 'kb' }, refundRequest({ id: 'r', payment: 'kb', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }), { op: 'refund_request.complete', refundRequest: 'r' }], (journal) => { changeOf(last(journal), 'payment_refunded')['amount'] = 99; }),
    'journal_entry_inapplicable: entry 4 cannot be applied: payment kb refunded 99 (0.99 USD) by the completion of refund request r, which is for 100 (1.00 USD)',
    'journal_entry_inapplicable: entry 4 cannot be applied: payment kb refunded 99 by the completion of refund request r, which is for 100'],
  ['a refund request completed in other parts', (c) => replayed([konbini(c, 'kb'), { op: 'payment.capture', payment: 'kb' }, refundRequest({ id: 'r', payment: 'kb', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }), { op: 'refund_request.complete', refundRequest: 'r' }], (journal) => { const parts = changeOf(last(journal), 'payment_refunded')['parts']; parts.platform += 1; parts.submerchants[0].amount -= 1; }),
    'journal_entry_inapplicable: entry 4 cannot be applied: payment kb refunded by the completion of refund request r in parts {\"platform\":1,\"submerchants\":[{\"submerchantId\":\"pm1\",\"amount\":99}]}, neither the {\"platform\":0,\"submerchants\":[{\"submerchantId\":\"pm1\",\"amount\":100}]} its completion gives nor the request\'s {\"platform\":0,\"submerchants\":[{\"submerchantId\":\"pm1\",\"amount\":100}]} (amounts in minor units of USD)',
    'journal_entry_inapplicable: entry 4 cannot be applied: payment kb refunded by the completion of refund request r in parts {\"platform\":1,\"submerchants\":[{\"submerchantId\":\"pm1\",\"amount\":99}]}, neither the {\"platform\":0,\"submerchants\":[{\"submerchantId\":\"pm1\",\"amount\":100}]} its completion gives nor the request\'s {\"platform\":0,\"submerchants\":[{\"submerchantId\":\"pm1\",\"amount\":100}]}'],
  ['a refund request refunding another customer fee', (c) => replayed([card(c, 'c', { split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 4900 }] }), konbini(c, 'kb'), { op: 'payment.capture', payment: 'kb' }, refundRequest({ id: 'r', payment: 'kb', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], includePaymentMethodFee: true })], (journal) => { const request = changeOf(last(journal), 'refund_request_created')['request']; request.refundedCustomerFee.fee.amount = 191; request.holds[0].amount += 1; }),
    'journal_entry_inapplicable: entry 4 cannot be applied: refund request r refunds a customer fee of 191 (1.91 USD) and tax 19 (0.19 USD), but a request refunds the 190 (1.90 USD) and 19 (0.19 USD) payment kb was charged, once',
    'journal_entry_inapplicable: entry 4 cannot be applied: refund request r refunds a customer fee of 191 and tax 19, but a request refunds the 190 and 19 payment kb was charged, once'],
  ['a refund request holding other amounts than it costs', (c) => replayed([konbini(c, 'kb'), { op: 'payment.capture', payment: 'kb' }, refundRequest({ id: 'r', payment: 'kb', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] })], (journal) => { changeOf(last(journal), 'refund_request_created')['request'].holds[0].amount += 1; }),
    'journal_entry_inapplicable: entry 3 cannot be applied: refund request r holds mart 331 (3.31 USD), pm1 100 (1.00 USD) instead of what its parts and fees cost: mart 3.30, pm1 1.00',
    'journal_entry_inapplicable: entry 3 cannot be applied: refund request r holds mart 331, pm1 100 instead of what its parts and fees cost: mart 330, pm1 100'],
  ['a capture recording another customer fee', (c) => replayed([konbini(c, 'kb'), { op: 'payment.capture', payment: 'kb' }], (journal) => { changeOf(last(journal), 'payment_captured')['customerFee'] = 191; }),
    'journal_entry_inapplicable: entry 2 cannot be applied: the capture of payment kb: it records a customer fee of 191 (1.91 USD) and tax 19 (0.19 USD), where konbini of mart charges 1.90 and 0.19',
    'journal_entry_inapplicable: entry 2 cannot be applied: the capture of payment kb: it records a customer fee of 191 and tax 19, where konbini of mart charges 190 and 19'],
  ['a refund whose customers get back another amount', (c) => replayed([card(c, 'p'), { op: 'payment.refund', payment: 'p', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }], (journal) => { postingOf(last(journal), 'Assets:Receivable:Customers', 'Refund').amount -= 1; postingOf(last(journal), 'mart', 'Refund').amount += 1; }),
    'journal_entry_inapplicable: entry 2 cannot be applied: its customers get back 101 (1.01 USD) but its refunds say 100 (1.00 USD)',
    'journal_entry_inapplicable: entry 2 cannot be applied: its customers get back 101 but its refunds say 100'],
  ['a transfer whose postings move another amount than its change', (c) => replayed([card(c, 'p'), { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 100, currency: c }], (journal) => { changeOf(last(journal), 'balance_transferred')['amount'] = 101; }),
    'journal_entry_inapplicable: entry 2 cannot be applied: it moves -100 (-1.00 USD) for mart, but its changes move -101 (-1.01 USD) for it',
    'journal_entry_inapplicable: entry 2 cannot be applied: it moves -100 JPY for mart, but its changes move -101 JPY for it'],
  ['a session completed with a payment of another amount', (c) => replayed([{ op: 'session.create', id: 's', merchant: 'mart', amount: 5000, currency: c, paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/return', capture: 'manual' }, { op: 'session.complete', session: 's', payment: 'sp', paymentType: 'credit_card' }], (journal) => { changeOf(last(journal), 'payment_created')['payment'].amount = 4999; }),
    'journal_entry_inapplicable: entry 2 cannot be applied: session s completed with payment sp whose amount is 4999 (49.99 USD), not the session\'s 5000 (50.00 USD)',
    'journal_entry_inapplicable: entry 2 cannot be applied: session s completed with payment sp whose amount is 4999, not the session\'s 5000'],
  ['a direct refund in parts that do not add up to it', (c) => replayed([card(c, 'p'), { op: 'payment.refund', payment: 'p', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }], (journal) => { changeOf(last(journal), 'payment_refunded')['parts'].platform += 1; }),
    'journal_entry_inapplicable: entry 2 cannot be applied: payment p refunded 100 (1.00 USD) in parts that do not add up to it',
    'journal_entry_inapplicable: entry 2 cannot be applied: payment p refunded 100 in parts that do not add up to it'],
  ['a re-estimate whose parts do not add up to the request', (c) => replayed(sellerRequests(c), (journal) => { changeOf(last(journal), 'refund_request_reestimated')['parts'].platform += 1; }),
    'journal_entry_inapplicable: entry 5 cannot be applied: refund request r1 re-estimated with parts adding up to 6 (0.06 USD), not its amount 0.05',
    'journal_entry_inapplicable: entry 5 cannot be applied: refund request r1 re-estimated with parts adding up to 6, not its amount 5'],
  ['a completion that leaves out the re-estimate', (c) => replayed(sellerRequests(c), (journal) => { const entry = last(journal); entry['changes'] = entry['changes'].filter((change: { kind: string }) => change.kind !== 'refund_request_reestimated'); }),
    'journal_entry_inapplicable: entry 5 cannot be applied: it re-estimates no request, where settling it re-estimates r1 (platform 0, s1 5) (amounts in minor units of USD)',
    'journal_entry_inapplicable: entry 5 cannot be applied: it re-estimates no request, where settling it re-estimates r1 (platform 0, s1 5)'],
  ['platform_amount_exceeds_amount at a capture that restates it', (c) => after([seller(c, 'sp', { capture: false })], { op: 'payment.capture', payment: 'sp', amount: 1000, platformAmount: 1001 }),
    'platform_amount_exceeds_amount: platform_amount 1001 (10.01 USD) is more than the amount 10.00; it must be between 0 and 10.00',
    'platform_amount_exceeds_amount: platform_amount 1001 is more than the amount 1000; it must be between 0 and 1000'],
];

describe('amounts in messages say their currency and unit; yen keep their text', () => {
  for (const [what, run, usd, jpy] of cases) {
    it(`${what}: in USD`, () => {
      expect(run('USD')).toBe(usd);
    });
    it(`${what}: in JPY, as before`, () => {
      expect(run('JPY')).toBe(jpy);
    });
  }

  // KWD has three decimals: 5005 fils are 5.005 KWD.
  it('KWD amounts are written with three decimals', () => {
    expect(cases[0]![1]('KWD')).toBe('refund_exceeds_remaining: cannot refund 6000 (6.000 KWD): payment p has 5.000 left to refund');
    expect(cases[5]![1]('KWD')).toBe('partial_capture_not_supported: paypay created through the Payment API cannot be partially captured: capture all 5.000 KWD');
    expect(cases[10]![1]('KWD')).toBe('split_sum_mismatch: amounts in minor units of KWD: the split\'s amounts add up to 4999, but must equal the payment amount 5000');
  });
});
