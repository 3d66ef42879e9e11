import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  chartProblem,
  chartsOnPage,
  describeFindings,
  failing,
  goInApp,
  RequestWatch,
  runAxe,
  settle,
  type AxeFinding,
} from './support/axe.js';
import { navigationKeys, openBrowser, signIn, type BrowserSession } from './support/browser.js';

/**
 * Accessibility (issue 10, BITV 2.0): axe checks every main page of every demo role against WCAG 2.0/2.1 A and
 * AA (a page two roles see alike, once) — the start page, each area of the main navigation, the detail pages
 * behind them, every tab of a case file, open dialogs, forms showing their errors — in German, and the start
 * page and a case file in English.
 * A violation of impact "serious" or "critical" fails; the message names the rule, the impact, the page and
 * the elements. Beyond axe, every chart or map on these pages must have a screen-reader name and the table
 * with its values on the same page (rule "chart-alternative").
 *
 * The journey changes nothing (dialogs are cancelled, the language is switched back), so the order of the files
 * does not matter.
 */
let session: BrowserSession;
beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

/** Everything found, also below "serious", for the summary at the end. */
const everything: AxeFinding[] = [];

const NAV_PATHS: Record<string, string> = {
  home: '/',
  cases: '/cases',
  clients: '/clients',
  followUps: '/follow-ups',
  team: '/team',
  partners: '/network/partners',
  agreements: '/network/agreements',
  networkMap: '/network/map',
  gapReports: '/gaps',
  gapPlanning: '/planning/gaps',
  statistics: '/statistics',
  retention: '/retention',
  users: '/admin/users',
  orgUnits: '/admin/org-units',
  settings: '/admin/settings',
  consentTemplates: '/admin/consent-templates',
  instruments: '/admin/instruments',
  organisations: '/admin/organisations',
  audit: '/audit',
  disclosures: '/disclosures',
  requests: '/requests',
  account: '/account',
};

/** The progress chart of Samira Al-Hassan's resource surveys (two in the demo). */
const PROGRESS_CHART =
  'Diagramm „Ressourcenerhebung in neun Lebensbereichen“. Dieselben Werte stehen in der Tabelle darunter.';

const CASE_TABS = [
  'overview',
  'intake',
  'assessment',
  'network',
  'plan',
  'referrals',
  'conferences',
  'journal',
  'followUps',
  'evaluation',
  'responsibility',
  'privacy',
];

/** Headings of the pages that show no content: the check must not pass on them by mistake. */
const ERROR_HEADINGS = ['Seite nicht gefunden', 'Kein Zugriff', 'Page not found', 'No access'];

/** Collects the findings of one role's pages; `expectClean` fails with all of them at once. */
class Checker {
  readonly findings: AxeFinding[] = [];
  readonly checked: string[] = [];
  private readonly requests: RequestWatch;
  constructor(
    private readonly page: Page,
    private readonly role: string,
  ) {
    this.requests = new RequestWatch(page);
  }

  /**
   * Goes to the address inside the app, waits until it has loaded and runs axe on the whole page; returns the
   * names of the charts and maps on it.
   */
  async visit(path: string, name = path): Promise<string[]> {
    await this.go(path);
    return this.audit(name);
  }

  /** Goes to the address inside the app and waits until it has loaded. */
  async go(path: string): Promise<void> {
    await goInApp(this.page, path);
    await this.page.waitForURL((url) => `${url.pathname}${url.search}` === path);
    await settle(this.page, this.requests);
    const heading = (await this.page.getByRole('heading', { level: 1 }).first().textContent()) ?? '';
    expect(ERROR_HEADINGS, `${path} shows "${heading}"`).not.toContain(heading.trim());
  }

  /** Runs axe on what is on screen now (or on the part `include` selects, e.g. an open dialog). */
  async check(name: string, include?: string): Promise<string[]> {
    await settle(this.page, this.requests);
    return this.audit(name, include);
  }

  private async audit(name: string, include?: string): Promise<string[]> {
    const label = `${this.role} ${name}`;
    const found = await runAxe(this.page, label, include);
    this.checked.push(label);
    everything.push(...found);
    this.findings.push(...failing(found));
    // Beyond axe: every chart or map has a name and a table with its values on the same page.
    const drawn = await chartsOnPage(this.page);
    for (const chart of drawn) {
      const problem = chartProblem(chart);
      if (problem !== null)
        this.findings.push({
          page: label,
          rule: 'chart-alternative',
          impact: 'serious',
          help: problem,
          targets: [],
        });
    }
    return drawn.map((chart) => chart.name);
  }

  expectClean(): void {
    expect(this.checked.length).toBeGreaterThan(0);
    expect(this.findings, describeFindings(this.findings)).toEqual([]);
  }
}

interface Listed {
  items: { id: string }[];
}

/** The id of the first item of a list the signed-in user may read (through the page's own session). */
async function firstId(page: Page, path: string): Promise<string> {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  const body = (await response.json()) as Listed;
  const first = body.items[0];
  if (first === undefined) throw new Error(`the demo data have nothing at ${path}`);
  return first.id;
}

/** The id of the first item a search finds (the term in the body of POST …/search, as the app sends it). */
async function firstFound(page: Page, path: string, search: Record<string, unknown>): Promise<string> {
  const session = await page.request.get('/api/auth/session');
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.post(path, { data: search, headers: { 'x-csrf-token': csrfToken } });
  expect(response.status(), path).toBe(200);
  const first = ((await response.json()) as Listed).items[0];
  if (first === undefined) throw new Error(`the demo data have nothing found at ${path}`);
  return first.id;
}

async function caseIdOf(page: Page, familyName: string): Promise<string> {
  return firstFound(page, '/api/cases/search', { q: familyName, includeClosed: true });
}

async function withRole(username: string, work: (checker: Checker, page: Page) => Promise<void>) {
  const { page, context } = await session.newPage();
  try {
    await signIn(page, username);
    const checker = new Checker(page, username);
    await work(checker, page);
    checker.expectClean();
  } finally {
    await context.close();
  }
}

/**
 * Every area of the role's main navigation, except those named in `sameAsBefore`: pages an earlier test checked
 * for another role and that this role sees the same way (they stay in the role's navigation, which the check
 * asserts, so the list cannot go stale). Returns the names of the charts and maps on each page checked.
 */
async function checkNavigation(
  checker: Checker,
  page: Page,
  sameAsBefore: readonly string[] = [],
): Promise<Map<string, string[]>> {
  const keys = await navigationKeys(page);
  for (const key of sameAsBefore) expect(keys).toContain(key);
  const drawn = new Map<string, string[]>();
  for (const key of keys.filter((k) => !sameAsBefore.includes(k))) {
    const path = NAV_PATHS[key];
    if (path === undefined) throw new Error(`no address known for the navigation entry ${key}`);
    drawn.set(key, await checker.visit(path, `${key} (${path})`));
  }
  return drawn;
}

/** Areas every role that has them sees as the case manager does (no actions of their own). */
const AS_FOR_THE_CASE_MANAGER = ['agreements', 'networkMap', 'account'];

describe('accessibility (axe, WCAG 2.1 AA)', () => {
  it('the sign-in page, also with a refused sign-in', async () => {
    const { page, context } = await session.newPage();
    try {
      const checker = new Checker(page, 'anonymous');
      await page.goto('/login');
      await checker.check('sign-in');
      await page.getByLabel('Benutzername').fill('fallmanagerin');
      await page.getByLabel('Passwort', { exact: true }).fill('falsch');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.getByText('Benutzername oder Passwort ist falsch.').first().waitFor();
      await checker.check('sign-in refused');
      checker.expectClean();

      // The check can fail: a button without a name is found, with its rule, impact and element.
      await page.evaluate(() => {
        const button = document.createElement('button');
        button.id = 'nameless';
        document.querySelector('main')?.append(button);
      });
      const found = failing(await runAxe(page, 'sign-in with a nameless button'));
      expect(found.map((f) => [f.rule, f.impact, f.targets])).toContainEqual([
        'button-name',
        'critical',
        ['#nameless'],
      ]);
    } finally {
      await context.close();
    }
  });

  it('the chart check says what is missing', () => {
    const tables = ['Fälle nach Art', 'Kontakte im Netzwerk'];
    expect(chartProblem({ name: '', tables })).toBe(
      'a chart without a screen-reader name (no role="img" with a label around it)',
    );
    expect(
      chartProblem({ name: 'Diagramm zu „Fälle nach Art“. Die Werte stehen in der Tabelle.', tables }),
    ).toBe(null);
    expect(
      chartProblem({ name: 'Diagramm zu „Fälle nach Alter“. Die Werte stehen in der Tabelle.', tables }),
    ).toBe(
      'chart "Diagramm zu „Fälle nach Alter“. Die Werte stehen in der Tabelle." without its table (Fälle nach Alter)',
    );
    expect(chartProblem({ name: 'Netzwerkkarte von Rania Haddad', tables })).toBe(null);
    expect(chartProblem({ name: 'Torte', tables })).toBe(
      'chart "Torte" of unknown kind: which table holds its values?',
    );
  });

  it('case manager: navigation, partner, agreement, gap report, notifications', async () => {
    await withRole('fallmanagerin', async (checker, page) => {
      const drawn = await checkNavigation(checker, page);
      // The partner map is the one drawing among the areas; its table was checked with it.
      expect(drawn.get('networkMap')).toEqual(['Netzwerkkarte von Jugendmigrationsdienst Musterstadt']);
      expect([...drawn.values()].flat()).toHaveLength(1);
      const partner = await firstId(page, '/api/partners');
      await checker.visit(`/network/partners/${partner}`, 'partner');
      const agreement = await firstId(page, '/api/agreements');
      await checker.visit(`/network/agreements/${agreement}`, 'agreement');
      const gap = await firstId(page, '/api/gap-reports');
      await checker.visit(`/gaps/${gap}`, 'gap report');

      // The notifications list in the header
      await checker.go('/');
      await page.getByRole('button', { name: /^Benachrichtigungen/ }).click();
      await checker.check('notifications open');
    });
  }, 150_000);

  it('case manager: case file with every tab, client, assessment, conference, printouts, dialogs', async () => {
    await withRole('fallmanagerin', async (checker, page) => {
      const samira = await caseIdOf(page, 'Al-Hassan');
      const drawn = new Map<string, string[]>();
      for (const tab of CASE_TABS)
        drawn.set(
          tab,
          await checker.visit(
            `/cases/${samira}${tab === 'overview' ? '' : `?tab=${tab}`}`,
            `case tab ${tab}`,
          ),
        );
      expect(drawn.get('assessment')).toEqual([PROGRESS_CHART]);
      expect(drawn.get('network')).toEqual(['Netzwerkkarte von Samira Al-Hassan']);

      const clientId = await firstFound(page, '/api/clients/search', { q: 'Al-Hassan' });
      await checker.visit(`/clients/${clientId}`, 'client page');
      await checker.visit(`/cases/new?clientId=${clientId}`, 'open a case');

      const assessments = await page.request.get(`/api/cases/${samira}/assessments`);
      const finals = ((await assessments.json()) as { items: { id: string; status: string }[] }).items;
      const [older, newer] = finals.filter((a) => a.status === 'final').map((a) => a.id);
      if (older === undefined || newer === undefined) throw new Error('the demo has two assessments');
      await checker.visit(`/cases/${samira}/assessments/${older}`, 'assessment');
      await checker.visit(
        `/cases/${samira}/assessments/compare?left=${older}&right=${newer}`,
        'assessment comparison',
      );
      // Printouts in the client's language beside the German text (Arabic: right to left, each column marked
      // with its lang); the German-only plan printout is the same page with one column.
      await checker.visit(`/print/plan/${samira}?language=ar`, 'plan printout (ar)');
      await checker.visit('/print/consent/data_processing/ar', 'consent form (ar)');
      await checker.visit(`/print/export/${clientId}`, 'data export (Art. 15 GDPR)');
      expect(await checker.visit(`/print/progress/${samira}`, 'progress printout')).toEqual([PROGRESS_CHART]);

      const ibrahim = await caseIdOf(page, 'Ibrahim');
      const conference = await firstId(page, `/api/cases/${ibrahim}/conferences`);
      await checker.visit(`/cases/${ibrahim}/conferences/${conference}`, 'conference');

      // The referral form and two dialogs: closing the case and removing a network contact
      await checker.go(`/cases/${ibrahim}?tab=referrals`);
      const referrals = page.getByRole('tabpanel', { name: 'Vermittlung' });
      await referrals.getByRole('button', { name: 'Neue Vermittlung' }).click();
      await referrals.getByRole('form', { name: 'Neue Vermittlung' }).waitFor();
      await checker.check('referral form');

      await checker.go(`/cases/${ibrahim}?tab=evaluation`);
      await page.getByRole('button', { name: 'Fall abschließen' }).click();
      const closure = page.getByRole('dialog', { name: 'Fall abschließen' });
      await closure.waitFor();
      await checker.check('closure dialog', 'dialog[open]');
      await checker.check('page under the closure dialog');
      await closure.getByRole('button', { name: 'Abbrechen' }).click();

      // A confirmation dialog: revoking a consent (Ibrahim's client page; no other journey uses her)
      const ibrahimClient = await firstFound(page, '/api/clients/search', { q: 'Ibrahim' });
      await checker.go(`/clients/${ibrahimClient}`);
      await page
        .getByRole('button', { name: /^Widerrufen: / })
        .first()
        .click();
      const revoke = page.getByRole('dialog', { name: 'Einwilligung widerrufen' });
      await revoke.waitFor();
      await checker.check('revoke-consent dialog', 'dialog[open]');
      await revoke.getByRole('button', { name: 'Abbrechen' }).click();

      // Forms showing their errors: a new client (the form itself with them) and a journal entry sent empty
      await checker.go('/clients/new');
      await page.getByRole('button', { name: 'Klient:in anlegen' }).click();
      await page.getByRole('alert').first().waitFor();
      await checker.check('new client with errors');
      await checker.go(`/cases/${ibrahim}?tab=journal`);
      await page.getByRole('button', { name: 'Eintrag speichern' }).click();
      await page.getByRole('alert').first().waitFor();
      await checker.check('journal entry with errors');
    });
  }, 150_000);

  it('team lead: navigation, the three statistics reports with their charts', async () => {
    await withRole('teamleitung', async (checker, page) => {
      await checkNavigation(checker, page, [...AS_FOR_THE_CASE_MANAGER, 'partners', 'gapReports']);
      const annual = await checker.visit('/statistics/annual', 'statistics annual');
      expect(annual).toContain(
        'Diagramm zu „Neue, laufende und abgeschlossene Fälle nach Fallart“. Die Werte stehen in der Tabelle.',
      );
      expect(annual.length).toBeGreaterThan(10);
      expect(await checker.visit('/statistics/team_monthly', 'statistics team_monthly')).toEqual([
        'Diagramm zu „Sachgebiete“. Die Werte stehen in der Tabelle.',
        'Diagramm zu „Fallmanager:innen“. Die Werte stehen in der Tabelle.',
      ]);
      await checker.visit('/statistics/steering', 'statistics steering');
    });
  }, 150_000);

  it('organisation admin: navigation, users, instruments', async () => {
    await withRole('traegeradmin', async (checker, page) => {
      // the partners and the retention board with the admin's own actions; the reports as for the team lead
      await checkNavigation(checker, page, [...AS_FOR_THE_CASE_MANAGER, 'gapReports', 'statistics']);
      const user = await firstId(page, '/api/users');
      await checker.visit(`/admin/users/${user}`, 'edit user');
      await checker.visit('/admin/users/new', 'new user');
      const instrument = await firstId(page, '/api/instruments');
      await checker.visit(`/admin/instruments/${instrument}`, 'instrument');
    });
  }, 150_000);

  it('planner: navigation, gap reports and planning', async () => {
    await withRole('sozialplanung', async (checker, page) => {
      await checkNavigation(checker, page, ['account', 'partners', 'statistics']);
      const gap = await firstId(page, '/api/gap-reports');
      await checker.visit(`/gaps/${gap}`, 'gap report');
    });
  }, 150_000);

  it('data-protection officer: navigation (audit log, disclosures, requests)', async () => {
    await withRole('datenschutz', async (checker, page) => {
      await checkNavigation(checker, page, ['account']);
    });
  }, 150_000);

  it('installation admin: navigation (organisations, shared partners)', async () => {
    await withRole('installation', async (checker, page) => {
      await checkNavigation(checker, page, ['account']);
    });
  }, 150_000);

  it('in English: the start page and a case file', async () => {
    await withRole('fallmanagerin', async (checker, page) => {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
      await checker.visit('/', 'start page (en)');
      const samira = await caseIdOf(page, 'Al-Hassan');
      for (const tab of ['overview', 'plan', 'assessment'])
        await checker.visit(
          `/cases/${samira}${tab === 'overview' ? '' : `?tab=${tab}`}`,
          `case tab ${tab} (en)`,
        );
      // back to German for the next visitor of this demo user
      await page.getByRole('button', { name: 'Deutsch' }).click();
      await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();
    });
  }, 150_000);

  afterAll(() => {
    const lesser = everything.filter((f) => f.impact !== 'serious' && f.impact !== 'critical');
    if (lesser.length > 0) console.log(`axe, below "serious" (not failing):\n${describeFindings(lesser)}`);
  });
});
