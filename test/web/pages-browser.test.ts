import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appCode,
  axeViolations,
  newPerson,
  pagesDemo,
  signInAndEnrol,
  submitPassword,
} from './browser-support.js';

let demo: Awaited<ReturnType<typeof pagesDemo>>;
let base: string;
let browser: Browser;
const SHOTS = process.env.WEB_SCREENSHOTS ?? '';
const EO_CY = 'arholiadau@ysgolgwyr.cymru';
const EO_EN = 'j.price@stteilos-demo.org.uk';

beforeAll(async () => {
  demo = await pagesDemo();
  ({ base, browser } = demo);
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
}, 120_000);
afterAll(() => demo?.close());

describe('signing in to the pages, in Chromium', { timeout: 120_000 }, () => {
  it('enrols an authenticator app, signs out, refuses a wrong code and accepts the right one', async () => {
    const person = await newPerson(browser);
    const page = await person.newPage();
    const password = demo.passwords.get(EO_CY) ?? '';
    await submitPassword(page, base, EO_CY, password);
    // The account prefers Welsh: from the password on, the pages are in Welsh.
    await expect(page.locator('h1').textContent()).resolves.toBe('Sefydlu eich ail gam mewngofnodi');
    expect(await page.locator('.qr svg').count()).toBe(1);
    await page.goto(`${base}/sign-in`);
    await page.goto(`${base}/enrol`);
    const secret = ((await page.locator('#secret').textContent()) ?? '').replace(/\s+/g, '');
    await page.getByLabel('Cod', { exact: true }).fill('000000');
    await page.getByRole('button', { name: "Troi'r ail gam ymlaen" }).click();
    await expect(page.locator('#code-error').textContent()).resolves.toContain("Nid yw'r cod hwnnw'n gywir");
    await page.getByLabel('Cod', { exact: true }).fill(appCode(secret));
    await page.getByRole('button', { name: "Troi'r ail gam ymlaen" }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Manylion y ganolfan');
    expect(page.url()).toBe(`${base}/centres/68123`);

    await page.getByRole('button', { name: 'Allgofnodi' }).click();
    await expect(page.locator('.notice').textContent()).resolves.toBe('Rydych wedi allgofnodi.');
    await page.goto(`${base}/me`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await submitPassword(page, base, EO_CY, password);
    await expect(page.locator('h1').textContent()).resolves.toBe("Rhowch y cod o'ch ap dilysu");
    await page.getByLabel('Cod', { exact: true }).fill('123456');
    await page.getByRole('button', { name: 'Parhau' }).click();
    await expect(page.locator('#code-error').textContent()).resolves.toContain("Nid yw'r cod hwnnw'n gywir");
    // The enrolment's own code was spent; the app's next one is taken.
    await page.getByLabel('Cod', { exact: true }).fill(appCode(secret, 1));
    await page.getByRole('button', { name: 'Parhau' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Manylion y ganolfan');
    await person.close();
  });

  it('refuses a form posted without its CSRF token, and changes nothing', async () => {
    const person = await newPerson(browser);
    const page = await person.newPage();
    await page.goto(`${base}/sign-in`);
    const res = await page.request.post(`${base}/sign-in`, {
      form: { email: EO_EN, password: demo.passwords.get(EO_EN) ?? '' },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain('This form has expired or did not come from this site');
    expect(res.headers()['set-cookie'] ?? '').not.toContain('cymorth_session');
    await person.close();
  });
});

describe('the centre page, in Chromium', { timeout: 120_000 }, () => {
  it('shows a bad email beside its field, in Welsh and in English, and saves nothing', async () => {
    const person = await newPerson(browser);
    const page = await person.newPage();
    await signInAndEnrol(page, base, EO_EN, demo.passwords.get(EO_EN) ?? '');
    await expect(page.locator('h1').textContent()).resolves.toBe('Centre details');
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Email address for general communications').fill('office@@stteilos');
    await page.getByLabel('Telephone').first().fill('029 2018 0499');
    await page.getByRole('button', { name: 'Confirm changes' }).click();
    await expect(page.locator('#general_email-error').textContent()).resolves.toBe(
      'Must be a valid email address.',
    );
    await expect(page.locator('.error-summary a').first().getAttribute('href')).resolves.toBe(
      '#general_email',
    );

    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Golygu manylion y ganolfan');
    await page.getByLabel('Cyfeiriad e-bost ar gyfer cyfathrebu cyffredinol').fill('swyddfa@');
    await page.getByRole('button', { name: "Cadarnhau'r newidiadau" }).click();
    await expect(page.locator('#general_email-error').textContent()).resolves.toBe(
      'Rhaid iddo fod yn gyfeiriad e-bost dilys.',
    );
    await expect(page.locator('.error-summary h2').textContent()).resolves.toBe('Mae problem');

    // Nothing was half saved: neither the telephone typed beside the bad address.
    await page.goto(`${base}/centres/66410`);
    expect(await page.locator('main').textContent()).toContain('029 2018 0401');
    expect(await page.locator('main').textContent()).not.toContain('029 2018 0499');
    await person.close();
  });
});

describe('accessibility and looks', { timeout: 180_000 }, () => {
  it('finds no WCAG 2.2 AA violations on the sign-in and centre pages in either language', async () => {
    for (const lang of ['en', 'cy'] as const) {
      const person = await newPerson(browser, { locale: lang === 'cy' ? 'cy-GB' : 'en-GB' });
      const page = await person.newPage();
      await page.goto(`${base}/sign-in?lang=${lang}`);
      expect(await axeViolations(page)).toEqual([]);
      await page
        .getByRole('button')
        .filter({ hasText: /Sign in|Mewngofnodi/ })
        .click();
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${base}/centres/68123?lang=${lang}`);
      if (new URL(page.url()).pathname === '/sign-in') {
        const email = lang === 'cy' ? 'cefnogi@cymorth.localhost' : 'gweinyddwr@cymorth.localhost';
        await signInAndEnrol(page, base, email, demo.passwords.get(email) ?? '');
        await page.goto(`${base}/centres/68123?lang=${lang}`);
      }
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${base}/centres/68123/edit?lang=${lang}`);
      expect(await axeViolations(page)).toEqual([]);
      await person.close();
    }
  });
});

describe('on a phone', { timeout: 180_000 }, () => {
  it('fits every page into 375 px without sideways scrolling, in both languages', async () => {
    const email = 'llinell.gymorth@cymorth.localhost';
    const wide: string[] = [];
    for (const lang of ['cy', 'en'] as const) {
      const person = await newPerson(browser, { width: 375, locale: lang === 'cy' ? 'cy-GB' : 'en-GB' });
      const page = await person.newPage();
      const look = async (name: string) => {
        const width = await page.evaluate(
          () =>
            (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
              .documentElement.scrollWidth,
        );
        if (width > 375) wide.push(`${name} ${lang}: ${width}px`);
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}-${lang}.png`, fullPage: true });
      };
      await page.goto(`${base}/sign-in?lang=${lang}`);
      await look('sign-in');
      await page.goto(`${base}/forgot-password?lang=${lang}`);
      await look('forgot-password');
      if (lang === 'cy') {
        await submitPassword(page, base, email, demo.passwords.get(email) ?? '');
        await page.goto(`${base}/enrol?lang=${lang}`);
        await look('enrol');
        const secret = ((await page.locator('#secret').textContent()) ?? '').replace(/\s+/g, '');
        await page.getByLabel('Cod', { exact: true }).fill(appCode(secret));
        await page.getByRole('button', { name: "Troi'r ail gam ymlaen" }).click();
      } else {
        await page.context().addCookies((await phoneCookies.cookies()).map((c) => ({ ...c })));
      }
      for (const [name, path] of <[string, string][]>[
        ['centre-search', '/centres?q=ysgol'],
        ['centre', '/centres/68123'],
        ['centre-edit', '/centres/68123/edit'],
        ['my-details', '/me'],
        ['change-password', '/me/password'],
        ['tokens', '/tokens'],
      ]) {
        await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        await look(name);
      }
      if (lang === 'cy') phoneCookies = person;
      else await person.close();
    }
    await phoneCookies.close();
    expect(wide).toEqual([]);
  });
});

let phoneCookies: Awaited<ReturnType<typeof newPerson>>;
