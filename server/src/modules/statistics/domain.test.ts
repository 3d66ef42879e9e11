import { describe, expect, it } from 'vitest';
import {
  ageBand,
  average,
  buildTable,
  checkPeriod,
  defaultPeriod,
  formatNumber,
  formatPercent,
  plusDays,
  share,
  suppressCounts,
  topKeys,
  type AgeBand,
  type CellInput,
  type ColumnSpec,
  type ReportTable,
  type TableSpec,
  type Texts,
} from './domain.js';

const de: Texts = { locale: 'de', hidden: 'x', hiddenNote: 'x: ausgeblendet.', none: '–' };
const en: Texts = { ...de, locale: 'en' };

/** The display texts of a table as a grid: one line per row (total last), label first. */
function grid(table: ReportTable): string[][] {
  const keys = table.columns.slice(1).map((c) => c.key);
  return [...table.rows, ...(table.total ? [table.total] : [])].map((r) => [
    r.label,
    ...keys.map((k) => r.cells[k]?.display ?? '?'),
  ]);
}

const counts = (...keys: string[]): ColumnSpec[] => keys.map((key) => ({ key, label: key, type: 'count' }));

/** A table of counts: rows A, B, C … with the given numbers per column c1, c2 … */
function countTable(
  matrix: number[][],
  options: { totalRow?: boolean; totalColumn?: boolean } = {},
): TableSpec {
  const width = matrix[0]?.length ?? 0;
  const keys = Array.from({ length: width }, (_v, i) => `c${i + 1}`);
  return {
    key: 't',
    title: 'T',
    chart: null,
    rowLabel: 'Zeile',
    columns: counts(...keys),
    rows: matrix.map((values, i) => ({
      key: String.fromCharCode(65 + i),
      label: String.fromCharCode(65 + i),
      cells: Object.fromEntries(values.map((v, j) => [keys[j], v])) as Record<string, CellInput>,
    })),
    ...(options.totalColumn ? { totalColumn: { key: 'sum', label: 'Σ', of: keys } } : {}),
    ...(options.totalRow === false ? {} : { total: { label: 'Σ' } }),
  };
}

describe('suppression of counts (threshold 5)', () => {
  it.each<[string, number[][], { totalRow?: boolean; totalColumn?: boolean }, string[][]]>([
    [
      'a small count in a column with its total: the next smallest is hidden too',
      [[10], [3], [7]],
      {},
      [
        ['A', '10'],
        ['B', '< 5'],
        ['C', 'x'],
        ['Σ', '20'],
      ],
    ],
    [
      'without a total nothing can be subtracted: only the small count is hidden',
      [[10], [3], [7]],
      { totalRow: false },
      [
        ['A', '10'],
        ['B', '< 5'],
        ['C', '7'],
      ],
    ],
    [
      'zero is shown as 0 and protects nothing',
      [[0], [12], [8]],
      {},
      [
        ['A', '0'],
        ['B', '12'],
        ['C', '8'],
        ['Σ', '20'],
      ],
    ],
    [
      'two small counts in a line protect each other',
      [[3], [2], [10]],
      {},
      [
        ['A', '< 5'],
        ['B', '< 5'],
        ['C', '10'],
        ['Σ', '15'],
      ],
    ],
    [
      'a small total is hidden like any count',
      [[2], [1]],
      {},
      [
        ['A', '< 5'],
        ['B', '< 5'],
        ['Σ', '< 5'],
      ],
    ],
    [
      'exactly the threshold is shown',
      [[5], [9]],
      {},
      [
        ['A', '5'],
        ['B', '9'],
        ['Σ', '14'],
      ],
    ],
    [
      'the next smallest positive cell is chosen, zeros are skipped',
      [[0], [4], [30], [6]],
      {},
      [
        ['A', '0'],
        ['B', '< 5'],
        ['C', '30'],
        ['D', 'x'],
        ['Σ', '40'],
      ],
    ],
    [
      'row and column totals: hiding spreads until every line has two hidden cells',
      [
        [10, 3, 8],
        [12, 9, 6],
      ],
      { totalColumn: true },
      [
        ['A', '10', '< 5', 'x', '21'],
        ['B', '12', 'x', 'x', '27'],
        ['Σ', '22', '12', '14', '48'],
      ],
    ],
    [
      'a small column total is protected along the total row as well',
      [
        [10, 2, 8],
        [12, 1, 9],
      ],
      { totalColumn: true },
      [
        ['A', '10', '< 5', 'x', '20'],
        ['B', '12', '< 5', 'x', '22'],
        ['Σ', '22', '< 5', 'x', '42'],
      ],
    ],
    [
      'a row total alone (no total row): hidden within the row',
      [[7, 3]],
      { totalColumn: true, totalRow: false },
      [['A', 'x', '< 5', '10']],
    ],
    [
      'a row of only a small count: the row total is small and hidden too',
      [
        [3, 0, 0],
        [20, 11, 9],
      ],
      { totalColumn: true, totalRow: false },
      [
        ['A', '< 5', '0', '0', '< 5'],
        ['B', '20', '11', '9', '40'],
      ],
    ],
  ])('%s', (_name, matrix, options, expected) => {
    expect(grid(buildTable(countTable(matrix, options), 5, de))).toEqual(expected);
  });

  it('shows "< 3" with the threshold 3, and 3 itself (hidden here only to protect the 2)', () => {
    expect(grid(buildTable(countTable([[2], [3], [8]]), 3, de))).toEqual([
      ['A', '< 3'],
      ['B', 'x'],
      ['C', '8'],
      ['Σ', '13'],
    ]);
    expect(grid(buildTable(countTable([[3], [8]], { totalRow: false }), 3, de))).toEqual([
      ['A', '3'],
      ['B', '8'],
    ]);
  });

  it('columns say what they hold, so charts draw the counts only', () => {
    const table = buildTable(
      {
        ...countTable([[10, 3]], { totalColumn: true }),
        columns: [
          { key: 'c1', label: 'c1', type: 'count' },
          { key: 'c2', label: 'c2', type: 'count' },
          { key: 'share', label: 'Anteil', type: 'measure', format: 'percent', dependsOn: ['c1'] },
          { key: 'avg', label: 'Ø', type: 'measure', format: 'decimal' },
          { key: 'posts', label: 'Stellen', type: 'plain', format: 'decimal' },
        ],
      },
      5,
      de,
    );
    expect(table.columns.map((c) => [c.key, c.kind])).toEqual([
      ['label', 'label'],
      ['c1', 'count'],
      ['c2', 'count'],
      ['share', 'percent'],
      ['avg', 'decimal'],
      ['posts', 'plain'],
      ['sum', 'total'],
    ]);
  });

  it('hidden cells carry no value; shown cells carry the number the text shows', () => {
    const table = buildTable(countTable([[10], [3], [7]]), 5, de);
    expect(table.rows.map((r) => r.cells.c1)).toEqual([
      { value: 10, display: '10', suppressed: false },
      { value: null, display: '< 5', suppressed: true },
      { value: null, display: 'x', suppressed: true },
    ]);
    expect(table.total?.cells.c1).toEqual({ value: 20, display: '20', suppressed: false });
    expect(table.note).toBe('x: ausgeblendet.');
  });

  it('notes nothing when nothing is hidden to protect another number', () => {
    expect(buildTable(countTable([[2], [0]], { totalRow: false }), 5, de).note).toBeNull();
    expect(buildTable({ ...countTable([[10]]), note: 'Hinweis.' }, 5, de).note).toBe('Hinweis.');
  });

  it('falls back to the line total when no other positive cell is left', () => {
    // y is hidden to protect x; in the second line y is then alone with a zero and the total.
    const values = new Map([
      ['x', 3],
      ['y', 6],
      ['t1', 9],
      ['z', 0],
      ['t2', 6],
    ]);
    const { primary, complementary } = suppressCounts(
      values,
      [
        ['x', 'y', 't1'],
        ['y', 'z', 't2'],
      ],
      5,
    );
    expect([...primary]).toEqual(['x']);
    expect([...complementary].sort()).toEqual(['t2', 'y']);
  });

  it('a distinct count (not a sum) with its total is protected like a sum: subtraction narrows it down', () => {
    const table = buildTable(
      {
        key: 'gaps',
        title: 'Gaps',
        chart: null,
        rowLabel: 'Feld',
        columns: [
          { key: 'reports', label: 'Meldungen', type: 'count' },
          { key: 'cases', label: 'Fälle', type: 'count', additive: false },
        ],
        rows: [
          { key: 'a', label: 'A', cells: { reports: 12, cases: 3 } },
          { key: 'b', label: 'B', cells: { reports: 9, cases: 7 } },
        ],
        total: { label: 'Σ', cells: { cases: 9 } },
      },
      5,
      de,
    );
    expect(grid(table)).toEqual([
      ['A', '12', '< 5'],
      ['B', '9', 'x'],
      ['Σ', '21', '9'],
    ]);
    // Without a total it stands alone.
    const alone = buildTable(
      {
        key: 'answers',
        title: 'Answers',
        chart: null,
        rowLabel: 'Bereich',
        columns: [{ key: 'answers', label: 'Antworten', type: 'count', additive: false }],
        rows: [
          { key: 'a', label: 'A', cells: { answers: 3 } },
          { key: 'b', label: 'B', cells: { answers: 7 } },
        ],
      },
      5,
      de,
    );
    expect(grid(alone)).toEqual([
      ['A', '< 5'],
      ['B', '7'],
    ]);
  });

  // A property every table must have: primary cells hidden, and no line with exactly one hidden cell.
  it('random tables: no line ever has exactly one hidden cell', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let n = 0; n < 300; n += 1) {
      const rows = 1 + Math.floor(random() * 6);
      const cols = 1 + Math.floor(random() * 5);
      const matrix = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () =>
          random() < 0.3 ? 0 : Math.floor(random() * (random() < 0.5 ? 6 : 40)),
        ),
      );
      const threshold = 3 + Math.floor(random() * 4);
      const table = buildTable(countTable(matrix, { totalColumn: cols > 1 }), threshold, de);
      const keys = table.columns.slice(1).map((c) => c.key);
      const all = [...table.rows, ...(table.total ? [table.total] : [])];
      const hidden = (r: number, k: string) => all[r]?.cells[k]?.suppressed === true;
      matrix.forEach((values, r) =>
        values.forEach((v, c) => {
          if (v > 0 && v < threshold)
            expect(table.rows[r]?.cells[`c${c + 1}`]?.display).toBe(`< ${threshold}`);
        }),
      );
      for (let r = 0; r < all.length; r += 1) {
        if (cols > 1) expect(keys.filter((k) => hidden(r, k)).length).not.toBe(1);
      }
      for (const k of keys) expect(all.filter((_row, r) => hidden(r, k)).length).not.toBe(1);
    }
  });
});

describe('measures', () => {
  const spec = (rows: { key: string; cases: number; part: number }[], base: number): TableSpec => ({
    key: 'm',
    title: 'M',
    chart: null,
    rowLabel: 'Gruppe',
    columns: [
      { key: 'cases', label: 'Fälle', type: 'count' },
      { key: 'share', label: 'Anteil', type: 'measure', format: 'percent', dependsOn: ['cases'] },
      { key: 'avg', label: 'Ø', type: 'measure', format: 'decimal' },
      { key: 'posts', label: 'Stellen', type: 'plain', format: 'decimal' },
    ],
    rows: rows.map((r) => ({
      key: r.key,
      label: r.key,
      cells: { cases: r.cases, share: share(r.cases, base), avg: average(r.part, r.cases), posts: 1.25 },
    })),
    total: { label: 'Σ', cells: { share: share(base, base), avg: average(2, base), posts: 2.5 } },
  });

  it.each<[string, { key: string; cases: number; part: number }[], string[][]]>([
    [
      'shares and averages of enough cases are shown, rounded to one decimal',
      [
        { key: 'a', cases: 14, part: 3.14159 },
        { key: 'b', cases: 7, part: 2 },
      ],
      [
        ['a', '14', '66,7 %', '3,1', '1,3'],
        ['b', '7', '33,3 %', '2,0', '1,3'],
        ['Σ', '21', '100,0 %', '2,0', '2,5'],
      ],
    ],
    [
      'a share next to a hidden count is hidden; an average of fewer cases than the threshold too',
      [
        { key: 'a', cases: 20, part: 4 },
        { key: 'b', cases: 3, part: 2 },
        { key: 'c', cases: 8, part: 5 },
      ],
      [
        ['a', '20', '64,5 %', '4,0', '1,3'],
        ['b', '< 5', 'x', 'x', '1,3'],
        ['c', 'x', 'x', '5,0', '1,3'],
        ['Σ', '31', '100,0 %', '2,0', '2,5'],
      ],
    ],
    [
      'no cases: nothing to compute is a dash, not hidden',
      [{ key: 'a', cases: 0, part: 0 }],
      [
        ['a', '0', '–', '–', '1,3'],
        ['Σ', '0', '–', '–', '2,5'],
      ],
    ],
  ])('%s', (_name, rows, expected) => {
    const base = rows.reduce((s, r) => s + r.cases, 0);
    expect(grid(buildTable(spec(rows, base), 5, de))).toEqual(expected);
  });

  it('a measure depending on two counts is hidden when either is', () => {
    const table = buildTable(
      {
        key: 'q',
        title: 'Q',
        chart: null,
        rowLabel: 'Quote',
        columns: [
          { key: 'numerator', label: 'Fälle', type: 'count', additive: false },
          { key: 'base', label: 'Basis', type: 'count', additive: false },
          {
            key: 'rate',
            label: 'Quote',
            type: 'measure',
            format: 'percent',
            dependsOn: ['numerator', 'base'],
          },
        ],
        rows: [
          { key: 'r', label: 'Verbleib', cells: { numerator: 6, base: 9, rate: share(6, 9) } },
          { key: 'i', label: 'Eingliederung', cells: { numerator: 4, base: 9, rate: share(4, 9) } },
        ],
      },
      5,
      de,
    );
    expect(grid(table)).toEqual([
      ['Verbleib', '6', '9', '66,7 %'],
      ['Eingliederung', '< 5', '9', 'x'],
    ]);
    expect(table.total).toBeNull();
  });
});

describe('numbers in the request’s language', () => {
  it.each<[number, number, string, string]>([
    [1234, 0, '1.234', '1,234'],
    [12.5, 1, '12,5', '12.5'],
    [0, 0, '0', '0'],
  ])('%d with %d decimals', (value, digits, german, english) => {
    expect(formatNumber(value, 'de', digits)).toBe(german);
    expect(formatNumber(value, 'en', digits)).toBe(english);
  });

  it('percentages: a space before % in German (DIN 5008), none in English', () => {
    expect(formatPercent(42.9, 'de')).toBe('42,9 %');
    expect(formatPercent(42.9, 'en')).toBe('42.9%');
  });

  it('an English table uses English separators', () => {
    const table = buildTable(countTable([[1200], [3400]]), 5, en);
    expect(grid(table)).toEqual([
      ['A', '1,200'],
      ['B', '3,400'],
      ['Σ', '4,600'],
    ]);
  });
});

describe('periods', () => {
  it.each<[string, string, string, ReturnType<typeof checkPeriod>]>([
    ['a year', '2025-01-01', '2025-12-31', null],
    ['one day', '2025-03-01', '2025-03-01', null],
    ['end before start', '2025-03-02', '2025-03-01', { parameter: 'to', code: 'date-order' }],
    ['just under ten years', '2016-01-01', '2025-12-31', null],
    ['ten years', '2016-01-01', '2026-01-01', { parameter: 'to', code: 'period-too-long' }],
    ['longer', '2000-01-01', '2025-12-31', { parameter: 'to', code: 'period-too-long' }],
  ])('%s', (_name, from, to, expected) => {
    expect(checkPeriod({ from, to })).toEqual(expected);
  });

  it.each<[Parameters<typeof defaultPeriod>[0], string, { from: string; to: string }]>([
    ['annual', '2026-05-17', { from: '2026-01-01', to: '2026-05-17' }],
    ['steering', '2026-05-17', { from: '2026-01-01', to: '2026-05-17' }],
    ['team_monthly', '2026-05-17', { from: '2026-05-01', to: '2026-05-17' }],
  ])('without a period, %s on %s covers %j', (preset, today, expected) => {
    expect(defaultPeriod(preset, today)).toEqual(expected);
  });

  it.each([
    ['2026-01-31', 30, '2026-03-02'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-01-01', -1, '2025-12-31'],
  ] as const)('%s plus %d days is %s', (date, days, expected) => {
    expect(plusDays(date, days)).toBe(expected);
  });
});

describe('age bands of the JMD target group', () => {
  it.each<[number | null, AgeBand]>([
    [null, 'unknown'],
    [-1, 'unknown'],
    [12, 'under_18'],
    [17, 'under_18'],
    [18, '18_21'],
    [21, '18_21'],
    [22, '22_27'],
    [27, '22_27'],
    [28, '28_plus'],
    [64, '28_plus'],
  ])('%s years → %s', (age, band) => {
    expect(ageBand(age)).toBe(band);
  });
});

describe('top countries', () => {
  it('keeps the most frequent, breaks ties by code, leaves "not given" apart', () => {
    const totals = new Map<string | null, number>([
      ['SY', 30],
      ['AF', 12],
      ['UA', 12],
      ['TR', 2],
      [null, 40],
    ]);
    expect(topKeys(totals, 3)).toEqual({ top: ['SY', 'AF', 'UA'], rest: ['TR'] });
    expect(topKeys(new Map(), 10)).toEqual({ top: [], rest: [] });
  });
});
