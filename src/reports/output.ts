import type { Doc } from './document.js';

/**
 * What of pdfkit (0.20) this reaches into: the document's `_write` (each string it writes made bytes
 * and pushed through its Readable) and `_offset`, and each page's `write` (every drawing operator
 * made a byte array of its own) and `end`.
 */
interface PageInternals {
  write(chunk: string | Uint8Array): unknown;
  end(): unknown;
}

/**
 * pdfkit's text as the bytes it writes: each character one byte (its `fromBinaryString`), which is
 * Node's `latin1`; Buffer's native encoder took about half the time of a loop over the characters
 * (measured on a page's operators). The loop is for runtimes without Buffer.
 */
function latin1(text: string): Uint8Array {
  if (typeof Buffer === 'function') return Buffer.from(text, 'latin1');
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** A page's operators gathered as text and handed to its content stream as one piece when it ends. */
function gatherPage(page: PageInternals) {
  const write = page.write.bind(page);
  const end = page.end.bind(page);
  let ops = '';
  const settle = () => {
    if (ops) write(latin1(ops));
    ops = '';
  };
  page.write = (chunk) => {
    if (chunk instanceof Uint8Array) {
      settle();
      return write(chunk);
    }
    ops += `${chunk}\n`;
  };
  page.end = () => {
    settle();
    return end();
  };
}

/** The bytes a document wrote and nobody has taken yet: its text as one string, until taken. */
class Output {
  private text = '';
  private parts: Uint8Array[] = [];

  /** pdfkit's `_write`, less the Readable: `offset` is where the next byte goes (the xref needs it). */
  write(data: unknown, offset: number): number {
    if (data instanceof Uint8Array) {
      this.settle();
      this.parts.push(data);
      return offset + data.byteLength;
    }
    const line = `${data}\n`;
    this.text += line;
    return offset + line.length;
  }

  take(): Uint8Array | null {
    this.settle();
    if (!this.parts.length) return null;
    const out = concat(this.parts);
    this.parts = [];
    return out;
  }

  private settle() {
    if (this.text) this.parts.push(latin1(this.text));
    this.text = '';
  }
}

const outputs = new WeakMap<object, Output>();

function outputOf(doc: object): Output {
  let out = outputs.get(doc);
  if (!out) {
    out = new Output();
    outputs.set(doc, out);
  }
  return out;
}

export type DocumentClass = new (options?: PDFKit.PDFDocumentOptions) => Doc;

/**
 * pdfkit's document, writing byte for byte the same file, but gathered here rather than pushed:
 * a tagged 500-row report is about 100,000 operators and 10,000 objects, and pdfkit makes each
 * operator a byte array of its own and each object four pushes onto a Readable (a Buffer and an
 * event each), which cost as much as setting the text. Here text gathers as strings (a page's
 * operators until the page ends; the file's objects until `takeOutput`) and becomes bytes once.
 * A subclass, because the constructor already writes the file's header and its first page.
 */
export function gathering(Base: DocumentClass): DocumentClass {
  return class GatheringDocument extends Base {
    _write(data: unknown) {
      const self = this as unknown as { _offset: number };
      self._offset = outputOf(this).write(data, self._offset);
    }

    override addPage(options?: PDFKit.PDFDocumentOptions): Doc {
      super.addPage(options);
      gatherPage(this.page as unknown as PageInternals);
      return this;
    }
  };
}

/** What a document made by `gathering` wrote since the last take; null when nothing. */
export function takeOutput(doc: Doc): Uint8Array | null {
  return outputOf(doc).take();
}
