import type { Language } from '../i18n/index.js';
import { lazy } from '../lazy.js';
import type { ReportFonts } from './fonts.js';
import { type DocumentClass, gathering } from './output.js';

const loadPdfkit = lazy(async () => gathering((await import('pdfkit')).default as unknown as DocumentClass));

export type Doc = PDFKit.PDFDocument;

/** A4 in points, and the margins every report keeps; the footer sits inside the bottom one. */
export const PAGE = { width: 595.28, height: 841.89, margin: 42, footer: 24 } as const;

export interface DocumentMeta {
  /** Shown in the viewer's title bar (`displayTitle`) and read out first by a screen reader. */
  title: string;
  author: string;
  subject: string;
  /** The document language a screen reader speaks it in: Welsh for a bilingual report, which starts in Welsh. */
  lang: Language;
  createdAt: Date;
}

/** A tagged, A4 PDF set in the embedded fonts: `body` and `bold`; no standard font is ever loaded. */
export async function newDocument(fonts: ReportFonts, meta: DocumentMeta): Promise<Doc> {
  const PDFDocument = await loadPdfkit();
  return withFonts(new PDFDocument(documentOptions(meta)), fonts);
}

export function documentOptions(meta: DocumentMeta): PDFKit.PDFDocumentOptions {
  return {
    size: 'A4',
    margin: PAGE.margin,
    // No default font: pdfkit would load Helvetica, a WinAnsi font that garbles ŵ and ŷ. (Giving ours
    // here instead leaves the registered names uncached, and every font switch re-opens the font.)
    font: null as unknown as string,
    tagged: true,
    lang: meta.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Creator: 'cymorth',
      CreationDate: meta.createdAt,
    },
  };
}

/** Registers `body` and `bold`, parsed once per process, with the shaped words they share. */
export function withFonts(doc: Doc, fonts: ReportFonts): Doc {
  doc.registerFont('body', fonts.regular as unknown as string);
  doc.registerFont('bold', fonts.bold as unknown as string);
  shareLayouts(doc.font('bold'), fonts.bold);
  return shareLayouts(doc.font('body'), fonts.regular);
}

/** pdfkit's per-document cache of shaped words, as far as we reach into it. */
type WithLayoutCache = { _font?: { layoutCache?: Record<string, unknown> } };

const MAX_SHARED_WORDS = 50_000;
const layouts = new WeakMap<object, Record<string, unknown>>();

/**
 * Shaping a word with fontkit is the costliest step of setting text, and pdfkit caches it only for
 * one document. The same font shapes a word the same way in every document (the cache holds glyphs
 * and their positions in font units), so all documents share one cache per font; it starts afresh
 * past 50,000 words, so a server's memory does not grow with every name it has printed.
 */
function shareLayouts(doc: Doc, font: object): Doc {
  const current = (doc as unknown as WithLayoutCache)._font;
  if (!current?.layoutCache) return doc;
  let shared = layouts.get(font);
  if (!shared || Object.keys(shared).length > MAX_SHARED_WORDS) {
    shared = Object.create(null) as Record<string, unknown>;
    layouts.set(font, shared);
  }
  current.layoutCache = shared;
  return doc;
}

/** Text as it is drawn: composed (NFC), so "ŵ" typed as w + combining circumflex finds the font's ŵ. */
export const nfc = (text: string) => text.normalize('NFC');

/**
 * Draws `text` outside the document's structure (a page number, a repeated heading), so a screen
 * reader skips it; `lineBreak: false` keeps text below the bottom margin from starting a new page.
 */
export function artifact(doc: Doc, draw: () => void): void {
  doc.markContent('Artifact', { type: 'Pagination' });
  draw();
  doc.endMarkedContent();
}

/**
 * The footer every page carries: what and when on the left, "Page x of y" on the right. No `width`:
 * pdfkit wraps (and so breaks the page) whenever it is given one, `lineBreak: false` or not.
 */
export function footer(doc: Doc, left: string, right: string): void {
  const y = PAGE.height - PAGE.margin + 10;
  artifact(doc, () => {
    doc.font('body').fontSize(8).fillColor('#444444');
    doc.text(nfc(left), PAGE.margin, y, { lineBreak: false });
    const r = nfc(right);
    doc.text(r, PAGE.width - PAGE.margin - doc.widthOfString(r), y, { lineBreak: false });
    doc.fillColor('black');
  });
}
