import { anyCase } from './case.js';
import { type CentreMention, centreMention } from './centre-prose.js';
import { emailsIn } from './eo-contact.js';
import { signerOf } from './sign-off.js';
import { TITLE_PATTERN } from './titles.js';

const NAME_PART = "\\p{Lu}[\\p{L}'’-]+";
const PARTICLE = '(?:ap|ab|ferch|verch|de|van|von|der|le|la|du)';
const NAME = `(?:${TITLE_PATTERN} )?${NAME_PART}(?: (?:${PARTICLE} )?${NAME_PART}){0,3}`;
const EO_WORDS = anyCase('(?:exams?|examinations?) officer|eo|swyddog arholiadau');
const NEW_EO_CY = anyCase('(?:swyddog arholiadau newydd|sa newydd)');
const MY = anyCase('(?:my|our|his|her|their|fy|ein|ei)');

const FREE_NAME = [
  new RegExp(
    `${anyCase('new')} (?:${EO_WORDS}) (?:will be|is|is now|from [^,.]{3,30},?(?: will be)?)[: ]+(${NAME})`,
    'u',
  ),
  new RegExp(
    `(${NAME}) (?:will be|is|has been appointed as|will be taking over as|is taking over as|takes over as) (?:our |the )?(?:new )?(?:${EO_WORDS})`,
    'u',
  ),
  new RegExp(`(?:replaced|succeeded) by (${NAME})`, 'u'),
  new RegExp(
    `${MY} ${anyCase('(?:replacement|successor)')} (?:will be|is|is going to be)[: ]+(${NAME})`,
    'u',
  ),
  new RegExp(`${anyCase('handing over to')} (${NAME})`, 'u'),
  new RegExp(`${NEW_EO_CY} (?:fydd|yw|ydy|yn awr yw)[: ]+(${NAME})`, 'u'),
  new RegExp(`(${NAME}) (?:fydd|yw|ydy|sydd) (?:ein |y |'r )?${NEW_EO_CY}`, 'u'),
  new RegExp(`${MY} ${anyCase('olynydd')} (?:fydd|yw|ydy)[: ]+(${NAME})`, 'u'),
  new RegExp(`(${NAME}) (?:fydd yn cymryd|sy'n cymryd) (?:fy|ei|ein) lle`, 'u'),
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
  /^(?:yours sincerely|yours faithfully|yours|sincerely|kind regards|best regards|warm regards|regards|best wishes|all the best|many thanks|with thanks|thanks(?: again)?|thank you|signed|cheers|yn gywir(?: iawn)?|yr eiddoch yn gywir|yn ddiffuant|cofion(?: gorau| cynnes)?|gyda diolch|diolch(?: yn fawr)?(?: iawn)?)[,.!]?$/i;

/** What running text says: the new EO's name, an address given as such, the centre, and who signed. */
export interface ProseReading {
  name: string | null;
  email: string | null;
  number: string | null;
  centre: CentreMention | null;
  signer: string | null;
  /** Addresses in the writer's own sign-off block: never the new EO's when another is given. */
  signOffEmails: string[];
}

const first = (text: string, patterns: RegExp[]) => {
  for (const re of patterns) {
    const m = text.match(re)?.[1];
    if (m) return m;
  }
  return null;
};

export function readProse(lines: string[]): ProseReading {
  const text = lines.join(' ').replace(/\s+/g, ' ');
  // A letter ends with its signer: the closing, then the name, then (often) the role.
  let signer: string | null = null;
  let signOffEmails: string[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!CLOSINGS.test(lines[i] ?? '')) continue;
    const after = lines.slice(i + 1, i + 10);
    signer = signerOf(after);
    signOffEmails = emailsIn(after.join('\n'));
    break;
  }
  return {
    name: first(text, FREE_NAME),
    email: first(text, FREE_EMAIL),
    number: first(text, FREE_NUMBER),
    centre: centreMention(text, lines),
    signer,
    signOffEmails,
  };
}
