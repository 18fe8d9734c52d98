import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
// biome-ignore lint/suspicious/noExplicitAny: the document is plain JSON
let doc: any;
beforeAll(async () => {
  h = await createHarness();
  const res = await h.call('GET', '/api/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = res.json;
});
afterAll(() => h.close());

/** Hono's `/centres/:number` is OpenAPI's `/centres/{number}`. */
const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
/** Pages for people (the documents themselves, the pages under `src/web/`) are not API routes. */
const SELF = new Set(['/api/v1/openapi.json', '/docs']);
const isPage = (path: string) => !path.startsWith('/api/') && path !== '/healthz';

describe('/api/v1/openapi.json', () => {
  it('is OpenAPI 3.1 with the bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('describes every route the app serves', () => {
    const served = h.app.routes
      .filter((r) => r.method !== 'ALL' && !SELF.has(r.path) && !isPage(r.path))
      .map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.path)}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops as object).map((method) => `${method} ${path}`),
    );
    expect(served.length).toBeGreaterThan(5);
    expect([...new Set(served)].sort()).toEqual(expect.arrayContaining(documented.sort()));
    expect(documented.sort()).toEqual(expect.arrayContaining([...new Set(served)].sort()));
  });

  it('gives every request body an example and every secured route its 401', () => {
    const missing: string[] = [];
    // biome-ignore lint/suspicious/noExplicitAny: the document is plain JSON
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const content = op.requestBody?.content ?? {};
        // biome-ignore lint/suspicious/noExplicitAny: the document is plain JSON
        for (const [type, body] of Object.entries(content) as [string, any][]) {
          const example = body.example ?? body.examples ?? body.schema?.example;
          if (example === undefined && type === 'application/json')
            missing.push(`${method} ${path}: example`);
        }
        if (op.security && !op.responses?.['401']) missing.push(`${method} ${path}: 401`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('/docs', () => {
  it('serves the interactive documentation as HTML pointing at the document', async () => {
    const res = await h.call('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.text).toContain('/api/v1/openapi.json');
  });
});
