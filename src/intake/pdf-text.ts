import type { getDocumentProxy } from 'unpdf';
import { lazy } from '../lazy.js';

const loadUnpdf = lazy(() => import('unpdf'));

const MAX_PAGES = 10;

/**
 * The text of a PDF (a letterhead is a page or two). pdf.js takes ownership of the buffer it is
 * given, so it gets a copy; the document is destroyed afterwards so a long run does not keep them.
 * A PDF it cannot read gives no text rather than an error: the letterhead is still attached.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  let doc: Awaited<ReturnType<typeof getDocumentProxy>> | undefined;
  try {
    const { extractText, getDocumentProxy } = await loadUnpdf();
    doc = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0 });
    if (doc.numPages > MAX_PAGES) return '';
    const { text } = await extractText(doc, { mergePages: true });
    return text;
  } catch {
    return '';
  } finally {
    await doc?.destroy().catch(() => undefined);
  }
}
