import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** Debian's Chromium, never a downloaded browser (no downloads on these machines). */
export const CHROMIUM = process.env.LOTSE_CHROMIUM ?? '/usr/bin/chromium';

export const DEMO_PASSWORD = 'Lotse-Demo-2026';

export interface BrowserSession {
  browser: Browser;
  baseUrl: string;
  newPage(): Promise<{ page: Page; context: BrowserContext }>;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<BrowserSession> {
  // Playwright gives every launch a fresh, temporary profile (its own --user-data-dir).
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const baseUrl = inject('baseUrl');
  // The app must work under its Content-Security-Policy: any violation fails the journey when it closes.
  const cspViolations: string[] = [];
  return {
    browser,
    baseUrl,
    async newPage() {
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'de-DE' });
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
        });
      });
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy|CSP violation/.test(message.text())) {
          cspViolations.push(`${page.url()}: ${message.text()}`);
        }
      });
      return { page, context };
    },
    async close() {
      await browser.close();
      if (cspViolations.length > 0) {
        throw new Error(`Content-Security-Policy violations:\n${cspViolations.join('\n')}`);
      }
    },
  };
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Benutzername').fill(username);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();
}

export async function navigationKeys(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  return nav
    .locator('a[data-nav]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('data-nav') ?? ''));
}

/** The main navigation of the German UI. */
export function mainNavigation(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Hauptnavigation' });
}
