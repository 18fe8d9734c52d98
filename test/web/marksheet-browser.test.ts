import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, newPerson, pagesDemo, signInAndEnrol } from './browser-support.js';

let demo: Awaited<ReturnType<typeof pagesDemo>>;
let base: string;
let browser: Browser;
const EO_EN = 'j.price@stteilos-demo.org.uk';
/** Each save is a request: on a machine busy with other work it can take longer than the default second. */
const POLL = { timeout: 20_000 };

beforeAll(async () => {
  demo = await pagesDemo();
  ({ base, browser } = demo);
}, 120_000);
afterAll(() => demo?.close());

const focusedId = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
  );

/** Types into the focused cell and presses Tab, as a teacher does. */
async function typeTab(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

describe('the marksheet, by keyboard alone, in Chromium', { timeout: 240_000 }, () => {
  it('saves each cell as Tab moves down, refuses an over-maximum mark, repeats initials, saves and closes, submits', async () => {
    const person = await newPerson(browser);
    const page = await person.newPage();
    page.on('dialog', (d) => d.accept());
    await signInAndEnrol(page, base, EO_EN, demo.passwords.get(EO_EN) ?? '');
    await page.getByRole('link', { name: 'Internal assessment' }).click();
    await page.getByRole('link', { name: 'ENTER MARKS (0 DONE, 30 LEFT)' }).click();
    await page.getByLabel('Rows').selectOption('50');
    await page.getByRole('button', { name: 'Search' }).click();
    const task1 = page.locator('input.col-task_1');
    const task2 = page.locator('input.col-task_2');
    const initials = page.locator('input.col-initials');
    expect(await task1.count()).toBe(30);

    await task1.nth(0).focus();
    await typeTab(page, '15');
    expect(await focusedId(page)).toBe(await task1.nth(1).getAttribute('id'));
    await expect.poll(() => task1.nth(0).getAttribute('class'), POLL).toContain('cell--ok');

    await typeTab(page, '45');
    const refused = await task1.nth(1).getAttribute('id');
    await expect
      .poll(() => page.locator(`#${refused}-error`).textContent(), POLL)
      .toBe('The mark 45 is over the maximum of 40 for Task 1. Enter the correct mark.');
    expect(await task1.nth(1).getAttribute('class')).toContain('cell--bad');

    await typeTab(page, 'a');
    await expect.poll(() => task1.nth(2).inputValue(), POLL).toBe('A');
    await expect.poll(() => task1.nth(2).getAttribute('class'), POLL).toContain('cell--ok');
    await typeTab(page, 'c');
    await expect.poll(() => task1.nth(3).inputValue(), POLL).toBe('CF');
    for (let i = 4; i < 30; i++) await typeTab(page, String(10 + (i % 25)));

    await task1.nth(1).focus();
    await page.keyboard.press('Control+A');
    await typeTab(page, '30');
    await expect.poll(() => task1.nth(1).getAttribute('class'), POLL).toContain('cell--ok');

    await task2.nth(0).focus();
    for (let i = 0; i < 30; i++) await typeTab(page, String(5 + (i % 30)));
    await initials.nth(0).focus();
    await typeTab(page, 'ab');
    // The next candidate's initials box fills with the class teacher's initials as it is entered.
    await expect.poll(() => initials.nth(1).inputValue(), POLL).toBe('AB');
    for (let i = 1; i < 30; i++) await page.keyboard.press('Tab');
    await expect.poll(() => initials.nth(29).getAttribute('class'), POLL).toContain('cell--ok');
    await expect.poll(() => page.locator('[data-total]').nth(0).textContent(), POLL).toBe('20');

    await page.getByRole('button', { name: 'Save and close' }).click();
    await expect(page.locator('.notice').textContent()).resolves.toMatch(/^The marks have been saved/);
    await page.getByRole('link', { name: 'SUBMIT MARKS AND GENERATE SAMPLE (30)' }).click();
    await page.getByRole('button', { name: 'Submit the marks' }).click();
    await expect(page.locator('#informed-error').textContent()).resolves.toMatch(/^Confirm that candidates/);
    await page.getByLabel(/Candidates have been told their marks/).check();
    await page.getByRole('button', { name: 'Submit the marks' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Moderation sample');
    await expect(page.locator('.notice').textContent()).resolves.toMatch(
      /^Thank you: the marks have been submitted/,
    );
    // 30 marked candidates (one absent, one carried forward: 28 with a mark) give a sample of 15.
    expect(await page.locator('tbody tr').count()).toBe(15);
    await person.close();
  });

  it('finds no WCAG 2.2 AA violations on the units page, the marksheet and the sample, and none scrolls sideways on a phone, in both languages', async () => {
    const person = await newPerson(browser);
    const page = await person.newPage();
    await signInAndEnrol(
      page,
      base,
      'arholiadau@ysgolgwyr.cymru',
      demo.passwords.get('arholiadau@ysgolgwyr.cymru') ?? '',
    );
    const shots = process.env.WEB_SCREENSHOTS;
    const wide: string[] = [];
    for (const lang of ['cy', 'en']) {
      for (const width of [1100, 375]) {
        await page.setViewportSize({ width, height: 900 });
        const look = async (name: string) => {
          if (width === 1100) expect(await axeViolations(page)).toEqual([]);
          // A wide table scrolls inside its own box; the page itself never scrolls sideways on a phone.
          const pageWidth = await page.evaluate(
            () =>
              (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
                .documentElement.scrollWidth,
          );
          if (pageWidth > width) wide.push(`${name} ${lang}: ${pageWidth}px at ${width}px`);
          if (shots) await page.screenshot({ path: `${shots}/${name}-${lang}-${width}.png`, fullPage: true });
        };
        await page.goto(`${base}/centres/68123/units?lang=${lang}`);
        await look('units');
        await page.locator('a[href$="/marksheet"]').first().click();
        await look('marksheet');
        await page.goto(`${base}/centres/68123/units?lang=${lang}`);
        await page.locator('a[href$="/sample"]').first().click();
        await look('sample');
      }
    }
    await person.close();
    expect(wide).toEqual([]);
  });
});
