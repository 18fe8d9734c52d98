import type { AccountRow, AssessmentAttemptRow, HubAssessmentRow } from '../../db/schema/index.js';
import type { Language } from '../../i18n/index.js';
import { assessmentProgress } from './progress.js';

export const titleIn = (a: HubAssessmentRow, lang: Language) => (lang === 'cy' ? a.titleCy : a.titleEn);

export function presentAccount(a: AccountRow) {
  return {
    id: a.id,
    first_name: a.firstName,
    last_name: a.lastName,
    email: a.email,
    hub_role: a.hubRole,
  };
}

export function presentProgress(
  a: HubAssessmentRow,
  attempts: readonly AssessmentAttemptRow[],
  lang: Language,
) {
  return {
    code: a.code,
    title: titleIn(a, lang),
    for_invigilators: a.forInvigilators,
    pass_mark: a.passMark,
    ...assessmentProgress(a, attempts),
  };
}
