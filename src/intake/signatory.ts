import { foldLabel } from './labels.js';

// Senior roles in English and Welsh (Head of Centre or the Senior Leadership Team, SPEC 2.3).
const SENIOR_ROLE = new RegExp(
  [
    'head ?teacher',
    'head of (?:centre|center|school|college)',
    'acting head',
    'executive head',
    '\\bhead\\b',
    '(?:vice |deputy |assistant )?principal',
    'deputy(?: head)?',
    'assistant head',
    'senior leadership',
    'senior management',
    '\\bslt\\b',
    '\\bsmt\\b',
    'business manager',
    'pennaeth',
    'bennaeth',
    'prifathro',
    'brifathro',
    'prifathrawes',
    'brifathrawes',
    'dirprwy',
    'is-bennaeth',
    'uwch dim (?:arwain|rheoli)',
    'pennaeth canolfan',
  ].join('|'),
  'i',
);

function statesSeniorRole(signatory: string): boolean {
  return SENIOR_ROLE.test(foldLabel(signatory));
}

const words = (s: string) =>
  foldLabel(s)
    .replace(/\b(?:mr|mrs|ms|miss|mx|dr|prof|professor)\b\.?/g, ' ')
    .split(/[^\p{L}'-]+/u)
    .filter((w) => w.length > 1);

/** The signatory names the Head of Centre on record (every word of the recorded name appears). */
function namesHead(signatory: string, headName: string): boolean {
  const head = words(headName);
  const given = new Set(words(signatory));
  return head.length > 0 && head.every((w) => given.has(w));
}

export const signatoryMatches = (signatory: string | null, headName: string | null) =>
  signatory !== null &&
  ((headName !== null && namesHead(signatory, headName)) || statesSeniorRole(signatory));
