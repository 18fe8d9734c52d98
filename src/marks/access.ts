import { hasGrant } from '../access/grants.js';
import { isCentreAdminOf, isStaff, type Principal } from '../auth/principal.js';
import { requireCentre } from '../centres/service.js';
import type { AppContext } from '../context.js';
import type { CentreRow } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { findSheet, type SheetRow, type SheetWithUnit, visibleRow } from './queries.js';

/**
 * What a caller may do with a centre's marks (issue 12, item 8): `write` for the centre's EO/Admin,
 * its accounts holding `iamis`, and staff support/admin; `read` for helpline; `moderate` for the
 * moderator of that marksheet, who sees its sample and files and nothing else.
 */
type MarksAccess = 'write' | 'read' | 'moderate';

export interface Sheet extends SheetWithUnit {
  centre: CentreRow;
  access: MarksAccess;
  /** A centre account sees moderation only from results day; staff at once. */
  viewer: 'centre' | 'staff';
}

async function centreAccess(ctx: AppContext, p: Principal, centre: CentreRow): Promise<MarksAccess | null> {
  if (isStaff(p, 'support', 'admin')) return 'write';
  if (isStaff(p, 'helpline')) return 'read';
  if (p.kind !== 'centre' || p.centreId !== centre.id) return null;
  if (isCentreAdminOf(p, centre.id) || (await hasGrant(ctx, p, 'iamis'))) return 'write';
  return null;
}

/** A centre's marks as a whole (its units list): moderators have no business here. */
export async function requireCentreMarks(ctx: AppContext, p: Principal, number: string) {
  const centre = await requireCentre(ctx, p, number);
  const access = await centreAccess(ctx, p, centre);
  if (!access) throw new DomainError('forbidden');
  return { centre, access };
}

/** One unit's marksheet at a centre, checked for the caller; a unit the centre has no entries for is 404. */
export async function requireSheet(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
): Promise<Sheet> {
  const centre = await requireCentre(ctx, p, number);
  const byCentre = await centreAccess(ctx, p, centre);
  if (!byCentre && !isStaff(p, 'moderator')) throw new DomainError('forbidden');
  const found = await findSheet(ctx.db, unitId, centre.id);
  if (!found) throw new DomainError('unit_not_found', { unit: unitId, number });
  const viewer = p.kind === 'centre' ? 'centre' : 'staff';
  if (byCentre) return { ...found, centre, access: byCentre, viewer };
  if (found.sheet.moderatorId !== p.accountId) throw new DomainError('forbidden');
  return { ...found, centre, access: 'moderate', viewer };
}

export function assertAccess(sheet: Sheet, ...allowed: MarksAccess[]): void {
  if (!allowed.includes(sheet.access)) throw new DomainError('forbidden');
}

/** A candidate's row of a marksheet, or 404 `candidate_not_found`. */
export async function requireRow(ctx: AppContext, sheet: Sheet, candidate: string): Promise<SheetRow> {
  const row = await visibleRow(ctx.db, sheet.sheet.id, candidate);
  if (!row) throw new DomainError('candidate_not_found', { candidate });
  return row;
}
