/**
 * Titles people put before a name, in English and the Welsh forms used in letters: "Parch." (the
 * Reverend), "Yr Athro" (Professor). Longest first, so "Y Parchedig" is not read as "Y" + a name.
 */
const TITLES = [
  'Y Parchedig',
  'Y Parch',
  'Yr Athro',
  'Parchedig',
  'Parch',
  'Professor',
  'Reverend',
  'Prof',
  'Revd',
  'Rev',
  'Miss',
  'Mrs',
  'Mr',
  'Ms',
  'Mx',
  'Dr',
];

/** A title, with or without its full stop, for use inside larger patterns (written as people write it). */
export const TITLE_PATTERN = `(?:${TITLES.map((t) => t.replace(' ', '\\s+')).join('|')})\\.?`;

const LEADING_TITLE = new RegExp(`^(${TITLE_PATTERN})\\s+(?=\\S)`, 'iu');

/** "Dr. Siân Ellis-Jones" → title "Dr", name "Siân Ellis-Jones"; a name without a title is kept whole. */
export function splitTitle(written: string): { title: string | null; name: string } {
  const m = written.match(LEADING_TITLE);
  if (!m) return { title: null, name: written };
  const rest = written.slice(m[0].length).trim();
  // A title alone, or one followed by something that is not a name, is not split off.
  if (!/^\p{Lu}/u.test(rest)) return { title: null, name: written };
  const asWritten = (m[1] ?? '').replace(/\.$/, '').replace(/\s+/g, ' ').toLowerCase();
  return { title: TITLES.find((t) => t.toLowerCase() === asWritten) ?? null, name: rest };
}
