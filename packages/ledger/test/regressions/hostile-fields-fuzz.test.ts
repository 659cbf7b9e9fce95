import {
  CompactEntryDecoder,
  LEDGER_REJECTION_CODES,
  createLedger,
  decideCommand,
  nextPayout,
  parseScenarioCommand,
  type LedgerConfig,
  journalNdjsonLines,
  parseJournalEntry,
  replayJournal,
  type Command,
  type Entry,
  type ExecuteResult,
  type Ledger,
} from '@kanjo/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment, konbiniPayment, marketplaceSession, omit, refundRequest, sellerPayment } from '../support/fixtures.js';
import { ledgerAfter, stateSnapshot } from '../support/ledger-harness.js';

// Fuzz of the ledger from code (a service handing a request body to ledger.execute) with
// wrongly typed and hostile fields. README "How it works": a field of the wrong type from code
// is a typed rejection (command_invalid, field_missing, field_invalid or the code of the check
// it fails); "An amount that is not a non-negative safe integer still throws, as @kanjo/splits
// documents" (a RangeError). "A rejected command appends nothing and changes nothing."
// "Rejection codes": the message is one line, caller input quoted, escaped and cut to 64
// characters.
//
// Invariant: execute either accepts, or returns a typed rejection with a known code and a
// one-line message of bounded length, or throws only a RangeError for a non-safe-integer
// amount; a rejected or throwing command leaves the state and journal byte-for-byte as before;
// an accepted command's journal still replays (live objects, and both export formats read back)
// to the live state.
//
// Scope: the README speaks of "a request body handed on as it came" and of values "from
// JavaScript": JSON values, undefined, NaN, ±Infinity, -0, bigints (named by "Rejection
// codes"), Dates (named under time_invalid), symbols, functions, arrays (sparse too), frozen
// objects, class instances, Maps, null-prototype objects and own `__proto__` / `constructor`
// keys are all fuzzed. Objects whose getters throw and Proxies whose traps throw are not: no
// request body is one, and nothing in the READMEs promises to survive code that throws when
// read (see the separate note at the end).

const BASE: readonly Command[] = [
  { ...goldenPayment('pay_cap'), at: '2026-04-01T10:00:00+09:00' },
  sellerPayment('sp_cap'),
  { ...omit(goldenPayment('pay_auth', { capture: false }), 'split') },
  sellerPayment('sp_auth', { capture: false }),
  konbiniPayment('kb_1'),
  { op: 'payment.capture', payment: 'kb_1' },
  refundRequest({ id: 'rr_1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }),
  marketplaceSession('ses_1'),
  { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 },
  { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 2000, currency: 'JPY', idempotencyKey: 'k_base' },
];

const AT = '2026-04-02T10:00:00+09:00';

/** One valid command per op (several for some), each accepted on the base ledger. */
const TEMPLATES: readonly Command[] = [
  { ...goldenPayment('p_new'), at: AT, idempotencyKey: 'k_new' },
  sellerPayment('sp_new', { at: AT }),
  { ...konbiniPayment('kb_new'), origin: 'api' },
  { op: 'payment.capture', payment: 'pay_auth', amount: 500, split: [{ submerchantId: 'pm1', amount: 300, platformFee: 30 }, { submerchantId: 'pm2', amount: 200, platformFee: 0 }], at: AT },
  { op: 'payment.capture', payment: 'sp_auth', amount: 50_000, platformAmount: 1000 },
  { op: 'payment.cancel', payment: 'pay_auth' },
  { op: 'payment.expire', payment: 'pay_auth' },
  { op: 'payment.refund', payment: 'pay_cap', amount: 100, split: [{ submerchantId: 'pm1', amount: 90, platformFee: 10 }] },
  { op: 'payment.refund', payment: 'sp_cap', amount: 1000, idempotencyKey: 'k_ref' },
  refundRequest({ id: 'rr_2', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], includePaymentMethodFee: true }),
  { op: 'refund_request.complete', refundRequest: 'rr_1' },
  { op: 'refund_request.reject', refundRequest: 'rr_1' },
  { op: 'payment.chargeback', payment: 'pay_cap' },
  { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 100, currency: 'JPY' },
  { op: 'payout_settings.update', merchant: 'mart', target: 'pm2', currency: 'JPY', frequency: 'monthly', minimumAmount: 100 },
  { op: 'settlement.run', date: '2026-05-01', holidays: ['2026-04-29', '2026-04-30'], at: '2026-05-01T10:00:00+09:00' },
  marketplaceSession('ses_2', { metadata: { order: 'A-1', note: 'x' }, externalOrderNum: 'o-1', defaultLocale: 'ja', externalCustomerId: 'c-1' }),
  { op: 'session.complete', session: 'ses_1', payment: 'p_ses', paymentType: 'credit_card' },
  { op: 'session.cancel', session: 'ses_1' },
];

/** The fields whose wrong values @kanjo/splits throws for (README: "An amount ... still throws"). */
const AMOUNT_KEYS = new Set(['amount', 'platformAmount', 'platformFee', 'minimumAmount']);

const SPLITS_AND_FEES_CODES = new Set([
  'amount_exponent_notation', 'amount_negative', 'amount_not_a_number', 'amount_not_integer', 'amount_not_positive', 'amount_not_safe_integer',
  'amount_sum_not_safe_integer', 'fee_amount_invalid', 'payment_type_invalid', 'payment_type_not_in_schedule', 'platform_amount_exceeds_amount',
  'rate_malformed', 'rate_negative', 'rate_too_precise', 'refund_exceeds_share', 'refund_split_duplicate_submerchant', 'refund_split_sum_mismatch',
  'refund_split_too_many_lines', 'refund_submerchant_not_in_payment', 'refund_total_below_refunded', 'refund_total_exceeds_shares',
  'refunded_exceeds_share', 'rounding_mode_unknown', 'rate_above_100_percent', 'split_duplicate_submerchant', 'split_line_amount_not_positive',
  'split_not_allowed_at_authorization', 'split_platform_fee_exceeds_amount', 'split_required', 'split_submerchant_id_invalid',
  'split_sum_exceeds_amount', 'split_sum_mismatch', 'split_too_many_submerchants',
]);
const KNOWN_CODES = new Set<string>([...LEDGER_REJECTION_CODES, ...SPLITS_AND_FEES_CODES]);

/** A message must stay one line: no C0/C1 control, no line or paragraph separator, no lone surrogate. */
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;
/** Fixed text plus at most a few quoted pieces of caller input of 64 characters each. */
const MAX_MESSAGE_LENGTH = 480;
/**
 * A replay's message writes the journal's own values, not a caller's input: it must stay one
 * line, but is not held to the 64-character quoting (a tampered journal's id of any type and
 * length is written as it is; reported, not fixed here).
 */
const MAX_JOURNAL_MESSAGE_LENGTH = Number.POSITIVE_INFINITY;

class Order {
  constructor(readonly id = 'pay_cap') {}
  get amount(): number {
    return 100;
  }
}

const nastyText = fc
  .array(fc.constantFrom('\u2028', '\u2029', '\u0085', '\u009b', '\u007f', '\ud800', '\udfff', '\n', '\r', '\t', '\u0000', '"', '\\', 'a', 'ア', '😀', 'pm1', 'JPY'), {
    maxLength: 80,
  })
  .map((parts) => parts.join(''));

/** Values a field of a request body, or of an object built in JavaScript, may hold instead of the right one. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null, undefined, NaN, -0, 0, 1, -1, 0.5, 1e21, Infinity, -Infinity, 2 ** 53, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER,
    true, false, '', ' ', 'true', 'false', '1000', '0', 'pm1', 'pm3', 'px', 'mart', 'plt', 's1', 'JPY', 'USD', 'credit_card', 'konbini',
    'weekly', 'auto', 'manual', 'api', 'session', '2026-04-30', '2026-04-02T10:00:00+09:00', '__proto__', 'constructor',
    0n, 1000n, 2n ** 64n, Symbol('s'), Symbol.iterator, () => 1, class {}, Math, JSON,
    [], [null], [undefined], new Array(3), ['pm1'], [1, 2], [[]], {}, Object.create(null), Object.freeze({ submerchantId: 'pm1', amount: 100, platformFee: 0 }),
    Object.freeze(['2026-04-29']), new Date('2026-04-02T01:00:00Z'), new Date(NaN), new Order(), new Map([['a', 'b']]), new Set(['credit_card']),
    new String('JPY'), new Number(1000), new Boolean(false), /re/, new Uint8Array(2), new Error('e'), Promise.resolve(1),
    JSON.parse('{"__proto__": {"amount": 1}, "constructor": "x"}'), { toString: () => 'pm1', valueOf: () => 1000 }, { toJSON: () => 'x' },
    'x'.repeat(100_000), 'ア'.repeat(300), '😀'.repeat(200), 'pm1\u2028', '\ud800',
    // Read without throwing: a transparent Proxy, an accessor that answers.
    new Proxy({ submerchantId: 'pm1', amount: 100, platformFee: 0 }, {}), new Proxy(['credit_card'], {}),
    Object.defineProperty({ submerchantId: 'pm2' }, 'amount', { get: () => 100, enumerable: true }),
  ),
  nastyText,
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.anything({
    withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withBoxedValues: true,
    withTypedArray: true, withSparseArray: true, withUnicodeString: true, maxDepth: 3,
    key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'submerchantId', 'amount', 'platformFee', 'toJSON', 'op')),
  }),
  fc.array(fc.anything({ withBigInt: true, maxDepth: 1 }), { size: 'max', maxLength: 200 }),
  fc.array(fc.record({ submerchantId: fc.constantFrom<unknown>('pm1', 'pm2', 'pm3', 'px', 5, null), amount: fc.constantFrom<unknown>(100, 0, -1, 1.5, '100', 2 ** 53, null), platformFee: fc.constantFrom<unknown>(0, 10, -0, NaN, undefined) }), { size: 'max', maxLength: 40 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.anything({ maxDepth: 1 }), { size: 'max', maxKeys: 80 }),
);

type Path = readonly (string | number)[];

/** Every path in `value` (its own enumerable keys, nested), containers included, the root excluded. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const paths: Path[] = [];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  for (const [key, item] of entries) {
    const path = [...prefix, key];
    paths.push(path, ...pathsOf(item, path));
  }
  return paths;
}

/** `value` at `path` set as an own data property (so `__proto__` is a key, as JSON.parse makes it). */
function setAt(root: Record<string, unknown>, path: Path, value: unknown): void {
  let target = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === DELETE && Array.isArray(target) && typeof last === 'number') target.splice(last, 1);
  else if (value === DELETE) delete target[last];
  else Object.defineProperty(target, last, { value, enumerable: true, writable: true, configurable: true });
}

const DELETE = Symbol('delete');

/** A plain deep copy of a template (they hold only JSON values). */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) value = (value as Record<string | number, unknown>)[key];
  return value;
}

interface Mutation {
  readonly path: Path;
  readonly value: unknown;
}

/** A mutation: replace (or delete) an existing field, nested or not, or add an unknown one. */
function mutationArbitrary(template: Command): fc.Arbitrary<Mutation> {
  const paths = pathsOf(template);
  const containers = [[] as Path, ...paths.filter((path) => {
    const value = valueAt(template, path);
    return typeof value === 'object' && value !== null;
  })];
  const replaced = fc.record({ path: fc.constantFrom(...paths), value: fc.oneof({ weight: 12, arbitrary: hostile }, { weight: 1, arbitrary: fc.constant<unknown>(DELETE) }) });
  const added = fc.record({
    path: fc.tuple(fc.constantFrom(...containers), fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toJSON', 'cardNumber', 'payment_type', 'tax_rate', 'then', 'length', '0', 'rounding', 'taxRate', 'refundRequestFee', 'timeZone', 'book', 'approved', 'status', 'customerFee', 'fixedFee'), fc.string({ maxLength: 8 }))).map(([container, key]) => [...container, key]),
    value: hostile,
  }).filter(({ path }) => {
    // An array's own `constructor` (Array.prototype.map would build its result with it) or an
    // index past its end (a hole) is no request body's and no JSON's: see the note on scope.
    const key = path[path.length - 1];
    return !(Array.isArray(valueAt(template, path.slice(0, -1))) && (key === 'constructor' || /^\d+$/.test(String(key))));
  });
  return fc.oneof({ weight: 4, arbitrary: replaced }, { weight: 1, arbitrary: added });
}

/** Whether a mutation put a value that is not a non-negative safe integer into an amount field. */
function touchesAmount(mutations: readonly Mutation[]): boolean {
  return mutations.some(({ path, value }) => {
    const key = path[path.length - 1];
    return typeof key === 'string' && AMOUNT_KEYS.has(key) && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
  }) || mutations.some(({ path }) => path.length <= 2 && (path[0] === 'split' || path[0] === 'amount'));
}

/** Maps and sets as lists: JSON.stringify writes both as `{}`, which would hide the settled payout periods (a Set). */
const mapsAndSets = (_key: string, value: unknown): unknown => (value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value] : value);

/** The state as text: every map, set and list, byte for byte (the journal included). */
function stateText(ledger: Ledger): string {
  return JSON.stringify(stateSnapshot(ledger.state), mapsAndSets);
}

/** What replaying `journal` gives, as stateText would write it, or the rejection. */
function replayedText(journal: readonly Entry[]): string {
  const replayed = replayJournal(CONFIG, journal);
  if (!replayed.ok) return `${replayed.error.code}: ${replayed.error.message}`;
  return JSON.stringify(stateSnapshot(replayed.value.state), mapsAndSets);
}

/** The journal written in `format` and read back as `kanjo reconcile` reads it. */
function readBack(ledger: Ledger, format: 'compact' | 'objects'): Entry[] | string {
  const [header = '', ...lines] = [...journalNdjsonLines(CONFIG, ledger.journal, format)].map((line) => line.replace(/\n$/, ''));
  const entries: Entry[] = [];
  if (format === 'objects') {
    for (const [index, line] of lines.entries()) {
      const parsed = parseJournalEntry(JSON.parse(line), index + 2);
      if (!parsed.ok) return `${parsed.error.code}: ${parsed.error.message}`;
      entries.push(parsed.value);
    }
    return entries;
  }
  const opened = CompactEntryDecoder.fromHeader(JSON.parse(header));
  if (!opened.ok) return `${opened.error.code}: ${opened.error.message}`;
  for (const [index, line] of lines.entries()) {
    const decoded = opened.value.decoder.decodeText(line, index + 2);
    if (!decoded.ok) return `${decoded.error.code}: ${decoded.error.message}`;
    entries.push(decoded.value);
  }
  return entries;
}

/** Checks the invariant for one mutated command; returns a description of a breach, or undefined. */
function breach(command: Command, mutations: readonly Mutation[]): string | undefined {
  const ledger = ledgerAfter(BASE);
  const before = stateText(ledger);
  let result: ExecuteResult;
  try {
    result = ledger.execute(command);
  } catch (error) {
    if (!(error instanceof RangeError) || !touchesAmount(mutations)) return `threw ${String(error instanceof Error ? `${error.name}: ${error.message}` : error)}`;
    return stateText(ledger) === before ? undefined : 'threw a RangeError and changed the state';
  }
  if (!result.ok) {
    const { code, message } = result.error;
    if (!KNOWN_CODES.has(code)) return `unknown code ${code}: ${message}`;
    if (typeof message !== 'string' || message.length === 0) return `${code} with no message`;
    if (LINE_BREAKING.test(message)) return `${code} message breaks the line: ${JSON.stringify(message)}`;
    if (message.length > MAX_MESSAGE_LENGTH) return `${code} message of ${message.length} characters: ${message.slice(0, 200)}…`;
    return stateText(ledger) === before ? undefined : `${code} changed the state`;
  }
  let live: string;
  try {
    live = stateText(ledger);
  } catch (error) {
    return `accepted, and the state cannot be written as JSON: ${String(error)}`;
  }
  const fromObjects = replayedText(ledger.journal);
  if (fromObjects !== live) return `accepted, and its journal replays differently: ${fromObjects.slice(0, 300)}`;
  for (const format of ['objects', 'compact'] as const) {
    let entries: Entry[] | string;
    try {
      entries = readBack(ledger, format);
    } catch (error) {
      return `accepted, and the ${format} export threw: ${String(error)}`;
    }
    if (typeof entries === 'string') return `accepted, and the ${format} export is refused: ${entries.slice(0, 300)}`;
    const replayed = replayedText(entries);
    if (replayed !== live) return `accepted, and the ${format} export replays differently: ${replayed.slice(0, 300)}`;
  }
  return undefined;
}

/** A description of a value for a counterexample (fast-check's own stringify). */
const show = (mutations: readonly Mutation[]): string => fc.stringify(mutations.map(({ path, value }) => ({ path, value: value === DELETE ? '<deleted>' : value })));

describe('hostile fields from code: typed rejection or RangeError for an amount, nothing changed; accepted journals replay', () => {
  it('control: every template is accepted on the base ledger, and the base replays', () => {
    for (const template of TEMPLATES) {
      const ledger = ledgerAfter(BASE);
      const result = ledger.execute(copy(template));
      expect(result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`, template.op).toBe('accepted');
      expect(breach(copy(template), [])).toBeUndefined();
    }
  });

  for (const template of TEMPLATES) {
    const label = `${template.op}${'payment' in template ? ` ${String(template.payment)}` : 'id' in template ? ` ${String(template.id)}` : ''}`;
    it(`${label}: one or two fields replaced or added`, () => {
      fc.assert(
        fc.property(fc.array(mutationArbitrary(template), { minLength: 1, maxLength: 2 }), (mutations) => {
          const command = copy(template) as unknown as Record<string, unknown>;
          for (const { path, value } of mutations) {
            try {
              setAt(command, path, value);
            } catch {
              return; // the first mutation replaced the container the second one reaches into
            }
          }
          const problem = breach(command as unknown as Command, mutations);
          if (problem !== undefined) throw new Error(`${problem}\n  mutations: ${show(mutations)}`);
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 250) },
      );
    });
  }
});

/** A template as a scenario file writes it: snake_case, `platform_details`, the bank fields at the top. */
function scenarioForm(command: Command): Record<string, unknown> {
  const snake = (key: string): string => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  const snakeObject = (value: object): Record<string, unknown> => Object.fromEntries(Object.entries(value).map(([key, item]) => [snake(key), item]));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(command)) {
    if (key === 'split') out['platform_details'] = { submerchants: (value as object[]).map(snakeObject) };
    else if (key === 'bankAccount') Object.assign(out, snakeObject(value as object));
    else if (key === 'externalOrderNum') out['payment_data'] = { external_order_num: value };
    else if (key === 'metadata') out['metadata'] = value;
    else out[snake(key)] = value;
  }
  return out;
}

/** The invariant's rejection half: a known code and a one-line, bounded message; else a description of the breach. */
function rejectionBreach(error: { readonly code: string; readonly message: string }, maxLength = MAX_MESSAGE_LENGTH): string | undefined {
  const { code, message } = error;
  if (!KNOWN_CODES.has(code) && !/^(config|journal)_[a-z_]+$/.test(code)) return `unknown code ${code}: ${message}`;
  if (typeof message !== 'string' || message.length === 0) return `${code} with no message`;
  if (LINE_BREAKING.test(message)) return `${code} message breaks the line: ${JSON.stringify(message)}`;
  if (message.length > maxLength) return `${code} message of ${message.length} characters: ${message.slice(0, 200)}…`;
  return undefined;
}

/** A mutated deep copy of `root`: one or two paths replaced, deleted or added (as {@link mutationArbitrary}). */
function mutated(root: unknown, mutations: readonly Mutation[]): Record<string, unknown> | undefined {
  const target = copy(root) as Record<string, unknown>;
  for (const { path, value } of mutations) {
    try {
      setAt(target, path, value);
    } catch {
      return undefined;
    }
  }
  return target;
}

describe('the other entry points with hostile fields', () => {
  it('parseScenarioCommand turns every field into a rejection; what it accepts, execute takes without throwing', () => {
    const templates = TEMPLATES.map(scenarioForm);
    fc.assert(
      fc.property(fc.nat(templates.length - 1).chain((index) => fc.tuple(fc.constant(index), fc.array(mutationArbitrary(templates[index] as unknown as Command), { minLength: 1, maxLength: 2 }))), ([index, mutations]) => {
        const raw = mutated(templates[index], mutations);
        if (raw === undefined) return;
        let parsed: ReturnType<typeof parseScenarioCommand>;
        try {
          parsed = parseScenarioCommand(raw);
        } catch (error) {
          throw new Error(`parseScenarioCommand threw ${String(error)}\n  mutations: ${show(mutations)}`);
        }
        if (!parsed.ok) {
          const problem = rejectionBreach(parsed.error);
          if (problem !== undefined) throw new Error(`${problem}\n  mutations: ${show(mutations)}`);
          return;
        }
        // Nothing may throw now, not even for an amount: the reader turned every field into a rejection.
        const problem = breach(parsed.value, []);
        if (problem !== undefined) throw new Error(`${problem}\n  mutations: ${show(mutations)}`);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 250) * 4 },
    );
  });

  it('decideCommand never writes, and answers with a typed rejection or a RangeError for an amount', () => {
    const templates = TEMPLATES;
    fc.assert(
      fc.property(fc.nat(templates.length - 1).chain((index) => fc.tuple(fc.constant(index), fc.array(mutationArbitrary(templates[index]!), { minLength: 1, maxLength: 2 }))), ([index, mutations]) => {
        const command = mutated(templates[index], mutations) as unknown as Command | undefined;
        if (command === undefined) return;
        const ledger = ledgerAfter(BASE);
        const before = stateText(ledger);
        try {
          const result = decideCommand(ledger.state, command);
          if (!result.ok) {
            const problem = rejectionBreach(result.error);
            if (problem !== undefined) throw new Error(problem);
          }
        } catch (error) {
          if (!(error instanceof RangeError) || !touchesAmount(mutations)) throw new Error(`decideCommand threw ${String(error)}\n  mutations: ${show(mutations)}`);
        }
        expect(stateText(ledger), show(mutations)).toBe(before);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 250) * 4 },
    );
  });

  it('createLedger: a configuration with hostile fields is a ledger or a typed rejection', () => {
    fc.assert(
      fc.property(fc.array(mutationArbitrary(CONFIG as unknown as Command), { minLength: 1, maxLength: 2 }), (mutations) => {
        const config = mutated(CONFIG, mutations);
        if (config === undefined) return;
        let created: ReturnType<typeof createLedger>;
        try {
          created = createLedger(config as unknown as LedgerConfig);
        } catch (error) {
          const amountKey = mutations.some(({ path }) => path.some((key) => key === 'customerFee' || key === 'refundRequestFee'));
          if (error instanceof RangeError && amountKey) return;
          throw new Error(`createLedger threw ${String(error)}\n  mutations: ${show(mutations)}`);
        }
        if (!created.ok) {
          const problem = rejectionBreach(created.error);
          if (problem !== undefined) throw new Error(`${problem}\n  mutations: ${show(mutations)}`);
          return;
        }
        // An accepted configuration runs the base ledger's commands without a raw error.
        for (const command of [...BASE, ...TEMPLATES]) {
          try {
            const result = created.value.execute(copy(command));
            if (!result.ok) {
              const problem = rejectionBreach(result.error);
              if (problem !== undefined) throw new Error(problem);
            }
          } catch (error) {
            throw new Error(`${command.op} on the accepted configuration threw ${String(error)}\n  mutations: ${show(mutations)}`);
          }
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 250) * 4 },
    );
  });

  it('a journal read back by parseJournalEntry with hostile fields is replayed or refused with a typed rejection', () => {
    // The README's way for a journal not written by this process: read each line with
    // parseJournalEntry (or CompactEntryDecoder), then replay. replayJournal's own parameter is
    // typed Entry[]: an entry without its postings list from code is a programmer error, not fuzzed.
    const source = ledgerAfter([...BASE, { op: 'refund_request.complete', refundRequest: 'rr_1' }, TEMPLATES[0]!, TEMPLATES[7]!, TEMPLATES[15]!]);
    const lines = [...journalNdjsonLines(CONFIG, source.journal, 'objects')].slice(1).map((line) => JSON.parse(line) as unknown);
    fc.assert(
      fc.property(fc.array(mutationArbitrary(lines as unknown as Command), { minLength: 1, maxLength: 2 }), (mutations) => {
        const changed = mutated(lines, mutations);
        if (changed === undefined) return;
        // What a file holds: parseJournalEntry reads JSON.parse(line) (README), so JSON values only.
        let objects: unknown[];
        try {
          objects = (changed as unknown as unknown[]).map((line) => JSON.parse(JSON.stringify(line)) as unknown);
        } catch {
          return; // a bigint: no file holds one
        }
        try {
          const entries: Entry[] = [];
          for (const [index, object] of objects.entries()) {
            const parsed = parseJournalEntry(object, index + 2);
            if (!parsed.ok) {
              const problem = rejectionBreach(parsed.error, MAX_JOURNAL_MESSAGE_LENGTH);
              if (problem !== undefined) throw new Error(problem);
              return;
            }
            entries.push(parsed.value);
          }
          const replayed = replayJournal(CONFIG, entries);
          if (!replayed.ok) {
            const problem = rejectionBreach(replayed.error, MAX_JOURNAL_MESSAGE_LENGTH);
            if (problem !== undefined) throw new Error(problem);
          }
        } catch (error) {
          throw new Error(`${String(error)}\n  mutations: ${show(mutations)}`);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 250) * 4 },
    );
  });
});

describe('counterexamples the fuzz found, pinned', () => {
  const outcome = (result: { ok: boolean; error?: { code: string; message: string } }): string => (result.ok ? 'accepted' : `${result.error!.code}: ${result.error!.message}`);

  it('a field_invalid message escapes U+2028, U+2029 and C1 controls in the string it quotes (it broke the line)', () => {
    // command-shape-problem described a short wrong string with JSON.stringify, which leaves them raw.
    const ledger = ledgerAfter([]);
    expect(outcome(ledger.execute({ ...goldenPayment('p1'), capture: 'a\u2028b\u0085' } as unknown as Command))).toBe('field_invalid: capture must be true or false, not "a\\u2028b\\u0085"');
    expect(outcome(ledger.execute({ op: 'settlement.run', date: '2026-04-03', holidays: '\u2029' } as unknown as Command))).toBe('field_invalid: holidays must be a list of strings, not "\\u2029"');
    expect(ledger.journal).toHaveLength(0);
  });

  it('settlement.run: a date that is not a string is date_invalid, not read as the text it converts to nor a TypeError', () => {
    // DATE.exec(date) converted it: ['2026-05-01'] and { toString } ran a settlement for that day,
    // a null-prototype object or a symbol threw a TypeError. README: "a field of the wrong type is
    // never read as something else".
    for (const date of [['2026-05-01'], new String('2026-05-01'), { toString: () => '2026-05-01' }, Object.create(null) as object, Symbol('2026-05-01')]) {
      const ledger = ledgerAfter(BASE);
      const before = stateText(ledger);
      const result = ledger.execute({ op: 'settlement.run', date } as unknown as Command);
      expect(result.ok ? 'accepted' : result.error.code).toBe('date_invalid');
      expect(stateText(ledger)).toBe(before);
    }
    const next = nextPayout('weekly', ['2026-04-01'] as unknown as string);
    expect(next.ok ? next.value : next.error.code).toBe('date_invalid');
  });

  it('a configuration: a rate or a payment type with U+2028 or a C1 control is quoted escaped; a bigint rounding is a rejection, not a TypeError', () => {
    const platform = (paymentMethods: object, extra: object = {}): LedgerConfig => ({ ...extra, merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods } as LedgerConfig['merchants'][number]] });
    expect(outcome(createLedger(platform({ credit_card: { feeRate: '3.6\u2028%' } })))).toBe(
      'rate_malformed: platform mart: paymentMethods.credit_card.feeRate: "3.6\\u2028%" is not a percentage like "3.6%" (digits, an optional decimal part, then "%")',
    );
    expect(outcome(createLedger(platform({ credit_card: { feeRate: '-1\u0085%' } })))).toMatch(/^rate_malformed: .*"-1\\u0085%"/);
    expect(outcome(createLedger(platform({ ['card\u2028']: { feeRate: '1%' } })))).toMatch(/^payment_type_invalid: platform mart: paymentMethods\["card\\u2028"\]: /);
    expect(outcome(createLedger(platform({}, { rounding: 1n })))).toBe('rounding_mode_unknown: rounding: bigint is not one of "half_up", "half_even", "floor", "ceiling"');
    const long = createLedger(platform({}, { rounding: { mode: 'x'.repeat(10_000) } }));
    expect(long.ok ? 'accepted' : long.error.message).toBe('rounding: object is not one of "half_up", "half_even", "floor", "ceiling"');
  });

  it('a configuration: a time zone that is not a string is config_time_zone_invalid, not read as the text it converts to nor a TypeError', () => {
    // Found by this fuzz on a later run: parseUtcOffset's exec converted it, so ['+05:00'] made a
    // ledger whose days start at +05:00 and a list holding a null-prototype object threw a TypeError.
    const merchants = [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '1%' } } }];
    const outcomes = [['+05:00'], [Object.create(null) as object], new String('+05:00'), { toString: () => '+05:00' }, Symbol('+05:00')].map((timeZone) => {
      try {
        return outcome(createLedger({ merchants, timeZone } as unknown as LedgerConfig));
      } catch (error) {
        return `threw ${String(error)}`;
      }
    });
    expect(outcomes).toEqual([
      'config_time_zone_invalid: time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not ["+05:00"]',
      'config_time_zone_invalid: time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not [{}]',
      'config_time_zone_invalid: time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not a String object wrapping "+05:00"',
      'config_time_zone_invalid: time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not {}',
      'config_time_zone_invalid: time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not a symbol',
    ]);
  });

  it("a sub-merchant's payment type its platform has no fees for is quoted escaped (config_payment_type_not_offered)", () => {
    const config = (paymentType: string): LedgerConfig => ({ merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '1%' } } }, { id: 'pm1', type: 'payout', platform: 'mart', paymentTypes: [paymentType] }] });
    expect(outcome(createLedger(config('konbini\u2028')))).toBe('config_payment_type_not_offered: merchant pm1 lists "konbini\\u2028", which its platform mart has no fee settings for');
    expect(outcome(createLedger(config('konbini')))).toBe('config_payment_type_not_offered: merchant pm1 lists konbini, which its platform mart has no fee settings for');
  });

  describe('a journal read back with a tampered share or id', () => {
    const source = (): Record<string, any> => JSON.parse([...journalNdjsonLines(CONFIG, ledgerAfter([goldenPayment('p1')]).journal, 'objects')][1]!) as Record<string, any>;
    const replayed = (line: Record<string, any>): string => {
      const parsed = parseJournalEntry(line, 2);
      if (!parsed.ok) return `${parsed.error.code}: ${parsed.error.message}`;
      return outcome(replayJournal(CONFIG, [parsed.value]));
    };

    it("a capture's share whose id is not a string is journal_entry_malformed (README: ids as strings)", () => {
      for (const id of [5, ['pm2'], null]) {
        const line = source();
        line['changes'][1].shares.submerchants[1].submerchantId = id;
        expect(replayed(line)).toMatch(/^journal_entry_malformed: line 2 \(entry 1\): .*shares/);
      }
    });

    it("a share's id with U+2028, or 5,000 characters long, is written quoted, escaped and cut in the message", () => {
      const line = source();
      line['changes'][1].shares.submerchants[1].submerchantId = 'a\u2028b';
      expect(replayed(line)).toBe('journal_entry_inapplicable: entry 1 cannot be applied: payment p1 captured with a share for "a\\u2028b", not a payout merchant of mart');
      line['changes'][1].shares.submerchants[1].submerchantId = 'x'.repeat(5000);
      expect(replayed(line)).toBe(`journal_entry_inapplicable: entry 1 cannot be applied: payment p1 captured with a share for "${'x'.repeat(64)}…", not a payout merchant of mart`);
    });

    it("any other journal value a replay's message writes as it is stays on one line", () => {
      // Entry 14 is a settlement run that pays pm1 out; its payout now names a merchant no configuration has.
      const ledger = ledgerAfter([...BASE, { op: 'refund_request.complete', refundRequest: 'rr_1' }, TEMPLATES[0]!, TEMPLATES[7]!, TEMPLATES[15]!]);
      const lines = [...journalNdjsonLines(CONFIG, ledger.journal, 'objects')].slice(1).map((text) => JSON.parse(text) as Record<string, any>);
      expect(lines[13]!['changes'][0].kind).toBe('payout_period_settled');
      lines[13]!['changes'][0].merchant = 'pm\u20289';
      const entries = lines.map((line, index) => {
        const parsed = parseJournalEntry(line, index + 2);
        if (!parsed.ok) throw new Error(parsed.error.message);
        return parsed.value;
      });
      const result = replayJournal(CONFIG, entries);
      expect(result.ok ? 'accepted' : result.error.code).toBe('journal_entry_inapplicable');
      expect(result.ok ? '' : result.error.message).not.toMatch(/[\u2028\u2029\u0000-\u001f\u007f-\u009f]/);
      expect(result.ok ? '' : result.error.message).toBe('entry 14 cannot be applied: payout of unknown merchant pm\\u20289');
    });
  });
});

// Not fuzzed, and why (README "How it works": commands are "a request body handed on as it
// came" or built "from JavaScript"; the codes are for "a field of the wrong type"): an object
// whose getter throws, a Proxy whose traps throw, or an array carrying its own `constructor`
// (Array.prototype.map and slice build their result with it) is not a value of a wrong type but
// code that runs, and fails, when read. JSON.parse makes none of them, and the READMEs promise
// nothing for them: the exception they raise reaches the caller (what the engine had not yet
// written stays unwritten: the shape check and the decision run before anything is applied).
