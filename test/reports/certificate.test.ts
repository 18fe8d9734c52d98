import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../access/hub/support.js';
import { createHarness, type Harness } from '../support/harness.js';
import { readPdf } from './pdf.js';

const CENTRE = '/api/v1/centres/68123';

describe('GET /centres/:number/users/:id/assessments/:code/certificate.pdf', () => {
  let h: Harness;
  let sion: { id: number; token: string };
  const certUrl = (code: string, lang?: string) =>
    `${CENTRE}/users/${sion.id}/assessments/${code}/certificate.pdf${lang ? `?lang=${lang}` : ''}`;
  const fetchPdf = async (url: string, token = h.tokens.eoCy) => {
    const res = await h.app.request(url, { headers: { authorization: `Bearer ${token}` } });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    h = await createHarness();
    sion = await addUser(h, {
      email: 'sion.dafis@ysgolgwyr.cymru',
      firstName: 'Siôn Llŷr',
      lastName: 'Dafis',
      hubRole: 'INV',
    });
    const attempt = (section: number, mark: number) =>
      h.call('POST', `${CENTRE}/users/${sion.id}/assessments/INV-INTRO/attempts`, {
        token: sion.token,
        body: { mark, out_of: 20, section },
      });
    await attempt(1, 18);
    await attempt(2, 20);
    h.clock.set('2027-07-14T23:30:00Z'); // after midnight in London: 15 July there
    await attempt(3, 17);
    h.clock.set('2027-08-01T09:00:00Z');
    await attempt(3, 20); // a better result later: the best result rises, the date passed does not
  });
  afterAll(() => h.close());

  it('is refused with 409 before the assessment is passed, in the caller’s language', async () => {
    const res = await h.call('GET', certUrl('INV-MALPRACTICE'), { token: h.tokens.eoCy });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('assessment_not_passed');
    expect(res.json.error.message).toMatch(/Nid oes tystysgrif/);
  });

  it('is a one-page, tagged A4 certificate in Welsh with every Welsh letter intact', async () => {
    const { res, bytes } = await fetchPdf(certUrl('INV-INTRO', 'cy'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="tystysgrif-INV-INTRO-${sion.id}.pdf"`,
    );
    const pdf = await readPdf(bytes);
    try {
      expect(pdf.pages).toBe(1);
      expect(pdf.info.Tagged).toBe('yes');
      expect(pdf.info['Page size']).toContain('(A4)');
      expect(pdf.info.Title).toBe('Tystysgrif: Siôn Llŷr Dafis, Cyflwyniad i oruchwylio');
      expect(pdf.info.Author).toBe('Tîm Cymorth Canolfannau');
      expect(pdf.text).toContain('Siôn Llŷr Dafis');
      expect(pdf.text).toContain('Cyflwyniad i oruchwylio');
      expect(pdf.text).toContain('Canolfan: Ysgol Gyfun Gŵyr (68123)');
      expect(pdf.text).toContain('Dyddiad pasio: 15 Gorffennaf 2027');
      expect(pdf.text).toContain('Canlyniad gorau: 58 allan o 60 (96%)');
      expect(pdf.text).toContain('Tudalen 1 o 1');
      expect(pdf.fonts.length).toBeGreaterThan(0);
      expect(pdf.fonts.every((f) => f.embedded && f.unicode)).toBe(true);
      expect(await pdf.inkOnFirstPage()).toBeGreaterThan(0.002);
    } finally {
      await pdf.close();
    }
  });

  it('is in English with ?lang=en, and bilingual with Welsh first with ?lang=both', async () => {
    const en = await readPdf((await fetchPdf(certUrl('INV-INTRO', 'en'))).bytes);
    const both = await readPdf((await fetchPdf(certUrl('INV-INTRO', 'both'))).bytes);
    try {
      expect(en.text).toContain('Introduction to invigilation');
      expect(en.text).toContain('Date passed: 15 July 2027');
      expect(en.text).not.toContain('Tystysgrif');
      expect(both.pages).toBe(1);
      expect(both.text.indexOf('Tystysgrif')).toBeLessThan(both.text.indexOf('Certificate'));
      expect(both.text).toContain('Best result: 58 out of 60 (96%)');
      expect(both.info.Title).toContain(' / Certificate: Siôn Llŷr Dafis');
    } finally {
      await en.close();
      await both.close();
    }
  });

  it('follows the account’s own rights: the person, their centre’s EO and staff, not another centre', async () => {
    expect((await fetchPdf(certUrl('INV-INTRO'), sion.token)).res.status).toBe(200);
    expect((await fetchPdf(certUrl('INV-INTRO'), h.tokens.support)).res.status).toBe(200);
    expect((await h.call('GET', certUrl('INV-INTRO'), { token: h.tokens.eoEn })).status).toBe(403);
    expect((await h.call('GET', certUrl('INV-INTRO'))).status).toBe(401);
    const bad = await h.call('GET', certUrl('INV-INTRO', 'fr'), { token: h.tokens.eoCy });
    expect(bad.status).toBe(400);
    expect((await h.call('GET', certUrl('NOPE'), { token: h.tokens.eoCy })).status).toBe(404);
  });
});
