import type { ProgressDimension, ProgressPoint } from './model';

/*
 * The progress picture without React: how values are put on one chart axis, how each assessment's series
 * is drawn so it can be told apart without colour, and what changed since the last time.
 */

/** Shown in the chart at most; the table always lists every assessment. */
export const CHART_POINTS = 5;

export type ChartScale = { kind: 'raw'; min: number; max: number } | { kind: 'percent' };

/**
 * Dimensions with the same range share it on the axis. Mixed ranges (a sum next to a mean) would draw
 * unlike things on one axis, so the chart then shows each value as a percentage of its own range.
 */
export function chartScale(dimensions: readonly ProgressDimension[]): ChartScale {
  const first = dimensions[0];
  if (!first) return { kind: 'raw', min: 0, max: 1 };
  const same = dimensions.every((d) => d.min === first.min && d.max === first.max);
  return same && first.min < first.max
    ? { kind: 'raw', min: first.min, max: first.max }
    : { kind: 'percent' };
}

export function scaled(value: number | null | undefined, dimension: ProgressDimension, scale: ChartScale) {
  if (value === null || value === undefined) return null;
  if (scale.kind === 'raw') return value;
  const span = dimension.max - dimension.min;
  return span > 0 ? Math.round(((value - dimension.min) / span) * 1000) / 10 : null;
}

/** The key of a point's values in a chart row. */
export const pointKey = (index: number) => `p${index}`;

/** One row per dimension, one column per assessment: what the chart draws. */
export function chartRows(
  dimensions: readonly ProgressDimension[],
  points: readonly ProgressPoint[],
  scale: ChartScale,
  label: (dimension: ProgressDimension) => string,
): Record<string, string | number | null>[] {
  return dimensions.map((dimension) => {
    const row: Record<string, string | number | null> = { dimension: label(dimension) };
    points.forEach((point, i) => {
      row[pointKey(i)] = scaled(point.values[dimension.key], dimension, scale);
    });
    return row;
  });
}

export type Marker = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star' | 'wye';

export interface SeriesStyle {
  color: string;
  /** SVG stroke-dasharray; '' is a solid line. */
  dash: string;
  marker: Marker;
  /** Fill pattern of bars (an id suffix, see ProgressChart). */
  pattern: 'solid' | 'diagonal' | 'dots' | 'cross' | 'horizontal' | 'vertical';
}

// Colours with at least 4.5:1 against white; line style, marker and fill pattern differ as well, so the
// series stay apart in greyscale print and for readers who do not tell these colours apart.
const STYLES: SeriesStyle[] = [
  { color: '#1d4f91', dash: '', marker: 'circle', pattern: 'solid' },
  { color: '#a23b12', dash: '8 4', marker: 'square', pattern: 'diagonal' },
  { color: '#1b6b35', dash: '2 3', marker: 'triangle', pattern: 'dots' },
  { color: '#6a2c8e', dash: '12 4 2 4', marker: 'diamond', pattern: 'cross' },
  { color: '#4a4a4a', dash: '4 4', marker: 'star', pattern: 'horizontal' },
  { color: '#8a1c4a', dash: '1 4', marker: 'wye', pattern: 'vertical' },
];

export function seriesStyle(index: number): SeriesStyle {
  return STYLES[index % STYLES.length] ?? { color: '#000', dash: '', marker: 'circle', pattern: 'solid' };
}

export type Trend =
  | { kind: 'none' }
  | { kind: 'single'; value: number }
  | { kind: 'up' | 'down' | 'same'; from: number; to: number };

/** The latest value of a dimension against the one before it (the last assessment that had one). */
export function trendOf(key: string, points: readonly ProgressPoint[]): Trend {
  const latest = points.at(-1)?.values[key];
  if (latest === null || latest === undefined) return { kind: 'none' };
  const before = points
    .slice(0, -1)
    .map((p) => p.values[key])
    .filter((v): v is number => typeof v === 'number')
    .at(-1);
  if (before === undefined) return { kind: 'single', value: latest };
  const kind = latest > before ? 'up' : latest < before ? 'down' : 'same';
  return { kind, from: before, to: latest };
}
