import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const search = (query: string, headers?: Record<string, string>) =>
  h.call('GET', `/api/v1/centres${query}`, { token: h.tokens.support, headers });
const numbers = (json: { data: { number: string }[] }) => json.data.map((c) => c.number);

describe('GET /api/v1/centres', () => {
  it('finds centres by the start of their number', async () => {
    const res = await search('?q=681');
    expect(res.status).toBe(200);
    expect(numbers(res.json)).toEqual(['68123']);
    expect(numbers((await search('?q=68')).json)).toEqual(['68123', '68201', '68345']);
  });

  it('finds names ignoring case and accents, in both directions', async () => {
    for (const q of ['gwyr', 'GŴYR', 'Gŵyr', 'GWYR', 'gŵyr']) {
      const res = await search(`?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(numbers(res.json), q).toEqual(['68123', '68201']);
      expect(res.json.data.map((c: { name: string }) => c.name)).toEqual([
        'Ysgol Gyfun Gŵyr',
        'Coleg Gŵyr Abertawe',
      ]);
    }
    expect(numbers((await search('?q=teilo')).json)).toEqual(['66410']);
    expect(numbers((await search("?q=st%20teilo's")).json)).toEqual(['66410']);
  });

  it('treats LIKE wildcards in the query as plain text', async () => {
    expect((await search('?q=%25')).json.total).toBe(0);
    expect((await search('?q=_')).json.total).toBe(0);
  });

  it('answers the pagination envelope with the total across pages', async () => {
    const all = await search('');
    expect(all.json).toMatchObject({ page: 1, per_page: 20, total: 5 });
    expect(all.json.data).toHaveLength(5);
    expect(all.json.data[0]).toEqual({
      number: '66410',
      name: "St Teilo's High School",
      language: 'en',
      telephone: '029 2018 0401',
    });

    const p1 = await search('?per_page=2&page=1');
    const p3 = await search('?per_page=2&page=3');
    expect(p1.json).toMatchObject({ page: 1, per_page: 2, total: 5 });
    expect(numbers(p1.json)).toEqual(['66410', '67002']);
    expect(numbers(p3.json)).toEqual(['68345']);
    const beyond = await search('?per_page=2&page=9');
    expect(beyond.json).toEqual({ data: [], page: 9, per_page: 2, total: 5 });
  });

  it('refuses out-of-range paging with a 400 naming the parameter, in both languages', async () => {
    for (const [query, field, code] of [
      ['?page=0', 'page', 'too_small'],
      ['?per_page=0', 'per_page', 'too_small'],
      ['?per_page=101', 'per_page', 'too_big'],
      ['?page=abc', 'page', 'invalid_type'],
    ] as const) {
      const res = await search(query);
      expect(res.status, query).toBe(400);
      expect(res.json.error.code).toBe('validation_failed');
      expect(res.json.error.details).toEqual([expect.objectContaining({ field, code })]);
    }
    const cy = await search('?per_page=101&lang=cy');
    expect(cy.json.error.details[0].message).toBe('Ni chaiff fod yn fwy na 100.');
    const en = await search('?per_page=101');
    expect(en.json.error.details[0].message).toBe('Must be at most 100.');
  });
});
