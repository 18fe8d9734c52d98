import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createApp } from '../../src/app.js';
import { systemActor } from '../../src/audit/record.js';
import { createPrincipalCache } from '../../src/auth/principal-cache.js';
import { secretBox } from '../../src/auth/secret-box.js';
import { type CreateTokenInput, createToken } from '../../src/auth/token-service.js';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { seedDemo } from '../../src/db/demo.js';
import { openNodeDatabase } from '../../src/db/node.js';
import { memoryBlobStore } from '../../src/files/blob-store.js';
import { createFileMailer } from '../../src/mail/file-mailer.js';
import type { Mailer } from '../../src/mail/mailer.js';
import { cachedResolver } from '../../src/mail-auth/resolver.js';
import { createMailVerifier } from '../../src/mail-auth/verifier.js';
import { tesseractFromConfig } from '../../src/ocr/tesseract.js';
import { nodeFontSource } from '../../src/reports/node-fonts.js';
import { nativeHasher } from '../../src/web/auth/node-passwords.js';
import { testDns } from './dns.js';

export const T0 = '2026-11-23T09:00:00.000Z';

export type DemoTokens = {
  support: string;
  helpline: string;
  admin: string;
  eoCy: string;
  eoEn: string;
  user: string;
};

/**
 * A fresh in-memory database with every migration and the demo data, a fixed clock and the real
 * app: tests drive it through `app.request`, exactly as a client would over HTTP.
 */
/** The key the harness seals authenticator secrets with, for tests that open them as an operator could. */
export const TEST_SECRET_KEY = new Uint8Array(32).fill(7);

export async function createHarness(
  env: Record<string, string> = {},
  opts: { logger?: Logger; mailer?: Mailer } = {},
) {
  const config = loadConfig({ DEMO_SEED: 'false', PUBLIC_URL: 'https://cymorth.test', ...env });
  // The principal cache is on, as in production: every test that ends a token proves it is forgotten.
  const principals = createPrincipalCache({ ttlMs: config.AUTH_CACHE_MS });
  const database = await openNodeDatabase(':memory:', { onWrite: principals.clear });
  const clock = fixedClock(T0);
  const logger = opts.logger ?? pino({ level: 'silent' });
  // Delivered mail lands as .eml files in a temp folder (made only when something is sent).
  const outboxDir = join(tmpdir(), `cymorth-outbox-${randomUUID()}`);
  const mailer = opts.mailer ?? createFileMailer(outboxDir);
  const dns = testDns();
  const ctx: AppContext = {
    db: database.db,
    clock,
    config,
    logger,
    blobs: memoryBlobStore(),
    mailer,
    principals,
    dataVersion: database.version,
    ocr: tesseractFromConfig(config),
    // Signatures are verified against the test's own DNS records (`dns.records`), never the network.
    mailVerifier: createMailVerifier({
      resolver: cachedResolver(dns.lookup, { timeoutMs: 1000, cacheMs: 0 }),
      authservId: config.MAIL_AUTHSERV_ID,
    }),
    passwords: nativeHasher,
    // Sealing is on, as in production, with a key of the test's own (TEST_SECRET_KEY).
    secrets: secretBox(TEST_SECRET_KEY),
    fonts: nodeFontSource,
  };
  const seeded = await seedDemo(ctx);
  const byWhat = (prefix: string) => seeded.find((t) => t.what.startsWith(prefix))?.token ?? '';
  const tokens: DemoTokens = {
    support: byWhat('centre support'),
    helpline: byWhat('helpline'),
    admin: byWhat('staff admin'),
    eoCy: byWhat('EO of Ysgol'),
    eoEn: byWhat("EO of St Teilo's"),
    user: byWhat('teacher'),
  };
  const app = createApp(ctx);

  async function call(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
  ) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON an answer carries
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  }

  /** A token for any other account, e.g. a centre `admin` or a staff `moderator`, made as the CLI makes it. */
  async function makeToken(input: CreateTokenInput): Promise<string> {
    return (await createToken(ctx, systemActor('test'), input)).token;
  }

  async function close() {
    mailer.close();
    await database.close();
    rmSync(outboxDir, { recursive: true, force: true });
  }

  return { ctx, app, clock, tokens, call, makeToken, outboxDir, dns, close };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
