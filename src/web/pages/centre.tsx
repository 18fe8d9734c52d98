import type { FC } from 'hono/jsx';
import type { getCentre } from '../../centres/service.js';
import type { WebState } from '../env.js';
import { Csrf, ErrorSummary, Field, type FieldError, Layout, Notice } from '../kit.js';

export type CentreView = Awaited<ReturnType<typeof getCentre>>;
type Key = Exclude<keyof CentreView, 'editable_fields' | 'to_complete' | 'updated_at'>;

/** Seed 000's "Centre management" groups, each field with the explanation the seed gives it. */
export const CENTRE_GROUPS: {
  heading: string;
  fields: { key: Key; hint?: string; type?: 'email' | 'tel'; formHint?: boolean }[];
}[] = [
  {
    heading: 'general',
    fields: [
      { key: 'number' },
      { key: 'name' },
      { key: 'address' },
      { key: 'telephone', type: 'tel' },
      { key: 'language', hint: 'language_hint' },
      { key: 'ukprn', hint: 'ukprn_hint', formHint: true },
      { key: 'urn', hint: 'urn_hint', formHint: true },
    ],
  },
  { heading: 'contact', fields: [{ key: 'general_email', hint: 'general_email_hint', type: 'email' }] },
  { heading: 'head', fields: [{ key: 'head_name' }, { key: 'head_email', type: 'email' }] },
  {
    heading: 'eo',
    fields: [
      { key: 'eo_name' },
      { key: 'eo_email', hint: 'eo_email_hint', type: 'email' },
      { key: 'eo_telephone', type: 'tel' },
    ],
  },
  {
    heading: 'post_results',
    fields: [{ key: 'post_results_email', hint: 'post_results_email_hint', type: 'email' }],
  },
];

/** What a stored value shows as: the language by name, a blank address as the one mail goes to. */
function shown(web: WebState, centre: CentreView, key: Key): string {
  const { t } = web;
  if (key === 'language') return centre.language === 'cy' ? 'Cymraeg' : 'English';
  if (key === 'general_email' && !centre.general_email)
    return t('web:centre.blank_uses_eo', { email: centre.general_email_effective });
  if (key === 'post_results_email' && !centre.post_results_email)
    return t('web:centre.blank_uses_eo', { email: centre.post_results_email_effective });
  const value = centre[key];
  return value === null || value === '' ? t('web:centre.not_given') : String(value);
}

/** The centre's details as the API shows them, read-only, with an Edit button for those who may. */
export const CentrePage: FC<{ web: WebState; centre: CentreView; notice?: string }> = ({
  web,
  centre,
  notice,
}) => {
  const { t } = web;
  return (
    <Layout web={web} title={t('web:centre.title')}>
      <Notice text={notice} success />
      {centre.to_complete.includes('eo_telephone') ? (
        <Notice text={t('web:centre.eo_telephone_missing')} />
      ) : null}
      <p class="caption">{`${centre.number} · ${centre.name}`}</p>
      <h1>{t('web:centre.title')}</h1>
      {CENTRE_GROUPS.map((group) => (
        <section aria-labelledby={`group-${group.heading}`}>
          <h2 id={`group-${group.heading}`}>{t(`web:centre.group_${group.heading}`)}</h2>
          <table class="summary">
            <tbody>
              {group.fields.map((f) => (
                <tr>
                  <th scope="row">{t(`web:centre.field_${f.key}`)}</th>
                  <td>
                    {shown(web, centre, f.key)}
                    {f.hint && !f.formHint ? <p class="hint">{t(`web:centre.${f.hint}`)}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {centre.editable_fields.length ? (
        <a class="button" href={`/centres/${centre.number}/edit`}>
          {t('web:centre.edit')}
        </a>
      ) : (
        <p>{t('web:centre.read_only')}</p>
      )}
    </Layout>
  );
};

/** The same groups as a form; the centre number never changes, so it is shown, not offered. */
export const CentreEditPage: FC<{
  web: WebState;
  centre: CentreView;
  values?: Record<string, string>;
  errors: FieldError[];
}> = ({ web, centre, values, errors }) => {
  const { t } = web;
  const editable = new Set<string>(centre.editable_fields);
  const value = (k: Key) => values?.[k] ?? (centre[k] === null ? '' : String(centre[k]));
  return (
    <Layout web={web} title={t('web:centre.edit_title')}>
      <ErrorSummary t={t} errors={errors} />
      <p class="caption">{`${centre.number} · ${centre.name}`}</p>
      <h1>{t('web:centre.edit_title')}</h1>
      <form method="post" action={`/centres/${centre.number}/edit`} novalidate>
        <Csrf web={web} />
        {CENTRE_GROUPS.map((group) => (
          <fieldset>
            <legend>{t(`web:centre.group_${group.heading}`)}</legend>
            {group.fields
              .filter((f) => editable.has(f.key))
              .map((f) =>
                f.key === 'language' ? (
                  <div class="form-group">
                    <label for="language">{t('web:centre.field_language')}</label>
                    <p class="hint" id="language-hint">
                      {t('web:centre.language_hint')}
                    </p>
                    <select id="language" name="language" aria-describedby="language-hint">
                      <option value="cy" lang="cy" selected={value('language') === 'cy'}>
                        Cymraeg
                      </option>
                      <option value="en" lang="en" selected={value('language') === 'en'}>
                        English
                      </option>
                    </select>
                  </div>
                ) : (
                  <Field
                    name={f.key}
                    label={t(`web:centre.field_${f.key}`)}
                    hint={f.hint ? t(`web:centre.${f.hint}`) : undefined}
                    type={f.type ?? 'text'}
                    value={value(f.key)}
                    errors={errors}
                  />
                ),
              )}
          </fieldset>
        ))}
        <button class="button" type="submit">
          {t('web:centre.confirm')}
        </button>
        <a class="button button--secondary" href={`/centres/${centre.number}`}>
          {t('web:centre.cancel')}
        </a>
      </form>
    </Layout>
  );
};
