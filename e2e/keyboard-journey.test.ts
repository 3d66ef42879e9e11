import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, openBrowser, type BrowserSession } from './support/browser.js';

/**
 * Journey (issue 10, BITV 2.0): a case manager does a piece of case work with the keyboard alone — Tab,
 * Shift+Tab, Enter, Space, arrow keys and typing, no mouse: signs in, skips the navigation with the skip link,
 * opens the case list, finds Mohammad Haidari's case (no other journey uses it), writes a journal entry, sets a
 * follow-up and signs out. Every element the focus lands on shows a focus indicator (an outline or a
 * box-shadow), and after each navigation the focus starts on the new page's heading.
 */
let session: BrowserSession;
beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

/** What the focused element is and whether it shows where it is. */
interface FocusState {
  description: string;
  indicated: boolean;
}

function focusState(page: Page): Promise<FocusState> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (element === null || element === document.body) return { description: 'body', indicated: false };
    const style = window.getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const name =
      element.getAttribute('aria-label') ??
      (element instanceof HTMLElement ? element.innerText.trim().slice(0, 40) : '') ??
      '';
    const id = element.id ? `#${element.id}` : '';
    return { description: `${element.tagName.toLowerCase()}${id} "${name}"`, indicated: outline || shadow };
  });
}

function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement, undefined, { timeout: 5_000 });
}

/** Every focus stop passed on the way, with the ones that showed no indicator. */
class Keyboard {
  readonly stops: string[] = [];
  readonly unindicated: string[] = [];
  constructor(private readonly page: Page) {}

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
    if (key === 'Tab' || key === 'Shift+Tab' || key.startsWith('Arrow')) await this.note();
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  private async note(): Promise<void> {
    const state = await focusState(this.page);
    // Where the focus came from, so a lost focus ("body") can be traced to its step.
    const where = `${state.description} (after ${this.stops.at(-1) ?? 'the start'})`;
    this.stops.push(state.description);
    if (!state.indicated) this.unindicated.push(where);
  }

  /** Presses Tab (or Shift+Tab) until the target has the focus; fails after `max` presses. */
  async tabTo(target: Locator, { back = false, max = 60 } = {}): Promise<void> {
    for (let i = 0; i < max; i += 1) {
      await this.press(back ? 'Shift+Tab' : 'Tab');
      if (await isFocused(target)) return;
    }
    throw new Error(
      `focus did not reach the target within ${max} presses; last stops:\n${this.stops.slice(-8).join('\n')}`,
    );
  }
}

describe('keyboard journey', () => {
  it('a case manager signs in, finds a case, writes the journal, sets a follow-up and signs out by keyboard', async () => {
    const { page, context } = await session.newPage();
    const keys = new Keyboard(page);
    try {
      // Sign in: the fields in order, Enter sends the form
      // (as a person would, only once the form is there: a Tab pressed before the app has drawn it finds
      // nothing to focus and leaves the focus on the page itself)
      await page.goto('/login');
      await page.getByLabel('Benutzername').waitFor();
      await keys.tabTo(page.getByLabel('Benutzername'));
      await keys.type('fallmanagerin');
      await keys.press('Tab');
      expect(await isFocused(page.getByLabel('Passwort', { exact: true }))).toBe(true);
      await keys.type(DEMO_PASSWORD);
      await keys.press('Enter');
      const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
      await nav.waitFor();

      // The skip link is the first stop of a page opened afresh; Enter moves the focus to the main content.
      await page.goto('/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await keys.press('Tab');
      const skip = page.getByRole('link', { name: 'Zum Hauptinhalt springen' });
      expect(await isFocused(skip), keys.stops.at(-1)).toBe(true);
      expect(await skip.isVisible()).toBe(true);
      const box = await skip.boundingBox();
      expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
      await keys.press('Enter');
      expect(await isFocused(page.locator('main#main'))).toBe(true);
      // the next Tab lands inside the main content, past the header and the navigation
      await keys.press('Tab');
      expect(
        await page.evaluate(() => document.querySelector('main')?.contains(document.activeElement)),
      ).toBe(true);

      // Back up into the navigation and open the case list
      await keys.tabTo(nav.getByRole('link', { name: 'Fälle' }), { back: true });
      await keys.press('Enter');
      const casesHeading = page.getByRole('heading', { level: 1, name: 'Fälle' });
      await casesHeading.waitFor();
      expect(await isFocused(casesHeading)).toBe(true);

      // Find the client by name; Enter in the search field applies the filter
      await keys.tabTo(page.getByLabel('Fallnummer oder Name'));
      await keys.type('Haidari');
      await keys.press('Enter');
      // the list holds the one case (and the header row)
      await expect.poll(() => page.getByRole('row').count()).toBe(2);
      const row = page.getByRole('row', { name: /Haidari/ });
      const caseLink = row.getByRole('link').first();
      const caseNumber = ((await caseLink.textContent()) ?? '').trim();
      await keys.tabTo(caseLink);
      await keys.press('Enter');
      const caseHeading = page.getByRole('heading', { level: 1, name: `Fall ${caseNumber}` });
      await caseHeading.waitFor();
      expect(await isFocused(caseHeading)).toBe(true);

      // The sections are tabs: one tab stop, the arrow keys move to "Verlauf"
      const journalTab = page.getByRole('tab', { name: 'Verlauf' });
      await keys.tabTo(page.getByRole('tab', { selected: true }));
      for (let i = 0; i < 12 && !(await isFocused(journalTab)); i += 1) await keys.press('ArrowRight');
      // The arrow moves the focus at once; the selection follows the address (a navigation, drawn as a
      // transition), so a slow machine shows it a moment later.
      await expect.poll(() => journalTab.getAttribute('aria-selected')).toBe('true');

      // A journal entry: the kind chosen with the arrow keys, the text typed, Space on the button saves
      const kind = page.getByLabel('Art des Kontakts');
      await keys.tabTo(kind);
      while ((await kind.inputValue()) !== 'phone') await keys.press('ArrowDown');
      await keys.tabTo(page.getByLabel('Inhalt'));
      await keys.type('Telefonat wegen der Schulanmeldung, nur mit der Tastatur erfasst.');
      await keys.tabTo(page.getByRole('button', { name: 'Eintrag speichern' }));
      await keys.press('Space');
      await page
        .getByRole('status')
        .filter({ hasText: /Der Eintrag „Telefonat“ vom .* wurde gespeichert\./ })
        .waitFor();
      await page.getByText('Telefonat wegen der Schulanmeldung, nur mit der Tastatur erfasst.').waitFor();

      // A follow-up: back to the tab list, one arrow to "Wiedervorlagen", the form filled and sent with Enter
      const followUpsTab = page.getByRole('tab', { name: 'Wiedervorlagen' });
      await keys.tabTo(journalTab, { back: true });
      await keys.press('ArrowRight');
      expect(await isFocused(followUpsTab)).toBe(true);
      await expect.poll(() => followUpsTab.getAttribute('aria-selected')).toBe('true');
      const due = page.getByLabel('Fällig am');
      await keys.tabTo(due);
      // The date field starts at today; whatever the browser's order of day, month and year, the year is the
      // last part: two arrows to the right reach it, one up moves the follow-up a year ahead.
      const today = await due.inputValue();
      await keys.press('ArrowRight');
      await keys.press('ArrowRight');
      await keys.press('ArrowUp');
      const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
      expect(await due.inputValue()).toBe(nextYear);
      await keys.tabTo(page.getByLabel('Aufgabe'));
      await keys.type('Zeugnisse für die Schulanmeldung nachfragen');
      await keys.tabTo(page.getByRole('button', { name: 'Wiedervorlage speichern' }));
      await keys.press('Enter');
      await page
        .getByRole('status')
        .filter({ hasText: /Die Wiedervorlage zum .* wurde gespeichert\./ })
        .waitFor();
      await page
        .getByRole('table', { name: 'Wiedervorlagen dieses Falls' })
        .getByRole('row', { name: /Zeugnisse für die Schulanmeldung nachfragen/ })
        .waitFor();

      // Sign out: Shift+Tab back into the header
      await keys.tabTo(page.getByRole('button', { name: 'Abmelden' }), { back: true, max: 120 });
      await keys.press('Enter');
      await page.getByRole('button', { name: 'Anmelden' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');

      expect(keys.stops.length).toBeGreaterThan(20);
      expect(keys.unindicated, 'focus stops without a visible focus indicator').toEqual([]);
    } finally {
      await context.close();
    }
  });
});
