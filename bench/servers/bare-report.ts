import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import PDFDocument from 'pdfkit';
import { reportFonts } from '../../src/reports/fonts.js';
import { nodeFontSource } from '../../src/reports/node-fonts.js';

/**
 * The baseline for `report_candidates`: node:http and pdfkit alone, drawing the same rows
 * (`ROWS_FILE`, text as the report prints it) with the same Noto Sans parsed once, A4, the header
 * row again on each page, piped to the answer. No auth, database, view model, tagging or footer.
 */
const rows = JSON.parse(readFileSync(process.env.ROWS_FILE as string, 'utf8')) as string[][];
const HEADER = [
  '#',
  'Cand. no.',
  'Candidate name',
  'Date of birth',
  'C1',
  'C2',
  'Total',
  'Initials',
  'Sample',
];
const WIDTHS = [24, 46, 161, 56, 42, 42, 50, 44, 46];
const fonts = await reportFonts(nodeFontSource);

function drawRow(doc: PDFKit.PDFDocument, cells: string[], y: number): number {
  let x = 42;
  let bottom = y;
  cells.forEach((text, i) => {
    const width = WIDTHS[i] ?? 40;
    doc.text(text, x + 3, y + 3, { width: width - 6 });
    bottom = Math.max(bottom, doc.y);
    x += width;
  });
  return bottom - y + 3;
}

function draw(doc: PDFKit.PDFDocument) {
  doc.fontSize(9);
  let y = 42 + drawRow(doc, HEADER, 42);
  for (const r of rows) {
    if (y + 40 > 800) {
      doc.addPage();
      y = 42 + drawRow(doc, HEADER, 42);
    }
    y += drawRow(doc, r, y);
  }
  doc.end();
}

const server = createServer((req, res) => {
  if (req.url === '/healthz') {
    res.end('ok');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/pdf' });
  const doc = new PDFDocument({ size: 'A4', margin: 42, font: null as unknown as string });
  doc.registerFont('body', fonts.regular as unknown as string);
  doc.font('body');
  doc.pipe(res);
  draw(doc);
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
