import { TITLE_PATTERN } from './titles.js';

// Words that make a line a job title rather than a name or an address, in English and Welsh.
const ROLE_WORDS =
  /\b(?:head ?teacher|head|headmaster|headmistress|principal|deputy|assistant|acting|executive|manager|officer|administrator|admin|secretary|clerk|co-?ordinator|director|bursar|teacher|chair|governor|leader|slt|smt|business|pennaeth|bennaeth|prifathr\w*|brifathr\w*|dirprwy|is-bennaeth|rheolwr\w*|swyddog|gweinydd\w*|ysgrifennydd\w*|cydlynydd|cyfarwyddwr|athr\w*|cadeirydd|llywodraethwr)\b/i;
const NOT_A_NAME = /[@\d/:]|https?|www\.|\b(?:school|ysgol|college|coleg|academy|centre|canolfan)\b/i;
const NAME_WORD = "(?:\\p{Lu}[\\p{L}'’.-]*|ap|ab|ferch|de|van|von|der|le|la|du)";
const PERSON = new RegExp(`^(?:${TITLE_PATTERN}\\s+)?\\p{Lu}[\\p{L}'’.-]*(?:\\s+${NAME_WORD}){0,4}$`, 'u');

const isRole = (line: string) =>
  line.length <= 80 && !/[@\d]|https?|www\./i.test(line) && ROLE_WORDS.test(line);
const isPerson = (line: string) => line.length <= 60 && !NOT_A_NAME.test(line) && PERSON.test(line);

/** "Fiona Baker (Headteacher)", "Fiona Baker, Headteacher", "Fiona Baker | Pennaeth", "… – Head". */
function oneLine(line: string): { name: string; role: string } | null {
  const m = line.match(/^(.+?)\s*\(([^()]+)\)$/) ?? line.match(/^(.+?)\s*(?:,|\||\s[–—-])\s*(.+)$/);
  const name = m?.[1]?.trim() ?? '';
  const role = m?.[2]?.trim() ?? '';
  return m && isPerson(name) && isRole(role) ? { name, role } : null;
}

/**
 * The signer as "Name, Role" (or just "Name") from the lines after a closing such as "Yours sincerely".
 * A first name alone above the full name ("Sharon" / "Sharon Clarke") is an informal sign-off, not
 * a second person; anything that is not a person's name (an address, a school, a phone) gives null.
 */
export function signerOf(linesAfterClosing: string[]): string | null {
  const lines = linesAfterClosing.filter(Boolean).slice(0, 4);
  if (lines.length > 1 && !/\s/.test(lines[0] ?? '') && lines[1]?.startsWith(`${lines[0]} `)) lines.shift();
  const first = lines[0];
  if (!first) return null;
  return readSigner(first, lines[1]);
}

/** A signatory as written on one line, or on two with the role under the name; normalised to "Name, Role". */
export function readSigner(line: string, next?: string): string | null {
  const single = oneLine(line);
  if (single) return `${single.name}, ${single.role}`;
  if (!isPerson(line)) return null;
  return next && isRole(next) ? `${line}, ${next}` : line;
}
