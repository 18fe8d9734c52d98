import { type Context, Hono } from 'hono';
import { describeInvite } from '../../access/accept-invite.js';
import { DomainError } from '../../errors.js';
import { chooseLanguage, translator } from '../../i18n/index.js';
import { setPasswordWithLink } from '../auth/passwords-service.js';
import { COOKIES, readCookie, setSessionCookie } from '../cookies.js';
import type { WebEnv, WebState } from '../env.js';
import { type FieldError, fieldErrors } from '../kit.js';
import { MessagePage } from '../pages/message.js';
import { SetPasswordPage } from '../pages/set-password.js';
import { render, seeOther } from '../render.js';
import { formOf } from './auth.js';

type C = Context<WebEnv>;
const REFUSALS = { token_not_found: 'unknown', invite_used: 'used', invite_expired: 'expired' } as const;
type Refusal = keyof typeof REFUSALS;

/** The link's own language (`?lang=` from the mail), else the switch's choice, the account's, the browser's. */
async function linkPage(c: C) {
  const invite = await describeInvite(c.get('ctx'), c.req.param('token') ?? '');
  const lang = chooseLanguage({
    query: c.req.query('lang'),
    account: readCookie(c, COOKIES.lang) ?? invite.language,
    acceptLanguage: c.req.header('accept-language'),
  });
  const web = { ...c.get('web'), lang, t: translator(lang) };
  return { invite, web };
}

function refused(c: C, web: WebState, refusal: Refusal) {
  const key = REFUSALS[refusal];
  const page = (
    <MessagePage
      web={web}
      title={web.t(`access:invite_page.heading_${key}`)}
      text={web.t(`access:invite_page.${key}`)}
      link={{ href: '/forgot-password', text: web.t('web:set_password.forgot') }}
    />
  );
  return render(c, page, refusal === 'token_not_found' ? 404 : 410);
}

type LinkPage = Awaited<ReturnType<typeof linkPage>>;

/** The set-password form at the link's own address, empty or with what was wrong beside its fields. */
function passwordForm(c: C, { invite, web }: LinkPage, errors: FieldError[], status: 200 | 400) {
  const page = (
    <SetPasswordPage
      web={web}
      email={invite.email ?? ''}
      purpose={invite.purpose ?? 'invite'}
      action={`${c.req.path}?lang=${web.lang}`}
      errors={errors}
    />
  );
  return render(c, page, status);
}

/**
 * The page the links in invite and reset mail open. Opening it spends nothing (mail scanners open
 * links too); choosing a password does, and leads on to the second factor. API tokens are made on
 * the tokens page, for programs.
 */
export function linkPages() {
  return new Hono<WebEnv>()
    .get('/invites/:token', async (c) => {
      const link = await linkPage(c);
      if (link.invite.refusal) return refused(c, link.web, link.invite.refusal);
      return passwordForm(c, link, [], 200);
    })
    .post('/invites/:token', async (c) => {
      const form = await formOf(c);
      const link = await linkPage(c);
      try {
        const done = await setPasswordWithLink(
          c.get('ctx'),
          c.req.param('token'),
          form.password ?? '',
          form.confirm ?? '',
        );
        setSessionCookie(c, done.token);
        return seeOther(c, '/');
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        if (err.code in REFUSALS) return refused(c, link.web, err.code as Refusal);
        if (err.code !== 'validation_failed') throw err;
        return passwordForm(c, link, fieldErrors(link.web.t, err.details), 400);
      }
    });
}
