import { lazy } from '../lazy.js';

const loadFranc = lazy(() => import('franc'));

// Words a Welsh request uses that English mail does not: a backstop when the text is short.
const WELSH_WORDS =
  /\b(?:swyddog|arholiadau|ganolfan|canolfan|newydd|annwyl|diolch|gyda|cofion|ysgrifennu|pennaeth|ein|yw|mae|fydd|yn gywir)\b/gi;
const ENGLISH_WORDS = /\b(?:the|exams|officer|centre|new|dear|thank|regards|our|will|is|with|please)\b/gi;

/**
 * Welsh or English: labelled Welsh field names settle it; otherwise franc (restricted to the two,
 * `cym` is Welsh) on the sender's own words, backed by a count of common words for short text.
 */
export async function detectLanguage(
  ownText: string,
  labels: { welsh: number; english: number },
): Promise<'cy' | 'en'> {
  if (labels.welsh > labels.english) return 'cy';
  if (labels.english > labels.welsh) return 'en';
  const sample = ownText.slice(0, 4000);
  const welsh = sample.match(WELSH_WORDS)?.length ?? 0;
  const english = sample.match(ENGLISH_WORDS)?.length ?? 0;
  if (sample.replace(/\s+/g, ' ').length >= 40) {
    const { franc } = await loadFranc();
    const guess = franc(sample, { only: ['cym', 'eng'], minLength: 10 });
    if (guess === 'cym' && welsh >= english / 2) return 'cy';
    if (guess === 'eng') return welsh > english * 2 && welsh >= 3 ? 'cy' : 'en';
  }
  return welsh > english ? 'cy' : 'en';
}
