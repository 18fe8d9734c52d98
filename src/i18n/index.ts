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

/** Enough for every key with each of its everyday values; past it the kept answers start again. */
const KEPT_ANSWERS = 10_000;

/**
 * The call's identity when its answer depends on nothing else: a string key and plain values (each
 * length-prefixed, so no two calls share one). Anything else (an object, a Date) is not kept.
 */
function callKey(key: unknown, opts: unknown): string | undefined {
  if (typeof key !== 'string') return undefined;
  if (opts === undefined) return key;
  if (typeof opts !== 'object' || opts === null) return undefined;
  let id = key;
  for (const [name, value] of Object.entries(opts)) {
    const type = typeof value;
    if (type !== 'string' && type !== 'number' && type !== 'boolean' && value !== undefined) return undefined;
    const text = `${type[0]}${String(value)}`;
    id += `|${name.length}:${name}${text.length}:${text}`;
  }
  return id;
}

/**
 * A translator fixed to one language. i18next's own (`getFixedT`) copies every init option into a
 * fresh object on each call, about 12 µs a lookup against 4 µs for `t` given `lng`; and the
 * resources are in memory and never change, so the same key with the same plain values always
 * answers the same string, which is kept (a chat reply or an error makes a dozen such calls).
 */
function fixedTranslator(lng: Language): T {
  const fixed = instance.getFixedT(lng) as unknown as (...args: unknown[]) => unknown;
  const kept = new Map<string, string>();
  const t = (key: unknown, opts?: unknown, ...rest: unknown[]) => {
    const id = rest.length === 0 ? callKey(key, opts) : undefined;
    if (id === undefined) return fixed(key, opts, ...rest);
    const known = kept.get(id);
    if (known !== undefined) return known;
    const options: Record<string, unknown> = { ...(opts as object) };
    options.lng ||= lng;
    const answer: unknown = instance.t(key as string, options);
    if (typeof answer === 'string') {
      if (kept.size >= KEPT_ANSWERS) kept.clear();
      kept.set(id, answer);
    }
    return answer;
  };
  return t as unknown as T;
}

// One fixed translator per language, made once: every request asks for one (or two).
const translators: Record<Language, T> = {
  en: fixedTranslator('en'),
  cy: fixedTranslator('cy'),
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
