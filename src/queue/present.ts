import { displayName } from '../auth/authenticate.js';
import type { AccountRow, CentreRow, RequestEventRow } from '../db/schema/index.js';
import type { RequestRow } from './queries.js';
import { isOpen } from './state.js';

function timeLeftSeconds(r: Pick<RequestRow, 'dueAt'>, now: Date): number {
  return Math.round((r.dueAt.getTime() - now.getTime()) / 1000);
}

export function clockOf(r: RequestRow, now: Date) {
  return {
    first_message_at: r.firstMessageAt.toISOString(),
    due_at: r.dueAt.toISOString(),
    time_left_seconds: timeLeftSeconds(r, now),
    overdue: isOpen(r) && r.dueAt.getTime() <= now.getTime(),
  };
}

export const person = (a: Pick<AccountRow, 'id' | 'firstName' | 'lastName' | 'email'> | undefined) =>
  a ? { id: a.id, name: displayName(a) } : null;

export interface SummaryRow {
  request: RequestRow;
  centreNumber: string | null;
  centreName: string | null;
  assigneeFirst: string | null;
  assigneeLast: string | null;
  assigneeEmail: string | null;
}

export function presentSummary(row: SummaryRow, now: Date) {
  const r = row.request;
  return {
    reference: r.reference,
    type: r.type,
    status: r.status,
    language: r.language,
    centre_number: row.centreNumber,
    centre_name: row.centreName,
    ...clockOf(r, now),
    assignee:
      r.assigneeId !== null && row.assigneeEmail !== null
        ? person({
            id: r.assigneeId,
            firstName: row.assigneeFirst ?? '',
            lastName: row.assigneeLast ?? '',
            email: row.assigneeEmail,
          })
        : null,
    missing: r.missing,
    flagged: r.flagged,
  };
}

export function presentCentreForCheck(c: CentreRow | undefined) {
  if (!c) return null;
  return {
    number: c.number,
    name: c.name,
    language: c.language,
    registered_telephone: c.telephone,
    head_name: c.headName,
    eo_name: c.eoName,
    eo_email: c.eoEmail,
  };
}

export function presentEvent(e: RequestEventRow) {
  return { at: e.at.toISOString(), type: e.type, actor: e.actorLabel, detail: e.detail ?? null };
}
