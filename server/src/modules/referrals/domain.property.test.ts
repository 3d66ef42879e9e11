/** Property-based tests (fast-check) of referral status moves and their dates. Settings: test/property.ts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/clock.js';
import { PROPERTY_OPTIONS } from '../../test/property.js';
import {
  lastDate,
  REFERRAL_STATUSES,
  transition,
  type ReferralDates,
  type ReferralStatus,
} from './domain.js';

const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2020-01-01', n));

describe('referral transitions', () => {
  it('a random walk of moves keeps the dates in order, never in the future, and ends in a final status', () => {
    fc.assert(
      fc.property(
        day,
        fc.array(fc.tuple(fc.constantFrom(...REFERRAL_STATUSES), fc.integer({ min: -30, max: 60 })), {
          maxLength: 8,
        }),
        (requestedOn, moves) => {
          const today = addDays(requestedOn, 200);
          let status: ReferralStatus = 'requested';
          let dates: ReferralDates = { requestedOn, acceptedOn: null, startedOn: null, endedOn: null };
          for (const [next, shift] of moves) {
            const on = addDays(lastDate(dates), shift);
            const result = transition({ status, dates }, next, on, today);
            if (!result.ok) continue;
            expect(on >= lastDate(dates)).toBe(true);
            expect(on <= today).toBe(true);
            status = next;
            dates = result.dates;
          }
          const recorded = [dates.requestedOn, dates.acceptedOn, dates.startedOn, dates.endedOn].filter(
            (d): d is string => d !== null,
          );
          expect([...recorded].sort()).toEqual(recorded);
          if (dates.endedOn !== null) expect(['completed', 'declined', 'broken_off']).toContain(status);
        },
      ),
      PROPERTY_OPTIONS,
    );
  });

  it('a refused move names the moves that are allowed, and none of them is the refused one', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REFERRAL_STATUSES),
        fc.constantFrom(...REFERRAL_STATUSES),
        day,
        (from, to, on) => {
          const dates = { requestedOn: on, acceptedOn: null, startedOn: null, endedOn: null };
          const result = transition({ status: from, dates }, to, on, on);
          if (!result.ok && result.kind === 'not-allowed') expect(result.allowed).not.toContain(to);
        },
      ),
      PROPERTY_OPTIONS,
    );
  });
});
