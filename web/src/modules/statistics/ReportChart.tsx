import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { chartData, type ReportTable } from './model';

/*
 * A report table as a chart, for the eye only: the table beside it is the accessible alternative and holds
 * every value. Suppressed counts are not drawn (null is no bar and a gap in a line), so the picture never
 * shows what the table hides. Loaded on demand, so recharts stays out of the main bundle.
 */

interface SeriesStyle {
  color: string;
  dash: string;
  pattern: 'solid' | 'diagonal' | 'dots' | 'cross' | 'horizontal' | 'vertical';
}

// Colours with at least 4.5:1 against white; line style and bar pattern differ as well, so the series stay
// apart in greyscale print and for readers who do not tell these colours apart.
const STYLES: readonly SeriesStyle[] = [
  { color: '#1d4f91', dash: '', pattern: 'solid' },
  { color: '#a23b12', dash: '8 4', pattern: 'diagonal' },
  { color: '#1b6b35', dash: '2 3', pattern: 'dots' },
  { color: '#6a2c8e', dash: '12 4 2 4', pattern: 'cross' },
  { color: '#4a4a4a', dash: '4 4', pattern: 'horizontal' },
  { color: '#8a1c4a', dash: '1 4', pattern: 'vertical' },
];

const styleOf = (index: number): SeriesStyle =>
  STYLES[index % STYLES.length] ?? { color: '#000000', dash: '', pattern: 'solid' };

const WIDTH = 720;
const HEIGHT = 300;

export function ReportChart({ table, series }: { table: ReportTable; series: ReportTable['columns'] }) {
  const { t } = useTranslation();
  const patternBase = `stat${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const data = chartData(table, series);
  // As wide as the page allows, also on paper (the print stylesheet keeps it within the sheet).
  const size = { responsive: true, style: { width: '100%', maxWidth: WIDTH, height: HEIGHT } };
  // Printing right after the page has loaded must not catch a chart halfway through its animation.
  const animate = false;
  const axis = { tick: { fontSize: 12, fill: '#1a1a1a' } };

  return (
    <figure className="stat-chart">
      <div
        className="stat-chart__figure"
        role="img"
        aria-label={t('statistics.report.chartLabel', { title: table.title })}
      >
        {table.chart === 'line' ? (
          <LineChart {...size} data={data} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" {...axis} />
            <YAxis allowDecimals={false} {...axis} />
            {series.map((column, i) => {
              const style = styleOf(i);
              return (
                <Line
                  key={column.key}
                  dataKey={column.key}
                  name={column.label}
                  stroke={style.color}
                  strokeWidth={2}
                  strokeDasharray={style.dash || undefined}
                  connectNulls={false}
                  isAnimationActive={animate}
                />
              );
            })}
            <Tooltip />
            {/* In the order of the table's columns, not sorted by name. */}
            <Legend itemSorter={null} />
          </LineChart>
        ) : (
          <BarChart {...size} data={data} accessibilityLayer={false}>
            <defs>
              {series.map((column, i) => (
                <Pattern key={column.key} id={`${patternBase}-${i}`} style={styleOf(i)} />
              ))}
            </defs>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" {...axis} />
            <YAxis allowDecimals={false} {...axis} />
            {series.map((column, i) => {
              const style = styleOf(i);
              return (
                <Bar
                  key={column.key}
                  dataKey={column.key}
                  name={column.label}
                  fill={`url(#${patternBase}-${i})`}
                  stroke={style.color}
                  strokeWidth={1.5}
                  {...(table.chart === 'stacked' ? { stackId: 'stack' } : {})}
                  isAnimationActive={animate}
                />
              );
            })}
            <Tooltip />
            {/* In the order of the table's columns, not sorted by name. */}
            <Legend itemSorter={null} />
          </BarChart>
        )}
      </div>
      {table.rows.some((row) => Object.values(row.cells).some((cell) => cell.suppressed)) ? (
        <figcaption className="field__hint">{t('statistics.report.chartNote')}</figcaption>
      ) : null}
    </figure>
  );
}

/** A bar fill that differs in form, not only in colour. */
function Pattern({ id, style }: { id: string; style: SeriesStyle }) {
  const stroke = { stroke: style.color, strokeWidth: 2 };
  return (
    <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse">
      <rect width="8" height="8" fill={style.color} fillOpacity={style.pattern === 'solid' ? 0.85 : 0.12} />
      {style.pattern === 'diagonal' ? <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" {...stroke} /> : null}
      {style.pattern === 'dots' ? <circle cx="4" cy="4" r="1.8" fill={style.color} /> : null}
      {style.pattern === 'cross' ? <path d="M0,0 L8,8 M8,0 L0,8" {...stroke} strokeWidth={1.2} /> : null}
      {style.pattern === 'horizontal' ? <path d="M0,4 H8" {...stroke} /> : null}
      {style.pattern === 'vertical' ? <path d="M4,0 V8" {...stroke} /> : null}
    </pattern>
  );
}
