import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs, deliverDue } from '../../src/mail/delivery.js';
import { createSmtpMailer } from '../../src/mail/smtp-mailer.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { createHarness, type Harness } from '../support/harness.js';
import { queue, rowOf } from './helpers.js';
import { closedPort, SMTP_PASS, SMTP_USER, type SmtpFixture, startSmtp } from './smtp-fixture.js';

const templates = templateFiles();
const MINUTE = 60_000;
let h: Harness | undefined;
let smtp: SmtpFixture | undefined;

afterEach(async () => {
  await h?.close();
  await smtp?.close();
  h = undefined;
  smtp = undefined;
});

async function harnessFor(port: number, maxAttempts = 8) {
  const url = `smtp://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${port}`;
  return createHarness({ OUTBOX_MAX_ATTEMPTS: String(maxAttempts) }, { mailer: createSmtpMailer(url) });
}

describe('when SMTP is down or refusing', () => {
  it('waits 1, 2, 4 … minutes (at most an hour) after each failed attempt', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffMs(n) / MINUTE)).toEqual([
      1, 2, 4, 8, 16, 32, 60, 60, 60,
    ]);
  });

  it('keeps the message, retries on schedule, and sends it exactly once when the server is back', async () => {
    const port = await closedPort();
    h = await harnessFor(port);
    const row = await queue(h.ctx);
    const t0 = h.clock.now().getTime();

    // Attempt 1: nothing listens on the port.
    const [first] = await deliverDue(h.ctx, { templates });
    expect(first).toMatchObject({ result: 'retry', attempt: 1 });
    expect(first?.error).toMatch(/ECONNREFUSED/);
    expect(await rowOf(h.ctx, row.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: new Date(t0 + MINUTE),
      leaseUntil: null,
    });

    // Not due until its time comes.
    h.clock.advance(MINUTE - 1);
    expect(await deliverDue(h.ctx, { templates })).toEqual([]);
    expect((await rowOf(h.ctx, row.id)).attempts).toBe(1);

    // Attempt 2: still down; the next wait doubles.
    h.clock.advance(1);
    expect(await deliverDue(h.ctx, { templates })).toMatchObject([{ result: 'retry', attempt: 2 }]);
    expect(await rowOf(h.ctx, row.id)).toMatchObject({
      attempts: 2,
      nextAttemptAt: new Date(t0 + MINUTE + 2 * MINUTE),
    });

    // Attempt 3: the server is up but greylisting (451 at RCPT TO).
    smtp = await startSmtp(port);
    smtp.refuse(451, '4.7.1 Greylisted, try again later');
    h.clock.advance(2 * MINUTE);
    const [third] = await deliverDue(h.ctx, { templates });
    expect(third).toMatchObject({ result: 'retry', attempt: 3 });
    expect(third?.error).toContain('451');
    expect(await rowOf(h.ctx, row.id)).toMatchObject({
      status: 'pending',
      attempts: 3,
      nextAttemptAt: new Date(t0 + 3 * MINUTE + 4 * MINUTE),
    });
    expect((await rowOf(h.ctx, row.id)).lastError).toContain('Greylisted');

    // Attempt 4: accepted.
    smtp.accept();
    h.clock.advance(4 * MINUTE);
    expect(await deliverDue(h.ctx, { templates })).toMatchObject([{ result: 'sent', attempt: 4 }]);
    expect(await rowOf(h.ctx, row.id)).toMatchObject({ status: 'sent', attempts: 4, lastError: null });

    h.clock.advance(60 * MINUTE);
    expect(await deliverDue(h.ctx, { templates })).toEqual([]);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.mail.messageId).toBe(row.messageId);
  });

  it('gives up after OUTBOX_MAX_ATTEMPTS transient failures and keeps the last error', async () => {
    smtp = await startSmtp();
    smtp.refuse(451, '4.3.0 Mail server temporarily rejected message', 'data');
    h = await harnessFor(smtp.port, 3);
    const row = await queue(h.ctx);

    const results: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [outcome] = await deliverDue(h.ctx, { templates });
      results.push(outcome?.result ?? 'none');
      h.clock.advance(backoffMs(i + 1));
    }
    expect(results).toEqual(['retry', 'retry', 'failed']);
    const after = await rowOf(h.ctx, row.id);
    expect(after).toMatchObject({ status: 'failed', attempts: 3, leaseUntil: null });
    expect(after.lastError).toContain('temporarily rejected');

    h.clock.advance(24 * 60 * MINUTE);
    expect(await deliverDue(h.ctx, { templates })).toEqual([]);
    expect(smtp.received).toHaveLength(0);
  });

  it('fails at once when the server refuses the recipient for good (550)', async () => {
    smtp = await startSmtp();
    smtp.refuse(550, '5.1.1 No such user here');
    h = await harnessFor(smtp.port);
    const row = await queue(h.ctx, { to: 'nobody@stteilos.example' });

    expect(await deliverDue(h.ctx, { templates })).toMatchObject([{ result: 'failed', attempt: 1 }]);
    const after = await rowOf(h.ctx, row.id);
    expect(after).toMatchObject({ status: 'failed', attempts: 1 });
    expect(after.lastError).toContain('No such user');
  });

  it('keeps retrying when the relay refuses our credentials, a fault on our side', async () => {
    smtp = await startSmtp();
    const url = `smtp://${SMTP_USER}:wrong-password@127.0.0.1:${smtp.port}`;
    h = await createHarness({}, { mailer: createSmtpMailer(url) });
    const row = await queue(h.ctx);
    expect(await deliverDue(h.ctx, { templates })).toMatchObject([{ result: 'retry' }]);
    expect((await rowOf(h.ctx, row.id)).lastError).toContain('535');
  });
});
