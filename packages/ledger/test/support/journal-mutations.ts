import type { Entry, LedgerConfig, Posting } from '@kanjo/ledger';

/**
 * Single edits of one journal entry, for the journal mutation properties. Each edit keeps the
 * entry balanced per currency (so the balance check alone never refuses it) and leaves every
 * other entry as the engine wrote it. Why each class must be refused is in the property's file.
 *
 * A movement is one pair of postings as `pushMovement` writes them: a debit then its credit, of
 * the same record type and amount; every posting of every entry the engine writes is in one.
 */

/** The classes of edit. */
export const MUTATION_CLASSES = [
  /** Both postings of one movement moved by the same non-zero amount, the movement staying a positive one the same way round. */
  'movement_amount',
  /** One movement the other way round: its two accounts swapped (both postings negated). */
  'movement_swapped',
  /** One merchant posting of a movement moved onto another merchant of the same platform (the platform or one of its sub-merchants). */
  'movement_moved',
  /** One whole movement left out. */
  'movement_dropped',
  /** One movement written twice. */
  'movement_duplicated',
  /** One amount field of a change (a capture's, refund's, chargeback's, transfer's, payout's, refund request's or re-estimate's) moved, its postings left as they were. */
  'change_amount',
  /** Both postings of one movement in another currency. */
  'movement_currency',
  /** One change that moves money (a capture, refund, chargeback, transfer, paid payout) or re-estimates a pending request left out, the postings left as they were. */
  'change_dropped',
  /** The currency of one change (a transfer's, a paid payout's, a refund request's, or a payment's created and captured in the same entry) another, its postings left as they were. */
  'change_currency',
  /** One merchant named by a change (a share's, split line's, refund part's, hold's, a transfer's sender or receiver, a paid payout's merchant) replaced by another merchant of the same platform, its postings left as they were. */
  'change_party',
] as const;

/** The currencies a `movement_currency` edit moves a movement to (the first that differs from its own). */
const OTHER_CURRENCIES = ['JPY', 'USD', 'EUR'] as const;

export type MutationClass = (typeof MUTATION_CLASSES)[number];

/** What the random choice of an edit is made of: which candidate, and by how much. */
export interface MutationDraw {
  readonly mutation: MutationClass;
  /** Picks the candidate target (wrapping). */
  readonly target: number;
  /** Picks the size and sign of an amount edit, and another merchant for `movement_moved`. */
  readonly seed: number;
}

/** An entry as plain, editable data. */
export type RawEntry = { -readonly [K in keyof Entry]: K extends 'postings' ? RawPosting[] : K extends 'changes' ? Record<string, any>[] : Entry[K] };
export type RawPosting = { -readonly [K in keyof Posting]: Posting[K] };

/** One place an edit of a class can be made in an entry. */
export interface MutationTarget {
  /** `movement_*`: the movement's index (its postings are 2i and 2i + 1). */
  readonly movement?: number;
  /** `change_amount`: the change's index and the path of the field in it. */
  readonly change?: number;
  readonly path?: readonly (string | number)[];
  /** What is edited, for messages and statistics: a record type, or a change kind and field. */
  readonly what: string;
}

/** An edited entry and what was done to it. */
export interface Mutated {
  readonly entry: RawEntry;
  readonly description: string;
  readonly what: string;
}

/** The movements of an entry as the engine writes them: [debit, credit] pairs. Throws if the entry is not made of such pairs. */
export function movementsOf(entry: Pick<Entry, 'seq' | 'postings'>): [Posting, Posting][] {
  const { postings } = entry;
  if (postings.length % 2 !== 0) throw new Error(`entry ${entry.seq}: an odd number of postings`);
  const pairs: [Posting, Posting][] = [];
  for (let index = 0; index < postings.length; index += 2) {
    const debit = postings[index] as Posting;
    const credit = postings[index + 1] as Posting;
    if (debit.recordType !== credit.recordType || debit.amount <= 0 || credit.amount !== -debit.amount || debit.currency !== credit.currency) {
      throw new Error(`entry ${entry.seq}: postings ${index} and ${index + 1} are not one movement`);
    }
    pairs.push([debit, credit]);
  }
  return pairs;
}

/**
 * The amount fields of each kind of change that a `change_amount` edit may move: every number
 * the fold or the checks take as money. Paths into arrays list each index the change has.
 */
function amountPaths(change: Record<string, any>): (string | number)[][] {
  const indexed = (list: readonly unknown[] | undefined, prefix: (string | number)[], field: string): (string | number)[][] =>
    (list ?? []).map((_, index) => [...prefix, index, field]);
  switch (change['kind']) {
    case 'payment_captured':
      return [
        ['capturedAmount'],
        ['platformAmount'],
        ['customerFee'],
        ['customerFeeTax'],
        ['shares', 'platform'],
        ...indexed(change['shares'].submerchants, ['shares', 'submerchants'], 'share'),
        ...indexed(change['split'], ['split'], 'amount'),
        ...indexed(change['split'], ['split'], 'platformFee'),
      ];
    case 'payment_refunded':
      return [['amount'], ['parts', 'platform'], ...indexed(change['parts'].submerchants, ['parts', 'submerchants'], 'amount')];
    case 'payment_charged_back':
    case 'balance_transferred':
    case 'payout_period_settled':
      return [['amount']];
    case 'refund_request_created': {
      const request = change['request'];
      return [
        ['request', 'amount'],
        ['request', 'parts', 'platform'],
        ...indexed(request.parts.submerchants, ['request', 'parts', 'submerchants'], 'amount'),
        ...indexed(request.holds, ['request', 'holds'], 'amount'),
        ['request', 'refundFee', 'fee', 'amount'],
        ['request', 'refundFee', 'tax', 'amount'],
        ...(request.refundedCustomerFee === undefined ? [] : [['request', 'refundedCustomerFee', 'fee', 'amount'], ['request', 'refundedCustomerFee', 'tax', 'amount']]),
      ];
    }
    case 'refund_request_reestimated':
      return [['parts', 'platform'], ...indexed(change['parts'].submerchants, ['parts', 'submerchants'], 'amount'), ...indexed(change['holds'], ['holds'], 'amount')];
    default:
      return [];
  }
}

/**
 * The merchant-id fields of each kind of change that a `change_party` edit may replace. A
 * payout that carried its period over (amount 0) moves no money and is left out: which
 * merchant's period it settled is no one's money in that entry (a later run is what it changes).
 */
function partyPaths(change: Record<string, any>): (string | number)[][] {
  const indexed = (list: readonly unknown[] | undefined, prefix: (string | number)[], field: string): (string | number)[][] =>
    (list ?? []).map((_, index) => [...prefix, index, field]);
  switch (change['kind']) {
    case 'payment_captured':
      return [...indexed(change['shares'].submerchants, ['shares', 'submerchants'], 'submerchantId'), ...indexed(change['split'], ['split'], 'submerchantId')];
    case 'payment_refunded':
      return indexed(change['parts'].submerchants, ['parts', 'submerchants'], 'submerchantId');
    case 'balance_transferred':
      return [['from'], ['to']];
    case 'payout_period_settled':
      return change['amount'] > 0 ? [['merchant']] : [];
    case 'refund_request_created':
      return [...indexed(change['request'].parts.submerchants, ['request', 'parts', 'submerchants'], 'submerchantId'), ...indexed(change['request'].holds, ['request', 'holds'], 'merchant')];
    case 'refund_request_reestimated':
      return [...indexed(change['parts'].submerchants, ['parts', 'submerchants'], 'submerchantId'), ...indexed(change['holds'], ['holds'], 'merchant')];
    default:
      return [];
  }
}

/**
 * The currency field of a change that a `change_currency` edit may replace. A payment's only
 * when the entry also captures it: a payment created authorized in another currency is what
 * another `payment.create` writes (its capture, later, is then the entry at fault); a payout
 * that carried its period over (0) moves nothing.
 */
function currencyPath(change: Record<string, any>, captures: boolean): string[] | undefined {
  switch (change['kind']) {
    case 'balance_transferred':
      return ['currency'];
    case 'payout_period_settled':
      return change['amount'] > 0 ? ['currency'] : undefined;
    case 'refund_request_created':
      return ['request', 'currency'];
    case 'payment_created':
      return captures ? ['payment', 'currency'] : undefined;
    default:
      return undefined;
  }
}

/**
 * The kinds of change a `change_dropped` edit leaves out: those the postings of their entry
 * follow, and a re-estimate (which the entry's completion or rejection makes necessary). A
 * payout that carried its period over (0) is not among them: it moves nothing in its entry.
 */
const DROPPABLE: readonly string[] = ['payment_captured', 'payment_refunded', 'payment_charged_back', 'balance_transferred', 'payout_period_settled', 'refund_request_reestimated'];

/** The merchants of the same platform as `merchant` (the platform and its sub-merchants), `merchant` left out. */
export function sameFamily(config: LedgerConfig, merchant: string): string[] {
  const of = config.merchants.find((candidate) => candidate.id === merchant);
  const platform = of === undefined ? undefined : of.type === 'platform' ? of.id : of.platform;
  return config.merchants.filter((candidate) => candidate.id !== merchant && (candidate.id === platform || (candidate.type !== 'platform' && candidate.platform === platform))).map((candidate) => candidate.id);
}

/** Every place in `entry` an edit of class `mutation` can be made. */
export function mutationTargets(entry: Entry, mutation: MutationClass, config: LedgerConfig): MutationTarget[] {
  if (mutation === 'change_dropped') {
    return entry.changes.flatMap((change, index) => (DROPPABLE.includes(change.kind) && !(change.kind === 'payout_period_settled' && change.amount === 0) ? [{ change: index, what: change.kind }] : []));
  }
  if (mutation === 'change_currency') {
    const captures = entry.changes.some((change) => change.kind === 'payment_captured');
    return entry.changes.flatMap((change, index) => {
      const path = currencyPath(change as unknown as Record<string, any>, captures);
      return path === undefined ? [] : [{ change: index, path, what: `${change.kind}.${path.join('.')}` }];
    });
  }
  if (mutation === 'change_amount' || mutation === 'change_party') {
    const paths = mutation === 'change_amount' ? amountPaths : partyPaths;
    return entry.changes.flatMap((change, index) =>
      paths(change as unknown as Record<string, any>).map((path) => ({ change: index, path, what: `${change.kind}.${path.filter((step) => typeof step === 'string').join('.')}` })),
    );
  }
  return movementsOf(entry).flatMap(([debit, credit], movement) => {
    if (mutation === 'movement_moved') {
      const movable = [debit, credit].some((posting) => posting.merchant !== undefined && sameFamily(config, posting.merchant).length > 0);
      return movable ? [{ movement, what: debit.recordType }] : [];
    }
    return [{ movement, what: debit.recordType }];
  });
}

/** A non-zero shift of a positive amount that leaves it positive: 1 up, 1 down, down to 1, or up by a larger step. */
function positiveShift(amount: number, seed: number): number {
  const choices = [1, -1, 1 - amount, 1 + (Math.abs(seed) % 1000), amount];
  const shift = choices[Math.abs(seed) % choices.length] as number;
  const shifted = amount + shift;
  return shift === 0 || shifted < 1 || !Number.isSafeInteger(shifted) ? 1 : shift;
}

/** A non-zero shift of an amount of 0 or more that leaves it 0 or more (the shape every amount field must keep). */
function nonNegativeShift(amount: number, seed: number): number {
  const choices = [1, -1, -amount, 1 + (Math.abs(seed) % 1000), amount + 1];
  const shift = choices[Math.abs(seed) % choices.length] as number;
  const shifted = amount + shift;
  return shift === 0 || shifted < 0 || !Number.isSafeInteger(shifted) ? 1 : shift;
}

/** `entry` with the edit of class `mutation` at `target` made, sized by `seed`. */
export function mutate(entry: Entry, mutation: MutationClass, target: MutationTarget, seed: number, config: LedgerConfig): Mutated {
  const edited = structuredClone(entry) as unknown as RawEntry;
  if (mutation === 'change_dropped') {
    const [dropped] = edited.changes.splice(target.change as number, 1);
    return { entry: edited, what: target.what, description: `entry ${entry.seq}: its ${target.what} change (change ${target.change}) left out: ${JSON.stringify(dropped)}` };
  }
  if (mutation === 'change_amount' || mutation === 'change_party' || mutation === 'change_currency') {
    const path = target.path as readonly (string | number)[];
    let holder: Record<string | number, any> = edited.changes[target.change as number] as Record<string, any>;
    for (const step of path.slice(0, -1)) holder = holder[step];
    const field = path.at(-1) as string | number;
    if (mutation === 'change_currency') {
      const from = holder[field] as string;
      const to = OTHER_CURRENCIES.find((code) => code !== from) as string;
      holder[field] = to;
      return { entry: edited, what: target.what, description: `entry ${entry.seq}: its ${target.what} (change ${target.change}) ${from} → ${to}, postings unchanged` };
    }
    if (mutation === 'change_party') {
      const from = holder[field] as string;
      const others = sameFamily(config, from);
      const to = others[Math.abs(seed) % others.length] as string;
      holder[field] = to;
      return { entry: edited, what: target.what, description: `entry ${entry.seq}: its ${target.what} (change ${target.change}, ${path.join('.')}) ${from} → ${to}, postings unchanged` };
    }
    const before = holder[field] as number;
    // A hold is positive in every change the engine writes (a party that pays nothing is held nothing): keep it so.
    const shift = path.includes('holds') ? positiveShift(before, seed) : nonNegativeShift(before, seed);
    holder[field] = before + shift;
    return { entry: edited, what: target.what, description: `entry ${entry.seq}: its ${target.what} (change ${target.change}, ${path.join('.')}) ${before} → ${before + shift}, postings unchanged` };
  }
  const index = (target.movement as number) * 2;
  const [debit, credit] = [edited.postings[index] as RawPosting, edited.postings[index + 1] as RawPosting];
  const movement = `its ${debit.recordType} of ${debit.amount} ${debit.currency} from ${debit.account} to ${credit.account} (movement ${target.movement})`;
  switch (mutation) {
    case 'movement_amount': {
      const shift = positiveShift(debit.amount, seed);
      debit.amount += shift;
      credit.amount -= shift;
      return { entry: edited, what: target.what, description: `entry ${entry.seq}: ${movement} changed to ${debit.amount}` };
    }
    case 'movement_swapped':
      debit.amount = -debit.amount;
      credit.amount = -credit.amount;
      return { entry: edited, what: target.what, description: `entry ${entry.seq}: ${movement} the other way round` };
    case 'movement_moved': {
      const sides = [debit, credit].filter((posting) => posting.merchant !== undefined && sameFamily(config, posting.merchant).length > 0);
      const side = sides[Math.abs(seed) % sides.length] as RawPosting;
      const others = sameFamily(config, side.merchant as string);
      const to = others[Math.floor(Math.abs(seed) / 2) % others.length] as string;
      const from = side.merchant;
      side.merchant = to;
      side.account = `Liabilities:Merchants:${to}`;
      return { entry: edited, what: target.what, description: `entry ${entry.seq}: ${movement} posted on ${to} instead of ${from}` };
    }
    case 'movement_dropped':
      edited.postings.splice(index, 2);
      return { entry: edited, what: target.what, description: `entry ${entry.seq}: ${movement} left out` };
    case 'movement_currency': {
      const to = OTHER_CURRENCIES.find((code) => code !== debit.currency) as string;
      debit.currency = to;
      credit.currency = to;
      return { entry: edited, what: target.what, description: `entry ${entry.seq}: ${movement} in ${to}` };
    }
    case 'movement_duplicated':
      edited.postings.splice(index + 2, 0, { ...debit }, { ...credit });
      return { entry: edited, what: target.what, description: `entry ${entry.seq}: ${movement} written twice` };
  }
}
