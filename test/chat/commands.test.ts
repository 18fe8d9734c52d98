import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/chat/core/parse.js';
import { runCommand } from '../../src/chat/core/run.js';
import { staffByEmail } from '../../src/chat/identity.js';
import { renderText } from '../../src/chat/render/text.js';
import { createHarness, type Harness } from '../support/harness.js';

describe('parseCommand', () => {
  it.each([
    ['queue', { name: 'queue', filter: 'open' }],
    ['ciw fy-rhai', { name: 'queue', filter: 'mine' }],
    ['ciw hwyr', { name: 'queue', filter: 'overdue' }],
    ['queue all', { name: 'queue', filter: 'all' }],
    ['canolfan Ysgol Gŵyr', { name: 'centre', query: 'Ysgol Gŵyr' }],
    ['cais eo 2026 42', { name: 'request', reference: 'eo 2026 42' }],
    [
      'gwrthod EO-2026-00001 Nid oedd wedi’i lofnodi',
      { name: 'reject', reference: 'EO-2026-00001', reason: 'Nid oedd wedi’i lofnodi' },
    ],
    ['marciau 68123 3700U1', { name: 'marks', centre: '68123', unit: '3700U1' }],
    ['llinell-gymorth wbq', { name: 'helpline', subject: 'wbq' }],
    ['iaith cy', { name: 'lang', language: 'cy' }],
    ['<@U0BOT> help', { name: 'help' }],
    ['<at>cymorth</at> cymorth', { name: 'help' }],
  ])('%s', (text, command) => {
    expect(parseCommand(text)).toEqual({ ok: true, command });
  });

  it('suggests the nearest command for a typo, and names what is missing or wrong', () => {
    expect(parseCommand('hawlo EO-2026-00001')).toMatchObject({
      ok: false,
      error: 'unknown_command',
      suggestion: 'hawlio',
    });
    expect(parseCommand('queu')).toMatchObject({ ok: false, suggestion: 'queue' });
    expect(parseCommand('xyzzy')).toMatchObject({
      ok: false,
      error: 'unknown_command',
      suggestion: undefined,
    });
    expect(parseCommand('claim')).toMatchObject({
      ok: false,
      error: 'missing_argument',
      argument: 'reference',
    });
    expect(parseCommand('reject EO-2026-00001')).toMatchObject({ ok: false, argument: 'reason' });
    expect(parseCommand('iaith fr')).toMatchObject({
      ok: false,
      error: 'bad_argument',
      allowed: ['cy', 'en'],
    });
  });
});

describe('runCommand', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it('answers in the staff member’s language and shows a centre’s marks as the seed lists them', async () => {
    const p = await staffByEmail(h.ctx, 'cefnogi@cymorth.localhost');
    if (!p) throw new Error('demo support account missing');
    const marks = renderText(await runCommand(h.ctx, p, 'marks 68123'));
    expect(marks).toContain('Internal assessment units at centre 68123');
    expect(marks).toMatch(/ENTER MARKS \(\d+ DONE, \d+ LEFT\)|ALL MARKS SUBMITTED/);
    const welsh = renderText(await runCommand(h.ctx, { ...p, language: 'cy' }, 'marciau 99999'));
    expect(welsh).toContain('99999');
    expect(welsh).not.toMatch(/\bcentre\b/i);
    const unknown = renderText(await runCommand(h.ctx, { ...p, language: 'cy' }, 'ciww'));
    expect(unknown).toContain('Oeddech chi');
  });

  it('keeps a moderator to the units they moderate and refuses a centre account', async () => {
    const moderator = await staffByEmail(h.ctx, 'cymedrolwr@cymorth.localhost');
    if (!moderator) throw new Error('demo moderator missing');
    const queue = renderText(await runCommand(h.ctx, moderator, 'queue'));
    expect(queue).toMatch(/not allowed|do not have|forbidden/i);
    expect(await staffByEmail(h.ctx, 'arholiadau@ysgolgwyr.cymru')).toBeNull();
  });
});
