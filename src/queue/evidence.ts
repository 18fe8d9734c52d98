import type { EvidenceLedger } from '../db/schema/index.js';
import { failedChecks } from './rules.js';

type Checked = Parameters<typeof failedChecks>[0];

/**
 * The ledger after one message's evidence was checked: a check failing now is opened on that message
 * (again, if earlier evidence had passed it), and an open one that passes now is cleared by it.
 */
export function recordEvidence(
  ledger: EvidenceLedger,
  checked: Checked,
  messageId: string,
  at: Date,
): EvidenceLedger {
  const failing = new Set(failedChecks(checked));
  const next: EvidenceLedger = { ...ledger };
  const when = at.toISOString();
  for (const name of failing) {
    const entry = next[name];
    if (!entry || entry.cleared_by !== null)
      next[name] = { failed_by: messageId, failed_at: when, cleared_by: null, cleared_at: null };
  }
  for (const [name, entry] of Object.entries(next))
    if (!failing.has(name) && entry.cleared_by === null)
      next[name] = { ...entry, cleared_by: messageId, cleared_at: when };
  return next;
}

/** Checks that failed on the centre's evidence and that no later evidence has passed. */
export const openEvidenceFailures = (ledger: EvidenceLedger): string[] =>
  Object.entries(ledger)
    .filter(([, e]) => e.cleared_by === null)
    .map(([name]) => name);

/**
 * Why a second member of staff must approve: a check failing on the values now held, or a check that
 * failed on the evidence and was never passed by later evidence, whatever a correction has done since.
 */
export function secondApprovalReasons(r: Checked & { evidence: EvidenceLedger }): string[] {
  return [...new Set([...failedChecks(r), ...openEvidenceFailures(r.evidence)])];
}
