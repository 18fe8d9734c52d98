import type { Child, FC } from 'hono/jsx';
import type { ErrorDetail } from '../errors.js';
import type { T } from '../i18n/index.js';
import type { WebState } from './env.js';

/** A field's error, already in the page's language. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A translated string with placeholders, made once and filled many times: i18next's `t` costs about
 * 0.2 ms a call with interpolation, which a 300-row marksheet with three labelled cells a row felt.
 */
export function stencil(t: T, key: string, names: readonly string[]) {
  const marks = Object.fromEntries(names.map((n, i) => [n, `\uE000${i}\uE000`]));
  const parts = t(key, marks).split(/\uE000(\d+)\uE000/);
  return (values: Record<string, string | number>) =>
    parts.map((part, i) => (i % 2 ? String(values[names[Number(part)] ?? ''] ?? '') : part)).join('');
}

/** A detail's message: the pages' own wording first, then the API's validation wording. */
export function fieldErrors(t: T, details: readonly ErrorDetail[]): FieldError[] {
  return details.map((d) => ({
    field: d.field ?? '',
    message: t(`web:field.${d.code}`, {
      ...d.params,
      defaultValue: t(`validation:${d.code}`, { ...d.params, defaultValue: t('validation:invalid') }),
    }),
  }));
}

/** Each language is offered in its own name, as on every bilingual site: not a translation. */
const AUTONYMS = { cy: 'Cymraeg', en: 'English' } as const;

const LanguageSwitch: FC<{ web: WebState }> = ({ web }) => {
  const other = web.lang === 'cy' ? 'en' : 'cy';
  const href = `/language?to=${other}&back=${encodeURIComponent(web.here)}`;
  return (
    <a href={href} lang={other} hreflang={other}>
      {AUTONYMS[other]}
    </a>
  );
};

const SignOut: FC<{ web: WebState }> = ({ web }) => (
  <form method="post" action="/sign-out">
    <input type="hidden" name="_csrf" value={web.csrf} />
    <button type="submit">{web.t('web:layout.sign_out')}</button>
  </form>
);

const Nav: FC<{ web: WebState }> = ({ web }) => {
  const { t, principal } = web;
  // Half-way through signing in (a password given, the code or its enrolment still to come) the
  // only way on is forward, or out: someone at a shared computer must be able to leave.
  if (!principal)
    return web.session ? (
      <nav aria-label={t('web:layout.menu')}>
        <ul class="nav">
          <li>
            <SignOut web={web} />
          </li>
        </ul>
      </nav>
    ) : null;
  return (
    <nav aria-label={t('web:layout.menu')}>
      <ul class="nav">
        {principal.kind === 'centre' ? (
          <>
            <li>
              <a href={`/centres/${principal.centreNumber}`}>{t('web:layout.centre')}</a>
            </li>
            <li>
              <a href={`/centres/${principal.centreNumber}/units`}>{t('web:layout.marks')}</a>
            </li>
          </>
        ) : (
          <li>
            <a href="/centres">{t('web:layout.find_centre')}</a>
          </li>
        )}
        <li>
          <a href="/me">{t('web:layout.my_details')}</a>
        </li>
        <li>
          <a href="/tokens">{t('web:layout.tokens')}</a>
        </li>
        <li>
          <SignOut web={web} />
        </li>
      </ul>
    </nav>
  );
};

/** Every page: `lang` on <html>, a skip link, the header with the menu and the language switch. */
export const Layout: FC<{
  web: WebState;
  title: string;
  wide?: boolean;
  scripts?: string[];
  children?: Child;
}> = ({ web, title, wide, scripts, children }) => {
  const { t } = web;
  return (
    <html lang={web.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('web:layout.service', { org: web.org })}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        {scripts?.map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {t('web:layout.skip')}
        </a>
        <header class="header">
          <a class="service" href="/">
            {t('web:layout.service', { org: web.org })}
          </a>
          <Nav web={web} />
          <LanguageSwitch web={web} />
        </header>
        <main id="main" class={wide ? 'main wide' : 'main'} tabindex={-1}>
          {children}
        </main>
        <footer class="footer">{t('web:layout.footer', { org: web.org })}</footer>
      </body>
    </html>
  );
};

/** GOV.UK's error summary: at the top, focused on load by the browser's autofocus, each error a link. */
export const ErrorSummary: FC<{ t: T; errors: FieldError[] }> = ({ t, errors }) => {
  if (!errors.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{t('web:layout.problem')}</h2>
      <ul>
        {errors.map((e) => (
          <li>{e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
};

export const Csrf: FC<{ web: WebState }> = ({ web }) => <input type="hidden" name="_csrf" value={web.csrf} />;

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  value?: string | null;
  errors: FieldError[];
  type?: 'text' | 'email' | 'password' | 'tel';
  autocomplete?: string;
  inputmode?: 'numeric' | 'email' | 'tel' | 'text';
  class?: string;
  disabled?: boolean;
}

/** A labelled input with its hint and, when refused, its message beside it (read out with it). */
export const Field: FC<FieldProps> = (p) => {
  const error = p.errors.find((e) => e.field === p.name);
  const described = [p.hint ? `${p.name}-hint` : '', error ? `${p.name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={error ? 'form-group form-group--error' : 'form-group'}>
      <label for={p.name}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${p.name}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${p.name}-error`}>
          {error.message}
        </p>
      ) : null}
      <input
        id={p.name}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? undefined : (p.value ?? '')}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        class={[p.class, error ? 'input--error' : ''].filter(Boolean).join(' ') || undefined}
        aria-describedby={described || undefined}
        aria-invalid={error ? 'true' : undefined}
        disabled={p.disabled}
        spellcheck={p.type === 'email' || p.type === 'password' ? false : undefined}
      />
    </div>
  );
};

export const Notice: FC<{ text?: string; success?: boolean }> = ({ text, success }) =>
  text ? (
    <div class={success ? 'notice notice--success' : 'notice'} role="status">
      {text}
    </div>
  ) : null;
