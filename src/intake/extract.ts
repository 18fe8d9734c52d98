import { splitBody } from './body-text.js';
import { letterheadName, splitNameAndNumber } from './centre-prose.js';
import { emailNearName, emailsIn } from './eo-contact.js';
import { type ProseReading, readProse } from './free-text.js';
import { matchLabel } from './labels.js';
import type { FieldName } from './result.js';
import { readSigner } from './sign-off.js';
import { splitTitle } from './titles.js';

/** Where a letter's text came from: a PDF's text layer, a Word document, or OCR of a scan. */
export type LetterSource = 'pdf' | 'docx' | 'ocr';
export type FieldSource = 'body_line' | 'table' | 'free_text' | 'subject' | 'sign_off' | LetterSource;

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
  if (field === 'new_eo_email') return emailsIn(value)[0] ?? value;
  if (field === 'centre_number') return value.match(/\b\d{5}\b/)?.[0] ?? null;
  if (field === 'new_eo_name') return clean(value.replace(/[<(]?\S+@\S+.*$/, '')) || null;
  if (field === 'centre_name') return splitNameAndNumber(value)?.name || value;
  if (field === 'signatory') return readSigner(value) ?? value;
  return value;
}

interface Labelled {
  /** Values under a label that names the field for the new Exams Officer. */
  strong: Found;
  /** Values under a bare `Email:` label: perhaps the writer's own. */
  weak: Found;
  counts: [number, number];
}

/** `Label: value` and `Label` on one line with its value on the next, as tables and letters become text. */
function fromLabelledLines(lines: string[], source: FieldSource, into: Labelled) {
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
    if (hit.language === 'cy') into.counts[0]++;
    if (hit.language === 'en') into.counts[1]++;
    if (!rest.trim()) {
      const next = lines.slice(i + 1, i + 3).find((l) => l.trim());
      if (next && !matchLabel(next.split(/[:\t]/)[0] ?? '')) rest = next;
    }
    const put = (field: FieldName, value: string | null) => {
      const target = hit?.language === null && field === 'new_eo_email' ? into.weak : into.strong;
      if (value && !target[field]) target[field] = { value, source };
    };
    put(hit.field, normalise(hit.field, rest));
    // One line can carry two fields: "Centre: St Julian's School, 52713", "Name: Amy Clarke <amy@…>".
    const both = hit.field.startsWith('centre_') ? splitNameAndNumber(clean(rest)) : null;
    if (both?.name) put('centre_name', both.name);
    if (both) put('centre_number', both.number);
    if (hit.field === 'new_eo_name') put('new_eo_email', emailsIn(rest)[0] ?? null);
  }
}

export interface ExtractInput {
  subject: string;
  text: string;
  tableRows: [string, string][];
  /** The text of each attached letter and how it was read. */
  letters: { text: string; source: LetterSource }[];
  /** The From address: the writer, whose own address is not the new EO's. */
  sender: string | null;
}

interface Reading extends ProseReading {
  lines: string[];
  source: FieldSource;
}

/** Reads the fields from a message: labelled lines, tables, free text, the letters, the subject. */
export function extractFields(input: ExtractInput): Extraction {
  const { own, signature } = splitBody(input.text);
  const labelled: Labelled = { strong: {}, weak: {}, counts: [0, 0] };
  // Table rows first: in HTML mail the same details also appear, flattened, among the body lines.
  fromLabelledLines(
    input.tableRows.map(([label, value]) => `${label}\t${value}`),
    'table',
    labelled,
  );
  fromLabelledLines(own, 'body_line', labelled);
  const letters = input.letters.map((l) => ({ ...l, lines: l.text.split('\n').map((x) => x.trim()) }));
  for (const l of letters) fromLabelledLines(l.lines, l.source, labelled);
  const readings: Reading[] = [
    { ...readProse(own), lines: own, source: 'free_text' },
    ...letters.map((l) => ({ ...readProse(l.lines), lines: l.lines, source: l.source })),
  ];
  const fields = merge(labelled, readings, input, signature);
  // A reply's subject quotes our reference (EO-2026-00042), whose last five digits are not a centre.
  const subjectNumber = input.subject.replace(/\b[A-Z]{2}-\d{4}-\d{5}\b/gi, '').match(/\b(\d{5})\b/)?.[1];
  if (subjectNumber && !fields.centre_number)
    fields.centre_number = { value: subjectNumber, source: 'subject' };
  return {
    fields,
    welshLabels: labelled.counts[0],
    englishLabels: labelled.counts[1],
    ownText: own.join('\n'),
    signature,
  };
}

/** The best value of each field: labels first, then prose; see each rule below for why. */
function merge(labelled: Labelled, readings: Reading[], input: ExtractInput, signature: string[]): Found {
  const { strong, weak } = labelled;
  const fields: Found = { ...strong };
  const firstOf = (pick: (r: Reading) => string | null | undefined): FoundField | undefined => {
    for (const r of readings) {
      const value = pick(r);
      if (value) return { value, source: r.source };
    }
    return undefined;
  };
  const prose = (field: FieldName, pick: (r: Reading) => string | null | undefined) => {
    const found = firstOf(pick);
    const value = found && normalise(field, found.value);
    if (value && found && !fields[field]) fields[field] = { value, source: found.source };
  };
  prose('new_eo_name', (r) => r.name);
  prose('centre_number', (r) => r.number ?? r.centre?.number);
  prose('centre_name', (r) => r.centre?.name);
  prose('centre_name', (r) => (r.source === 'free_text' ? null : letterheadName(r.lines)));

  // The writer's own addresses (From, signature, sign-off block) are the new EO's only as a last resort.
  const writer = new Set(
    [input.sender ?? '', ...emailsIn(signature.join('\n')), ...readings.flatMap((r) => r.signOffEmails)].map(
      (e) => e.toLowerCase(),
    ),
  );
  const notWriter = (e: string | null | undefined) => (e && !writer.has(e.toLowerCase()) ? e : null);
  const name = fields.new_eo_name?.value;
  const email =
    fields.new_eo_email ??
    (name
      ? firstOf((r) => emailNearName(name, r.lines.join(' ').replace(/\s+/g, ' '), r.lines, writer))
      : undefined) ??
    (notWriter(weak.new_eo_email?.value) ? weak.new_eo_email : undefined) ??
    firstOf((r) => notWriter(r.email && normalise('new_eo_email', r.email))) ??
    weak.new_eo_email ??
    firstOf((r) => r.email && normalise('new_eo_email', r.email));
  if (email) fields.new_eo_email = email;

  // A signed letter is the evidence of who signed: its signer outranks the covering mail's sign-off.
  const [body, ...letterReadings] = readings;
  const letterSigner = letterReadings.find((r) => r.signer);
  if (!fields.signatory && letterSigner?.signer)
    fields.signatory = { value: letterSigner.signer, source: letterSigner.source };
  if (!fields.signatory && body?.signer) fields.signatory = { value: body.signer, source: 'sign_off' };

  if (fields.new_eo_name) {
    const { title, name: bare } = splitTitle(fields.new_eo_name.value);
    if (title) fields.new_eo_title = { value: title, source: fields.new_eo_name.source };
    fields.new_eo_name = { ...fields.new_eo_name, value: bare };
  }
  return fields;
}

export const looksLikeEmail = (s: string) => WELL_FORMED_EMAIL.test(s);
