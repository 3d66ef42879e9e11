/**
 * Property-based tests (fast-check) of the core helpers every module relies on: the LIKE pattern of the
 * searches, paging, calendar days, problem texts and the CSV formula guard. Settings: test/property.ts.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { PROPERTY_OPTIONS } from '../test/property.js';
import { addDays, localDate } from './clock.js';
import { fieldMessage, localeOf, PROBLEMS, problemBody, Problem, type ProblemCode } from './errors.js';
import { fieldErrorsFromValidation } from './http.js';
import { pageWindow } from './pagination.js';
import { likePattern } from './search.js';
import { neutraliseFormula } from './spreadsheet.js';

const day = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('likePattern (core/search.ts)', () => {
  // The same LIKE … ESCAPE '\' the searches send to the database; SQLite's lower() folds ASCII only.
  const sqlite = new Database(':memory:');
  const matches = sqlite.prepare<[string, string], { hit: number }>(
    "select lower(?) like ? escape '\\' as hit",
  );
  afterAll(() => sqlite.close());
  const ascii = fc.string({ unit: fc.constantFrom(...'abcXYZ %_\\\'"[]*?.'.split('')), maxLength: 12 });

  it('matches exactly the texts that contain the term, wildcards in the term taken literally', () => {
    fc.assert(
      fc.property(ascii, ascii, ascii, (before, term, after) => {
        const haystack = `${before}${term}${after}`;
        const pattern = likePattern(term);
        expect(matches.get(haystack, pattern)?.hit).toBe(1);
        const other = `${before}${after}`;
        const expected = other.toLowerCase().includes(term.trim().toLowerCase()) ? 1 : 0;
        expect(matches.get(other, pattern)?.hit).toBe(expected);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('never throws and keeps every character of any text (NUL, emoji, right-to-left)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (term) => {
        const pattern = likePattern(term);
        expect(pattern.startsWith('%') && pattern.endsWith('%')).toBe(true);
        const unescaped = pattern.slice(1, -1).replace(/\\([\\%_])/g, '$1');
        expect(unescaped).toBe(term.trim().toLowerCase());
      }),
      PROPERTY_OPTIONS,
    );
  });
});

describe('pageWindow (core/pagination.ts)', () => {
  it('starts page n after (n − 1) full pages; no page overlaps the next', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 200 }),
        (page, pageSize) => {
          const window = pageWindow({ page, pageSize });
          expect(window).toEqual({ page, pageSize, offset: (page - 1) * pageSize });
          expect(pageWindow({ page: page + 1, pageSize }).offset).toBe(window.offset + pageSize);
          expect(Number.isSafeInteger(window.offset)).toBe(true);
        },
      ),
      PROPERTY_OPTIONS,
    );
  });

  it('defaults to the first page of 25', () => {
    expect(pageWindow({})).toEqual({ page: 1, pageSize: 25, offset: 0 });
  });
});

describe('calendar days (core/clock.ts)', () => {
  it('addDays: going n days forth and back is the same day, and the result is a real date', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -20_000, max: 20_000 }), (start, n) => {
        const moved = addDays(start, n);
        expect(moved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${moved}T00:00:00Z`).toISOString().slice(0, 10)).toBe(moved);
        expect(addDays(moved, -n)).toBe(start);
        expect(moved > start).toBe(n > 0);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('addDays composes: (d + a) + b = d + (a + b)', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: -5000, max: 5000 }),
        (d, a, b) => {
          expect(addDays(addDays(d, a), b)).toBe(addDays(d, a + b));
        },
      ),
      PROPERTY_OPTIONS,
    );
  });

  it('localDate is the Berlin calendar day: never more than one day from the UTC day, in any time zone shape', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }),
        (at) => {
          const berlin = localDate(at);
          const utc = at.toISOString().slice(0, 10);
          expect(berlin).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect([utc, addDays(utc, 1)]).toContain(berlin);
        },
      ),
      PROPERTY_OPTIONS,
    );
  });
});

describe('problem documents (core/errors.ts)', () => {
  const codes = Object.keys(PROBLEMS) as ProblemCode[];

  it('every problem has a stable type, a title in the requested language and its status', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.constantFrom('de' as const, 'en' as const),
        fc.uuid(),
        (code, locale, id) => {
          const body = problemBody(new Problem(code), locale, id);
          expect(body.type).toBe(`https://lotse.app/problems/${code}`);
          expect(body.title).toBe(PROBLEMS[code][locale]);
          expect(body.status).toBe(PROBLEMS[code].status);
          expect(body.status).toBeGreaterThanOrEqual(400);
        },
      ),
      PROPERTY_OPTIONS,
    );
  });

  it('field messages never throw, and fill their placeholders from the parameters', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('de' as const, 'en' as const),
        fc.dictionary(
          fc.constantFrom('limit', 'format', 'type', 'min', 'max', 'target', 'count', 'recipient'),
          fc.oneof(fc.integer(), fc.string({ maxLength: 20 })),
        ),
        (code, locale, params) => {
          const message = fieldMessage(code, locale, params);
          expect(typeof message).toBe('string');
          expect(message.length).toBeGreaterThan(0);
          for (const [key, value] of Object.entries(params)) {
            if (message.includes(`{${key}}`))
              throw new Error(`placeholder {${key}} left with value ${String(value)}`);
          }
        },
      ),
      PROPERTY_OPTIONS,
    );
  });

  it('any Accept-Language header gives German or English, English only when it comes first', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ unit: 'binary', maxLength: 100 }), { nil: undefined }), (header) => {
        const locale = localeOf(header);
        expect(['de', 'en']).toContain(locale);
        if (locale === 'en') expect(header?.split(',')[0]?.trim().toLowerCase().startsWith('en')).toBe(true);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('validation errors become one field error per field and keyword, with a pointer (body) or a parameter name', () => {
    const ajvError = fc.record({
      keyword: fc.constantFrom(
        'required',
        'additionalProperties',
        'maxLength',
        'type',
        'anyOf',
        'enum',
        'format',
      ),
      instancePath: fc
        .array(fc.constantFrom('a', 'b', '0', 'c d'), { maxLength: 3 })
        .map((p) => p.map((s) => `/${s}`).join('')),
      params: fc.record({
        missingProperty: fc.string({ maxLength: 5 }),
        additionalProperty: fc.string({ maxLength: 5 }),
        limit: fc.integer(),
        type: fc.constantFrom('string', 'integer'),
      }),
    });
    fc.assert(
      fc.property(
        fc.array(ajvError, { maxLength: 10 }),
        fc.constantFrom('body', 'querystring', 'params'),
        (errors, part) => {
          const out = fieldErrorsFromValidation(errors, part, 'de');
          expect(out.length).toBeLessThanOrEqual(errors.length);
          if (errors.length > 0) expect(out.length).toBeGreaterThan(0);
          for (const e of out) {
            if (part === 'body') expect(e.pointer?.startsWith('/')).toBe(true);
            else expect(typeof e.parameter).toBe('string');
            expect(e.message.length).toBeGreaterThan(0);
          }
          const keys = out.map((e) => `${e.pointer ?? e.parameter}|${e.code}`);
          expect(new Set(keys).size).toBe(keys.length);
        },
      ),
      PROPERTY_OPTIONS,
    );
  });
});

describe('neutraliseFormula (core/spreadsheet.ts)', () => {
  it('no text cell starts with a formula character unless it is a number', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), (text) => {
        const safe = neutraliseFormula(text);
        expect([text, `'${text}`]).toContain(safe);
        if (/^[=+\-@\t\r]/.test(safe)) expect(safe).toMatch(/^[-+]?\d[\d.,\s]*%?$/);
        expect(neutraliseFormula(safe)).toBe(safe);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('neutralises the classic payloads', () => {
    for (const payload of [
      '=HYPERLINK("http://x","y")',
      "+1+cmd|' /C calc'!A0",
      '-2+3',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
    ])
      expect(neutraliseFormula(payload)).toBe(`'${payload}`);
    for (const plain of ['-3', '12,5 %', '< 5', 'x', 'Müller', ''])
      expect(neutraliseFormula(plain)).toBe(plain);
  });
});
