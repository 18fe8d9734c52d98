import type { FC } from 'hono/jsx';
import type { WebState } from '../env.js';
import { Csrf, ErrorSummary, Field, type FieldError, Layout } from '../kit.js';

/** A new password, typed twice: choosing one from an invite or reset link, and changing one's own. */
export const NewPasswordFields: FC<{ web: WebState; errors: FieldError[] }> = ({ web, errors }) => (
  <>
    <Field
      name="password"
      type="password"
      label={web.t('web:set_password.password')}
      hint={web.t('web:set_password.password_hint')}
      autocomplete="new-password"
      errors={errors}
    />
    <Field
      name="confirm"
      type="password"
      label={web.t('web:set_password.confirm')}
      autocomplete="new-password"
      errors={errors}
    />
  </>
);

/** The page an invite or reset link opens: choose a password; enrolment of the second factor follows. */
export const SetPasswordPage: FC<{
  web: WebState;
  email: string;
  purpose: 'invite' | 'reset';
  action: string;
  errors: FieldError[];
}> = ({ web, email, purpose, action, errors }) => {
  const { t } = web;
  const title = t(`web:set_password.title_${purpose}`);
  return (
    <Layout web={web} title={title}>
      <ErrorSummary t={t} errors={errors} />
      <h1>{title}</h1>
      <p>{t('web:set_password.for_whom', { email })}</p>
      <form method="post" action={action} novalidate>
        <Csrf web={web} />
        <NewPasswordFields web={web} errors={errors} />
        <button class="button" type="submit">
          {t('web:set_password.button')}
        </button>
      </form>
      <p>{t('web:set_password.next')}</p>
    </Layout>
  );
};
