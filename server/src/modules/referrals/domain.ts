/**
 * Referrals (Vermittlung, the "Linking" phase): from a plan step to an offer of a network partner, with the
 * status of the referral, its dates, the waiting time and the barriers that stood in the way
 * [000 L366–416; 001 L1036–1045]. Pure rules without I/O.
 */

export const REFERRAL_STATUSES = [
  'requested',
  'accepted',
  'started',
  'completed',
  'declined',
  'broken_off',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/**
 * requested → accepted → started → completed; the partner may decline a request or an acceptance it cannot
 * keep, and a referral that was accepted or started may be broken off (by the client or the partner).
 */
export const NEXT_STATUSES: Record<ReferralStatus, readonly ReferralStatus[]> = {
  requested: ['accepted', 'declined'],
  accepted: ['started', 'declined', 'broken_off'],
  started: ['completed', 'broken_off'],
  completed: [],
  declined: [],
  broken_off: [],
};

export function mayMove(from: ReferralStatus, to: ReferralStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

export function isOpen(status: ReferralStatus): boolean {
  return NEXT_STATUSES[status].length > 0;
}

/**
 * Vermittlungshindernisse: what stood between the client and the help. The Ulm standards ask that the
 * needs and fears of client and provider are weighed "damit Vermittlungshindernisse sichtbar werden"
 * [000 L414–416]; the keys are counted for the planning level, so they are a fixed list with a free note.
 */
export const BARRIERS = [
  // Waiting list for a course: "Zurzeit ist Herr A. auf der Warteliste für einen Integrationskurs" [004 L6495–6497]
  'waiting_list',
  // "wo es noch freie Plätze gibt und was zu tun ist, um einen Platz zu bekommen" [003 L2032–2033]
  'no_places',
  // Language: access to therapy "wegen sprachlicher Barrieren erschwert" [004 L17137–17157]
  'language',
  // Costs: every cost bearer of the plan must be named [000 L315–321]; unclear funding blocks the start
  'costs_unclear',
  // Distance and mobility: children to different schools "mit den öffentlichen Verkehrsmitteln" [004 L6536–6541];
  // "das Thema Mobilität in dem Flächenkreis" [004 L5605]
  'distance_mobility',
  // Childcare: "Für das jüngste ist noch keine Kinderbetreuung gesichert" [004 L6508–6509];
  // objective barriers "bspw. fehlende Kinderbetreuung" [002 L580]
  'childcare',
  // Documents: waiting times "auch durch fehlende Unterlagen … verursacht" [004 L6497–6500]
  'documents_missing',
  // Residence law: an integration course "aufgrund ihres Aufenthaltsstatus … verwehrt" [001 L1077–1078];
  // access differs by residence status [004 L17162–17164]
  'residence_law',
  // Access requirements and thresholds of the provider: "nicht alle Ämter und Behörden [haben]
  // niedrigschwellige Zugänge" [004 L17105–17108]; "Zugangsbarrieren" [003 L807]
  'access_requirements',
  // Motivation and cooperation: "mangelnder oder eingestellter Kooperation seitens des Begleiteten"
  // [001 L1245–1247]; subjective barriers [002 L580–582]
  'motivation',
  // Health: post-traumatic stress and mental illness make help harder to reach [004 L17150–17157]
  'health',
  // Anything else, described in the note [000 L414–416]
  'other',
] as const;
export type Barrier = (typeof BARRIERS)[number];

export interface Finding {
  pointer: string;
  code: string;
  params?: Record<string, unknown>;
}

/** The dates a referral has collected so far. */
export interface ReferralDates {
  requestedOn: string;
  acceptedOn: string | null;
  startedOn: string | null;
  endedOn: string | null;
}

/** Which date column a status sets. */
export function dateFieldOf(status: ReferralStatus): keyof ReferralDates {
  switch (status) {
    case 'requested':
      return 'requestedOn';
    case 'accepted':
      return 'acceptedOn';
    case 'started':
      return 'startedOn';
    default:
      return 'endedOn';
  }
}

/** The latest date recorded so far: the next status cannot have happened before it. */
export function lastDate(dates: ReferralDates): string {
  return [dates.requestedOn, dates.acceptedOn, dates.startedOn, dates.endedOn]
    .filter((d): d is string => d !== null)
    .reduce((a, b) => (b > a ? b : a));
}

/** A status date must not lie in the future (`in-future`). */
export function dateErrors(pointer: string, on: string, today: string): Finding[] {
  return on > today ? [{ pointer, code: 'in-future' }] : [];
}

export type TransitionCheck =
  | { ok: true; dates: ReferralDates }
  | { ok: false; kind: 'not-allowed'; allowed: readonly ReferralStatus[] }
  | { ok: false; kind: 'invalid'; errors: Finding[] };

/**
 * Moves a referral to the next status on a day: the move must be allowed, the day not before the
 * previous status's day (`date-order`) and not in the future (`in-future`).
 */
export function transition(
  current: { status: ReferralStatus; dates: ReferralDates },
  next: ReferralStatus,
  on: string,
  today: string,
): TransitionCheck {
  if (!mayMove(current.status, next)) {
    return { ok: false, kind: 'not-allowed', allowed: NEXT_STATUSES[current.status] };
  }
  const errors = dateErrors('/on', on, today);
  const previous = lastDate(current.dates);
  if (on < previous) errors.push({ pointer: '/on', code: 'date-order', params: { after: previous } });
  if (errors.length > 0) return { ok: false, kind: 'invalid', errors };
  return { ok: true, dates: { ...current.dates, [dateFieldOf(next)]: on } };
}

/**
 * Waiting time in days from the request to the start. An open referral (requested, accepted) is still
 * waiting: counted to today. One declined or broken off before it started has no waiting time.
 */
export function waitingDays(
  r: { status: ReferralStatus; requestedOn: string; startedOn: string | null },
  today: string,
): number | null {
  if (r.startedOn !== null) return daysBetween(r.requestedOn, r.startedOn);
  if (r.status === 'requested' || r.status === 'accepted') {
    return Math.max(0, daysBetween(r.requestedOn, today));
  }
  return null;
}

function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/** An offer is valid on a day when the day lies within its valid-from/valid-to (open ends allowed). */
export function offerValidOn(
  offer: { validFrom: string | null; validTo: string | null },
  day: string,
): boolean {
  return (
    (offer.validFrom === null || offer.validFrom <= day) && (offer.validTo === null || offer.validTo >= day)
  );
}

/** A full offer needs the case manager's confirmation; an unknown number of places does not. */
export function needsPlaceConfirmation(offer: { freePlaces: number | null }): boolean {
  return offer.freePlaces !== null && offer.freePlaces <= 0;
}
