import { lazy } from '../lazy.js';
import { matchLabel } from './labels.js';

const loadFranc = lazy(() => import('franc'));

// Words a Welsh message uses that English mail does not, and the other way round: what decides a
// short text (a six-line request, a one-line question) that a statistical detector cannot.
const WELSH_WORDS =
  /(?<![\p{L}'’])(?:swyddog|swyddogion|arholiadau|ganolfan|canolfan|newydd|annwyl|diolch|gyda|cofion|ysgrifennu|pennaeth|bennaeth|ein|eich|yw|ydy|ydw|ydych|mae|sydd|fydd|bydd|yn gywir|sut|pwy|beth|pryd|newid|angen|hefyd|ond|neu|gan|wedi|rhif|enw|llythyr|ynghlwm|atodedig|bore da|prynhawn da|os gwelwch yn dda|plis|dim|oes|gallwch|allwch|chi|ni|nhw|i'r|o'r|a'r|yr|yn|ac|â|ar gyfer|fel|gwybod|ffurflen|cyfeiriad|e-bost)(?![\p{L}'’])/giu;
const ENGLISH_WORDS =
  /(?<![\p{L}'’])(?:the|exams|officer|centre|new|dear|thank|thanks|regards|our|will|is|with|please|and|to|of|we|you|for|this|that|from|how|what|who|need|change|can|hello|hi|letter|attached|name|number|email)(?![\p{L}'’])/giu;

const count = (text: string, words: RegExp) => text.match(words)?.length ?? 0;

/** Welsh and English evidence in one stretch of text: its marker words, and the labels it uses. */
function evidence(text: string): [number, number] {
  let welsh = count(text, WELSH_WORDS);
  let english = count(text, ENGLISH_WORDS);
  for (const line of text.split('\n')) {
    const label = matchLabel(line.split(/[:\t]/)[0] ?? '');
    // A label names its language outright: worth more than any one word.
    if (label?.language === 'cy') welsh += 3;
    if (label?.language === 'en') english += 3;
  }
  return [welsh, english];
}

const decisive = ([welsh, english]: [number, number]): 'cy' | 'en' | null =>
  welsh >= 3 && welsh >= english * 2 ? 'cy' : english >= 3 && english >= welsh * 2 ? 'en' : null;

/**
 * A message written in both languages (a paragraph clearly in each) is in the language it opens in:
 * Welsh first is Welsh correspondence, and is answered in Welsh (Welsh Language Standards).
 */
function openingOfBilingual(text: string): 'cy' | 'en' | null {
  const paragraphs = text.split(/\n\s*\n/).map((p) => decisive(evidence(p)));
  const opening = paragraphs.find((p) => p !== null) ?? null;
  return paragraphs.includes('cy') && paragraphs.includes('en') ? opening : null;
}

/**
 * Welsh or English: a bilingual message by its opening; otherwise labelled Welsh field names settle
 * it; otherwise franc (restricted to the two, `cym` is Welsh) on the sender's own words, backed by
 * the marker words, which alone decide short text.
 */
export async function detectLanguage(
  ownText: string,
  labels: { welsh: number; english: number },
): Promise<'cy' | 'en'> {
  const sample = ownText.slice(0, 4000);
  const bilingual = openingOfBilingual(sample);
  if (bilingual) return bilingual;
  if (labels.welsh > labels.english) return 'cy';
  if (labels.english > labels.welsh) return 'en';
  const welsh = count(sample, WELSH_WORDS);
  const english = count(sample, ENGLISH_WORDS);
  if (welsh >= 2 && english === 0) return 'cy';
  if (sample.replace(/\s+/g, ' ').length >= 40) {
    const { franc } = await loadFranc();
    const guess = franc(sample, { only: ['cym', 'eng'], minLength: 10 });
    if (guess === 'cym' && welsh >= english / 2) return 'cy';
    if (guess === 'eng') return welsh > english * 2 && welsh >= 3 ? 'cy' : 'en';
  }
  return welsh > english ? 'cy' : 'en';
}
