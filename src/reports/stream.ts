import type { Doc } from './document.js';
import { takeOutput } from './output.js';

/**
 * One turn of the event loop, so the answer's writes go out between pages. setImmediate where there
 * is one (Node): setTimeout(0) sleeps at least 1 ms, a tenth of a 500-row report's time over its pages.
 */
const nextTurn: (run: () => void) => void =
  typeof setImmediate === 'function' ? setImmediate : (run) => setTimeout(run, 0);
const yieldToEvents = () => new Promise<void>((resolve) => nextTurn(resolve));

/**
 * The document as a byte stream drawn on demand: each time the client has taken what was sent, the
 * drawer draws its next page (it yields after each), so a long report neither waits to be finished
 * nor sits whole in memory before the first byte leaves. The client gets one chunk a page, taken
 * from the document's gathered output (`output.ts`): sent in pdfkit's hundreds of small pieces, they
 * cost a write each and made the HTTP answer twice as slow.
 */
export function streamDocument(doc: Doc, pages: Iterator<void>): ReadableStream<Uint8Array> {
  let finished = false;
  const send = (controller: ReadableStreamDefaultController<Uint8Array>): boolean => {
    const bytes = takeOutput(doc);
    if (bytes) controller.enqueue(bytes);
    return bytes !== null;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      doc.on('end', () => {
        send(controller);
        controller.close();
      });
      doc.on('error', (err: unknown) => controller.error(err));
      // pdfkit says 'end' only to a flowing stream; its bytes themselves all come through takeOutput.
      doc.resume();
    },
    async pull(controller) {
      while (!finished) {
        if (pages.next().done) {
          finished = true;
          doc.end();
          return;
        }
        await yieldToEvents();
        if (send(controller)) return;
      }
    },
  });
}
