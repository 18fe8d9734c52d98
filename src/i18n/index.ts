import i18next, { type TFunction } from 'i18next';
import { resources } from './resources.js';

const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];
export type T = TFunction;

const instance = i18next.createInstance();
// Resources are in memory, so initialisation completes synchronously.
instance.init({
  resources,
  lng: 'en',
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  ns: Object.keys(resources.en),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

// One fixed translator per language, made once: every request asks for one (or two).
const translators: Record<Language, T> = {
  en: instance.getFixedT('en'),
  cy: instance.getFixedT('cy'),
};

export function translator(language: Language): T {
  return translators[language];
}

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'cy';
}

/** Accept-Language, best quality first; the first of ours that appears wins. */
function fromAcceptLanguage(header: string | undefined | null): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((r) => r.tag && !Number.isNaN(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isLanguage(base)) return base;
  }
  return undefined;
}

/** SPEC 2.7: `?lang=` → the account's preference → Accept-Language → English. */
export function chooseLanguage(input: {
  query?: string | null;
  account?: string | null;
  acceptLanguage?: string | null;
}): Language {
  if (isLanguage(input.query)) return input.query;
  if (isLanguage(input.account)) return input.account;
  return fromAcceptLanguage(input.acceptLanguage) ?? 'en';
}
