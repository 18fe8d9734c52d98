import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { systemActor } from '../../src/audit/record.js';
import { createPrincipalCache } from '../../src/auth/principal-cache.js';
import { createToken, revokeTokens } from '../../src/auth/token-service.js';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { openNodeDatabase } from '../../src/db/node.js';
import { memoryBlobStore } from '../../src/files/blob-store.js';
import { queueOnlyMailer } from '../../src/mail/mailer.js';
import { createHarness, T0 } from '../support/harness.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const done of cleanups.splice(0)) await done();
});

const lookup = (
  app: { request: (p: string, i: RequestInit) => Response | Promise<Response> },
  token: string,
) => app.request('/api/v1/centres/68123', { headers: { authorization: `Bearer ${token}` } });

describe('the principal cache', () => {
  it('forgets a token the moment this process ends it', async () => {
    const h = await createHarness();
    cleanups.push(() => h.close());
    expect((await lookup(h.app, h.tokens.support)).status).toBe(200);
    await revokeTokens(h.ctx, systemActor('test'), { token: h.tokens.support });
    expect((await lookup(h.app, h.tokens.support)).status).toBe(401);
  });

  it('forgets an account changed in this process: a new EO email ends the old login at once', async () => {
    const h = await createHarness();
    cleanups.push(() => h.close());
    expect((await lookup(h.app, h.tokens.eoCy)).status).toBe(200);
    const patch = await h.call('PATCH', '/api/v1/centres/68123', {
      token: h.tokens.support,
      body: { eo_email: 'swyddog.newydd@ysgolgwyr.cymru' },
    });
    expect(patch.status).toBe(200);
    expect((await lookup(h.app, h.tokens.eoCy)).status).toBe(401);
  });

  it('sees a revocation by another process (the command line) within AUTH_CACHE_MS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cymorth-cache-'));
    const path = join(dir, 'db.sqlite');
    const config = loadConfig({ DEMO_SEED: 'false', AUTH_CACHE_MS: '1000', DATABASE_PATH: path });
    const principals = createPrincipalCache({ ttlMs: config.AUTH_CACHE_MS });
    const server = await openNodeDatabase(path, { onWrite: principals.clear });
    const clock = fixedClock(T0);
    const ctx: AppContext = {
      db: server.db,
      clock,
      config,
      logger: pino({ level: 'silent' }),
      blobs: memoryBlobStore(),
      mailer: queueOnlyMailer,
      principals,
    };
    const { token } = await createToken(ctx, systemActor('test'), {
      role: 'support',
      email: 's@example.org',
    });
    const app = createApp(ctx);
    const cli = await openNodeDatabase(path);
    cleanups.push(async () => {
      await cli.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    expect((await lookup(app, token)).status).toBe(404);
    await revokeTokens({ ...ctx, db: cli.db }, systemActor('cli'), { token });
    // The server made no write, so it still trusts what it looked up a moment ago...
    expect((await lookup(app, token)).status).toBe(404);
    clock.advance(1001);
    // ...but not for longer than AUTH_CACHE_MS.
    expect((await lookup(app, token)).status).toBe(401);
  });

  it('does not keep an answer that a write overtook', () => {
    const cache = createPrincipalCache({ ttlMs: 1000 });
    const principal = {
      kind: 'staff',
      staffRole: 'support',
      accountId: 1,
      email: 's@example.org',
      language: 'en',
      label: 's',
    } as const;
    const ticket = cache.ticket();
    cache.clear();
    cache.set('hash', principal, 0, ticket);
    expect(cache.get('hash', 1)).toBeUndefined();
    cache.set('hash', principal, 0, cache.ticket());
    expect(cache.get('hash', 999)).toEqual(principal);
    expect(cache.get('hash', 1000)).toBeUndefined();
  });
});
