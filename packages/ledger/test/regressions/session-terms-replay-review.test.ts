import { replayJournal, type Command, type Entry, type Ledger } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, sellerPayment } from '../support/fixtures.js';
import { rawJournalOf, replayOutcome, type RawEntry } from '../support/raw-journal.js';

// Session 40's review of sessions in replay. (1) Versions before f733078 wrote no
// `platformAmountFixed`: replay then read the fixing from the session (capture: auto on a type
// that waits for the customer), but the capture decision read only the flag, so a ledger
// rebuilt from such a journal let the platform restate the platform amount, and replay refused
// the journal that ledger then wrote (34 of 158 continued old journals). (2) A `payment.create`
// entry could give its payment any session's id, and the rebuilt ledger then held the capture
// to that session's terms and named the session in every later event. DOMAIN.md: a payment
// that waits for the customer and took its terms at creation keeps them at capture; README:
// "Every entry must be one the engine could have written".

/** A seller session of plt for s1, capture auto, ¥4,000 Konbini, platform_amount 400. */
const SESSION: Command = {
  op: 'session.create',
  id: 'ses_auto',
  merchant: 'plt',
  as: 's1',
  amount: 4000,
  currency: 'JPY',
  paymentTypes: ['konbini'],
  returnUrl: 'https://shop.example/back',
  capture: 'auto',
  platformAmount: 400,
  platformMerchant: 'plt',
};
const COMPLETE: Command = { op: 'session.complete', session: 'ses_auto', payment: 'k', paymentType: 'konbini' };
/** An API Konbini payment of s1 waiting for a two-step capture: its platform amount may be restated. */
const TWO_STEP: Command = sellerPayment('k2', { amount: 3000, paymentType: 'konbini', capture: false, platformAmount: 100 });

/** The journal as a version before f733078 wrote it: no `platformAmountFixed` on any payment. */
function beforeTheFlag(commands: readonly Command[]): RawEntry[] {
  const entries = rawJournalOf(commands);
  for (const entry of entries) for (const change of entry.changes) if (change['kind'] === 'payment_created') delete change['payment']['platformAmountFixed'];
  return entries;
}

function rebuilt(entries: readonly RawEntry[]): Ledger {
  const replayed = replayJournal(CONFIG, entries as unknown as Entry[]);
  if (!replayed.ok) throw new Error(`${replayed.error.code}: ${replayed.error.message}`);
  return replayed.value;
}

describe('a session-fixed platform amount in a journal written before platformAmountFixed', () => {
  it('control: the journal without the flag is what f733078^ wrote, and it replays', () => {
    const entries = beforeTheFlag([SESSION, COMPLETE]);
    expect(entries[1]!.changes[0]!['payment']).not.toHaveProperty('platformAmountFixed');
    expect(replayOutcome(entries)).toBe('accepted');
  });

  it('the rebuilt ledger refuses to restate it at capture, as the faithful ledger does', () => {
    const ledger = rebuilt(beforeTheFlag([SESSION, COMPLETE]));
    const restated = ledger.execute({ op: 'payment.capture', payment: 'k', platformAmount: 0 });
    expect(restated.ok ? 'accepted' : restated.error.code).toBe('split_fixed_at_creation');
    expect(ledger.state.journal).toHaveLength(2);
  });

  it('its capture keeps 400 for the platform, and the journal the rebuilt ledger writes replays', () => {
    const ledger = rebuilt(beforeTheFlag([SESSION, COMPLETE]));
    const paid = ledger.execute({ op: 'payment.capture', payment: 'k' });
    expect(paid.ok).toBe(true);
    expect(ledger.state.payments.get('k')?.capturedPlatformAmount).toBe(400);
    expect(replayOutcome(JSON.parse(JSON.stringify(ledger.state.journal)) as RawEntry[])).toBe('accepted');
  });

  it('control: a two-step API payment may still restate its platform amount', () => {
    const ledger = rebuilt(beforeTheFlag([TWO_STEP]));
    const restated = ledger.execute({ op: 'payment.capture', payment: 'k2', platformAmount: 0 });
    expect(restated.ok).toBe(true);
    expect(ledger.state.payments.get('k2')?.capturedPlatformAmount).toBe(0);
  });
  it('README "What it cannot check": an API payment of capture true looks two-step without the flag, so its capture may restate', () => {
    const ledger = rebuilt(beforeTheFlag([sellerPayment('k3', { amount: 3000, paymentType: 'konbini', capture: true, platformAmount: 100 })]));
    const restated = ledger.execute({ op: 'payment.capture', payment: 'k3', platformAmount: 0 });
    expect(restated.ok).toBe(true);
    // The faithful ledger, which kept the flag, refuses the same capture.
    const faithful = rebuilt(rawJournalOf([sellerPayment('k3', { amount: 3000, paymentType: 'konbini', capture: true, platformAmount: 100 })]));
    const refused = faithful.execute({ op: 'payment.capture', payment: 'k3', platformAmount: 0 });
    expect(refused.ok ? 'accepted' : refused.error.code).toBe('split_fixed_at_creation');
  });
});

describe('only a session\'s completion gives a payment that session\'s id', () => {
  const refusal = (session: string) => `journal_entry_inapplicable: entry 3 cannot be applied: payment k2 names session ${session}, but the entry does not complete that session with it`;

  /** The journal of SESSION, COMPLETE or a cancel, then TWO_STEP, with k2 claiming `session`. */
  function claiming(session: string, before: readonly Command[] = [SESSION, COMPLETE]): RawEntry[] {
    const entries = rawJournalOf([...before, TWO_STEP]);
    const created = entries[entries.length - 1] as RawEntry & { events: Record<string, unknown>[] };
    created.changes[0]!['payment']['session'] = session;
    for (const event of created.events) event['session'] = session;
    return entries;
  }

  it('control: the journal as written replays', () => {
    expect(replayOutcome(rawJournalOf([SESSION, COMPLETE, TWO_STEP]))).toBe('accepted');
  });

  it('a payment.create entry claiming a session completed by another payment: refused', () => {
    expect(replayOutcome(claiming('ses_auto'))).toBe(refusal('ses_auto'));
  });

  it('claiming a cancelled session, an unknown one, or an id with a line break: refused', () => {
    expect(replayOutcome(claiming('ses_auto', [SESSION, { op: 'session.cancel', session: 'ses_auto' }]))).toBe(refusal('ses_auto'));
    expect(replayOutcome(claiming('nosuch'))).toBe(refusal('nosuch'));
    expect(replayOutcome(claiming('x\ny'))).toBe(refusal('"x\\ny"'));
  });
});
