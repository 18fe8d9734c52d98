import type { AccountRow, HubAssessmentRow } from '../../db/schema/index.js';

/** What the account's Hub role offers before any hiding: an `INV` only the invigilator assessments. */
export function offeredTo(account: Pick<AccountRow, 'hubRole'>, catalogue: readonly HubAssessmentRow[]) {
  return account.hubRole === 'INV' ? catalogue.filter((a) => a.forInvigilators) : [...catalogue];
}

/** SPEC 2.2: hiding applies to invigilator accounts only, so rows left from an earlier INV role are ignored. */
export function visibleTo(
  account: Pick<AccountRow, 'hubRole'>,
  catalogue: readonly HubAssessmentRow[],
  hiddenIds: ReadonlySet<number>,
) {
  const offered = offeredTo(account, catalogue);
  return account.hubRole === 'INV' ? offered.filter((a) => !hiddenIds.has(a.id)) : offered;
}
