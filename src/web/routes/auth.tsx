import { type Context, Hono } from 'hono';
import { DomainError } from '../../errors.js';
import { endSession } from '../auth/sessions.js';
import { enrolSecondFactor, pendingSecret, signInWithPassword, verifySecondFactor } from '../auth/sign-in.js';
import { enrolmentQr, groupedSecret } from '../auth/totp.js';
import { COOKIES, clearSessionCookie, setPlainCookie, setSessionCookie } from '../cookies.js';
import type { WebEnv } from '../env.js';
import { fieldErrors } from '../kit.js';
import { CodePage } from '../pages/code.js';
import { EnrolPage } from '../pages/enrol.js';
import { SignInPage } from '../pages/sign-in.js';
import { clientAddress, localPath, render, seeOther } from '../render.js';
import { assertCsrf } from '../state.js';

type C = Context<WebEnv>;

/** The form's fields as strings, after its CSRF token is checked. */
export async function formOf(c: C): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  assertCsrf(c, body);
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}

/** Where a visitor goes once fully signed in: their centre, or the centre search for staff. */
export function homeOf(c: C): string {
  const p = c.get('web').principal;
  if (!p) return '/sign-in';
  return p.kind === 'centre' ? `/centres/${p.centreNumber}` : '/centres';
}

/** The page a session at `stage` must see next. */
const STAGE_PAGES = { second_factor: '/sign-in/code', enrol: '/enrol' } as const;

function enrolPage(c: C, secret: string, errors: ReturnType<typeof fieldErrors>, status: 200 | 400 = 200) {
  const web = c.get('web');
  const { svg } = enrolmentQr(secret, web.account?.email ?? '');
  return render(
    c,
    <EnrolPage web={web} qrSvg={svg} secret={groupedSecret(secret)} errors={errors} />,
    status,
  );
}

/** Sign in (password, then a code), enrolment of the code, sign-out and the language switch. */
export function authPages() {
  return new Hono<WebEnv>()
    .get('/language', (c) => {
      const to = c.req.query('to');
      if (to === 'en' || to === 'cy') setPlainCookie(c, COOKIES.lang, to, 60 * 60 * 24 * 365);
      return c.redirect(localPath(c.req.query('back'), '/'), 303);
    })
    .get('/sign-in', (c) => {
      const web = c.get('web');
      if (web.principal) return c.redirect(homeOf(c), 303);
      const said = ['signed_out', 'password_changed'].find((k) => c.req.query(k) !== undefined);
      const notice = said ? web.t(`web:sign_in.${said}`) : undefined;
      return render(c, <SignInPage web={web} errors={[]} notice={notice} />);
    })
    .post('/sign-in', async (c) => {
      const form = await formOf(c);
      const web = c.get('web');
      try {
        const { token, stage } = await signInWithPassword(c.get('ctx'), {
          email: form.email ?? '',
          password: form.password ?? '',
          address: clientAddress(c),
        });
        setSessionCookie(c, token);
        return seeOther(c, STAGE_PAGES[stage as keyof typeof STAGE_PAGES]);
      } catch (err) {
        if (!(err instanceof DomainError) || !['sign_in_failed', 'sign_in_throttled'].includes(err.code))
          throw err;
        const message = web.t(`errors:${err.code}`, err.params);
        const errors = [{ field: 'email', message }];
        return render(
          c,
          <SignInPage web={web} email={form.email} errors={errors} />,
          err.code === 'sign_in_throttled' ? 429 : 401,
        );
      }
    })
    .get('/sign-in/code', (c) => {
      const web = c.get('web');
      if (web.session?.stage !== 'second_factor') return c.redirect('/sign-in', 303);
      return render(c, <CodePage web={web} errors={[]} />);
    })
    .post('/sign-in/code', async (c) => {
      const form = await formOf(c);
      const web = c.get('web');
      if (web.session?.stage !== 'second_factor' || !web.account) return seeOther(c, '/sign-in');
      try {
        await verifySecondFactor(c.get('ctx'), web.session, {
          code: form.code ?? '',
          email: web.account.email,
          address: clientAddress(c),
        });
      } catch (err) {
        if (!(err instanceof DomainError) || !['second_factor_wrong', 'sign_in_throttled'].includes(err.code))
          throw err;
        const errors = [{ field: 'code', message: web.t(`errors:${err.code}`, err.params) }];
        return render(
          c,
          <CodePage web={web} errors={errors} />,
          err.code === 'sign_in_throttled' ? 429 : 401,
        );
      }
      return seeOther(c, '/');
    })
    .get('/enrol', async (c) => {
      const web = c.get('web');
      if (!web.session || web.session.stage === 'second_factor') return c.redirect('/sign-in', 303);
      return enrolPage(c, await pendingSecret(c.get('ctx'), web.session), []);
    })
    .post('/enrol', async (c) => {
      const form = await formOf(c);
      const web = c.get('web');
      if (!web.session || web.session.stage === 'second_factor') return seeOther(c, '/sign-in');
      try {
        await enrolSecondFactor(c.get('ctx'), web.session, form.code ?? '');
      } catch (err) {
        if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
        const secret = await pendingSecret(c.get('ctx'), web.session);
        return enrolPage(c, secret, fieldErrors(web.t, err.details), 400);
      }
      return seeOther(c, '/');
    })
    .post('/sign-out', async (c) => {
      await formOf(c);
      const session = c.get('web').session;
      if (session) await endSession(c.get('ctx').db, session.id, c.get('ctx').clock.now());
      clearSessionCookie(c);
      // The signed-out page stays in the language the person was reading.
      setPlainCookie(c, COOKIES.lang, c.get('web').lang, 60 * 60 * 24 * 365);
      return seeOther(c, '/sign-in?signed_out');
    });
}
