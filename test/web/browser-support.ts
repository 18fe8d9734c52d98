import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { codeAt } from '../../src/web/auth/totp.js';
import { demoServerAndBrowser } from '../support/browser.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The demo server as `npm start` runs it, its printed passwords, and a browser. */
export async function pagesDemo() {
  const demo = await demoServerAndBrowser({ OUTBOX_POLL_MS: '100' });
  const passwords = new Map<string, string>();
  for (const m of demo.server.out().matchAll(/^ {2}(\S+@\S+)\s+(\S{16})$/gm))
    passwords.set(m[1] as string, m[2] as string);
  return { ...demo, passwords };
}

/** A browser context as a person's: English unless told otherwise, a phone's width when asked. */
export function newPerson(browser: Browser, opts: { width?: number; locale?: string } = {}) {
  return browser.newContext({
    locale: opts.locale ?? 'en-GB',
    viewport: { width: opts.width ?? 1100, height: 900 },
    // axe is injected as a script, which the pages' Content-Security-Policy rightly refuses.
    bypassCSP: true,
  });
}

/** The code an authenticator app would show `stepsAhead` 30-second steps from now. */
export const appCode = (secret: string, stepsAhead = 0) =>
  codeAt(secret.replace(/\s+/g, ''), new Date(Date.now() + stepsAhead * 30_000));

export async function submitPassword(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(/Email address|Cyfeiriad e-bost/).fill(email);
  await page.getByLabel(/^(Password|Cyfrinair)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Mewngofnodi)$/ }).click();
}

/** First sign-in of a demo account: password, then enrolment. Answers the enrolled secret. */
export async function signInAndEnrol(page: Page, base: string, email: string, password: string) {
  await submitPassword(page, base, email, password);
  const secret = (await page.locator('#secret').textContent()) ?? '';
  await page.getByLabel(/^(Code|Cod)$/).fill(appCode(secret));
  await page.getByRole('button', { name: /second step|ail gam/ }).click();
  return secret.replace(/\s+/g, '');
}

/** axe-core's WCAG 2.x A and AA rules (2.2 included) over the page as it stands. */
export async function axeViolations(page: Page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            ctx: unknown,
            opts: unknown,
          ): Promise<{ violations: { id: string; help: string; nodes: { html: string }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.html) }));
  });
}

export type { BrowserContext };
