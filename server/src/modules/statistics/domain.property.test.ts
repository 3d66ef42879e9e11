/**
 * Property-based tests (fast-check) of the statistics' suppression: no hidden count can be recovered from the
 * shown cells and totals. Settings: test/property.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_OPTIONS } from '../../test/property.js';
import { ageBand, checkPeriod, suppressCounts } from './domain.js';

/** A table of counts with row totals and column totals, as the reports build them. */
const table = fc
  .record({
    rows: fc.integer({ min: 1, max: 5 }),
    columns: fc.integer({ min: 1, max: 4 }),
    threshold: fc.integer({ min: 3, max: 10 }),
  })
  .chain(({ rows, columns, threshold }) =>
    fc.record({
      threshold: fc.constant(threshold),
      counts: fc.array(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 40 })), {
          minLength: columns,
          maxLength: columns,
        }),
        {
          minLength: rows,
          maxLength: rows,
        },
      ),
    }),
  );

function build(counts: number[][]) {
  const values = new Map<string, number>();
  const lines: string[][] = [];
  const columns = counts[0]?.length ?? 0;
  counts.forEach((row, r) => {
    row.forEach((v, c) => values.set(`${r}|c${c}`, v));
    values.set(
      `${r}|total`,
      row.reduce((a, b) => a + b, 0),
    );
    lines.push([...row.map((_, c) => `${r}|c${c}`), `${r}|total`]);
  });
  for (let c = 0; c < columns; c += 1) {
    values.set(
      `-1|c${c}`,
      counts.reduce((a, row) => a + (row[c] ?? 0), 0),
    );
    lines.push([...counts.map((_, r) => `${r}|c${c}`), `-1|c${c}`]);
  }
  return { values, lines };
}

describe('suppressCounts', () => {
  it('hides every count between 1 and threshold − 1, and no line of a total keeps exactly one hidden cell', () => {
    fc.assert(
      fc.property(table, ({ counts, threshold }) => {
        const { values, lines } = build(counts);
        const { primary, complementary } = suppressCounts(values, lines, threshold);
        const hidden = new Set([...primary, ...complementary]);
        for (const [cell, v] of values) if (v > 0 && v < threshold) expect(hidden.has(cell)).toBe(true);
        for (const cell of primary) expect(complementary.has(cell)).toBe(false);
        for (const line of lines) {
          if (line.length < 2) continue;
          expect(line.filter((c) => hidden.has(c)).length).not.toBe(1);
        }
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('does not depend on the order of the lines', () => {
    fc.assert(
      fc.property(table, ({ counts, threshold }) => {
        const { values, lines } = build(counts);
        const forward = suppressCounts(values, lines, threshold);
        const backward = suppressCounts(values, [...lines].reverse(), threshold);
        expect([...backward.primary].sort()).toEqual([...forward.primary].sort());
        expect(backward.complementary.size > 0).toBe(forward.complementary.size > 0);
      }),
      PROPERTY_OPTIONS,
    );
  });
});

describe('age bands and periods', () => {
  it('every age falls into exactly one band; unknown only without an age', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }), (age) => {
        expect(ageBand(age) === 'unknown').toBe(age === null);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('checkPeriod never throws, and refuses a period whose end is before its start', () => {
    const day = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (from, to) => {
        const error = checkPeriod({ from, to });
        if (to < from) expect(error).not.toBeNull();
      }),
      PROPERTY_OPTIONS,
    );
  });
});
