import { splitBody } from './body-text.js';
import { matchLabel } from './labels.js';
import type { FieldName } from './result.js';

type FieldSource = 'body_line' | 'table' | 'free_text' | 'pdf' | 'subject';

export interface FoundField {
  value: string;
  source: FieldSource;
}

type Found = Partial<Record<FieldName, FoundField>>;

export interface Extraction {
  fields: Found;
  /** Labels in Welsh and in English that the message used: the strongest clue to its language. */
  welshLabels: number;
  englishLabels: number;
  /** The sender's own words (not quoted, not the signature), for language detection and intent. */
  ownText: string;
  signature: string[];
}

const EMAIL =
  /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+/;
const WELL_FORMED_EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+$/;

const clean = (s: string) =>
  s
    .replace(/[*_]{2,}/g, '')
    .replace(/^[\s:–—-]+|[\s,;.]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** A value as the field needs it: an email address from `Jo <jo@x>`, five digits for a number. */
function normalise(field: FieldName, raw: string): string | null {
  const value = clean(raw);
  if (!value || value.length > 200) return null;
  if (field === 'new_eo_email') {
    const m = value.match(EMAIL);
    return m ? m[0].replace(/[.]+$/, '') : value;
  }
  if (field === 'centre_number') return value.match(/\b\d{5}\b/)?.[0] ?? null;
  return value;
}

/** `Label: value` and `Label` on one line with its value on the next, as tables and PDFs become text. */
function fromLabelledLines(lines: string[], source: FieldSource, into: Found, counts: [number, number]) {
  const generic = new Set<FieldName>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const split = line.match(/^(.{2,80}?)\s*(?::|\t| - | – )\s*(.*)$/);
    let hit = split ? matchLabel(split[1] ?? '') : null;
    let rest = split?.[2] ?? '';
    if (!hit) {
      hit = matchLabel(line);
      rest = '';
    }
    if (!hit) continue;
    if (hit.language === 'cy') counts[0]++;
    if (hit.language === 'en') counts[1]++;
    if (!rest.trim()) {
      const next = lines.slice(i + 1, i + 3).find((l) => l.trim());
      if (next && !matchLabel(next.split(/[:\t]/)[0] ?? '')) rest = next;
    }
    const value = normalise(hit.field, rest);
    // A bare `Email:` line yields to a label that names the new Exams Officer.
    const weaker = hit.language === null;
    if (value && (!into[hit.field] || (generic.has(hit.field) && !weaker))) {
      into[hit.field] = { value, source };
      if (weaker) generic.add(hit.field);
      else generic.delete(hit.field);
    }
  }
}

const TITLE = '(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\.? )?';
const NAME = `${TITLE}[A-ZÀ-ÖØ-Þ\\u0174\\u0176][\\p{L}'’-]+(?: [A-ZÀ-ÖØ-Þ\\u0174\\u0176][\\p{L}'’-]+){0,3}`;
/** Case-insensitive letters in a pattern whose names must still start with a capital (no `i` flag). */
const anyCase = (pattern: string) =>
  pattern.replace(/[a-z]/g, (ch, at: number, all: string) =>
    all[at - 1] === '\\' ? ch : `[${ch}${ch.toUpperCase()}]`,
  );
const EO_WORDS = anyCase('(?:exams?|examinations?) officer|eo|swyddog arholiadau');

const FREE_NAME = [
  new RegExp(
    `${anyCase('new')} (?:${EO_WORDS}) (?:will be|is|is now|from [^,.]{3,30},?(?: will be)?)[: ]+(${NAME})`,
    'u',
  ),
  new RegExp(
    `(${NAME}) (?:will be|is|has been appointed as|will be taking over as|is taking over as) (?:our |the )?(?:new )?(?:${EO_WORDS})`,
    'u',
  ),
  new RegExp(`(?:replaced|succeeded) by (${NAME})`, 'u'),
  new RegExp(
    `${anyCase('(?:swyddog arholiadau newydd|sa newydd)')} (?:fydd|yw|ydy|yn awr yw)[: ]+(${NAME})`,
    'u',
  ),
  new RegExp(
    `(${NAME}) (?:fydd|yw|ydy|sydd) (?:ein |y |'r )?${anyCase('(?:swyddog arholiadau newydd|sa newydd)')}`,
    'u',
  ),
];
const FREE_EMAIL = [
  /(?:e-?mail(?: address)?|address) (?:is|will be|:)\s*<?([^\s<>]+@[^\s<>]+)/i,
  /(?:e-?bost|cyfeiriad e-bost)(?: \S+){0,2} (?:yw|ydy|fydd|:)\s*<?([^\s<>]+@[^\s<>]+)/i,
];
const FREE_NUMBER = [
  /(?:centre|center|canolfan|ganolfan)(?: number| no\.?| rhif)?(?: is|:| yw)?\s*#?(\d{5})\b/i,
  /rhif (?:y |ein )?(?:ganolfan|canolfan)(?: yw|:)?\s*(\d{5})\b/i,
];

const CLOSINGS =
  /^(?:yours sincerely|yours faithfully|kind regards|best regards|regards|best wishes|many thanks|thanks|thank you|signed|yn gywir|yn ddiffuant|cofion(?: gorau| cynnes)?|diolch(?: yn fawr)?)[,.!]?$/i;

function fromFreeText(text: string, own: string[], into: Found) {
  const put = (field: FieldName, raw: string | undefined) => {
    const value = raw ? normalise(field, raw) : null;
    if (value && !into[field]) into[field] = { value, source: 'free_text' };
  };
  for (const re of FREE_NAME) put('new_eo_name', text.match(re)?.[1]);
  for (const re of FREE_EMAIL) put('new_eo_email', text.match(re)?.[1]);
  for (const re of FREE_NUMBER) put('centre_number', text.match(re)?.[1]);
  // A letter ends with its signer: the closing, then the name, then (often) the role.
  for (let i = own.length - 1; i >= 0; i--) {
    if (!CLOSINGS.test(own[i] ?? '')) continue;
    const after = own
      .slice(i + 1)
      .filter(Boolean)
      .slice(0, 2);
    if (after[0] && after[0].length <= 80) put('signatory', after.join(', '));
    break;
  }
}

export interface ExtractInput {
  subject: string;
  text: string;
  tableRows: [string, string][];
  pdfText: string[];
}

/** Reads the five fields from a message: labelled lines, tables, free text, the PDF, the subject. */
export function extractFields(input: ExtractInput): Extraction {
  const { own, signature } = splitBody(input.text);
  const fields: Found = {};
  const counts: [number, number] = [0, 0];
  // Table rows first: in HTML mail the same details also appear, flattened, among the body lines.
  fromLabelledLines(
    input.tableRows.map(([label, value]) => `${label}\t${value}`),
    'table',
    fields,
    counts,
  );
  fromLabelledLines(own, 'body_line', fields, counts);
  const pdfLines = input.pdfText.flatMap((t) => t.split('\n').map((l) => l.trim()));
  fromLabelledLines(pdfLines, 'pdf', fields, counts);
  const ownText = own.join('\n');
  fromFreeText(ownText.replace(/\s+/g, ' '), own, fields);
  const pdfFound: Found = {};
  fromFreeText(pdfLines.join(' '), pdfLines, pdfFound);
  for (const [k, v] of Object.entries(pdfFound) as [FieldName, FoundField][]) {
    fields[k] ??= { value: v.value, source: 'pdf' };
  }
  // A reply's subject quotes our reference (EO-2026-00042), whose last five digits are not a centre.
  const subjectNumber = input.subject.replace(/\b[A-Z]{2}-\d{4}-\d{5}\b/gi, '').match(/\b(\d{5})\b/)?.[1];
  if (subjectNumber && !fields.centre_number)
    fields.centre_number = { value: subjectNumber, source: 'subject' };
  return { fields, welshLabels: counts[0], englishLabels: counts[1], ownText, signature };
}

export const looksLikeEmail = (s: string) => WELL_FORMED_EMAIL.test(s);
