import type { AppContext } from '../context.js';
import { type AuthEvidence, authenticityOf } from './authenticity.js';
import { type Extraction, extractFields, type LetterSource } from './extract.js';
import { detectLanguage } from './language.js';
import { readLetter } from './letters.js';
import type { MailAttachment, ParsedMessage } from './parse.js';
import type { Authentication } from './result.js';
import { isTnef, readTnef } from './tnef.js';

interface StoredAttachment {
  sha256: string;
  filename: string;
  contentType: string;
  size: number;
  /** How its text was read (`pdf`, `docx`, `ocr`), and why not when it could not be. */
  readAs: LetterSource | null;
  readFailure: string | null;
}

export interface Analysis {
  attachments: StoredAttachment[];
  /** Attachments that were not kept: too large, or a TNEF part whose files could not be read. */
  unreadable: { filename: string; why: 'too_large' | 'tnef' }[];
  letterhead: boolean;
  extraction: Extraction;
  language: 'cy' | 'en';
  authentication: Authentication;
  authEvidence: AuthEvidence | null;
  aboutEoChange: boolean;
}

const MIME_OF: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
const mimeOf = (filename: string) =>
  MIME_OF[filename.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/** Outlook's winmail.dat carries the real files: unpack them so a PDF letterhead inside is seen. */
function unpackTnef(parts: MailAttachment[], unreadable: Analysis['unreadable']): MailAttachment[] {
  return parts.flatMap((part) => {
    if (!isTnef(part)) return [part];
    const files = readTnef(part.content);
    if (!files) {
      unreadable.push({ filename: part.filename, why: 'tnef' });
      return [part];
    }
    return files.map((f) => ({
      filename: f.filename,
      contentType: mimeOf(f.filename),
      content: f.content,
      inline: false,
    }));
  });
}

const EO_PHRASE = /(?:exams?|examinations?) officer|swyddog(?:ion)? (?:yr )?arholiadau|\bEO\b/i;
const CHANGE_WORD = /\b(?:chang\w*|new|replac\w*|leav\w*|appoint\w*|newid\w*|newydd|gadael|penodi)\b/i;

const LETTER_WORD = /\b(?:letter|scan\w*|llythyr|sgan\w*)\b/i;

/**
 * Is this about changing the Exams Officer? So it is when the fields or the words say so, and also
 * when a letter is attached that could not be read and the note points to it ("see the attached
 * scanned letter"): staff read it then, rather than it being set aside unseen.
 */
function aboutEoChange(
  subject: string,
  extraction: Extraction,
  letters: string,
  unreadLetter: boolean,
): boolean {
  const f = extraction.fields;
  const found = [f.new_eo_name, f.new_eo_email, f.centre_number].filter(Boolean).length;
  const text = `${subject}\n${extraction.ownText}\n${letters}`;
  if (unreadLetter && LETTER_WORD.test(`${subject}\n${extraction.ownText}`)) return true;
  return found >= 2 || (EO_PHRASE.test(text) && (CHANGE_WORD.test(text) || found >= 1));
}

/** Everything intake reads from one parsed message; attachments are stored on the way. */
export async function analyse(
  ctx: AppContext,
  msg: ParsedMessage,
  raw: Uint8Array | null,
): Promise<Analysis> {
  const unreadable: Analysis['unreadable'] = [];
  const parts = unpackTnef(msg.attachments, unreadable);
  const attachments: StoredAttachment[] = [];
  const letters: { text: string; source: LetterSource }[] = [];
  let letterhead = false;
  for (const part of parts) {
    if (part.content.byteLength > ctx.config.MAIL_MAX_ATTACHMENT_BYTES) {
      unreadable.push({ filename: part.filename, why: 'too_large' });
      continue;
    }
    const ref = await ctx.blobs.put(part.content);
    const read = part.content.byteLength > 0 ? await readLetter(ctx, part) : null;
    attachments.push({
      sha256: ref.sha256,
      filename: part.filename,
      contentType: part.contentType,
      size: ref.size,
      readAs: read?.source ?? null,
      readFailure: read?.failure ?? null,
    });
    if (read?.letterhead) letterhead = true;
    if (read?.text?.trim() && read.source) letters.push({ text: read.text, source: read.source });
  }
  const extraction = extractFields({
    subject: msg.subject,
    text: msg.text,
    tableRows: msg.tableRows,
    letters,
    sender: msg.from,
  });
  const auth = await authenticityOf(ctx, msg, raw);
  const letterText = letters.map((l) => l.text).join('\n');
  const language = await detectLanguage(`${extraction.ownText}\n${letterText}`, {
    welsh: extraction.welshLabels,
    english: extraction.englishLabels,
  });
  return {
    attachments,
    unreadable,
    letterhead,
    extraction,
    language,
    authentication: auth.authentication,
    authEvidence: auth.evidence,
    aboutEoChange: aboutEoChange(
      msg.subject,
      extraction,
      letterText,
      attachments.some((a) => a.readFailure !== null),
    ),
  };
}
