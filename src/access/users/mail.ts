import type { AppContext } from '../../context.js';
import type { AccountRow, CentreRow } from '../../db/schema/index.js';
import { type Language, translator } from '../../i18n/index.js';
import { londonDateTime } from '../../i18n/london-time.js';
import { type MailRequest, queueMail } from '../../mail/outbox.js';

/** A person's name as mail shows it: the label without its `<address>`. */
const nameOf = (label: string) => label.replace(/\s*<[^>]*>\s*$/, '') || label;

type Invitee = Pick<AccountRow, 'email' | 'firstName' | 'language' | 'accountType'>;

/** The invite, in the invitee's own language, as a statement for the same write as the account. */
export function inviteMail(ctx: AppContext, centre: CentreRow, who: Invitee, link: string, inviter: string) {
  return queueMail(ctx, inviteMailRequest(centre, who, link, inviter));
}

const typeLabels = new Map<string, string>();

/** Looked up once per language and type: a bulk upload names the same few thousands of times. */
function accountTypeLabel(language: Language, type: string): string {
  const key = `${language}:${type}`;
  let label = typeLabels.get(key);
  if (label === undefined) {
    label = translator(language)(`access:account_types.${type}`);
    typeLabels.set(key, label);
  }
  return label;
}

export function inviteMailRequest(
  centre: CentreRow,
  who: Invitee,
  link: string,
  inviter: string,
): MailRequest {
  return {
    to: who.email,
    language: who.language,
    template: 'invite',
    params: {
      first_name: who.firstName,
      email: who.email,
      centre_name: centre.name,
      centre_number: centre.number,
      account_type: accountTypeLabel(who.language, who.accountType ?? 'user'),
      inviter: nameOf(inviter),
      link,
    },
  };
}

/** Tells the new address it is now the login, with a link to set up access again. */
export function loginChangedMail(
  ctx: AppContext,
  centre: CentreRow,
  who: Invitee,
  link: string,
  changer: string,
) {
  return queueMail(ctx, {
    to: who.email,
    language: who.language,
    template: 'login_changed',
    params: {
      first_name: who.firstName,
      email: who.email,
      centre_name: centre.name,
      centre_number: centre.number,
      changer: nameOf(changer),
      link,
    },
  });
}

/**
 * Tells the address a login is leaving what happened, when and by whom, and whom to ask if it was
 * not them: a login moved without the owner's knowledge is how an account is taken over.
 */
export function loginLeftMail(
  ctx: AppContext,
  centre: Pick<CentreRow, 'name' | 'number'>,
  who: Pick<AccountRow, 'email' | 'firstName' | 'language'>,
  newEmail: string,
  changer: string,
) {
  const now = ctx.clock.now();
  return queueMail(ctx, {
    to: who.email,
    language: who.language,
    template: 'login_changed_old',
    params: {
      first_name: who.firstName,
      old_email: who.email,
      new_email: newEmail,
      centre_name: centre.name,
      centre_number: centre.number,
      changer: nameOf(changer),
      when_en: londonDateTime('en', now),
      when_cy: londonDateTime('cy', now),
    },
  });
}
