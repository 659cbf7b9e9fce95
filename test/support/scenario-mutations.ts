import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

/**
 * Structure-aware mutations of real scenario files (SCENARIO.md): the worked examples of
 * /work/shared/examples and packages/ledger/examples, parsed, then changed by one to four
 * mutations that keep most of the document meaningful (a field deleted or given a value of
 * another JSON type, a command duplicated, dropped or swapped, an op changed to its neighbour,
 * an id changed to another id of the file, a time shifted, a currency changed, a value nested
 * deeply, past what JSON.stringify writes). A mutation is data (a kind and a few numbers that pick where it applies, taken modulo
 * what the document has), so fast-check shrinks a failing mutant to a short list of small picks.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Every worked example, by a short name, parsed. `*.expect.json` files are outcomes, not scenarios. */
export const EXAMPLE_SCENARIOS: readonly { readonly name: string; readonly document: Json }[] = [
  join(repositoryRoot, '..', 'shared', 'examples'),
  join(repositoryRoot, 'packages', 'ledger', 'examples'),
].flatMap((folder) =>
  readdirSync(folder)
    .filter((file) => file.endsWith('.json') && !file.endsWith('.expect.json'))
    .sort()
    .map((file) => ({ name: file, document: JSON.parse(readFileSync(join(folder, file), 'utf8')) as Json })),
);

/** SCENARIO.md's ops, in its table's order: a neighbour is the row above or below. */
export const SCENARIO_OPS = [
  'payment.create',
  'payment.capture',
  'payment.cancel',
  'payment.expire',
  'payment.refund',
  'payment.refund_request',
  'refund_request.complete',
  'refund_request.reject',
  'payment.chargeback',
  'balance.transfer',
  'payout_settings.update',
  'settlement.run',
  'session.create',
  'session.complete',
  'session.cancel',
] as const;

/** Fields whose string value names a merchant, payment, refund request or session of the file. */
const ID_FIELDS = new Set(['id', 'merchant', 'as', 'platform', 'payment', 'refund_request', 'session', 'submerchant_id', 'platform_merchant', 'from', 'to', 'target']);

/** Known, unknown, lower-case and padded currency codes; KWD and BHD have three decimals, JPY none. */
const CURRENCIES = ['JPY', 'USD', 'EUR', 'KWD', 'BHD', 'KRW', 'CLF', 'XXX', 'XAU', 'jpy', 'JPY ', '', 'JP', 'toString', '__proto__'] as const;

const nested = (depth: number, shape: 'array' | 'object', leaf: Json): Json => {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = shape === 'array' ? [value] : { a: value };
  return value;
};

/** Values of every JSON type, the edges of numbers and strings among them. */
export const weirdValueArbitrary: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null, true, false, 'true', 'false',
    0, -0, 1, -1, 1.5, 1e308, -1e308, 2 ** 53, 2 ** 53 - 1, 5e-324, 1000,
    '', '  ', '1e3', '1000', '-5', '0', '+5', '1,000', '0x10', '٣', '１０００',
    '\u0000', '\ud800', 'pay\udc00', '\u202eRTL', 'a\nb', '\u2028', '\ufeff', '😀',
    [], {}, [1], ['JPY'], { a: 1 }, [null], { submerchant_id: 'pm1', amount: 1, platform_fee: 0 },
    '2026-04-01T10:00:00+09:00', '2026-02-30', '1399-12-31T00:00:00Z', '9999-12-31T23:59:59Z',
    '3.6%', '-0%', '100.000001%', 'konbini', 'credit_card', 'bank_transfer', 'paypay', 'platform', 'marketplace', 'payout', 'seller', 'deactivated',
    'https://example.com/return', 'auto', 'manual', 'weekly', 'monthly',
    '__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '10', '007',
    // Text a CSV, a table or an hledger journal must quote or escape.
    'a,b', 'say "hi"', 'x;y', '=SUM(A1)', 'a b', ' lead', 'trail ', 'a|b', 'a\\b', 'a:b', '100%', 'é', 'e\u0301',
  ),
  fc.constantFrom<Json>('x'.repeat(10_000), '😀'.repeat(5_000), 'ア'.repeat(256), 'p'.repeat(255), 'p'.repeat(256)),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer({ min: -1_000_000, max: 10_000_000 }),
  fc.double(),
);

/** Where a place-picking mutation looks: the commands (most mutants should still have a usable configuration) or the whole file. */
export type Scope = 'commands' | 'anywhere';

export type Mutation =
  | { readonly kind: 'delete'; readonly scope: Scope; readonly pick: number }
  | { readonly kind: 'retype'; readonly scope: Scope; readonly pick: number; readonly value: Json }
  | { readonly kind: 'duplicateCommand'; readonly pick: number; readonly to: number }
  | { readonly kind: 'dropCommand'; readonly pick: number }
  | { readonly kind: 'swapCommands'; readonly pick: number; readonly other: number }
  | { readonly kind: 'neighbourOp'; readonly pick: number; readonly step: number }
  | { readonly kind: 'copyField'; readonly pick: number; readonly from: number; readonly field: number }
  | { readonly kind: 'otherId'; readonly pick: number; readonly id: number }
  | { readonly kind: 'shiftAt'; readonly pick: number; readonly minutes: number }
  | { readonly kind: 'currency'; readonly pick: number; readonly currency: string }
  | { readonly kind: 'nest'; readonly scope: Scope; readonly pick: number; readonly depth: number; readonly shape: 'array' | 'object' }
  | { readonly kind: 'addKey'; readonly pick: number; readonly key: string }
  | { readonly kind: 'renameId'; readonly pick: number; readonly to: string }
  | { readonly kind: 'renameKey'; readonly scope: Scope; readonly pick: number; readonly name: string }
  | { readonly kind: 'insertCommand'; readonly template: number; readonly to: number; readonly a: number; readonly b: number; readonly amount: number };

const pick = fc.nat({ max: 1000 });
const scope = fc.constantFrom<Scope>('commands', 'commands', 'commands', 'anywhere');

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), scope, pick }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('retype' as const), scope, pick, value: weirdValueArbitrary }) },
  fc.record({ kind: fc.constant('duplicateCommand' as const), pick, to: pick }),
  fc.record({ kind: fc.constant('dropCommand' as const), pick }),
  fc.record({ kind: fc.constant('swapCommands' as const), pick, other: pick }),
  fc.record({ kind: fc.constant('neighbourOp' as const), pick, step: fc.constantFrom(-1, 1, 2, 7) }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('copyField' as const), pick, from: pick, field: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('otherId' as const), pick, id: pick }) },
  fc.record({
    kind: fc.constant('shiftAt' as const),
    pick,
    minutes: fc.oneof(fc.integer({ min: -120, max: 120 }), fc.integer({ min: -60 * 24 * 45, max: 60 * 24 * 45 }), fc.constantFrom(-1e9, 1e9)),
  }),
  fc.record({ kind: fc.constant('currency' as const), pick, currency: fc.constantFrom(...CURRENCIES) }),
  fc.record({ kind: fc.constant('nest' as const), scope, pick, depth: fc.constantFrom(1, 2, 5, 50, 1000, 5000, 100_000), shape: fc.constantFrom('array' as const, 'object' as const) }),
  // A misspelt, odd or prototype-named key ("__proto__" is an own key in JSON.parse's objects).
  fc.record({
    kind: fc.constant('renameKey' as const), scope, pick,
    name: fc.constantFrom('amout', 'Amount', 'amount ', '__proto__', 'constructor', 'a\nb', 'a\u2028b', 'a\u0085b', '\u009b2J', '\u001b[2J', '\ud800', '', 'x'.repeat(10_000), 'platform_detail', 'submerchants'),
  }),
  // An id renamed everywhere it is used: the scenario still works, with ids the exports must quote or escape.
  { weight: 2, arbitrary: fc.record({
    kind: fc.constant('renameId' as const), pick,
    to: fc.constantFrom('a,b', 'say "hi"', 'x;y', '=SUM(A1)', 'a b', ' lead', 'trail ', 'a|b', 'a\\b', 'a:b', '100%', 'é', 'e\u0301', '\u202eRTL', '😀', 'ア', '__proto__', 'constructor', '0', '10', '007', 'p'.repeat(255), 'PM1', 'a/b', '..', '.', 'CON', 'x%2Fy', '-'),
  }) },
  // Idempotency keys: none of the examples has one, and a duplicated command with a key is a retry.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('addKey' as const), pick, key: fc.constantFrom('k1', 'k1', 'k2', '', 'k'.repeat(256), 'k\n1') }) },
  // Ops the examples never use (sessions, transfers, cancels…), built from the file's own ids.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insertCommand' as const), template: pick, to: pick, a: pick, b: pick, amount: fc.constantFrom(1, 7, 100, 1000, 5000, 50_000, 1_000_000) }) },
);

/** A mutant: which example, and the mutations applied to it in order. */
export interface MutantRecipe {
  readonly example: number;
  readonly mutations: readonly Mutation[];
}

export const mutantRecipeArbitrary: fc.Arbitrary<MutantRecipe> = fc.record({
  example: fc.nat({ max: EXAMPLE_SCENARIOS.length - 1 }),
  mutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }),
});

/** The mutant a recipe describes: a fresh document, the example itself left as it was. */
export function mutant(recipe: MutantRecipe): Json {
  const example = EXAMPLE_SCENARIOS[recipe.example % EXAMPLE_SCENARIOS.length];
  if (example === undefined) throw new Error('no examples found');
  let document = cloneJson(example.document);
  for (const mutation of recipe.mutations) document = applyMutation(document, mutation);
  return document;
}

/** A place in the document: its container and the key or index there. */
interface Place {
  readonly parent: JsonObject | Json[];
  readonly key: string | number;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every place below the root, depth first, in key order (a value nested deeper than 60 levels is not entered). */
function places(document: Json): Place[] {
  const found: Place[] = [];
  const visit = (value: Json, depth: number): void => {
    if (depth > 60) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        found.push({ parent: value, key: index });
        visit(item, depth + 1);
      });
    } else if (isObject(value)) {
      for (const key of Object.keys(value)) {
        found.push({ parent: value, key });
        visit(value[key] as Json, depth + 1);
      }
    }
  };
  visit(document, 0);
  return found;
}

const at = <T>(list: readonly T[], index: number): T | undefined => (list.length === 0 ? undefined : list[index % list.length]);

const get = (place: Place): Json => (Array.isArray(place.parent) ? place.parent[place.key as number] : place.parent[place.key as string]) as Json;

/** Sets an object's own key; defineProperty, since assigning "__proto__" would set the prototype instead. */
function put(object: JsonObject, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function set(place: Place, value: Json): void {
  if (Array.isArray(place.parent)) place.parent[place.key as number] = value;
  else put(place.parent, place.key as string, value);
}

function commandsOf(document: Json): Json[] | undefined {
  return isObject(document) && Array.isArray(document['commands']) ? document['commands'] : undefined;
}

/** Applies one mutation in place where it can, returning the (possibly new) document. A mutation with nowhere to apply changes nothing. */
export function applyMutation(document: Json, mutation: Mutation): Json {
  const commands = commandsOf(document);
  switch (mutation.kind) {
    case 'delete': {
      const place = at(placesIn(document, mutation.scope), mutation.pick);
      if (place === undefined) return document;
      if (Array.isArray(place.parent)) place.parent.splice(place.key as number, 1);
      else delete place.parent[place.key as string];
      return document;
    }
    case 'retype': {
      const place = at(placesIn(document, mutation.scope), mutation.pick);
      if (place !== undefined) set(place, cloneJson(mutation.value));
      return document;
    }
    case 'duplicateCommand': {
      const command = commands === undefined ? undefined : at(commands, mutation.pick);
      if (commands !== undefined && command !== undefined) commands.splice(mutation.to % (commands.length + 1), 0, cloneJson(command));
      return document;
    }
    case 'dropCommand': {
      if (commands !== undefined && commands.length > 0) commands.splice(mutation.pick % commands.length, 1);
      return document;
    }
    case 'swapCommands': {
      if (commands === undefined || commands.length === 0) return document;
      const first = mutation.pick % commands.length;
      const second = mutation.other % commands.length;
      [commands[first], commands[second]] = [commands[second] as Json, commands[first] as Json];
      return document;
    }
    case 'neighbourOp': {
      const command = commands === undefined ? undefined : at(commands, mutation.pick);
      if (!isObject(command)) return document;
      const index = SCENARIO_OPS.indexOf(command['op'] as (typeof SCENARIO_OPS)[number]);
      const next = (((index < 0 ? 0 : index) + mutation.step) % SCENARIO_OPS.length + SCENARIO_OPS.length) % SCENARIO_OPS.length;
      command['op'] = SCENARIO_OPS[next] as string;
      return document;
    }
    case 'copyField': {
      if (commands === undefined) return document;
      const target = at(commands, mutation.pick);
      const source = at(commands, mutation.from);
      if (!isObject(target) || !isObject(source)) return document;
      const field = at(Object.keys(source), mutation.field);
      if (field !== undefined) put(target, field, cloneJson(source[field] as Json));
      return document;
    }
    case 'otherId': {
      const all = places(document);
      const idPlaces = all.filter((place) => typeof place.key === 'string' && ID_FIELDS.has(place.key) && typeof get(place) === 'string');
      const ids = [...new Set(idPlaces.map(get))];
      const place = at(idPlaces, mutation.pick);
      const id = at(ids, mutation.id);
      if (place !== undefined && id !== undefined) set(place, id);
      return document;
    }
    case 'shiftAt': {
      if (commands === undefined) return document;
      const index = commands.length === 0 ? 0 : mutation.pick % commands.length;
      const command = commands[index];
      if (!isObject(command)) return document;
      // From the command's own time, else the nearest earlier one written, else the epoch (SCENARIO.md's default).
      let base = Date.UTC(1970, 0, 1);
      for (let earlier = index; earlier >= 0; earlier -= 1) {
        const candidate = commands[earlier];
        const time = isObject(candidate) && typeof candidate['at'] === 'string' ? Date.parse(candidate['at']) : Number.NaN;
        if (!Number.isNaN(time)) {
          base = time;
          break;
        }
      }
      const shifted = new Date(base + mutation.minutes * 60_000);
      command['at'] = Number.isNaN(shifted.getTime()) ? '+275760-09-13T00:00:00.000Z' : shifted.toISOString();
      return document;
    }
    case 'currency': {
      const withCurrency = places(document).filter((place) => place.key === 'currency');
      const place = at(withCurrency, mutation.pick);
      if (place !== undefined) set(place, mutation.currency);
      else {
        const command = commands === undefined ? undefined : at(commands, mutation.pick);
        if (isObject(command)) command['currency'] = mutation.currency;
      }
      return document;
    }
    case 'nest': {
      const place = at(placesIn(document, mutation.scope), mutation.pick);
      if (place !== undefined) set(place, nested(mutation.depth, mutation.shape, get(place)));
      return document;
    }
    case 'renameKey': {
      const place = at(placesIn(document, mutation.scope).filter((candidate) => !Array.isArray(candidate.parent)), mutation.pick);
      if (place === undefined || place.key === mutation.name) return document;
      const parent = place.parent as JsonObject;
      const value = parent[place.key as string] as Json;
      delete parent[place.key as string];
      put(parent, mutation.name, value);
      return document;
    }
    case 'renameId': {
      const idPlaces = places(document).filter((place) => typeof place.key === 'string' && ID_FIELDS.has(place.key) && typeof get(place) === 'string');
      const from = at([...new Set(idPlaces.map(get))], mutation.pick);
      for (const place of idPlaces) if (get(place) === from) set(place, mutation.to);
      return document;
    }
    case 'addKey': {
      const command = commands === undefined ? undefined : at(commands, mutation.pick);
      if (isObject(command)) command['idempotency_key'] = mutation.key;
      return document;
    }
    case 'insertCommand': {
      if (commands === undefined) return document;
      const command = templateCommand(document, mutation);
      commands.splice(mutation.to % (commands.length + 1), 0, command);
      return document;
    }
  }
}

/** The places under `commands` only, or anywhere (the whole file when it has no commands list). */
function placesIn(document: Json, scope: Scope): Place[] {
  const all = places(document);
  if (scope === 'anywhere') return all;
  const commands = commandsOf(document);
  if (commands === undefined) return all;
  const under = places(commands).concat(commands.map((_, index) => ({ parent: commands, key: index })));
  return under.length === 0 ? all : under;
}

/** The string values of a field in the file's merchants or commands, where `keep` says so. */
function idsOf(list: Json | undefined, field: string, keep: (item: JsonObject) => boolean = () => true): string[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).filter(keep).map((item) => item[field]).filter((value): value is string => typeof value === 'string');
}

/** A command of one of the ops, built from ids the file has (so it can be accepted), for ops the examples do not use. */
function templateCommand(document: Json, recipe: { readonly template: number; readonly a: number; readonly b: number; readonly amount: number }): Json {
  const merchants = isObject(document) ? document['merchants'] : undefined;
  const commands = commandsOf(document);
  const platforms = idsOf(merchants, 'id', (merchant) => merchant['type'] === 'platform');
  const subs = idsOf(merchants, 'id', (merchant) => merchant['type'] !== 'platform');
  const sellers = idsOf(merchants, 'id', (merchant) => merchant['type'] === 'seller');
  const payments = idsOf(commands, 'id', (command) => command['op'] === 'payment.create').concat(idsOf(commands, 'payment', (command) => command['op'] === 'session.complete'));
  const requests = idsOf(commands, 'id', (command) => command['op'] === 'payment.refund_request');
  const sessions = idsOf(commands, 'id', (command) => command['op'] === 'session.create');
  const platform = at(platforms, recipe.a) ?? 'plt';
  const sub = at(subs, recipe.b) ?? 'sub';
  const seller = at(sellers, recipe.b);
  const payment = at(payments, recipe.b) ?? 'pay_none';
  const amount = recipe.amount;
  const split: JsonObject = seller === undefined
    ? { platform_details: { submerchants: [{ submerchant_id: sub, amount, platform_fee: Math.floor(amount / 10) }] } }
    : { as: seller, platform_amount: Math.floor(amount / 10), platform_merchant: platform };
  const templates: (() => JsonObject)[] = [
    () => ({ op: 'payment.capture', payment, amount }),
    () => ({ op: 'payment.capture', payment }),
    () => ({ op: 'payment.cancel', payment }),
    () => ({ op: 'payment.expire', payment }),
    () => ({ op: 'payment.chargeback', payment }),
    () => ({ op: 'payment.refund', payment, amount }),
    () => ({ op: 'refund_request.reject', refund_request: at(requests, recipe.a) ?? 'rq_none' }),
    () => ({ op: 'refund_request.complete', refund_request: at(requests, recipe.a) ?? 'rq_none' }),
    () => ({ op: 'balance.transfer', merchant: platform, from: recipe.a % 2 === 0 ? platform : sub, to: recipe.a % 2 === 0 ? sub : platform, amount, currency: 'JPY' }),
    () => ({ op: 'payout_settings.update', merchant: platform, target: recipe.a % 3 === 0 ? platform : sub, currency: 'JPY', frequency: recipe.b % 2 === 0 ? 'weekly' : 'monthly', minimum_amount: amount % 1000 }),
    () => ({ op: 'settlement.run', date: `2026-0${4 + (recipe.a % 6)}-${String(1 + (recipe.b % 28)).padStart(2, '0')}` }),
    () => ({
      op: 'session.create', id: `ses_${recipe.a % 3}`, merchant: platform, amount, currency: 'JPY',
      payment_types: recipe.b % 2 === 0 ? ['credit_card'] : ['credit_card', 'konbini'], return_url: 'https://shop.example/return',
      capture: recipe.a % 2 === 0 ? 'auto' : 'manual', ...split,
    }),
    () => ({ op: 'session.complete', session: at(sessions, recipe.a) ?? 'ses_0', payment: `sp_${recipe.b % 3}`, payment_type: recipe.amount % 2 === 0 ? 'credit_card' : 'konbini' }),
    () => ({ op: 'session.cancel', session: at(sessions, recipe.a) ?? 'ses_0' }),
    () => ({ op: 'payment.create', id: `pay_${recipe.b % 4}`, merchant: platform, amount, currency: 'JPY', payment_type: recipe.a % 2 === 0 ? 'credit_card' : 'konbini', capture: recipe.a % 4 < 2, ...split }),
  ];
  return (templates[recipe.template % templates.length] as () => JsonObject)();
}

/**
 * The document as a file holds it: JSON.stringify's text (so -0 is written 0 and a lone
 * surrogate as its escape), written without recursion, since JSON.stringify itself overflows
 * the stack a few thousand levels deep while JSON.parse (what `kanjo run` reads with) does not.
 */
export function asFileText(document: Json): string {
  const out: string[] = [];
  const work: ({ readonly text: string } | { readonly value: Json })[] = [{ value: document }];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const value = item.value;
    if (Array.isArray(value)) {
      out.push('[');
      work.push({ text: ']' });
      for (let index = value.length - 1; index >= 0; index -= 1) {
        work.push({ value: value[index] as Json });
        if (index > 0) work.push({ text: ',' });
      }
    } else if (isObject(value)) {
      out.push('{');
      work.push({ text: '}' });
      const keys = Object.keys(value);
      for (let index = keys.length - 1; index >= 0; index -= 1) {
        const key = keys[index] as string;
        work.push({ value: value[key] as Json });
        work.push({ text: `${index > 0 ? ',' : ''}${JSON.stringify(key)}:` });
      }
    } else out.push(JSON.stringify(value));
  }
  return out.join('');
}

/** A deep copy, however deeply nested (structuredClone recurses too). */
export function cloneJson(value: Json): Json {
  return JSON.parse(asFileText(value)) as Json;
}
