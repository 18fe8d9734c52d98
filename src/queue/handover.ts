import { eq } from 'drizzle-orm';
import { expireOpenInvites, issueInvite } from '../access/invites.js';
import { type Actor, auditInsert } from '../audit/record.js';
import { revokeTokensOf } from '../auth/queries.js';
import { findEoAccount, findLiveAccountByEmailKey } from '../centres/queries.js';
import { emailKey, splitName } from '../centres/service.js';
import type { AppContext } from '../context.js';
import type { Statement } from '../db/atomic.js';
import { accounts, type CentreRow, centres } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { translator } from '../i18n/index.js';
import { type MailLanguage, queueMail } from '../mail/outbox.js';

export interface NewEo {
  name: string;
  email: string;
  /** From the request when it gave one; otherwise the new EO is asked to add it. */
  telephone: string | null;
  /** Mrs, Dr, Parch…, read apart from the name by intake. */
  title: string | null;
}

/** What the invite asks the new EO to complete, in each language (empty when nothing is missing). */
function toComplete(next: NewEo) {
  if (next.telephone) return { to_complete_en: '', to_complete_cy: '' };
  return {
    to_complete_en: translator('en')('queue:to_complete.telephone'),
    to_complete_cy: translator('cy')('queue:to_complete.telephone'),
  };
}

/**
 * Hands the centre's EO account to a new person, as a staff edit of the EO's email does
 * (src/centres/service.ts): same login rules, same reset, but always a fresh start, because the
 * person changed even if a shared mailbox did not. Links already sent for the account stop working,
 * its tokens end, the old address is told, and the new one gets an invite.
 */
export async function eoHandoverStatements(
  ctx: AppContext,
  actor: Actor,
  centre: CentreRow,
  next: NewEo,
  mail: { language: MailLanguage; params: Record<string, unknown> },
): Promise<Statement[]> {
  const now = ctx.clock.now();
  const eo = await findEoAccount(ctx.db, centre.id);
  if (!eo) throw new DomainError('account_not_found');
  const newKey = emailKey(next.email);
  const holder = await findLiveAccountByEmailKey(ctx.db, newKey);
  if (holder && holder.id !== eo.id) throw new DomainError('email_in_use', { email: next.email });

  const invite = await issueInvite(ctx, eo.id, 'invite');
  const params = {
    ...mail.params,
    new_eo_name: next.name,
    new_eo_email: next.email,
    old_eo_name: centre.eoName,
    ...toComplete(next),
  };
  const statements: Statement[] = [
    ctx.db
      .update(accounts)
      .set({
        email: next.email,
        emailKey: newKey,
        ...splitName(next.name),
        title: next.title,
        jobTitle: null,
        telephone: next.telephone,
        language: centre.language,
        resetRequiredAt: now,
        updatedAt: now,
      })
      .where(eq(accounts.id, eo.id)),
    revokeTokensOf(ctx.db, eo.id, now),
    // A reset or invite link still lying in the old EO's mailbox must not open the account.
    expireOpenInvites(ctx.db, eo.id, now),
    invite.statement,
    ctx.db
      .update(centres)
      .set({ eoName: next.name, eoEmail: next.email, eoTelephone: next.telephone ?? '', updatedAt: now })
      .where(eq(centres.id, centre.id)),
    auditInsert(ctx.db, actor, now, {
      entity: 'centre',
      entityId: centre.number,
      centreId: centre.id,
      action: 'update',
      before: { eoName: centre.eoName, eoEmail: centre.eoEmail, eoTelephone: centre.eoTelephone },
      after: { eoName: next.name, eoEmail: next.email, eoTelephone: next.telephone ?? '' },
    }),
    auditInsert(ctx.db, actor, now, {
      entity: 'account',
      entityId: eo.id,
      centreId: centre.id,
      action: 'login_moved',
      before: { email: eo.email, name: `${eo.firstName} ${eo.lastName}`.trim() },
      after: { email: next.email, name: next.name, tokens_revoked: true, reset: true, invited: true },
    }),
    queueMail(ctx, {
      to: next.email,
      language: mail.language,
      template: 'eo_change_invite_new_eo',
      params: { ...params, link: invite.link },
    }),
  ];
  if (emailKey(centre.eoEmail) !== newKey)
    statements.push(
      queueMail(ctx, {
        to: centre.eoEmail,
        language: mail.language,
        template: 'eo_change_notice_old_eo',
        params,
      }),
    );
  return statements;
}
