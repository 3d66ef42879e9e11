import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  Polygon,
  Symbols,
  Tooltip,
  XAxis,
  YAxis,
  type DotItemDotProps,
  type RadarPoint,
} from 'recharts';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFormat } from '../../ui/format';
import { useLang } from './AnswerValue';
import { formatNumber, pick } from './form';
import type { ProgressDimension, ProgressSeries } from './model';
import {
  CHART_POINTS,
  chartRows,
  chartScale,
  pointKey,
  seriesStyle,
  type ChartScale,
  type SeriesStyle,
} from './progress';

interface ProgressChartProps {
  series: ProgressSeries;
  /** On paper: a fixed size, no tooltip, no animation. */
  print?: boolean;
  /** The table's caption (the print view words it for the client). */
  caption?: string;
}

const WIDTH = 600;

/**
 * The progress picture of one instrument: a radar chart from three dimensions on, grouped bars below; each
 * assessment is a series drawn in its own colour, line style, marker and bar pattern, named with its date
 * in the legend. The table below carries the same values for readers who cannot use the chart.
 */
export function ProgressChart({ series, print = false, caption }: ProgressChartProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const lang = useLang();
  const patternBase = `pattern${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const title = pick(series.title, lang);
  const scale = chartScale(series.dimensions);
  const shown = series.points.slice(-CHART_POINTS);
  const label = (d: ProgressDimension) => pick(d.label, lang);
  const rows = chartRows(series.dimensions, shown, scale, label);
  const names = shown.map((p) => format.day(p.conductedOn));
  const radar = series.dimensions.length >= 3;
  const size = print
    ? { width: WIDTH, height: radar ? 420 : 300 }
    : {
        responsive: true,
        style: { width: '100%', maxWidth: WIDTH, height: radar ? 420 : 300 },
      };
  const axisDomain: [number, number] = scale.kind === 'raw' ? [scale.min, scale.max] : [0, 100];
  const tickCount = scale.kind === 'raw' && scale.max - scale.min <= 10 ? scale.max - scale.min + 1 : 5;
  const animate = !print;

  return (
    <div className="progress-chart">
      {/* The print view explains the scale in its own plain words. */}
      {print ? null : (
        <p className="field__hint">
          {scale.kind === 'raw'
            ? t('assessment.chart.rangeNote', {
                min: formatNumber(scale.min, lang),
                max: formatNumber(scale.max, lang),
              })
            : t('assessment.chart.percentNote')}
        </p>
      )}
      {series.points.length > shown.length ? (
        <p className="field__hint">{t('assessment.chart.limited', { count: CHART_POINTS })}</p>
      ) : null}
      <div className="progress-chart__figure" role="img" aria-label={t('assessment.chart.label', { title })}>
        {radar ? (
          <RadarChart
            {...size}
            data={rows}
            outerRadius="68%"
            margin={{ top: 10, right: 70, bottom: 10, left: 70 }}
            accessibilityLayer={false}
          >
            <PolarGrid />
            <PolarAngleAxis dataKey="dimension" tick={{ fontSize: 12, fill: '#1a1a1a' }} />
            <PolarRadiusAxis angle={90} domain={axisDomain} tickCount={tickCount} tick={{ fontSize: 11 }} />
            {shown.map((_, i) => {
              const style = seriesStyle(i);
              return (
                <Radar
                  key={pointKey(i)}
                  name={names[i]}
                  dataKey={pointKey(i)}
                  stroke={style.color}
                  strokeWidth={2}
                  strokeDasharray={style.dash || undefined}
                  fill={style.color}
                  fillOpacity={0.06}
                  shape={(props: { points: RadarPoint[] }) => (
                    <AnsweredPolygon points={props.points} seriesStyle={style} />
                  )}
                  dot={(props: DotItemDotProps) => (
                    <Marker key={props.index} {...props} seriesStyle={style} />
                  )}
                  isAnimationActive={animate}
                />
              );
            })}
            {print ? null : <Tooltip formatter={tooltipValue(scale, lang)} />}
          </RadarChart>
        ) : (
          <BarChart {...size} data={rows} accessibilityLayer={false}>
            <defs>
              {shown.map((_, i) => (
                <Pattern key={i} id={`${patternBase}-${i}`} seriesStyle={seriesStyle(i)} />
              ))}
            </defs>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="dimension" tick={{ fontSize: 12, fill: '#1a1a1a' }} />
            <YAxis domain={axisDomain} tickCount={tickCount} allowDecimals={false} />
            {shown.map((_, i) => {
              const style = seriesStyle(i);
              return (
                <Bar
                  key={pointKey(i)}
                  name={names[i]}
                  dataKey={pointKey(i)}
                  fill={`url(#${patternBase}-${i})`}
                  stroke={style.color}
                  strokeWidth={2}
                  strokeDasharray={style.dash || undefined}
                  isAnimationActive={animate}
                />
              );
            })}
            {print ? null : <Tooltip formatter={tooltipValue(scale, lang)} />}
          </BarChart>
        )}
      </div>
      <ul className="chart-legend" aria-label={t('assessment.chart.legend')}>
        {shown.map((point, i) => (
          <li key={point.assessmentId}>
            <LegendSample seriesStyle={seriesStyle(i)} bar={!radar} pattern={`${patternBase}-${i}`} />
            {names[i]}
          </li>
        ))}
      </ul>
      <ProgressTable series={series} caption={caption ?? t('assessment.chart.caption', { title })} />
    </div>
  );
}

function tooltipValue(scale: ChartScale, lang: 'de' | 'en') {
  return (value: unknown) =>
    typeof value === 'number' ? `${formatNumber(value, lang)}${scale.kind === 'percent' ? ' %' : ''}` : '–';
}

/** The values of every assessment of the series: dimension × date. */
export function ProgressTable({ series, caption }: { series: ProgressSeries; caption: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const lang = useLang();
  const columns: Column<ProgressDimension>[] = [
    {
      key: 'dimension',
      header: t('assessment.chart.dimension'),
      rowHeader: true,
      cell: (d) => (
        <>
          {pick(d.label, lang)}{' '}
          <span className="muted nowrap">
            ({t('assessment.chart.range', { min: formatNumber(d.min, lang), max: formatNumber(d.max, lang) })}
            )
          </span>
        </>
      ),
    },
    ...series.points.map((point) => ({
      key: point.assessmentId,
      header: format.day(point.conductedOn),
      cell: (d: ProgressDimension) => {
        const value = point.values[d.key];
        return typeof value === 'number' ? (
          formatNumber(value, lang)
        ) : (
          <span className="muted">{t('assessment.noAnswer')}</span>
        );
      },
    })),
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={series.dimensions}
      rowKey={(d) => d.key}
      empty={t('assessment.noAnswer')}
    />
  );
}

const answered = (value: unknown) => typeof value === 'number';

/**
 * The outline of one assessment through the areas that have a value. Recharts draws a missing value at the
 * centre, which would read as the lowest score; "no answer" is no point (the table says "keine Angabe").
 */
function AnsweredPolygon({ points, seriesStyle: style }: { points: RadarPoint[]; seriesStyle: SeriesStyle }) {
  return (
    <Polygon
      points={points.filter((p) => answered(p.value))}
      stroke={style.color}
      strokeWidth={2}
      strokeDasharray={style.dash || undefined}
      fill={style.color}
      fillOpacity={0.06}
    />
  );
}

function Marker({ cx, cy, value, seriesStyle: style }: DotItemDotProps & { seriesStyle: SeriesStyle }) {
  if (cx === undefined || cy === undefined || !answered(value)) return null;
  return (
    <Symbols
      type={style.marker}
      cx={cx}
      cy={cy}
      size={70}
      fill={style.color}
      stroke="#ffffff"
      strokeWidth={1}
    />
  );
}

/** A bar fill that differs in form, not only in colour. */
function Pattern({ id, seriesStyle: style }: { id: string; seriesStyle: SeriesStyle }) {
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

function LegendSample({
  seriesStyle: style,
  bar,
  pattern,
}: {
  seriesStyle: SeriesStyle;
  bar: boolean;
  pattern: string;
}) {
  return (
    <svg className="chart-legend__sample" width="44" height="16" viewBox="0 0 44 16" aria-hidden="true">
      {bar ? (
        <rect
          x="2"
          y="1"
          width="40"
          height="14"
          fill={`url(#${pattern})`}
          stroke={style.color}
          strokeWidth={2}
          strokeDasharray={style.dash || undefined}
        />
      ) : (
        <>
          <line
            x1="0"
            y1="8"
            x2="44"
            y2="8"
            stroke={style.color}
            strokeWidth={2}
            strokeDasharray={style.dash || undefined}
          />
          <Symbols type={style.marker} cx={22} cy={8} size={70} fill={style.color} />
        </>
      )}
    </svg>
  );
}
