import type { CentreAccountType, StaffRole } from '../db/schema/index.js';
import type { Language } from '../i18n/index.js';

/** Who is calling: the account behind a valid bearer token. */
export type Principal =
  | {
      kind: 'staff';
      accountId: number;
      email: string;
      language: Language;
      staffRole: StaffRole;
      label: string;
    }
  | {
      kind: 'centre';
      accountId: number;
      email: string;
      language: Language;
      accountType: CentreAccountType;
      centreId: number;
      centreNumber: string;
      label: string;
    };

export function isStaff(p: Principal, ...roles: StaffRole[]): boolean {
  return p.kind === 'staff' && (roles.length === 0 || roles.includes(p.staffRole));
}

/** The centre's EO or Admin: the "Centre Admin" of the seeds. */
export function isCentreAdminOf(p: Principal, centreId: number): boolean {
  return (
    p.kind === 'centre' && p.centreId === centreId && (p.accountType === 'eo' || p.accountType === 'admin')
  );
}

export function belongsTo(p: Principal, centreId: number): boolean {
  return p.kind === 'centre' && p.centreId === centreId;
}
