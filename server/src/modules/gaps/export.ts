import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { SAFE_CSV_CAST } from '../../core/spreadsheet.js';
import type { Locale } from '../../core/errors.js';
import type { GapStatus, GroupBy } from './domain.js';
import type { FieldOfAction } from './fields.js';
import type { GapPlanning } from './service.js';

/**
 * The planning view as a file (CSV or XLSX) for the steering group's papers: the same bundles and numbers as
 * on screen, headers in the request's language, no personal data (keys, counts and organisations only).
 */

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const FIELD_LABELS: Record<Locale, Record<FieldOfAction, string>> = {
  de: {
    education: 'Bildung',
    training_work: 'Ausbildung und Arbeit',
    language: 'Sprache',
    housing: 'Wohnen',
    health: 'Gesundheit',
    livelihood: 'Existenzsicherung',
    participation: 'Teilhabe',
    everyday_life: 'Alltagsbewältigung',
    residence: 'Aufenthalt',
    other: 'Sonstiges',
  },
  en: {
    education: 'Education',
    training_work: 'Training and work',
    language: 'Language',
    housing: 'Housing',
    health: 'Health',
    livelihood: 'Livelihood',
    participation: 'Participation',
    everyday_life: 'Everyday life',
    residence: 'Residence',
    other: 'Other',
  },
};

const TEXTS = {
  de: {
    groupBy: { need: 'Bedarf', field: 'Handlungsfeld', targetGroup: 'Zielgruppe', district: 'Sozialraum' },
    status: {
      reported: 'gemeldet',
      under_review: 'in Prüfung',
      in_planning: 'in Planung',
      closed: 'abgeschlossen',
    },
    reports: 'Meldungen',
    cases: 'Fälle',
    organisations: 'Organisationen',
    notGiven: '(keine Angabe)',
    sheet: 'Fehlende Hilfebausteine',
    filterSheet: 'Filter',
    period: 'Zeitraum',
    grouping: 'Gruppiert nach',
    statusFilter: 'Status',
    all: 'alle',
    organisation: 'Organisation',
    total: 'Summe',
    file: 'fehlende-hilfebausteine',
  },
  en: {
    groupBy: { need: 'Need', field: 'Field of action', targetGroup: 'Target group', district: 'District' },
    status: {
      reported: 'reported',
      under_review: 'under review',
      in_planning: 'in planning',
      closed: 'closed',
    },
    reports: 'Reports',
    cases: 'Cases',
    organisations: 'Organisations',
    notGiven: '(not given)',
    sheet: 'Gap reports',
    filterSheet: 'Filter',
    period: 'Period',
    grouping: 'Grouped by',
    statusFilter: 'Status',
    all: 'all',
    organisation: 'Organisation',
    total: 'Total',
    file: 'gap-reports',
  },
} satisfies Record<
  Locale,
  { groupBy: Record<GroupBy, string>; status: Record<GapStatus, string> } & Record<string, unknown>
>;

const STATUS_ORDER: GapStatus[] = ['reported', 'under_review', 'in_planning', 'closed'];

/** The bundle's name as the screen shows it: a field's label, a text key's spelling, or "not given". */
export function bundleName(planning: GapPlanning, bundle: GapPlanning['items'][number], locale: Locale) {
  if (bundle.key === null) return TEXTS[locale].notGiven;
  if (planning.groupBy === 'field') return FIELD_LABELS[locale][bundle.key as FieldOfAction] ?? bundle.key;
  return bundle.label ?? bundle.key;
}

/** Header and rows of the table, one row per bundle; numbers stay numbers. */
export function exportTable(planning: GapPlanning, locale: Locale): (string | number)[][] {
  const t = TEXTS[locale];
  const several = planning.organisations.length > 1;
  const header = [
    t.groupBy[planning.groupBy],
    t.reports,
    t.cases,
    ...STATUS_ORDER.map((s) => t.status[s]),
    ...planning.months,
    ...(several ? [t.organisations] : []),
  ];
  const rows = planning.items.map((b) => [
    bundleName(planning, b, locale),
    b.reports,
    b.cases,
    ...STATUS_ORDER.map((s) => b.byStatus[s]),
    ...b.trend.map((m) => m.reports),
    ...(several ? [b.byOrganisation.map((o) => `${o.name} (${o.reports})`).join('; ')] : []),
  ]);
  return [header, ...rows];
}

export function exportFilename(planning: GapPlanning, locale: Locale, format: ExportFormat): string {
  return `${TEXTS[locale].file}-${planning.from}-${planning.to}.${format}`;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** CSV as spreadsheet programs open it: UTF-8 with a byte-order mark, ";" in German, "," in English. */
export function planningCsv(planning: GapPlanning, locale: Locale): string {
  return `\uFEFF${stringify(exportTable(planning, locale), {
    delimiter: locale === 'de' ? ';' : ',',
    cast: SAFE_CSV_CAST,
  })}`;
}

export async function planningXlsx(
  planning: GapPlanning,
  locale: Locale,
  organisationName: string | null,
): Promise<Buffer> {
  const t = TEXTS[locale];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lotse';
  const sheet = workbook.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  const table = exportTable(planning, locale);
  for (const row of table) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 40 : 12;
  });
  const filter = workbook.addWorksheet(t.filterSheet);
  filter.addRows([
    [t.period, planning.from, planning.to],
    [t.grouping, t.groupBy[planning.groupBy]],
    [t.statusFilter, planning.status ? t.status[planning.status] : t.all],
    [t.organisation, organisationName ?? t.all],
    [t.reports, planning.totals.reports],
    [t.cases, planning.totals.cases],
  ]);
  filter.getColumn(1).font = { bold: true };
  filter.getColumn(1).width = 20;
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}
