import { describe, expect, it } from 'vitest';
import type { ReportLanguage } from '../../src/reports/language.js';
import { drawModeratorReport } from '../../src/reports/moderator/draw.js';
import { difference, moderatorView } from '../../src/reports/moderator/view.js';
import { moderatorData } from './fixtures.js';
import { readPdf } from './pdf.js';
import { render } from './render.js';

async function report(n: number, lang: ReportLanguage) {
  const data = moderatorData(n);
  const view = moderatorView(data, lang);
  return { data, pdf: await readPdf(await render(view.meta, (doc) => drawModeratorReport(doc, view))) };
}

describe('the moderator report', () => {
  it('has the centre, unit, moderator, sample with differences, clerical errors, outcome and comments', async () => {
    const { pdf } = await report(10, 'en');
    try {
      expect(pdf.pages).toBe(1);
      expect(pdf.info.Tagged).toBe('yes');
      expect(pdf.info.Title).toBe("Moderator's report: 3000N1, 68123");
      const t = pdf.text;
      expect(t).toContain('Centre: 68123 Ysgol Gyfun Gŵyr');
      expect(t).toContain('Moderator: Dr Gwenllïan Ŵyn Prys');
      expect(t).toContain('GCSE JUNE 2027 WELSH LANGUAGE UNIT 1 ORACY (3000N1)');
      for (const heading of ['The sample', 'Clerical errors', 'Outcome', "Moderator's comments"])
        expect(t).toContain(heading);
      expect(t).toContain('DAFIS: SIÔN LLŶR');
      expect(t).toContain('ELLIS: ŴYN');
      expect(t).toMatch(/Difference/);
      expect(t).toContain("The centre's marks have been adjusted.");
      expect(t).toContain('Roedd y marcio yn gyson');
      expect(t).toContain('The centre should check');
      expect(pdf.fonts.every((f) => f.embedded && f.unicode)).toBe(true);
    } finally {
      await pdf.close();
    }
    expect(difference(40, 42)).toBe('+2');
    expect(difference(40, 37)).toBe('−3');
    expect(difference('A', 10)).toBe('');
  });

  it('repeats the sample table’s headings on every page a long sample runs to, in Welsh', async () => {
    const { data, pdf } = await report(120, 'cy');
    try {
      expect(pdf.pages).toBeGreaterThan(2);
      const tablePages = pdf.pageTexts.filter((p) => data.sample.some((s) => p.includes(s.number)));
      for (const page of tablePages) expect(page).toContain('Gwahaniaeth');
      pdf.pageTexts.forEach((page, i) => {
        expect(page).toContain(`Tudalen ${i + 1} o ${pdf.pages}`);
      });
      expect(pdf.text).toContain("Mae marciau'r ganolfan wedi'u haddasu.");
      expect(pdf.text).not.toContain('Outcome');
    } finally {
      await pdf.close();
    }
  });

  it('is bilingual with Welsh first with ?lang=both', async () => {
    const { pdf } = await report(5, 'both');
    try {
      expect(pdf.text).toContain("Adroddiad y cymedrolwr / Moderator's report");
      expect(pdf.text).toContain('Y sampl / The sample');
      expect(await pdf.inkOnFirstPage()).toBeGreaterThan(0.01);
    } finally {
      await pdf.close();
    }
  });
});
