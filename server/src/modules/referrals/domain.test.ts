import { describe, expect, it } from 'vitest';
import {
  BARRIERS,
  mayMove,
  needsPlaceConfirmation,
  offerValidOn,
  REFERRAL_STATUSES,
  transition,
  waitingDays,
  type ReferralDates,
  type ReferralStatus,
} from './domain.js';

describe('which status may follow which', () => {
  const allowed: Record<ReferralStatus, ReferralStatus[]> = {
    requested: ['accepted', 'declined'],
    accepted: ['started', 'declined', 'broken_off'],
    started: ['completed', 'broken_off'],
    completed: [],
    declined: [],
    broken_off: [],
  };
  const pairs = REFERRAL_STATUSES.flatMap((from) =>
    REFERRAL_STATUSES.map((to) => [from, to, allowed[from].includes(to)] as const),
  );
  it.each(pairs)('%s → %s: %s', (from, to, expected) => {
    expect(mayMove(from, to)).toBe(expected);
  });
});

describe('moving a referral on a day', () => {
  const today = '2026-05-20';
  const requested = {
    status: 'requested' as const,
    dates: { requestedOn: '2026-05-01', acceptedOn: null, startedOn: null, endedOn: null },
  };
  const accepted = {
    status: 'accepted' as const,
    dates: { ...requested.dates, acceptedOn: '2026-05-10' },
  };
  it.each<[string, typeof requested | typeof accepted, ReferralStatus, string, unknown]>([
    [
      'accepted after the request',
      requested,
      'accepted',
      '2026-05-03',
      { ok: true, dates: { ...requested.dates, acceptedOn: '2026-05-03' } },
    ],
    [
      'accepted on the day of the request',
      requested,
      'accepted',
      '2026-05-01',
      { ok: true, dates: { ...requested.dates, acceptedOn: '2026-05-01' } },
    ],
    [
      'declined ends the referral',
      requested,
      'declined',
      '2026-05-02',
      { ok: true, dates: { ...requested.dates, endedOn: '2026-05-02' } },
    ],
    [
      'started after the acceptance',
      accepted,
      'started',
      '2026-05-15',
      { ok: true, dates: { ...accepted.dates, startedOn: '2026-05-15' } },
    ],
    [
      'accepted before the request',
      requested,
      'accepted',
      '2026-04-30',
      {
        ok: false,
        kind: 'invalid',
        errors: [{ pointer: '/on', code: 'date-order', params: { after: '2026-05-01' } }],
      },
    ],
    [
      'started before the acceptance',
      accepted,
      'started',
      '2026-05-09',
      {
        ok: false,
        kind: 'invalid',
        errors: [{ pointer: '/on', code: 'date-order', params: { after: '2026-05-10' } }],
      },
    ],
    [
      'accepted tomorrow',
      requested,
      'accepted',
      '2026-05-21',
      { ok: false, kind: 'invalid', errors: [{ pointer: '/on', code: 'in-future' }] },
    ],
    [
      'started without acceptance',
      requested,
      'started',
      '2026-05-05',
      { ok: false, kind: 'not-allowed', allowed: ['accepted', 'declined'] },
    ],
    [
      'broken off before acceptance',
      requested,
      'broken_off',
      '2026-05-05',
      { ok: false, kind: 'not-allowed', allowed: ['accepted', 'declined'] },
    ],
  ])('%s', (_name, current, next, on, expected) => {
    expect(transition(current, next, on, today)).toEqual(expected);
  });

  it('a finished referral moves no further', () => {
    const done = {
      status: 'completed' as const,
      dates: {
        requestedOn: '2026-01-01',
        acceptedOn: '2026-01-02',
        startedOn: '2026-01-03',
        endedOn: '2026-03-01',
      },
    };
    expect(transition(done, 'broken_off', '2026-04-01', today)).toEqual({
      ok: false,
      kind: 'not-allowed',
      allowed: [],
    });
  });
});

describe('waiting time from request to start', () => {
  const today = '2026-05-20';
  const base: ReferralDates & { status: ReferralStatus } = {
    status: 'requested',
    requestedOn: '2026-05-01',
    acceptedOn: null,
    startedOn: null,
    endedOn: null,
  };
  it.each<[string, Partial<typeof base>, number | null]>([
    ['requested, still waiting: to today', {}, 19],
    ['accepted, still waiting: to today', { status: 'accepted', acceptedOn: '2026-05-05' }, 19],
    ['started: to the start', { status: 'started', acceptedOn: '2026-05-05', startedOn: '2026-05-11' }, 10],
    [
      'completed: to the start',
      { status: 'completed', acceptedOn: '2026-05-05', startedOn: '2026-05-11', endedOn: '2026-05-19' },
      10,
    ],
    ['started on the day of the request', { status: 'started', startedOn: '2026-05-01' }, 0],
    ['declined before the start: none', { status: 'declined', endedOn: '2026-05-03' }, null],
    [
      'broken off before the start: none',
      { status: 'broken_off', acceptedOn: '2026-05-05', endedOn: '2026-05-09' },
      null,
    ],
    [
      'broken off after the start: to the start',
      { status: 'broken_off', acceptedOn: '2026-05-05', startedOn: '2026-05-06', endedOn: '2026-05-09' },
      5,
    ],
    [
      'a referral across the turn of the year',
      { requestedOn: '2025-12-30', status: 'started', startedOn: '2026-01-02' },
      3,
    ],
  ])('%s', (_name, changes, expected) => {
    expect(waitingDays({ ...base, ...changes }, today)).toBe(expected);
  });
});

describe('offers', () => {
  it.each<[string, { validFrom: string | null; validTo: string | null }, boolean]>([
    ['open both ways', { validFrom: null, validTo: null }, true],
    ['starts on the day', { validFrom: '2026-05-01', validTo: null }, true],
    ['ends on the day', { validFrom: null, validTo: '2026-05-01' }, true],
    ['starts later', { validFrom: '2026-05-02', validTo: null }, false],
    ['ended before', { validFrom: '2026-01-01', validTo: '2026-04-30' }, false],
  ])('valid on 2026-05-01 when %s: %s', (_name, offer, expected) => {
    expect(offerValidOn(offer, '2026-05-01')).toBe(expected);
  });

  it.each<[number | null, boolean]>([
    [0, true],
    [3, false],
    [null, false],
  ])('free places %s need confirmation: %s', (freePlaces, expected) => {
    expect(needsPlaceConfirmation({ freePlaces })).toBe(expected);
  });
});

describe('barriers', () => {
  it('are a fixed list of keys without duplicates, ending with "other"', () => {
    expect(new Set(BARRIERS).size).toBe(BARRIERS.length);
    expect(BARRIERS.at(-1)).toBe('other');
    expect(BARRIERS).toEqual(
      expect.arrayContaining(['waiting_list', 'childcare', 'language', 'residence_law']),
    );
  });
});
