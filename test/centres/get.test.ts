import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerTokens } from '../support/auth-cases.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const ALL_EDITABLE = [
  'name',
  'address',
  'telephone',
  'language',
  'ukprn',
  'urn',
  'general_email',
  'post_results_email',
  'head_name',
  'head_email',
  'eo_name',
  'eo_email',
  'eo_telephone',
];

describe('GET /api/v1/centres/:number', () => {
  it('shows every field of SPEC 2.1, with the EO address standing in for unset addresses', async () => {
    const res = await h.call('GET', '/api/v1/centres/68123', { token: h.tokens.support });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      number: '68123',
      name: 'Ysgol Gyfun Gŵyr',
      address: 'Heol Talbot, Tregŵyr, Abertawe SA4 3AA',
      telephone: '029 2018 0101',
      language: 'cy',
      ukprn: '10001234',
      urn: '401234',
      general_email: 'swyddfa@ysgolgwyr.cymru',
      general_email_effective: 'swyddfa@ysgolgwyr.cymru',
      post_results_email: null,
      post_results_email_effective: 'arholiadau@ysgolgwyr.cymru',
      head_name: 'Dr Eleri Morgan',
      head_email: 'pennaeth@ysgolgwyr.cymru',
      eo_name: 'Gwenllian Rhys',
      eo_email: 'arholiadau@ysgolgwyr.cymru',
      eo_telephone: '029 2018 0102',
      updated_at: '2026-11-23T09:00:00.000Z',
      editable_fields: ALL_EDITABLE,
      to_complete: [],
    });
  });

  it('falls back to the EO for general communications too, and for both at once', async () => {
    const coleg = await h.call('GET', '/api/v1/centres/68201', { token: h.tokens.support });
    expect(coleg.json).toMatchObject({
      general_email: null,
      general_email_effective: 'exams@colegdemo.ac.uk',
      post_results_email: 'results@colegdemo.ac.uk',
      post_results_email_effective: 'results@colegdemo.ac.uk',
    });
    const preseli = await h.call('GET', '/api/v1/centres/67002', { token: h.tokens.support });
    expect(preseli.json).toMatchObject({
      general_email: null,
      general_email_effective: 'arholiadau@preseli-demo.cymru',
      post_results_email: null,
      post_results_email_effective: 'arholiadau@preseli-demo.cymru',
      ukprn: null,
      urn: null,
    });
  });

  it('follows a changed EO address in the effective addresses', async () => {
    await h.call('PATCH', '/api/v1/centres/68123', {
      token: h.tokens.support,
      body: { eo_email: 'swyddog.newydd@ysgolgwyr.cymru' },
    });
    const res = await h.call('GET', '/api/v1/centres/68123', { token: h.tokens.support });
    expect(res.json.post_results_email_effective).toBe('swyddog.newydd@ysgolgwyr.cymru');
    expect(res.json.general_email_effective).toBe('swyddfa@ysgolgwyr.cymru');
  });

  it('says which fields the caller may edit', async () => {
    const tokens = await callerTokens(h);
    const editable = async (token: string) =>
      (await h.call('GET', '/api/v1/centres/68123', { token })).json.editable_fields;
    expect(await editable(tokens.support)).toEqual(ALL_EDITABLE);
    expect(await editable(tokens.admin)).toEqual(ALL_EDITABLE);
    expect(await editable(tokens.eoCy)).toEqual(ALL_EDITABLE);
    expect(await editable(tokens.centreAdmin)).toEqual(ALL_EDITABLE);
    expect(await editable(tokens.helpline)).toEqual([]);
    expect(await editable(tokens.user)).toEqual([]);
  });

  it('answers an unknown centre with a 404 in the chosen language', async () => {
    const cy = await h.call('GET', '/api/v1/centres/99999?lang=cy', { token: h.tokens.support });
    expect(cy.status).toBe(404);
    expect(cy.json.error).toEqual({ code: 'centre_not_found', message: "Nid oes canolfan â'r rhif 99999." });
    const en = await h.call('GET', '/api/v1/centres/99999', { token: h.tokens.support });
    expect(en.json.error).toEqual({ code: 'centre_not_found', message: 'No centre has the number 99999.' });
  });
});
