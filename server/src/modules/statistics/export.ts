import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { SAFE_CSV_CAST } from '../../core/spreadsheet.js';
import type { Locale } from '../../core/errors.js';
import type { Cell, Report, ReportRow, ReportTable } from './domain.js';
import { TEXTS } from './texts.js';

/**
 * A report as a file: CSV (one block per table) or XLSX (one sheet per table, after a sheet with the period and
 * scope). Both render the report document the screen shows, so the numbers are the same: CSV carries the
 * display texts; XLSX carries shown numbers as numbers (formatted as on screen, so a spreadsheet can go on
 * computing) and hidden cells as their display text ("< 5", "x").
 */

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function exportFilename(report: Report, locale: Locale, format: ExportFormat): string {
  return `${TEXTS[locale].file[report.preset]}-${report.period.from}-${report.period.to}.${format}`;
}

function headerLines(report: Report, locale: Locale): string[][] {
  const t = TEXTS[locale];
  return [
    [report.title],
    [t.period, report.period.from, report.period.to],
    [t.organisations, report.scope.organisations.map((o) => o.name).join(', ')],
    [
      t.orgUnits,
      report.scope.orgUnits.length > 0 ? report.scope.orgUnits.map((u) => u.name).join(', ') : t.all,
    ],
    [t.threshold, String(report.threshold)],
    [t.generatedAt, report.generatedAt],
  ];
}

function tableRows(table: ReportTable): ReportRow[] {
  return table.total ? [...table.rows, table.total] : table.rows;
}

function cellsOf(table: ReportTable, row: ReportRow): Cell[] {
  return table.columns
    .slice(1)
    .map((c) => row.cells[c.key] ?? { value: null, display: '', suppressed: false });
}

/** Every table as a block: title, header, rows with the display texts, total, note; blank lines between. */
export function reportCsv(report: Report, locale: Locale): string {
  const lines: string[][] = [...headerLines(report, locale), []];
  for (const section of report.sections) {
    for (const table of section.tables) {
      lines.push([`${section.title}: ${table.title}`]);
      lines.push(table.columns.map((c) => c.label));
      for (const row of tableRows(table))
        lines.push([row.label, ...cellsOf(table, row).map((c) => c.display)]);
      if (table.note) lines.push([table.note]);
      lines.push([]);
    }
  }
  // UTF-8 with a byte-order mark, ";" in German and "," in English, as spreadsheet programs open them.
  return `\uFEFF${stringify(lines, { delimiter: locale === 'de' ? ';' : ',', cast: SAFE_CSV_CAST })}`;
}

/** The number format that shows a cell's value as its display text does. */
function numberFormat(cell: Cell): string {
  if (cell.display.endsWith(' %')) return '0.0 "%"';
  if (cell.display.endsWith('%')) return '0.0"%"';
  return /[.,]\d$/.test(cell.display) ? '#,##0.0' : '#,##0';
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique. */
export function sheetName(title: string, used: Set<string>): string {
  const clean = title.replace(/[[\]:*?/\\]/g, ' ').trim();
  let name = clean.slice(0, 31);
  for (let i = 2; used.has(name.toLowerCase()); i += 1)
    name = `${clean.slice(0, 31 - ` (${i})`.length)} (${i})`;
  used.add(name.toLowerCase());
  return name;
}

export async function reportXlsx(report: Report, locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lotse';
  const used = new Set<string>();
  const cover = workbook.addWorksheet(sheetName(report.title, used));
  cover.addRows(headerLines(report, locale));
  cover.getColumn(1).font = { bold: true };
  cover.getColumn(1).width = 28;
  cover.getColumn(2).width = 40;
  for (const section of report.sections) {
    for (const table of section.tables) {
      const sheet = workbook.addWorksheet(sheetName(table.title, used), {
        views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }],
      });
      sheet.addRow([`${section.title}: ${table.title}`]).font = { bold: true };
      sheet.addRow(table.columns.map((c) => c.label)).font = { bold: true };
      for (const row of tableRows(table)) {
        const cells = cellsOf(table, row);
        const added = sheet.addRow([
          row.label,
          ...cells.map((c) => (c.value !== null ? c.value : c.display)),
        ]);
        cells.forEach((c, i) => {
          if (c.value !== null) added.getCell(i + 2).numFmt = numberFormat(c);
          else added.getCell(i + 2).alignment = { horizontal: 'right' };
        });
        if (row === table.total) added.font = { bold: true };
      }
      if (table.note) sheet.addRow([table.note]);
      sheet.getColumn(1).width = 40;
      for (let i = 2; i <= table.columns.length; i += 1) sheet.getColumn(i).width = 16;
    }
  }
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}
