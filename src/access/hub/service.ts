import { eq } from 'drizzle-orm';
import { auditInsert } from '../../audit/record.js';
import { actorOf } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { AppContext } from '../../context.js';
import { type Statement, writeAtomically } from '../../db/atomic.js';
import {
  type AccountRow,
  assessmentAttempts,
  type HubAssessmentRow,
  hiddenAssessments,
} from '../../db/schema/index.js';
import { DomainError, type ErrorDetail } from '../../errors.js';
import type { Language } from '../../i18n/index.js';
import {
  assertCanReadAccount,
  assertCentreAdmin,
  isSelf,
  requireCentreAccount,
  type UsersAccess,
  usersAccess,
} from '../policy.js';
import { presentAccount, presentProgress, titleIn } from './present.js';
import { passes } from './progress.js';
import { attemptsForAccount, catalogue, findAssessmentByCode, hiddenForAccount } from './queries.js';
import type { AttemptInput, HideInput } from './schema.js';
import { offeredTo, visibleTo } from './visibility.js';

/** The centre, then the caller's right to it, then the account: another centre's ids are never probed. */
async function loadAccount(ctx: AppContext, p: Principal, number: string, id: number) {
  const access = await usersAccess(ctx, p, number);
  const account = await requireCentreAccount(ctx, access, id);
  return { access, centre: access.centre, account };
}

/** A result is the learner's own: recorded by them or by staff who edit, never by a colleague. */
function assertCanRecordAttempt(a: UsersAccess, accountId: number): void {
  if (isSelf(a, accountId) || (a.principal.kind === 'staff' && a.centreAdmin)) return;
  throw new DomainError('forbidden');
}

async function hiddenView(ctx: AppContext, account: AccountRow, lang: Language) {
  const [all, hidden] = await Promise.all([catalogue(ctx.db), hiddenForAccount(ctx.db, account.id)]);
  const hiddenIds = new Set(hidden.map((h) => h.assessmentId));
  const hideable = account.hubRole === 'INV';
  return {
    account: presentAccount(account),
    hideable,
    assessments: offeredTo(account, all).map((a) => ({
      code: a.code,
      title: titleIn(a, lang),
      hidden: hideable && hiddenIds.has(a.id),
    })),
  };
}

export async function getHiddenAssessments(
  ctx: AppContext,
  p: Principal,
  number: string,
  id: number,
  lang: Language,
) {
  const { access, account } = await loadAccount(ctx, p, number, id);
  assertCanReadAccount(access, account.id);
  return hiddenView(ctx, account, lang);
}

/** Replaces the account's hidden set as a whole, as the seed's tick boxes and "Save" do. */
export async function setHiddenAssessments(
  ctx: AppContext,
  p: Principal,
  number: string,
  id: number,
  input: HideInput,
  lang: Language,
) {
  const { access, centre, account } = await loadAccount(ctx, p, number, id);
  assertCentreAdmin(access);
  if (account.hubRole !== 'INV') {
    throw new DomainError('hide_needs_invigilator', { hub_role: account.hubRole ?? '—' });
  }
  const all = await catalogue(ctx.db);
  const byCode = new Map(all.map((a) => [a.code.toUpperCase(), a]));
  const details: ErrorDetail[] = [];
  const chosen = new Map<number, HubAssessmentRow>();
  input.hidden.forEach((code, i) => {
    const a = byCode.get(code.toUpperCase());
    if (!a) details.push({ field: `hidden.${i}`, code: 'unknown_assessment', params: { code } });
    else if (!a.forInvigilators)
      details.push({ field: `hidden.${i}`, code: 'not_for_invigilators', params: { code: a.code } });
    else chosen.set(a.id, a);
  });
  if (details.length) throw new DomainError('validation_failed', {}, details);

  const before = (await hiddenForAccount(ctx.db, account.id)).map((h) => h.assessmentId);
  const codeOf = (assessmentId: number) => all.find((a) => a.id === assessmentId)?.code;
  const now = ctx.clock.now();
  const statements: Statement[] = [
    ctx.db.delete(hiddenAssessments).where(eq(hiddenAssessments.accountId, account.id)),
    auditInsert(ctx.db, actorOf(p), now, {
      entity: 'account',
      entityId: account.id,
      centreId: centre.id,
      action: 'hide_assessments',
      before: { hidden: before.map(codeOf).sort() },
      after: { hidden: [...chosen.values()].map((a) => a.code).sort() },
    }),
  ];
  if (chosen.size) {
    statements.push(
      ctx.db
        .insert(hiddenAssessments)
        .values([...chosen.keys()].map((assessmentId) => ({ accountId: account.id, assessmentId }))),
    );
  }
  await writeAtomically(ctx.db, statements);
  return hiddenView(ctx, account, lang);
}

async function visibleProgress(ctx: AppContext, account: AccountRow, lang: Language) {
  const [all, hidden, attempts] = await Promise.all([
    catalogue(ctx.db),
    hiddenForAccount(ctx.db, account.id),
    attemptsForAccount(ctx.db, account.id),
  ]);
  const visible = visibleTo(account, all, new Set(hidden.map((h) => h.assessmentId)));
  return visible.map((a) =>
    presentProgress(
      a,
      attempts.filter((t) => t.assessmentId === a.id),
      lang,
    ),
  );
}

export async function getAccountAssessments(
  ctx: AppContext,
  p: Principal,
  number: string,
  id: number,
  lang: Language,
) {
  const { access, account } = await loadAccount(ctx, p, number, id);
  assertCanReadAccount(access, account.id);
  const assessments = await visibleProgress(ctx, account, lang);
  return {
    account: presentAccount(account),
    started: assessments.some((a) => a.status !== 'not_started'),
    assessments,
  };
}

export async function recordAttempt(
  ctx: AppContext,
  p: Principal,
  number: string,
  id: number,
  code: string,
  input: AttemptInput,
  lang: Language,
) {
  const { access, centre, account } = await loadAccount(ctx, p, number, id);
  assertCanRecordAttempt(access, account.id);
  const assessment = await findAssessmentByCode(ctx.db, code.toUpperCase());
  if (!assessment) throw new DomainError('assessment_not_found', { code });
  const hidden = await hiddenForAccount(ctx.db, account.id);
  const visible = visibleTo(account, [assessment], new Set(hidden.map((h) => h.assessmentId)));
  if (!visible.length) throw new DomainError('assessment_not_available', { code: assessment.code });
  const section = input.section ?? 1;
  if (section > assessment.sections) {
    throw new DomainError('validation_failed', {}, [
      { field: 'section', code: 'too_big', params: { maximum: assessment.sections } },
    ]);
  }

  const now = ctx.clock.now();
  const passed = passes(input.mark, input.out_of, assessment.passMark);
  await writeAtomically(ctx.db, [
    ctx.db.insert(assessmentAttempts).values({
      accountId: account.id,
      assessmentId: assessment.id,
      section,
      mark: input.mark,
      outOf: input.out_of,
      passed,
      recordedBy: p.accountId,
      at: now,
    }),
    auditInsert(ctx.db, actorOf(p), now, {
      entity: 'account',
      entityId: account.id,
      centreId: centre.id,
      action: 'assessment_attempt',
      after: { assessment: assessment.code, section, mark: input.mark, out_of: input.out_of, passed },
    }),
  ]);
  const attempts = await attemptsForAccount(ctx.db, account.id, assessment.id);
  return presentProgress(assessment, attempts, lang);
}
