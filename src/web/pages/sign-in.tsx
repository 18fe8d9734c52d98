import type { FC } from 'hono/jsx';
import type { WebState } from '../env.js';
import { Csrf, ErrorSummary, Field, type FieldError, Layout, Notice } from '../kit.js';

/** Seed 001's "Sign in to your account": email, password, "Forgot your password?". */
export const SignInPage: FC<{ web: WebState; email?: string; errors: FieldError[]; notice?: string }> = ({
  web,
  email,
  errors,
  notice,
}) => {
  const { t } = web;
  return (
    <Layout web={web} title={t('web:sign_in.title')}>
      <ErrorSummary t={t} errors={errors} />
      <Notice text={notice} success />
      <h1>{t('web:sign_in.title')}</h1>
      <p>{t('web:sign_in.intro')}</p>
      <form method="post" action="/sign-in" novalidate>
        <Csrf web={web} />
        <Field
          name="email"
          type="email"
          label={t('web:sign_in.email')}
          hint={t('web:sign_in.email_hint')}
          value={email}
          autocomplete="username"
          errors={errors}
        />
        <Field
          name="password"
          type="password"
          label={t('web:sign_in.password')}
          autocomplete="current-password"
          errors={errors}
        />
        <button class="button" type="submit">
          {t('web:sign_in.button')}
        </button>
      </form>
      <p>
        <a href="/forgot-password">{t('web:sign_in.forgot')}</a>
      </p>
      <p>{t('web:sign_in.no_account')}</p>
    </Layout>
  );
};
