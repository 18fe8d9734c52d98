import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness | undefined;
afterEach(() => h?.close());

/** A pino logger writing JSON lines into memory, so tests read what the service logged. */
function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const ERROR_SHAPE = { error: { code: expect.any(String), message: expect.any(String) } };

describe('errors a client can cause', () => {
  it('answers malformed JSON with 400 malformed_json, in English and Welsh', async () => {
    h = await createHarness();
    const send = (lang: string) =>
      h?.call('PATCH', `/api/v1/centres/68123?lang=${lang}`, {
        token: h.tokens.support,
        raw: '{"telephone": "029 2018 0199",',
        headers: { 'content-type': 'application/json' },
      });
    const en = await send('en');
    expect(en?.status).toBe(400);
    expect(en?.json).toEqual({
      error: { code: 'malformed_json', message: 'The request body is not valid JSON.' },
    });
    const cy = await send('cy');
    expect(cy?.json.error.message).toBe('Nid yw cynnwys y cais yn JSON dilys.');
  });

  it('answers a body that is not JSON with 415', async () => {
    h = await createHarness();
    const res = await h.call('PATCH', '/api/v1/centres/68123', {
      token: h.tokens.support,
      raw: 'telephone=029 2018 0199',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.json.error).toEqual({
      code: 'unsupported_media_type',
      message: 'Send the body as JSON (Content-Type: application/json).',
    });
    const none = await h.call('PATCH', '/api/v1/centres/68123', {
      token: h.tokens.support,
      raw: '{"telephone":"029 2018 0199"}',
    });
    expect(none.status).toBe(415);
    const cy = await h.call('PATCH', '/api/v1/centres/68123?lang=cy', {
      token: h.tokens.support,
      raw: 'telephone=029 2018 0199',
      headers: { 'content-type': 'text/plain' },
    });
    expect(cy.json.error.message).toBe('Anfonwch y corff fel JSON (Content-Type: application/json).');
  });

  it('answers a body over BODY_LIMIT_BYTES with 413, naming the limit', async () => {
    h = await createHarness({ BODY_LIMIT_BYTES: '1000' });
    const res = await h.call('PATCH', '/api/v1/centres/68123?lang=cy', {
      token: h.tokens.support,
      body: { address: 'x'.repeat(2000) },
    });
    expect(res.status).toBe(413);
    expect(res.json.error).toEqual({
      code: 'body_too_large',
      message: "Mae'r cais yn rhy fawr: y terfyn yw 1000 beit.",
    });
    const fits = await h.call('PATCH', '/api/v1/centres/68123', {
      token: h.tokens.support,
      body: { address: 'Heol Talbot, Tregŵyr SA4 3AA' },
    });
    expect(fits.status).toBe(200);
  });

  it('answers an unknown route with 404 route_not_found', async () => {
    h = await createHarness();
    const cy = await h.call('GET', '/api/v1/nowhere', { headers: { 'accept-language': 'cy' } });
    expect(cy.json.error).toEqual({
      code: 'route_not_found',
      message: "Nid oes cyfeiriad o'r fath yn y gwasanaeth hwn.",
    });
    for (const path of ['/api/v1/nowhere', '/nowhere', '/api/v2/centres']) {
      const res = await h.call('GET', path, { token: h.tokens.support });
      expect(res.status, path).toBe(404);
      expect(res.json.error).toEqual({
        code: 'route_not_found',
        message: 'There is no such address in this service.',
      });
    }
  });

  it('answers a method the address does not take with 405 and the methods it does', async () => {
    h = await createHarness();
    const res = await h.call('DELETE', '/api/v1/centres/68123', { token: h.tokens.admin });
    expect(res.status).toBe(405);
    expect(res.json.error).toEqual({
      code: 'method_not_allowed',
      message: 'This address does not accept that method.',
    });
    expect(res.headers.get('allow')).toBe('GET, PATCH');
    const put = await h.call('PUT', '/api/v1/me?lang=cy', { token: h.tokens.admin, body: {} });
    expect(put.status).toBe(405);
    expect(put.json.error.message).toBe("Nid yw'r cyfeiriad hwn yn derbyn y dull hwnnw.");
  });
});

describe('the response language (SPEC 2.7: ?lang= → account → Accept-Language → English)', () => {
  const notFound = { en: 'No centre has the number 99999.', cy: "Nid oes canolfan â'r rhif 99999." };
  const ask = (token: string, query = '', headers: Record<string, string> = {}) =>
    h?.call('GET', `/api/v1/centres/99999${query}`, { token, headers }).then((r) => r.json.error.message);

  it('puts ?lang= first, then the account, then Accept-Language, then English', async () => {
    h = await createHarness();
    const support = h.tokens.support; // an English account
    const eo = h.tokens.eoCy; // a Welsh account, refused rather than told whether 99999 exists
    const refused = {
      en: 'You do not have permission to do this.',
      cy: 'Nid oes gennych ganiatâd i wneud hyn.',
    };
    expect(await ask(support, '?lang=cy', { 'accept-language': 'en' })).toBe(notFound.cy);
    expect(await ask(eo, '?lang=en', { 'accept-language': 'cy' })).toBe(refused.en);
    expect(await ask(eo, '', { 'accept-language': 'en' })).toBe(refused.cy);
    expect(await ask(support, '', { 'accept-language': 'cy' })).toBe(notFound.en);
  });

  it("answers in the account's language also when refused before the route looks at the token", async () => {
    h = await createHarness({ BODY_LIMIT_BYTES: '1000' });
    const eo = h.tokens.eoCy; // a Welsh account
    const big = { body: { address: 'x'.repeat(2000) } };
    const tooLarge = await h.call('PATCH', '/api/v1/centres/68123', { token: eo, ...big });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json.error.message).toBe("Mae'r cais yn rhy fawr: y terfyn yw 1000 beit.");
    const nowhere = await h.call('GET', '/api/v1/nowhere', {
      token: eo,
      headers: { 'accept-language': 'en' },
    });
    expect(nowhere.json.error.message).toBe("Nid oes cyfeiriad o'r fath yn y gwasanaeth hwn.");
    // ?lang= still comes first, and a token that names no one leaves Accept-Language to decide.
    const asked = await h.call('PATCH', '/api/v1/centres/68123?lang=en', { token: eo, ...big });
    expect(asked.json.error.message).toBe('The request is too large: the limit is 1000 bytes.');
    const unknown = await h.call('GET', '/api/v1/nowhere', {
      token: 'cym_nobody',
      headers: { 'accept-language': 'en' },
    });
    expect(unknown.json.error.message).toBe('There is no such address in this service.');
  });

  it('uses Accept-Language with quality values when there is no account', async () => {
    h = await createHarness();
    const anon = (headers: Record<string, string>) =>
      h?.call('GET', '/api/v1/me', { headers }).then((r) => r.json.error.message);
    const cy = 'Mewngofnodwch yn gyntaf: anfonwch docyn dilys yn y pennyn Authorization (Bearer).';
    const en = 'Sign in first: send a valid token in the Authorization header (Bearer).';
    expect(await anon({ 'accept-language': 'cy-GB' })).toBe(cy);
    expect(await anon({ 'accept-language': 'en;q=0.5, cy;q=0.9' })).toBe(cy);
    expect(await anon({ 'accept-language': 'fr, en;q=0.8, cy;q=0.7' })).toBe(en);
    expect(await anon({ 'accept-language': 'de' })).toBe(en);
    expect(await anon({})).toBe(en);
  });

  it("refuses a ?lang= other than en or cy, in the account's language, naming the parameter, and documents it", async () => {
    h = await createHarness();
    const refused = { field: 'lang', code: 'one_of', message: "Rhaid iddo fod yn un o'r rhain: en, cy." };
    for (const path of [
      '/api/v1/centres/68123?lang=fr',
      '/api/v1/centres?q=gwyr&lang=fr',
      '/api/v1/me?lang=',
    ]) {
      const res = await h.call('GET', path, { token: h.tokens.eoCy });
      expect([path, res.status, res.json.error.code]).toEqual([path, 400, 'validation_failed']);
      expect(res.json.error.details).toEqual([expect.objectContaining(refused)]);
    }
    const doc = (await h.call('GET', '/api/v1/openapi.json')).json;
    const names = (path: string) =>
      doc.paths[path].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(names('/api/v1/centres/{number}')).toEqual(expect.arrayContaining(['path:number', 'query:lang']));
    expect(names('/api/v1/centres')).toEqual(expect.arrayContaining(['query:q', 'query:lang']));
  });
});

describe('request ids and unexpected faults', () => {
  it('puts an X-Request-Id on every answer and on every log line of that request', async () => {
    const mem = memoryLogger();
    h = await createHarness({}, { logger: mem.logger });
    const answers = [
      await h.call('GET', '/healthz'),
      await h.call('GET', '/api/v1/centres/68123', { token: h.tokens.support }),
      await h.call('GET', '/api/v1/centres/99999', { token: h.tokens.support }),
      await h.call('GET', '/api/v1/me'),
      await h.call('GET', '/nowhere'),
    ];
    const ids = answers.map((a) => a.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(/^[\w-]{8,}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const requestLines = mem.lines.filter((l) => l.msg === 'request');
    expect(requestLines.map((l) => l.request_id)).toEqual(ids);
    expect(requestLines.map((l) => l.status)).toEqual([200, 200, 404, 401, 404]);
  });

  it('keeps a request id the client sent', async () => {
    h = await createHarness();
    const res = await h.call('GET', '/healthz', { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
  });

  it('answers a fault with 500, the error shape and the request id, and logs the stack', async () => {
    const mem = memoryLogger();
    h = await createHarness({}, { logger: mem.logger });
    h.close(); // the database goes away under the running app
    const res = await h.call('GET', '/api/v1/centres/68123?lang=cy', { token: h.tokens.support });
    expect(res.status).toBe(500);
    expect(res.json).toEqual(ERROR_SHAPE);
    const id = res.headers.get('x-request-id');
    expect(res.json.error).toEqual({
      code: 'internal_error',
      message: `Aeth rhywbeth o'i le ar ein hochr ni. Dyfynnwch y cyfeirnod ${id} os byddwch yn cysylltu â ni.`,
    });
    expect(res.text).not.toMatch(/sqlite|libsql|closed|stack|at /i);
    const fault = mem.lines.find((l) => l.msg === 'unhandled error');
    expect(fault).toMatchObject({ request_id: id, level: 50 });
    expect((fault?.err as { stack?: string } | undefined)?.stack).toMatch(/\n\s+at /);
    const health = await h.call('GET', '/healthz');
    expect(health.status).toBe(500);
    expect(health.json.error.code).toBe('internal_error');
    h = undefined;
  });

  it('answers a fault in English by default, quoting the same id as the header', async () => {
    h = await createHarness();
    h.close();
    const res = await h.call('GET', '/api/v1/centres?q=gwyr', { token: h.tokens.support });
    expect(res.status).toBe(500);
    expect(res.json.error.message).toBe(
      `Something went wrong on our side. Quote reference ${res.headers.get('x-request-id')} if you contact us.`,
    );
    h = undefined;
  });
});
