import type { FC } from 'hono/jsx';
import type { sampleView } from '../../marks/sample.js';
import type { WebState } from '../env.js';
import { Csrf, ErrorSummary, type FieldError, Layout, Notice } from '../kit.js';

type Member = Awaited<ReturnType<typeof sampleView>>['data'][number];
export interface SampleFile {
  id: number;
  filename: string;
  size: number;
}

export interface SampleView {
  number: string;
  unitId: number;
  heading: string;
  uploads: boolean;
  members: (Member & { files: SampleFile[] })[];
  /** Candidates with a numeric mark who are not in the sample: those the centre may add. */
  addable: { candidate_number: string; name: string; total: number | string | null }[];
}

const Replace: FC<{ web: WebState; view: SampleView; m: Member }> = ({ web, view, m }) => {
  const { t } = web;
  const id = `reason-${m.candidate_number}`;
  return (
    <form
      method="post"
      action={`/centres/${view.number}/units/${view.unitId}/sample/${m.candidate_number}/replace`}
    >
      <Csrf web={web} />
      <label for={id} class="visually-hidden">
        {t('web:sample.replace_reason', { candidate: m.candidate_number })}
      </label>
      <select id={id} name="reason">
        <option value="lost">{t('web:sample.reason_lost')}</option>
        <option value="incomplete">{t('web:sample.reason_incomplete')}</option>
      </select>{' '}
      <button class="button button--secondary" type="submit">
        {t('web:sample.replace')}
      </button>
    </form>
  );
};

const Files: FC<{ web: WebState; view: SampleView; m: SampleView['members'][number] }> = ({
  web,
  view,
  m,
}) => {
  const { t } = web;
  const base = `/centres/${view.number}/units/${view.unitId}/sample/${m.candidate_number}/files`;
  const id = `files-${m.candidate_number}`;
  return (
    <>
      <ul>
        {m.files.map((f) => (
          <li>
            <a href={`${base}/${f.id}`}>{f.filename}</a> {`(${Math.ceil(f.size / 1024)} kB)`}
          </li>
        ))}
      </ul>
      <form method="post" action={base} enctype="multipart/form-data">
        <Csrf web={web} />
        <label for={id}>{t('web:sample.upload_label', { candidate: m.candidate_number })}</label>
        <input id={id} name="files" type="file" multiple />{' '}
        <button class="button button--secondary" type="submit">
          {t('web:sample.upload')}
        </button>
      </form>
    </>
  );
};

/** Seed 001's "View samples": who is in it and why, add a candidate, replace lost work, upload files. */
export const SamplePage: FC<{ web: WebState; view: SampleView; errors: FieldError[]; notice?: string }> = ({
  web,
  view,
  errors,
  notice,
}) => {
  const { t } = web;
  const live = view.members.filter((m) => !m.replaced);
  return (
    <Layout web={web} title={t('web:sample.title')} wide>
      <ErrorSummary t={t} errors={errors} />
      <Notice text={notice} success />
      <p class="caption">{view.heading}</p>
      <h1>{t('web:sample.title')}</h1>
      <p>{t('web:sample.intro')}</p>
      <section class="table-scroll" aria-label={t('web:sample.title')} tabindex={0}>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('web:marksheet.candidate')}</th>
              <th scope="col">{t('web:marksheet.name')}</th>
              <th scope="col">{t('web:marksheet.total')}</th>
              <th scope="col">{t('web:sample.why')}</th>
              <th scope="col">{t('web:sample.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {live.map((m) => (
              <tr>
                <td>{m.candidate_number}</td>
                <td>{m.name}</td>
                <td>{String(m.total ?? '')}</td>
                <td>
                  {t(`web:sample.reason_${m.reason}`)}
                  {m.replaces ? ` · ${t('web:sample.replaces', { candidate: m.replaces })}` : ''}
                </td>
                <td>
                  {m.reason === 'system' ? <Replace web={web} view={view} m={m} /> : null}
                  {view.uploads ? <Files web={web} view={view} m={m} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {view.addable.length ? (
        <form method="post" action={`/centres/${view.number}/units/${view.unitId}/sample`}>
          <Csrf web={web} />
          <h2>{t('web:sample.add_title')}</h2>
          <div class="form-group">
            <label for="candidate">{t('web:sample.add_label')}</label>
            <p class="hint" id="candidate-hint">
              {t('web:sample.add_hint')}
            </p>
            <select id="candidate" name="candidate" aria-describedby="candidate-hint">
              {view.addable.map((a) => (
                <option value={a.candidate_number}>{`${a.candidate_number} ${a.name} (${a.total})`}</option>
              ))}
            </select>
          </div>
          <button class="button" type="submit">
            {t('web:sample.add')}
          </button>
        </form>
      ) : null}
      <p>
        <a href={`/centres/${view.number}/units`}>{t('web:sample.back')}</a>
      </p>
    </Layout>
  );
};
