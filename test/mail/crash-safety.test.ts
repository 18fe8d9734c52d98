import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { type NodeDatabase, openNodeDatabase } from '../../src/db/node.js';
import { outbox } from '../../src/db/schema/index.js';
import { deliverDue, LEASE_MS, startDelivery } from '../../src/mail/delivery.js';
import { createSmtpMailer } from '../../src/mail/smtp-mailer.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { createHarness, type Harness } from '../support/harness.js';
import { queue, rowOf } from './helpers.js';
import { type SmtpFixture, startSmtp } from './smtp-fixture.js';

const templates = templateFiles();
let smtp: SmtpFixture;
let h: Harness;

beforeEach(async () => {
  smtp = await startSmtp();
  h = await createHarness({}, { mailer: createSmtpMailer(smtp.url) });
});
afterEach(async () => {
  await h.close();
  await smtp.close();
});

const sentIds = () => smtp.received.map((r) => r.mail.messageId).sort();

describe('a message is sent once, whoever is delivering', () => {
  it('leaves a message claimed by a killed process alone until its lease ends, then sends it', async () => {
    const row = await queue(h.ctx);
    // What a process leaves behind if it is killed after claiming the row.
    const leaseUntil = new Date(h.clock.now().getTime() + LEASE_MS);
    await h.ctx.db
      .update(outbox)
      .set({ status: 'sending', attempts: 1, leaseUntil })
      .where(eq(outbox.id, row.id));

    expect(await deliverDue(h.ctx, { templates })).toEqual([]);
    h.clock.set(leaseUntil);
    expect(await deliverDue(h.ctx, { templates })).toEqual([]);
    expect(smtp.received).toHaveLength(0);

    h.clock.advance(1);
    expect(await deliverDue(h.ctx, { templates })).toMatchObject([
      { id: row.id, result: 'sent', attempt: 2 },
    ]);
    expect(await rowOf(h.ctx, row.id)).toMatchObject({ status: 'sent', leaseUntil: null });
    expect(sentIds()).toEqual([row.messageId]);
  });

  it('fails a message whose sender died mid-send on every one of its attempts', async () => {
    const row = await queue(h.ctx);
    const leaseUntil = new Date(h.clock.now().getTime() + LEASE_MS);
    const max = h.ctx.config.OUTBOX_MAX_ATTEMPTS;
    await h.ctx.db
      .update(outbox)
      .set({ status: 'sending', attempts: max, leaseUntil })
      .where(eq(outbox.id, row.id));

    h.clock.set(new Date(leaseUntil.getTime() + 1));
    expect(await deliverDue(h.ctx, { templates })).toMatchObject([
      { id: row.id, result: 'failed', attempt: max },
    ]);
    expect(await rowOf(h.ctx, row.id)).toMatchObject({ status: 'failed', leaseUntil: null });
    expect(smtp.received).toHaveLength(0);
  });

  it('sends each message once when two passes run at the same time on one connection', async () => {
    const rows = await Promise.all([1, 2, 3, 4, 5].map((n) => queue(h.ctx, { to: `eo${n}@example.org` })));
    const [a, b] = await Promise.all([deliverDue(h.ctx, { templates }), deliverDue(h.ctx, { templates })]);
    const ids = [...(a ?? []), ...(b ?? [])].map((o) => o.id).sort((x, y) => x - y);
    expect(ids).toEqual(rows.map((r) => r.id));
    expect(sentIds()).toEqual(rows.map((r) => r.messageId).sort());
  });

  describe('two workers, each with its own connection to one database file', () => {
    let dir: string;
    let first: NodeDatabase;
    let second: NodeDatabase;
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'cymorth-outbox-'));
      first = await openNodeDatabase(join(dir, 'cymorth.sqlite'));
      second = await openNodeDatabase(join(dir, 'cymorth.sqlite'));
    });
    afterEach(async () => {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('sends each message once', async () => {
      const workerA: AppContext = { ...h.ctx, db: first.db };
      const workerB: AppContext = { ...h.ctx, db: second.db, mailer: createSmtpMailer(smtp.url) };
      const rows = [];
      for (let n = 1; n <= 8; n++) rows.push(await queue(workerA, { to: `eo${n}@example.org` }));

      const [a, b] = await Promise.all([
        deliverDue(workerA, { templates }),
        deliverDue(workerB, { templates }),
      ]);
      const ids = [...a, ...b].map((o) => o.id).sort((x, y) => x - y);
      expect(ids).toEqual(rows.map((r) => r.id));
      expect(sentIds()).toEqual(rows.map((r) => r.messageId).sort());
      const statuses = await first.db.select({ status: outbox.status }).from(outbox);
      expect(statuses.every((s) => s.status === 'sent')).toBe(true);
      workerB.mailer.close();
    });
  });

  it('on stop, finishes and records the message in flight and starts no other', async () => {
    const one = await queue(h.ctx, { to: 'eo1@example.org' });
    const two = await queue(h.ctx, { to: 'eo2@example.org' });
    const held = smtp.holdNext();
    const stop = startDelivery(h.ctx, { pollMs: 60_000, templates });
    await held.arrived;

    let stopped = false;
    const stopping = stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    expect((await rowOf(h.ctx, one.id)).status).toBe('sending');

    held.release();
    await stopping;
    expect(await rowOf(h.ctx, one.id)).toMatchObject({ status: 'sent' });
    expect(await rowOf(h.ctx, two.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(sentIds()).toEqual([one.messageId]);
  });
});
