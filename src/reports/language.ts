import { type Language, type T, translator } from '../i18n/index.js';

/** A report's language: one of ours, or `both` for a bilingual document with Welsh first. */
export const REPORT_LANGUAGES = ['cy', 'en', 'both'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export interface Wording {
  /** The languages in reading order. */
  languages: Language[];
  /** The document language: the first one read. */
  lang: Language;
  /** A short label in every language, Welsh first: "Tudalen 1 o 2 / Page 1 of 2". */
  label(key: string, params?: Record<string, unknown>): string;
  /** A sentence per language, Welsh first, for text long enough to set as separate paragraphs. */
  each(key: string, params?: Record<string, unknown>): { lang: Language; text: string }[];
  /** One translator per language, for values (dates, yes/no) the view model formats itself. */
  t: Record<Language, T>;
}

export function wording(lang: ReportLanguage): Wording {
  const languages: Language[] = lang === 'both' ? ['cy', 'en'] : [lang];
  const t = { cy: translator('cy'), en: translator('en') };
  const each = (key: string, params?: Record<string, unknown>) =>
    languages.map((l) => ({ lang: l, text: String(t[l](key, params)) }));
  return {
    languages,
    lang: languages[0] ?? 'en',
    label: (key, params) =>
      each(key, params)
        .map((x) => x.text)
        .join(' / '),
    each,
    t,
  };
}

const LOCALES: Record<Language, string> = { cy: 'cy', en: 'en-GB' };

/** A day as people in Wales read it: "15 Gorffennaf 2026", "15 July 2026" (Europe/London). */
export function formatDay(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** When a report was produced: day and minute, Europe/London. */
export function formatMoment(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'Europe/London',
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(date);
}
