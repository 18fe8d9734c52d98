import { lazy } from '../lazy.js';

/** The TrueType files every report is set in: bytes, so Node reads them from disk and Workers from the bundle. */
export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** What an entry point hands the core: how to get the font files, called on the first report only. */
export type FontSource = () => Promise<FontFiles>;

/** fontkit's parsed font, as pdfkit takes it (`typeof src.layout === 'function'`). */
export interface ParsedFont {
  layout(text: string): unknown;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

export interface ReportFonts {
  regular: ParsedFont;
  bold: ParsedFont;
}

const loadFontkit = lazy(() => import('fontkit'));
const parsed = new WeakMap<FontSource, Promise<ReportFonts>>();

/**
 * Parsed once per process and shared by every document: pdfkit re-parses a font given as bytes
 * wherever a table cell names it (a 500-row table took 5-7 s that way, against 0.2-0.45 s).
 */
export function reportFonts(source: FontSource): Promise<ReportFonts> {
  let fonts = parsed.get(source);
  if (!fonts) {
    fonts = Promise.all([source(), loadFontkit()]).then(([files, fontkit]) => ({
      regular: fontkit.create(files.regular) as ParsedFont,
      bold: fontkit.create(files.bold) as ParsedFont,
    }));
    parsed.set(source, fonts);
  }
  return fonts;
}
