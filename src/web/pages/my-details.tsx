import type { FC } from 'hono/jsx';
import type { WebState } from '../env.js';
import { Csrf, ErrorSummary, Field, type FieldError, Layout, Notice } from '../kit.js';

export interface ProfileView {
  email: string;
  title: string | null;
  first_name: string;
  last_name: string;
  role_in_centre: string | null;
  language: 'en' | 'cy';
  telephone: string | null;
}

/**
 * Seed 000's "My details": title, names, role within the centre, language and telephone, edited
 * in one form; below it, the password and the second factor.
 */
export const MyDetailsPage: FC<{
  web: WebState;
  profile: ProfileView;
  values?: Record<string, string>;
  errors: FieldError[];
  notice?: string;
  hasSecondFactor: boolean;
}> = ({ web, profile, values, errors, notice, hasSecondFactor }) => {
  const { t } = web;
  const v = (k: keyof ProfileView) => values?.[k] ?? (profile[k] as string | null) ?? '';
  const langError = errors.find((e) => e.field === 'language');
  return (
    <Layout web={web} title={t('web:me.title')}>
      <ErrorSummary t={t} errors={errors} />
      <Notice text={notice} success />
      <h1>{t('web:me.title')}</h1>
      <p>{t('web:me.email', { email: profile.email })}</p>
      <p class="hint">{t('web:me.email_hint')}</p>
      <form method="post" action="/me" novalidate>
        <Csrf web={web} />
        <Field
          name="title"
          label={t('web:me.field_title')}
          hint={t('web:me.field_title_hint')}
          value={v('title')}
          autocomplete="honorific-prefix"
          errors={errors}
        />
        <Field
          name="first_name"
          label={t('web:me.first_name')}
          value={v('first_name')}
          autocomplete="given-name"
          errors={errors}
        />
        <Field
          name="last_name"
          label={t('web:me.last_name')}
          value={v('last_name')}
          autocomplete="family-name"
          errors={errors}
        />
        <Field
          name="role_in_centre"
          label={t('web:me.role_in_centre')}
          hint={t('web:me.role_hint')}
          value={v('role_in_centre')}
          autocomplete="organization-title"
          errors={errors}
        />
        <div class={langError ? 'form-group form-group--error' : 'form-group'}>
          <label for="language">{t('web:me.language')}</label>
          {langError ? (
            <p class="error-message" id="language-error">
              {langError.message}
            </p>
          ) : null}
          <select id="language" name="language">
            <option value="cy" lang="cy" selected={v('language') === 'cy'}>
              Cymraeg
            </option>
            <option value="en" lang="en" selected={v('language') === 'en'}>
              English
            </option>
          </select>
        </div>
        <Field
          name="telephone"
          type="tel"
          label={t('web:me.telephone')}
          hint={t('web:me.telephone_hint')}
          value={v('telephone')}
          autocomplete="tel"
          errors={errors}
        />
        <button class="button" type="submit">
          {t('web:me.confirm')}
        </button>
      </form>
      <h2>{t('web:me.security')}</h2>
      <p>
        <a href="/me/password">{t('web:me.change_password')}</a>
      </p>
      <p>{hasSecondFactor ? t('web:me.second_factor_on') : t('web:me.second_factor_off')}</p>
      <p>
        <a href="/enrol">{t('web:me.change_second_factor')}</a>
      </p>
      {hasSecondFactor ? (
        <form method="post" action="/me/second-factor/remove">
          <Csrf web={web} />
          <button class="button button--secondary" type="submit">
            {t('web:me.remove_second_factor')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
};
