import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('GET /api/v1/centres/:number', () => {
  it('shows every field, with the EO address standing in for unset addresses', async () => {
    const res = await h.call('GET', '/api/v1/centres/68123', { token: h.tokens.support });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      number: '68123',
      name: 'Ysgol Gyfun Gŵyr',
      general_email: 'swyddfa@ysgolgwyr.cymru',
      general_email_effective: 'swyddfa@ysgolgwyr.cymru',
      post_results_email: null,
      post_results_email_effective: 'arholiadau@ysgolgwyr.cymru',
    });
  });

  it('answers an unknown centre with a 404 in the chosen language', async () => {
    const res = await h.call('GET', '/api/v1/centres/99999?lang=cy', { token: h.tokens.support });
    expect(res.status).toBe(404);
    expect(res.json.error).toEqual({
      code: 'centre_not_found',
      message: 'Nid oes canolfan â’r rhif 99999.'.replace('’', "'"),
    });
  });
});
