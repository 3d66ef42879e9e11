import { describe, expect, it } from 'vitest';
import type { ProgressDimension, ProgressPoint } from './model';
import { chartRows, chartScale, scaled, seriesStyle, trendOf, type ChartScale, type Trend } from './progress';

const dim = (key: string, min = 1, max = 5): ProgressDimension => ({
  key,
  label: { de: key, en: key },
  min,
  max,
});
const point = (id: string, values: Record<string, number | null>): ProgressPoint => ({
  assessmentId: id,
  conductedOn: `2026-0${id}-01`,
  templateVersion: 1,
  values,
});

describe('chartScale', () => {
  it.each<[string, ProgressDimension[], ChartScale]>([
    ['one range for all', [dim('a'), dim('b'), dim('c')], { kind: 'raw', min: 1, max: 5 }],
    ['mixed ranges: per cent', [dim('a'), dim('sum', 3, 15)], { kind: 'percent' }],
    ['no dimensions', [], { kind: 'raw', min: 0, max: 1 }],
    ['an empty range: per cent', [dim('a', 0, 0)], { kind: 'percent' }],
  ])('%s', (_, dimensions, expected) => {
    expect(chartScale(dimensions)).toEqual(expected);
  });
});

describe('scaled', () => {
  it.each<[number | null, ProgressDimension, ChartScale, number | null]>([
    [3, dim('a'), { kind: 'raw', min: 1, max: 5 }, 3],
    [3, dim('a'), { kind: 'percent' }, 50],
    [15, dim('s', 3, 15), { kind: 'percent' }, 100],
    [4, dim('s', 1, 4), { kind: 'percent' }, 100],
    [2, dim('s', 1, 4), { kind: 'percent' }, 33.3],
    [null, dim('a'), { kind: 'raw', min: 1, max: 5 }, null],
  ])('%s on %j as %j → %s', (value, dimension, scale, expected) => {
    expect(scaled(value, dimension, scale)).toBe(expected);
  });
});

describe('chartRows', () => {
  it('has one row per dimension and one column per assessment', () => {
    expect(
      chartRows(
        [dim('housing'), dim('work')],
        [point('1', { housing: 2, work: null }), point('2', { housing: 3.5 })],
        { kind: 'raw', min: 1, max: 5 },
        (d) => d.key.toUpperCase(),
      ),
    ).toEqual([
      { dimension: 'HOUSING', p0: 2, p1: 3.5 },
      { dimension: 'WORK', p0: null, p1: null },
    ]);
  });
});

describe('seriesStyle', () => {
  it('tells the first six series apart by line style, marker and pattern, not only by colour', () => {
    const styles = [0, 1, 2, 3, 4, 5].map(seriesStyle);
    for (const part of ['color', 'dash', 'marker', 'pattern'] as const) {
      expect(new Set(styles.map((s) => s[part])).size).toBe(6);
    }
    expect(seriesStyle(6)).toEqual(seriesStyle(0));
  });
});

describe('trendOf', () => {
  it.each<[string, ProgressPoint[], Trend]>([
    [
      'up since last time',
      [point('1', { a: 2.5 }), point('2', { a: 3.8 })],
      { kind: 'up', from: 2.5, to: 3.8 },
    ],
    ['down', [point('1', { a: 4 }), point('2', { a: 3 })], { kind: 'down', from: 4, to: 3 }],
    ['the same', [point('1', { a: 3 }), point('2', { a: 3 })], { kind: 'same', from: 3, to: 3 }],
    ['only one assessment', [point('1', { a: 3 })], { kind: 'single', value: 3 }],
    ['no value this time', [point('1', { a: 3 }), point('2', { a: null })], { kind: 'none' }],
    [
      'against the last assessment that had a value',
      [point('1', { a: 2 }), point('2', { a: null }), point('3', { a: 4 })],
      { kind: 'up', from: 2, to: 4 },
    ],
    ['the first value after gaps', [point('1', {}), point('2', { a: 4 })], { kind: 'single', value: 4 }],
    ['no assessments', [], { kind: 'none' }],
  ])('%s', (_, points, expected) => {
    expect(trendOf('a', points)).toEqual(expected);
  });
});
