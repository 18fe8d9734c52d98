import { and, asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { accounts, auditLog, outbox } from '../../src/db/schema/index.js';
import type { Harness } from '../support/harness.js';
import { createRequest, type RequestSeed } from '../support/requests.js';

export const HOUR = 60 * 60 * 1000;

/** A second member of the support team, for the two-person rule. */
export function secondSupport(h: Harness) {
  return h.makeToken({ role: 'support', email: 'ail.swyddog@cymorth.localhost', name: 'Ail Swyddog' });
}

export function outboxRows(h: Harness) {
  return h.ctx.db.select().from(outbox).orderBy(asc(outbox.id));
}

export function auditOf(h: Harness, entity: string, entityId: string) {
  return h.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));
}

export function accountByEmail(h: Harness, email: string) {
  return h.ctx.db.select().from(accounts).where(eq(accounts.emailKey, email.toLowerCase())).get();
}

/** A request claimed by `token` with its call-back recorded as passed: ready to approve. */
export async function readyRequest(h: Harness, token: string, seed: RequestSeed = {}) {
  const req = await createRequest(h, seed);
  const path = `/api/v1/requests/${req.reference}`;
  expect((await h.call('POST', `${path}/claim`, { token })).status).toBe(200);
  const check = await h.call('POST', `${path}/checks`, {
    token,
    body: { name: 'callback_registered_telephone', passed: true, note: 'Swyddfa wedi cadarnhau' },
  });
  expect(check.status).toBe(201);
  return { ...req, path };
}
