import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayJournal, type Entry } from '@kanjo/ledger';
import { journalScenarioArbitrary, runJournalScenario } from './support/journal-scenarios.js';

// Tamper properties of journal replay (`replayJournal`: what `kanjo reconcile` runs), for the
// edits the mutation property (journal-mutation-properties.test.ts: movements and the money
// fields and parties of changes) does not make. The engine writes a varied journal
// (support/journal-scenarios.ts); then ONE thing about it is tampered with, and replay must
// refuse the journal at the tampered entry: every entry before it is the engine's.
//
// Why each class must be refused (README, reconcile: "Every entry must be one the engine could
// have written"; sequence numbers run without gaps and times in order):
// - event_dropped, event_added, event_altered, events_reordered: the engine raises an entry's
//   events from its changes (DOMAIN.md "Events"): which ones, in which order, with which
//   payment, session, refund request, merchant, amount, currency and status. A webhook
//   consumer reads them, and an idempotent retry answers them.
// - op_altered: each op writes its own changes (a `payment.create` a payment created, a
//   `settlement.run` settled periods…); no two ops write the same list, so another op with the
//   same changes is no entry of the engine's. The hledger export prints the op.
// - payment_altered: an entry names the payment its changes concern, and only then; the
//   records and statements print it.
// - record_types_swapped, record_type_relabelled: "Records at capture", "Records of refunds",
//   and the Chargeback, Balance Transfer and Payout records: each movement has its record type,
//   which a merchant's records and statements show (a payout relabelled Payment, a Refund Fee
//   and its tax with their labels swapped, move the same money).
// - id_forged: a change naming a payment, refund request or session that does not exist.
// - creation_invalid: a creation the engine refuses (DOMAIN.md "Hosted page sessions": a
//   session of a configured merchant, with an absolute http(s) return_url and payment types;
//   payout settings of a configured merchant with a minimum of 0 or more), or records
//   otherwise (a refund request's fees are its payment's platform's; a seller-model payment
//   keeps a platform amount, a marketplace one none).
// - seq_repeated, seq_skipped, entries_swapped: sequence numbers run 1, 2, 3… (refused as
//   journal_sequence_broken).
// - at_before_previous: a command dated before the one before it is rejected (DOMAIN.md
//   "Journal").
// - entry_duplicated: an entry that creates, captures, cancels, expires, charges back,
//   requests, settles a request or a session, or settles payout periods, written twice (the
//   copy renumbered): nothing is created or settled twice.
//
// Out of this property because the engine could have written the result (another command, or
// another order of commands; see the README's "What it cannot check"): an entry dropped,
// moved or duplicated where nothing forbids it (a refund, a transfer, payout settings, a run
// that settled nothing), an `at` moved later within order, a payment created with another
// type, origin, amount or split for a later capture to use, a refund request's bank account or
// `reverse` flag, a session's fields, payout settings' frequency or minimum, the period a run
// carried over, the order of postings outside a capture.
//
// KANJO_MODEL_RUNS sets the number of runs (as for the model tests) for a longer hunt.
const NUM_RUNS = Number(process.env['KANJO_MODEL_RUNS'] ?? 150);

type Raw = Record<string, any>;
type RawEntry = Raw & { seq: number; at: string; command: Raw; payment?: string; changes: Raw[]; postings: Raw[]; events: Raw[] };

const CLASSES = [
  'event_dropped',
  'event_added',
  'event_altered',
  'events_reordered',
  'op_altered',
  'payment_altered',
  'record_types_swapped',
  'record_type_relabelled',
  'id_forged',
  'creation_invalid',
  'seq_repeated',
  'seq_skipped',
  'entries_swapped',
  'at_before_previous',
  'entry_duplicated',
] as const;
type TamperClass = (typeof CLASSES)[number];

const OPS = [
  'payment.create', 'payment.capture', 'payment.cancel', 'payment.expire', 'payment.refund', 'payment.refund_request', 'payment.chargeback',
  'refund_request.complete', 'refund_request.reject', 'balance.transfer', 'payout_settings.update', 'settlement.run', 'session.create', 'session.complete', 'session.cancel',
];
const RECORD_TYPES = [
  'Payment', 'Payment Transfer', 'Platform Fee', 'Processing Fee', 'Processing Fee Tax', 'Customer Fee', 'Customer Fee Tax', 'Refund', 'Payment Transfer Return',
  'Platform Fee Return', 'Refunded Customer Fee', 'Refunded Customer Fee Tax', 'Refund Fee', 'Refund Fee Tax', 'Chargeback', 'Balance Transfer', 'Payout',
];
const EVENT_TYPES = ['payment.authorized', 'payment.captured', 'payment.cancelled', 'payment.expired', 'payment.refund.created', 'payment.refunded', 'refund_request.updated', 'settlement.created'];
/** Ops whose entry can never be written twice: it creates or settles something. */
const ONCE_OPS = ['payment.create', 'payment.capture', 'payment.cancel', 'payment.expire', 'payment.chargeback', 'payment.refund_request', 'refund_request.complete', 'refund_request.reject', 'session.create', 'session.complete', 'session.cancel'];

/** A tampered journal, where replay must refuse it, and how. */
interface Tampered {
  readonly journal: RawEntry[];
  readonly seq: number;
  readonly code: 'journal_entry_inapplicable' | 'journal_sequence_broken';
  readonly description: string;
}

const pickOf = <T,>(list: readonly T[], seed: number): T => list[Math.abs(seed) % list.length] as T;
const renumber = (list: RawEntry[]): RawEntry[] => list.map((entry, index) => ({ ...entry, seq: index + 1 }));

/** The id fields of a change that name something that must exist (a payment, request or session), as paths. */
function idPaths(change: Raw): string[] {
  switch (change['kind']) {
    case 'payment_captured':
    case 'payment_cancelled':
    case 'payment_expired':
    case 'payment_refunded':
    case 'payment_charged_back':
      return ['payment'];
    case 'refund_request_completed':
    case 'refund_request_rejected':
    case 'refund_request_reestimated':
      return ['refundRequest'];
    case 'session_completed':
    case 'session_cancelled':
      return ['session'];
    default:
      return [];
  }
}

/**
 * The tamperings of class `tamper` that `entry` (at `position`) admits, each as a function of a
 * seed making the tampered journal; empty when the entry has no place for one.
 */
function tamperings(journal: readonly RawEntry[], position: number, tamper: TamperClass): ((seed: number) => Tampered)[] {
  const entry = journal[position] as RawEntry;
  const { seq } = entry;
  const edited = (description: string, edit: (copy: RawEntry, seed: number) => void) => (seed: number): Tampered => {
    const copy = structuredClone(entry);
    edit(copy, seed);
    return { journal: journal.map((other, index) => (index === position ? copy : other)), seq, code: 'journal_entry_inapplicable', description: `entry ${seq} (${entry.command['op']}): ${description}` };
  };
  const payments = [...new Set(journal.map((other) => other.payment).filter((id): id is string => id !== undefined && id !== entry.payment))];
  switch (tamper) {
    case 'event_dropped':
      return entry.events.map((event, index) => edited(`its event ${index} ${JSON.stringify(event)} left out`, (copy) => void copy.events.splice(index, 1)));
    case 'event_added': {
      // A copy of one of its own events, or of an event of another entry.
      const donors = entry.events.length > 0 ? entry.events : journal.flatMap((other) => other.events);
      if (donors.length === 0) return [];
      return [edited('an event added', (copy, seed) => void copy.events.splice(Math.abs(seed) % (copy.events.length + 1), 0, structuredClone(pickOf(donors, seed >> 3))))];
    }
    case 'event_altered':
      return entry.events.flatMap((event, index) =>
        Object.keys(event)
          .filter((field) => event[field] !== undefined)
          .concat(event['payment'] !== undefined && event['session'] === undefined ? ['session'] : [])
          .map((field) =>
            edited(`its event ${index}'s ${field} altered`, (copy, seed) => {
              const target = copy.events[index] as Raw;
              const value = target[field];
              if (field === 'type') target[field] = pickOf(EVENT_TYPES.filter((type) => type !== value), seed);
              else if (field === 'amount') target[field] = (value as number) + (Math.abs(seed) % 2 === 0 ? 1 : Math.max(1, Math.abs(seed) % 1000)) * (value > 1 && seed % 3 === 0 ? -1 : 1);
              else if (field === 'currency') target[field] = value === 'JPY' ? 'USD' : 'JPY';
              else if (field === 'status') target[field] = pickOf(['pending', 'completed', 'rejected'].filter((status) => status !== value), seed);
              else if (field === 'session' && value === undefined) target[field] = 'ses-forged';
              else if (field === 'session' && seed % 2 === 0) delete target[field];
              else if (field === 'payment' && payments.length > 0 && seed % 2 === 0) target[field] = pickOf(payments, seed >> 1);
              else target[field] = `${String(value)}-forged`;
            }),
          ),
      );
    case 'events_reordered': {
      const pairs: [number, number][] = [];
      for (let a = 0; a < entry.events.length; a += 1) {
        for (let b = a + 1; b < entry.events.length; b += 1) if (JSON.stringify(entry.events[a]) !== JSON.stringify(entry.events[b])) pairs.push([a, b]);
      }
      return pairs.map(([a, b]) => edited(`its events ${a} and ${b} swapped`, (copy) => void ([copy.events[a], copy.events[b]] = [copy.events[b] as Raw, copy.events[a] as Raw])));
    }
    case 'op_altered':
      return [edited('its op altered', (copy, seed) => (copy.command['op'] = pickOf(OPS.filter((op) => op !== entry.command['op']), seed)))];
    case 'payment_altered':
      if (entry.payment === undefined) {
        return [edited('a payment named on an entry of none', (copy, seed) => (copy.payment = payments.length > 0 ? pickOf(payments, seed) : 'pay-forged'))];
      }
      return [
        edited('its payment left out', (copy) => void delete copy.payment),
        edited('its payment another', (copy, seed) => (copy.payment = payments.length > 0 && seed % 2 === 0 ? pickOf(payments, seed >> 1) : `${entry.payment}-forged`)),
      ];
    case 'record_types_swapped': {
      const options: [number, number][] = [];
      for (let a = 0; a < entry.postings.length; a += 2) {
        for (let b = a + 2; b < entry.postings.length; b += 2) if (entry.postings[a]?.['recordType'] !== entry.postings[b]?.['recordType']) options.push([a, b]);
      }
      return options.map(([a, b]) =>
        edited(`the record types of its movements ${a / 2} and ${b / 2} swapped`, (copy) => {
          const [first, second] = [copy.postings[a]?.['recordType'], copy.postings[b]?.['recordType']];
          for (const index of [a, a + 1]) (copy.postings[index] as Raw)['recordType'] = second;
          for (const index of [b, b + 1]) (copy.postings[index] as Raw)['recordType'] = first;
        }),
      );
    }
    case 'record_type_relabelled': {
      const movements = entry.postings.length / 2;
      return Array.from({ length: movements }, (_, movement) =>
        edited(`its movement ${movement} given another record type`, (copy, seed) => {
          const from = copy.postings[movement * 2]?.['recordType'];
          const to = pickOf(RECORD_TYPES.filter((type) => type !== from), seed);
          for (const index of [movement * 2, movement * 2 + 1]) (copy.postings[index] as Raw)['recordType'] = to;
        }),
      );
    }
    case 'id_forged':
      return entry.changes.flatMap((change, index) =>
        idPaths(change).map((field) => edited(`its ${change['kind']} change names ${field} ${change[field]}-forged`, (copy) => ((copy.changes[index] as Raw)[field] = `${change[field]}-forged`))),
      );
    case 'creation_invalid':
      return entry.changes.flatMap((change, index) => {
        const at = (copy: RawEntry): Raw => copy.changes[index] as Raw;
        switch (change['kind']) {
          case 'session_created':
            return [
              edited('its session created for merchant nobody', (copy) => (at(copy)['session'].merchant = 'nobody')),
              edited('its session created with return_url "not a url"', (copy) => (at(copy)['session'].returnUrl = 'not a url')),
              edited('its session created offering no payment type', (copy) => (at(copy)['session'].paymentTypes = [])),
            ];
          case 'payout_settings_updated':
            return [
              edited('its payout settings for merchant nobody', (copy) => (at(copy)['settings'].merchant = 'nobody')),
              edited('its payout settings with a negative minimum', (copy, seed) => (at(copy)['settings'].minimumAmount = -1 - (Math.abs(seed) % 1000))),
            ];
          case 'refund_request_created':
            return [edited('its refund request paid by another platform', (copy) => (at(copy)['request'].platform = `${change['request'].platform}-forged`))];
          case 'payment_created':
            return [
              edited('its payment created with a platform amount where the engine keeps none, or without one where it keeps one', (copy) => {
                const payment = at(copy)['payment'];
                if (payment.platformAmount === undefined) payment.platformAmount = 0;
                else delete payment.platformAmount;
              }),
            ];
          default:
            return [];
        }
      });
    case 'seq_repeated':
      if (position === 0) return [];
      return [() => ({ journal: journal.map((other, index) => (index === position ? { ...other, seq: seq - 1 } : other)), seq: seq - 1, code: 'journal_sequence_broken', description: `entry ${seq} numbered ${seq - 1} again` })];
    case 'seq_skipped':
      return [() => ({ journal: journal.map((other, index) => (index >= position ? { ...other, seq: other.seq + 1 } : other)), seq: seq + 1, code: 'journal_sequence_broken', description: `the journal numbered on from ${seq + 1} at entry ${seq}` })];
    case 'entries_swapped':
      if (position + 1 >= journal.length) return [];
      return [() => {
        const swapped = [...journal];
        [swapped[position], swapped[position + 1]] = [journal[position + 1] as RawEntry, entry];
        return { journal: swapped, seq: seq + 1, code: 'journal_sequence_broken', description: `entries ${seq} and ${seq + 1} swapped, their numbers kept` };
      }];
    case 'at_before_previous': {
      if (position === 0) return [];
      const previous = Date.parse((journal[position - 1] as RawEntry).at);
      return [edited('dated before the entry before it', (copy, seed) => (copy.at = new Date(previous - 1 - (Math.abs(seed) % 3) * 86_400_000).toISOString()))];
    }
    case 'entry_duplicated': {
      const once = ONCE_OPS.includes(entry.command['op']) || (entry.command['op'] === 'settlement.run' && entry.changes.length > 0) || entry.command['idempotencyKey'] !== undefined;
      if (!once) return [];
      return [() => ({ journal: renumber([...journal.slice(0, position + 1), structuredClone(entry), ...journal.slice(position + 1)]), seq: seq + 1, code: 'journal_entry_inapplicable', description: `entry ${seq} (${entry.command['op']}) written again after itself` })];
    }
  }
}

/** The result of a replay, as `code: message` or `accepted`. */
function outcome(result: { ok: true } | { ok: false; error: { code: string; message: string } }): string {
  return result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`;
}

const seen = new Map<TamperClass, number>();

describe('journal replay refuses tampering with what is not money (fast-check)', () => {
  it('a journal the engine wrote with one entry\'s events dropped, added, altered or reordered, its op or payment altered, a movement\'s record type altered or two swapped, an id forged, a creation the engine refuses, its sequence number repeated, skipped or swapped, its time put before the previous entry\'s, or an entry that creates or settles something written twice, is refused by replay at that entry\'s seq (journal_sequence_broken for the numbers, journal_entry_inapplicable otherwise); the untampered journal replays', () => {
    const drawArbitrary = fc.record({ position: fc.nat(), target: fc.nat(), seed: fc.integer() });
    fc.assert(
      fc.property(journalScenarioArbitrary, fc.array(drawArbitrary, { minLength: CLASSES.length, maxLength: CLASSES.length }), (scenario, draws) => {
        const { config, ledger } = runJournalScenario(scenario);
        const journal = JSON.parse(JSON.stringify(ledger.journal)) as RawEntry[];
        const faithful = replayJournal(config, journal as unknown as Entry[]);
        if (!faithful.ok) throw new Error(`the engine's journal was refused: ${outcome(faithful)}`);
        for (const [index, tamper] of CLASSES.entries()) {
          const draw = draws[index] as { position: number; target: number; seed: number };
          // The first entry from the drawn position on that admits this class.
          for (let step = 0; step < journal.length; step += 1) {
            const position = (draw.position + step) % journal.length;
            const options = tamperings(journal, position, tamper);
            if (options.length === 0) continue;
            const tampered = (options[draw.target % options.length] as (seed: number) => Tampered)(draw.seed);
            const said = outcome(replayJournal(config, tampered.journal as unknown as Entry[]));
            // A number out of place is named by where it is, after the last entry in place; the
            // first entry follows none: "entry 2 is the first entry" (messages-review.test.ts).
            const place = tampered.journal.findIndex((other, index) => other.seq !== index + 1);
            const misplaced = place === 0 ? `entry ${tampered.seq} is the first entry` : `the entry after entry ${place} is numbered ${tampered.seq}: `;
            const expected = tampered.code === 'journal_sequence_broken' ? `journal_sequence_broken: ${misplaced}` : `journal_entry_inapplicable: entry ${tampered.seq} cannot be applied: `;
            expect(said.startsWith(expected), `${tamper}: ${tampered.description}\n  replay: ${said}`).toBe(true);
            seen.set(tamper, (seen.get(tamper) ?? 0) + 1);
            break;
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    // The runs only mean something if they reach every class.
    for (const tamper of CLASSES) expect(seen.get(tamper) ?? 0, `${tamper} tried`).toBeGreaterThan(0);
  }, Math.max(120_000, NUM_RUNS * 300));
});
