import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mainNavigation, openBrowser, signIn, type BrowserSession } from './support/browser.js';

/**
 * Journey: a case manager (Team Süd) records a consent to data processing in Arabic for the demo client Layla
 * Qasim and prints the Arabic form beside the German one; tries to share case data with the Jobcenter,
 * is refused for want of a release, records exactly that release and shares; the disclosure shows in the
 * case's disclosure log. Revoking the consent to data processing anonymises the client at once (after a
 * confirmation that says so, and a summary of what was removed). The data-protection officer finds the
 * disclosure under "Offenlegungen"; the team lead sees the quiet demo cases on the retention board.
 *
 * The journey changes the demo client for good (anonymised): it relies on the fresh demo database of the
 * e2e run and is the only journey that uses her (Samira Al-Hassan belongs to the network journey).
 */
let session: BrowserSession;
beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

const CLIENT = 'Qasim, Layla';
const RECIPIENT = 'Jobcenter Musterstadt';
const WITNESS = 'Dolmetscherin L. Nasser';

function status(page: Page, text: string | RegExp) {
  return page.getByRole('status').filter({ hasText: text });
}

async function openCaseOfClient(page: Page): Promise<string> {
  const link = page
    .getByRole('region', { name: 'Fälle' })
    .getByRole('link', { name: /^[A-Z]+-\d{4}-\d+$/ })
    .first();
  const caseNumber = (await link.textContent()) ?? '';
  await link.click();
  await page.getByRole('heading', { level: 1, name: `Fall ${caseNumber}` }).waitFor();
  await page.getByRole('tab', { name: 'Datenschutz' }).click();
  return caseNumber;
}

async function share(page: Page) {
  await page.getByRole('radio', { name: 'Stelle/Organisation' }).check();
  await page.getByLabel('Name der Stelle oder Person').fill(RECIPIENT);
  await page.getByLabel('Zweck').selectOption({ label: 'Vermittlung' });
  const categories = page.getByRole('group', { name: 'Welche Daten dürfen weitergegeben werden?' });
  await categories.getByRole('checkbox', { name: 'Stammdaten' }).check();
  await categories.getByRole('checkbox', { name: 'Aufenthalt' }).check();
  await page.getByRole('button', { name: 'Daten weitergeben' }).click();
}

describe('data protection journey', () => {
  it('a case manager records consent and release, shares case data and revokes the consent', async () => {
    const { page, context } = await session.newPage();
    try {
      await signIn(page, 'fallmanager2');

      // Find the client
      await mainNavigation(page).getByRole('link', { name: 'Klient:innen' }).click();
      await page.getByLabel('Suche nach Name').fill('Qasim');
      await page.getByRole('button', { name: 'Suchen', exact: true }).click();
      await page.getByRole('link', { name: CLIENT }).click();
      await page.getByRole('heading', { level: 1, name: `Klient:in: ${CLIENT}` }).waitFor();
      const privacy = page.getByRole('region', { name: 'Einwilligungen & Datenschutz' });
      const consents = privacy.getByRole('table', { name: 'Einwilligungen und Schweigepflichtentbindungen' });
      // The demo data hold her oral consent to data processing
      await consents
        .getByRole('row', { name: /Einwilligung in die Datenverarbeitung.*gültig/ })
        .first()
        .waitFor();

      // Record a consent to data processing, given orally in Arabic before a witness
      await privacy.getByRole('button', { name: 'Einwilligung erfassen' }).click();
      const consentForm = page.getByRole('form', { name: 'Einwilligung erfassen' });
      await consentForm.getByRole('radio', { name: 'Einwilligung in die Datenverarbeitung' }).check();
      await consentForm.getByRole('radio', { name: 'die Klient:in selbst' }).check();
      await consentForm.getByRole('radio', { name: 'mündlich (mit Zeug:in)' }).check();
      await consentForm.getByLabel('Zeug:in der mündlichen Einwilligung').fill(WITNESS);
      await consentForm.getByLabel('Sprache des Einwilligungstextes').selectOption({ label: 'Arabisch' });
      await consentForm.getByRole('button', { name: 'Erfassen' }).click();
      await status(page, '„Einwilligung in die Datenverarbeitung“ wurde erfasst.').waitFor();
      const mine = consents.getByRole('row', { name: new RegExp(WITNESS) });
      await mine.getByText('Arabisch').waitFor();
      await mine.getByText('gültig', { exact: true }).waitFor();

      // The Arabic form, right to left, beside the German text
      const printing = privacy.getByRole('region', { name: 'Formulare drucken' });
      await printing.getByLabel('Sprache').selectOption({ label: 'Arabisch' });
      await printing
        .getByRole('link', { name: 'Formular drucken: Einwilligung in die Datenverarbeitung' })
        .click();
      const arabic = page.locator('[data-column="client-language"]');
      await arabic.getByRole('heading', { level: 1 }).waitFor();
      expect(await arabic.getAttribute('dir')).toBe('rtl');
      expect(await arabic.getAttribute('lang')).toBe('ar');
      const german = page.locator('[data-column="german"]');
      expect(await german.getAttribute('lang')).toBe('de');
      expect(await german.getAttribute('dir')).toBe('ltr');
      await german.getByText('Unterschrift', { exact: false }).first().waitFor();
      await page.getByRole('button', { name: 'Drucken' }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Zurück' }).click();
      await page.getByRole('heading', { level: 1, name: `Klient:in: ${CLIENT}` }).waitFor();

      // Sharing with the Jobcenter is refused: there is no release for it
      const caseNumber = await openCaseOfClient(page);
      await share(page);
      const refusal = page.getByRole('alert').filter({ hasText: 'Die Weitergabe ist nicht erlaubt' });
      await refusal.getByText(`Keine gültige Schweigepflichtentbindung für „${RECIPIENT}“.`).waitFor();

      // Record exactly that release from the refusal
      await refusal.getByRole('link', { name: 'Schweigepflichtentbindung erfassen' }).click();
      const releaseForm = page.getByRole('form', { name: 'Schweigepflichtentbindung erfassen' });
      await releaseForm.waitFor();
      // The form starts with what was refused
      expect(await releaseForm.getByLabel('Name der Stelle oder Person').inputValue()).toBe(RECIPIENT);
      await releaseForm.getByLabel('Zweck').selectOption({ label: 'Vermittlung' });
      await releaseForm.getByRole('checkbox', { name: 'Stammdaten' }).check();
      await releaseForm.getByRole('checkbox', { name: 'Aufenthalt' }).check();
      await releaseForm.getByRole('radio', { name: 'mündlich (mit Zeug:in)' }).check();
      await releaseForm.getByLabel('Zeug:in der mündlichen Einwilligung').fill(WITNESS);
      await releaseForm.getByRole('button', { name: 'Erfassen' }).click();
      await status(page, '„Schweigepflichtentbindung“ wurde erfasst.').waitFor();
      await consents
        .getByRole('row', {
          name: new RegExp(`Schweigepflichtentbindung.*${RECIPIENT}.*Vermittlung.*gültig`),
        })
        .waitFor();

      // Now the disclosure is allowed, and logged
      await openCaseOfClient(page);
      await share(page);
      await page.getByRole('heading', { name: `Weitergegeben an „${RECIPIENT}“` }).waitFor();
      await page.getByText('Die Weitergabe wurde im Offenlegungsprotokoll vermerkt.').waitFor();
      await page
        .getByRole('table', { name: 'Offenlegungen' })
        .getByRole('row', { name: new RegExp(`${RECIPIENT}.*Vermittlung.*Stammdaten, Aufenthalt`) })
        .waitFor();

      // Revoking the consent to data processing anonymises her at once
      await page.getByRole('link', { name: CLIENT }).click();
      await page.getByRole('heading', { level: 1, name: `Klient:in: ${CLIENT}` }).waitFor();
      const revokeButtons = consents.getByRole('button', {
        name: /^Widerrufen: Einwilligung in die Datenverarbeitung/,
      });
      await revokeButtons.first().waitFor();
      expect(await revokeButtons.count()).toBe(2);
      await revokeButtons.first().click();
      const dialog = page.getByRole('dialog', { name: 'Einwilligung widerrufen' });
      await dialog.getByText(/wird die Klient:in sofort anonymisiert/).waitFor();
      await dialog.getByText(/laufende Fälle werden abgeschlossen/).waitFor();
      await dialog.getByRole('button', { name: 'Widerrufen und sofort anonymisieren' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await privacy.getByRole('heading', { name: 'Die Klient:in wurde anonymisiert' }).waitFor();
      const removed = privacy.getByRole('region', { name: 'Entfernt wurden' });
      await removed.getByText('Namen', { exact: true }).waitFor();
      await removed.getByText('Kontaktdaten', { exact: true }).waitFor();
      const kept = privacy.getByRole('region', { name: 'Für die Statistik bleiben' });
      await kept.getByText('Geburtsjahr', { exact: true }).waitFor();
      await page.getByText('Diese Klient:in wurde anonymisiert.').waitFor();
      await page.getByRole('heading', { level: 1, name: /^Klient:in: Anonymisiert/ }).waitFor();
      // The second consent needs no revocation any more: nothing personal is left to process
      await privacy
        .getByText('Die Klient:in ist anonymisiert; weitere Widerrufe sind nicht nötig.')
        .waitFor();
      expect(await revokeButtons.count()).toBe(0);
      expect(caseNumber).not.toBe('');
    } finally {
      await context.close();
    }
  });

  it('the data-protection officer finds the disclosure under "Offenlegungen"', async () => {
    const { page, context } = await session.newPage();
    try {
      await signIn(page, 'datenschutz');
      await mainNavigation(page).getByRole('link', { name: 'Offenlegungen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Offenlegungen' }).waitFor();
      const row = page
        .getByRole('table', { name: 'Offenlegungen' })
        .getByRole('row', { name: new RegExp(`${RECIPIENT}.*Vermittlung.*Stammdaten, Aufenthalt`) });
      await row.getByText('Schweigepflichtentbindung').waitFor();
      await row.getByText('Lukas Schneider').waitFor();
      // Filtering by a period without disclosures empties the list
      await page.getByLabel('Bis').fill('2000-01-01');
      await page.getByRole('button', { name: 'Anwenden' }).click();
      await page.getByText('Keine Offenlegungen gefunden.').waitFor();
      await mainNavigation(page).getByRole('link', { name: 'Betroffenenanfragen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Betroffenenanfragen' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('the team lead sees the quiet demo cases on the retention board', async () => {
    const { page, context } = await session.newPage();
    try {
      await signIn(page, 'teamleitung');
      await mainNavigation(page).getByRole('link', { name: 'Aufbewahrung' }).click();
      await page.getByRole('heading', { level: 1, name: 'Aufbewahrung' }).waitFor();
      const board = page.getByRole('table', { name: 'Fälle mit Aufbewahrungsentscheidung' });
      const due = board.getByRole('row', { name: /Entscheidung fällig/ });
      await due.first().waitFor();
      expect(await due.count()).toBeGreaterThanOrEqual(2);
      for (const row of await due.all()) {
        expect(await row.getByRole('rowheader').textContent()).toMatch(/^[A-Z]+-\d{4}-\d+$/);
        expect((await row.getByRole('cell').first().textContent())?.trim()).not.toBe('');
      }
    } finally {
      await context.close();
    }
  });
});
