import type { Language } from './index.js';

const LOCALES: Record<Language, string> = { cy: 'cy', en: 'en-GB' };

type DateStyle = 'full' | 'long' | 'medium';

// Making a DateTimeFormat costs far more than using one, so each language and style is made once.
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment as people in Wales read it, to the minute, in Europe/London (SPEC 3: stored in UTC, shown
 * in London time): "dydd Mercher, 2 Rhagfyr 2026 am 14:05" / "Wednesday, 2 December 2026 at 14:05".
 */
export function londonDateTime(lang: Language, at: Date, dateStyle: DateStyle = 'long'): string {
  const key = `${lang}:${dateStyle}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], {
      timeZone: 'Europe/London',
      dateStyle,
      timeStyle: 'short',
    });
    formats.set(key, format);
  }
  return format.format(at);
}
