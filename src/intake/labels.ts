import { fold } from '../centres/fold.js';
import type { FieldName } from './result.js';

/** A label as written, folded: lower case, no accents, one kind of apostrophe, single spaces. */
export const foldLabel = (s: string) =>
  fold(s)
    .replace(/[’‘`´]/g, "'")
    .replace(/[*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const EO = '(?:exams?|examinations?) officer|eo|swyddog (?:yr )?arholiadau|s\\.?a\\.?';
const NEW = '(?:new|newydd)';

/**
 * Labels per field, English and Welsh, tried in this order: the email label must be tried before the
 * name label, because "New Exams Officer email" also starts like "New Exams Officer".
 */
const LABELS: [FieldName, RegExp, 'en' | 'cy' | null][] = [
  ['new_eo_email', new RegExp(`^(?:${NEW} )?(?:${EO})(?: ${NEW})?'?s? e-?mail(?: address)?$`), 'en'],
  ['new_eo_email', new RegExp(`^e-?mail(?: address)?(?: of| for)?(?: the)? ${NEW} (?:${EO})$`), 'en'],
  ['new_eo_email', /^(?:cyfeiriad )?e-?bost(?: y| yr)? (?:swyddog (?:yr )?arholiadau|sa) newydd$/, 'cy'],
  ['new_eo_email', /^(?:email|e-mail|email address|e-bost|cyfeiriad e-bost)$/, null],
  ['new_eo_name', new RegExp(`^(?:name of(?: the)? )?${NEW} (?:${EO})(?:'?s)?(?: name| full name)?$`), 'en'],
  ['new_eo_name', new RegExp(`^(?:${EO}) (?:name )?\\(?${NEW}\\)?$`), 'en'],
  ['new_eo_name', /^enw(?:'r| y)? (?:swyddog (?:yr )?arholiadau|sa) newydd$/, 'cy'],
  ['new_eo_name', /^(?:y )?swyddog (?:yr )?arholiadau newydd$/, 'cy'],
  ['centre_number', /^(?:your )?(?:centre|center|school) (?:number|no\.?|#)$/, 'en'],
  ['centre_number', /^rhif(?: y| yr)? (?:ganolfan|canolfan|ysgol)$/, 'cy'],
  [
    'centre_name',
    /^(?:your )?(?:centre|center|school) name$|^name of (?:the )?(?:centre|center|school)$/,
    'en',
  ],
  ['centre_name', /^enw(?:'r| y)? (?:ganolfan|ysgol|coleg)$/, 'cy'],
  // "Centre: St Julian's School, 52713": the value may carry the number too (see extract.ts).
  ['centre_name', /^(?:centre|center|school|college)$/, 'en'],
  ['centre_name', /^(?:canolfan|ysgol|coleg)$/, 'cy'],
  ['signatory', /^(?:signed(?: by)?|signatory|signature|authorised by|authorized by)$/, 'en'],
  ['signatory', /^(?:llofnodwyd gan|llofnod|wedi'i lofnodi gan|awdurdodwyd gan)$/, 'cy'],
];

const WELSH_LABEL_WORD =
  /\b(?:swyddog|arholiadau|newydd|enw|rhif|ganolfan|canolfan|ysgol|coleg|e-bost|cyfeiriad|llofnod\w*|awdurdodwyd|s\.?a)\b/;
const ENGLISH_LABEL_WORD =
  /\b(?:new|name|number|no|centre|center|school|college|exams?|examinations?|officer|e-?mail|address|signed|signatory|signature|authori[sz]ed|eo)\b/;

/**
 * A label's language by its words: patterns such as "(exams officer|swyddog arholiadau) new|newydd"
 * accept both, so "Swyddog Arholiadau newydd" must not be counted as English.
 */
function languageOf(folded: string, tagged: 'en' | 'cy' | null): 'en' | 'cy' | null {
  if (tagged === null) return null;
  const welsh = WELSH_LABEL_WORD.test(folded);
  const english = ENGLISH_LABEL_WORD.test(folded);
  return welsh && !english ? 'cy' : english && !welsh ? 'en' : tagged;
}

/** The field a label names, and the language the label is in (null when it could be either). */
export function matchLabel(label: string): { field: FieldName; language: 'en' | 'cy' | null } | null {
  const folded = foldLabel(label)
    .replace(/^(?:\d+[.)]|[-•·])\s*/, '')
    .replace(/\s*\((?:please print|required)\)$/, '')
    .replace(/[.:]$/, '')
    .trim();
  for (const [field, re, language] of LABELS)
    if (re.test(folded)) return { field, language: languageOf(folded, language) };
  return null;
}
