import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { mainNavigation, openBrowser, signIn, type BrowserSession } from './support/browser.js';
import { officeDay } from './support/dates.js';

/**
 * Journey (issue 6): the demo case manager writes the plan of the JMD guide's worked example "Samira"
 * [001 L842–975] for the demo client Lina Mahmoud — securing the residence and psychological stability, with
 * sub-goals, dated steps for the client and the JMD, the offers involved and one "Passendes Angebot
 * vorhanden? nein" — agrees it, prints it in English and Arabic (the handout is logged), reviews a goal,
 * extends the plan and revises it once; the history shows both with their reasons.
 */
let session: BrowserSession;
beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

function status(page: Page, text: string | RegExp) {
  return page.getByRole('status').filter({ hasText: text });
}

function group(scope: Page | Locator, name: string): Locator {
  return scope.getByRole('group', { name, exact: true });
}

async function fillStep(
  goal: Locator,
  number: number,
  step: { what: string; who: string; dueOn: string; provider?: string; offer?: 'ja' | 'nein' },
) {
  const box = group(goal, `Schritt ${number}`);
  await box.getByLabel('Was ist zu tun?').fill(step.what);
  await box.getByLabel('Wer', { exact: true }).selectOption({ label: step.who });
  await box.getByLabel(/^Bis wann/).fill(step.dueOn);
  if (step.provider) await box.getByLabel(/^Anbieter/).fill(step.provider);
  if (step.offer)
    await group(box, 'Passendes Angebot vorhanden?').getByRole('radio', { name: step.offer }).check();
}

async function openPlan(page: Page): Promise<string> {
  await mainNavigation(page).getByRole('link', { name: 'Fälle' }).click();
  await page.getByLabel('Fallnummer oder Name').fill('Mahmoud');
  await page.getByRole('button', { name: 'Anwenden' }).click();
  await page
    .getByRole('row', { name: /Mahmoud/ })
    .getByRole('link')
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: /^Fall [A-Z]+-\d{4}-\d+$/ }).waitFor();
  await page.getByRole('tab', { name: 'Plan' }).click();
  await page.getByRole('heading', { level: 2, name: 'Integrationsförderplan' }).waitFor();
  return page.url();
}

async function saveChange(page: Page, kind: 'Fortschreibung' | 'Revision', reason: string) {
  await page.getByRole('button', { name: 'Plan speichern' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fortschreibung oder Revision?' });
  await dialog.getByRole('radio', { name: kind }).check();
  await dialog.getByLabel(/^Begründung/).fill(reason);
  await dialog.getByRole('button', { name: 'Änderung speichern' }).click();
  await status(page, 'Der Plan ist gespeichert.').waitFor();
}

describe('plan journey', () => {
  it('writes, agrees, prints, reviews, extends and revises the plan of the worked example', async () => {
    const { page, context } = await session.newPage();
    try {
      await signIn(page, 'fallmanagerin');
      const caseUrl = await openPlan(page);
      await page.getByRole('button', { name: 'Plan anlegen' }).click();
      const form = page.getByRole('form', { name: 'Plan bearbeiten' });
      await form
        .getByLabel(/^Rechtsform des Plans/)
        .selectOption({ label: 'Integrationsvereinbarung (JMD/MBE)' });
      await form.getByLabel(/^Beteiligte/).fill('Lina, Fachkraft JMD, Schwägerin');
      await form.getByLabel(/^Nächste Überprüfung des Plans/).fill(officeDay(90));

      // Goal 1: securing the residence, with a sub-goal and steps for the client and the JMD
      await form.getByRole('button', { name: 'Ziel hinzufügen', exact: true }).click();
      const goal1 = group(form, 'Ziel 1');
      await goal1.getByLabel('Ziel', { exact: true }).first().fill('Sicherung des Aufenthalts');
      await goal1
        .getByLabel(/^Woran erkennen wir/)
        .first()
        .fill('Die Aufenthaltserlaubnis liegt vor');
      await goal1
        .getByLabel(/^Zieldatum/)
        .first()
        .fill(officeDay(100));
      await goal1
        .getByLabel(/^Wiedervorlage/)
        .first()
        .fill(officeDay(60));
      await goal1.getByRole('button', { name: 'Schritt hinzufügen (Ziel 1)' }).click();
      await fillStep(goal1, 1, {
        what: 'Antrag auf Aufenthaltserlaubnis ausfüllen',
        who: 'Klient:in',
        dueOn: officeDay(7),
      });
      await goal1.getByRole('button', { name: 'Schritt hinzufügen (Ziel 1)' }).click();
      await fillStep(goal1, 2, {
        what: 'Abstimmung mit der Flüchtlingssozialberatung',
        who: 'Fallmanager:in',
        dueOn: officeDay(7),
        provider: 'Flüchtlingssozialberatung',
        offer: 'ja',
      });
      await goal1.getByRole('button', { name: 'Teilziel hinzufügen (Ziel 1)' }).click();
      const sub1 = group(goal1, 'Teilziel 1');
      await sub1.getByLabel('Ziel', { exact: true }).fill('Unterlagen besorgen, ausfüllen und einreichen');
      await sub1.getByLabel(/^Woran erkennen wir/).fill('Der Antrag ist eingereicht');

      // Goal 2: psychological stability — the therapy place is missing
      await form.getByRole('button', { name: 'Ziel hinzufügen', exact: true }).click();
      const goal2 = group(form, 'Ziel 2');
      await goal2.getByLabel('Ziel', { exact: true }).first().fill('Psychische Stabilität ist hergestellt');
      await goal2
        .getByLabel(/^Woran erkennen wir/)
        .first()
        .fill('Eine Therapie hat begonnen');
      await goal2
        .getByLabel(/^Zieldatum/)
        .first()
        .fill(officeDay(60));
      await goal2.getByRole('button', { name: 'Schritt hinzufügen (Ziel 2)' }).click();
      await fillStep(goal2, 1, {
        what: 'Kontakt zum Zentrum für Beratung und Therapie',
        who: 'Fallmanager:in',
        dueOn: officeDay(2),
        provider: 'Zentrum für Beratung und Therapie',
        offer: 'nein',
      });
      await goal2.getByRole('button', { name: 'Schritt hinzufügen (Ziel 2)' }).click();
      await fillStep(goal2, 2, {
        what: 'Am Frauenfrühstück des JMD teilnehmen',
        who: 'Klient:in',
        dueOn: officeDay(5),
        offer: 'ja',
      });
      await page.getByRole('button', { name: 'Plan speichern' }).click();
      await status(page, 'Der Plan ist gespeichert.').waitFor();
      await page
        .getByRole('heading', { name: /Sicherung des Aufenthalts/ })
        .first()
        .waitFor();

      await page.getByRole('button', { name: 'Plan vereinbaren' }).click();
      await status(page, 'Der Plan ist vereinbart.').waitFor();

      // The printout in English and in Arabic beside German; the handout goes into the disclosure log
      await page.getByRole('link', { name: 'Ausdruck für die Klient:in' }).click();
      await page.getByLabel('Sprache der Klient:in').selectOption({ label: 'English' });
      await page.getByText('Integration plan', { exact: false }).first().waitFor();
      await page.getByLabel('Sprache der Klient:in').selectOption({ label: 'العربية' });
      const arabic = page.locator('[dir="rtl"][lang="ar"]').first();
      await arabic.waitFor();
      await page.getByText('Sicherung des Aufenthalts').first().waitFor(); // the texts as written
      await page.getByRole('button', { name: 'An die Klient:in ausgehändigt' }).click();
      await status(page, /wurde der Klient:in ausgehändigt/).waitFor();

      // A goal review
      await page.goto(caseUrl);
      await page.getByRole('tab', { name: 'Plan' }).click();
      await page.getByRole('button', { name: 'Ziel überprüfen: Wirkungsziel 1', exact: true }).click();
      const review = page.getByRole('dialog', { name: 'Zielüberprüfung' });
      await review.getByRole('radio', { name: 'teilweise erreicht' }).check();
      await review.getByLabel(/^Bemerkung/).fill('Antrag gestellt, Bescheid steht aus');
      await review.getByRole('radio', { name: 'Ziel beibehalten' }).check();
      await review.getByRole('button', { name: 'Überprüfung speichern' }).click();
      await status(page, 'Die Überprüfung ist gespeichert.').waitFor();

      // Extension: one more step
      await page.getByRole('button', { name: 'Plan bearbeiten' }).click();
      const edit = page.getByRole('form', { name: 'Plan bearbeiten' });
      const again1 = group(edit, 'Ziel 1');
      await again1.getByRole('button', { name: 'Schritt hinzufügen (Ziel 1)' }).click();
      await fillStep(again1, 3, {
        what: 'Termin bei der Ausländerbehörde wahrnehmen',
        who: 'Klient:in',
        dueOn: officeDay(20),
      });
      await saveChange(page, 'Fortschreibung', 'Termin bei der Ausländerbehörde steht fest');

      // Revision: the second goal in Lina's own words
      await page.getByRole('button', { name: 'Plan bearbeiten' }).click();
      const again2 = group(page.getByRole('form', { name: 'Plan bearbeiten' }), 'Ziel 2');
      await again2
        .getByLabel('Ziel', { exact: true })
        .first()
        .fill('Ich fühle mich stabil genug für Sprachkurs und Ausbildung');
      await saveChange(page, 'Revision', 'Therapie hat begonnen; neues Ziel mit Lina formuliert');

      const history = page.getByRole('table', { name: 'Versionen des Plans' });
      await history.getByRole('row', { name: /Revision.*neues Ziel mit Lina formuliert/ }).waitFor();
      await history
        .getByRole('row', { name: /Fortschreibung.*Termin bei der Ausländerbehörde steht fest/ })
        .waitFor();
      await history.getByRole('row', { name: /vereinbart/ }).waitFor();
      expect(await history.getByRole('row').count()).toBe(4); // header, revision, extension, agreement
    } finally {
      await context.close();
    }
  });
});
