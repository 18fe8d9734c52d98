import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accounts, centres } from '../../src/db/schema/index.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const NEW_CENTRE = {
  number: '69999',
  name: 'Ysgol Newydd',
  address: 'Stryd Fawr, Caerfyrddin SA31 1AA',
  telephone: '01267 234567',
  language: 'cy',
  head_name: 'Llinos Parry',
  head_email: 'pennaeth@newydd-demo.cymru',
  eo_name: 'Owain Bowen',
  eo_email: 'arholiadau@newydd-demo.cymru',
  eo_telephone: '029 2018 0902',
};

describe('POST /api/v1/centres', () => {
  it('registers a centre with its EO account, and it can be found', async () => {
    const res = await h.call('POST', '/api/v1/centres', { token: h.tokens.admin, body: NEW_CENTRE });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      ...NEW_CENTRE,
      ukprn: null,
      general_email_effective: 'arholiadau@newydd-demo.cymru',
      post_results_email_effective: 'arholiadau@newydd-demo.cymru',
    });
    const centre = await h.ctx.db.select().from(centres).where(eq(centres.number, '69999')).get();
    const eo = await h.ctx.db
      .select()
      .from(accounts)
      .where(eq(accounts.centreId, centre?.id ?? -1));
    expect(eo).toEqual([
      expect.objectContaining({
        accountType: 'eo',
        email: 'arholiadau@newydd-demo.cymru',
        firstName: 'Owain',
        lastName: 'Bowen',
        language: 'cy',
        status: 'active',
      }),
    ]);
    const token = await h.makeToken({ role: 'eo', centre: '69999' });
    const me = await h.call('GET', '/api/v1/me', { token });
    expect(me.json).toMatchObject({ id: eo[0]?.id, centre_number: '69999', account_type: 'eo' });
    const found = await h.call('GET', '/api/v1/centres?q=newydd', { token: h.tokens.support });
    expect(found.json.total).toBe(1);
  });

  it('answers 409 when the number exists, and changes nothing', async () => {
    const res = await h.call('POST', '/api/v1/centres?lang=cy', {
      token: h.tokens.admin,
      body: { ...NEW_CENTRE, number: '68123' },
    });
    expect(res.status).toBe(409);
    expect(res.json.error).toEqual({
      code: 'centre_exists',
      message: "Mae canolfan â'r rhif 68123 yn bodoli eisoes.",
    });
    const row = await h.ctx.db.select().from(centres).where(eq(centres.number, '68123')).get();
    expect(row?.name).toBe('Ysgol Gyfun Gŵyr');
  });

  it('answers 409 when the EO email is another account’s login', async () => {
    const res = await h.call('POST', '/api/v1/centres', {
      token: h.tokens.admin,
      body: { ...NEW_CENTRE, eo_email: 'ATHRO@ysgolgwyr.cymru' },
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('email_in_use');
    expect(await h.ctx.db.select().from(centres).where(eq(centres.number, '69999'))).toEqual([]);
  });

  it('names each missing or bad field', async () => {
    const { head_email: _h, ...rest } = NEW_CENTRE;
    const res = await h.call('POST', '/api/v1/centres', {
      token: h.tokens.admin,
      body: { ...rest, number: '6999', ukprn: '1' },
    });
    expect(res.status).toBe(400);
    expect(
      res.json.error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`).sort(),
    ).toEqual(['head_email:required', 'number:centre_number', 'ukprn:ukprn']);
  });
});
