import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The rule sets checked: WCAG 2.0 and 2.1, levels A and AA (what BITV 2.0 asks for through EN 301 549). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Impacts that fail the suite. */
const FAILING = new Set(['serious', 'critical']);

export interface AxeFinding {
  /** Our name of the page (or dialog) checked. */
  page: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Counts the page's requests in flight, so a check can wait until the page has fetched what it shows (a
 * navigation inside the app gives no load event to wait for).
 */
export class RequestWatch {
  private inflight = 0;
  private lastChange = Date.now();

  constructor(page: Page) {
    page.on('request', () => this.change(1));
    page.on('requestfinished', () => this.change(-1));
    page.on('requestfailed', () => this.change(-1));
  }

  private change(by: number): void {
    this.inflight = Math.max(0, this.inflight + by);
    this.lastChange = Date.now();
  }

  /**
   * Resolves once no request has been open for `quietMs` — counted from the call at the earliest, since a
   * page just navigated to may not have started its requests yet.
   */
  async idle(quietMs = 150, timeoutMs = 15_000): Promise<void> {
    const start = Date.now();
    const deadline = start + timeoutMs;
    while (this.inflight > 0 || Date.now() - Math.max(this.lastChange, start) < quietMs) {
      if (Date.now() > deadline) throw new Error(`requests still open after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Waits until the page has finished loading: no request open for a moment and no "loading" notice or busy
 * region left, so axe sees the page as a user does and not its loading state.
 */
export async function settle(page: Page, requests: RequestWatch): Promise<void> {
  await requests.idle();
  await page.waitForFunction(() => {
    const busy = document.querySelector('[aria-busy="true"]');
    const text = document.body.innerText;
    return busy === null && !text.includes('Wird geladen …') && !text.includes('Loading …');
  });
}

/**
 * Goes to an address inside the web app the way its own links do (history and popstate, no reload), which
 * spares loading the app again for every page checked.
 */
export async function goInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/**
 * Runs axe on the page (or on the part `include` selects, e.g. an open dialog) and returns every violation of
 * the WCAG A/AA rules at any impact; `failing` picks those the suite does not accept.
 */
export async function runAxe(page: Page, name: string, include?: string): Promise<AxeFinding[]> {
  // Legacy mode runs axe in the page itself (no helper page per run; the app has no frames), and only the
  // violations are gathered: together about half the time per page. (options() replaces what withTags set,
  // so it comes first.)
  let builder = new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(WCAG_TAGS)
    .setLegacyMode(true);
  // Inside a chart's image everything is presentational (role="img"), and the table beside it holds the
  // values: the drawing's many SVG nodes only cost time.
  builder = builder.exclude('.recharts-wrapper');
  if (include !== undefined) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations.map((violation) => ({
    page: name,
    rule: violation.id,
    impact: violation.impact ?? 'unknown',
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
  }));
}

export function failing(findings: readonly AxeFinding[]): AxeFinding[] {
  return findings.filter((finding) => FAILING.has(finding.impact));
}

/** One line per finding: rule id, impact, page and the selectors of the offending elements. */
export function describeFindings(findings: readonly AxeFinding[]): string {
  return findings
    .map(
      (f) => `${f.rule} (${f.impact}) on ${f.page}: ${f.help}\n    ${f.targets.slice(0, 8).join('\n    ')}`,
    )
    .join('\n');
}

/**
 * Charts and maps and the table that holds their values (issue 10: every chart has a screen-reader name and a
 * table alternative). The name of the chart's image says which table that is.
 */
const CHART_TABLES: { name: RegExp; tables: (match: RegExpMatchArray) => string[] }[] = [
  // statistics reports
  { name: /^Diagramm zu „(.+)“\. Die Werte stehen in der Tabelle\.$/, tables: (m) => [m[1] ?? ''] },
  { name: /^Chart of “(.+)”\. The values are in the table\.$/, tables: (m) => [m[1] ?? ''] },
  // assessment progress
  {
    name: /^Diagramm „(.+)“\. Dieselben Werte stehen in der Tabelle darunter\.$/,
    tables: (m) => [`${m[1] ?? ''}: Werte je Bereich und Datum`, 'Ihre Zahlen nach Datum'],
  },
  {
    name: /^Chart “(.+)”\. The same values are in the table below\.$/,
    tables: (m) => [`${m[1] ?? ''}: values per area and date`, 'Your numbers by date'],
  },
  // the case's network map and the organisation's partner map
  { name: /^Netzwerkkarte von /, tables: () => ['Kontakte im Netzwerk', 'Netzwerkpartner auf der Karte'] },
  { name: /^Network map of /, tables: () => ['Contacts in the network', 'Network partners on the map'] },
];

export interface ChartOnPage {
  /** The accessible name of the image the drawing sits in ('' when it has none). */
  name: string;
  /** Names of the page's tables. */
  tables: string[];
}

/**
 * Every drawing on the page big enough to be a chart or a map (icons are smaller), with the name of the image
 * it sits in and the names of the page's tables.
 */
export function chartsOnPage(page: Page): Promise<ChartOnPage[]> {
  return page.evaluate(() => {
    const textOf = (ids: string | null) =>
      (ids ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim();
    const nameOf = (element: Element | null) =>
      element === null
        ? ''
        : (element.getAttribute('aria-label') ?? textOf(element.getAttribute('aria-labelledby'))).trim();
    const tables = Array.from(document.querySelectorAll('table')).map((table) =>
      (table.getAttribute('aria-label') ?? table.querySelector('caption')?.textContent ?? '').trim(),
    );
    return (
      Array.from(document.querySelectorAll('svg'))
        .filter((svg) => {
          const box = svg.getBoundingClientRect();
          return box.width >= 150 && box.height >= 100;
        })
        // The image is around the drawing, or a group inside it when links lie over the drawing (the partner map).
        .map((svg) => ({
          name: nameOf(svg.closest('[role="img"]') ?? svg.querySelector('[role="img"]')),
          tables,
        }))
    );
  });
}

/** What is missing for a chart: its name, or the table its name points to. Null when nothing is. */
export function chartProblem(chart: ChartOnPage): string | null {
  if (chart.name === '') return 'a chart without a screen-reader name (no role="img" with a label around it)';
  for (const pair of CHART_TABLES) {
    const match = chart.name.match(pair.name);
    if (match === null) continue;
    const wanted = pair.tables(match);
    return wanted.some((name) => chart.tables.includes(name))
      ? null
      : `chart "${chart.name}" without its table (${wanted.join(' or ')})`;
  }
  return `chart "${chart.name}" of unknown kind: which table holds its values?`;
}
