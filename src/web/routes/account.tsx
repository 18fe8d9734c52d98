import { type Context, Hono } from 'hono';
import { getProfile, PatchProfileBody, updateProfile } from '../../access/profile.js';
import { actorOf } from '../../auth/policy.js';
import { DomainError } from '../../errors.js';
import { issuesToDetails } from '../../http/validation.js';
import { changePassword, removeSecondFactor, requestPasswordReset } from '../auth/passwords-service.js';
import { credentialsOf } from '../auth/sign-in.js';
import { clearSessionCookie } from '../cookies.js';
import type { WebEnv } from '../env.js';
import { type FieldError, fieldErrors } from '../kit.js';
import { ChangePasswordPage } from '../pages/change-password.js';
import { ForgotPage } from '../pages/forgot.js';
import { MyDetailsPage, type ProfileView } from '../pages/my-details.js';
import { TokensPage } from '../pages/tokens.js';
import { render, seeOther } from '../render.js';
import { createOwnToken, listOwnTokens, revokeOwnToken } from '../tokens-service.js';
import { formOf } from './auth.js';
import { requireSignedIn, signedIn } from './guard.js';

type C = Context<WebEnv>;
const PROFILE_FIELDS = [
  'title',
  'first_name',
  'last_name',
  'role_in_centre',
  'language',
  'telephone',
] as const;
const OPTIONAL = new Set(['title', 'role_in_centre', 'telephone']);

/** Only what the form changed, blanks of optional fields as "remove": the API's PATCH of the same. */
function profilePatch(form: Record<string, string>, current: ProfileView) {
  const patch: Record<string, string | null> = {};
  for (const k of PROFILE_FIELDS) {
    const value = (form[k] ?? '').trim();
    const next = value === '' && OPTIONAL.has(k) ? null : value;
    if (next !== (current[k] ?? null)) patch[k] = next;
  }
  return patch;
}

async function detailsPage(
  c: C,
  opts: { values?: Record<string, string>; errors?: FieldError[]; notice?: string },
) {
  const p = signedIn(c);
  const ctx = c.get('ctx');
  const profile = await getProfile(ctx, p);
  const creds = await credentialsOf(ctx, p.accountId);
  const page = (
    <MyDetailsPage
      web={c.get('web')}
      profile={profile}
      values={opts.values}
      errors={opts.errors ?? []}
      notice={opts.notice}
      hasSecondFactor={Boolean(creds?.totpSecret)}
    />
  );
  return render(c, page, opts.errors?.length ? 400 : 200);
}

async function tokensPage(c: C, created?: string) {
  const tokens = await listOwnTokens(c.get('ctx'), signedIn(c));
  return render(c, <TokensPage web={c.get('web')} tokens={tokens} created={created} errors={[]} />);
}

/** "Forgot your password?" (signed out); My details, password, second factor and API tokens (signed in). */
export function accountPages() {
  // Paths, not a bare use(): a sub-router's bare middleware would run for every page of the app.
  const signedInPages = new Hono<WebEnv>()
    .use('/me', requireSignedIn)
    .use('/me/*', requireSignedIn)
    .use('/tokens', requireSignedIn)
    .use('/tokens/*', requireSignedIn)
    .get('/me', (c) =>
      detailsPage(c, {
        notice: c.req.query('saved') !== undefined ? c.get('web').t('web:me.saved') : undefined,
      }),
    )
    .post('/me', async (c) => {
      const form = await formOf(c);
      const web = c.get('web');
      const ctx = c.get('ctx');
      const patch = profilePatch(form, await getProfile(ctx, signedIn(c)));
      if (!Object.keys(patch).length) return seeOther(c, '/me?saved');
      const parsed = PatchProfileBody.safeParse(patch);
      if (!parsed.success)
        return detailsPage(c, {
          values: form,
          errors: fieldErrors(web.t, issuesToDetails(parsed.error.issues)),
        });
      await updateProfile(ctx, signedIn(c), parsed.data);
      // A new language preference shows at once: the switch's earlier choice gives way to it.
      if (patch.language) c.header('set-cookie', 'cymorth_lang=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax');
      return seeOther(c, '/me?saved');
    })
    .get('/me/password', (c) => render(c, <ChangePasswordPage web={c.get('web')} errors={[]} />))
    .post('/me/password', async (c) => {
      const form = await formOf(c);
      const web = c.get('web');
      const p = signedIn(c);
      try {
        await changePassword(c.get('ctx'), actorOf(p), {
          current: form.current ?? '',
          password: form.password ?? '',
          confirm: form.confirm ?? '',
        });
      } catch (err) {
        if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
        return render(c, <ChangePasswordPage web={web} errors={fieldErrors(web.t, err.details)} />, 400);
      }
      clearSessionCookie(c);
      return seeOther(c, '/sign-in?password_changed');
    })
    .post('/me/second-factor/remove', async (c) => {
      await formOf(c);
      await removeSecondFactor(c.get('ctx'), actorOf(signedIn(c)));
      return seeOther(c, '/me?saved');
    })
    .get('/tokens', (c) => tokensPage(c))
    .post('/tokens', async (c) => {
      const form = await formOf(c);
      const label = (form.label ?? '').trim().slice(0, 100) || undefined;
      const token = await createOwnToken(c.get('ctx'), signedIn(c), label);
      return tokensPage(c, token);
    })
    .post('/tokens/:id/revoke', async (c) => {
      await formOf(c);
      await revokeOwnToken(c.get('ctx'), signedIn(c), Number(c.req.param('id')));
      return seeOther(c, '/tokens');
    });

  return new Hono<WebEnv>()
    .get('/forgot-password', (c) => render(c, <ForgotPage web={c.get('web')} errors={[]} />))
    .post('/forgot-password', async (c) => {
      const form = await formOf(c);
      const web = c.get('web');
      const email = (form.email ?? '').trim();
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
        const errors = [{ field: 'email', message: web.t('validation:email') }];
        return render(c, <ForgotPage web={web} errors={errors} email={email} />, 400);
      }
      await requestPasswordReset(c.get('ctx'), email);
      return render(c, <ForgotPage web={web} errors={[]} sent email={email} />);
    })
    .route('/', signedInPages);
}
