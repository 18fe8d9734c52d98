import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { outbox } from '../../src/db/schema/index.js';
import { deliverDue } from '../../src/mail/delivery.js';
import { createFileMailer, emlFileName } from '../../src/mail/file-mailer.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { buildNodeContext } from '../../src/node-context.js';
import { createHarness } from '../support/harness.js';
import { CY_SUBJECT, EN_SUBJECT, queue, rowOf } from './helpers.js';

const templates = templateFiles();
let dataDir: string;
let ctx: AppContext;
let close: () => unknown;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cymorth-data-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_PATH: join(dataDir, 'cymorth.sqlite'),
    DEMO_SEED: 'false',
  });
  ({ ctx, close } = await buildNodeContext(config, pino({ level: 'silent' })));
});
afterEach(async () => {
  await close();
  rmSync(dataDir, { recursive: true, force: true });
});

const outboxDir = () => join(dataDir, 'outbox');
const parseFile = (name: string) => simpleParser(readFileSync(join(outboxDir(), name)));

describe('without SMTP_URL, mail is written as .eml files under DATA_DIR/outbox', () => {
  it('writes one parseable file per message, named by its Message-ID', async () => {
    expect(ctx.mailer.kind).toBe('file');
    const welsh = await queue(ctx, { language: 'cy' });
    const both = await queue(ctx, {
      language: 'bilingual',
      headers: { 'Auto-Submitted': 'auto-replied', 'In-Reply-To': '<cais@ysgolgwyr.cymru>' },
    });
    expect((await deliverDue(ctx, { templates })).map((o) => o.result)).toEqual(['sent', 'sent']);

    expect(readdirSync(outboxDir()).sort()).toEqual(
      [emlFileName(welsh.messageId), emlFileName(both.messageId)].sort(),
    );
    const cy = await parseFile(emlFileName(welsh.messageId));
    expect(cy.messageId).toBe(welsh.messageId);
    expect(cy.subject).toBe(CY_SUBJECT);
    expect(cy.text).toContain('Annwyl Siân Prydderch,');
    expect(cy.html).toContain('Tîm Cymorth y Canolfannau');
    expect(cy.from?.value).toEqual([{ name: 'Cymorth', address: 'centres@cymorth.localhost' }]);

    const bi = await parseFile(emlFileName(both.messageId));
    expect(bi.subject).toBe(`${CY_SUBJECT} / ${EN_SUBJECT}`);
    expect(bi.text?.indexOf('Annwyl')).toBeLessThan(bi.text?.indexOf('Dear') ?? -1);
    expect(bi.text).toContain('Dear Siân Prydderch,');
    expect(bi.headers.get('auto-submitted')).toBe('auto-replied');
    expect(bi.inReplyTo).toBe('<cais@ysgolgwyr.cymru>');
    // The Date header is when the message was queued (to the second), so every retry writes the same one.
    expect(bi.date?.getTime()).toBe(Math.floor(both.createdAt.getTime() / 1000) * 1000);
  });

  it('replaces the file, rather than adding one, when the same message is written again', async () => {
    const row = await queue(ctx, { language: 'en' });
    await deliverDue(ctx, { templates });
    // As after a crash between writing the file and recording it: the row is due again.
    await ctx.db.update(outbox).set({ status: 'pending' }).where(eq(outbox.id, row.id));
    expect(await deliverDue(ctx, { templates })).toMatchObject([{ id: row.id, result: 'sent' }]);

    expect(readdirSync(outboxDir())).toEqual([emlFileName(row.messageId)]);
    const mail = await parseFile(emlFileName(row.messageId));
    expect(mail.subject).toBe(EN_SUBJECT);
    expect(mail.to).toMatchObject({ text: 'sian.prydderch@stteilos.example' });
  });

  it('keeps a message it could not write, and writes it on a later attempt', async () => {
    const blocked = join(dataDir, 'blocked');
    writeFileSync(blocked, 'a file where the folder should be');
    const h = await createHarness({}, { mailer: createFileMailer(join(blocked, 'outbox')) });
    try {
      const row = await queue(h.ctx);
      const [first] = await deliverDue(h.ctx, { templates });
      expect(first).toMatchObject({ result: 'retry', attempt: 1 });
      expect(first?.error).toMatch(/EEXIST|ENOTDIR/);

      rmSync(blocked);
      h.clock.advance(60_000);
      expect(await deliverDue(h.ctx, { templates })).toMatchObject([{ result: 'sent', attempt: 2 }]);
      expect(readdirSync(join(blocked, 'outbox'))).toEqual([emlFileName(row.messageId)]);
      expect((await rowOf(h.ctx, row.id)).status).toBe('sent');
    } finally {
      await h.close();
    }
  });
});
