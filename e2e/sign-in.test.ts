import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigationKeys, openBrowser, signIn, type BrowserSession } from './support/browser.js';

/**
 * Journey: every demo user signs in to the German web app, sees the navigation of their role, and signs
 * out; a wrong password is refused with a clear message; the language switches to English.
 */
let session: BrowserSession;
beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

const EXPECTED: [string, string[]][] = [
  [
    'fallmanagerin',
    [
      'home',
      'cases',
      'clients',
      'followUps',
      'partners',
      'agreements',
      'networkMap',
      'gapReports',
      'retention',
      'account',
    ],
  ],
  [
    'teamleitung',
    [
      'home',
      'cases',
      'followUps',
      'team',
      'partners',
      'agreements',
      'networkMap',
      'gapReports',
      'statistics',
      'retention',
      'account',
    ],
  ],
  [
    'traegeradmin',
    [
      'home',
      'partners',
      'agreements',
      'networkMap',
      'gapReports',
      'statistics',
      'retention',
      'users',
      'orgUnits',
      'settings',
      'consentTemplates',
      'instruments',
      'account',
    ],
  ],
  ['sozialplanung', ['home', 'partners', 'gapReports', 'gapPlanning', 'statistics', 'account']],
  ['datenschutz', ['home', 'audit', 'disclosures', 'requests', 'account']],
  ['installation', ['home', 'partners', 'organisations', 'account']],
];

describe('sign in and out', () => {
  it.each(EXPECTED)('%s sees the navigation of the role and signs out', async (username, keys) => {
    const { page, context } = await session.newPage();
    try {
      await signIn(page, username);
      expect(await page.locator('html').getAttribute('lang')).toBe('de');
      expect((await navigationKeys(page)).sort()).toEqual([...keys].sort());
      await expect(page.getByRole('heading', { level: 1 })).toBeDefined();
      await page.getByRole('button', { name: 'Abmelden' }).click();
      await page.getByRole('button', { name: 'Anmelden' }).waitFor();
      // the session is gone on the server too: a protected page leads back to sign-in
      await page.goto('/account');
      await page.getByRole('button', { name: 'Anmelden' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await context.close();
    }
  });

  it('refuses a wrong password with a clear message and stays on the sign-in page', async () => {
    const { page, context } = await session.newPage();
    try {
      await page.goto('/login');
      await page.getByLabel('Benutzername').fill('fallmanagerin');
      await page.getByLabel('Passwort', { exact: true }).fill('falsches Passwort');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.getByText('Benutzername oder Passwort ist falsch.').first().waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await context.close();
    }
  });

  it('switches the interface to English and keeps it after reload', async () => {
    const { page, context } = await session.newPage();
    try {
      await signIn(page, 'datenschutz');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.reload();
      await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
      await page.getByRole('button', { name: 'Deutsch' }).click();
      await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
