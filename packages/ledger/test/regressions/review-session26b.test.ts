import { JournalReplay, hledgerJournalLines, merchantBalances, replayJournal, type Command, type Entry } from '@kanjo/ledger';
import { buildFeeSchedule, processingFee } from '@kanjo/fees';
import { decimalAmount } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment } from '../support/fixtures.js';
import { newLedger, stateSnapshot } from '../support/ledger-harness.js';
import { expectLedgerSound } from '../support/reentrancy-invariants.js';
import { threeEntries, TRANSFER } from '../support/three-entries.js';

// Adversarial review of 9f0fa11 (the replay's re-entrancy guard, replay-in-progress.ts),
// c8096e0 (hledger export of a retain-false ledger) and 71aec81 (describers never throw).
// The guard: every legitimate use tried still works (another ledger executed from a getter,
// replays interleaved from plain code or across awaits, a generator replaying between
// entries), the module-level `running` is cleared on every exit path tried, and the misuse
// always throws. What is pinned with it.fails lies in the describers 71aec81 did not reach.


const ADD_MISUSE = 'JournalReplay.add was called while another add was running (from a getter or Proxy trap of the entry being added): pass entries as plain data';
const EXECUTE_MISUSE = 'execute was called on a ledger a JournalReplay is rebuilding, while it was adding an entry (from a getter or Proxy trap of that entry): pass entries as plain data';

/**
 * `entry` (copied) with its `postings` a getter that runs `fire` on each read for which
 * `when` holds (`when` sees the read's number and whether the fold, applyEntry, is on the
 * stack), answering the same list every time.
 */
function entryFiring(entry: Entry, when: (read: number, folding: boolean) => boolean, fire: () => void): Entry {
  const copy = structuredClone(entry) as unknown as Record<string, unknown>;
  const postings = copy['postings'];
  let reads = 0;
  Object.defineProperty(copy, 'postings', {
    enumerable: true,
    get: () => {
      reads += 1;
      if (when(reads, isFolding())) fire();
      return postings;
    },
  });
  return copy as unknown as Entry;
}

/** Whether the replay's fold (applyEntry) is running: the getter's read is one of the fold's. */
function isFolding(): boolean {
  return (new Error().stack ?? '').includes('applyEntry');
}

/** What replaying `entries` from scratch gives. */
function liveState(entries: readonly Entry[]): unknown {
  const replayed = replayJournal(CONFIG, entries);
  if (!replayed.ok) throw new Error(replayed.error.message);
  return stateSnapshot(replayed.value.state);
}

describe('9f0fa11: legitimate uses around a replay still work', () => {
  it('a getter that executes on ANOTHER ledger, at every read during the checks and the fold: the add is accepted and the other ledger gets its entry', () => {
    const entries = threeEntries();
    const phases = new Set<string>();
    for (let fireAt = 1; fireAt <= 12; fireAt += 1) {
      const replay = new JournalReplay(newLedger());
      for (const entry of entries.slice(0, 2)) expect(replay.add(entry).ok).toBe(true);
      const other = newLedger();
      let executed: string | undefined;
      const hostile = entryFiring(entries[2] as Entry, (read, folding) => {
        if (read !== fireAt) return false;
        phases.add(folding ? 'fold' : 'checks');
        return true;
      }, () => {
        const result = other.execute({ ...goldenPayment('pay_9'), at: '2026-04-01T10:00:00Z' });
        executed = result.ok ? 'ok' : result.error.code;
      });
      const added = replay.add(hostile);
      if (executed === undefined) break;
      expect(added.ok ? 'ok' : added.error.message, `read ${fireAt}`).toBe('ok');
      expect(executed).toBe('ok');
      expect(other.journal.map((entry) => entry.seq)).toEqual([1]);
      expect(stateSnapshot(replay.ledger.state)).toEqual(liveState(entries));
    }
    // Both phases were reached.
    expect([...phases].sort()).toEqual(['checks', 'fold']);
  });

  it('two replays interleaved entry by entry from plain code, and two async replays awaiting between adds, each end as the live ledger', async () => {
    const entries = threeEntries();
    const first = new JournalReplay(newLedger());
    const second = new JournalReplay(newLedger(), false);
    for (const entry of entries) {
      expect(first.add(entry).ok).toBe(true);
      expect(second.add(entry).ok).toBe(true);
    }
    expect(merchantBalances(first.ledger.state)).toEqual(merchantBalances(second.ledger.state));
    async function replayAwaiting(): Promise<unknown> {
      const replay = new JournalReplay(newLedger());
      for (const entry of entries) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        const added = replay.add(entry);
        if (!added.ok) return added.error.message;
      }
      return stateSnapshot(replay.ledger.state);
    }
    const [a, b] = await Promise.all([replayAwaiting(), replayAwaiting()]);
    expect(a).toEqual(liveState(entries));
    expect(b).toEqual(liveState(entries));
  });

  it('a generator that runs its own replay (add by add) between the entries it yields: both replays end as the live ledger', () => {
    const entries = threeEntries();
    const inner = new JournalReplay(newLedger());
    function* yieldingAndReplaying(): Generator<Entry> {
      for (const entry of entries) {
        expect(inner.add(entry).ok).toBe(true);
        yield entry;
      }
    }
    const outer = replayJournal(CONFIG, yieldingAndReplaying());
    if (!outer.ok) throw new Error(outer.error.message);
    expect(stateSnapshot(outer.value.state)).toEqual(liveState(entries));
    expect(stateSnapshot(inner.ledger.state)).toEqual(liveState(entries));
  });
});

describe('9f0fa11: the guard is cleared on every way out of an add', () => {
  /** Whether a new replay can add, and its ledger execute: `running` is not left set. */
  function expectNoAddRunning(): void {
    const entries = threeEntries();
    const replay = new JournalReplay(newLedger());
    expect(replay.add(entries[0] as Entry)).toEqual({ ok: true, value: undefined });
    expect(replay.ledger.execute({ ...TRANSFER, at: '2026-04-01T11:00:00Z' }).ok).toBe(true);
  }

  it('a generator given to replayJournal that throws between entries: its error comes out, and the next replay works', () => {
    const entries = threeEntries();
    function* throwing(): Generator<Entry> {
      yield entries[0] as Entry;
      throw new Error('the caller\'s generator failed');
    }
    expect(() => replayJournal(CONFIG, throwing())).toThrow(new Error('the caller\'s generator failed'));
    expectNoAddRunning();
  });

  it('an entry getter that throws its own error (seq: before any check; postings: inside the checks; in the fold): the next replay works', () => {
    const entries = threeEntries();
    for (const when of [(read: number) => read === 1, (_read: number, folding: boolean) => folding] as const) {
      const replay = new JournalReplay(newLedger());
      expect(replay.add(entries[0] as Entry).ok).toBe(true);
      let outcome: string;
      try {
        const added = replay.add(entryFiring(entries[1] as Entry, when, () => {
          throw new Error('the caller\'s getter failed');
        }));
        outcome = added.ok ? 'ok' : added.error.message;
      } catch (error) {
        outcome = `threw ${(error as Error).message}`;
      }
      // Early: the caller's own error. In the fold: the stopped fold named (applyEntry's catch).
      expect(['threw the caller\'s getter failed', 'entry 2 cannot be applied: the caller\'s getter failed']).toContain(outcome);
      expectNoAddRunning();
    }
    const copy = structuredClone(entries[0]) as unknown as Record<string, unknown>;
    Object.defineProperty(copy, 'seq', { enumerable: true, get: () => { throw new Error('seq getter'); } });
    expect(() => new JournalReplay(newLedger()).add(copy as unknown as Entry)).toThrow(new Error('seq getter'));
    expectNoAddRunning();
  });

  it('the misuse thrown from a nested add, and from an execute on the rebuilt ledger: the next replay works', () => {
    const entries = threeEntries();
    const replay = new JournalReplay(newLedger());
    expect(() => replay.add(entryFiring(entries[0] as Entry, (read) => read === 1, () => void replay.add(entries[0] as Entry)))).toThrow(new Error(ADD_MISUSE));
    expectNoAddRunning();
    expect(() => replay.add(entryFiring(entries[0] as Entry, (read) => read === 1, () => void replay.ledger.execute(TRANSFER)))).toThrow(new Error(EXECUTE_MISUSE));
    expectNoAddRunning();
    expect(replay.add(entries[0] as Entry).ok).toBe(true);
  });
});

describe('9f0fa11: the misuse always throws (README "replayJournal": "that call throws and does nothing, and the `add` it came from throws too")', () => {
  it('an execute on the rebuilt ledger through ANOTHER ledger\'s command getter, from an entry getter: the add throws the execute misuse', () => {
    const entries = threeEntries();
    const replay = new JournalReplay(newLedger());
    expect(replay.add(entries[0] as Entry).ok).toBe(true);
    const other = newLedger();
    const command = { ...TRANSFER } as Record<string, unknown>;
    Object.defineProperty(command, 'amount', { enumerable: true, get: () => (replay.ledger.execute({ ...TRANSFER, at: '2026-04-01T11:00:00Z' }), 10) });
    expect(() => replay.add(entryFiring(entries[1] as Entry, (read) => read === 1, () => {
      try {
        other.execute(command as unknown as Command);
      } catch {
        // The getter swallows what the nested execute threw: the add must still throw.
      }
    }))).toThrow(new Error(EXECUTE_MISUSE));
    expect(replay.entries).toBe(1);
    expect(replay.ledger.journal.map((entry) => entry.seq)).toEqual([1]);
    expect(replay.add(entries[1] as Entry).ok).toBe(true);
  });

  it('an execute on the rebuilt ledger during the fold, rethrown: the add throws, and every further add is refused (not thrown) naming it', () => {
    const entries = threeEntries();
    const replay = new JournalReplay(newLedger());
    expect(replay.add(entries[0] as Entry).ok).toBe(true);
    let fired = false;
    const hostile = entryFiring(entries[1] as Entry, (_read, folding) => folding && !fired, () => {
      fired = true;
      replay.ledger.execute({ ...TRANSFER, at: '2026-04-01T11:00:00Z' });
    });
    expect(() => replay.add(hostile)).toThrow(new Error(EXECUTE_MISUSE));
    expect(fired).toBe(true);
    const stopped = {
      ok: false,
      error: {
        code: 'journal_entry_inapplicable',
        message: `entry 2 cannot be applied: ${EXECUTE_MISUSE}; the replay stopped there, its state is incomplete: rebuild the ledger from the start`,
      },
    };
    // The same entry as plain data, the next one, and a wrong one: each refused the same way.
    expect(replay.add(entries[1] as Entry)).toEqual(stopped);
    expect(replay.add(entries[2] as Entry)).toEqual(stopped);
    expect(replay.add({ ...(entries[2] as Entry), seq: 99 })).toEqual(stopped);
    expect(replay.entries).toBe(1);
  });

  // Not in the README's words: once the fold has begun, a getter that SWALLOWS the misuse lets
  // the fold finish. The add still throws, yet the entry IS folded (replay.entries advances):
  // a caller that retries the entry after the throw gets journal_sequence_broken. The README
  // names only "before folding anything" (checks) and "a fold the throw stopped"; pinned here
  // so that the case stays as it is, or the README says it.
  it('an execute on the rebuilt ledger during the fold, swallowed: the add throws, the entry is folded, the replay goes on and ends sound', () => {
    const entries = threeEntries();
    const replay = new JournalReplay(newLedger());
    expect(replay.add(entries[0] as Entry).ok).toBe(true);
    let fired = false;
    const hostile = entryFiring(entries[1] as Entry, (_read, folding) => folding && !fired, () => {
      fired = true;
      try {
        replay.ledger.execute({ ...TRANSFER, at: '2026-04-01T11:00:00Z' });
      } catch {
        // Swallowed by the caller's getter.
      }
    });
    expect(() => replay.add(hostile)).toThrow(new Error(EXECUTE_MISUSE));
    expect(replay.entries).toBe(2);
    expect(replay.add(entries[1] as Entry)).toEqual({
      ok: false,
      error: { code: 'journal_sequence_broken', message: 'the entry after entry 2 is numbered 2: entry 2 is given again or out of order (sequence numbers run 1, 2, 3, … in order, without gaps)' },
    });
    expect(replay.add(entries[2] as Entry).ok).toBe(true);
    expect(stateSnapshot(replay.ledger.state)).toEqual(liveState(entries));
    expectLedgerSound(CONFIG, replay.ledger);
  });
});

describe('c8096e0: hledger export of a ledger rebuilt with retain false', () => {
  // The throw comes at the first line asked for, not at the call (a generator function): a
  // service that calls it, sends its headers, then iterates, learns of it mid-response. Pinned
  // as it is; the TSDoc's "throws" reads as either.
  it('the call returns; the first line asked for throws, naming the entries not kept', () => {
    const replay = new JournalReplay(newLedger(), false);
    for (const entry of threeEntries()) expect(replay.add(entry).ok).toBe(true);
    const lines = hledgerJournalLines(replay.ledger.state);
    expect(() => lines.next()).toThrow(
      new Error('this ledger was rebuilt without its journal (3 entries not kept): its hledger export would assert balances no transaction gives; replay with retain true to export it'),
    );
  });

  it('a ledger rebuilt with retain true exports exactly as the live one', () => {
    const live = newLedger();
    for (const command of [{ ...goldenPayment('pay_1'), at: '2026-04-01T10:00:00Z' }, TRANSFER, { ...TRANSFER, amount: 7 }]) expect(live.execute(command).ok).toBe(true);
    const replay = new JournalReplay(newLedger());
    for (const entry of threeEntries()) expect(replay.add(entry).ok).toBe(true);
    expect([...hledgerJournalLines(replay.ledger.state)].join('')).toBe([...hledgerJournalLines(live.state)].join(''));
  });
});

describe('71aec81: describers of a wrong value that still throw or mislead', () => {
  const schedule = (() => {
    const built = buildFeeSchedule({ paymentMethods: { credit_card: { feeRate: '3.6%' } } });
    if (!built.ok) throw new Error(built.error.message);
    return built.value;
  })();
  const revoked = (): object => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  };

  it('processingFee of {} is amount_not_safe_integer (described as an object, not "[object Object]")', () => {
    expect(processingFee(schedule, 'credit_card', {} as unknown as number)).toEqual({
      ok: false,
      error: { code: 'amount_not_safe_integer', message: 'amount: expected a non-negative safe integer in minor units, got an object' },
    });
  });

  // Was a DEFECT (fixed: fees' describeValue; pre-existing, the describer 71aec81 did not reach). processingFee wrote a wrong
  // amount with String(amount), which throws for an object without a primitive form:
  //   processingFee(schedule, 'credit_card', Object.create(null))
  //   → TypeError "Cannot convert object to primitive value" (a revoked Proxy: "Cannot perform
  //     'get' on a proxy that has been revoked")
  // where {} gets amount_not_safe_integer. fees README: processingFee "checks the payment type,
  // then the amount", `amount_not_safe_integer` "the amount is not a non-negative safe integer";
  // 71aec81: "the last describers of a wrong value never throw" (parseAmount's was fixed).
  // Expected: the rejection, as for {}.
  it('processingFee of an object without a primitive form, or a revoked Proxy, is amount_not_safe_integer, not a TypeError', () => {
    for (const amount of [Object.create(null) as object, revoked()]) {
      const fee = processingFee(schedule, 'credit_card', amount as unknown as number);
      expect(fee.ok ? 'ok' : fee.error.code).toBe('amount_not_safe_integer');
    }
  });

  // Was a DEFECT (fixed). The same String(amount) wrote the string "5", the list [5] and the
  // bigint 5n all as 5, a valid amount, so the message contradicts itself:
  //   processingFee(schedule, 'credit_card', '5' as any).error.message
  //   → 'amount: expected a non-negative safe integer in minor units, got 5'
  // README "Rejection codes" (ledger): "a value of the wrong type, a bigint included, is
  // described rather than serialized"; @kanjo/splits' parseAmount says "got a bigint" of 5n.
  // Expected: the value's kind named ("got the string \"5\"", as splits' assertAmount writes it).
  it('processingFee\'s message for the string "5" does not read "got 5"', () => {
    const fee = processingFee(schedule, 'credit_card', '5' as unknown as number);
    expect(fee.ok).toBe(false);
    if (!fee.ok) expect(fee.error.message.endsWith('got 5')).toBe(false);
  });

  // Was a DEFECT (fixed; lesser: a throw either way). decimalAmount's RangeError wrote the
  // wrong value with String(value), which itself throws a TypeError for Object.create(null):
  //   decimalAmount(Object.create(null), 'JPY') → TypeError "Cannot convert object to primitive value"
  // @kanjo/splits README: a wrong number "throws RangeError"; the caller gets instead an error
  // that says nothing of decimalAmount. Expected: the RangeError naming decimalAmount.
  it('decimalAmount of an object without a primitive form throws its own RangeError', () => {
    expect(() => decimalAmount(Object.create(null) as unknown as number, 'JPY')).toThrow(RangeError);
  });
});
