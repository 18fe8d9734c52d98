import { artifact, type Doc, footer, nfc, PAGE } from '../document.js';
import type { CertificateBlock, CertificateView } from './view.js';

const WIDTH = PAGE.width - 2 * PAGE.margin;

/** One language's wording, centred; `scale` shrinks it when two languages share the page. */
function drawBlock(doc: Doc, section: PDFKit.PDFStructureElement, b: CertificateBlock, scale: number) {
  const para = (type: string, font: string, size: number, text: string, gap: number) => {
    section.add(
      doc.struct(type, {}, () => {
        doc.font(font).fontSize(size * scale);
        doc.text(nfc(text), PAGE.margin, doc.y, { width: WIDTH, align: 'center' });
      }),
    );
    doc.moveDown(gap);
  };
  para('H1', 'bold', 30, b.heading, 0.6);
  para('P', 'body', 14, b.certifies, 0.3);
  para('P', 'bold', 24, b.person, 0.3);
  para('P', 'body', 14, b.passed, 0.3);
  para('P', 'bold', 20, b.assessment, 0.8);
  for (const line of b.lines) para('P', 'body', 12, line, 0.2);
}

/** Layout only: the one page of a certificate, one section per language, Welsh first. */
export function* drawCertificate(doc: Doc, view: CertificateView): Generator<void> {
  const scale = view.blocks.length > 1 ? 0.8 : 1;
  doc.y = view.blocks.length > 1 ? PAGE.margin + 30 : PAGE.margin + 150;
  view.blocks.forEach((b, i) => {
    if (i > 0) {
      const y = doc.y + 20;
      artifact(doc, () =>
        doc
          .moveTo(PAGE.margin + 80, y)
          .lineTo(PAGE.width - PAGE.margin - 80, y)
          .stroke('#888888'),
      );
      doc.y = y + 30;
    }
    const section = doc.struct('Sect', { lang: b.lang });
    doc.addStructure(section);
    drawBlock(doc, section, b, scale);
    section.end();
  });
  footer(doc, view.footer.left, view.footer.right);
  yield;
}
