import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';

// Code review of the replay checks added after cdf6965: `kanjo reconcile` now re-decides every
// `session.create` it reads, so a session an earlier engine took and today's refuses makes its
// journal refused. README ("reconcile", "Journals of earlier versions") lists which: "a session
// whose `return_url` only the URL parser's repair made valid (before a6393a5) or whose id holds
// a lone UTF-16 surrogate (before aefdd8b)". Session ids holding a control character (a tab, a
// line break) were refused only from 099bdc4 on, and such journals are refused too: the list
// must say so.
describe('a journal of an earlier version with a session id holding a control character', () => {
  // Written by `kanjo run --journal` at c054147 (099bdc4's parent): session "ses\t1" created and
  // completed with a ¥1,000 card payment split to pmA.
  const path = fileURLToPath(new URL('journals/session-id-control-character-v1.ndjson', import.meta.url));

  it('is refused at the session\'s creation (id_invalid)', () => {
    const { status, stdout, stderr } = kanjo(['reconcile', path, '--format', 'json']);
    expect({ status, stdout }).toEqual({ status: 1, stdout: '' });
    // The journal's id is written with its tab escaped (README "Rejection codes": control
    // characters escaped, one line); before 2026-12-01 the tab was written raw.
    expect(stderr).toMatch(/^kanjo: reconciliation failed: journal_entry_inapplicable: line 2: entry 1 cannot be applied: session ses\\u00091 is one the engine refuses to create: id_invalid: /);
  });

  it('and the README lists it among the journals of earlier versions it refuses', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../packages/ledger/README.md', import.meta.url)), 'utf8');
    const section = readme.slice(readme.indexOf('**Journals of earlier versions**'), readme.indexOf('What it cannot check'));
    expect(section).toMatch(/control character[^.]*\(before 099bdc4\)/);
  });
});

// Review 187: the compact journals of 6c406f1, the first compact layout (its default export,
// changed by 96be6c3 under the same kanjo_journal 2, so the two cannot be told apart), are
// refused; its objects journals are read. The README says both.
describe('the journals of 6c406f1, the first compact layout', () => {
  // Written by `kanjo run /work/shared/examples/seed-marketplace.json --journal` at 6c406f1, in
  // its default (compact) format and in the objects format.
  const compact = fileURLToPath(new URL('journals/first-compact-layout-6c406f1.ndjson', import.meta.url));
  const objects = fileURLToPath(new URL('journals/first-compact-layout-6c406f1-objects.ndjson', import.meta.url));

  it('the compact one is not read (exit 2, journal_header_malformed: no strings table)', () => {
    const { status, stdout, stderr } = kanjo(['reconcile', compact, '--format', 'json']);
    expect({ status, stdout, stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: `kanjo: ${compact}: journal_header_malformed: the compact journal header has no strings list: it is Kanjo's first compact layout (6c406f1, 2026-11-22), which is not read; run that version again with --journal-format objects\n`,
    });
  });

  it('the objects one reconciles to the balances that version reported (mart 10, pm1 30, pm2 20)', () => {
    const { status, stdout } = kanjo(['reconcile', objects, '--format', 'json']);
    expect({ status, report: JSON.parse(stdout) as unknown }).toEqual({ status: 0, report: { entries: 2, balances: { mart: { JPY: 10 }, pm1: { JPY: 30 }, pm2: { JPY: 20 } } } });
  });

  it('and the README says so among the journals of earlier versions', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../packages/ledger/README.md', import.meta.url)), 'utf8');
    const section = readme.slice(readme.indexOf('**Journals of earlier versions**'), readme.indexOf('What it cannot check'));
    expect(section.replace(/\s+/g, ' ')).toContain('The compact journals of 6c406f1, the first compact layout');
    expect(section.replace(/\s+/g, ' ')).toContain('`kanjo reconcile` exits 2 with `journal_header_malformed`');
  });
});

// Review 236: the README listed a seller-model payment "created with `capture: true`" and
// captured with another platform amount (before f733078) among the journals reconcile refuses,
// while its own later paragraph says such a capture cannot be told from a two-step one. Written
// by `kanjo run --journal --journal-format objects` at 8e9abe3: a Konbini payment of s1 created
// with capture: true and platform_amount 100, captured with platform_amount 500 (today:
// split_fixed_at_creation).
describe('a journal of 8e9abe3 whose seller-model capture: true payment was captured with another platform amount', () => {
  const path = fileURLToPath(new URL('journals/seller-capture-true-resplit-8e9abe3.ndjson', import.meta.url));

  it('reconciles, to the balances that version reported, as the README says it must', () => {
    const { status, stdout, stderr } = kanjo(['reconcile', path, '--format', 'json']);
    expect({ status, stderr, report: JSON.parse(stdout) as unknown }).toEqual({ status: 0, stderr: '', report: { entries: 2, balances: { plt: { JPY: 469 }, s1: { JPY: 500 } } } });
  });

  it('and the README no longer lists it among the journals refused', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../packages/ledger/README.md', import.meta.url)), 'utf8');
    const section = readme.slice(readme.indexOf('**Journals of earlier versions**'), readme.indexOf('What it cannot check')).replace(/\s+/g, ' ');
    expect(section).toContain('a seller-model one made by a session of `capture: auto` captured with another platform amount (before f733078;');
    expect(section).not.toContain('created with `capture: true` or by a session');
  });
});

// Review 236: a header of a format number this version does not know said "does not start with
// a Kanjo journal header", which sends the reader looking for a damaged file.
describe('a journal header of a later format number', () => {
  it('is exit 2 naming the format, not "no journal header"', () => {
    const work = mkdtempSync(join(tmpdir(), 'kanjo-format-3-'));
    const path = join(work, 'later.ndjson');
    writeFileSync(path, '{"kanjo_journal":3,"entries":0,"config":{"merchants":[]}}\n');
    expect(kanjo(['reconcile', path, '--format', 'json'])).toEqual({
      status: 2,
      stdout: '',
      stderr: `kanjo: ${path} is a Kanjo journal of format 3, which this version (reading formats 1 and 2) does not know: reconcile it with the Kanjo that wrote it, or a later one\n`,
    });
    // Review 238: whatever else the header holds (no config, a byte that is not UTF-8).
    for (const header of ['{"kanjo_journal":3}', '{"kanjo_journal":3,"settings":{}}', '{"kanjo_journal":3,"config":{},"note":"\xff"}']) {
      // latin1: the character U+00FF is written as the byte FF, which is not UTF-8.
      writeFileSync(path, Buffer.from(`${header}\n`, 'latin1'));
      expect(kanjo(['reconcile', path, '--format', 'json']), header).toEqual({
        status: 2,
        stdout: '',
        stderr: `kanjo: ${path} is a Kanjo journal of format 3, which this version (reading formats 1 and 2) does not know: reconcile it with the Kanjo that wrote it, or a later one\n`,
      });
    }
    // Not a format number: no journal header, as before (9007199254740993 is past the safe
    // range: JSON.parse reads it as ...992).
    for (const format of ['0', '2.5', '"3"', '-1', '9007199254740993', '1e400']) {
      writeFileSync(path, `{"kanjo_journal":${format},"config":{"merchants":[]}}\n`);
      expect(kanjo(['reconcile', path, '--format', 'json']).stderr, format).toBe(`kanjo: ${path} does not start with a Kanjo journal header ({"kanjo_journal":2,"config":…} or {"kanjo_journal":1,"config":…})\n`);
    }
  });
});
