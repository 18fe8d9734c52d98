import { assessmentProgress, passedAt } from '../../access/hub/progress.js';
import { attemptsForAccount, findAssessmentByCode } from '../../access/hub/queries.js';
import { assertCanReadAccount, requireCentreAccount, usersAccess } from '../../access/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import { translator } from '../../i18n/index.js';
import type { ReportLanguage } from '../language.js';
import { type CertificateView, certificateView } from './view.js';

/**
 * Seed 003's certificate: for an assessment the account has passed, readable by whoever may read the
 * account's progress (staff, the centre's EO or Admin, holders of `user_accounts`, the account itself).
 */
export async function certificate(
  ctx: AppContext,
  p: Principal,
  input: { number: string; id: number; code: string; lang: ReportLanguage },
): Promise<{ view: CertificateView; filename: string }> {
  const access = await usersAccess(ctx, p, input.number);
  const account = await requireCentreAccount(ctx, access, input.id);
  assertCanReadAccount(access, account.id);
  const assessment = await findAssessmentByCode(ctx.db, input.code.toUpperCase());
  if (!assessment) throw new DomainError('assessment_not_found', { code: input.code });
  const attempts = await attemptsForAccount(ctx.db, account.id, assessment.id);
  const passed = passedAt(assessment, attempts);
  const best = assessmentProgress(assessment, attempts).best_result;
  if (!passed || !best) throw new DomainError('assessment_not_passed', { code: assessment.code });

  const view = certificateView(
    {
      person: `${account.firstName} ${account.lastName}`,
      centre: { number: access.centre.number, name: access.centre.name },
      assessment: { code: assessment.code, title: { cy: assessment.titleCy, en: assessment.titleEn } },
      passedAt: passed,
      best: { mark: best.mark, outOf: best.out_of },
      producedAt: ctx.clock.now(),
    },
    input.lang,
  );
  const stem = translator(input.lang === 'en' ? 'en' : 'cy')('reports:certificate.filename');
  return { view, filename: `${stem}-${assessment.code}-${account.id}.pdf` };
}
