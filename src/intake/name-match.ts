import { foldLabel } from './labels.js';

// Words that say what kind of place a centre is rather than which one: "Ysgol Gyfun Gŵyr" and
// "Gower Comprehensive School" differ in these, while "Gŵyr" must still match.
const KIND_WORDS = new Set([
  'school',
  'ysgol',
  'high',
  'uwchradd',
  'comprehensive',
  'gyfun',
  'cyfun',
  'college',
  'coleg',
  'academy',
  'primary',
  'gynradd',
  'cynradd',
  'secondary',
  'community',
  'church',
  'in',
  'wales',
  'the',
  'y',
  'yr',
  'of',
  'and',
  'a',
  'ac',
  'a',
  'ltd',
  'sixth',
  'form',
  'centre',
  'canolfan',
  'ganolfan',
  'middle',
  'ganol',
  'ganolog',
  'school.',
]);
const SAINT = new Set(['st', 'saint', 'sant', 'santes']);

function nameTokens(name: string): string[] {
  return foldLabel(name)
    .replace(/'s\b/g, 's')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean)
    .map((t) => (SAINT.has(t) ? 'st' : t))
    .filter((t) => !KIND_WORDS.has(t));
}

/** The name a centre wrote matches the one on record, give or take case, accents, punctuation and kind words. */
export function centreNameMatches(given: string, onRecord: string): boolean {
  const a = nameTokens(given);
  const b = nameTokens(onRecord);
  if (a.length === 0 || b.length === 0) return foldLabel(given) === foldLabel(onRecord);
  return a.length === b.length && a.every((t) => b.includes(t));
}
