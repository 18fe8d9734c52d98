import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { drawCandidates } from '../../src/reports/candidates/draw.js';
import { candidatesView } from '../../src/reports/candidates/view.js';
import { type Doc, documentOptions, withFonts } from '../../src/reports/document.js';
import { reportFonts } from '../../src/reports/fonts.js';
import { nodeFontSource } from '../../src/reports/node-fonts.js';
import { type DocumentClass, gathering, takeOutput } from '../../src/reports/output.js';
import { candidatesData } from './fixtures.js';

const Plain = PDFDocument as unknown as DocumentClass;

/** What pdfkit itself emits through its Readable, for comparison. */
function emitted(doc: Doc): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  doc.on('data', (piece: Uint8Array) => parts.push(piece));
  return new Promise((resolve) => doc.on('end', () => resolve(Buffer.concat(parts))));
}

describe('a report’s gathered output', () => {
  it('is byte for byte the file pdfkit emits: tagged, several pages, both languages, amendments', async () => {
    const fonts = await reportFonts(nodeFontSource);
    const view = candidatesView(candidatesData(90), 'both');

    const plain = withFonts(new Plain(documentOptions(view.meta)), fonts);
    const expected = emitted(plain);
    for (const _ of drawCandidates(plain, view));
    plain.end();

    const gathered = withFonts(new (gathering(Plain))(documentOptions(view.meta)), fonts);
    const taken: Uint8Array[] = [];
    for (const _ of drawCandidates(gathered, view)) taken.push(takeOutput(gathered) ?? new Uint8Array());
    gathered.end();
    taken.push(takeOutput(gathered) ?? new Uint8Array());

    expect(taken.filter((t) => t.byteLength).length).toBeGreaterThan(3);
    expect(Buffer.concat(taken).equals(await expected)).toBe(true);
  });
});
