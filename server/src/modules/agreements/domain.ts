import { addDays } from '../../core/clock.js';

/**
 * Cooperation agreements (Kooperationsvereinbarungen) after the JMD guide [001 L1930–1990]: the cooperation
 * is formalised "in einem angemessenen Grad" — orally, by minutes both sides carry, or by a written
 * agreement — with goals, procedural rules (meetings, responsibilities, documentation), a limited term and
 * a review "gegen Ende dieses Zeitraums", and at least a yearly look at every cooperation. Pure rules only.
 */

/** Mündliche Vereinbarung · Protokolle und Absprachen · Schriftliche Vereinbarung [001 L1941–1945]. */
export const AGREEMENT_FORMS = ['oral', 'minutes', 'written'] as const;
export type AgreementForm = (typeof AGREEMENT_FORMS)[number];

/** What a yearly review decides: go on as agreed, go on with changes, or end the cooperation. */
export const REVIEW_OUTCOMES = ['continue', 'adjust', 'end'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const AGREEMENT_STATES = ['upcoming', 'in_force', 'ended'] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

/** "Verfahrensregeln für die Zusammenarbeit" [001 L1957–1958], each a free text. */
export interface AgreementRules {
  meetings: string | null;
  responsibilities: string | null;
  documentation: string | null;
}

/** The reminder comes this many days before the review date; a review this close (or past) is due. */
export const REVIEW_LEAD_DAYS = 28;

export interface Finding {
  pointer: string;
  code: string;
}

/** Only something on paper has a document: a written agreement or minutes, not an oral agreement. */
export function mayCarryDocument(form: AgreementForm): boolean {
  return form !== 'oral';
}

/** The term's dates: the end not before the start, the review within the term. */
export function termErrors(term: {
  startsOn: string;
  endsOn: string | null;
  reviewOn: string | null;
}): Finding[] {
  const errors: Finding[] = [];
  if (term.endsOn !== null && term.endsOn < term.startsOn)
    errors.push({ pointer: '/endsOn', code: 'date-order' });
  if (
    term.reviewOn !== null &&
    (term.reviewOn < term.startsOn || (term.endsOn !== null && term.reviewOn > term.endsOn))
  )
    errors.push({ pointer: '/reviewOn', code: 'date-order' });
  return errors;
}

/** Before its start an agreement is upcoming, after its last day ended, in between in force. */
export function agreementState(
  term: { startsOn: string; endsOn: string | null },
  day: string,
): AgreementState {
  if (day < term.startsOn) return 'upcoming';
  if (term.endsOn !== null && day > term.endsOn) return 'ended';
  return 'in_force';
}

/** A review is due from four weeks before its date on, and stays due until it is recorded. */
export function reviewDue(reviewOn: string | null, day: string): boolean {
  return reviewOn !== null && reviewOn <= addDays(day, REVIEW_LEAD_DAYS);
}

/** The day the responsible person is reminded: four weeks before the review, but never in the past. */
export function reminderOn(reviewOn: string | null, today: string): string | null {
  if (reviewOn === null) return null;
  const fourWeeksBefore = addDays(reviewOn, -REVIEW_LEAD_DAYS);
  return fourWeeksBefore < today ? today : fourWeeksBefore;
}

/** The same day a year later; 29 February becomes 28 February. */
export function addYear(day: string): string {
  const [year, month, date] = day.split('-');
  const next = Number(year) + 1;
  const leap = (next % 4 === 0 && next % 100 !== 0) || next % 400 === 0;
  const d = month === '02' && date === '29' && !leap ? '28' : date;
  return `${String(next).padStart(4, '0')}-${month}-${d}`;
}

/**
 * The next review after one: a year on ("einmal jährlich" [001 L1975]), but within the term — a year past
 * the end becomes the last day of the term, and a review on the last day has no successor.
 */
export function defaultNextReview(reviewedOn: string, endsOn: string | null): string | null {
  const inAYear = addYear(reviewedOn);
  if (endsOn === null || inAYear <= endsOn) return inAYear;
  return endsOn > reviewedOn ? endsOn : null;
}

export interface ReviewInput {
  reviewedOn: string;
  outcome: ReviewOutcome;
  nextReviewOn: string | null | undefined;
}

/** A review lies within the term and not in the future; the next one after it, within the term. */
export function reviewErrors(
  review: ReviewInput,
  term: { startsOn: string; endsOn: string | null },
  today: string,
): Finding[] {
  const errors: Finding[] = [];
  if (review.reviewedOn > today) errors.push({ pointer: '/reviewedOn', code: 'in-future' });
  else if (review.reviewedOn < term.startsOn) errors.push({ pointer: '/reviewedOn', code: 'date-order' });
  const next = review.nextReviewOn ?? null;
  if (next !== null) {
    if (review.outcome === 'end') errors.push({ pointer: '/nextReviewOn', code: 'not-allowed' });
    else if (next <= review.reviewedOn || (term.endsOn !== null && next > term.endsOn))
      errors.push({ pointer: '/nextReviewOn', code: 'date-order' });
  }
  return errors;
}

/** What a review does to the agreement: the next review date, and on "end" the last day of the term. */
export function afterReview(
  review: ReviewInput,
  term: { endsOn: string | null },
): { reviewOn: string | null; endsOn: string | null } {
  if (review.outcome === 'end') {
    const endsOn = term.endsOn !== null && term.endsOn < review.reviewedOn ? term.endsOn : review.reviewedOn;
    return { reviewOn: null, endsOn };
  }
  return {
    reviewOn: review.nextReviewOn ?? defaultNextReview(review.reviewedOn, term.endsOn),
    endsOn: term.endsOn,
  };
}

/** Empty texts are no rule. */
export function normaliseRules(rules: Partial<Record<keyof AgreementRules, string | null>>): AgreementRules {
  const text = (value: string | null | undefined) => value?.trim() || null;
  return {
    meetings: text(rules.meetings),
    responsibilities: text(rules.responsibilities),
    documentation: text(rules.documentation),
  };
}
