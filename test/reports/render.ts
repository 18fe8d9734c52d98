import type { Doc, DocumentMeta } from '../../src/reports/document.js';
import { newDocument } from '../../src/reports/document.js';
import { reportFonts } from '../../src/reports/fonts.js';
import { nodeFontSource } from '../../src/reports/node-fonts.js';
import { streamDocument } from '../../src/reports/stream.js';

/** A report drawn from a view model straight to bytes, through the same stream the routes send. */
export async function render(meta: DocumentMeta, draw: (doc: Doc) => Iterator<void>): Promise<Uint8Array> {
  const doc = await newDocument(await reportFonts(nodeFontSource), meta);
  return new Uint8Array(await new Response(streamDocument(doc, draw(doc))).arrayBuffer());
}
