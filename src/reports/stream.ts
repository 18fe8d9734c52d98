import type { Doc } from './document.js';

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
 * nor sits whole in memory before the first byte leaves. pdfkit's pieces are gathered into one chunk
 * per page: sent one by one, they cost a write each and made the HTTP answer twice as slow.
 */
export function streamDocument(doc: Doc, pages: Iterator<void>): ReadableStream<Uint8Array> {
  let pending: Uint8Array[] = [];
  let finished = false;
  const flush = (controller: ReadableStreamDefaultController<Uint8Array>): boolean => {
    if (!pending.length) return false;
    const size = pending.reduce((n, c) => n + c.byteLength, 0);
    const chunk = new Uint8Array(size);
    let at = 0;
    for (const c of pending) {
      chunk.set(c, at);
      at += c.byteLength;
    }
    pending = [];
    controller.enqueue(chunk);
    return true;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      doc.on('data', (piece: Uint8Array) => pending.push(piece));
      doc.on('end', () => {
        flush(controller);
        controller.close();
      });
      doc.on('error', (err: unknown) => controller.error(err));
    },
    async pull(controller) {
      // Draw until a page's bytes have arrived (pdfkit emits them after the call that wrote them).
      while (!finished) {
        if (pages.next().done) {
          finished = true;
          doc.end();
        }
        await yieldToEvents();
        if (flush(controller)) return;
      }
    },
  });
}
