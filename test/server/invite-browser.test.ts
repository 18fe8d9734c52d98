import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServerAndBrowser } from '../support/browser.js';

let demo: Awaited<ReturnType<typeof demoServerAndBrowser>>;
let base: string;
let eoToken: string;
let browser: Browser;

beforeAll(async () => {
  demo = await demoServerAndBrowser({ OUTBOX_POLL_MS: '100' });
  ({ base, browser } = demo);
  eoToken = demo.server.out().match(/EO of Ysgol Gyfun Gŵyr \(Welsh\)\s+\S+\s+(cym_[\w-]+)/)?.[1] ?? '';
}, 120_000);
afterAll(() => demo?.close());

/** The invite as it lands in the outbox folder (no SMTP_URL), read as a mail client reads it. */
async function deliveredInvite(to: string) {
  const dir = join(demo.dataDir, 'outbox');
  for (;;) {
    // The mailer writes under a temporary name and renames to .eml: only finished files are read.
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml'));
    for (const name of names) {
      const mail = await simpleParser(await readFile(join(dir, name)));
      const recipients = [mail.to].flat().flatMap((a) => a?.value.map((v) => v.address) ?? []);
      if (recipients.includes(to)) return mail;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('an invited teacher follows the link in the mail, in Chromium', { timeout: 120_000 }, () => {
  it('reads the page in Welsh, can switch to English, presses the button and gets a working token', async () => {
    const invited = await fetch(`${base}/api/v1/centres/68123/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${eoToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        first_name: 'Siân',
        last_name: 'Bowen',
        email: 's.bowen@ysgolgwyr.cymru',
        language: 'cy',
        account_type: 'user',
      }),
    });
    expect(invited.status).toBe(201);

    const mail = await deliveredInvite('s.bowen@ysgolgwyr.cymru');
    const link = mail.text?.match(/https?:\/\/\S+\/invites\/\S+/)?.[0] ?? '';
    // The mail's links point at PUBLIC_URL, unset here: the page itself is on this server.
    const url = new URL(link);
    expect(url.searchParams.get('lang')).toBe('cy');

    const page = await browser.newPage();
    await page.goto(`${base}${url.pathname}${url.search}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Sefydlu eich mynediad');
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Set up your access');
    await page.getByRole('button', { name: 'Set up my access' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Your access is ready');
    const token = (await page.locator('#token').textContent()) ?? '';

    const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe('s.bowen@ysgolgwyr.cymru');

    // The link from the mail again: spent, and the page says so instead of offering a second token.
    await page.goto(`${base}${url.pathname}${url.search}`);
    await expect(page.locator('h1').textContent()).resolves.toBe("Mae'r ddolen hon wedi'i defnyddio");
    expect(await page.getByRole('button').count()).toBe(0);
    await page.close();
  });
});
