import { addDays } from '../../core/clock.js';
import { DEFAULT_MIN_COUNT, MIN_MIN_COUNT, suppressCounts } from '../statistics/domain.js';

/**
 * The dashboards of the start page (issue 8; BRIEF 7): what a case manager, a team lead and the planning level
 * should look at today. Pure rules: the windows that make an item "due", and the suppression of small counts on
 * the planning level's view.
 */

/** Goal reviews show up two weeks before their follow-up date, and stay until a review is recorded. */
export const REVIEW_WINDOW_DAYS = 14;
/** Consents and releases show up a month before they expire. */
export const CONSENT_WINDOW_DAYS = 30;
/** Never warn about a quiet case earlier than a month without contact, whatever the settings say. */
export const MIN_NO_CONTACT_DAYS = 30;
/** The planning level's dashboard looks at the last twelve months. */
export const PLANNER_MONTHS = 12;

/**
 * Days without contact after which a running case is listed as "long without contact": a month before the
 * organisation's retention review (default 183 days → 153), so the case manager acts before the case lands on
 * the team lead's retention board; at least 30 days when the review period is set short.
 */
export function noContactDays(retentionReviewAfterDays: number): number {
  return Math.max(MIN_NO_CONTACT_DAYS, retentionReviewAfterDays - 30);
}

/** The last day (inclusive) up to which a goal's follow-up date makes its review due. */
export function reviewsDueUntil(today: string): string {
  return addDays(today, REVIEW_WINDOW_DAYS);
}

/** The last day (inclusive) up to which a consent's end makes it "expiring". */
export function consentsExpiringUntil(today: string): string {
  return addDays(today, CONSENT_WINDOW_DAYS);
}

/** The first day of the month of a date. */
export function monthStart(today: string): string {
  return `${today.slice(0, 7)}-01`;
}

/** Whole days from one date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The organisation's threshold as the rules allow it: at least 3. */
export function effectiveMinCount(statsMinCount: number | null | undefined): number {
  return Math.max(MIN_MIN_COUNT, statsMinCount ?? DEFAULT_MIN_COUNT);
}

/**
 * A count as the planning level may see it: 0 and counts from the threshold up are shown, 1 … threshold − 1
 * become null (shown as "< threshold").
 */
export function suppressCount(value: number, minCount: number): number | null {
  return value > 0 && value < minCount ? null : value;
}

/**
 * Counts of a group whose total is shown as well, suppressed by the statistics' rule (statistics/domain.ts):
 * small counts are hidden, and when exactly one is, the total would give it away by subtraction, so the
 * smallest other count that is not 0 is hidden too (complementary suppression). The total follows the
 * single-count rule.
 */
export function suppressGroup(
  values: readonly number[],
  minCount: number,
): { cells: (number | null)[]; total: number | null } {
  const ids = values.map((_, i) => String(i));
  const counts = new Map<string, number>(values.map((v, i) => [String(i), v]));
  counts.set(
    'total',
    values.reduce((sum, v) => sum + v, 0),
  );
  const { primary, complementary } = suppressCounts(counts, [[...ids, 'total']], minCount);
  const shown = (cell: string) =>
    primary.has(cell) || complementary.has(cell) ? null : (counts.get(cell) ?? 0);
  return { cells: ids.map(shown), total: shown('total') };
}

/** An average the planning level may see: only when enough answers stand behind it; one decimal. */
export function suppressAverage(
  average: number | null,
  answers: number,
  minCount: number,
): { average: number | null; answers: number | null } {
  if (answers < minCount || average === null)
    return { average: null, answers: suppressCount(answers, minCount) };
  return { average: Math.round(average * 10) / 10, answers };
}
