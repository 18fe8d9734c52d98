import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/audit/record.js';
import { requests } from '../../src/db/schema/index.js';
import { queueMail } from '../../src/mail/outbox.js';
import { guardedEvent, writeGuarded } from '../../src/queue/guard.js';
import { createHarness, type Harness } from '../support/harness.js';
import { createRequest, requestRow } from '../support/requests.js';
import { outboxRows } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('guarded batches', () => {
  it('a guard that no longer holds rolls back every statement, mail included, and explains why', async () => {
    const req = await createRequest(h);
    const statements = [
      guardedEvent(h.ctx, {
        requestId: req.id,
        condition: sql`${requests.status} = 'in_verification'`,
        type: 'approved',
        actor: systemActor('test'),
      }),
      h.ctx.db.update(requests).set({ status: 'approved' }).where(eq(requests.id, req.id)),
      queueMail(h.ctx, { to: 'x@example.org', language: 'en', template: 'eo_change_rejected', params: {} }),
    ];
    await expect(
      writeGuarded(h.ctx, req.id, statements, async () => {
        throw new Error('explained');
      }),
    ).rejects.toThrow('explained');
    expect((await requestRow(h, req.reference))?.status).toBe('awaiting_verification');
    expect(await outboxRows(h)).toEqual([]);
  });
});
