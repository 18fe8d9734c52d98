import type { FC } from 'hono/jsx';
import type { WebState } from '../env.js';
import { Csrf, ErrorSummary, Field, type FieldError, Layout } from '../kit.js';

/** "Forgot your password?": asks for the address; the answer never says whether it is known. */
export const ForgotPage: FC<{ web: WebState; errors: FieldError[]; sent?: boolean; email?: string }> = ({
  web,
  errors,
  sent,
  email,
}) => {
  const { t } = web;
  if (sent)
    return (
      <Layout web={web} title={t('web:forgot.sent_title')}>
        <h1>{t('web:forgot.sent_title')}</h1>
        <p>{t('web:forgot.sent', { email })}</p>
        <p>
          <a href="/sign-in">{t('web:forgot.back')}</a>
        </p>
      </Layout>
    );
  return (
    <Layout web={web} title={t('web:forgot.title')}>
      <ErrorSummary t={t} errors={errors} />
      <h1>{t('web:forgot.title')}</h1>
      <p>{t('web:forgot.intro')}</p>
      <form method="post" action="/forgot-password" novalidate>
        <Csrf web={web} />
        <Field
          name="email"
          type="email"
          label={t('web:sign_in.email')}
          autocomplete="username"
          value={email}
          errors={errors}
        />
        <button class="button" type="submit">
          {t('web:forgot.button')}
        </button>
      </form>
    </Layout>
  );
};
