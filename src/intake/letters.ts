import type { AppContext } from '../context.js';
import { docxText } from './docx-text.js';
import type { LetterSource } from './extract.js';
import { pdfText } from './pdf-text.js';

/** What kind of file a part is, by its first bytes where they tell, else by its type and name. */
type Kind = 'pdf' | 'docx' | 'image' | null;

export interface PartInfo {
  filename: string;
  contentType: string;
  content: Uint8Array;
  /** Shown within the HTML body (a `cid:` picture): a logo or a banner, never the letter itself. */
  inline: boolean;
}

const starts = (b: Uint8Array, ...sig: number[]) => sig.every((v, i) => b[i] === v);

function kindOf(part: PartInfo): Kind {
  const b = part.content;
  if (starts(b, 0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(b, 0xff, 0xd8, 0xff) || starts(b, 0x89, 0x50, 0x4e, 0x47)) return 'image';
  if (starts(b, 0x49, 0x49, 0x2a, 0x00) || starts(b, 0x4d, 0x4d, 0x00, 0x2a)) return 'image';
  const name = part.filename.toLowerCase();
  // A .docx is a zip: its name or type says it is Word rather than some other zip.
  if (starts(b, 0x50, 0x4b) && (name.endsWith('.docx') || part.contentType.includes('wordprocessingml')))
    return 'docx';
  if (part.contentType === 'application/pdf' || name.endsWith('.pdf')) return 'pdf';
  if (part.contentType.startsWith('image/') || /\.(?:gif|heic|webp)$/.test(name)) return 'image';
  return null;
}

// A PDF with less text than this is a scan, perhaps with a stray page number in its text layer.
const MIN_PDF_TEXT = 40;
// A picture whose OCR gives fewer words than this is a logo or a photo, not a letter.
const MIN_LETTER_WORDS = 12;
// Without OCR, a picture this small is taken for a logo in a signature.
const MIN_SCAN_BYTES = 30_000;

export interface LetterReading {
  /** The part counts as the centre's letter on letterhead. */
  letterhead: boolean;
  text: string | null;
  source: LetterSource | null;
  /** Why the part's text could not be read, recorded beside the attachment for staff. */
  failure: string | null;
}

const none: LetterReading = { letterhead: false, text: null, source: null, failure: null };

async function scan(ctx: AppContext, part: PartInfo, kind: 'image' | 'pdf') {
  if (!ctx.ocr) return { text: null, failure: 'ocr_unavailable' };
  const outcome = await ctx.ocr.read(part.content, kind);
  if (outcome.ok) return { text: outcome.text, failure: null };
  ctx.logger.warn(
    { filename: part.filename, why: outcome.why, detail: outcome.detail },
    'intake: scan not read',
  );
  return { text: null, failure: `ocr_${outcome.why}` };
}

/**
 * Reads one attachment as a letter: a PDF by its text layer (or by OCR when it is a scan), a Word
 * document with mammoth, a picture by OCR. A picture counts as the letterhead only when it reads as
 * a letter, so a logo in a signature does not; a scan that cannot be read still counts if it is
 * large enough to be a page, and the failure is recorded, not thrown.
 */
export async function readLetter(ctx: AppContext, part: PartInfo): Promise<LetterReading> {
  const kind = kindOf(part);
  if (kind === 'docx') {
    const text = await docxText(part.content);
    return text === null
      ? { ...none, failure: 'docx_unreadable' }
      : { letterhead: true, text, source: 'docx', failure: null };
  }
  if (kind === 'pdf') {
    const text = await pdfText(part.content);
    if (text.replace(/\s+/g, '').length >= MIN_PDF_TEXT)
      return { letterhead: true, text, source: 'pdf', failure: null };
    const read = await scan(ctx, part, 'pdf');
    return { letterhead: true, text: read.text, source: read.text ? 'ocr' : null, failure: read.failure };
  }
  if (kind === 'image') {
    if (part.inline || part.content.byteLength < MIN_SCAN_BYTES / 4) return none;
    const read = await scan(ctx, part, 'image');
    if (read.text === null)
      return { ...none, letterhead: part.content.byteLength >= MIN_SCAN_BYTES, failure: read.failure };
    const words = read.text.match(/\p{L}{2,}/gu)?.length ?? 0;
    return words >= MIN_LETTER_WORDS
      ? { letterhead: true, text: read.text, source: 'ocr', failure: null }
      : none;
  }
  return none;
}
