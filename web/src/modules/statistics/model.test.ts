import { describe, expect, it } from 'vitest';
import {
  chartData,
  defaultPeriod,
  exportHref,
  filtersFrom,
  quickPeriods,
  reportQuery,
  scopeOptions,
  chartSeries,
  tableColumns,
  type ReportTable,
} from './model';

describe('the period a report starts with', () => {
  it.each([
    ['annual', '2026-03-15', { from: '2026-01-01', to: '2026-03-15' }],
    ['annual', '2026-01-01', { from: '2026-01-01', to: '2026-01-01' }],
    ['steering', '2026-12-31', { from: '2026-01-01', to: '2026-12-31' }],
    ['team_monthly', '2026-03-15', { from: '2026-03-01', to: '2026-03-15' }],
    ['team_monthly', '2026-03-01', { from: '2026-03-01', to: '2026-03-01' }],
  ] as const)('%s on %s', (preset, today, period) => {
    expect(defaultPeriod(preset, today)).toEqual(period);
  });

  it.each([
    [
      'annual',
      '2026-03-15',
      [
        ['lastYear', '2025-01-01', '2025-12-31'],
        ['yearToDate', '2026-01-01', '2026-03-15'],
      ],
    ],
    [
      'team_monthly',
      '2026-03-15',
      [
        ['thisMonth', '2026-03-01', '2026-03-15'],
        ['lastMonth', '2026-02-01', '2026-02-28'],
      ],
    ],
    [
      'team_monthly',
      '2026-01-10',
      [
        ['thisMonth', '2026-01-01', '2026-01-10'],
        ['lastMonth', '2025-12-01', '2025-12-31'],
      ],
    ],
    [
      'team_monthly',
      '2024-03-31',
      [
        ['thisMonth', '2024-03-01', '2024-03-31'],
        ['lastMonth', '2024-02-01', '2024-02-29'],
      ],
    ],
  ] as const)('quick choices of %s on %s', (preset, today, expected) => {
    expect(quickPeriods(preset, today).map((q) => [q.key, q.period.from, q.period.to])).toEqual(expected);
  });
});

describe('the query in the address, the request and the downloads', () => {
  it.each([
    ['', 'annual', { from: '2026-01-01', to: '2026-03-15', orgUnitIds: [], organisationIds: [] }],
    [
      'from=2024-02-01&to=2024-02-29&orgUnitIds=b,a,,a',
      'team_monthly',
      { from: '2024-02-01', to: '2024-02-29', orgUnitIds: ['a', 'b'], organisationIds: [] },
    ],
    // Each preset reads only its kind of scope.
    [
      'orgUnitIds=a&organisationIds=o2,o1',
      'steering',
      { from: '2026-01-01', to: '2026-03-15', orgUnitIds: [], organisationIds: ['o1', 'o2'] },
    ],
    [
      'orgUnitIds=a&organisationIds=o1',
      'annual',
      { from: '2026-01-01', to: '2026-03-15', orgUnitIds: ['a'], organisationIds: [] },
    ],
    // A wrong date is passed on as written: the server refuses it at the field.
    ['from=2025-13-01&to=', 'annual', { from: '2025-13-01', to: '', orgUnitIds: [], organisationIds: [] }],
  ] as const)('"%s" for %s', (search, preset, filters) => {
    expect(filtersFrom(new URLSearchParams(search), preset, '2026-03-15')).toEqual(filters);
  });

  it('sends lists comma-separated and leaves empty ones out; downloads carry the same query', () => {
    const filters = { from: '2025-01-01', to: '2025-12-31', orgUnitIds: ['a', 'b'], organisationIds: [] };
    expect(reportQuery(filters)).toEqual({ from: '2025-01-01', to: '2025-12-31', orgUnitIds: 'a,b' });
    expect(exportHref('annual', filters, 'xlsx')).toBe(
      '/api/statistics/reports/annual/export?format=xlsx&from=2025-01-01&to=2025-12-31&orgUnitIds=a%2Cb',
    );
  });
});

describe('scope', () => {
  const scope = [
    { id: 'u2', name: 'Team Süd' },
    { id: 'u1', name: 'Team Nord' },
  ];

  it('offers the known entries and the scope once each, by name, and keeps chosen ids it cannot name', () => {
    expect(
      scopeOptions(
        [
          { id: 'u3', name: 'Beratung' },
          { id: 'u1', name: 'Team Nord' },
        ],
        scope,
        ['u9'],
        'de',
      ),
    ).toEqual([
      { id: 'u3', name: 'Beratung' },
      { id: 'u1', name: 'Team Nord' },
      { id: 'u2', name: 'Team Süd' },
      { id: 'u9', name: 'u9' },
    ]);
  });
});

describe('tables and charts', () => {
  const table: ReportTable = {
    key: 'kind',
    title: 'Fälle nach Art',
    chart: 'bar',
    columns: [
      { key: 'label', label: 'Art' },
      { key: 'new', label: 'neu' },
      { key: 'closed', label: 'abgeschlossen' },
    ],
    rows: [
      {
        key: 'cm',
        label: 'Case Management',
        cells: {
          new: { value: 12, display: '12', suppressed: false },
          closed: { value: null, display: '< 5', suppressed: true },
        },
      },
      {
        key: 'counselling',
        label: 'Beratung',
        cells: { new: { value: 7, display: '7', suppressed: false } },
      },
    ],
    total: {
      key: 'total',
      label: 'Summe',
      cells: { new: { value: 19, display: '19', suppressed: false } },
    },
    note: null,
  };

  it('take the row labels’ heading from a first column without cells, else leave it to the page', () => {
    expect(tableColumns(table)).toEqual({ rowHeading: 'Art', figures: table.columns.slice(1) });
    const withoutHeading = { ...table, columns: table.columns.slice(1) };
    expect(tableColumns(withoutHeading)).toEqual({ rowHeading: null, figures: withoutHeading.columns });
  });

  it('draw every row but the total, and no suppressed or missing value', () => {
    expect(chartData(table, chartSeries(table, 'de'))).toEqual([
      { label: 'Case Management', new: 12, closed: null },
      { label: 'Beratung', new: 7, closed: null },
    ]);
  });

  const figure = (value: number | null, display: string, suppressed = false) => ({
    value,
    display,
    suppressed,
  });
  const mixed = (cells: Record<string, ReturnType<typeof figure>>[], language = 'de'): string[] =>
    chartSeries(
      {
        ...table,
        columns: [
          { key: 'label', label: 'Art' },
          ...Object.keys(cells[0] ?? {}).map((key) => ({ key, label: key })),
        ],
        rows: cells.map((c, i) => ({ key: `r${i}`, label: `r${i}`, cells: c })),
      },
      language,
    ).map((column) => column.key);

  it.each([
    [
      'counts only; hidden and empty figures do not decide',
      [{ a: figure(1234, '1.234'), b: figure(null, '< 5', true), c: figure(null, '–') }],
      'de',
      ['a', 'b', 'c'],
    ],
    ['not the total column', [{ a: figure(3, '3'), total: figure(3, '3') }], 'de', ['a']],
    ['no shares', [{ cases: figure(8, '8'), share: figure(50, '50,0 %') }], 'de', ['cases']],
    ['no averages or posts (German)', [{ n: figure(19, '19'), avg: figure(28.4, '28,4') }], 'de', ['n']],
    ['no averages (English)', [{ n: figure(1234, '1,234'), avg: figure(28.4, '28.4') }], 'en', ['n']],
    ['a column with one decimal anywhere', [{ p: figure(1, '1') }, { p: figure(0.5, '0,5') }], 'de', []],
  ])('chart %s', (_name, cells, language, keys) => {
    expect(mixed(cells, language)).toEqual(keys);
  });
});
