import type { SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';

export interface Actor {
  id: number | null;
  label: string;
}

export const systemActor = (label: string): Actor => ({ id: null, label });

export interface AuditEntry {
  entity: string;
  /** A subquery may stand in for the id: one that finds nothing fails the batch (a guard). */
  entityId: string | number | SQL<string>;
  centreId?: number | SQL<number> | null;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Builds the audit row for a change; callers put it in the same atomic write as the change itself. */
export function auditInsert(db: Db, actor: Actor, at: Date, entry: AuditEntry) {
  return db.insert(auditLog).values({
    at,
    actorId: actor.id,
    actorLabel: actor.label,
    entity: entry.entity,
    entityId: typeof entry.entityId === 'object' ? entry.entityId : String(entry.entityId),
    centreId: entry.centreId ?? null,
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** Only the fields whose value changed, as before/after pairs. */
export function diff<T extends Record<string, unknown>>(before: T, patch: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || before[k] === v) continue;
    b[k] = before[k] ?? null;
    a[k] = v;
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
