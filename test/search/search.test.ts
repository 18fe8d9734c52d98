import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  // Siân Bowen has been invited at Ysgol Gyfun Gŵyr and rings the helpline about it.
  const invited = await h.call('POST', '/api/v1/centres/68123/users', {
    token: h.tokens.eoCy,
    body: {
      first_name: 'Siân',
      last_name: 'Bowen',
      email: 'sian.bowen@ysgolgwyr.cymru',
      language: 'cy',
      account_type: 'user',
    },
  });
  expect(invited.status).toBe(201);
});
afterEach(() => h.close());

const find = async (q: string, token = h.tokens.helpline) =>
  h.call('GET', `/api/v1/search?q=${encodeURIComponent(q)}&lang=en`, { token });

const SIAN = {
  type: 'account',
  centre: { number: '68123', name: 'Ysgol Gyfun Gŵyr' },
  role: 'user',
  name: 'Siân Bowen',
  email: 'sian.bowen@ysgolgwyr.cymru',
  status: 'invited',
};

describe('GET /api/v1/search: one search for the helpline, the way callers talk', () => {
  for (const q of ['sian.bowen@ysgolgwyr.cymru', 'Bowen', 'sian bowen', 'BOWEN, Siân'])
    it(`finds Siân Bowen's account, with its centre and role, from "${q}"`, async () => {
      const res = await find(q);
      expect(res.status).toBe(200);
      expect(res.json.data).toEqual([{ ...SIAN, account_id: expect.any(Number) }]);
      expect(res.json.total).toBe(1);
    });

  it('finds a centre from any address on record, saying which', async () => {
    const res = await find('pennaeth@brodinefwr.cymru');
    expect(res.json.data).toEqual([
      {
        type: 'centre',
        centre: { number: '68345', name: 'Ysgol Bro Dinefwr' },
        role: 'head_email',
        account_id: null,
        name: null,
        email: null,
        status: null,
      },
    ]);
  });

  it('finds a centre by its name without the apostrophe, and by part of it', async () => {
    for (const q of ['St Teilos', 'Teilo', "st teilo's high"]) {
      const res = await find(q);
      expect(res.json.data[0], q).toMatchObject({
        type: 'centre',
        centre: { number: '66410' },
        role: 'name',
      });
    }
  });

  it('finds centres by the start of their number, then their accounts by name', async () => {
    const res = await find('68');
    expect(res.json.data.map((d: { centre: { number: string } }) => d.centre.number)).toEqual([
      '68123',
      '68201',
      '68345',
    ]);
    const eo = await find('Gwenllian Rhys');
    expect(eo.json.data.map((d: { type: string; role: string }) => [d.type, d.role])).toEqual([
      ['centre', 'eo_name'],
      ['account', 'eo'],
    ]);
  });

  it('is for staff only, and needs something to look for', async () => {
    expect((await find('Bowen', h.tokens.eoCy)).status).toBe(403);
    const empty = await h.call('GET', '/api/v1/search?q=%20&lang=en', { token: h.tokens.helpline });
    expect(empty.status).toBe(400);
    expect(empty.json.error.details[0].field).toBe('q');
  });
});
