import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';

// A font with ŵ and ŷ: pdfkit's built-in Helvetica has neither (Debian's fonts-dejavu-core).
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

function pdf(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

/** A typed letter as a PDF with a text layer, in a font that has every Welsh letter. */
export const typedPdf = (lines: string[]) =>
  pdf((doc) => {
    doc.font(FONT).fontSize(14);
    for (const line of lines) doc.text(line).moveDown(0.5);
  });

/** The letter as a scanner or a phone gives it: the page as a picture (poppler renders it, 200 dpi). */
export async function scannedPage(lines: string[], format: 'jpeg' | 'png' | 'tiff'): Promise<Buffer> {
  // libtiff cannot write to a pipe, so the page goes through a file.
  const dir = mkdtempSync(join(tmpdir(), 'cymorth-scan-'));
  try {
    // As scanners save them: greyscale, and a TIFF compressed (uncompressed, an A4 page is 11 MB).
    const args = [
      '-r',
      '200',
      '-gray',
      `-${format}`,
      ...(format === 'tiff' ? ['-tiffcompression', 'lzw'] : []),
    ];
    execFileSync('/usr/bin/pdftoppm', [...args, '-singlefile', '-', join(dir, 'page')], {
      input: await typedPdf(lines),
    });
    return readFileSync(join(dir, `page.${format === 'jpeg' ? 'jpg' : format === 'tiff' ? 'tif' : 'png'}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A scanned letter saved as PDF: one picture per page and no text layer at all. */
export async function imageOnlyPdf(lines: string[]): Promise<Buffer> {
  const page = await scannedPage(lines, 'jpeg');
  return pdf((doc) => doc.image(page, 0, 0, { width: doc.page.width, height: doc.page.height }));
}

/** A letter written in Word (.docx), one paragraph per line. */
export const wordLetter = (lines: string[]) =>
  Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] }));

export const MIME = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
