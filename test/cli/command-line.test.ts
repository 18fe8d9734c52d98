import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { outbox } from '../../src/db/schema/index.js';
import { buildNodeContext } from '../../src/node-context.js';
import { cymorth, ROOT, scratch } from '../support/child.js';

const s = scratch();
const env = { DATABASE_PATH: s.db, DATA_DIR: s.dir };
afterAll(() => s.remove());

/** 2,000 queued messages: more than `outbox list` shows at once, and more than a pipe holds. */
beforeAll(async () => {
  const { ctx, close } = await buildNodeContext(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
  const at = new Date('2026-11-30T09:00:00Z');
  const rows = Array.from({ length: 2000 }, (_, i) => ({
    messageId: `<m${i}@cymorth.localhost>`,
    toAddress: `person${i}@ysgol.cymru`,
    language: 'cy' as const,
    template: 'invite',
    params: {},
    headers: {},
    nextAttemptAt: at,
    createdAt: at,
  }));
  for (let i = 0; i < rows.length; i += 500) await ctx.db.insert(outbox).values(rows.slice(i, i + 500));
  await close();
}, 120_000);

describe('cymorth at the command line', { timeout: 120_000 }, () => {
  it('stops quietly when the reader of its output stops early (| head)', async () => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/cymorth.mjs'), 'outbox', 'list', '--limit', '2000'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    // As `head -3` does: read the first lines, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((ok) => child.once('close', ok));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('says when outbox list shows only the newest messages', async () => {
    const res = await cymorth(['outbox', 'list'], env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.trim().split('\n')).toHaveLength(101);
    expect(res.stderr).toBe(
      'cymorth: showing the newest 100 messages; there are more: use --limit 1000 or --status to see others\n',
    );
    const all = await cymorth(['outbox', 'list', '--limit', '5000'], env);
    expect(all.stdout.trim().split('\n')).toHaveLength(2001);
    expect(all.stderr).toBe('');
  });

  it('lists each token role once, saying which are staff and which need --centre', async () => {
    const res = await cymorth(['token', 'create', '--help'], env);
    expect(res.stdout).toMatch(
      /staff: support, helpline, admin, moderator; with\s+--centre:\s+eo, admin, user/,
    );
    expect(res.stdout).not.toContain('moderator, eo, admin');
    expect(res.stdout).toMatch(/invited account[\s\S]*refused/);
  });

  it('refuses a token for an invited account that has not accepted, saying why', async () => {
    await cymorth(['seed', '--demo'], env);
    const invited = await cymorth(
      [
        'users',
        'invite',
        '--centre',
        '68123',
        '--email',
        'newydd@ysgolgwyr.cymru',
        '--first-name',
        'Nia',
        '--last-name',
        'Haf',
      ],
      env,
    );
    expect(invited.code, invited.stderr).toBe(0);
    const res = await cymorth(
      ['token', 'create', '--role', 'user', '--centre', '68123', '--email', 'newydd@ysgolgwyr.cymru'],
      env,
    );
    expect(res.code).toBe(1);
    expect(res.stdout).not.toMatch(/cym_/);
    expect(res.stderr).toMatch(
      /^cymorth: newydd@ysgolgwyr\.cymru has been invited but has not accepted the invite yet/,
    );
  });

  it('searches centres and people as the helpline API does', async () => {
    const res = await cymorth(['search', 'St', 'Teilos'], env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.split('\n')[1]).toBe("centre\t66410\tSt Teilo's High School\tname\t-\t-\t-");
    const person = await cymorth(['search', 'newydd@ysgolgwyr.cymru'], env);
    expect(person.stdout).toContain(
      'account\t68123\tYsgol Gyfun Gŵyr\tuser\tNia Haf\tnewydd@ysgolgwyr.cymru\tinvited',
    );
  });
});
