import { eq } from 'drizzle-orm';
import { expireOpenInvites, issueInvite } from '../access/invites.js';
import { loginLeftMail } from '../access/users/mail.js';
import { type Actor, auditInsert, diff } from '../audit/record.js';
import { actorOf, assertCanReadCentre, assertStaff, canEditCentre } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import { isStaff } from '../auth/principal.js';
import { revokeTokensOf } from '../auth/queries.js';
import type { AppContext } from '../context.js';
import { type Statement, writeAtomically } from '../db/atomic.js';
import { isUniqueViolation } from '../db/errors.js';
import { accounts, type CentreRow, centres } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { queueMail } from '../mail/outbox.js';
import { fold } from './fold.js';
import { presentCentre, presentSummary } from './present.js';
import {
  centreIdOf,
  findCentreByNumber,
  findEoAccount,
  findLiveAccountByEmailKey,
  listCentreAudit,
  searchCentres as searchCentreRows,
} from './queries.js';
import { type CreateCentreInput, EDITABLE_CENTRE_FIELDS, type PatchCentreInput } from './schema.js';

export const emailKey = (email: string) => email.trim().toLowerCase();

/**
 * The centre with this number, for someone asking about it. Only staff who look centres up are told
 * that a number is unknown: anyone else (a centre's own accounts) gets the same refusal for an unknown
 * number as for another centre's, so centre numbers cannot be enumerated (issue 17, item 9).
 */
export async function requireCentre(ctx: AppContext, p: Principal, number: string): Promise<CentreRow> {
  const centre = await findCentreByNumber(ctx.db, number);
  if (centre) return centre;
  if (isStaff(p, 'support', 'helpline', 'admin')) throw new DomainError('centre_not_found', { number });
  throw new DomainError('forbidden');
}

function editableFor(p: Principal, centreId: number) {
  return canEditCentre(p, centreId) ? EDITABLE_CENTRE_FIELDS : [];
}

export async function searchCentres(
  ctx: AppContext,
  p: Principal,
  input: { q?: string; page: number; per_page: number },
) {
  assertStaff(p, 'support', 'helpline', 'admin');
  const q = input.q?.trim() || undefined;
  const { rows, total } = await searchCentreRows(ctx.db, q, q && fold(q), input.page, input.per_page);
  return { data: rows.map(presentSummary), page: input.page, per_page: input.per_page, total };
}

export async function getCentre(ctx: AppContext, p: Principal, number: string) {
  const centre = await requireCentre(ctx, p, number);
  assertCanReadCentre(p, centre.id);
  return presentCentre(centre, editableFor(p, centre.id));
}

/** snake_case API fields to the table's columns; `undefined` means "not sent". */
function toColumns(input: PatchCentreInput) {
  return {
    name: input.name,
    address: input.address,
    telephone: input.telephone,
    language: input.language,
    ukprn: input.ukprn,
    urn: input.urn,
    generalEmail: input.general_email,
    postResultsEmail: input.post_results_email,
    headName: input.head_name,
    headEmail: input.head_email,
    eoName: input.eo_name,
    eoEmail: input.eo_email,
    eoTelephone: input.eo_telephone,
  };
}

export function splitName(full: string): { firstName: string; lastName: string } {
  const parts = full.trim().split(/\s+/);
  const lastName = parts.length > 1 ? (parts.pop() ?? '') : '';
  return { firstName: parts.join(' '), lastName };
}

/**
 * The EO's login follows the centre's EO details. A new address is a new login: the account is
 * reset, its tokens end, and a one-time link goes to the new address in the centre's language.
 */
async function eoAccountStatements(ctx: AppContext, actor: Actor, centre: CentreRow, next: CentreRow) {
  const statements: Statement[] = [];
  const now = ctx.clock.now();
  const eo = await findEoAccount(ctx.db, centre.id);
  const newKey = emailKey(next.eoEmail);
  const holder = await findLiveAccountByEmailKey(ctx.db, newKey);
  if (holder && holder.id !== eo?.id) throw new DomainError('email_in_use', { email: next.eoEmail });

  const names = splitName(next.eoName);
  if (!eo) {
    statements.push(
      ctx.db.insert(accounts).values({
        kind: 'centre',
        centreId: centre.id,
        accountType: 'eo',
        email: next.eoEmail,
        emailKey: newKey,
        language: next.language,
        telephone: next.eoTelephone,
        ...names,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return statements;
  }
  const loginMoved = eo.emailKey !== newKey;
  if (!loginMoved && eo.email === next.eoEmail && centre.eoName === next.eoName) return statements;
  statements.push(
    ctx.db
      .update(accounts)
      .set({
        email: next.eoEmail,
        emailKey: newKey,
        ...(centre.eoName !== next.eoName ? names : {}),
        ...(loginMoved ? { resetRequiredAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(accounts.id, eo.id)),
  );
  if (!loginMoved) return statements;
  const reset = await issueInvite(ctx, eo.id, 'reset');
  statements.push(
    revokeTokensOf(ctx.db, eo.id, now),
    expireOpenInvites(ctx.db, eo.id, now),
    reset.statement,
    auditInsert(ctx.db, actor, now, {
      entity: 'account',
      entityId: eo.id,
      centreId: centre.id,
      action: 'login_moved',
      before: { email: eo.email },
      after: { email: next.eoEmail, tokens_revoked: true, reset: true },
    }),
    loginLeftMail(ctx, centre, eo, next.eoEmail, actor.label),
    queueMail(ctx, {
      to: next.eoEmail,
      language: next.language,
      template: 'eo_reset',
      params: {
        eo_name: next.eoName,
        centre_name: next.name,
        centre_number: next.number,
        email: next.eoEmail,
        link: reset.link,
      },
    }),
  );
  return statements;
}

export async function updateCentre(ctx: AppContext, p: Principal, number: string, input: PatchCentreInput) {
  const centre = await requireCentre(ctx, p, number);
  if (!canEditCentre(p, centre.id)) {
    assertCanReadCentre(p, centre.id);
    throw new DomainError('forbidden');
  }
  const columns = toColumns(input);
  const change = diff(centre as unknown as Record<string, unknown>, columns);
  if (!change.changed) return presentCentre(centre, editableFor(p, centre.id));

  const now = ctx.clock.now();
  const actor = actorOf(p);
  const next = { ...centre, ...change.after, updatedAt: now } as CentreRow;
  const statements: Statement[] = [
    ctx.db
      .update(centres)
      .set({ ...change.after, ...(columns.name ? { nameFolded: fold(next.name) } : {}), updatedAt: now })
      .where(eq(centres.id, centre.id)),
    auditInsert(ctx.db, actor, now, {
      entity: 'centre',
      entityId: centre.number,
      centreId: centre.id,
      action: 'update',
      before: change.before,
      after: change.after,
    }),
    ...(await eoAccountStatements(ctx, actor, centre, next)),
  ];
  try {
    await writeAtomically(ctx.db, statements);
  } catch (err) {
    if (isUniqueViolation(err, 'email_key')) throw new DomainError('email_in_use', { email: next.eoEmail });
    throw err;
  }
  return presentCentre(next, editableFor(p, centre.id));
}

export function centreValues(input: CreateCentreInput, now: Date) {
  return {
    number: input.number,
    name: input.name,
    nameFolded: fold(input.name),
    address: input.address,
    telephone: input.telephone,
    language: input.language,
    ukprn: input.ukprn ?? null,
    urn: input.urn ?? null,
    generalEmail: input.general_email ?? null,
    postResultsEmail: input.post_results_email ?? null,
    headName: input.head_name,
    headEmail: input.head_email,
    eoName: input.eo_name,
    eoEmail: input.eo_email,
    eoTelephone: input.eo_telephone,
    createdAt: now,
    updatedAt: now,
  };
}

export async function createCentre(ctx: AppContext, p: Principal, input: CreateCentreInput) {
  assertStaff(p, 'admin');
  if (await findCentreByNumber(ctx.db, input.number))
    throw new DomainError('centre_exists', { number: input.number });
  if (await findLiveAccountByEmailKey(ctx.db, emailKey(input.eo_email))) {
    throw new DomainError('email_in_use', { email: input.eo_email });
  }
  const now = ctx.clock.now();
  const values = centreValues(input, now);
  const [created] = await ctx.db.batch([
    ctx.db.insert(centres).values(values).returning(),
    ctx.db.insert(accounts).values({
      kind: 'centre',
      centreId: centreIdOf(input.number),
      accountType: 'eo',
      email: input.eo_email,
      emailKey: emailKey(input.eo_email),
      language: input.language,
      telephone: input.eo_telephone,
      ...splitName(input.eo_name),
      createdAt: now,
      updatedAt: now,
    }),
    auditInsert(ctx.db, actorOf(p), now, {
      entity: 'centre',
      entityId: input.number,
      centreId: centreIdOf(input.number),
      action: 'create',
      after: { ...input },
    }),
  ]);
  const row = created[0];
  if (!row) throw new DomainError('centre_exists', { number: input.number });
  return presentCentre(row, EDITABLE_CENTRE_FIELDS);
}

/** Audit rows keep column names (`eoEmail`); the API speaks snake_case (`eo_email`) everywhere. */
function snakeKeys(values: Record<string, unknown> | null) {
  if (!values) return null;
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`), v]),
  );
}

export async function centreAudit(
  ctx: AppContext,
  p: Principal,
  number: string,
  page: number,
  perPage: number,
) {
  const centre = await requireCentre(ctx, p, number);
  const allowed = p.kind === 'staff' ? p.staffRole !== 'moderator' : canEditCentre(p, centre.id);
  if (!allowed) throw new DomainError('forbidden');
  const { rows, total } = await listCentreAudit(ctx.db, centre.id, page, perPage);
  return {
    data: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actorLabel,
      entity: r.entity,
      entity_id: r.entityId,
      action: r.action,
      before: snakeKeys(r.before),
      after: snakeKeys(r.after),
    })),
    page,
    per_page: perPage,
    total,
  };
}
