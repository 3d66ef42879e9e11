import { ageOn } from '../clients/domain.js';

/** Consent and releases from confidentiality (BRIEF section 5; [001 L402–456]). Pure rules. */

export const CONSENT_KINDS = ['data_processing', 'release', 'case_management'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const DATA_CATEGORIES = [
  'master_data',
  'assessment',
  'plan',
  'health',
  'residence',
  'journal',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const CONSENT_LANGUAGES = ['de', 'en', 'ar', 'uk'] as const;
export type ConsentLanguage = (typeof CONSENT_LANGUAGES)[number];
export const CONSENT_FORMS = ['written', 'electronic', 'oral'] as const;
export type ConsentForm = (typeof CONSENT_FORMS)[number];
export const GIVEN_BY = ['client', 'guardian'] as const;
export const RECIPIENT_KINDS = ['organisation', 'person'] as const;

/** What a release may be used for; a disclosure must name one of these and match the release. */
export const PURPOSES = [
  'referral', // Vermittlung an ein Angebot
  'case_conference', // Fallkonferenz / Helferkonferenz
  'coordination', // Abstimmung der Hilfen
  'mandate_feedback', // Rückmeldung an die zuweisende Stelle
  'application', // Antragstellung / Bescheinigung
  'other',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Other legal bases than consent for processing (recorded with a note). */
export const LEGAL_BASES = ['statutory_task', 'legal_obligation', 'vital_interest'] as const;

/** Minimal master data may be kept without consent: who the person is and how to reach them. */
export const MINIMAL_CLIENT_FIELDS = [
  'familyName',
  'givenNames',
  'birthDate',
  'birthYear',
  'gender',
  'phone',
  'email',
] as const;

/**
 * Under 16 the guardians consent [001 L402–440]. With only the birth year known the person may be a year
 * younger than the year difference says, so a difference of 16 still requires the guardian.
 */
export function guardianRequired(birthDate: string | null, birthYear: number | null, onDay: string): boolean {
  if (birthDate) return (ageOn(birthDate, null, onDay) ?? 99) < 16;
  if (birthYear === null) return false;
  return Number(onDay.slice(0, 4)) - birthYear <= 16;
}

export interface ConsentFacts {
  kind: string;
  givenOn: string;
  validUntil: string | null;
  revokedOn: string | null;
}

export function validOn(consent: ConsentFacts, day: string): boolean {
  return (
    consent.givenOn <= day &&
    (consent.validUntil === null || consent.validUntil >= day) &&
    (consent.revokedOn === null || consent.revokedOn > day)
  );
}

/** Compares recipient names ignoring case, spacing and diacritics ("Jobcenter  Musterstadt" = "jobcenter musterstadt"). */
export function recipientKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface ReleaseFacts extends ConsentFacts {
  id: string;
  recipientKey: string | null;
  purpose: string | null;
  categories: readonly string[];
}

export interface DisclosureRequest {
  recipientKey: string;
  purpose: Purpose;
  categories: readonly DataCategory[];
  day: string;
}

export type CoverageResult =
  | { allowed: true; releaseId: string }
  | {
      allowed: false;
      reason: 'no-release' | 'expired' | 'revoked' | 'purpose' | 'categories';
      missingCategories: DataCategory[];
    };

/**
 * Does a release from confidentiality cover this disclosure? Only a release for exactly this recipient,
 * valid today, for this purpose and every requested data category does (§ 203 StGB, case by case).
 * The most helpful refusal reason is reported: a release that exists but does not fit says why.
 */
export function releaseCovers(releases: readonly ReleaseFacts[], request: DisclosureRequest): CoverageResult {
  const forRecipient = releases.filter(
    (r) => r.kind === 'release' && r.recipientKey === request.recipientKey,
  );
  if (forRecipient.length === 0)
    return { allowed: false, reason: 'no-release', missingCategories: [...request.categories] };
  const valid = forRecipient.filter((r) => validOn(r, request.day));
  if (valid.length === 0) {
    const revoked = forRecipient.some((r) => r.revokedOn !== null && r.revokedOn <= request.day);
    return { allowed: false, reason: revoked ? 'revoked' : 'expired', missingCategories: [] };
  }
  const forPurpose = valid.filter((r) => r.purpose === request.purpose);
  if (forPurpose.length === 0) return { allowed: false, reason: 'purpose', missingCategories: [] };
  let best: { release: ReleaseFacts; missing: DataCategory[] } | null = null;
  for (const release of forPurpose) {
    const missing = request.categories.filter((c) => !release.categories.includes(c));
    if (missing.length === 0) return { allowed: true, releaseId: release.id };
    if (!best || missing.length < best.missing.length) best = { release, missing };
  }
  return {
    allowed: false,
    reason: 'categories',
    missingCategories: best?.missing ?? [...request.categories],
  };
}

export type RetentionState =
  'active' | 'review_due' | 'close_due' | 'anonymise_due' | 'awaiting_confirmation' | 'anonymised';

/**
 * Retention rules [001 L446–456, L1270–1285]: a running case without activity for `reviewAfterDays`
 * (default 6 months) comes up for a decision; without contact for `closeAfterDays` (default 9 months) it is
 * closed with reason "no contact" and anonymised; a closed case is anonymised `anonymiseAfterDays` after
 * closure (default 0) once the case manager and an org admin have confirmed.
 */
export function retentionState(
  c: {
    phase: string;
    anonymisedAt: string | null;
    closedOn: string | null;
    lastActivityOn: string;
    lastContactOn: string | null;
    openedOn: string;
    reviewedOn: string | null;
    confirmed: boolean;
    approved: boolean;
  },
  settings: { reviewAfterDays: number; closeAfterDays: number; anonymiseAfterDays: number },
  today: string,
): RetentionState {
  if (c.anonymisedAt) return 'anonymised';
  const daysSince = (date: string) =>
    Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
  if (c.phase === 'closed') {
    if (c.closedOn === null || daysSince(c.closedOn) < settings.anonymiseAfterDays) return 'active';
    return c.confirmed && c.approved ? 'anonymise_due' : 'awaiting_confirmation';
  }
  if (daysSince(c.lastContactOn ?? c.openedOn) >= settings.closeAfterDays) return 'close_due';
  const lastLook = c.reviewedOn && c.reviewedOn > c.lastActivityOn ? c.reviewedOn : c.lastActivityOn;
  if (daysSince(lastLook) >= settings.reviewAfterDays) return 'review_due';
  return 'active';
}
