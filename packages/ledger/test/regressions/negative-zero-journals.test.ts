import { CompactEntryDecoder, createLedger, journalNdjsonLines, parseJournalEntry, replayJournal, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';

// Review 208: Kanjo never writes -0, but another JSON writer may (Python's json.dumps(-0.0)
// writes -0.0). The compact decoder read `-0` as -0, so the replayed state held -0 where the
// live run held 0, and a strict comparison (`Object.is`, vitest's toEqual) told them apart.

const config: LedgerConfig = {
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
    { id: 'pm1', type: 'payout', platform: 'mart' },
  ],
};

function liveLedger() {
  const ledger = unwrapped(createLedger(config));
  const result = ledger.execute({ op: 'payment.create', id: 'p1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] });
  expect(result.ok).toBe(true);
  return ledger;
}

function unwrapped<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Decodes `edited` (the payment's line with its platform fee written `zero`) and replays it: the fee is 0 and the payment the live one. */
function expectReplayedAsLive(ledger: ReturnType<typeof liveLedger>, header: string, edited: string, zero: string): void {
  const opened = unwrapped(CompactEntryDecoder.fromHeader(JSON.parse(header)));
  const entry = unwrapped(opened.decoder.decodeText(edited, 2));
  const replayed = unwrapped(replayJournal(opened.config, [entry]));
  const platformFee = replayed.state.payments.get('p1')?.split?.[0]?.platformFee;
  expect([zero, Object.is(platformFee, 0)]).toEqual([zero, true]);
  expect(replayed.state.payments.get('p1')).toEqual(ledger.state.payments.get('p1'));
}

describe('a compact journal holding -0 where Kanjo wrote 0', () => {
  it('decodes it as 0, plain or with a fraction or exponent, so the replay equals the live state', () => {
    const ledger = liveLedger();
    const [header, line] = [...journalNdjsonLines(config, ledger.journal, 'compact')].map((text) => text.trimEnd()) as [string, string];
    // The split line [submerchant, amount, platformFee] ends `,1000,0]`.
    expect(line).toContain(',1000,0]');
    for (const zero of ['-0', '-0.0', '-0e0', '-0E+3']) expectReplayedAsLive(ledger, header, line.replace(',1000,0]', `,1000,${zero}]`), zero);
  });

  // Review 214: the decoder takes a list element written as a plain JSON object where Kanjo
  // writes a shape reference, and read it with JSON.parse alone, keeping a -0 inside.
  it('decodes it as 0 inside a list or object written as plain JSON, at any depth', () => {
    const ledger = liveLedger();
    const [header, line] = [...journalNdjsonLines(config, ledger.journal, 'compact')].map((text) => text.trimEnd()) as [string, string];
    expect(line).toContain('[3,"pm1",1000,0]');
    // -1e-400 and -2e-324 are read as -0 by JSON.parse, with no "-0" in their text (review 219).
    for (const zero of ['-0', '-0.0', '-0e0', '-1e-400', '-2e-324']) {
      expectReplayedAsLive(ledger, header, line.replace('[3,"pm1",1000,0]', `{"submerchantId":"pm1","amount":1000,"platformFee":${zero}}`), zero);
    }
  });

  // Review 217: a JSON.parse reviver recurses, and refused ("invalid JSON value") a field nested
  // 3,000 deep that JSON.parse alone, the objects format and earlier builds read.
  it('a value nested thousands deep still decodes, its -0 deep inside read as 0, and __proto__ stays a plain key', () => {
    const ledger = liveLedger();
    const [header, line] = [...journalNdjsonLines(config, ledger.journal, 'compact')].map((text) => text.trimEnd()) as [string, string];
    const deep = `${'['.repeat(20_000)}-0${']'.repeat(20_000)}`;
    const edited = line.replace('[3,"pm1",1000,0]', `{"submerchantId":"pm1","amount":1000,"platformFee":0,"extra":${deep},"__proto__":-0}`);
    const opened = unwrapped(CompactEntryDecoder.fromHeader(JSON.parse(header)));
    const entry = unwrapped(opened.decoder.decodeText(edited, 2));
    const captured = entry.changes[1] as unknown as { kind: string; split: Record<string, unknown>[] };
    expect(captured.kind).toBe('payment_captured');
    const line0 = captured.split[0] as Record<string, unknown>;
    let innermost: unknown = line0['extra'];
    for (let depth = 0; depth < 20_000; depth += 1) innermost = (innermost as unknown[])[0];
    expect(Object.is(innermost, 0)).toBe(true);
    expect([Object.getPrototypeOf(line0) === Object.prototype, Object.getOwnPropertyDescriptor(line0, '__proto__')?.value]).toEqual([true, 0]);
    expect(Object.is(Object.getOwnPropertyDescriptor(line0, '__proto__')?.value, 0)).toBe(true);
    expect(unwrapped(replayJournal(opened.config, [entry])).state.payments.get('p1')?.split?.[0]?.platformFee).toBe(0);
  });
});

describe('an objects-format journal holding -0 (README: the numbers are JSON.parse\'s)', () => {
  it('keeps -0 as JSON.parse read it, and the README\'s reviver reads it as 0', () => {
    const ledger = liveLedger();
    const [header, line] = [...journalNdjsonLines(config, ledger.journal, 'objects')].map((text) => text.trimEnd()) as [string, string];
    const edited = line.replace('"platformFee":0}', '"platformFee":-0.0}');
    expect(edited).not.toBe(line);
    const replay = (value: unknown) => unwrapped(replayJournal(JSON.parse(header).config, [unwrapped(parseJournalEntry(value, 2))])).state.payments.get('p1');
    expect(Object.is(replay(JSON.parse(edited))?.split?.[0]?.platformFee, -0)).toBe(true);
    const revived = replay(JSON.parse(edited, (_key, value: unknown) => (Object.is(value, -0) ? 0 : value)));
    expect(revived).toEqual(ledger.state.payments.get('p1'));
  });
});
