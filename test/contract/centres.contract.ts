import { describe, expect, it } from 'vitest';
import cyErrors from '../../locales/cy/errors.json' with { type: 'json' };
import cyValidation from '../../locales/cy/validation.json' with { type: 'json' };
import enErrors from '../../locales/en/errors.json' with { type: 'json' };
import enValidation from '../../locales/en/validation.json' with { type: 'json' };
import { EDITABLE_CENTRE_FIELDS } from '../../src/centres/schema.js';
import type { DemoTokens } from '../support/harness.js';

/** A running cymorth, whichever runtime serves it: Node (`app.request`) or workerd (real HTTP). */
export interface ContractTarget {
  fetch(path: string, init?: RequestInit): Promise<Response>;
  tokens: DemoTokens;
}

/** The demo seed's tokens by account, from the list `seedDemo` answers. */
export function demoTokens(seeded: { what: string; token: string }[]): DemoTokens {
  const byWhat = (prefix: string) => seeded.find((t) => t.what.startsWith(prefix))?.token ?? '';
  return {
    support: byWhat('centre support'),
    helpline: byWhat('helpline'),
    admin: byWhat('staff admin'),
    eoCy: byWhat('EO of Ysgol'),
    eoEn: byWhat("EO of St Teilo's"),
    user: byWhat('teacher'),
  };
}

/**
 * The centre API's behaviour every runtime must show, against one shared, demo-seeded database.
 * Tests that write touch only 68345, so they neither depend on nor disturb the others' data.
 */
export function centresContract(target: () => ContractTarget) {
  async function call(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const res = await target().fetch(path, { method, headers, body });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      json: text ? JSON.parse(text) : null,
    };
  }
  const tokens = () => target().tokens;

  describe('centres API contract', () => {
    it('answers /healthz', async () => {
      const res = await call('GET', '/healthz');
      expect(res).toMatchObject({ status: 200, json: { status: 'ok' } });
    });

    it('publishes an OpenAPI 3.1 document covering the centre routes', async () => {
      const res = await call('GET', '/api/v1/openapi.json');
      expect(res.status).toBe(200);
      expect(res.json.openapi).toBe('3.1.0');
      expect(Object.keys(res.json.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/centres',
          '/api/v1/centres/{number}',
          '/api/v1/centres/{number}/audit',
        ]),
      );
    });

    it('shows a centre with its effective addresses and what the caller may edit', async () => {
      const res = await call('GET', '/api/v1/centres/68123', { token: tokens().support });
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/^application\/json/);
      expect(res.json).toMatchObject({
        number: '68123',
        name: 'Ysgol Gyfun Gŵyr',
        language: 'cy',
        ukprn: '10001234',
        general_email: 'swyddfa@ysgolgwyr.cymru',
        general_email_effective: 'swyddfa@ysgolgwyr.cymru',
        post_results_email: null,
        post_results_email_effective: 'arholiadau@ysgolgwyr.cymru',
        eo_email: 'arholiadau@ysgolgwyr.cymru',
      });
      expect(res.json.editable_fields).toEqual([...EDITABLE_CENTRE_FIELDS]);

      const teacher = await call('GET', '/api/v1/centres/68123', { token: tokens().user });
      expect(teacher.status).toBe(200);
      expect(teacher.json.editable_fields).toEqual([]);
    });

    it('finds centres by name regardless of case and accents, in a pagination envelope', async () => {
      const res = await call('GET', '/api/v1/centres?q=GWYR&per_page=1', { token: tokens().support });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        data: [{ number: '68123', name: 'Ysgol Gyfun Gŵyr', language: 'cy', telephone: '029 2018 0101' }],
        page: 1,
        per_page: 1,
        total: 2,
      });
      const next = await call('GET', '/api/v1/centres?q=gwyr&page=2&per_page=1', { token: tokens().support });
      expect(next.json.data.map((c: { name: string }) => c.name)).toEqual(['Coleg Gŵyr Abertawe']);
      expect(next.json).toMatchObject({ page: 2, per_page: 1, total: 2 });
    });

    it('applies a valid change and records it in the audit trail', async () => {
      const res = await call('PATCH', '/api/v1/centres/68345', {
        token: tokens().support,
        body: { general_email: 'swyddfa@brodinefwr.cymru' },
      });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        general_email: 'swyddfa@brodinefwr.cymru',
        general_email_effective: 'swyddfa@brodinefwr.cymru',
      });
      const again = await call('GET', '/api/v1/centres/68345', { token: tokens().support });
      expect(again.json.general_email).toBe('swyddfa@brodinefwr.cymru');

      const audit = await call('GET', '/api/v1/centres/68345/audit', { token: tokens().support });
      expect(audit.status).toBe(200);
      const [entry] = audit.json.data;
      expect(entry).toMatchObject({
        actor: 'Alun Support <cefnogi@cymorth.localhost>',
        entity: 'centre',
        entity_id: '68345',
        action: 'update',
      });
      expect(Object.values(entry.before)).toEqual([null]);
      expect(Object.values(entry.after)).toEqual(['swyddfa@brodinefwr.cymru']);
    });

    it('refuses an invalid change whole, naming the field, in English or Welsh', async () => {
      const body = { ukprn: '123', telephone: '029 2018 0309' };
      const en = await call('PATCH', '/api/v1/centres/68345', { token: tokens().support, body });
      expect(en.status).toBe(400);
      expect(en.json.error).toEqual({
        code: 'validation_failed',
        message: enErrors.validation_failed,
        details: [{ field: 'ukprn', code: 'ukprn', message: enValidation.ukprn }],
      });

      const cy = await call('PATCH', '/api/v1/centres/68345?lang=cy', { token: tokens().support, body });
      expect(cy.status).toBe(400);
      expect(cy.json.error).toEqual({
        code: 'validation_failed',
        message: cyErrors.validation_failed,
        details: [{ field: 'ukprn', code: 'ukprn', message: cyValidation.ukprn }],
      });

      const after = await call('GET', '/api/v1/centres/68345', { token: tokens().support });
      expect(after.json).toMatchObject({ ukprn: null, telephone: '029 2018 0301' });
    });

    it('answers an unknown centre with 404, in Welsh when asked', async () => {
      const en = await call('GET', '/api/v1/centres/99999', { token: tokens().support });
      expect(en.status).toBe(404);
      expect(en.json.error).toEqual({
        code: 'centre_not_found',
        message: enErrors.centre_not_found.replace('{{number}}', '99999'),
      });
      const cy = await call('GET', '/api/v1/centres/99999?lang=cy', { token: tokens().support });
      expect(cy.status).toBe(404);
      expect(cy.json.error.message).toBe(cyErrors.centre_not_found.replace('{{number}}', '99999'));
    });

    it('refuses a call without a token with 401, in the language the browser asks for', async () => {
      const res = await call('GET', '/api/v1/centres/68123', {
        headers: { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' },
      });
      expect(res.status).toBe(401);
      expect(res.json.error).toEqual({ code: 'unauthorized', message: cyErrors.unauthorized });
    });
  });
}
