import { describe, expect, it } from 'vitest';
import { drawCandidates } from '../../src/reports/candidates/draw.js';
import { candidatesView, totalOf } from '../../src/reports/candidates/view.js';
import type { ReportLanguage } from '../../src/reports/language.js';
import { candidatesData } from './fixtures.js';
import { readPdf } from './pdf.js';
import { render } from './render.js';

async function report(n: number, lang: ReportLanguage, components?: { code: string; max: number }[]) {
  const data = candidatesData(n, components);
  const view = candidatesView(data, lang);
  const pdf = await readPdf(await render(view.meta, (doc) => drawCandidates(doc, view)));
  return { data, view, pdf };
}

/** Each number's first place in the text, which must rise: the candidates in candidate number order. */
function expectInOrder(text: string, numbers: string[]) {
  let from = 0;
  for (const n of numbers) {
    const at = text.indexOf(n, from);
    expect(at, `candidate ${n}`).toBeGreaterThanOrEqual(from);
    from = at + n.length;
  }
}

describe('the candidate details report', () => {
  it.each([
    [1, 1, 1],
    [20, 1, 1],
    [500, 10, 14],
  ])(
    'for %i candidates: every one in order, headings and "Page x of y" on each of its pages',
    async (n, min, max) => {
      const { data, pdf } = await report(n, 'en');
      try {
        expect(pdf.pages).toBeGreaterThanOrEqual(min);
        expect(pdf.pages).toBeLessThanOrEqual(max);
        expectInOrder(
          pdf.text,
          data.candidates.map((c) => c.number),
        );
        pdf.pageTexts.forEach((page, i) => {
          expect(page).toContain('Cand. no.');
          expect(page).toContain('Candidate name');
          expect(page).toContain(`Page ${i + 1} of ${pdf.pages}`);
        });
        expect(pdf.info.Tagged).toBe('yes');
        expect(pdf.info['Page size']).toContain('(A4)');
        expect(pdf.info.Title).toBe('Candidate details report: 3000N1, 68123');
        expect(pdf.fonts.every((f) => f.embedded && f.unicode)).toBe(true);
        expect(pdf.pageTexts[0]).toContain('GCSE JUNE 2027 WELSH LANGUAGE UNIT 1 ORACY (3000N1)');
        expect(pdf.pageTexts[0]).toContain('Centre: 68123 Ysgol Gyfun Gŵyr');
      } finally {
        await pdf.close();
      }
    },
  );

  it('never splits a row: each candidate’s number, name and sample stay on one page', async () => {
    const { data, pdf } = await report(500, 'en');
    try {
      for (const c of data.candidates) {
        const page = pdf.pageTexts.find((p) => p.includes(c.number));
        expect(page, c.number).toBeDefined();
        for (const word of c.name.split(/[\s:]+/).filter(Boolean)) expect(page).toContain(word);
      }
    } finally {
      await pdf.close();
    }
  });

  it('keeps Welsh names whole in Welsh and bilingual reports, with Welsh headings first', async () => {
    for (const lang of ['cy', 'both'] as const) {
      const { pdf } = await report(20, lang);
      try {
        expect(pdf.text).toContain('DAFIS: SIÔN LLŶR');
        expect(pdf.text).toContain('ELLIS: ŴYN');
        expect(pdf.text).toContain('Adroddiad manylion ymgeiswyr');
        expect(pdf.text).toContain('Tudalen 1 o 1');
        expect(pdf.text).toContain('TGAU MEHEFIN 2027 IAITH GYMRAEG UNED 1 LLAFAR (3000N1)');
        if (lang === 'both') {
          expect(pdf.text.indexOf('Adroddiad manylion')).toBeLessThan(pdf.text.indexOf('Candidate details'));
          expect(pdf.text).toContain('Tudalen 1 o 1 / Page 1 of 1');
        } else expect(pdf.text).not.toContain('Candidate details');
        expect(pdf.text).toMatch(/\bIe\b/);
        expect(await pdf.inkOnFirstPage()).toBeGreaterThan(0.01);
      } finally {
        await pdf.close();
      }
    }
  });

  it('breaks column headings only between words, in every language', async () => {
    // The Welsh headings are longer than the English the widths were set by: each column is widened
    // to its longest word, so none is split across lines ("Blaenlyt / hrennau'r" was).
    for (const lang of ['cy', 'en', 'both'] as const) {
      const { view, pdf } = await report(20, lang);
      try {
        const table = view.blocks.find((b) => b.kind === 'table');
        if (table?.kind !== 'table') throw new Error('no table in the report');
        const words = table.columns.flatMap((c) => c.header.split(/\s+/)).filter((w) => w.length > 2);
        const text = pdf.text.replace(/\s+/g, ' ');
        for (const word of words) expect(text, `${lang}: ${word}`).toContain(word);
      } finally {
        await pdf.close();
      }
    }
  });

  it('shows A, CF and a clerical amendment beside the original mark, with the totals that count', async () => {
    const { pdf } = await report(6, 'en');
    try {
      expect(pdf.text).toMatch(/31\s*»\s*28/);
      expect(pdf.text).toMatch(/\bA\s+A\s+A\b/);
      expect(pdf.text).toMatch(/\bCF\s+CF\s+CF\b/);
      expect(pdf.text).toContain('clerical error');
    } finally {
      await pdf.close();
    }
    expect(totalOf([{ entered: 31, amended: 28 }, { entered: 10 }], 2)).toBe('38');
    expect(totalOf([{ entered: 'A' }, { entered: 12 }], 2)).toBe('12');
    expect(totalOf([{ entered: 12 }], 2)).toBe('');
  });

  it('has one mark column with its maximum for a single-component unit', async () => {
    const { pdf } = await report(3, 'en', [{ code: 'U1', max: 80 }]);
    try {
      expect(pdf.text).toContain('Mark (max');
      expect(pdf.text).toContain('80)');
      expect(pdf.text).not.toContain('Total');
    } finally {
      await pdf.close();
    }
  });
});
