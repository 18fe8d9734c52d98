import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { accounts, assessmentAttempts, hiddenAssessments, hubAssessments } from '../../db/schema/index.js';

export function liveCentreAccounts(db: Db, centreId: number) {
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.kind, 'centre'), eq(accounts.centreId, centreId), ne(accounts.status, 'deleted')))
    .orderBy(asc(accounts.lastName), asc(accounts.firstName), asc(accounts.id));
}

export function catalogue(db: Db) {
  return db.select().from(hubAssessments).orderBy(asc(hubAssessments.position));
}

export function findAssessmentByCode(db: Db, code: string) {
  return db.select().from(hubAssessments).where(eq(hubAssessments.code, code)).get();
}

/** The centre's accounts as a subquery: a centre may have thousands, more than D1 binds in one `in (...)`. */
function accountsOf(db: Db, centreId: number) {
  return db.select({ id: accounts.id }).from(accounts).where(eq(accounts.centreId, centreId));
}

export function hiddenInCentre(db: Db, centreId: number) {
  return db
    .select()
    .from(hiddenAssessments)
    .where(inArray(hiddenAssessments.accountId, accountsOf(db, centreId)));
}

export function attemptsInCentre(db: Db, centreId: number) {
  return db
    .select()
    .from(assessmentAttempts)
    .where(inArray(assessmentAttempts.accountId, accountsOf(db, centreId)))
    .orderBy(asc(assessmentAttempts.at), asc(assessmentAttempts.id));
}

export function hiddenForAccount(db: Db, accountId: number) {
  return db.select().from(hiddenAssessments).where(eq(hiddenAssessments.accountId, accountId));
}

export function attemptsForAccount(db: Db, accountId: number, assessmentId?: number) {
  return db
    .select()
    .from(assessmentAttempts)
    .where(
      and(
        eq(assessmentAttempts.accountId, accountId),
        assessmentId === undefined ? undefined : eq(assessmentAttempts.assessmentId, assessmentId),
      ),
    )
    .orderBy(asc(assessmentAttempts.at), asc(assessmentAttempts.id));
}
