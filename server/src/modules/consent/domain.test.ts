import { describe, expect, it } from 'vitest';
import {
  guardianRequired,
  recipientKey,
  releaseCovers,
  retentionState,
  validOn,
  type ReleaseFacts,
} from './domain.js';

describe('guardian consent under 16', () => {
  it.each([
    ['2010-11-24', null, '2026-11-23', true, '15, turns 16 tomorrow'],
    ['2010-11-23', null, '2026-11-23', false, '16 today'],
    ['2012-01-01', null, '2026-11-23', true, '14'],
    [null, 2010, '2026-11-23', true, 'year only, may still be 15'],
    [null, 2009, '2026-11-23', false, 'year only, at least 16'],
    [null, null, '2026-11-23', false, 'unknown'],
  ])('born %s / %s on %s → %s (%s)', (date, year, day, required, _why) => {
    expect(guardianRequired(date, year, day)).toBe(required);
  });
});

describe('validity', () => {
  const c = { kind: 'data_processing', givenOn: '2026-01-10', validUntil: '2026-12-31', revokedOn: null };
  it.each([
    ['2026-01-09', c, false],
    ['2026-01-10', c, true],
    ['2026-12-31', c, true],
    ['2027-01-01', c, false],
    ['2026-06-01', { ...c, revokedOn: '2026-06-01' }, false],
    ['2026-05-31', { ...c, revokedOn: '2026-06-01' }, true],
    ['2030-01-01', { ...c, validUntil: null }, true],
  ])('on %s', (day, consent, valid) => {
    expect(validOn(consent, day)).toBe(valid);
  });
});

describe('release coverage', () => {
  const release: ReleaseFacts = {
    id: 'r1',
    kind: 'release',
    givenOn: '2026-01-01',
    validUntil: '2026-12-31',
    revokedOn: null,
    recipientKey: recipientKey('Jobcenter Musterstadt'),
    purpose: 'referral',
    categories: ['master_data', 'plan'],
  };
  const ask = (over: Partial<Parameters<typeof releaseCovers>[1]> = {}) => ({
    recipientKey: recipientKey('jobcenter  musterstadt'),
    purpose: 'referral' as const,
    categories: ['master_data'] as const,
    day: '2026-06-01',
    ...over,
  });
  it.each([
    ['covered', [release], ask(), { allowed: true, releaseId: 'r1' }],
    ['no release at all', [], ask(), { allowed: false, reason: 'no-release' }],
    [
      'other recipient',
      [release],
      ask({ recipientKey: recipientKey('Ausländerbehörde') }),
      { allowed: false, reason: 'no-release' },
    ],
    ['expired', [release], ask({ day: '2027-01-02' }), { allowed: false, reason: 'expired' }],
    ['revoked', [{ ...release, revokedOn: '2026-05-01' }], ask(), { allowed: false, reason: 'revoked' }],
    ['other purpose', [release], ask({ purpose: 'case_conference' }), { allowed: false, reason: 'purpose' }],
    [
      'health not covered',
      [release],
      ask({ categories: ['master_data', 'health'] }),
      { allowed: false, reason: 'categories', missingCategories: ['health'] },
    ],
    [
      'a second release fills the gap',
      [release, { ...release, id: 'r2', categories: ['master_data', 'health'] }],
      ask({ categories: ['health'] }),
      { allowed: true, releaseId: 'r2' },
    ],
    [
      'data processing consent is no release',
      [{ ...release, kind: 'data_processing' }],
      ask(),
      { allowed: false, reason: 'no-release' },
    ],
  ] as const)('%s', (_name, releases, request, expected) => {
    expect(releaseCovers(releases, request)).toMatchObject(expected);
  });
});

describe('retention', () => {
  const settings = { reviewAfterDays: 183, closeAfterDays: 274, anonymiseAfterDays: 0 };
  const base = {
    phase: 'monitoring',
    anonymisedAt: null,
    closedOn: null,
    lastActivityOn: '2026-11-01',
    lastContactOn: '2026-11-01',
    openedOn: '2025-01-01',
    reviewedOn: null,
    confirmed: false,
    approved: false,
  };
  it.each([
    ['recent activity', {}, 'active'],
    ['six months quiet', { lastActivityOn: '2026-05-20', lastContactOn: '2026-05-20' }, 'review_due'],
    [
      'reviewed since',
      { lastActivityOn: '2026-05-20', lastContactOn: '2026-05-20', reviewedOn: '2026-10-01' },
      'active',
    ],
    [
      'nine months without contact',
      { lastActivityOn: '2026-10-01', lastContactOn: '2026-02-20' },
      'close_due',
    ],
    ['never any contact, opened long ago', { lastContactOn: null, openedOn: '2026-01-01' }, 'close_due'],
    ['closed, not yet confirmed', { phase: 'closed', closedOn: '2026-11-20' }, 'awaiting_confirmation'],
    [
      'closed and confirmed by both',
      { phase: 'closed', closedOn: '2026-11-20', confirmed: true, approved: true },
      'anonymise_due',
    ],
    ['already anonymised', { phase: 'closed', anonymisedAt: '2026-11-21T00:00:00Z' }, 'anonymised'],
  ])('%s → %s', (_name, over, state) => {
    expect(retentionState({ ...base, ...over }, settings, '2026-11-23')).toBe(state);
  });
  it('waits the configured period after closure', () => {
    const closed = { ...base, phase: 'closed', closedOn: '2026-11-20', confirmed: true, approved: true };
    expect(retentionState(closed, { ...settings, anonymiseAfterDays: 30 }, '2026-11-23')).toBe('active');
  });
});
