import { decideCommand, type Command } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment, konbiniPayment, marketplaceSession, omit, refundRequest } from './support/fixtures.js';
import { accepted, balances, ledgerAfter, newLedger, rejected } from './support/ledger-harness.js';

// Commands from JavaScript, or a request body handed on without parseScenarioCommand: a field
// of the wrong type is refused with the code a scenario's command gets, never misread (before,
// `capture: 'false'` captured the payment and `origin: 'web'` went into the journal) and never a
// raw TypeError from deep inside a flow.

/** `command` with `field` set to a value its type does not allow. */
const withField = (command: Command, field: string, value: unknown): Command => ({ ...command, [field]: value }) as unknown as Command;

describe('a command from code whose fields have the wrong types is refused and changes nothing', () => {
  it.each([
    ['the string "false"', 'false'],
    ['the number 0', 0],
    ['null', null],
  ])('payment.create capture as %s is field_invalid, not read as true or false', (_name, value) => {
    const ledger = newLedger();
    const message = rejected(ledger, withField(goldenPayment('p1'), 'capture', value), 'field_invalid');
    expect(message).toBe(`capture must be true or false, not ${value === null ? 'null' : typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
    expect(ledger.journal).toHaveLength(0);
  });

  it('payment.create origin other than api or session is field_invalid (it went into the journal)', () => {
    expect(rejected(newLedger(), withField(goldenPayment('p1'), 'origin', 'web'), 'field_invalid')).toBe('origin must be api or session, not "web"');
  });

  it.each([
    ['payment.create', goldenPayment('p1')],
    ['session.create', marketplaceSession('s1')],
  ] as const)('%s with a split that is not a list of objects is field_invalid', (_op, command) => {
    const ledger = newLedger();
    expect(rejected(ledger, withField(command, 'split', [null]), 'field_invalid')).toBe('split must be a list of objects, not a list holding something else');
    expect(rejected(ledger, withField(command, 'split', { submerchantId: 'pm1' }), 'field_invalid')).toBe('split must be a list of objects, not a value of type object');
  });

  it('payment.capture and payment.refund with a split holding null are field_invalid', () => {
    const authorized = ledgerAfter([omit(goldenPayment('p1', { capture: false }), 'split')]);
    rejected(authorized, { op: 'payment.capture', payment: 'p1', split: [null] } as unknown as Command, 'field_invalid');
    const captured = ledgerAfter([goldenPayment('p1')]);
    rejected(captured, { op: 'payment.refund', payment: 'p1', amount: 100, split: 'pm1' } as unknown as Command, 'field_invalid');
  });

  it('payment.refund_request: includePaymentMethodFee must be a boolean, bankAccount an object that is there', () => {
    const ledger = ledgerAfter([konbiniPayment('kb_1'), { op: 'payment.capture', payment: 'kb_1' }]);
    // ¥100 from pm1; the platform bears the ¥300 Refund Fee and ¥30 tax out of its ¥348.
    const request = refundRequest({ id: 'rr_1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] });
    expect(rejected(ledger, withField(request, 'includePaymentMethodFee', 'false'), 'field_invalid')).toBe('includePaymentMethodFee must be true or false, not "false"');
    expect(rejected(ledger, withField(request, 'bankAccount', null), 'field_invalid')).toBe('bankAccount must be an object, not null');
    expect(rejected(ledger, omit(request, 'bankAccount') as Command, 'field_missing')).toBe('payment.refund_request needs bankAccount');
    // Left out, includePaymentMethodFee reads as false, as a scenario's default does.
    accepted(ledger, omit(request, 'includePaymentMethodFee') as Command);
    expect(ledger.state.refundRequests.get('rr_1')?.refundFee).toEqual({ fee: { type: 'Refund Fee', amount: 300 }, tax: { type: 'Refund Fee Tax', amount: 30 } });
    expect(ledger.state.refundRequests.get('rr_1')?.refundedCustomerFee).toBeUndefined();
  });

  it('settlement.run holidays and session.create paymentTypes must be lists of strings', () => {
    const ledger = newLedger();
    expect(rejected(ledger, { op: 'settlement.run', date: '2026-04-03', holidays: '2026-04-03' } as unknown as Command, 'field_invalid')).toBe(
      'holidays must be a list of strings, not "2026-04-03"',
    );
    rejected(ledger, withField(marketplaceSession('s1'), 'paymentTypes', null), 'field_invalid');
    expect(rejected(ledger, omit(marketplaceSession('s1'), 'paymentTypes') as Command, 'field_missing')).toBe('session.create needs paymentTypes');
  });

  it.each([
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a string', 'payment.create', 'a string'],
    ['a list of commands', [goldenPayment('p1')], 'an array'],
    ['a number', 5, 'a number'],
    ['a function', () => goldenPayment('p1'), 'a function'],
    ['a symbol', Symbol('payment.create'), 'a symbol'],
    ['a bigint', 1n, 'a bigint'],
  ])('execute(%s) is command_invalid, not a TypeError, and says what it got', (_name, value, got) => {
    const ledger = newLedger();
    const result = ledger.execute(value as unknown as Command);
    expect(result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`).toBe(`command_invalid: a command must be an object with an op, not ${got}`);
    expect(ledger.journal).toHaveLength(0);
  });

  // describe(): a list is "a list holding something else" only where a list was asked for.
  it.each<[string, string, unknown, string]>([
    ['a list given for a boolean', 'capture', [true], 'capture must be true or false, not a list'],
    ['a list given for an enumeration', 'origin', ['api'], 'origin must be api or session, not a list'],
    ['a list of numbers given for split lines', 'split', [1, 2], 'split must be a list of objects, not a list holding something else'],
    ['an object given for split lines', 'split', {}, 'split must be a list of objects, not a value of type object'],
    ['a string of 40 characters, quoted', 'capture', 'x'.repeat(40), `capture must be true or false, not "${'x'.repeat(40)}"`],
    ['a string of 41 characters, not quoted', 'capture', 'x'.repeat(41), 'capture must be true or false, not a longer string'],
    ['a number', 'capture', 1, 'capture must be true or false, not 1'],
    ['a boolean given for an enumeration', 'origin', true, 'origin must be api or session, not true'],
  ])('%s', (_name, field, value, message) => {
    const ledger = newLedger();
    expect(rejected(ledger, withField(goldenPayment('p1'), field, value), 'field_invalid')).toBe(message);
    expect(ledger.journal).toHaveLength(0);
  });

  it('a split line with both spellings of a field is read by its code spelling, and accepted', () => {
    const lines = [
      { submerchantId: 'pm1', submerchant_id: 'pm2', amount: 700, platformFee: 70 },
      { submerchantId: 'pm2', amount: 300, platformFee: 30, platform_fee: 0 },
    ];
    const ledger = newLedger();
    accepted(ledger, withField(goldenPayment('p1'), 'split', lines));
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 60, pm1: 630, pm2: 270 });
    expect(rejected(ledger, withField(goldenPayment('p2'), 'split', [lines[0], { submerchant_id: 'pm2', amount: 300, platformFee: 30 }]), 'field_invalid')).toBe(
      "split[1] has submerchant_id, the scenario file's spelling: from code a split line is { submerchantId, amount, platformFee }",
    );
  });

  it.each(['submerchantId', 'amount', 'platformFee'] as const)('a split line from code without %s is field_missing, not a RangeError naming the scenario\'s field (review 156)', (field) => {
    const ledger = newLedger();
    const line: Record<string, unknown> = { submerchantId: 'pm1', amount: 700, platformFee: 70 };
    delete line[field];
    expect(rejected(ledger, withField(goldenPayment('p1'), 'split', [{ submerchantId: 'pm2', amount: 300, platformFee: 30 }, line]), 'field_missing')).toBe(
      `split[1] needs ${field}: from code a split line is { submerchantId, amount, platformFee }`,
    );
    expect(ledger.journal).toHaveLength(0);
  });

  it('decideCommand, called directly, refuses the same shapes', () => {
    const ledger = newLedger();
    const decided = decideCommand(ledger.state, withField(goldenPayment('p1'), 'capture', 'yes'));
    expect(decided.ok ? 'accepted' : decided.error.code).toBe('field_invalid');
  });

  it('the shape is checked before the idempotency key: a retry with a misread field is field_invalid, and the first result stands', () => {
    const ledger = ledgerAfter([goldenPayment('p1', { idempotencyKey: 'k1' })]);
    rejected(ledger, withField(goldenPayment('p1', { idempotencyKey: 'k1' }), 'capture', 'true'), 'field_invalid');
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 60, pm1: 630, pm2: 270 });
  });

  it('the right types are still accepted: capture false authorizes, origin session, holidays []', () => {
    const ledger = newLedger();
    expect(accepted(ledger, omit(goldenPayment('p1', { capture: false, origin: 'session' }), 'split')).entry.events.map((event) => event.type)).toEqual(['payment.authorized']);
    accepted(ledger, { op: 'settlement.run', date: '2026-04-03', holidays: [] });
  });
});

describe('session metadata from code keeps to the limit a scenario file has', () => {
  // The 50-key limit ([decided]) was checked only by the scenario reader: from code a session
  // carried 20,000 keys into the append-only journal.
  const metadata = (keys: number): Record<string, string> => Object.fromEntries(Array.from({ length: keys }, (_, index) => [`k${index}`, 'v']));

  it('50 keys are accepted, 51 are field_invalid and change nothing', () => {
    const ledger = newLedger();
    accepted(ledger, marketplaceSession('s50', { metadata: metadata(50) }));
    expect(rejected(ledger, marketplaceSession('s51', { metadata: metadata(51) }), 'field_invalid')).toBe('metadata may have at most 50 keys');
  });
});
