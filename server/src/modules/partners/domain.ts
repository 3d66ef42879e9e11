/**
 * The partner directory's rules (issue 7; BRIEF 4): the shipped partner types and target groups, and what
 * makes an offer (Angebot) consistent — pure functions without I/O, so the service, the tests and the
 * referral search agree on them.
 */

/** The partner types every organisation has; organisations and the shared directory may add their own. */
export const SHIPPED_PARTNER_TYPES = [
  'jobcenter',
  'employment_agency',
  'immigration_office',
  'social_welfare_office',
  'youth_welfare_office',
  'school',
  'kita',
  'language_course_provider',
  'migration_counselling',
  'psychosocial_service',
  'debt_counselling',
  'health',
  'housing',
  'volunteers',
  'migrant_organisation',
  'employer',
  'other',
] as const;
export type ShippedPartnerType = (typeof SHIPPED_PARTNER_TYPES)[number];

export const TARGET_GROUPS = [
  'children',
  'young_people',
  'young_adults',
  'adults',
  'families',
  'parents',
  'women',
  'refugees',
  'newly_arrived',
  'people_with_disabilities',
  'seniors',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const DIRECTORY_SCOPES = ['own', 'shared', 'all'] as const;
export type DirectoryScope = (typeof DIRECTORY_SCOPES)[number];

/** ISO 639-1: the two-letter language codes an offer's languages are given in. */
export const ISO_639_1 = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ' +
    'ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik ' +
    'io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml ' +
    'mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd ' +
    'se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi ' +
    'vo wa wo xh yi yo za zh zu'
  ).split(' '),
);

export function isLanguageCode(code: string): boolean {
  return /^[a-z]{2}$/.test(code) && ISO_639_1.has(code);
}

/** A broken rule at a JSON pointer of the request body; the service turns it into a field error. */
export interface Finding {
  pointer: string;
  code: string;
  params?: Record<string, unknown>;
}

/** The parts of an offer the rules look at (absent values are null or undefined). */
export interface OfferRuleInput {
  ageMin?: number | null;
  ageMax?: number | null;
  capacity?: number | null;
  freePlaces?: number | null;
  validFrom?: string | null;
  validTo?: string | null;
  languages: readonly string[];
}

export function offerFindings(offer: OfferRuleInput): Finding[] {
  const findings: Finding[] = [];
  if (offer.ageMin != null && offer.ageMax != null && offer.ageMin > offer.ageMax) {
    findings.push({ pointer: '/ageMax', code: 'age-range' });
  }
  if (offer.capacity != null && offer.freePlaces != null && offer.freePlaces > offer.capacity) {
    findings.push({ pointer: '/freePlaces', code: 'exceeds-capacity' });
  }
  if (offer.validFrom && offer.validTo && offer.validTo < offer.validFrom) {
    findings.push({ pointer: '/validTo', code: 'date-order' });
  }
  offer.languages.forEach((code, i) => {
    if (!isLanguageCode(code)) findings.push({ pointer: `/languages/${i}`, code: 'language-code' });
  });
  return findings;
}

/**
 * A partner's type must be shipped or one of the custom types it may use: the organisation's own and the
 * shared directory's for an own partner, only the shared directory's for a shared one. A type that was
 * archived after the partner got it stays valid for that partner (`current`), so an unrelated edit is not
 * refused.
 */
export function typeFinding(
  type: string,
  customKeys: ReadonlySet<string>,
  current: string | null = null,
): Finding | null {
  if ((SHIPPED_PARTNER_TYPES as readonly string[]).includes(type)) return null;
  if (customKeys.has(type) || type === current) return null;
  return { pointer: '/type', code: 'not-in-list' };
}

/** Whether an offer can be chosen on a day: not archived, and the day within its validity (open ends allowed). */
export function offerValidOn(
  offer: { validFrom: string | null; validTo: string | null; archived: boolean },
  day: string,
): boolean {
  if (offer.archived) return false;
  if (offer.validFrom !== null && offer.validFrom > day) return false;
  if (offer.validTo !== null && offer.validTo < day) return false;
  return true;
}

/** Whether a person of an age fits an offer's age range (open ends allowed). */
export function fitsAgeRange(offer: { ageMin: number | null; ageMax: number | null }, age: number): boolean {
  return (offer.ageMin === null || offer.ageMin <= age) && (offer.ageMax === null || offer.ageMax >= age);
}

/**
 * The stable key of a custom type, from its label: lower case ASCII with underscores, German umlauts spelled
 * out ("Tafel / Lebensmittel" → "tafel_lebensmittel"). Custom keys carry the prefix "custom_" so they can
 * never collide with a type shipped later.
 */
export function customTypeKey(label: string): string {
  const slug = label
    .trim()
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return `custom_${slug || 'type'}`;
}
