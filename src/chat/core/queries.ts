import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { centres, requests } from '../../db/schema/index.js';
import { OPEN_STATUSES } from '../../queue/queries.js';

/** A centre's requests still being worked, soonest due first, for its card. */
export function openRequestsOfCentre(db: Db, number: string) {
  return db
    .select({ reference: requests.reference, status: requests.status })
    .from(requests)
    .innerJoin(centres, eq(centres.id, requests.centreId))
    .where(and(eq(centres.number, number), inArray(requests.status, [...OPEN_STATUSES])))
    .orderBy(asc(requests.dueAt));
}
