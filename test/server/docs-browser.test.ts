import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServerAndBrowser } from '../support/browser.js';

let demo: Awaited<ReturnType<typeof demoServerAndBrowser>>;
let base: string;
let browser: Browser;

beforeAll(async () => {
  demo = await demoServerAndBrowser();
  ({ base, browser } = demo);
}, 120_000);
afterAll(() => demo?.close());

describe('/docs in a browser', { timeout: 120_000 }, () => {
  it('renders every route from the OpenAPI document without reaching the internet', async () => {
    const page = await browser.newPage();
    const offsite: string[] = [];
    // A support desk's network may not reach a CDN: anything not from our server is refused.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base)) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    await page.goto(`${base}/docs`);
    await page.locator('.opblock').first().waitFor();
    const paths = await page.locator('.opblock-summary-path').allTextContents();
    expect(paths.map((p) => p.replace(/\u200b/g, ''))).toContain('/api/v1/centres/{number}');
    expect(await page.locator('.opblock').count()).toBeGreaterThanOrEqual(30);
    expect(offsite).toEqual([]);
    await page.close();
  });

  it('serves only the two Swagger UI files the page loads', async () => {
    const assets = `${base}/docs/assets/swagger-ui-dist`;
    expect((await fetch(`${assets}/swagger-ui.css`)).status).toBe(200);
    const other = await fetch(`${assets}/package.json`);
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('route_not_found');
  });
});
