import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { requestFields } from '../db/schema/index.js';

/**
 * A request field is never overwritten: its current value is marked superseded and the new one
 * inserted beside it, so staff see every value and where each came from (mail, PDF, a correction).
 */
export function supersedeField(db: Db, requestId: number, name: string, at: Date) {
  return db
    .update(requestFields)
    .set({ supersededAt: at })
    .where(
      and(
        eq(requestFields.requestId, requestId),
        eq(requestFields.name, name),
        isNull(requestFields.supersededAt),
      ),
    );
}
