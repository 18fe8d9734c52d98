import type { AppContext } from '../context.js';
import type { EvidenceLedger, RequestEventRow } from '../db/schema/index.js';
import { person } from './present.js';
import { findAccount } from './queries.js';

interface Pending {
  approverId: number;
  createdAt: Date;
}

async function approver(ctx: AppContext, id: unknown, at: unknown) {
  if (typeof id !== 'number' || typeof at !== 'string') return null;
  const who = person(await findAccount(ctx.db, id));
  return who ? { ...who, at } : null;
}

/**
 * Who approved and when. A decided request reads it from its `approved` event (the final approver,
 * and the first approval it completed); an open one shows the first approval still standing.
 */
export async function approvalsOf(ctx: AppContext, events: RequestEventRow[], pending: Pending | undefined) {
  const approved = events.find((e) => e.type === 'approved');
  if (approved) {
    const final = await approver(ctx, approved.actorId, approved.at.toISOString());
    const first = approved.detail?.first_approval as { approver_id?: unknown; at?: unknown } | undefined;
    if (!first) return { first: final, second: null };
    return { first: await approver(ctx, first.approver_id, first.at), second: final };
  }
  return {
    first: pending ? await approver(ctx, pending.approverId, pending.createdAt.toISOString()) : null,
    second: null,
  };
}

/** The ledger as the checker reads it: each check that failed on the evidence, and what cleared it. */
export const presentEvidence = (ledger: EvidenceLedger) =>
  Object.entries(ledger).map(([check, e]) => ({
    check,
    failed_by: e.failed_by,
    failed_at: e.failed_at,
    cleared_by: e.cleared_by,
    cleared_at: e.cleared_at,
    open: e.cleared_by === null,
  }));
