import { readFileSync } from 'node:fs';
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
    expect(stderr).toMatch(/^kanjo: reconciliation failed: journal_entry_inapplicable: entry 1 cannot be applied: session ses\\u00091 is one the engine refuses to create: id_invalid: /);
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
      stderr: `kanjo: ${compact}: journal_header_malformed: the compact journal header needs accounts, recordTypes, strings and shapes lists\n`,
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
