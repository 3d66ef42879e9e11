// Domain-facing names for the shapes of the generated schema. Derived from `paths` rather than
// `components`, so they survive whether the server names its schemas or inlines them.
import type { paths } from './schema';

type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type Body<Op> = Op extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : Op extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B
    : never;

export type SessionInfo = Json<paths['/api/auth/session']['get']['responses'][200]>;
export type Me = SessionInfo['user'];
export type Role = Me['roles'][number];
export type Locale = Me['locale'];
export type NamedRef = Me['orgUnits'][number];

export type UserPage = Json<paths['/api/users/search']['post']['responses'][200]>;
export type User = Json<paths['/api/users/{id}']['get']['responses'][200]>;
/** The user list's full query: filters, sorting, page and the search term (which goes only in a body). */
export type UserQuery = Body<paths['/api/users/search']['post']>;
export type UserSort = NonNullable<UserQuery['sort']>;

export type UserPatch = NonNullable<
  paths['/api/users/{id}']['patch']['requestBody']
>['content']['application/json'];

export type OrgUnit = Json<paths['/api/org-units']['get']['responses'][200]>['items'][number];
export type Organisation = Json<paths['/api/organisations']['get']['responses'][200]>['items'][number];

export type AuditPage = Json<paths['/api/audit']['get']['responses'][200]>;
export type AuditEntry = AuditPage['items'][number];
export type AuditQuery = NonNullable<paths['/api/audit']['get']['parameters']['query']>;
export type ChainVerification = Json<paths['/api/audit/verify']['get']['responses'][200]>;

export type Colleague = Json<paths['/api/colleagues']['get']['responses'][200]>['items'][number];
/** An entry of a configurable list of the organisation: districts, indication criteria. */
export type ListEntry = Json<paths['/api/districts']['get']['responses'][200]>['items'][number];
export type OrganisationSettings = Json<paths['/api/organisation']['get']['responses'][200]>;

export type ClientPage = Json<paths['/api/clients/search']['post']['responses'][200]>;
/** The client list's full query: page and the search term (which goes only in a body). */
export type ClientQuery = Body<paths['/api/clients/search']['post']>;
export type ClientListItem = ClientPage['items'][number];
export type ClientView = Json<paths['/api/clients/{id}']['get']['responses'][200]>;
type ClientRegistration = Body<paths['/api/clients']['post']>;
/** The master data as register and replace both take them. */
export type ClientInput = Omit<ClientRegistration, 'confirmNotDuplicate' | 'consent'>;
/** The consent to data processing recorded together with the registration. */
export type InlineConsent = NonNullable<ClientRegistration['consent']>;
export type ConsentGiver = InlineConsent['givenBy'];
export type ConsentForm = InlineConsent['form'];
export type ConsentLanguage = InlineConsent['language'];
export type ProcessingBasis = ClientView['processing'];
export type Gender = ClientView['gender'];
export type ResidenceStatus = NonNullable<ClientView['residenceStatus']>;
export type LegalDomain = NonNullable<ClientView['legalDomain']>;
export type Relation = ClientView['relatedPersons'][number]['relation'];
export type LanguageLevel = NonNullable<ClientInput['languages']>[number]['level'];

export type CasePage = Json<paths['/api/cases/search']['post']['responses'][200]>;
export type CaseListItem = CasePage['items'][number];
/** The case list's full query: filters, sorting, page and the search term (which goes only in a body). */
export type CaseQuery = Body<paths['/api/cases/search']['post']>;
export type CaseSort = NonNullable<CaseQuery['sort']>;
export type CaseView = Json<paths['/api/cases/{id}']['get']['responses'][200]>;
export type CaseKind = CaseView['kind'];
export type Phase = CaseView['phase'];
export type Intake = CaseView['intake'];
export type IntakeInput = Body<paths['/api/cases/{id}/intake']['put']>['intake'];
export type AccessRoute = Intake['accessRoute'];
export type IndicationDecision = NonNullable<Intake['indicationDecision']>;
export type ContractForm = NonNullable<Intake['contractForm']>;
export type Mandate = NonNullable<Intake['mandate']>;
export type Delegation = CaseView['delegations'][number];
export type DelegationScope = Delegation['scope'];
export type PhaseChange = CaseView['phaseHistory'][number];

export type JournalPage = Json<paths['/api/cases/{id}/journal']['get']['responses'][200]>;
export type JournalEntry = JournalPage['items'][number];
export type JournalKind = JournalEntry['kind'];
export type JournalRevision = Json<
  paths['/api/cases/{id}/journal/{entryId}/history']['get']['responses'][200]
>['items'][number];

export type FollowUpPage = Json<paths['/api/follow-ups/mine']['get']['responses'][200]>;
export type FollowUp = FollowUpPage['items'][number];

export type Notifications = Json<paths['/api/notifications']['get']['responses'][200]>;
export type Notification = Notifications['items'][number];

export type Caseloads = Json<paths['/api/caseloads']['get']['responses'][200]>;
export type CaseloadRow = Caseloads['rows'][number];
export type CaseloadLevel = CaseloadRow['level'];

export type ConsentList = Json<paths['/api/clients/{id}/consents']['get']['responses'][200]>;
export type Consent = ConsentList['items'][number];
export type ConsentKind = Consent['kind'];
export type ConsentInput = Body<paths['/api/clients/{id}/consents']['post']>;
export type Purpose = NonNullable<ConsentInput['purpose']>;
export type DataCategory = NonNullable<ConsentInput['categories']>[number];
export type Recipient = NonNullable<ConsentInput['recipient']>;
export type RecipientKind = Recipient['kind'];
export type LegalBasis = NonNullable<Body<paths['/api/clients/{id}/legal-basis']['put']>['legalBasis']>;
export type Revocation = Json<paths['/api/consents/{id}/revoke']['post']['responses'][200]>;
export type Anonymisation = NonNullable<Revocation['anonymisation']>;
export type ConsentTemplate = Json<paths['/api/consent-templates']['get']['responses'][200]>['items'][number];
export type TemplateText = ConsentTemplate['content'];
export type PrintableForm = Json<paths['/api/consent-forms/{kind}/{language}']['get']['responses'][200]>;

export type ShareResult = Json<paths['/api/cases/{id}/share']['post']['responses'][200]>;
export type Disclosure = Json<paths['/api/cases/{id}/disclosures']['get']['responses'][200]>['items'][number];
export type DisclosurePage = Json<paths['/api/disclosures']['get']['responses'][200]>;
export type DisclosureQuery = NonNullable<paths['/api/disclosures']['get']['parameters']['query']>;
export type RetentionItem = Json<paths['/api/retention/board']['get']['responses'][200]>['items'][number];
export type RetentionState = RetentionItem['state'];
export type SubjectRequest = Json<paths['/api/requests']['get']['responses'][200]>['items'][number];
export type SubjectRequestKind = Body<paths['/api/clients/{id}/requests']['post']>['kind'];

/** The phases of the case-management cycle in their order, then closed. */
export const PHASES = [
  'intake',
  'assessment',
  'planning',
  'linking',
  'monitoring',
  'evaluation',
  'closed',
] as const satisfies readonly Phase[];
export const CASE_KINDS = [
  'information',
  'counselling',
  'case_management',
] as const satisfies readonly CaseKind[];
export const ACCESS_ROUTES = [
  'self',
  'agency_referral',
  'outreach',
  'mandated',
] as const satisfies readonly AccessRoute[];
export const INDICATION_DECISIONS = [
  'cm_needed',
  'counselling_only',
  'referred_elsewhere',
] as const satisfies readonly IndicationDecision[];
export const CONTRACT_FORMS = ['oral', 'written'] as const satisfies readonly ContractForm[];
export const DELEGATION_SCOPES = ['full', 'journal'] as const satisfies readonly DelegationScope[];
export const JOURNAL_KINDS = [
  'personal_talk',
  'phone',
  'home_visit',
  'email_letter',
  'case_conference',
  'accompaniment',
  'missed_appointment',
  'note',
] as const satisfies readonly JournalKind[];
export const GENDERS = ['female', 'male', 'diverse', 'not_stated'] as const satisfies readonly Gender[];
export const RESIDENCE_STATUSES = [
  'residence_permit',
  'settlement_permit',
  'permission_to_reside',
  'toleration',
  'eu_free_movement',
  'german_citizen',
  'visa',
  'none',
  'other',
] as const satisfies readonly ResidenceStatus[];
export const LEGAL_DOMAINS = [
  'sgb2',
  'sgb3',
  'sgb8',
  'sgb12',
  'asylblg',
  'none',
] as const satisfies readonly LegalDomain[];
export const RELATIONS = [
  'parent',
  'guardian',
  'partner',
  'sibling',
  'child',
  'relative',
  'friend',
  'other',
] as const satisfies readonly Relation[];
export const CONSENT_FORMS = ['written', 'electronic', 'oral'] as const satisfies readonly ConsentForm[];
export const CONSENT_LANGUAGES = ['de', 'en', 'ar', 'uk'] as const satisfies readonly ConsentLanguage[];
export const CONSENT_KINDS = [
  'data_processing',
  'case_management',
  'release',
] as const satisfies readonly ConsentKind[];
export const PURPOSES = [
  'referral',
  'case_conference',
  'coordination',
  'mandate_feedback',
  'application',
  'other',
] as const satisfies readonly Purpose[];
export const DATA_CATEGORIES = [
  'master_data',
  'assessment',
  'plan',
  'health',
  'residence',
  'journal',
] as const satisfies readonly DataCategory[];
export const RECIPIENT_KINDS = ['organisation', 'person'] as const satisfies readonly RecipientKind[];
export const LEGAL_BASES = [
  'statutory_task',
  'legal_obligation',
  'vital_interest',
] as const satisfies readonly LegalBasis[];
export const SUBJECT_REQUEST_KINDS = [
  'access',
  'correction',
  'erasure',
] as const satisfies readonly SubjectRequestKind[];
export const LANGUAGE_LEVELS = [
  'native',
  'c2',
  'c1',
  'b2',
  'b1',
  'a2',
  'a1',
  'none',
] as const satisfies readonly LanguageLevel[];

// Each fails to compile when the server adds a value that the list above does not name.
type Unlisted<All, Listed> = Exclude<All, Listed> extends never ? true : Exclude<All, Listed>;
const _allListed: [
  Unlisted<Phase, (typeof PHASES)[number]>,
  Unlisted<CaseKind, (typeof CASE_KINDS)[number]>,
  Unlisted<AccessRoute, (typeof ACCESS_ROUTES)[number]>,
  Unlisted<IndicationDecision, (typeof INDICATION_DECISIONS)[number]>,
  Unlisted<ContractForm, (typeof CONTRACT_FORMS)[number]>,
  Unlisted<DelegationScope, (typeof DELEGATION_SCOPES)[number]>,
  Unlisted<JournalKind, (typeof JOURNAL_KINDS)[number]>,
  Unlisted<Gender, (typeof GENDERS)[number]>,
  Unlisted<ResidenceStatus, (typeof RESIDENCE_STATUSES)[number]>,
  Unlisted<LegalDomain, (typeof LEGAL_DOMAINS)[number]>,
  Unlisted<Relation, (typeof RELATIONS)[number]>,
  Unlisted<LanguageLevel, (typeof LANGUAGE_LEVELS)[number]>,
  Unlisted<ConsentForm, (typeof CONSENT_FORMS)[number]>,
  Unlisted<ConsentLanguage, (typeof CONSENT_LANGUAGES)[number]>,
  Unlisted<ConsentKind, (typeof CONSENT_KINDS)[number]>,
  Unlisted<Purpose, (typeof PURPOSES)[number]>,
  Unlisted<DataCategory, (typeof DATA_CATEGORIES)[number]>,
  Unlisted<RecipientKind, (typeof RECIPIENT_KINDS)[number]>,
  Unlisted<LegalBasis, (typeof LEGAL_BASES)[number]>,
  Unlisted<SubjectRequestKind, (typeof SUBJECT_REQUEST_KINDS)[number]>,
] = [
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
];

/** Whether a string is one of the values of a list of literals (narrows the type). */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** All roles in the order the UI lists them. */
export const ROLES = [
  'case_manager',
  'team_lead',
  'org_admin',
  'planner',
  'dpo',
  'installation_admin',
] as const satisfies readonly Role[];

// Fails to compile when the server adds a role that ROLES does not list.
type MissingRoles = Exclude<Role, (typeof ROLES)[number]>;
const _allRolesListed: MissingRoles extends never ? true : MissingRoles = true;

export const LOCALES = ['de', 'en'] as const satisfies readonly Locale[];

export function isLocale(value: unknown): value is Locale {
  return value === 'de' || value === 'en';
}

/** One entry of a problem document's `errors[]`: which field, which rule (ajv keyword or domain code). */
export interface FieldProblem {
  pointer: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

/**
 * An RFC 9457 problem document as the server sends it. The client also builds one for failures that never
 * reached the server (code `network`) and for its own form checks, so every error takes the same path to the UI.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId?: string;
  errors?: FieldProblem[];
  retryAfterSeconds?: number;
  current?: unknown;
  /** With code `assessment-draft-exists`: the open draft to continue instead of starting another. */
  draftId?: string;
  /** With code `possible-duplicate`: hints to records that may be the same person. */
  duplicates?: DuplicateHint[];
  /** With code `disclosure-refused`: why the release does not cover the disclosure. */
  refusal?: DisclosureRefusal;
}

/** Why a disclosure was refused: no release for the recipient, expired, revoked, other purpose, categories. */
export interface DisclosureRefusal {
  reason: string;
  missingCategories: string[];
  recipient: string;
}

/** A record that may be the same person; `id` is null when the user may not open it. */
export interface DuplicateHint {
  id: string | null;
  registeredOn: string;
  responsible: string[];
}
