import { quoteText } from '@kanjo/splits';
import { reject, type LedgerRejection } from '../engine/ledger-rejection.js';

/**
 * What a field the engine would otherwise misread must be. Only the fields whose wrong type the
 * flows do not already refuse are listed: a boolean or an enumeration read with `??` or `if`
 * (`capture: 'false'` captured the payment, `origin: 'web'` went into the journal, which
 * `kanjo reconcile` then refused), and the lists and objects the flows read into (a `null` split
 * line was a raw TypeError). Ids, currencies, dates and the rest already come back as typed
 * rejections when they have the wrong type; amounts that are not non-negative safe integers
 * throw, as documented.
 */
type FieldRule =
  | { readonly kind: 'boolean' }
  | { readonly kind: 'oneOf'; readonly values: readonly string[] }
  | { readonly kind: 'objects' }
  | { readonly kind: 'strings' }
  | { readonly kind: 'object' };

const BOOLEAN: FieldRule = { kind: 'boolean' };
const OBJECTS: FieldRule = { kind: 'objects' };

/** Per op, the fields checked here and whether the command must carry them. */
const FIELD_RULES_BY_NAME: Readonly<Record<string, Readonly<Record<string, { readonly rule: FieldRule; readonly required: boolean }>>>> = {
  'payment.create': {
    capture: { rule: BOOLEAN, required: false },
    origin: { rule: { kind: 'oneOf', values: ['api', 'session'] }, required: false },
    split: { rule: OBJECTS, required: false },
  },
  'payment.capture': { split: { rule: OBJECTS, required: false } },
  'payment.refund': { split: { rule: OBJECTS, required: false } },
  'payment.refund_request': {
    split: { rule: OBJECTS, required: false },
    // Typed as required, read as false when left out, as a scenario's default is.
    includePaymentMethodFee: { rule: BOOLEAN, required: false },
    bankAccount: { rule: { kind: 'object' }, required: true },
  },
  'settlement.run': { holidays: { rule: { kind: 'strings' }, required: false } },
  'session.create': {
    paymentTypes: { rule: { kind: 'strings' }, required: true },
    split: { rule: OBJECTS, required: false },
  },
};

/** {@link FIELD_RULES_BY_NAME} as lists, made once: every command is checked, captures included. */
const FIELD_RULES = new Map(Object.entries(FIELD_RULES_BY_NAME).map(([op, rules]) => [op, Object.entries(rules)]));

/**
 * The rejection of a command from code that cannot be read as the `Command` its op names, or
 * undefined: `command_invalid` for something that is not an object, `field_missing` /
 * `field_invalid` (the codes a scenario file's command gets) for a field in
 * {@link FIELD_RULES_BY_NAME}. Checked before anything else, so a misread command is never
 * fingerprinted, decided or written.
 */
export function commandShapeProblem(command: unknown): { readonly ok: false; readonly error: LedgerRejection } | undefined {
  if (typeof command !== 'object' || command === null || Array.isArray(command)) {
    return reject('command_invalid', `a command must be an object with an op, not ${commandKind(command)}`);
  }
  const fields = command as Readonly<Record<string, unknown>>;
  const snakeCase = scenarioSpelledField(fields);
  if (snakeCase !== undefined) return snakeCase;
  const rules = typeof fields['op'] === 'string' ? FIELD_RULES.get(fields['op']) : undefined;
  if (rules === undefined) return undefined;
  for (const [field, { rule, required }] of rules) {
    const value = fields[field];
    if (value === undefined) {
      if (required) return reject('field_missing', `${fields['op'] as string} needs ${field}`);
      continue;
    }
    const wanted = fieldProblem(value, rule);
    if (wanted !== undefined) return reject('field_invalid', `${field} must be ${wanted}, not ${describe(value, rule)}`);
    if (field === 'split') {
      const lines = value as readonly Readonly<Record<string, unknown>>[];
      const misspelt = scenarioSpelledSplitLine(lines) ?? splitLineWithoutField(lines);
      if (misspelt !== undefined) return misspelt;
    }
  }
  return undefined;
}

/**
 * A command's fields as a scenario file spells them, and what code writes instead. From code
 * only the camelCase field is read, so a service handing on a scenario's command or a request
 * body as it came had each of these ignored without a word: `platform_amount` left the
 * platform the default share, `include_payment_method_fee` kept the customer fee, a
 * refund request's bank fields went missing. Review 175 found the money it moved.
 */
const SCENARIO_COMMAND_FIELDS: readonly (readonly [scenarioName: string, codeName: string, codeSpelling: string])[] = [
  ...(
    [
      ['idempotency_key', 'idempotencyKey'],
      ['payment_type', 'paymentType'],
      ['platform_amount', 'platformAmount'],
      ['platform_merchant', 'platformMerchant'],
      ['include_payment_method_fee', 'includePaymentMethodFee'],
      ['refund_request', 'refundRequest'],
      ['minimum_amount', 'minimumAmount'],
      ['payment_types', 'paymentTypes'],
      ['return_url', 'returnUrl'],
      ['external_customer_id', 'externalCustomerId'],
      ['default_locale', 'defaultLocale'],
    ] as const
  ).map(([scenarioName, codeName]) => [scenarioName, codeName, codeName] as const),
  ['platform_details', 'split', 'split: [{ submerchantId, amount, platformFee }]'],
  ['payment_data', 'externalOrderNum', 'externalOrderNum'],
  ...['customer_name', 'bank_name', 'bank_code', 'branch_name', 'branch_number', 'account_type', 'account_number'].map(
    (scenarioName) => [scenarioName, 'bankAccount', 'bankAccount: { customerName, bankName, bankCode, branchName, branchNumber, accountType, accountNumber }'] as const,
  ),
];

/** {@link SCENARIO_COMMAND_FIELDS} by the scenario file's name: a command has few fields, so each is looked up here. */
const SCENARIO_COMMAND_FIELD_BY_NAME = new Map(SCENARIO_COMMAND_FIELDS.map((spelling) => [spelling[0], spelling]));

/**
 * `field_invalid` for a command from code that carries a field in the scenario file's spelling
 * ({@link SCENARIO_COMMAND_FIELDS}), with a value, and not the one code reads; or undefined. A
 * command that carries both is read by its camelCase field, as before; one whose scenario-spelled
 * field is `null` or `undefined` (a request body's absent field) says nothing, so nothing is
 * ignored. The fields looked at are the command's own enumerable ones, as JSON sends them: a
 * class instance's getter of such a name is not read (nor is any field code does not read).
 */
function scenarioSpelledField(fields: Readonly<Record<string, unknown>>): { readonly ok: false; readonly error: LedgerRejection } | undefined {
  // The copy's own keys: the caller's own enumerable fields and the ones code reads.
  for (const key of Object.keys(fields)) {
    const spelling = SCENARIO_COMMAND_FIELD_BY_NAME.get(key);
    if (spelling === undefined || fields[key] === undefined || fields[key] === null || fields[spelling[1]] !== undefined) continue;
    return reject('field_invalid', `${key} is the scenario file's spelling, which code does not read: write ${spelling[2]} (parseScenarioCommand reads a scenario file's command)`);
  }
  return undefined;
}

/** The scenario file's spelling of a split line's fields, and the spelling code uses. */
const SCENARIO_SPLIT_FIELDS = [
  ['submerchant_id', 'submerchantId'],
  ['platform_fee', 'platformFee'],
] as const;

/**
 * A split line from code written in the scenario file's snake_case (`{ submerchant_id, amount,
 * platform_fee }`, as a service handing on a scenario or a request body would): the flows read
 * only the camelCase fields, so the line came out as a missing fee (a RangeError naming the
 * scenario's field) or a missing sub-merchant. Refused here instead, naming the field to rename.
 */
function scenarioSpelledSplitLine(lines: readonly Readonly<Record<string, unknown>>[]): { readonly ok: false; readonly error: LedgerRejection } | undefined {
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as Readonly<Record<string, unknown>>;
    for (const [scenarioName, codeName] of SCENARIO_SPLIT_FIELDS) {
      if (Object.hasOwn(line, scenarioName) && line[codeName] === undefined) {
        return reject('field_invalid', `split[${index}] has ${scenarioName}, the scenario file's spelling: from code a split line is { submerchantId, amount, platformFee }`);
      }
    }
  }
  return undefined;
}

/** The fields of a split line from code, each required (a refund's line has the same three). */
const SPLIT_LINE_FIELDS = ['submerchantId', 'amount', 'platformFee'] as const;

/**
 * A split line from code that leaves a field out: a missing amount or fee reached the split's
 * arithmetic, which threw a RangeError naming the scenario file's field (`platform_fee`).
 */
function splitLineWithoutField(lines: readonly Readonly<Record<string, unknown>>[]): { readonly ok: false; readonly error: LedgerRejection } | undefined {
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as Readonly<Record<string, unknown>>;
    const missing = SPLIT_LINE_FIELDS.find((field) => line[field] === undefined);
    if (missing !== undefined) return reject('field_missing', `split[${index}] needs ${missing}: from code a split line is { submerchantId, amount, platformFee }`);
  }
  return undefined;
}

/** What `value` should have been under `rule`, or undefined when it is that. */
function fieldProblem(value: unknown, rule: FieldRule): string | undefined {
  switch (rule.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'oneOf':
      return typeof value === 'string' && rule.values.includes(value) ? undefined : rule.values.join(' or ');
    case 'object':
      return isPlainObject(value) ? undefined : 'an object';
    case 'objects':
      return everyItem(value, isPlainObject) ? undefined : 'a list of objects';
    case 'strings':
      return everyItem(value, (item) => typeof item === 'string') ? undefined : 'a list of strings';
  }
}

/**
 * Whether `value` is an array whose every index holds an item `test` accepts. Read by index, not
 * with `every`, which skips the holes of a sparse array (`new Array(2)`): the flows read a hole as
 * undefined, which is what this check is there to refuse.
 */
function everyItem(value: unknown, test: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index += 1) if (!test(value[index])) return false;
  return true;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a command that is not an object is, as "not …" reads it: "not null", "not an array", "not a string". */
function commandKind(command: unknown): string {
  if (command === null || command === undefined) return String(command);
  return Array.isArray(command) ? 'an array' : `a ${typeof command}`;
}

/**
 * A short description of a wrong value for the message: its JSON when short, else its type. A
 * list is "a list holding something else" where a list was asked for, else just "a list".
 */
function describe(value: unknown, rule: FieldRule): string {
  if (value === null) return 'null';
  if (isListSafely(value)) return rule.kind === 'objects' || rule.kind === 'strings' ? 'a list holding something else' : 'a list';
  // quoteText, not JSON.stringify: JSON leaves C1 controls and U+2028 / U+2029 raw, which break the line.
  if (typeof value === 'string') return value.length <= 40 ? quoteText(value) : 'a longer string';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a value of type ${typeof value}`;
}

/** Array.isArray, false for a revoked Proxy (where it throws): describing must not replace the rejection. */
function isListSafely(value: unknown): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}
