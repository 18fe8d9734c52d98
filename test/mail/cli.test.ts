import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { type Config, loadConfig } from '../../src/config.js';
import { deliverDue, LEASE_MS } from '../../src/mail/delivery.js';
import type { MailRequest } from '../../src/mail/outbox.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { buildNodeContext } from '../../src/node-context.js';
import { EN_SUBJECT, queue, rowOf } from './helpers.js';
import { closedPort, SMTP_PASS, SMTP_USER, type SmtpFixture, startSmtp } from './smtp-fixture.js';

const BIN = join(import.meta.dirname, '../../bin/cymorth.mjs');
let dataDir: string;
let smtp: SmtpFixture | undefined;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cymorth-cli-'));
});
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

function envFor(extra: Record<string, string> = {}) {
  const { SMTP_URL: _ignored, ...env } = process.env;
  return {
    ...env,
    DATABASE_PATH: join(dataDir, 'cymorth.sqlite'),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

function start(args: string[], extra: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env: envFor(extra), stdio: ['ignore', 'pipe', 'pipe'] });
}

async function cymorth(args: string[], extra: Record<string, string> = {}) {
  const child = start(args, extra);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const [code] = await once(child, 'close');
  return { code: code as number, stdout, stderr };
}

/** Opens the same database file the CLI will use, runs `fn`, and closes it again. */
async function withDb<T>(
  fn: (ctx: Awaited<ReturnType<typeof buildNodeContext>>['ctx']) => Promise<T>,
  extra: Record<string, string> = {},
) {
  const config: Config = loadConfig(envFor(extra));
  const { ctx, close } = await buildNodeContext(config, pino({ level: 'silent' }));
  try {
    return await fn(ctx);
  } finally {
    await close();
  }
}

const queued = (mail: Partial<MailRequest> = {}) => withDb((ctx) => queue(ctx, mail));
const smtpUrl = (port: number) => `smtp://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${port}`;

// Each command is a fresh Node process that compiles the CLI with tsx: seconds apiece on a busy machine.
describe('cymorth outbox', { timeout: 240_000 }, () => {
  it('deliver sends what is due over SMTP_URL and says so; list shows it sent', async () => {
    smtp = await startSmtp();
    const row = await queued({ language: 'en' });

    const delivered = await cymorth(['outbox', 'deliver'], { SMTP_URL: smtp.url });
    expect(delivered).toMatchObject({ code: 0, stderr: '' });
    expect(delivered.stdout).toBe(`sent\t${row.id}\t${row.messageId}\t${row.toAddress}\t${EN_SUBJECT}\n`);
    expect(smtp.received.map((r) => r.mail.messageId)).toEqual([row.messageId]);

    const again = await cymorth(['outbox', 'deliver'], { SMTP_URL: smtp.url });
    expect(again.stdout).toBe('nothing due\n');
    expect(smtp.received).toHaveLength(1);

    const list = await cymorth(['outbox', 'list']);
    const lines = list.stdout.split('\n');
    expect(lines[0]).toBe('id\tstatus\tattempts\twhen\tto\ttemplate\tlast_error');
    expect(lines[1]).toMatch(new RegExp(`^${row.id}\tsent\t1\t\\S+\t${row.toAddress}\teo_reset/en\t$`));
    expect((await cymorth(['outbox', 'list', '--status', 'pending'])).stdout.trim().split('\n')).toHaveLength(
      1,
    );
  });

  it('a message that failed for good is listed with its error, and retry queues it again', async () => {
    const port = await closedPort();
    const row = await queued();
    const failed = await cymorth(['outbox', 'deliver'], {
      SMTP_URL: smtpUrl(port),
      OUTBOX_MAX_ATTEMPTS: '1',
    });
    expect(failed.code).toBe(0);
    expect(failed.stdout).toMatch(new RegExp(`^failed\t${row.id}\t.*ECONNREFUSED`));

    const list = await cymorth(['outbox', 'list', '--status', 'failed']);
    expect(list.stdout).toMatch(
      new RegExp(`\n${row.id}\tfailed\t1\t-\t${row.toAddress}\teo_reset/en\t.*ECONNREFUSED`),
    );

    const retried = await cymorth(['outbox', 'retry', String(row.id)]);
    expect(retried).toMatchObject({
      code: 0,
      stdout: `message ${row.id} to ${row.toAddress} is pending again\n`,
    });

    smtp = await startSmtp(port);
    const sent = await cymorth(['outbox', 'deliver'], { SMTP_URL: smtp.url });
    expect(sent.stdout).toMatch(new RegExp(`^sent\t${row.id}\t`));
    expect(smtp.received).toHaveLength(1);

    const refused = await cymorth(['outbox', 'retry', String(row.id)]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`outbox message ${row.id} is sent, not failed`);
  });

  it('a delivery killed mid-send leaves the message to go out once, after its lease', async () => {
    smtp = await startSmtp();
    const row = await queued();
    const held = smtp.holdNext();
    const child = start(['outbox', 'deliver'], { SMTP_URL: smtp.url });
    await held.arrived;
    child.kill('SIGKILL');
    await once(child, 'close');

    const left = await withDb((ctx) => rowOf(ctx, row.id));
    expect(left).toMatchObject({ status: 'sending', attempts: 1 });
    expect((await cymorth(['outbox', 'deliver'], { SMTP_URL: smtp.url })).stdout).toBe('nothing due\n');

    const leaseUntil = left.leaseUntil ?? new Date(0);
    expect(leaseUntil.getTime() - left.createdAt.getTime()).toBeGreaterThanOrEqual(LEASE_MS);
    const outcomes = await withDb(
      (ctx) =>
        deliverDue(
          { ...ctx, clock: fixedClock(new Date(leaseUntil.getTime() + 1)) },
          { templates: templateFiles() },
        ),
      { SMTP_URL: smtp.url },
    );
    expect(outcomes).toMatchObject([{ id: row.id, result: 'sent', attempt: 2 }]);
    expect(smtp.received.map((r) => r.mail.messageId)).toEqual([row.messageId]);
  });

  it('without SMTP_URL, deliver writes the message under DATA_DIR/outbox', async () => {
    const row = await queued({ language: 'bilingual' });
    const delivered = await cymorth(['outbox', 'deliver']);
    expect(delivered.stdout).toMatch(new RegExp(`^sent\t${row.id}\t`));
    expect(readdirSync(join(dataDir, 'outbox'))).toHaveLength(1);
    expect((await cymorth(['outbox', 'list', '--status', 'lost'])).stderr).toContain('--status must be');
  });
});
