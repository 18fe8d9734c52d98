/**
 * The bare side of `report_candidates`, in its own process: pdfkit alone drawing the same rows with
 * the same font (Noto Sans, parsed once), A4, a header row on each page, no tagging, no view model.
 * Usage: tsx bench/reports/bare.ts ROWS.json COUNT → one JSON line { per_s, rss_mb }.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { reportFonts } from '../../src/reports/fonts.js';
import { nodeFontSource } from '../../src/reports/node-fonts.js';
import { peakRssMb } from '../lib/rss.js';

const [rowsFile = '', countArg = '10'] = process.argv.slice(2);
const rows = JSON.parse(readFileSync(rowsFile, 'utf8')) as string[][];
const widths = [24, 46, 161, 56, 42, 42, 50, 44, 46];
const fonts = await reportFonts(nodeFontSource);

function drawRow(doc: PDFKit.PDFDocument, cells: string[], y: number): number {
  let x = 42;
  let h = 0;
  cells.forEach((text, i) => {
    const width = (widths[i] ?? 40) - 6;
    doc.text(text, x + 3, y + 3, { width });
    h = Math.max(h, doc.y - y);
    x += widths[i] ?? 40;
  });
  return h + 3;
}

function render(): Promise<number> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', margin: 42, font: fonts.regular as unknown as string });
    let bytes = 0;
    doc.on('data', (c: Buffer) => {
      bytes += c.length;
    });
    doc.on('end', () => resolve(bytes));
    doc.fontSize(9);
    const header = [
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
    let y = 42 + drawRow(doc, header, 42);
    for (const r of rows) {
      if (y + 30 > 800) {
        doc.addPage();
        y = 42 + drawRow(doc, header, 42);
      }
      y += drawRow(doc, r, y);
    }
    doc.end();
  });
}

const count = Number(countArg);
for (let i = 0; i < 3; i++) await render();
const started = performance.now();
for (let i = 0; i < count; i++) await render();
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ per_s: count / seconds, rss_mb: peakRssMb(process.pid) })}\n`);
