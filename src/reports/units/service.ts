import type { Principal } from '../../auth/principal.js';
import type { AppContext } from '../../context.js';
import { requireSheet } from '../../marks/access.js';
import { moderatorReport as marksModeratorReport } from '../../marks/moderation.js';
import { type CandidatesView, candidatesView } from '../candidates/view.js';
import type { ReportLanguage } from '../language.js';
import { type ModeratorView, moderatorView } from '../moderator/view.js';
import { candidatesData, moderatorData } from './data.js';
import { reportRows } from './rows.js';

export interface UnitReportInput {
  number: string;
  unit: number;
  lang: ReportLanguage;
}

/**
 * Seed 001's "Print Reports": every candidate of a unit in candidate number order, for whoever may
 * open its marksheet. A moderator's marksheet is the sample only, and so is their report.
 */
export async function candidatesReport(
  ctx: AppContext,
  p: Principal,
  input: UnitReportInput,
): Promise<CandidatesView> {
  const sheet = await requireSheet(ctx, p, input.number, input.unit);
  const rows = await reportRows(ctx.db, sheet.sheet.id);
  const shown = sheet.access === 'moderate' ? rows.filter((r) => r.sampleReason !== null) : rows;
  return candidatesView(candidatesData(sheet, shown, ctx.clock.now()), input.lang);
}

/**
 * The moderator's report, on the marks feature's terms: once the marks are submitted; for the centre
 * from results day, for staff and the unit's moderator at any time.
 */
export async function moderatorReport(
  ctx: AppContext,
  p: Principal,
  input: UnitReportInput,
): Promise<ModeratorView> {
  const report = await marksModeratorReport(ctx, p, input.number, input.unit, 'en');
  const sheet = await requireSheet(ctx, p, input.number, input.unit);
  return moderatorView(moderatorData(sheet, report, ctx.clock.now()), input.lang);
}
