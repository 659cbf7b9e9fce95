import { parseScenarioCommand, parseScenarioConfig, unknownScenarioFields } from '@kanjo/ledger';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_FIELDS } from '../src/scenario/unknown-scenario-fields.js';

// The command line warns of every field a scenario file has and Kanjo does not read. The list
// of known fields must be exactly what the parser reads: a field read but not listed would be
// warned of wrongly; one listed but not read would hide a misspelling.

/** The keys `read` reads of `object`, through a proxy that records every property read. */
function keysRead(object: Record<string, unknown>, read: (proxy: Record<string, unknown>) => unknown): string[] {
  const seen = new Set<string>();
  const proxy = new Proxy(object, {
    get(target, key, receiver) {
      if (typeof key === 'string') seen.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  read(proxy);
  return [...seen].sort();
}

describe('the fields listed for each op are exactly the fields parseScenarioCommand reads', () => {
  for (const [op, fields] of Object.entries(COMMAND_FIELDS)) {
    it(op, () => {
      // Every listed field is present, so a parser that reads a field only when another is present still shows it.
      const command = Object.fromEntries(['op', 'at', 'idempotency_key', ...fields].map((field) => [field, field === 'op' ? op : null]));
      expect(keysRead(command, (proxy) => parseScenarioCommand(proxy))).toEqual(['op', 'at', 'idempotency_key', ...fields].sort());
    });
  }
});

describe('unknownScenarioFields names each field Kanjo does not read, where it is', () => {
  const platform = { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { konbini: { fee_rate: '2.75%', customer_fees: 190 } }, payment_types: ['konbini'] };
  const file = {
    description: 'free text that documents the file',
    tax_rates: '8%',
    merchants: [platform, { id: 'pm1', type: 'payout', platform: 'mart', payment_method: 'konbini' }],
    commands: [
      { op: 'payment.create', id: 'p', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'konbini', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platfrom_fee: 100 }] } },
      { op: 'payment.refund', payment: 'p', amout: 100, platform_details: { submerchant: [] } },
      { op: 'payment.capture', payment: 'p', merchant: 'mart' },
      { op: 'session.create', metadata: { anything: 'goes' }, payment_data: { external_order_num: 'o1', email: 'a@b.example' } },
      { op: 'payment.teleport', anywhere: true },
      'not an object',
    ],
  };

  it('at the top, in merchants and their fees, in commands and their split lines; never in metadata, payment_data or an unknown op', () => {
    expect(unknownScenarioFields(file)).toEqual([
      { path: '', field: 'tax_rates' },
      { path: 'merchants[0]', field: 'payment_types' },
      { path: 'merchants[0].payment_methods.konbini', field: 'customer_fees' },
      { path: 'merchants[1]', field: 'payment_method' },
      { path: 'commands[0].platform_details.submerchants[0]', op: 'payment.create', field: 'platfrom_fee' },
      { path: 'commands[1]', op: 'payment.refund', field: 'amout' },
      { path: 'commands[1].platform_details', op: 'payment.refund', field: 'submerchant' },
      { path: 'commands[2]', op: 'payment.capture', field: 'merchant' },
    ]);
  });

  it('the top-level and merchant fields it knows are the ones parseScenarioConfig reads (and commands and description)', () => {
    const seller = { id: 's', type: 'seller', platform: 'mart', status: null, approved: null, book: null, payment_types: null };
    const owner = { id: 'mart', type: 'platform', business: 'platform', status: null, approved: null, book: null, payment_methods: null };
    const document = { merchants: [], tax_rate: null, refund_request_fee: null, time_zone: null, book: null, rounding: null };
    expect(keysRead(seller, (proxy) => parseScenarioConfig({ merchants: [proxy] }))).toEqual(Object.keys(seller).sort());
    expect(keysRead(owner, (proxy) => parseScenarioConfig({ merchants: [proxy] }))).toEqual(Object.keys(owner).sort());
    expect(keysRead(document, (proxy) => parseScenarioConfig(proxy))).toEqual(Object.keys(document).sort());
    expect(unknownScenarioFields({ ...document, commands: [], description: '', merchants: [seller, owner] })).toEqual([]);
  });

  // Review 206: within one object the list followed the file's key order, so the same command
  // with its keys reordered warned of other fields once the command line cut the list at ten.
  it('lists one object\'s unknown fields, and a platform\'s payment methods, in code-unit order of their names, whatever the file\'s key order', () => {
    const names = ['x_b', 'x_a', 'Z', 'x_10', 'x_9'];
    const command = (order: readonly string[]) => ({ op: 'payment.refund', payment: 'p', ...Object.fromEntries(order.map((name) => [name, 1])) });
    const methods = (order: readonly string[]) => Object.fromEntries(order.map((method) => [method, { fee_rate: '1%', [`typo_${method}`]: 1 }]));
    const document = (order: readonly string[]) => ({ merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', payment_methods: methods(order) }], commands: [command(order)] });
    const expected = [
      ...['Z', 'x_10', 'x_9', 'x_a', 'x_b'].map((name) => ({ path: `merchants[0].payment_methods.${name}`, field: `typo_${name}` })),
      ...['Z', 'x_10', 'x_9', 'x_a', 'x_b'].map((field) => ({ path: 'commands[0]', op: 'payment.refund', field })),
    ];
    expect(unknownScenarioFields(document(names))).toEqual(expected);
    expect(unknownScenarioFields(document([...names].reverse()))).toEqual(expected);
  });

  // Review 212: KOMOJU's API takes a session's capture mode as payment_data[capture]; Kanjo reads
  // the command's own `capture`, so a session written from an API log as manual was captured when
  // it completed, without a word. payment_data's other fields stay unnamed.
  it('names payment_data.capture of a session.create, with where Kanjo reads the capture mode, and no other payment_data field', () => {
    const session = { op: 'session.create', id: 's', payment_data: { external_order_num: 'o1', name_kana: 'ジョン', capture: 'manual' } };
    const document = { commands: [{ op: 'payment.refund', payment: 'p', payment_data: { capture: 'manual' } }, session, { ...session, capture: 'manual', payment_data: { capture: null } }, { ...session, payment_data: { external_order_num: 'o1' } }] };
    expect(unknownScenarioFields(document)).toEqual([
      { path: 'commands[0]', op: 'payment.refund', field: 'payment_data' },
      { path: 'commands[1].payment_data', op: 'session.create', field: 'capture', readInstead: 'commands[1].capture' },
      { path: 'commands[2].payment_data', op: 'session.create', field: 'capture', readInstead: 'commands[2].capture' },
    ]);
  });

  it('nothing for a file that is not an object, and nothing in the bundled and the seeds\' example files', () => {
    expect(unknownScenarioFields([])).toEqual([]);
    expect(unknownScenarioFields(null)).toEqual([]);
    const folders = [new URL('../examples/', import.meta.url), new URL('../../../../shared/examples/', import.meta.url)];
    const files = folders.flatMap((folder) => readdirSync(folder).filter((name) => name.endsWith('.json') && !name.endsWith('.expect.json')).map((name) => new URL(name, folder)));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const path of files) expect([path.pathname, unknownScenarioFields(JSON.parse(readFileSync(path, 'utf8')))]).toEqual([path.pathname, []]);
  });
});
