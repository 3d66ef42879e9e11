import type { Locale } from '../../core/errors.js';

/**
 * Statistics for funders, team leads and steering (issue 8; BRIEF 7) — the pure rules: report presets and
 * periods, age bands, and above all the anonymisation of every table. A report is one document (sections →
 * tables → rows → cells with value and display text) that the screen, the printout, CSV and XLSX render alike,
 * so the numbers are the same everywhere.
 *
 * Anonymisation [BRIEF 7: "always anonymised, small counts suppressed"]:
 * - a count of 1 … threshold−1 cases is shown as "< threshold" (0 stays 0) — primary suppression;
 * - where a row or column total is shown, one hidden cell of that row or column could be computed by
 *   subtraction, so the next smallest cell of the row or column is hidden as well ("x") — complementary
 *   suppression, repeated in both directions (and along the total row and column) until nothing changes;
 * - rates, shares and averages computed from fewer than threshold cases are hidden, and so is any measure
 *   whose count in the same row is hidden (a share next to a known total gives the count back).
 */

export const PRESETS = ['annual', 'team_monthly', 'steering'] as const;
export type Preset = (typeof PRESETS)[number];

export const CHARTS = ['bar', 'stacked', 'line'] as const;
export type Chart = (typeof CHARTS)[number];

/** The organisation's threshold: default 5 (issue 8), never below 3. */
export const DEFAULT_MIN_COUNT = 5;
export const MIN_MIN_COUNT = 3;
export const MAX_MIN_COUNT = 100;
/** The longest period a report covers. */
export const MAX_PERIOD_YEARS = 10;

// ---------------------------------------------------------------------------------------------- the document

export interface Cell {
  /** null when suppressed or when there is nothing to compute (e.g. an average of no cases). */
  value: number | null;
  display: string;
  suppressed: boolean;
}

export interface ReportRow {
  key: string;
  label: string;
  cells: Record<string, Cell>;
}

/**
 * What a column holds, so a chart can draw the counts and leave out totals, rates, averages and full-time
 * posts: the row labels, counts of cases (or reports, referrals), the row totals, percentages, other
 * measures with one decimal (averages, cases per post), and numbers not about cases (posts, thresholds).
 */
export const COLUMN_KINDS = ['label', 'count', 'total', 'percent', 'decimal', 'plain'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export interface ReportColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}

export interface ReportTable {
  key: string;
  title: string;
  chart: Chart | null;
  /** The first column is the row label's heading; the others name the cells. */
  columns: ReportColumn[];
  rows: ReportRow[];
  total: ReportRow | null;
  note: string | null;
}

export interface ReportSection {
  key: string;
  title: string;
  tables: ReportTable[];
}

export interface Report {
  preset: Preset;
  title: string;
  period: { from: string; to: string };
  generatedAt: string;
  threshold: number;
  scope: { organisations: { id: string; name: string }[]; orgUnits: { id: string; name: string }[] };
  sections: ReportSection[];
}

// ------------------------------------------------------------------------------------------- table building

/**
 * How a column's numbers are treated:
 * - `count`: a number of cases (or reports, referrals …) — suppressed below the threshold. `additive` counts
 *   add up to the total row (the total row is their sum); others carry their own total (e.g. distinct cases)
 *   or none.
 * - `measure`: a rate, share or average computed from `base` cases — hidden below the threshold and when the
 *   count named by `dependsOn` in the same row is hidden.
 * - `plain`: not about cases (full-time posts, the organisation's thresholds) — never hidden.
 */
export type ColumnSpec =
  | { key: string; label: string; type: 'count'; additive?: boolean }
  | {
      key: string;
      label: string;
      type: 'measure';
      format: 'percent' | 'decimal';
      /** Count columns of the same row; the measure is hidden with any of them. */
      dependsOn?: string[];
    }
  | { key: string; label: string; type: 'plain'; format: 'integer' | 'decimal' };

export interface MeasureInput {
  value: number | null;
  /** How many cases the measure is computed from. */
  base: number;
}

export type CellInput = number | MeasureInput | null;

export interface RowInput {
  key: string;
  label: string;
  cells: Record<string, CellInput>;
}

export interface TableSpec {
  key: string;
  title: string;
  chart: Chart | null;
  /** The heading of the row labels (the first column). */
  rowLabel: string;
  columns: ColumnSpec[];
  rows: RowInput[];
  /** A column that sums the listed count columns of each row. */
  totalColumn?: { key: string; label: string; of: string[] };
  /**
   * A total row: additive counts are summed; other cells (distinct counts, overall averages) are given here.
   * Omitted: no total row.
   */
  total?: { label: string; cells?: Record<string, CellInput> };
  note?: string | null;
}

export interface Texts {
  locale: Locale;
  /** Shown for a cell hidden to protect another one (complementary suppression). */
  hidden: string;
  /** Appended to the note when cells show `hidden` (to protect others, or a measure of too few cases). */
  hiddenNote: string;
  /** Shown when there is nothing to compute (an average of no cases). */
  none: string;
}

const TOTAL = -1;
type CellId = `${number}|${string}`;
const id = (row: number, column: string): CellId => `${row}|${column}`;

/**
 * Which count cells to hide. `values` maps cell ids ("row|column", row −1 = total row) to counts; `lines` are
 * the sets of cells that add up to a shown total, the total cell last. Primary: 1 … threshold−1. Then, while a
 * line has exactly one hidden cell, hide the smallest other positive cell of that line (else its total, else a
 * zero cell), so no hidden count can be recovered by subtracting the shown ones from the total.
 */
export function suppressCounts(
  values: ReadonlyMap<string, number>,
  lines: readonly (readonly string[])[],
  threshold: number,
): { primary: Set<string>; complementary: Set<string> } {
  const primary = new Set<string>();
  for (const [cell, v] of values) if (v > 0 && v < threshold) primary.add(cell);
  const hidden = new Set(primary);
  const complementary = new Set<string>();
  const valueOf = (c: string) => values.get(c) ?? 0;
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const hiddenInLine = line.filter((c) => hidden.has(c));
      if (hiddenInLine.length !== 1) continue;
      const totalCell = line[line.length - 1];
      const open = line.filter((c) => !hidden.has(c));
      const interior = open.filter((c) => c !== totalCell);
      const smallest = (cells: string[]) =>
        cells.reduce<string | null>(
          (best, c) => (best === null || valueOf(c) < valueOf(best) ? c : best),
          null,
        );
      const pick =
        smallest(interior.filter((c) => valueOf(c) > 0)) ??
        (totalCell !== undefined && !hidden.has(totalCell) && valueOf(totalCell) > 0 ? totalCell : null) ??
        smallest(interior);
      if (pick === null) continue;
      hidden.add(pick);
      complementary.add(pick);
      changed = true;
    }
  }
  return { primary, complementary };
}

function isMeasure(input: CellInput | undefined): input is MeasureInput {
  return typeof input === 'object' && input !== null;
}

function countOf(input: CellInput | undefined): number {
  return typeof input === 'number' ? input : 0;
}

// Making a number format costs far more than using one (a report formats thousands of cells): one per locale
// and number of decimals, made once.
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, locale: Locale, fractionDigits = 0): string {
  const key = `${locale}:${fractionDigits}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

export function formatPercent(value: number, locale: Locale): string {
  // DIN 5008 writes a space before the percent sign; English does not.
  return locale === 'de' ? `${formatNumber(value, locale, 1)} %` : `${formatNumber(value, locale, 1)}%`;
}

/** One decimal, as every rate and average of a report is rounded (value and display agree). */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A share in percent of `part` out of `base` (null when the base is 0), rounded to one decimal. */
export function share(part: number, base: number): MeasureInput {
  return { value: base > 0 ? round1((part / base) * 100) : null, base };
}

export function average(value: number | null, base: number): MeasureInput {
  return { value: value === null || base === 0 ? null : round1(value), base };
}

function columnKind(column: ColumnSpec): ColumnKind {
  if (column.type === 'count') return 'count';
  if (column.type === 'plain') return 'plain';
  return column.format;
}

/**
 * Builds one table of the report from raw numbers: sums the total column and total row, applies primary and
 * complementary suppression to the counts and hides the measures that would reveal them.
 */
export function buildTable(spec: TableSpec, threshold: number, texts: Texts): ReportTable {
  const countColumns = spec.columns.filter((c) => c.type === 'count');
  const additive = new Set(countColumns.filter((c) => c.additive !== false).map((c) => c.key));
  const totalColumn = spec.totalColumn;
  if (totalColumn) additive.add(totalColumn.key);

  // Raw inputs per row index (total row = −1), with the total column and total row filled in.
  const inputs = new Map<number, Record<string, CellInput>>();
  spec.rows.forEach((row, i) => {
    const cells = { ...row.cells };
    if (totalColumn) cells[totalColumn.key] = totalColumn.of.reduce((s, k) => s + countOf(cells[k]), 0);
    inputs.set(i, cells);
  });
  if (spec.total) {
    const cells: Record<string, CellInput> = { ...spec.total.cells };
    for (const key of additive) {
      if (!(key in cells)) cells[key] = spec.rows.reduce((s, _r, i) => s + countOf(inputs.get(i)?.[key]), 0);
    }
    inputs.set(TOTAL, cells);
  }

  // Count cells and the lines that add up to a shown total.
  const values = new Map<string, number>();
  const countKeys = [...countColumns.map((c) => c.key), ...(totalColumn ? [totalColumn.key] : [])];
  for (const [row, cells] of inputs) {
    for (const key of countKeys) {
      const v = cells[key];
      if (typeof v === 'number') values.set(id(row, key), v);
    }
  }
  const rowIndexes = spec.rows.map((_r, i) => i);
  const lines: string[][] = [];
  if (totalColumn) {
    for (const row of [...rowIndexes, ...(spec.total ? [TOTAL] : [])]) {
      lines.push([...totalColumn.of.map((k) => id(row, k)), id(row, totalColumn.key)]);
    }
  }
  if (spec.total) {
    // A distinct count's total is no sum, but subtracting from it still narrows a hidden cell down to a few
    // values: every count column with a shown total is protected like a sum.
    for (const key of countKeys) {
      if (values.has(id(TOTAL, key))) lines.push([...rowIndexes.map((r) => id(r, key)), id(TOTAL, key)]);
    }
  }
  const { primary, complementary } = suppressCounts(values, lines, threshold);

  const display = (row: number, column: ColumnSpec, input: CellInput | undefined): Cell => {
    if (column.type === 'count' || column.key === totalColumn?.key) {
      const cell = id(row, column.key);
      if (typeof input !== 'number') return { value: null, display: texts.none, suppressed: false };
      if (primary.has(cell)) return { value: null, display: `< ${threshold}`, suppressed: true };
      if (complementary.has(cell)) return { value: null, display: texts.hidden, suppressed: true };
      return { value: input, display: formatNumber(input, texts.locale), suppressed: false };
    }
    if (column.type === 'plain') {
      const v = typeof input === 'number' ? input : isMeasure(input) ? input.value : null;
      if (v === null) return { value: null, display: texts.none, suppressed: false };
      const rounded = column.format === 'decimal' ? round1(v) : Math.round(v);
      return {
        value: rounded,
        display: formatNumber(rounded, texts.locale, column.format === 'decimal' ? 1 : 0),
        suppressed: false,
      };
    }
    const measure: MeasureInput = isMeasure(input)
      ? input
      : { value: typeof input === 'number' ? input : null, base: 0 };
    const dependsHidden = (column.dependsOn ?? []).some(
      (key) => primary.has(id(row, key)) || complementary.has(id(row, key)),
    );
    if (dependsHidden || (measure.base > 0 && measure.base < threshold)) {
      return { value: null, display: texts.hidden, suppressed: true };
    }
    if (measure.value === null || measure.base === 0) {
      return { value: null, display: texts.none, suppressed: false };
    }
    const rounded = round1(measure.value);
    return {
      value: rounded,
      display:
        column.format === 'percent'
          ? formatPercent(rounded, texts.locale)
          : formatNumber(rounded, texts.locale, 1),
      suppressed: false,
    };
  };

  const allColumns: ColumnSpec[] = [
    ...spec.columns,
    ...(totalColumn ? [{ key: totalColumn.key, label: totalColumn.label, type: 'count' as const }] : []),
  ];
  const rowOf = (index: number, key: string, label: string): ReportRow => {
    const cells: Record<string, Cell> = {};
    const input = inputs.get(index) ?? {};
    for (const column of allColumns) cells[column.key] = display(index, column, input[column.key]);
    return { key, label, cells };
  };

  const rows = spec.rows.map((r, i) => rowOf(i, r.key, r.label));
  const total = spec.total ? rowOf(TOTAL, 'total', spec.total.label) : null;
  const anyHidden = [...rows, ...(total ? [total] : [])].some((r) =>
    Object.values(r.cells).some((c) => c.suppressed && c.display === texts.hidden),
  );
  const note = [spec.note ?? null, anyHidden ? texts.hiddenNote : null].filter(Boolean).join(' ');
  return {
    key: spec.key,
    title: spec.title,
    chart: spec.chart,
    columns: [
      { key: 'label', label: spec.rowLabel, kind: 'label' },
      ...spec.columns.map((c) => ({ key: c.key, label: c.label, kind: columnKind(c) })),
      ...(totalColumn ? [{ key: totalColumn.key, label: totalColumn.label, kind: 'total' as const }] : []),
    ],
    rows,
    total,
    note: note === '' ? null : note,
  };
}

// ------------------------------------------------------------------------------------------ periods and bands

export interface Period {
  from: string;
  to: string;
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Without a period: the annual report and the steering view cover the calendar year so far, the team lead's
 * monthly view the current month so far.
 */
export function defaultPeriod(preset: Preset, today: string): Period {
  const [year, month] = today.split('-').map(Number) as [number, number];
  if (preset === 'team_monthly') return { from: isoDate(year, month, 1), to: today };
  return { from: isoDate(year, 1, 1), to: today };
}

export type PeriodError = { parameter: 'from' | 'to'; code: 'date-order' | 'period-too-long' };

/** The end must not be before the start; a report covers at most ten years. */
export function checkPeriod(period: Period): PeriodError | null {
  if (period.to < period.from) return { parameter: 'to', code: 'date-order' };
  const [y, m, d] = period.from.split('-').map(Number) as [number, number, number];
  if (period.to >= isoDate(y + MAX_PERIOD_YEARS, m, d)) return { parameter: 'to', code: 'period-too-long' };
  return null;
}

/** Adds days to a calendar date (UTC arithmetic on "YYYY-MM-DD"). */
export function plusDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00.000Z`).getTime() + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export const AGE_BANDS = ['under_18', '18_21', '22_27', '28_plus', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/**
 * Age bands of the JMD target group (12–27) with the older clients apart, by the age in years at the opening
 * (birth year only); the statistics count them in SQL from these bounds.
 */
export const AGE_BAND_RANGES: readonly {
  band: Exclude<AgeBand, 'unknown'>;
  min: number;
  max: number | null;
}[] = [
  { band: 'under_18', min: 0, max: 17 },
  { band: '18_21', min: 18, max: 21 },
  { band: '22_27', min: 22, max: 27 },
  { band: '28_plus', min: 28, max: null },
];

export function ageBand(age: number | null): AgeBand {
  if (age === null || !Number.isFinite(age)) return 'unknown';
  const range = AGE_BAND_RANGES.find((r) => age >= r.min && (r.max === null || age <= r.max));
  return range?.band ?? 'unknown';
}

/**
 * The ten most frequent keys (by their total over the columns) and the rest as "other"; null keys (not given)
 * stay apart. Ties are broken by key so the order is stable.
 */
export function topKeys(
  totals: ReadonlyMap<string | null, number>,
  limit = 10,
): { top: string[]; rest: string[] } {
  const keys = [...totals.entries()]
    .filter((e): e is [string, number] => e[0] !== null)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k]) => k);
  return { top: keys.slice(0, limit), rest: keys.slice(limit) };
}

/** Destinations after a case (Verbleib [002 L681–694]). */
export const DESTINATIONS = [
  'employment',
  'training',
  'school',
  'further_help',
  'unemployed',
  'unknown',
] as const;
export type Destination = (typeof DESTINATIONS)[number];
/** Verbleibsquote: the destination is known and not unemployment. */
export const RETAINED: readonly Destination[] = ['employment', 'training', 'school', 'further_help'];
/** Eingliederungsquote: into work or training. */
export const INTEGRATED: readonly Destination[] = ['employment', 'training'];
/** Closures counted as drop-outs (Abbruch) [003 L1590]. */
export const DROP_OUT_REASONS = ['ended_by_client', 'insufficient_cooperation'] as const;

export const SATISFACTION_DIMENSIONS = ['general', 'course', 'results', 'expectations', 'mandate'] as const;
export type SatisfactionDimension = (typeof SATISFACTION_DIMENSIONS)[number];
