import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, BrowserContext, Locator, Page } from 'playwright-core';
import { mainNavigation, openBrowser, signIn, type BrowserSession } from './support/browser.js';
import { officeDay } from './support/dates.js';

/**
 * Stored text containing HTML or script is shown as text everywhere (issue 10, input robustness). The demo case
 * manager stores — through the API, as any client of it could — a client, a case, journal entry, plan, follow-up,
 * network contact, partner, referral and gap report whose texts are markup: `<img onerror>`, `<script>`,
 * `"><svg onload>` and an `alert()`. Every page that shows them (case list, every tab of the case page, client,
 * plan printout, start page, partner list and page, network map, gap report, the planner's gap view) must show
 * the literal text, contain no injected element, run no script (`window.__xss` stays unset) and open no dialog.
 * The planner's CSV export must not hand a spreadsheet program a formula (a cell starting with "=").
 */
let session: BrowserSession;
beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

const TAG = `M${Date.now().toString(36)}`;
const IMG = `<img src=x onerror="window.__xss='img'">`;
const SVG = `"><svg onload="window.__xss='svg'">`;
const SCRIPT = `<script>window.__xss='script'</script>`;
const ALERT = `<img src=x onerror=alert(1)>`;

const FAMILY_NAME = `${TAG}${IMG}`;
const GIVEN_NAMES = `${SVG}Mira`;
const JOURNAL = `Gespräch ${SCRIPT} ${ALERT} ${TAG}`;
const GOAL = `Ziel ${IMG} ${TAG}`;
const STEP = `Schritt ${SVG} ${TAG}`;
const FOLLOW_UP = `Wiedervorlage ${SCRIPT} ${TAG}`;
const CONTACT = `Tante ${IMG} ${TAG}`;
const PARTNER = `Partner ${SVG}${TAG}`;
const REFERRAL_NOTE = `Bitte ${SCRIPT} ${TAG}`;
const FORMULA_NEED = `=HYPERLINK("http://example.org/${TAG}","Kita ${TAG}")`;

/** The API as the signed-in page uses it: the session cookie of the context and the CSRF token. */
async function apiOf(page: Page) {
  const request: APIRequestContext = page.request;
  const session = await request.get('/api/auth/session');
  expect(session.status()).toBe(200);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const send = async (method: 'POST' | 'PUT', url: string, data: unknown) => {
    const res = await request.fetch(url, { method, data, headers: { 'x-csrf-token': csrfToken } });
    const body = await res.text();
    expect(res.status(), `${method} ${url}: ${body}`).toBeLessThan(300);
    return JSON.parse(body) as Record<string, unknown>;
  };
  return {
    get: async (url: string) => {
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      return res;
    },
    post: (url: string, data: unknown) => send('POST', url, data),
    put: (url: string, data: unknown) => send('PUT', url, data),
  };
}

/** Listens for dialogs (alert, confirm) the markup might open. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

/** Nothing the markup asked for happened on the page. */
async function expectInert(page: Page, dialogs: string[], where: string) {
  const injected = await page.evaluate(() => ({
    flag: (window as unknown as { __xss?: string }).__xss ?? null,
    images: document.querySelectorAll('img[src="x"]').length,
    svgs: document.querySelectorAll('svg[onload]').length,
    scripts: Array.from(document.querySelectorAll('script')).filter((s) => s.textContent?.includes('__xss'))
      .length,
    handlers: document.querySelectorAll('[onerror],[onload]').length,
  }));
  expect(injected, where).toEqual({ flag: null, images: 0, svgs: 0, scripts: 0, handlers: 0 });
  expect(dialogs, where).toEqual([]);
}

/** The literal text is on the page (first occurrence). */
async function expectText(page: Page, text: string, where: string) {
  const found = page.getByText(text, { exact: false }).first();
  await found.waitFor({ timeout: 15_000 }).catch(() => undefined);
  expect(await found.count(), `${where}: ${text}`).toBe(1);
}

/** The text of a region once nothing in it is loading any more. */
async function loadedText(region: Locator): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const text = (await region.textContent()) ?? '';
    if (!text.includes('Wird geladen') || Date.now() > deadline) return text;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function openPage(context: BrowserContext) {
  const page = await context.newPage();
  return { page, dialogs: watchDialogs(page) };
}

describe('stored markup is shown as text', () => {
  it('on every page that shows the texts', async () => {
    const { page, context } = await session.newPage();
    const dialogs = watchDialogs(page);
    try {
      await signIn(page, 'fallmanagerin');
      const api = await apiOf(page);
      const me = (await (await api.get('/api/auth/session')).json()) as {
        user: { orgUnits: { id: string }[] };
      };
      const orgUnitId = me.user.orgUnits[0]?.id;

      // -- the records, stored through the API
      const client = await api.post('/api/clients', {
        familyName: FAMILY_NAME,
        givenNames: GIVEN_NAMES,
        birthYear: 1998,
        gender: 'female',
        consent: {
          givenBy: 'client',
          form: 'oral',
          witness: 'Kollegin',
          givenOn: officeDay(),
          language: 'de',
        },
      });
      const clientId = String(client.id);
      const opened = await api.post('/api/cases', {
        clientId,
        kind: 'case_management',
        orgUnitId,
        intake: { accessRoute: 'self', referralAgency: `Amt ${SCRIPT}` },
      });
      const caseId = String(opened.id);
      await api.post(`/api/cases/${caseId}/journal`, {
        kind: 'personal_talk',
        occurredOn: officeDay(),
        text: JOURNAL,
      });
      await api.put(`/api/cases/${caseId}/plan`, {
        version: 0,
        header: {
          participants: `Klientin ${SVG}`,
          benefitsEarlier: null,
          benefitsCurrent: null,
          problem: `Problem ${IMG}`,
          resources: null,
          obligations: null,
          costBearers: null,
          reviewOn: null,
        },
        goals: [
          {
            wording: GOAL,
            indicator: `Indikator ${SCRIPT}`,
            status: 'active',
            steps: [{ what: STEP, who: 'client', status: 'open', dueOn: officeDay() }],
          },
        ],
      });
      await api.post('/api/follow-ups', { caseId, dueOn: officeDay(), text: FOLLOW_UP });
      await api.post(`/api/cases/${caseId}/network`, {
        name: CONTACT,
        kind: 'family',
        support: ['emotional'],
        closeness: 1,
        strained: false,
        note: `Notiz ${SVG}`,
      });
      const types = (await (await api.get('/api/partner-types')).json()) as { items: { key: string }[] };
      const partner = await api.post('/api/partners', {
        name: PARTNER,
        type: types.items[0]?.key,
        notes: `Notizen ${IMG}`,
        website: `javascript:window.__xss='href'`,
      });
      const partnerId = String(partner.id);
      await api.post(`/api/cases/${caseId}/referrals`, {
        partnerId,
        requestedOn: officeDay(),
        categories: [],
        note: REFERRAL_NOTE,
      });
      const gap = await api.post('/api/gap-reports', {
        need: FORMULA_NEED,
        field: 'education',
        urgency: 'medium',
        description: `Beschreibung ${SCRIPT} ${IMG}`,
        caseId,
        confirm: true,
      });
      const gapId = String(gap.id);

      // -- the case list, found by the name
      await mainNavigation(page).getByRole('link', { name: 'Fälle' }).click();
      await page.getByLabel('Fallnummer oder Name').fill(TAG);
      await page.getByRole('button', { name: 'Anwenden' }).click();
      await expectText(page, FAMILY_NAME, 'case list');
      await expectInert(page, dialogs, 'case list');

      // -- every tab of the case page
      await page.goto(`/cases/${caseId}`);
      await page.getByRole('heading', { level: 1, name: /^Fall / }).waitFor();
      await expectText(page, FAMILY_NAME, 'case page');
      const tabs = await page.getByRole('tab').allTextContents();
      expect(tabs.length).toBeGreaterThan(3);
      const seen = new Set<string>();
      for (const name of tabs) {
        // Choosing a tab is a navigation (the tab is kept in the address), which React draws as a transition:
        // the previous panel can still be shown when the click returns. Read the chosen tab's own panel once it
        // is selected.
        const tab = page.getByRole('tab', { name, exact: true });
        await tab.click();
        await page.getByRole('tab', { name, exact: true, selected: true }).waitFor();
        const panelId = await tab.getAttribute('aria-controls');
        const chosen = page.locator(`[id="${panelId}"]`);
        await chosen.waitFor();
        const panel = await loadedText(chosen);
        for (const text of [JOURNAL, GOAL, STEP, CONTACT, REFERRAL_NOTE, FOLLOW_UP, PARTNER]) {
          if (panel.includes(text)) seen.add(text);
        }
        await expectInert(page, dialogs, `case tab ${name}`);
      }
      for (const text of [JOURNAL, GOAL, STEP, CONTACT, FOLLOW_UP, PARTNER])
        expect([...seen]).toContain(text);

      // -- the client, the plan printout, the start page
      for (const [url, texts] of [
        [`/clients/${clientId}`, [FAMILY_NAME, GIVEN_NAMES]],
        [`/print/plan/${caseId}`, [GOAL, STEP]],
        // the start page lists the follow-ups due (the markup one among the demo's) and the cases
        ['/', []],
        ['/follow-ups', [FOLLOW_UP]],
        ['/network/partners', [PARTNER]],
        [`/network/partners/${partnerId}`, [PARTNER, `Notizen ${IMG}`, `javascript:window.__xss='href'`]],
        ['/network/map', [PARTNER]],
        [`/gaps/${gapId}`, [FORMULA_NEED, `Beschreibung ${SCRIPT} ${IMG}`]],
      ] as const) {
        const view = await openPage(context);
        try {
          await view.page.goto(url);
          // The printouts have no main landmark; every page has a first-level heading once it is drawn.
          await view.page.getByRole('heading', { level: 1 }).first().waitFor();
          await loadedText(view.page.locator('body'));
          for (const text of texts) await expectText(view.page, text, url);
          await expectInert(view.page, view.dialogs, url);
          // Links never carry a script URL.
          const scriptLinks = await view.page.locator('a[href^="javascript:"]').count();
          expect(scriptLinks, url).toBe(0);
        } finally {
          await view.page.close();
        }
      }
      await expectInert(page, dialogs, 'case manager');
    } finally {
      await context.close();
    }
  });

  it("the planner's gap view shows the need as text and its CSV has no formula cell", async () => {
    const { page, context } = await session.newPage();
    const dialogs = watchDialogs(page);
    try {
      await signIn(page, 'sozialplanung');
      await page.goto('/planning/gaps');
      await page.getByRole('main').waitFor();
      await page.waitForLoadState('networkidle');
      await expectText(page, FORMULA_NEED, 'planning view');
      await expectInert(page, dialogs, 'planning view');

      const api = await apiOf(page);
      const csv = await (await api.get('/api/planning/gaps/export?format=csv')).text();
      const cells = csv
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .flatMap((line) => line.split(';'))
        .map((cell) => cell.replace(/^"|"$/g, ''));
      const withTag = cells.filter((cell) => cell.toLowerCase().includes(TAG.toLowerCase()));
      expect(withTag.length).toBeGreaterThan(0);
      for (const cell of cells) expect(cell, 'CSV cell').not.toMatch(/^[=+@\t\r]/);
      expect(withTag[0]?.startsWith("'=")).toBe(true);
    } finally {
      await context.close();
    }
  });
});
