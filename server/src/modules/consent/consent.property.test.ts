/**
 * Property-based tests (fast-check) of consent validity, releases from confidentiality, retention deadlines
 * and the template engine that fills the consent forms. Settings: test/property.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/clock.js';
import { PROPERTY_OPTIONS } from '../../test/property.js';
import {
  DATA_CATEGORIES,
  PURPOSES,
  guardianRequired,
  recipientKey,
  releaseCovers,
  retentionState,
  validOn,
  type ReleaseFacts,
} from './domain.js';
import { fillPlaceholders } from './shipped-templates.js';

const day = fc.integer({ min: 0, max: 365 * 60 }).map((n) => addDays('2000-01-01', n));
const maybeDay = fc.option(day, { nil: null });

const release: fc.Arbitrary<ReleaseFacts> = fc.record({
  id: fc.uuid(),
  kind: fc.constantFrom('release', 'data_processing', 'case_management'),
  givenOn: day,
  validUntil: maybeDay,
  revokedOn: maybeDay,
  recipientKey: fc.option(fc.constantFrom('jobcenter ulm', 'schule', 'kita'), { nil: null }),
  purpose: fc.option(fc.constantFrom(...PURPOSES), { nil: null }),
  categories: fc.uniqueArray(fc.constantFrom(...DATA_CATEGORIES)),
});
const request = fc.record({
  recipientKey: fc.constantFrom('jobcenter ulm', 'schule', 'kita'),
  purpose: fc.constantFrom(...PURPOSES),
  categories: fc.uniqueArray(fc.constantFrom(...DATA_CATEGORIES), { minLength: 1 }),
  day,
});

describe('consent validity', () => {
  it('a consent is valid exactly from the day it was given, until its end, and no longer on the day of revocation', () => {
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constant('data_processing'),
          givenOn: day,
          validUntil: maybeDay,
          revokedOn: maybeDay,
        }),
        day,
        (consent, on) => {
          const expected =
            on >= consent.givenOn &&
            (consent.validUntil === null || on <= consent.validUntil) &&
            (consent.revokedOn === null || on < consent.revokedOn);
          expect(validOn(consent, on)).toBe(expected);
        },
      ),
      PROPERTY_OPTIONS,
    );
  });

  it('under 16 the guardians consent: with the birth date known, exactly before the 16th birthday', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -800, max: 800 }), (born, shift) => {
        fc.pre(born.slice(5) !== '02-29');
        const birthday16 = `${String(Number(born.slice(0, 4)) + 16).padStart(4, '0')}${born.slice(4)}`;
        const on = addDays(birthday16, shift);
        expect(guardianRequired(born, null, on)).toBe(on < birthday16);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('with only the birth year known, the guardian is asked whenever the person might be under 16', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2030 }), day, (year, on) => {
        const youngestPossibleAge = Number(on.slice(0, 4)) - year - 1;
        if (youngestPossibleAge < 16) expect(guardianRequired(null, year, on)).toBe(true);
      }),
      PROPERTY_OPTIONS,
    );
  });
});

describe('releases from confidentiality (releaseCovers)', () => {
  it('never depends on the order of the releases', () => {
    fc.assert(
      fc.property(fc.array(release, { maxLength: 6 }), request, (releases, req) => {
        const forward = releaseCovers(releases, req);
        const backward = releaseCovers([...releases].reverse(), req);
        expect(backward.allowed).toBe(forward.allowed);
        if (!forward.allowed && !backward.allowed) expect(backward.reason).toBe(forward.reason);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('allows only with a release for exactly this recipient and purpose, valid that day, covering every category', () => {
    fc.assert(
      fc.property(fc.array(release, { maxLength: 6 }), request, (releases, req) => {
        const result = releaseCovers(releases, req);
        if (result.allowed) {
          const used = releases.find((r) => r.id === result.releaseId);
          expect(used?.kind).toBe('release');
          expect(used?.recipientKey).toBe(req.recipientKey);
          expect(used?.purpose).toBe(req.purpose);
          expect(used && validOn(used, req.day)).toBe(true);
          for (const c of req.categories) expect(used?.categories).toContain(c);
        } else {
          const fitting = releases.some(
            (r) =>
              r.kind === 'release' &&
              r.recipientKey === req.recipientKey &&
              r.purpose === req.purpose &&
              validOn(r, req.day) &&
              req.categories.every((c) => r.categories.includes(c)),
          );
          expect(fitting).toBe(false);
          for (const c of result.missingCategories) expect(req.categories).toContain(c);
        }
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('asking for fewer categories is never refused where more were allowed', () => {
    fc.assert(
      fc.property(fc.array(release, { maxLength: 6 }), request, fc.nat(), (releases, req, drop) => {
        fc.pre(req.categories.length > 1);
        const fewer = {
          ...req,
          categories: req.categories.filter((_, i) => i !== drop % req.categories.length),
        };
        if (releaseCovers(releases, req).allowed) expect(releaseCovers(releases, fewer).allowed).toBe(true);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('recipient names compare ignoring case, spacing and diacritics; the key is stable', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (name) => {
        const key = recipientKey(name);
        expect(recipientKey(key)).toBe(key);
        expect(recipientKey(`  ${name.toUpperCase()}  `)).toBe(recipientKey(name.toUpperCase()));
        expect(key).toBe(key.trim());
      }),
      PROPERTY_OPTIONS,
    );
  });
});

describe('retention deadlines (retentionState)', () => {
  const settings = fc.record({
    reviewAfterDays: fc.integer({ min: 30, max: 400 }),
    closeAfterDays: fc.integer({ min: 30, max: 600 }),
    anonymiseAfterDays: fc.integer({ min: 0, max: 400 }),
  });
  const running = fc.record({
    phase: fc.constantFrom('intake', 'assessment', 'planning', 'monitoring'),
    anonymisedAt: fc.constant(null),
    closedOn: fc.constant(null),
    lastActivityOn: day,
    lastContactOn: maybeDay,
    openedOn: day,
    reviewedOn: maybeDay,
    confirmed: fc.boolean(),
    approved: fc.boolean(),
  });

  it('a running case is due for closing exactly when the last contact is closeAfterDays ago', () => {
    fc.assert(
      fc.property(running, settings, fc.integer({ min: 0, max: 2000 }), (c, s, later) => {
        const since = c.lastContactOn ?? c.openedOn;
        const today = addDays(since, later);
        const state = retentionState(c, s, today);
        expect(state === 'close_due').toBe(later >= s.closeAfterDays);
        expect(['active', 'review_due', 'close_due']).toContain(state);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('time only moves a case further along: once due, it stays due the next day', () => {
    const order = ['active', 'review_due', 'close_due'];
    fc.assert(
      fc.property(running, settings, day, fc.integer({ min: 1, max: 400 }), (c, s, today, step) => {
        const now = order.indexOf(retentionState(c, s, today));
        const later = order.indexOf(retentionState(c, s, addDays(today, step)));
        if (now === 2) expect(later).toBe(2);
        if (now === 1) expect(later).toBeGreaterThanOrEqual(1);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('a closed case is anonymised only after both confirmations; an anonymised case stays anonymised', () => {
    fc.assert(
      fc.property(running, settings, day, fc.integer({ min: 0, max: 800 }), (c, s, closedOn, later) => {
        const closed = { ...c, phase: 'closed', closedOn };
        const state = retentionState(closed, s, addDays(closedOn, later));
        if (state === 'anonymise_due') expect(closed.confirmed && closed.approved).toBe(true);
        if (later < s.anonymiseAfterDays) expect(state).toBe('active');
        expect(retentionState({ ...closed, anonymisedAt: '2020-01-01T00:00:00Z' }, s, closedOn)).toBe(
          'anonymised',
        );
      }),
      PROPERTY_OPTIONS,
    );
  });
});

describe('the template engine (fillPlaceholders)', () => {
  const NAMES = ['organisation', 'recipient', 'purpose', 'categories', 'validUntil', 'clientName'] as const;
  type Name = (typeof NAMES)[number];
  // Template pieces: plain text (no braces), a known placeholder, or an unknown one.
  const piece = fc.oneof(
    fc.string({ maxLength: 20 }).map((text) => ({ kind: 'text' as const, text: text.replace(/[{}]/g, '') })),
    fc.constantFrom(...NAMES).map((name) => ({ kind: 'known' as const, name })),
    fc.constantFrom('unknown', 'constructor', 'toString', '__proto__', 'hasOwnProperty').map((name) => ({
      kind: 'unknown' as const,
      name,
    })),
  );
  const nasty = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(
      '<img src=x onerror=alert(1)>',
      '<script>window.__xss=1</script>',
      '"><svg onload=alert(1)>',
      "$& $' $` $1 $$",
      '{{organisation}}',
      '\u202Eمرحبا',
      'a\u0000b',
    ),
  );
  const values = fc.dictionary(fc.constantFrom(...NAMES), nasty) as fc.Arbitrary<
    Partial<Record<Name, string>>
  >;

  it('replaces known placeholders by their values literally, keeps unknown and unfilled ones, never re-expands', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), values, (pieces, filled) => {
        const template = pieces.map((p) => (p.kind === 'text' ? p.text : `{{${p.name}}}`)).join('');
        const expected = pieces
          .map((p) => {
            if (p.kind === 'text') return p.text;
            if (p.kind === 'known') return filled[p.name] ?? `{{${p.name}}}`;
            return `{{${p.name}}}`;
          })
          .join('');
        expect(fillPlaceholders(template, filled)).toBe(expected);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('never throws on any text, and leaves a text without placeholders as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), values, (text, filled) => {
        const out = fillPlaceholders(text, filled);
        if (!text.includes('{{')) expect(out).toBe(text);
      }),
      PROPERTY_OPTIONS,
    );
  });
});
