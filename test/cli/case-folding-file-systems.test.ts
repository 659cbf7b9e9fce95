import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probedIdentities, refuseTargetsTakenForOne, type FileIdentities } from '../../packages/ledger/src/cli/targets-taken-for-one.js';
import { kanjo } from '../support/kanjo-cli.js';

// Where the file system does not tell `PM1.csv` from `pm1.csv` (macOS and Windows by default),
// `kanjo run --statements` renamed the second statement over the first: one merchant's
// statement silently lost, exit 0 (seen on a case-insensitive FUSE file system). The same for
// `--journal J.txt --hledger j.txt`. The file system itself now decides, and such a run is
// refused with nothing written. This machine's file systems tell case apart, so the refusal is
// tested through the choice of candidates with a stand-in file system, and the probe on its own.

const SCENARIO = {
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
    { id: 'PM1', type: 'payout', platform: 'mart' },
    { id: 'pm1', type: 'payout', platform: 'mart' },
  ],
  commands: [
    {
      op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', at: '2026-04-01T10:00:00+09:00',
      platform_details: { submerchants: [{ submerchant_id: 'PM1', amount: 700, platform_fee: 70 }, { submerchant_id: 'pm1', amount: 300, platform_fee: 30 }] },
    },
  ],
};

function scenarioFile(): { folder: string; scenario: string } {
  const folder = mkdtempSync(join(tmpdir(), 'kanjo-case-'));
  const scenario = join(folder, 'scenario.json');
  writeFileSync(scenario, JSON.stringify(SCENARIO));
  return { folder, scenario };
}

describe('where the file system tells case apart, names that differ only in case are two files', () => {
  it('--statements writes PM1.csv and pm1.csv, each with its own records', () => {
    const { folder, scenario } = scenarioFile();
    const out = join(folder, 'statements');
    const run = kanjo(['run', scenario, '--statements', out, '--format', 'csv']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['PM1.csv', 'mart.csv', 'pm1.csv']);
    const header = 'seq,at,payment,record_type,currency,deposit,debit,balance\r\n';
    expect(readFileSync(join(out, 'PM1.csv'), 'utf8')).toBe(`${header}1,2026-04-01T01:00:00.000Z,pay_1,Payment Transfer,JPY,700,0,700\r\n1,2026-04-01T01:00:00.000Z,pay_1,Platform Fee,JPY,0,70,630\r\n`);
    expect(readFileSync(join(out, 'pm1.csv'), 'utf8')).toBe(`${header}1,2026-04-01T01:00:00.000Z,pay_1,Payment Transfer,JPY,300,0,300\r\n1,2026-04-01T01:00:00.000Z,pay_1,Platform Fee,JPY,0,30,270\r\n`);
  });

  it('--journal J.txt --hledger j.txt writes both, and the probe leaves nothing else behind', () => {
    const { folder, scenario } = scenarioFile();
    const run = kanjo(['run', scenario, '--journal', join(folder, 'J.txt'), '--hledger', join(folder, 'j.txt')]);
    expect(run.status).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['J.txt', 'j.txt', 'scenario.json']);
    expect(readFileSync(join(folder, 'J.txt'), 'utf8')).toMatch(/^\{"kanjo_journal"/);
    expect(readFileSync(join(folder, 'j.txt'), 'utf8')).not.toMatch(/^\{/);
  });
});

describe('refuseTargetsTakenForOne: which names it asks the file system about, and what it says', () => {
  const target = (name: string): { target: string; name: string } => ({ target: `/out/${name}`, name: `statements/${name}` });
  /**
   * A stand-in file system: `fold` says which names are one file (a name whose fold an earlier
   * name made already existed); it records what it was asked and how often it was released.
   */
  function standIn(fold: (path: string) => string): FileIdentities & { asked: string[]; released: number } {
    const asked: string[] = [];
    const made = new Set<string>();
    const identities = {
      asked,
      released: 0,
      peek(path: string) {
        return made.has(fold(path)) ? fold(path) : undefined;
      },
      listed: () => true,
      identify(path: string) {
        asked.push(path);
        const identity = fold(path);
        const existed = made.has(identity);
        made.add(identity);
        return { identity, existed };
      },
      release() {
        identities.released += 1;
        made.clear();
      },
    };
    return identities;
  }
  /** A file system that folds case and the forms of an accented letter, as macOS's does by default. */
  const caseInsensitive = (path: string): string => path.normalize('NFC').toLowerCase();
  const tellsApart = (path: string): string => path;

  it('a case-insensitive file system: PM1.csv then pm1.csv is refused, naming both as the caller wrote them, and the probes are released', () => {
    const identities = standIn(caseInsensitive);
    expect(() => refuseTargetsTakenForOne([target('mart.csv'), target('PM1.csv'), target('pm1.csv')], identities)).toThrow(
      'cannot write statements/pm1.csv: this file system takes it and statements/PM1.csv for one file (it does not tell upper from lower case, or the two Unicode forms of an accented letter, apart), so one export would replace the other: write them where the file system tells them apart, or rename one',
    );
    expect(identities.released).toBe(1);
  });

  it('a file system that folds only the forms of é: É, é composed, é decomposed is refused at the third, against the second', () => {
    const formsOnly = (path: string): string => path.normalize('NFC');
    const composed = '\u00e9.csv';
    const decomposed = 'e\u0301.csv';
    expect(() => refuseTargetsTakenForOne([target('\u00c9.csv'), target(composed), target(decomposed)], standIn(formsOnly))).toThrow(
      `cannot write statements/${decomposed}: this file system takes it and statements/${composed} for one file`,
    );
  });

  it('names that differ in more than case or form are never asked about', () => {
    const identities = standIn(() => 'one file');
    refuseTargetsTakenForOne([target('a.csv'), target('b.csv'), { target: '/other/a.csv', name: 'other/a.csv' }], identities);
    expect(identities.asked).toEqual([]);
    expect(identities.released).toBe(0);
  });

  // Upper case first, then lower: final sigma and the long s fold only that way (a bare
  // toLowerCase leaves "ς" and "ſ" as they are), and a file system that folds case takes them
  // for "σ" and "s".
  it('ς.csv and σ.csv, ſ.csv and s.csv are candidates, asked about like any other case pair', () => {
    const identities = standIn(tellsApart);
    refuseTargetsTakenForOne([target('\u03c2.csv'), target('\u03c3.csv'), target('\u017f.csv'), target('s.csv')], identities);
    expect(identities.asked).toEqual(['/out/\u03c2.csv', '/out/\u03c3.csv', '/out/\u017f.csv', '/out/s.csv']);
  });

  it('a file system that tells them apart: nothing is refused, and each candidate is asked about once (review 162: every pair was, n²/2 probes)', () => {
    const identities = standIn(tellsApart);
    const variants = Array.from({ length: 256 }, (_, bits) => [...'abcdefgh'].map((letter, index) => ((bits >> index) & 1 ? letter.toUpperCase() : letter)).join(''));
    refuseTargetsTakenForOne(variants.map((id) => target(`${id}.csv`)), identities);
    expect(identities.asked).toHaveLength(256);
    expect(new Set(identities.asked).size).toBe(256);
  });

  it('two names made just now are two files whatever their identities say (review 168: a file system giving every file inode 0)', () => {
    const inodeZero = {
      peek: () => undefined,
      listed: () => true,
      identify: (_path: string) => ({ identity: '1:0', existed: false }),
      release: () => undefined,
    };
    expect(() => refuseTargetsTakenForOne([target('PM1.csv'), target('pm1.csv')], inodeZero)).not.toThrow();
  });

  it('three names of one file: the refusal names the first of them, not the one before (review 169)', () => {
    const answers = [false, false, true];
    const allInodeZero = { peek: () => undefined, listed: () => true, identify: (_path: string) => ({ identity: '1:0', existed: answers.shift() ?? true }), release: () => undefined };
    expect(() => refuseTargetsTakenForOne([target('PM1.csv'), target('pm1.csv'), target('Pm1.csv')], allInodeZero)).toThrow(
      'cannot write statements/Pm1.csv: this file system takes it and statements/PM1.csv for one file',
    );
  });

  it('a file system that folds case but gives each spelling its own inode (exfat-fuse, review 265): a name that names a file only once an earlier one was made is refused', () => {
    // Which names name a file follows the fold; the identity is the spelling, as exfat-fuse's
    // inode numbers were (8 for J.txt, 9 for j.txt, one file).
    const made = new Set<string>();
    const fold = (path: string): string => path.toLowerCase();
    const inodePerSpelling: FileIdentities = {
      peek: (path) => (made.has(fold(path)) ? path : undefined),
      listed: () => true,
      identify(path) {
        const existed = made.has(fold(path));
        made.add(fold(path));
        return { identity: path, existed };
      },
      release: () => made.clear(),
    };
    expect(() => refuseTargetsTakenForOne([target('mart.csv'), target('PM1.csv'), target('pm1.csv'), target('Pm1.csv')], inodePerSpelling)).toThrow(
      'cannot write statements/pm1.csv: this file system takes it and statements/PM1.csv for one file',
    );
  });

  it('exfat-fuse with an earlier J.txt: j.txt names it too, under an identity of its own, but the folder lists only J.txt, so J.txt then j.txt is refused, and j.txt then J.txt', () => {
    const listedNames = new Set(['/out/J.txt']);
    const earlierFile: FileIdentities = {
      peek: (path) => (path.toLowerCase() === '/out/j.txt' ? path : undefined),
      listed: (path) => listedNames.has(path),
      identify: (path) => ({ identity: path, existed: path.toLowerCase() === '/out/j.txt' }),
      release: () => undefined,
    };
    expect(() => refuseTargetsTakenForOne([target('J.txt'), target('j.txt')], earlierFile)).toThrow('cannot write statements/j.txt: this file system takes it and statements/J.txt for one file');
    expect(() => refuseTargetsTakenForOne([target('j.txt'), target('J.txt')], earlierFile)).toThrow('cannot write statements/j.txt: this file system takes it and statements/J.txt for one file');
  });

  it('a name that named a file before any probe keeps being told by its identity alone: an old J.txt beside a new j.txt where case is told apart', () => {
    const before = new Set(['/out/PM1.csv']);
    const tellsApartWithOld: FileIdentities = {
      peek: (path) => (before.has(path) ? path : undefined),
      listed: (path) => before.has(path),
      identify: (path) => ({ identity: path, existed: before.has(path) }),
      release: () => undefined,
    };
    expect(() => refuseTargetsTakenForOne([target('PM1.csv'), target('pm1.csv')], tellsApartWithOld)).not.toThrow();
    expect(() => refuseTargetsTakenForOne([target('pm1.csv'), target('PM1.csv')], tellsApartWithOld)).not.toThrow();
  });

  it('each group of candidates is released before the next is probed, so an interrupted run leaves at most one group', () => {
    const events: string[] = [];
    refuseTargetsTakenForOne([target('A.csv'), target('a.csv'), target('B.csv'), target('b.csv')], {
      peek: () => undefined,
      listed: () => true,
      identify: (path) => {
        events.push(path);
        return { identity: path, existed: false };
      },
      release: () => events.push('release'),
    });
    expect(events).toEqual(['/out/A.csv', '/out/a.csv', 'release', '/out/B.csv', '/out/b.csv', 'release']);
  });

  it('the same target twice is not refused here (two names the caller gave alike are refused before)', () => {
    expect(() => refuseTargetsTakenForOne([target('PM1.csv'), target('PM1.csv')], standIn(caseInsensitive))).not.toThrow();
  });
});

describe('probedIdentities: the probe asks the file system itself, and leaves nothing behind', () => {
  it('two names of two files: different identities, and the folder is left as it was', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kanjo-probe-'));
    const identities = probedIdentities();
    const first = identities.identify(join(folder, 'A.csv'));
    const second = identities.identify(join(folder, 'a.csv'));
    expect(first).toEqual({ identity: expect.stringMatching(/^\d+:\d+$/), existed: false });
    expect(second).toEqual({ identity: expect.stringMatching(/^\d+:\d+$/), existed: false });
    expect(second?.identity).not.toBe(first?.identity);
    identities.release();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a second name that leads to the first (here a link; on macOS the same name in another case): the same identity, and the probe is removed', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kanjo-probe-'));
    symlinkSync('A.csv', join(folder, 'a.csv'));
    const identities = probedIdentities();
    const made = identities.identify(join(folder, 'A.csv'));
    expect(made?.existed).toBe(false);
    expect(identities.identify(join(folder, 'a.csv'))).toEqual({ identity: made?.identity, existed: true });
    identities.release();
    expect(readdirSync(folder)).toEqual(['a.csv']);
  });

  it('a folder where the probe cannot be made: undefined (cannot tell)', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'kanjo-probe-')), 'gone');
    expect(probedIdentities().identify(join(missing, 'A.csv'))).toBeUndefined();
  });

  it('a name that exists: identified as it is, and the file is kept', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kanjo-probe-'));
    writeFileSync(join(folder, 'A.csv'), 'kept');
    const identities = probedIdentities();
    const kept = identities.identify(join(folder, 'A.csv'));
    expect(kept?.existed).toBe(true);
    expect(identities.identify(join(folder, 'a.csv'))?.identity).not.toBe(kept?.identity);
    identities.release();
    symlinkSync('A.csv', join(folder, 'b.csv'));
    expect(identities.identify(join(folder, 'b.csv'))).toEqual({ identity: kept?.identity, existed: true });
    identities.release();
    expect(readFileSync(join(folder, 'A.csv'), 'utf8')).toBe('kept');
    expect(readdirSync(folder).sort()).toEqual(['A.csv', 'b.csv']);
  });

  it('through refuseTargetsTakenForOne, a link making two case variants one file is refused, and nothing is left behind', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kanjo-probe-'));
    symlinkSync('PM1.csv', join(folder, 'pm1.csv'));
    const named = (name: string): { target: string; name: string } => ({ target: join(folder, name), name });
    expect(() => refuseTargetsTakenForOne([named('PM1.csv'), named('pm1.csv')])).toThrow('cannot write pm1.csv: this file system takes it and PM1.csv for one file');
    expect(readdirSync(folder)).toEqual(['pm1.csv']);
  });
});
