import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainNavigation, openBrowser, signIn, type BrowserSession } from './support/browser.js';

/**
 * Journey (issue 8): the team lead's start page shows the caseloads against the thresholds; the annual funder
 * report shows the demo organisation's figures with small counts hidden as "< 5", and its CSV download holds the
 * same figures as the screen. The planner reaches the statistics too, never a name.
 */
let session: BrowserSession;
beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

const CASES_TABLE = 'Neue, laufende und abgeschlossene Fälle nach Fallart';

describe('statistics journey', () => {
  it('the team lead sees caseloads on the start page and the annual report with small counts hidden, the CSV equal to the screen', async () => {
    const { page, context } = await session.newPage();
    try {
      await signIn(page, 'teamleitung');
      const caseloads = page.getByRole('table', { name: 'Fallzahlen je Fachkraft gegen die Richtwerte' });
      await caseloads.getByRole('row', { name: /^Aylin Demir \d+ \d+ im Rahmen/ }).waitFor();

      await mainNavigation(page).getByRole('link', { name: 'Statistik' }).click();
      await page.getByRole('link', { name: 'Jahresbericht für Zuwendungsgeber' }).click();
      const table = page.getByRole('table', { name: CASES_TABLE });
      const cmRow = table.getByRole('row', { name: /^Case-Management-Fälle / });
      await cmRow.waitFor();
      // small counts are not shown, the total is
      expect(await table.getByText('< 5', { exact: false }).count()).toBeGreaterThan(0);
      const cells = await cmRow.getByRole('cell').allInnerTexts();
      // the asterisk only points to the footnote that explains hidden figures
      const shown = cells.map((c) => (c.split('\n')[0] ?? '').replace(/\*$/, '').trim());

      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Als CSV herunterladen' }).click();
      const file = await (await download).path();
      const csv = fs.readFileSync(file, 'utf8');
      const line = csv.split(/\r?\n/).find((l) => l.startsWith('Case-Management-Fälle'));
      expect(line, csv.slice(0, 400)).toBeDefined();
      const exported = (line ?? '')
        .split(';')
        .slice(1)
        .map((v) => v.replace(/^"|"$/g, '').trim());
      expect(exported).toEqual(shown);
    } finally {
      await context.close();
    }
  });

  it('the planner sees the reports with figures only', async () => {
    const { page, context } = await session.newPage();
    try {
      await signIn(page, 'sozialplanung');
      await mainNavigation(page).getByRole('link', { name: 'Statistik' }).click();
      await page.getByRole('link', { name: 'Jahresbericht für Zuwendungsgeber' }).click();
      await page.getByRole('table', { name: CASES_TABLE }).waitFor();
      const text = (await page.locator('main').textContent()) ?? '';
      for (const personal of ['Al-Hassan', 'Samira', 'Aylin Demir', 'JMD-2026'])
        expect(text).not.toContain(personal);
    } finally {
      await context.close();
    }
  });
});
