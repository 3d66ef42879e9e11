import type { paths } from '../../api/schema';
import type { FieldProblem, Role } from '../../api/types';
import { LANGUAGE_CODES } from '../clients/codes';

// The partner directory's shapes, derived from the generated schema.
type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type Body<Op> = Op extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

export type PartnerListPage = Json<paths['/api/partners']['get']['responses'][200]>;
export type PartnerListItem = PartnerListPage['items'][number];
export type PartnerQuery = NonNullable<paths['/api/partners']['get']['parameters']['query']>;
export type Partner = Json<paths['/api/partners/{id}']['get']['responses'][200]>;
export type Contact = Partner['contacts'][number];
export type Offer = Partner['offers'][number];
export type PartnerCreate = Body<paths['/api/partners']['post']>;
export type PartnerUpdate = Body<paths['/api/partners/{id}']['put']>;
export type ContactInput = PartnerUpdate['contacts'][number];
export type OfferInput = Body<paths['/api/partners/{id}/offers']['post']>;
export type PartnerType = Json<paths['/api/partner-types']['get']['responses'][200]>['items'][number];
export type OfferSearchPage = Json<paths['/api/offers']['get']['responses'][200]>;
export type OfferSearchItem = OfferSearchPage['items'][number];
export type OfferQuery = NonNullable<paths['/api/offers']['get']['parameters']['query']>;
export type Removal = Json<paths['/api/partners/{id}']['delete']['responses'][200]>;
export type Scope = NonNullable<PartnerQuery['scope']>;
export type TargetGroup = OfferInput['targetGroups'][number];
export type FieldOfAction = NonNullable<OfferInput['field']>;

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
] as const satisfies readonly TargetGroup[];

/** The fields of action are the gap reports' vocabulary; offers, referrals and themes use the same. */
export { FIELDS_OF_ACTION } from '../gaps/model';

export const SCOPES = ['all', 'own', 'shared'] as const satisfies readonly Scope[];

/** Offers name their languages in ISO 639-1 (two letters). */
export const OFFER_LANGUAGE_CODES = LANGUAGE_CODES.filter((code) => code.length === 2);

export function isShippedType(key: string): key is ShippedPartnerType {
  return (SHIPPED_PARTNER_TYPES as readonly string[]).includes(key);
}

export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** Who may do what, as the server decides it (partners/policy.ts); the web only hides what would be refused. */
export function directoryRights(roles: readonly Role[]) {
  const has = (...r: Role[]) => r.some((role) => roles.includes(role));
  return {
    createOwn: has('case_manager', 'team_lead', 'org_admin'),
    createShared: has('installation_admin'),
    ownTypes: has('org_admin'),
    sharedTypes: has('installation_admin'),
  };
}

// ——— Partner form ———

export interface ContactValues {
  /** Stored contacts keep their id; new ones have none. */
  id?: string;
  /** Identifies the row in the form (React key), also before it has an id. */
  key: string;
  name: string;
  role: string;
  phone: string;
  email: string;
}

export interface PartnerValues {
  name: string;
  type: string;
  street: string;
  postalCode: string;
  city: string;
  district: string;
  phone: string;
  email: string;
  website: string;
  notes: string;
  contacts: ContactValues[];
}

export function emptyPartnerValues(): PartnerValues {
  return {
    name: '',
    type: '',
    street: '',
    postalCode: '',
    city: '',
    district: '',
    phone: '',
    email: '',
    website: '',
    notes: '',
    contacts: [],
  };
}

let rows = 0;
export function emptyContact(): ContactValues {
  rows += 1;
  return { key: `new-${rows}`, name: '', role: '', phone: '', email: '' };
}

export function contactValues(contact: Contact): ContactValues {
  return {
    id: contact.id,
    key: contact.id,
    name: contact.name,
    role: contact.role ?? '',
    phone: contact.phone ?? '',
    email: contact.email ?? '',
  };
}

export function partnerValues(partner: Partner): PartnerValues {
  return {
    name: partner.name,
    type: partner.type,
    street: partner.street ?? '',
    postalCode: partner.postalCode ?? '',
    city: partner.city ?? '',
    district: partner.district ?? '',
    phone: partner.phone ?? '',
    email: partner.email ?? '',
    website: partner.website ?? '',
    notes: partner.notes ?? '',
    contacts: partner.contacts.map(contactValues),
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function contactPayload(c: ContactValues): ContactInput {
  return {
    ...(c.id ? { id: c.id } : {}),
    name: c.name.trim(),
    role: orNull(c.role),
    phone: orNull(c.phone),
    email: orNull(c.email),
  };
}

/** The partner as the API takes it (create and update share the fields). */
export function partnerPayload(values: PartnerValues) {
  return {
    name: values.name.trim(),
    type: values.type,
    street: orNull(values.street),
    postalCode: orNull(values.postalCode),
    city: orNull(values.city),
    district: orNull(values.district),
    phone: orNull(values.phone),
    email: orNull(values.email),
    website: orNull(values.website),
    notes: orNull(values.notes),
    contacts: values.contacts.map(contactPayload),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the browser can check before sending; the server checks it all again. */
export function checkPartner(values: PartnerValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (pointer: string, code: string): void => {
    problems.push({ pointer, code, message: '' });
  };
  if (values.name.trim() === '') at('/name', 'required');
  if (values.type === '') at('/type', 'required');
  if (values.email.trim() !== '' && !EMAIL.test(values.email.trim())) {
    problems.push({ pointer: '/email', code: 'format', message: '', params: { format: 'email' } });
  }
  values.contacts.forEach((c, i) => {
    if (c.name.trim() === '') at(`/contacts/${i}/name`, 'required');
    if (c.email.trim() !== '' && !EMAIL.test(c.email.trim())) {
      problems.push({
        pointer: `/contacts/${i}/email`,
        code: 'format',
        message: '',
        params: { format: 'email' },
      });
    }
  });
  return problems;
}

// ——— Offer form ———

export interface OfferValues {
  title: string;
  description: string;
  field: FieldOfAction | '';
  targetGroups: TargetGroup[];
  ageMin: string;
  ageMax: string;
  languages: string[];
  district: string;
  costBearer: string;
  capacity: string;
  freePlaces: string;
  /** The form speaks in weeks; the server keeps days. */
  waitingWeeks: string;
  validFrom: string;
  validTo: string;
}

export function emptyOfferValues(): OfferValues {
  return {
    title: '',
    description: '',
    field: '',
    targetGroups: [],
    ageMin: '',
    ageMax: '',
    languages: ['de'],
    district: '',
    costBearer: '',
    capacity: '',
    freePlaces: '',
    waitingWeeks: '',
    validFrom: '',
    validTo: '',
  };
}

const numberText = (value: number | null) => (value === null ? '' : String(value));

/** Days as weeks for the form: whole weeks where they fit, else one decimal. */
export function daysToWeeks(days: number | null): string {
  if (days === null) return '';
  const weeks = days / 7;
  return Number.isInteger(weeks) ? String(weeks) : String(Math.round(weeks * 10) / 10);
}

export function weeksToDays(weeks: string): number | null {
  const text = weeks.trim().replace(',', '.');
  if (text === '') return null;
  return Math.round(Number(text) * 7);
}

export function offerValues(offer: Offer): OfferValues {
  return {
    title: offer.title,
    description: offer.description ?? '',
    field: offer.field ?? '',
    targetGroups: [...offer.targetGroups],
    ageMin: numberText(offer.ageMin),
    ageMax: numberText(offer.ageMax),
    languages: [...offer.languages],
    district: offer.district ?? '',
    costBearer: offer.costBearer ?? '',
    capacity: numberText(offer.capacity),
    freePlaces: numberText(offer.freePlaces),
    waitingWeeks: daysToWeeks(offer.waitingDays),
    validFrom: offer.validFrom ?? '',
    validTo: offer.validTo ?? '',
  };
}

const whole = (value: string) => (value.trim() === '' ? null : Number(value.trim()));

export function offerPayload(values: OfferValues): OfferInput {
  return {
    title: values.title.trim(),
    description: orNull(values.description),
    field: values.field === '' ? null : values.field,
    targetGroups: values.targetGroups,
    ageMin: whole(values.ageMin),
    ageMax: whole(values.ageMax),
    languages: values.languages,
    district: orNull(values.district),
    costBearer: orNull(values.costBearer),
    capacity: whole(values.capacity),
    freePlaces: whole(values.freePlaces),
    waitingDays: weeksToDays(values.waitingWeeks),
    validFrom: values.validFrom === '' ? null : values.validFrom,
    validTo: values.validTo === '' ? null : values.validTo,
  };
}

/** The offer rules' own messages (the shared texts know the common codes). */
export type OfferRuleMessages = Record<'age-range' | 'exceeds-capacity', string>;

/** The browser's checks of an offer: whole numbers, and the same rules the server applies. */
export function checkOffer(values: OfferValues, messages: OfferRuleMessages): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (pointer: string, code: string, params?: Record<string, unknown>): void => {
    const message = code === 'age-range' || code === 'exceeds-capacity' ? messages[code] : '';
    problems.push({ pointer, code, message, ...(params ? { params } : {}) });
  };
  if (values.title.trim() === '') at('/title', 'required');
  const numbers: [keyof OfferValues & string, number][] = [
    ['ageMin', 120],
    ['ageMax', 120],
    ['capacity', 100_000],
    ['freePlaces', 100_000],
  ];
  for (const [key, max] of numbers) {
    const text = String(values[key]).trim();
    if (text === '') continue;
    if (!/^\d+$/.test(text)) at(`/${key}`, 'wholeNumber');
    else if (Number(text) > max) at(`/${key}`, 'maximum', { limit: max });
  }
  const weeks = values.waitingWeeks.trim().replace(',', '.');
  if (weeks !== '' && !/^\d+(\.\d+)?$/.test(weeks)) at('/waitingDays', 'wholeNumber');
  else if (weeks !== '' && Number(weeks) * 7 > 3650) at('/waitingDays', 'maximum', { limit: 521 });
  if (problems.length > 0) return problems;
  const p = offerPayload(values);
  if (p.ageMin != null && p.ageMax != null && p.ageMin > p.ageMax) at('/ageMax', 'age-range');
  if (p.capacity != null && p.freePlaces != null && p.freePlaces > p.capacity)
    at('/freePlaces', 'exceeds-capacity');
  if (p.validFrom && p.validTo && p.validTo < p.validFrom) at('/validTo', 'date-order');
  return problems;
}
