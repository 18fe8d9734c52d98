import { DomainError } from '../errors.js';
import { belongsTo, isCentreAdminOf, isStaff, type Principal } from './principal.js';

/** Staff who look things up (support, helpline, admin) may read any centre; centre accounts their own. */
export function assertCanReadCentre(p: Principal, centreId: number): void {
  if (isStaff(p, 'support', 'helpline', 'admin') || belongsTo(p, centreId)) return;
  throw new DomainError('forbidden');
}

/** SPEC 2.1: only the centre's EO or Admin accounts, or staff, may edit a centre. */
export function canEditCentre(p: Principal, centreId: number): boolean {
  return isStaff(p, 'support', 'admin') || isCentreAdminOf(p, centreId);
}

export function assertStaff(p: Principal, ...roles: Parameters<typeof isStaff>[1][]): void {
  if (!isStaff(p, ...roles)) throw new DomainError('forbidden');
}

export function actorOf(p: Principal) {
  return { id: p.accountId, label: p.label };
}
