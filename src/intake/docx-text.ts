import { lazy } from '../lazy.js';

const loadMammoth = lazy(() => import('mammoth'));

/**
 * The text of a Word letter, paragraph by paragraph (mammoth, which reads .docx only: an old binary
 * .doc gives null, as does anything that is not a Word document).
 */
export async function docxText(bytes: Uint8Array): Promise<string | null> {
  try {
    const mammoth = await loadMammoth();
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return value;
  } catch {
    return null;
  }
}
