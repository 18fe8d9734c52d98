import { DEMO_ORG_NAMES } from '../config.js';
import type { MailLanguage } from './outbox.js';

/** Template files by path relative to `templates/`, e.g. `cy/eo_reset.txt`. */
export type TemplateStore = Record<string, string>;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);

function fill(source: string, params: Record<string, unknown>, encode: (s: string) => string): string {
  return source.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => encode(String(params[key] ?? '')));
}

class MissingTemplateError extends Error {}

/** The organisation's name in each language (ORG_NAME_EN, ORG_NAME_CY): `{{org_name}}` in a template. */
export interface OrgNames {
  en: string;
  cy: string;
}

function renderOne(
  store: TemplateStore,
  name: string,
  lang: 'en' | 'cy',
  given: Record<string, unknown>,
  org: OrgNames,
) {
  const params = { ...given, org_name: org[lang] };
  const text = store[`${lang}/${name}.txt`];
  const html = store[`${lang}/${name}.html`];
  if (text === undefined || html === undefined) throw new MissingTemplateError(`${lang}/${name}`);
  // The first line of the text template is its subject: `Subject: ...`.
  const [first = '', ...rest] = fill(text, params, (s) => s).split('\n');
  // An optional part left empty (a note not given) leaves no gap behind it.
  return {
    subject: first.replace(/^Subject:\s*/i, '').trim(),
    text: rest
      .join('\n')
      .replace(/^\n+/, '')
      .replace(/\n{3,}/g, '\n\n'),
    html: fill(html, params, escapeHtml).replace(/<p[^>]*>\s*<\/p>\n?/g, ''),
  };
}

/** Renders a message in Welsh, English, or both with Welsh first (SPEC 2.3 and the glossary). */
export function renderMail(
  store: TemplateStore,
  name: string,
  language: MailLanguage,
  params: Record<string, unknown>,
  org: OrgNames = DEMO_ORG_NAMES,
): RenderedMail {
  if (language !== 'bilingual') return renderOne(store, name, language, params, org);
  const cy = renderOne(store, name, 'cy', params, org);
  const en = renderOne(store, name, 'en', params, org);
  return {
    subject: `${cy.subject} / ${en.subject}`,
    text: `${cy.text}\n\n----------------------------------------\n\n${en.text}`,
    html: `<div lang="cy">${cy.html}</div><hr><div lang="en">${en.html}</div>`,
  };
}

/** The organisation's names from the configuration. */
export const orgNames = (config: { ORG_NAME_EN: string; ORG_NAME_CY: string }): OrgNames => ({
  en: config.ORG_NAME_EN,
  cy: config.ORG_NAME_CY,
});
