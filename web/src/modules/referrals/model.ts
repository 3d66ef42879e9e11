import type { paths } from '../../api/schema';

// The referrals module's shapes, derived from the generated schema.
type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type BodyOf<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;

export type ReferralPage = Json<paths['/api/cases/{id}/referrals']['get']['responses'][200]>;
export type Referral = ReferralPage['items'][number];
export type ReferralStatus = Referral['status'];
export type Barrier = Referral['barriers'][number];
export type ReferralEvent = Referral['events'][number];
export type CreateBody = BodyOf<NonNullable<paths['/api/cases/{id}/referrals']['post']['requestBody']>>;
export type StatusBody = BodyOf<NonNullable<paths['/api/referrals/{id}/status']['post']['requestBody']>>;
export type UpdateBody = BodyOf<NonNullable<paths['/api/referrals/{id}']['put']['requestBody']>>;
export type DataCategory = CreateBody['categories'][number];

export type OfferQuery = NonNullable<paths['/api/offers']['get']['parameters']['query']>;
export type OfferPage = Json<paths['/api/offers']['get']['responses'][200]>;
export type OfferHit = OfferPage['items'][number];
export type FieldOfAction = NonNullable<OfferQuery['field']>;

export const REFERRAL_STATUSES = [
  'requested',
  'accepted',
  'started',
  'completed',
  'declined',
  'broken_off',
] as const satisfies readonly ReferralStatus[];

/** Vermittlungshindernisse, in the order the server lists them (see server referrals/domain.ts). */
export const BARRIERS = [
  'waiting_list',
  'no_places',
  'language',
  'costs_unclear',
  'distance_mobility',
  'childcare',
  'documents_missing',
  'residence_law',
  'access_requirements',
  'motivation',
  'health',
  'other',
] as const satisfies readonly Barrier[];

/** The fields of action are the gap reports' vocabulary; offers, referrals and themes use the same. */
export { FIELDS_OF_ACTION } from '../gaps/model';

/** Languages offered in the search; the directory stores ISO 639-1 codes. */
export const SEARCH_LANGUAGES = [
  'de',
  'ar',
  'uk',
  'fa',
  'tr',
  'ru',
  'en',
  'fr',
  'ku',
  'ti',
  'so',
  'ps',
] as const;

/** The date a status was reached. */
export function dateOf(referral: Referral): string | null {
  switch (referral.status) {
    case 'requested':
      return referral.requestedOn;
    case 'accepted':
      return referral.acceptedOn;
    case 'started':
      return referral.startedOn;
    default:
      return referral.endedOn;
  }
}
