/**
 * Property-based tests (fast-check) of the planning view's exports: whatever a need, target group, district or
 * organisation is called, no CSV cell starts a formula, the text survives (behind an apostrophe at most), and
 * in XLSX it is a text cell, never a formula. Settings: test/property.ts.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_OPTIONS } from '../../test/property.js';
import { planningCsv, planningXlsx } from './export.js';
import type { GapPlanning } from './service.js';

const label = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.constantFrom(
    '=HYPERLINK("http://x","y")',
    "+1+cmd|' /C calc'!A0",
    '-2+3',
    '@SUM(A1)',
    '\t=1',
    '=1;2',
    '"=1"',
  ),
);

const xmlLabel = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom(
    '=HYPERLINK("http://x","y")',
    "+1+cmd|' /C calc'!A0",
    '-2+3',
    '@SUM(A1)',
    '=1;2',
    '😀 مرحبا',
  ),
);

function planning(labels: string[], organisation: string): GapPlanning {
  return {
    items: labels.map((l, i) => ({
      key: l.toLowerCase(),
      label: l,
      reports: i + 1,
      cases: i,
      byStatus: { reported: i + 1, under_review: 0, in_planning: 0, closed: 0 },
      trend: [{ month: '2026-01', reports: i + 1 }],
      byOrganisation: [
        { id: 'a', name: organisation, reports: i + 1 },
        { id: 'b', name: 'Zweiter Träger', reports: 0 },
      ],
    })),
    total: labels.length,
    page: 1,
    pageSize: 25,
    from: '2026-01-01',
    to: '2026-01-31',
    groupBy: 'need',
    status: null,
    months: ['2026-01'],
    organisations: [
      { id: 'a', name: organisation },
      { id: 'b', name: 'Zweiter Träger' },
    ],
    totals: { reports: labels.length, cases: 0 },
  };
}

/** RFC 4180 as csv-stringify writes it: quoted cells with doubled quotes, CRLF or LF between records. */
function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r' || text[i + 1] !== '\n') cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('planning exports', () => {
  it('CSV: no cell starts a formula, and each label is there as written (behind an apostrophe at most)', () => {
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 4 }),
        label,
        fc.constantFrom('de' as const, 'en' as const),
        (labels, org, locale) => {
          const csv = planningCsv(planning(labels, org), locale);
          const rows = parseCsv(csv.replace(/^\uFEFF/, ''), locale === 'de' ? ';' : ',');
          for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?![\d.,\s]*%?$)/);
          labels.forEach((l, i) => expect([l, `'${l}`]).toContain(rows[i + 1]?.[0]));
        },
      ),
      { ...PROPERTY_OPTIONS, numRuns: Math.ceil(PROPERTY_OPTIONS.numRuns / 2) },
    );
  });

  it('XLSX: labels are text cells, never formulas', async () => {
    await fc.assert(
      // XML cannot hold most control characters (ExcelJS drops them); the point here is formulas.
      fc.asyncProperty(fc.array(xmlLabel, { minLength: 1, maxLength: 3 }), async (labels) => {
        const bytes = await planningXlsx(planning(labels, 'Träger'), 'de', null);
        const workbook = new ExcelJS.Workbook();
        // ExcelJS's types name an older Buffer type than Node's.
        await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
        const sheet = workbook.worksheets[0];
        labels.forEach((l, i) => {
          const cell = sheet?.getRow(i + 2).getCell(1);
          expect(cell?.type).toBe(ExcelJS.ValueType.String);
          expect(cell?.value).toBe(l);
        });
      }),
      { ...PROPERTY_OPTIONS, numRuns: 20 },
    );
  });
});
