import type { AppContext } from '../context.js';
import { authenticationOf } from './auth-results.js';
import { type Extraction, extractFields } from './extract.js';
import { detectLanguage } from './language.js';
import { headerValues, type MailAttachment, type ParsedMessage } from './parse.js';
import { pdfText } from './pdf-text.js';
import type { Authentication } from './result.js';
import { isTnef, readTnef } from './tnef.js';

interface StoredAttachment {
  sha256: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface Analysis {
  attachments: StoredAttachment[];
  /** Attachments that were not kept: too large, or a TNEF part whose files could not be read. */
  unreadable: { filename: string; why: 'too_large' | 'tnef' }[];
  letterhead: boolean;
  extraction: Extraction;
  language: 'cy' | 'en';
  authentication: Authentication;
  aboutEoChange: boolean;
}

const isPdf = (a: { filename: string; contentType: string }) =>
  a.contentType === 'application/pdf' || /\.pdf$/i.test(a.filename);
const isImage = (a: { filename: string; contentType: string }) =>
  a.contentType.startsWith('image/') || /\.(?:png|jpe?g|gif|tiff?|heic|webp)$/i.test(a.filename);

const MIME_OF: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
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

function aboutEoChange(subject: string, extraction: Extraction, pdf: string): boolean {
  const f = extraction.fields;
  const found = [f.new_eo_name, f.new_eo_email, f.centre_number].filter(Boolean).length;
  const text = `${subject}\n${extraction.ownText}\n${pdf}`;
  return found >= 2 || (EO_PHRASE.test(text) && (CHANGE_WORD.test(text) || found >= 1));
}

/** Everything intake reads from one parsed message; attachments are stored on the way. */
export async function analyse(ctx: AppContext, msg: ParsedMessage): Promise<Analysis> {
  const unreadable: Analysis['unreadable'] = [];
  const parts = unpackTnef(msg.attachments, unreadable);
  const attachments: StoredAttachment[] = [];
  const pdfTexts: string[] = [];
  let letterhead = false;
  for (const part of parts) {
    if (part.content.byteLength > ctx.config.MAIL_MAX_ATTACHMENT_BYTES) {
      unreadable.push({ filename: part.filename, why: 'too_large' });
      continue;
    }
    const ref = await ctx.blobs.put(part.content);
    attachments.push({
      sha256: ref.sha256,
      filename: part.filename,
      contentType: part.contentType,
      size: ref.size,
    });
    if (part.inline || part.content.byteLength === 0) continue;
    if (isPdf(part)) {
      letterhead = true;
      const text = await pdfText(part.content);
      if (text.trim()) pdfTexts.push(text);
    } else if (isImage(part)) {
      letterhead = true;
    }
  }
  const extraction = extractFields({
    subject: msg.subject,
    text: msg.text,
    tableRows: msg.tableRows,
    letters: pdfTexts.map((text) => ({ text, source: 'pdf' as const })),
    sender: msg.from,
  });
  const language = await detectLanguage(`${extraction.ownText}\n${pdfTexts.join('\n')}`, {
    welsh: extraction.welshLabels,
    english: extraction.englishLabels,
  });
  return {
    attachments,
    unreadable,
    letterhead,
    extraction,
    language,
    authentication: authenticationOf(
      headerValues(msg, 'authentication-results'),
      ctx.config.MAIL_AUTHSERV_ID,
    ),
    aboutEoChange: aboutEoChange(msg.subject, extraction, pdfTexts.join('\n')),
  };
}
