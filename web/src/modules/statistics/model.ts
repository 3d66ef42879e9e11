import type { paths } from '../../api/schema';
import { isoDay, parseDay } from '../../ui/format';

/*
 * The statistics pages without React: the report's shapes, the period a preset starts with, and the query
 * that the address, the report request and the downloads share — so screen, print and files show the same.
 */

type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;

export type PresetItem = Json<paths['/api/statistics/presets']['get']['responses'][200]>['items'][number];
export type PresetKey = PresetItem['key'];
export const PRESETS: readonly PresetKey[] = ['annual', 'team_monthly', 'steering'];

/**
 * A report as the server builds it: sections → tables → rows → cells. Every cell carries its `display` text
 * ("12", "42,9 %", "< 5", "x") that screen, print, CSV and XLSX show alike — never recomputed here.
 */
export type Report = Json<paths['/api/statistics/reports/{preset}']['get']['responses'][200]>;
export type ReportSection = Report['sections'][number];
export type ReportTable = ReportSection['tables'][number];
export type ReportRow = ReportTable['rows'][number];
export type ReportCell = ReportRow['cells'][string];
export type ChartKind = NonNullable<ReportTable['chart']>;
export type NamedRef = Report['scope']['orgUnits'][number];
export type ReportQuery = NonNullable<
  paths['/api/statistics/reports/{preset}']['get']['parameters']['query']
>;
export type StatisticsSettings = Json<paths['/api/statistics/settings']['get']['responses'][200]>;

/** The smallest minimum count an organisation may choose [issue 8: "never below 3"]. */
export const MIN_COUNT_FLOOR = 3;

export function isPreset(value: string | undefined): value is PresetKey {
  return (PRESETS as readonly string[]).includes(value ?? '');
}

/** Org units are chosen within one organisation; the steering view chooses organisations instead. */
export const choosesOrganisations = (preset: PresetKey) => preset === 'steering';

/**
 * Whether the user reports on the whole organisation and so chooses among all its units — the server's rule
 * (statistics/policy.ts `wholeOrganisation`), here only to offer the right choices: org admins, and planners
 * outside the team's monthly view. Team leads choose among their own units.
 */
export function coversWholeOrganisation(roles: readonly string[], preset: PresetKey): boolean {
  return roles.includes('org_admin') || (preset !== 'team_monthly' && roles.includes('planner'));
}

export interface Period {
  from: string;
  to: string;
}

function parts(today: string): { year: number; month: number } {
  const date = parseDay(today) ?? new Date();
  return { year: date.getFullYear(), month: date.getMonth() + 1 };
}

const lastDayOf = (year: number, month: number) => isoDay(new Date(year, month, 0));
const firstDayOf = (year: number, month: number) => isoDay(new Date(year, month - 1, 1));

export function lastYear(today: string): Period {
  const { year } = parts(today);
  return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
}

export function yearToDate(today: string): Period {
  return { from: `${parts(today).year}-01-01`, to: today };
}

export function thisMonth(today: string): Period {
  const { year, month } = parts(today);
  return { from: firstDayOf(year, month), to: today };
}

export function lastMonth(today: string): Period {
  const { year, month } = parts(today);
  const previous = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  return { from: firstDayOf(previous.year, previous.month), to: lastDayOf(previous.year, previous.month) };
}

/**
 * The period a report starts with, as the server's default: the annual report and the steering view cover
 * the current year up to today, the team lead's view the current month up to today. The last full year is
 * one click away (quickPeriods).
 */
export function defaultPeriod(preset: PresetKey, today: string): Period {
  return preset === 'team_monthly' ? thisMonth(today) : yearToDate(today);
}

/** The periods offered as one-click choices beside the fields. */
export function quickPeriods(
  preset: PresetKey,
  today: string,
): { key: 'lastYear' | 'yearToDate' | 'thisMonth' | 'lastMonth'; period: Period }[] {
  return preset === 'team_monthly'
    ? [
        { key: 'thisMonth', period: thisMonth(today) },
        { key: 'lastMonth', period: lastMonth(today) },
      ]
    : [
        { key: 'lastYear', period: lastYear(today) },
        { key: 'yearToDate', period: yearToDate(today) },
      ];
}

/** What a report is asked for; the same names in the address, the request and the downloads. */
export interface ReportFilters {
  from: string;
  to: string;
  orgUnitIds: string[];
  organisationIds: string[];
}

const ids = (value: string | null) =>
  [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ].sort();

/**
 * The filters in the address, with the preset's period where the address names none. Dates are taken as
 * written (a wrong one is the server's to refuse, at the field); only the preset's kind of scope is read.
 */
export function filtersFrom(params: URLSearchParams, preset: PresetKey, today: string): ReportFilters {
  const period = defaultPeriod(preset, today);
  const organisations = choosesOrganisations(preset);
  return {
    from: params.get('from') ?? period.from,
    to: params.get('to') ?? period.to,
    orgUnitIds: organisations ? [] : ids(params.get('orgUnitIds')),
    organisationIds: organisations ? ids(params.get('organisationIds')) : [],
  };
}

/** The query as the server takes it: comma-separated lists, empty ones left out. */
export function reportQuery(filters: ReportFilters): ReportQuery & { from: string; to: string } {
  return {
    from: filters.from,
    to: filters.to,
    ...(filters.orgUnitIds.length > 0 ? { orgUnitIds: filters.orgUnitIds.join(',') } : {}),
    ...(filters.organisationIds.length > 0 ? { organisationIds: filters.organisationIds.join(',') } : {}),
  };
}

export function searchOf(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) params.set(name, value);
  return params.toString();
}

export function exportHref(preset: PresetKey, filters: ReportFilters, format: 'csv' | 'xlsx'): string {
  return `/api/statistics/reports/${preset}/export?${searchOf({ format, ...reportQuery(filters) })}`;
}

/**
 * Options for a scope filter: those the app knows of (earlier answers, the org-unit list), the report's scope,
 * and chosen ids the app cannot name (kept, so a bookmarked choice is not lost silently), sorted by name.
 */
export function scopeOptions(
  known: readonly NamedRef[],
  scope: readonly NamedRef[],
  chosen: readonly string[],
  language: string,
): NamedRef[] {
  const byId = new Map<string, NamedRef>();
  for (const entry of [...known, ...scope]) byId.set(entry.id, entry);
  for (const id of chosen) if (!byId.has(id)) byId.set(id, { id, name: id });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, language));
}

/**
 * A table's columns split into the heading of the row labels and the columns of figures. The server sends
 * the row labels' heading as the first column, a column no row has a cell for; without one the page names
 * it itself.
 */
export function tableColumns(table: ReportTable): {
  rowHeading: string | null;
  figures: ReportTable['columns'];
} {
  const [first, ...rest] = table.columns;
  const rows = [...table.rows, ...(table.total ? [table.total] : [])];
  if (first !== undefined && !rows.some((row) => first.key in row.cells)) {
    return { rowHeading: first.label, figures: rest };
  }
  return { rowHeading: null, figures: table.columns };
}

/** The key of the column that sums a row's counts (the server's total column). */
const TOTAL_COLUMN = 'total';

/**
 * The columns a chart draws: the counts of the table. A table often puts shares, averages or full-time posts
 * beside its counts, and a total column beside its parts; on one axis (or stacked onto the parts) they would
 * draw a false picture. The report marks no column as count or measure, so a column counts as a count when
 * every figure it shows is a whole number — no percent sign, no decimal separator of the report's language —
 * and the total column is left out. (Interim: a column kind sent by the server would replace this.)
 */
export function chartSeries(table: ReportTable, language: string): ReportTable['columns'] {
  const decimal = language === 'de' ? ',' : '.';
  const whole = (display: string) => !display.includes('%') && !display.includes(decimal);
  return tableColumns(table).figures.filter(
    (column) =>
      column.key !== TOTAL_COLUMN &&
      table.rows.every((row) => {
        const cell = row.cells[column.key];
        return cell === undefined || cell.suppressed || cell.value === null || whole(cell.display);
      }),
  );
}

/** Chart data: one entry per row (the total is no category), suppressed or missing values as null. */
export function chartData(
  table: ReportTable,
  series: ReportTable['columns'],
): Record<string, string | number | null>[] {
  return table.rows.map((row) => {
    const entry: Record<string, string | number | null> = { label: row.label };
    for (const column of series) {
      const cell = row.cells[column.key];
      entry[column.key] = cell && !cell.suppressed ? cell.value : null;
    }
    return entry;
  });
}

export function hasSuppressed(table: ReportTable): boolean {
  return [...table.rows, ...(table.total ? [table.total] : [])].some((row) =>
    Object.values(row.cells).some((cell) => cell.suppressed),
  );
}
