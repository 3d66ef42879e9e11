import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mainNavigation, openBrowser, signIn, type BrowserSession } from './support/browser.js';

/**
 * Journey: a case manager registers a client (and is warned when registering the same person again), opens
 * a case-management case with the intake, writes the journal, sets a follow-up and completes it from
 * "Meine Wiedervorlagen", takes the case through the cycle and back to a re-assessment, and hands it over
 * to the team lead. The team lead sees the caseloads and opens a colleague's case of the own team — only
 * with a reason, which then shows in the case file.
 *
 * The demo database may hold other clients and cases; everything this journey needs, it creates itself.
 */
let session: BrowserSession;
beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

const suffix = Date.now()
  .toString(36)
  .replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)] ?? 'x');
const familyName = `Haddad-${suffix}`;
const givenNames = 'Rania';
const birthDate = '2004-05-06';
const clientName = `${familyName}, ${givenNames}`;

function status(page: Page, text: string | RegExp) {
  return page.getByRole('status').filter({ hasText: text });
}

async function fillClient(page: Page) {
  await page.getByLabel('Familienname').fill(familyName);
  await page.getByLabel('Vorname(n)').fill(givenNames);
  await page.getByLabel('Geburtsdatum').fill(birthDate);
  await page.getByRole('radio', { name: 'weiblich' }).check();
  // The consent to data processing, signed at this first meeting (without it only minimal data are stored).
  await page.getByRole('radio', { name: 'Ja, die Einwilligung jetzt erfassen' }).check();
  await page.getByRole('radio', { name: 'schriftlich (unterschriebenes Formular)' }).check();
}

/** Opens "Fall eröffnen" from the client page and returns to the new case's number. */
async function openCase(page: Page, fill: () => Promise<void>): Promise<string> {
  await page.getByRole('link', { name: 'Fall eröffnen' }).click();
  await page.getByRole('heading', { level: 1, name: /^Fall eröffnen/ }).waitFor();
  await fill();
  await page.getByRole('button', { name: 'Fall eröffnen' }).click();
  const heading = page.getByRole('heading', { level: 1, name: /^Fall [A-Z]+-\d{4}-\d+$/ });
  await heading.waitFor();
  const caseNumber = ((await heading.textContent()) ?? '').replace(/^Fall /, '');
  await page.getByText(`Der Fall ${caseNumber} wurde eröffnet.`).waitFor();
  return caseNumber;
}

async function findCase(page: Page, caseNumber: string) {
  await mainNavigation(page).getByRole('link', { name: 'Fälle' }).click();
  await page.getByRole('heading', { level: 1, name: 'Fälle' }).waitFor();
  await page.getByLabel('Fallnummer oder Name').fill(caseNumber);
  await page.getByRole('button', { name: 'Anwenden' }).click();
  const link = page.getByRole('link', { name: caseNumber, exact: true });
  await link.waitFor();
  return link;
}

async function movePhase(page: Page, button: string, phase: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await status(page, `Der Fall ist jetzt in der Phase „${phase}“.`).waitFor();
  expect(await page.locator('[aria-current="step"]').textContent()).toContain(phase);
}

describe('case journey', () => {
  let handedOver = '';
  let keptByCaseManager = '';

  it('a case manager registers a client, runs the case cycle and hands the case over', async () => {
    const { page, context } = await session.newPage();
    try {
      await signIn(page, 'fallmanagerin');

      // Register the client
      await mainNavigation(page).getByRole('link', { name: 'Klient:innen' }).click();
      await page.getByRole('link', { name: 'Neue:n Klient:in aufnehmen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Neue:n Klient:in aufnehmen' }).waitFor();
      await fillClient(page);
      await page.getByRole('button', { name: 'Weitere Staatsangehörigkeit hinzufügen' }).click();
      await page.getByLabel('Staatsangehörigkeit 1').selectOption({ label: 'Syrien' });
      await page.getByRole('button', { name: 'Sprache hinzufügen' }).click();
      await page.getByLabel('Sprache 1', { exact: true }).selectOption({ label: 'Arabisch' });
      await page.getByLabel('Kenntnisse in Sprache 1').selectOption({ label: 'Muttersprache' });
      await page.getByRole('button', { name: 'Klient:in anlegen' }).click();
      await page.getByText(`${clientName} wurde angelegt.`).waitFor();
      const clientUrl = page.url();
      // Names stay out of the address bar and the document title (both end up in the browser history).
      expect(decodeURIComponent(clientUrl)).not.toContain(familyName);
      expect(await page.title()).not.toContain(familyName);

      // Registering the same person again: the duplicate check warns, nothing is created.
      await mainNavigation(page).getByRole('link', { name: 'Klient:innen' }).click();
      await page.getByRole('link', { name: 'Neue:n Klient:in aufnehmen' }).click();
      await fillClient(page);
      await page.getByRole('button', { name: 'Klient:in anlegen' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ist diese Person schon erfasst?' });
      await dialog.waitFor();
      await dialog.getByText('Zuständig: Aylin Demir').waitFor();
      await expect(dialog.getByRole('button', { name: 'Trotzdem neu anlegen' }).isVisible()).resolves.toBe(
        true,
      );
      await dialog.getByRole('link', { name: 'Datensatz öffnen' }).click();
      await page.getByRole('heading', { level: 1, name: `Klient:in: ${clientName}` }).waitFor();
      expect(page.url()).toBe(clientUrl);

      // Open a case-management case with the intake
      handedOver = await openCase(page, async () => {
        await page.getByRole('radio', { name: 'Case-Management-Fall' }).check();
        await page.getByRole('radio', { name: 'Vermittlung durch eine Stelle oder Person' }).check();
        await page.getByLabel('Vermittelnde Stelle').fill('Jobcenter Musterstadt');
        const criteria = page.getByRole('group', { name: 'Indikationskriterien' }).getByRole('checkbox');
        await criteria.nth(0).check();
        await criteria.nth(1).check();
        await page.getByRole('radio', { name: 'Case Management notwendig' }).check();
        await page
          .getByLabel('Begründung der Entscheidung')
          .fill('Mehrere Stellen beteiligt, Wohnung und Ausbildung.');
        await page.getByRole('radio', { name: 'mündlich' }).check();
        await page.getByLabel('Geschlossen von').fill('A. Demir und R. Haddad');
      });
      await page.getByRole('link', { name: clientName }).waitFor();
      await page.getByRole('tab', { name: 'Klärung' }).click();
      await page.getByText('Jobcenter Musterstadt').waitFor();
      await page.getByText('Case Management notwendig').waitFor();

      // Two journal entries, one of them a phone call
      await page.getByRole('tab', { name: 'Verlauf' }).click();
      await page.getByLabel('Art des Kontakts').selectOption({ label: 'Persönliches Gespräch' });
      await page.getByLabel('Dauer in Minuten').fill('45');
      await page.getByLabel('Inhalt').fill('Erstgespräch im Büro.\nThemen: Wohnung, Ausbildungsplatz.');
      await page.getByRole('button', { name: 'Eintrag speichern' }).click();
      await status(page, /Der Eintrag „Persönliches Gespräch“ vom .* wurde gespeichert\./).waitFor();
      await page.getByLabel('Art des Kontakts').selectOption({ label: 'Telefonat' });
      await page.getByLabel('Inhalt').fill('Rückruf wegen Unterlagen für den Sprachkurs.');
      await page.getByRole('button', { name: 'Eintrag speichern' }).click();
      await status(page, /Der Eintrag „Telefonat“ vom .* wurde gespeichert\./).waitFor();
      await page.getByRole('heading', { name: /^Telefonat am / }).waitFor();
      await page.getByRole('heading', { name: /^Persönliches Gespräch am / }).waitFor();
      await page.getByText('Themen: Wohnung, Ausbildungsplatz.').waitFor();
      expect(await page.locator('article.journal-entry').count()).toBe(2);

      // A follow-up, completed from "Meine Wiedervorlagen"
      const task = `Unterlagen Sprachkurs ${suffix}`;
      await page.getByRole('tab', { name: 'Wiedervorlagen' }).click();
      await page.getByLabel('Aufgabe').fill(task);
      await page.getByRole('button', { name: 'Wiedervorlage speichern' }).click();
      await status(page, /Die Wiedervorlage zum .* wurde gespeichert\./).waitFor();
      await page.getByRole('row', { name: new RegExp(task) }).waitFor();
      await mainNavigation(page).getByRole('link', { name: 'Meine Wiedervorlagen' }).click();
      const row = page.getByRole('row', { name: new RegExp(task) });
      await row.getByRole('link', { name: handedOver }).waitFor();
      await row.getByRole('button', { name: /^Erledigt/ }).click();
      await status(page, `„${task}“ ist erledigt.`).waitFor();
      await row.waitFor({ state: 'detached' });
      await page.getByLabel('Erledigte anzeigen').check();
      await row.getByText(/^erledigt am/).waitFor();

      // Through the cycle, then back to a re-assessment with a reason
      await (await findCase(page, handedOver)).click();
      await page.getByRole('heading', { level: 1, name: `Fall ${handedOver}` }).waitFor();
      await movePhase(page, 'Weiter zu: Assessment', 'Assessment');
      await movePhase(page, 'Weiter zu: Hilfeplanung', 'Hilfeplanung');
      await movePhase(page, 'Weiter zu: Vermittlung', 'Vermittlung');
      await movePhase(page, 'Weiter zu: Monitoring', 'Monitoring');
      await movePhase(page, 'Weiter zu: Evaluation', 'Evaluation');
      await page.getByLabel('Begründung').fill('Neue Problemlage: Kündigung der Wohnung droht.');
      await movePhase(page, 'Re-Assessment', 'Assessment');
      const history = page.getByRole('region', { name: 'Verlauf der Phasen' });
      await history.getByText('Evaluation → Assessment (Re-Assessment)').waitFor();
      await history.getByText('Begründung: Neue Problemlage: Kündigung der Wohnung droht.').waitFor();

      // A second case of the same client stays with the case manager
      await page.getByRole('link', { name: clientName }).click();
      await page.getByRole('heading', { level: 1, name: `Klient:in: ${clientName}` }).waitFor();
      keptByCaseManager = await openCase(page, async () => {
        await page.getByRole('radio', { name: 'Beratungsfall' }).check();
        await page.getByRole('radio', { name: 'Selbstmelder:in' }).check();
      });

      // Hand the first case over to the team lead
      await (await findCase(page, handedOver)).click();
      await page.getByRole('tab', { name: 'Verantwortung' }).click();
      await page.getByLabel('Übergeben an').selectOption({ label: 'Jonas Berger' });
      await page.getByLabel('Grund der Übergabe').fill('Elternzeit ab nächster Woche.');
      await page.getByRole('button', { name: 'Fall übergeben' }).click();
      await status(page, 'Der Fall wurde an Jonas Berger übergeben.').waitFor();
      await page.getByText('Fallverantwortlich ist Jonas Berger.').waitFor();
      await page.getByRole('row', { name: /Aylin Demir.*Jonas Berger.*Elternzeit/ }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('the team lead sees the caseloads and opens a colleague’s case only with a reason', async () => {
    expect(keptByCaseManager).not.toBe('');
    const { page, context } = await session.newPage();
    try {
      await signIn(page, 'teamleitung');

      // The handover arrived as a notification
      await page.getByRole('button', { name: /^Benachrichtigungen/ }).click();
      await page.getByText(new RegExp(`Fall an Sie übergeben: ${handedOver}`)).waitFor();
      await page.getByRole('button', { name: 'Benachrichtigungen schließen' }).click();

      // Caseloads of the team
      await mainNavigation(page).getByRole('link', { name: 'Team/Fallzahlen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Team/Fallzahlen' }).waitFor();
      await page.getByText(/^Richtwert \d+, Obergrenze \d+ Fälle je Vollzeitstelle\.$/).waitFor();
      await page
        .getByRole('table', { name: 'Fallzahlen je Fachkraft' })
        .getByRole('row', { name: /Aylin Demir/ })
        .waitFor();

      // The handed-over case is the team lead's own now
      await (await findCase(page, handedOver)).click();
      await page.getByRole('heading', { level: 1, name: `Fall ${handedOver}` }).waitFor();
      await page.getByRole('link', { name: clientName }).waitFor();

      // The colleague's case: listed without the name, opened only with a reason
      const link = await findCase(page, keptByCaseManager);
      await page
        .getByRole('row', { name: new RegExp(keptByCaseManager) })
        .getByText('nicht einsehbar')
        .waitFor();
      await link.click();
      await page.getByRole('heading', { level: 1, name: 'Fall mit Begründung öffnen' }).waitFor();
      await page.getByText('wird die fallverantwortliche Fachkraft benachrichtigt und').waitFor();
      await page.getByLabel('Begründung').fill('kurz');
      await page.getByRole('button', { name: 'Fall mit Begründung öffnen' }).click();
      await page
        .getByRole('alert')
        .getByText(/mindestens 10 Zeichen/)
        .waitFor();
      const reason = 'Klient:in hat angerufen, Frau Demir ist heute nicht im Dienst.';
      await page.getByLabel('Begründung').fill(reason);
      await page.getByRole('button', { name: 'Fall mit Begründung öffnen' }).click();
      await page.getByRole('heading', { level: 1, name: `Fall ${keptByCaseManager}` }).waitFor();
      await page.getByRole('link', { name: clientName }).waitFor();
      await page.getByRole('tab', { name: 'Verantwortung' }).click();
      const access = page.getByRole('table', { name: 'Zugriffe mit Begründung (Teamleitung)' });
      await access
        .getByRole('row', { name: /Jonas Berger/ })
        .getByText(reason)
        .waitFor();
    } finally {
      await context.close();
    }
  });
});
