import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MailLanguage } from '../../src/mail/outbox.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { renderMail } from '../../src/mail/templates.js';
import { type SmtpFixture, startSmtp } from '../mail/smtp-fixture.js';
import { bootWorkerd } from './workerd.js';

let smtp: SmtpFixture;
let worker: Awaited<ReturnType<typeof bootWorkerd>>;
let support: string;

beforeAll(async () => {
  smtp = await startSmtp();
  worker = await bootWorkerd({ SMTP_URL: smtp.url, MAIL_FROM: 'Cymorth <centres@cymorth.test>' });
  support = worker.tokens.find((t) => t.what.startsWith('centre support'))?.token ?? '';
});
afterAll(async () => {
  await worker?.dispose();
  await smtp?.close();
});
beforeEach(() => smtp.accept());

interface OutboxRow {
  id: number;
  message_id: string;
  template: string;
  language: MailLanguage;
  params: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

/** Changes a centre's EO address through the API, which queues a reset mail to the new address. */
async function changeEo(centre: string, email: string): Promise<OutboxRow> {
  const res = await worker.fetch(`/api/v1/centres/${centre}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${support}`, 'content-type': 'application/json' },
    body: JSON.stringify({ eo_email: email }),
  });
  expect(res.status).toBe(200);
  return rowTo(email);
}

async function rowTo(email: string): Promise<OutboxRow> {
  const row = await worker.db
    .prepare('select * from outbox where to_address = ?')
    .bind(email)
    .first<OutboxRow>();
  if (!row) throw new Error(`nothing queued for ${email}`);
  return row;
}

const receivedBy = (email: string) => smtp.received.filter((r) => r.rcptTo.includes(email));

describe('mail delivery on Workers (Cron Trigger, SMTP over Cloudflare TCP sockets)', () => {
  it('is scheduled by wrangler.toml', () => {
    expect(worker.crons).toEqual(['* * * * *']);
  });

  it("sends the reset mail an EO change queues, in the centre's language, once", async () => {
    const to = 'swyddog.newydd@preseli-demo.cymru';
    const queued = await changeEo('67002', to);
    expect(queued).toMatchObject({ template: 'eo_reset', language: 'cy', status: 'pending' });

    await worker.scheduled();
    await worker.scheduled();

    const received = receivedBy(to);
    expect(received).toHaveLength(1);
    const expected = renderMail(templateFiles(), queued.template, queued.language, JSON.parse(queued.params));
    const mail = received[0]?.mail;
    expect(mail?.subject).toBe(expected.subject);
    expect(mail?.text?.trim()).toBe(expected.text.trim());
    expect(mail?.html).toContain(expected.html.trim().slice(0, 40));
    expect(mail?.messageId).toBe(queued.message_id);
    expect(mail?.from?.value[0]).toMatchObject({ name: 'Cymorth', address: 'centres@cymorth.test' });
    expect(received[0]?.mailFrom).toBe('centres@cymorth.test');
    expect(await rowTo(to)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('keeps a message the relay refuses for now, and sends it once when the relay takes mail again', async () => {
    const to = 'eo.newydd@teilo-demo.org.uk';
    smtp.refuse(451, 'Greylisted, try again later');
    const queued = await changeEo('68201', to);

    await worker.scheduled();
    const waiting = await rowTo(to);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.last_error).toContain('451');
    expect(receivedBy(to)).toHaveLength(0);

    smtp.accept();
    // The backoff's minute passes.
    await worker.db
      .prepare('update outbox set next_attempt_at = created_at where id = ?')
      .bind(queued.id)
      .run();
    await worker.scheduled();
    await worker.scheduled();
    expect(receivedBy(to)).toHaveLength(1);
    expect(await rowTo(to)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up at once on a message the relay refuses for good', async () => {
    const to = 'neb@example.invalid';
    smtp.refuse(550, 'No such user here');
    await changeEo('68345', to);

    await worker.scheduled();
    const failed = await rowTo(to);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toContain('550');
    expect(receivedBy(to)).toHaveLength(0);
  });
});
