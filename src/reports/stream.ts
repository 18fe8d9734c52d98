import type { Doc } from './document.js';

/**
 * The document as a byte stream drawn on demand: each time the client has taken what was sent, the
 * drawer draws its next page (it yields after each), so a long report neither waits to be finished
 * nor sits whole in memory before the first byte leaves.
 */
export function streamDocument(doc: Doc, pages: Iterator<void>): ReadableStream<Uint8Array> {
  let ended = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      doc.on('data', (chunk: Uint8Array) => controller.enqueue(chunk));
      doc.on('end', () => controller.close());
      doc.on('error', (err: unknown) => controller.error(err));
    },
    pull() {
      if (ended) return;
      if (pages.next().done) {
        ended = true;
        doc.end();
      }
    },
  });
}
