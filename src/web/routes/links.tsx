import { type Context, Hono } from 'hono';
import { describeInvite } from '../../access/accept-invite.js';
import { DomainError } from '../../errors.js';
import { chooseLanguage, translator } from '../../i18n/index.js';
import { setPasswordWithLink } from '../auth/passwords-service.js';
import { COOKIES, readCookie, setSessionCookie } from '../cookies.js';
import type { WebEnv, WebState } from '../env.js';
import { fieldErrors } from '../kit.js';
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

/**
 * The page the links in invite and reset mail open. Opening it spends nothing (mail scanners open
 * links too); choosing a password does, and leads on to the second factor. API tokens are made on
 * the tokens page, for programs.
 */
export function linkPages() {
  return new Hono<WebEnv>()
    .get('/invites/:token', async (c) => {
      const { invite, web } = await linkPage(c);
      if (invite.refusal) return refused(c, web, invite.refusal);
      const page = (
        <SetPasswordPage
          web={web}
          email={invite.email ?? ''}
          purpose={invite.purpose ?? 'invite'}
          action={`${c.req.path}?lang=${web.lang}`}
          errors={[]}
        />
      );
      return render(c, page);
    })
    .post('/invites/:token', async (c) => {
      const form = await formOf(c);
      const { invite, web } = await linkPage(c);
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
        if (err.code in REFUSALS) return refused(c, web, err.code as Refusal);
        if (err.code !== 'validation_failed') throw err;
        const page = (
          <SetPasswordPage
            web={web}
            email={invite.email ?? ''}
            purpose={invite.purpose ?? 'invite'}
            action={`${c.req.path}?lang=${web.lang}`}
            errors={fieldErrors(web.t, err.details)}
          />
        );
        return render(c, page, 400);
      }
    });
}
