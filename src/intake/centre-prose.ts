import { anyCase } from './case.js';

/**
 * A centre's name written beside its number: "We are St Julian's School, centre number 52713",
 * "Coleg Gŵyr Abertawe (68201)", "Ysgol y Preseli, 67002", "Rhif canolfan Ysgol y Preseli yw 67002".
 */

// A capitalised word (or "St."), and the small words that join them inside a name.
const CAP = "(?:St\\.?|\\p{Lu}[\\p{L}'’-]*)";
const JOIN = "(?:of|the|y|yr|and|a|ac|de|for|upon|on|in|'r|’r)";
const RUN = `${CAP}(?:\\s+(?:${JOIN}\\s+)*${CAP}){0,7}`;
const NUMBER_WORDS = anyCase(
  '(?:rhif\\s+(?:y\\s+|ein\\s+)?)?(?:centre|center|canolfan|ganolfan)(?:\\s+(?:number|no\\.?|rhif|#))?(?:\\s+(?:is|yw|ydy))?:?',
);
// What a centre's name contains: prose without such a word beside a bare number is not trusted.
const KIND =
  /\b(?:school|ysgol|college|coleg|academy|academi|high|sixth|centre|canolfan|institute|campus|gyfun|uwchradd)\b/i;
// Words that open a sentence before the name ("We're Coleg …", "Dyma Ysgol …").
const LEAD =
  /^(?:(?:we|we're|we’re|we are|i|i'm|i’m|i am|our|this|this is|hello|hi|dear|from|at|here|ni|dyma|rydym|yma|helo)\s+)+/i;

const PROSE = [
  new RegExp(`(${RUN}),?\\s+\\(?${NUMBER_WORDS}\\s*#?(\\d{5})\\b`, 'gu'),
  new RegExp(`(${RUN})\\s*\\((\\d{5})\\)`, 'gu'),
];
const WELSH_GENITIVE = new RegExp(
  `${anyCase('rhif\\s+(?:y\\s+)?(?:ganolfan|canolfan)')}\\s+(${RUN})\\s+(?:yw|ydy|:)\\s*(\\d{5})\\b`,
  'gu',
);
const LINE = new RegExp(`^(${RUN})\\s*(?:,|\\s[–—-]|\\|)\\s*(\\d{5})$`, 'u');

export interface CentreMention {
  name: string;
  number: string;
}

const tidy = (name: string) =>
  name
    .replace(LEAD, '')
    .replace(/[\s,]+$/, '')
    .trim();

function mention(name: string | undefined, number: string | undefined, needKind: boolean) {
  const cleaned = tidy(name ?? '');
  if (!number || cleaned.length < 3 || cleaned.length > 120 || !/^\p{Lu}|^St\b/u.test(cleaned)) return null;
  if (needKind && !KIND.test(cleaned)) return null;
  return { name: cleaned, number };
}

/** The first centre named beside a number: within one line first (a name never runs across lines), then in running text. */
export function centreMention(prose: string, lines: string[]): CentreMention | null {
  for (const line of lines) {
    const found = inProse(line) ?? lineMention(line);
    if (found) return found;
  }
  return inProse(prose);
}

function lineMention(line: string) {
  const m = line.match(LINE);
  return m ? mention(m[1], m[2], true) : null;
}

function inProse(prose: string): CentreMention | null {
  for (const m of prose.matchAll(WELSH_GENITIVE)) {
    const found = mention(m[1], m[2], false);
    if (found) return found;
  }
  for (const [i, re] of PROSE.entries()) {
    for (const m of prose.matchAll(re)) {
      const found = mention(m[1], m[2], i > 0);
      if (found) return found;
    }
  }
  return null;
}

/** A labelled value that gives both: "Centre: St Julian's School, 52713" or "Canolfan: 67002 Ysgol y Preseli". */
export function splitNameAndNumber(value: string): CentreMention | null {
  const number = value.match(/\b(\d{5})\b/)?.[1];
  if (!number) return null;
  const name = value
    .replace(number, ' ')
    .replace(new RegExp(NUMBER_WORDS, 'giu'), ' ')
    .replace(/[()#]/g, ' ')
    .replace(/^[\s,–—|-]+|[\s,–—|-]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { name: /\p{L}{2}/u.test(name) ? name : '', number };
}

/**
 * A letter's letterhead: its first line, when that names a school or college (and is no address,
 * telephone or greeting). The weakest evidence of the centre's name, used when nothing else names it.
 */
export function letterheadName(lines: string[]): string | null {
  const top = lines.find((l) => l.trim())?.trim() ?? '';
  const words = top.split(/\s+/).length;
  const greeting = /^(?:dear|annwyl|to|at|re|ref|subject|pwnc|attn)\b/i.test(top);
  return KIND.test(top) && words <= 8 && !greeting && !/[\d@:,]/.test(top) && /^\p{Lu}|^St\b/u.test(top)
    ? top
    : null;
}
