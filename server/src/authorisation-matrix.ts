import type { Role } from './core/context.js';
import { localDate } from './core/clock.js';

/**
 * The authorisation matrix (issue 10, security): for every operation of the OpenAPI document, who may call it
 * on which record. `authorisation-matrix.test.ts` sends every operation as every role (and signed out) against
 * every ownership variant and compares the answer with this table; an operation without an entry, or an entry
 * without an operation, fails the suite — and so does an /api route left out of the OpenAPI document (only the
 * document itself and its viewer under /api/docs are).
 *
 * The entries are written from the module policies (`modules/<name>/policy.ts`, `cases/policy.ts` with
 * `decideCaseAccess`) and the roles of `../shared/domain/BRIEF.md` — never from what the code answers, so the
 * test can disagree with the code.
 *
 * ## Adding a route
 *
 * Add one line `'METHOD /api/path/{param}': { scope, allow, … }` below, in the block of its module:
 * - `scope` says which records the path (or body) points at, and so which variants are tried:
 *   `'session'` — no record (lists, creation, the own account): variant `own` only;
 *   `'org'`     — a record of an organisation (partner, user, district …): `own` and `other_org`;
 *   `'user'`    — a user account: `own` (another user of organisation 1), `self` (the acting user), `other_org`;
 *   `'gap'`     — a gap report: `own`, `coordinated` (of an organisation that shares its aggregates with
 *                 organisation 1, the installation's coordination office), `other_org`;
 *   `'directory'` — a partner, offer or partner type: `own`, `shared` (the installation's shared directory),
 *                 `other_org`;
 *   `'case'`    — a case or something inside one (journal entry, plan goal, referral …): `own`, `delegated`,
 *                 `delegated_journal`, `colleague`, `glass_broken`, `other_unit`, `other_org`.
 * - `allow` names, per principal, the variants in which the call is allowed; a principal or variant not named is
 *   denied. Use the shorthands below where they fit (CASE_READ …) so that a reviewer sees the rule, not a list.
 * - `body` / `query` / `params`: a minimal valid request (the test checks the body and query against the
 *   operation's own schema first, so a 400 can never hide a missing check). Without `body` one is generated from
 *   the schema's required fields; fields holding ids must be declared.
 * - `isolate`: the call changes what later calls rely on (signs out, revokes, grants access). Allowed calls then
 *   run last, each on fresh records (`'record'`) or as a fresh user of the role (`'session'`).
 *
 * ## Variants
 *
 * Every role acts as its user in organisation 1 (the case manager is "case manager A"; all these users work in
 * org unit 1, where the cases are unless said otherwise). `own`: the record of organisation 1 — for cases, a
 * case of case manager A;
 * `delegated`: a case of case manager B that B delegated to A in full; `colleague`: another case of case
 * manager B, not shared with A; `delegated_journal`: a case of B delegated to A for journal entries only;
 * `glass_broken`: a case of B that the team lead opened with a recorded reason (break the glass);
 * `other_unit`: a case of case manager D in the organisation's second unit, which the team lead does not lead;
 * `shared`: a record of the installation's shared partner directory; `other_org`: the same kind of record in
 * organisation 2.
 *
 * ## How the test recognises allow and deny
 *
 * Denied: 401 (signed out), 403 `forbidden` / `break-glass-required`, 404 `not-found` (other organisations'
 * records are concealed). Allowed: every other answer — 2xx, or a problem document with another code
 * (404 `sso-not-configured` is an answer about the installation, not a hidden record), e.g. 409
 * `version-conflict` for the deliberately stale versions of state-changing calls, 400 from a rule in the
 * service, 403 `disclosure-refused` (the case team may share; the missing release stops it). A 5xx, a 403
 * `csrf` or an answer that is no problem document fails the call either way.
 */

export const PRINCIPALS = [
  'signed_out',
  'case_manager',
  'team_lead',
  'org_admin',
  'planner',
  'dpo',
  'installation_admin',
] as const satisfies readonly (Role | 'signed_out')[];
export type Principal = (typeof PRINCIPALS)[number];

export const VARIANTS = [
  'own',
  'self',
  'coordinated',
  'delegated',
  'delegated_journal',
  'colleague',
  'glass_broken',
  'other_unit',
  'shared',
  'other_org',
] as const;
export type Variant = (typeof VARIANTS)[number];

export type Scope = 'session' | 'org' | 'user' | 'gap' | 'directory' | 'case';

export const SCOPE_VARIANTS: Record<Scope, readonly Variant[]> = {
  session: ['own'],
  org: ['own', 'other_org'],
  user: ['own', 'self', 'other_org'],
  gap: ['own', 'coordinated', 'other_org'],
  directory: ['own', 'shared', 'other_org'],
  case: ['own', 'delegated', 'delegated_journal', 'colleague', 'glass_broken', 'other_unit', 'other_org'],
};

/** Ids of the records inside one case (the fixtures build one such case per variant). */
export interface CaseRecords {
  readonly case: string;
  readonly client: string;
  readonly consent: string;
  readonly document: string;
  readonly goal: string;
  /** A version in the plan's history (the agreed one). */
  readonly planVersion: string;
  readonly journalEntry: string;
  readonly followUp: string;
  readonly assessment: string;
  readonly networkContact: string;
  readonly referral: string;
  readonly conference: string;
  readonly delegation: string;
}

/** Ids of an organisation's own records. */
export interface OrgRecords {
  readonly user: string;
  /** The organisation's second unit (the cases are in the first). */
  readonly orgUnit: string;
  readonly organisation: string;
  readonly district: string;
  readonly criterion: string;
  readonly partnerType: string;
  readonly partner: string;
  readonly offer: string;
  readonly agreement: string;
  /** A gap report by case manager A. */
  readonly gapReport: string;
  /** A data-subject request. */
  readonly request: string;
  readonly instrument: string;
  /** A notification of case manager A (organisation 1). */
  readonly notification: string;
}

/** What a request of one variant is filled from: path parameters by record name, and values for bodies. */
export interface RequestIds extends CaseRecords, OrgRecords {
  /** The unit of the cases. */
  readonly caseUnit: string;
  /** Case manager A (of the variant's organisation). */
  readonly caseManager: string;
  /** Case manager C, who takes over or is delegated to in the requests. */
  readonly thirdCaseManager: string;
  /** Case manager A's own case in organisation 1, whatever the variant. */
  readonly ownCase: string;
  /** A client without a case, registered by the acting user (for opening a case). */
  readonly newClient: string;
  readonly loginUsername: string;
  readonly loginPassword: string;
  /** Different in every request: for names that must be unique. */
  readonly unique: string;
}

export interface MatrixEntry {
  scope: Scope;
  allow: Partial<Record<Principal, readonly Variant[]>>;
  body?: (ids: RequestIds) => unknown;
  query?: (ids: RequestIds) => Record<string, string>;
  /** Values of path parameters that are not record ids (e.g. `preset`). */
  params?: Record<string, string>;
  isolate?: 'record' | 'session';
}

// ---- shorthands -------------------------------------------------------------------------------------------

const OWN = ['own'] as const;
/** The cases in the team lead's org unit. */
const UNIT_CASES = ['own', 'delegated', 'delegated_journal', 'colleague', 'glass_broken'] as const;
/** Every case of organisation 1, also of the other unit. */
const ORG1_CASES = [...UNIT_CASES, 'other_unit'] as const;

const ALL_SIGNED_IN = {
  case_manager: OWN,
  team_lead: OWN,
  org_admin: OWN,
  planner: OWN,
  dpo: OWN,
  installation_admin: OWN,
} as const;
const EVERYONE = { signed_out: OWN, ...ALL_SIGNED_IN } as const;
/** The own user account (variant `self`). */
const EVERY_SELF = {
  case_manager: ['self'],
  team_lead: ['self'],
  planner: ['self'],
  dpo: ['self'],
  installation_admin: ['self'],
} as const;

function only(...roles: Role[]): Partial<Record<Principal, readonly Variant[]>> {
  return Object.fromEntries(roles.map((role) => [role, OWN]));
}

/**
 * Read case content: the responsible case manager and delegates (full or journal only). A team lead of the
 * unit sees the case in lists but its content only after breaking the glass (403 break-glass-required);
 * org admins, planners, DPOs and installation admins never see case content (404).
 */
const CASE_READ = {
  case_manager: ['own', 'delegated', 'delegated_journal'],
  team_lead: ['glass_broken'],
} as const;
/**
 * Journal entries, follow-ups, consents and referrals (the running documentation): the case team, not a team
 * lead who broke the glass (they read, and change nothing).
 */
const CASE_JOURNAL = { case_manager: ['own', 'delegated', 'delegated_journal'] } as const;
/** Change the file (intake, phases, plan, assessments, conferences, evaluation): not a journal delegate. */
const CASE_WRITE = { case_manager: ['own', 'delegated'] } as const;
/** Hand over, delegate, decide retention: the responsible case manager or the team lead of the unit. */
const RESPONSIBLE_OR_LEAD = { case_manager: OWN, team_lead: UNIT_CASES } as const;
/** The directory is read by everyone but the DPO. */
const DIRECTORY_READERS = only('case_manager', 'team_lead', 'org_admin', 'planner', 'installation_admin');
const DIRECTORY_EDITORS = only('case_manager', 'team_lead', 'org_admin');
/** One record of the directory: the own organisation's, or the installation's shared one (kept by its admin). */
const OWN_OR_SHARED = ['own', 'shared'] as const;
const DIRECTORY_READ = {
  case_manager: OWN_OR_SHARED,
  team_lead: OWN_OR_SHARED,
  org_admin: OWN_OR_SHARED,
  planner: OWN_OR_SHARED,
  installation_admin: OWN_OR_SHARED,
} as const;
const DIRECTORY_EDIT = {
  case_manager: OWN,
  team_lead: OWN,
  org_admin: OWN,
  installation_admin: ['shared'],
} as const;
const DIRECTORY_ARCHIVE = { team_lead: OWN, org_admin: OWN, installation_admin: ['shared'] } as const;
const DIRECTORY_TYPES = { org_admin: OWN, installation_admin: ['shared'] } as const;

const today = () => localDate(new Date());
/** A version no record has: state-changing calls are authorised, then refused with 409 before changing. */
const STALE = 999_999;
const label = (de: string) => ({ de, en: de });
/** A one-field instrument (creating it twice answers 409, which is fine: the call was authorised). */
const INSTRUMENT = {
  key: 'matrix-check',
  title: label('Matrix'),
  description: label('Für die Berechtigungsmatrix'),
  sections: [
    { key: 'main', title: label('Lage'), fields: [{ key: 'summary', type: 'text', label: label('Kurz') }] },
  ],
};

const PLAN_HEADER = {
  participants: null,
  benefitsEarlier: null,
  benefitsCurrent: null,
  problem: null,
  resources: null,
  obligations: null,
  costBearers: null,
  reviewOn: null,
};

// ---- the matrix --------------------------------------------------------------------------------------------

export const MATRIX: Record<string, MatrixEntry> = {
  // health
  'GET /api/health': { scope: 'session', allow: EVERYONE },
  'GET /api/ping': { scope: 'session', allow: EVERYONE },

  // auth: the own account
  /** Signing in again ends the session the request came with (no session fixation): a fresh user each time. */
  'POST /api/auth/login': {
    scope: 'session',
    allow: EVERYONE,
    isolate: 'session',
    body: (ids) => ({ username: ids.loginUsername, password: ids.loginPassword }),
  },
  /**
   * The second step of a sign-in and the enrolment during sign-in carry their credential in the pending-login
   * cookie of the first step, not in a session: without it everybody is refused (401), signed in or not.
   */
  'POST /api/auth/login/second-factor': { scope: 'session', allow: {}, body: () => ({ code: '123456' }) },
  'POST /api/auth/login/enrolment': { scope: 'session', allow: {} },
  'POST /api/auth/login/enrolment/confirm': { scope: 'session', allow: {}, body: () => ({ code: '123456' }) },
  'GET /api/auth/session': { scope: 'session', allow: ALL_SIGNED_IN },
  'GET /api/auth/session/expiry': { scope: 'session', allow: ALL_SIGNED_IN },
  'POST /api/auth/session/extend': { scope: 'session', allow: ALL_SIGNED_IN },
  'POST /api/auth/logout': { scope: 'session', allow: ALL_SIGNED_IN, isolate: 'session' },
  'POST /api/auth/password': {
    scope: 'session',
    allow: ALL_SIGNED_IN,
    isolate: 'session',
    body: (ids) => ({ currentPassword: ids.loginPassword, newPassword: 'Lotse-Matrix-Kennwort-7391' }),
  },
  'PATCH /api/auth/preferences': { scope: 'session', allow: ALL_SIGNED_IN, body: () => ({ locale: 'de' }) },

  // single sign-on: public; without a configured provider start and callback answer 404 sso-not-configured
  'GET /api/auth/sso': { scope: 'session', allow: EVERYONE },
  'GET /api/auth/oidc/start': { scope: 'session', allow: EVERYONE },
  'GET /api/auth/oidc/callback': { scope: 'session', allow: EVERYONE },

  // second factor: everybody keeps their own; the org admin sees and resets those of the organisation's users
  'GET /api/auth/second-factor': { scope: 'session', allow: ALL_SIGNED_IN },
  'POST /api/auth/second-factor': { scope: 'session', allow: ALL_SIGNED_IN, isolate: 'session' },
  'POST /api/auth/second-factor/confirm': {
    scope: 'session',
    allow: ALL_SIGNED_IN,
    body: () => ({ code: '123456' }),
  },
  'POST /api/auth/second-factor/disable': {
    scope: 'session',
    allow: ALL_SIGNED_IN,
    body: (ids) => ({ password: ids.loginPassword }),
  },
  'POST /api/auth/second-factor/recovery-codes': {
    scope: 'session',
    allow: ALL_SIGNED_IN,
    body: (ids) => ({ password: ids.loginPassword }),
  },
  'GET /api/users/{id}/second-factor': {
    scope: 'user',
    allow: { ...EVERY_SELF, org_admin: ['own', 'self'] },
  },
  /** Nobody resets their own second factor through the admin route (that is "disable", with re-authentication). */
  'DELETE /api/users/{id}/second-factor': { scope: 'user', allow: { org_admin: OWN } },

  // users: the organisation's admin manages accounts of the own organisation only
  'GET /api/users': { scope: 'session', allow: only('org_admin') },
  'POST /api/users/search': { scope: 'session', allow: only('org_admin'), body: () => ({ q: 'Matrix' }) },
  'POST /api/users': {
    scope: 'session',
    allow: only('org_admin'),
    body: (ids) => ({
      username: `matrix-${ids.unique}`,
      displayName: 'Matrix Test',
      roles: ['case_manager'],
      orgUnitIds: [ids.caseUnit],
      initialPassword: 'Lotse-Matrix-Kennwort-7391',
    }),
  },
  'GET /api/users/{id}': { scope: 'user', allow: { ...EVERY_SELF, org_admin: ['own', 'self'] } },
  'PATCH /api/users/{id}': {
    scope: 'user',
    allow: { org_admin: ['own', 'self'] },
    body: () => ({ version: STALE }),
  },
  /** Setting one's own password here ends the own sessions: allowed calls run as a fresh user. */
  'POST /api/users/{id}/password': {
    scope: 'user',
    allow: { org_admin: ['own', 'self'] },
    body: () => ({ newPassword: 'Lotse-Matrix-Kennwort-7391' }),
    isolate: 'session',
  },
  'GET /api/colleagues': { scope: 'session', allow: ALL_SIGNED_IN },
  'POST /api/users/{id}/unlock': { scope: 'user', allow: { org_admin: ['own', 'self'] } },

  // organisation: units, districts, indication criteria, settings — the members read, the admin manages
  'GET /api/org-units': { scope: 'session', allow: ALL_SIGNED_IN },
  'POST /api/org-units': {
    scope: 'session',
    allow: only('org_admin'),
    body: (ids) => ({ name: `Team ${ids.unique}` }),
  },
  'PATCH /api/org-units/{id}': { scope: 'org', allow: only('org_admin'), body: () => ({ version: STALE }) },
  'GET /api/organisations': { scope: 'session', allow: only('installation_admin') },
  'POST /api/organisations': {
    scope: 'session',
    allow: only('installation_admin'),
    body: (ids) => ({
      name: `Matrix ${ids.unique}`,
      shortCode: `M${ids.unique.slice(-6).toUpperCase()}`,
      firstOrgUnitName: 'Team 1',
      admin: {
        username: `matrix-admin-${ids.unique}`,
        displayName: 'Matrix Admin',
        initialPassword: 'Lotse-Matrix-Kennwort-7391',
      },
    }),
  },
  /** The installation admin sets up every organisation of the installation, the own and the others. */
  'PATCH /api/organisations/{id}': {
    scope: 'org',
    allow: { installation_admin: ['own', 'other_org'] },
    body: () => ({ version: STALE, coordinationOffice: false }),
  },
  'GET /api/districts': { scope: 'session', allow: ALL_SIGNED_IN },
  'POST /api/districts': {
    scope: 'session',
    allow: only('org_admin'),
    body: (ids) => ({ label: `Bezirk ${ids.unique}` }),
  },
  'PATCH /api/districts/{id}': { scope: 'org', allow: only('org_admin'), body: () => ({ version: STALE }) },
  'GET /api/indication-criteria': { scope: 'session', allow: ALL_SIGNED_IN },
  'POST /api/indication-criteria': {
    scope: 'session',
    allow: only('org_admin'),
    body: (ids) => ({ label: `Kriterium ${ids.unique}` }),
  },
  'PATCH /api/indication-criteria/{id}': {
    scope: 'org',
    allow: only('org_admin'),
    body: () => ({ version: STALE }),
  },
  'GET /api/organisation': { scope: 'session', allow: ALL_SIGNED_IN },
  'PATCH /api/organisation': { scope: 'session', allow: only('org_admin'), body: () => ({ version: STALE }) },

  // audit: the DPO's instrument; installation admins verify the chains of the installation
  'GET /api/audit': { scope: 'session', allow: only('dpo') },
  'GET /api/audit/verify': { scope: 'session', allow: only('dpo', 'installation_admin') },

  // clients: registered by the people who run cases, read and changed by the case team
  'GET /api/clients': { scope: 'session', allow: only('case_manager', 'team_lead') },
  'POST /api/clients/search': {
    scope: 'session',
    allow: only('case_manager', 'team_lead'),
    body: () => ({ q: 'Matrix' }),
  },
  'POST /api/clients': {
    scope: 'session',
    allow: only('case_manager', 'team_lead'),
    body: (ids) => ({
      familyName: `Matrix${ids.unique}`,
      givenNames: 'Test',
      birthYear: 1990,
      gender: 'diverse',
      confirmNotDuplicate: true,
    }),
  },
  'GET /api/clients/{id}': { scope: 'case', allow: CASE_READ },
  'PUT /api/clients/{id}': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({
      familyName: 'Matrix',
      givenNames: 'Test',
      birthYear: 1990,
      gender: 'diverse',
      version: STALE,
    }),
  },

  // cases
  'GET /api/cases': { scope: 'session', allow: only('case_manager', 'team_lead') },
  'POST /api/cases/search': {
    scope: 'session',
    allow: only('case_manager', 'team_lead'),
    body: () => ({ q: 'Matrix' }),
  },
  'POST /api/cases': {
    scope: 'session',
    allow: only('case_manager', 'team_lead'),
    body: (ids) => ({
      clientId: ids.newClient,
      kind: 'case_management',
      orgUnitId: ids.caseUnit,
      intake: { accessRoute: 'self' },
    }),
    isolate: 'record',
  },
  'GET /api/cases/{id}': { scope: 'case', allow: CASE_READ },
  'PUT /api/cases/{id}/intake': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({ version: STALE, intake: { accessRoute: 'self' } }),
  },
  'POST /api/cases/{id}/phase': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({ version: STALE, to: 'assessment' }),
  },
  'POST /api/cases/{id}/handover': {
    scope: 'case',
    allow: RESPONSIBLE_OR_LEAD,
    body: (ids) => ({ version: STALE, toUserId: ids.thirdCaseManager, reason: 'Urlaubsvertretung' }),
  },
  'POST /api/cases/{id}/delegations': {
    scope: 'case',
    allow: RESPONSIBLE_OR_LEAD,
    body: (ids) => ({
      delegateUserId: ids.thirdCaseManager,
      scope: 'journal',
      standing: false,
      startsOn: today(),
      endsOn: today(),
    }),
  },
  'DELETE /api/cases/{id}/delegations/{delegationId}': {
    scope: 'case',
    allow: RESPONSIBLE_OR_LEAD,
    isolate: 'record',
  },
  /** Only a team lead of the case's unit who is not in the case team may break the glass. */
  'POST /api/cases/{id}/break-glass': {
    scope: 'case',
    allow: { team_lead: UNIT_CASES },
    body: () => ({ reason: 'Krisenintervention, Fallverantwortliche nicht erreichbar' }),
    isolate: 'record',
  },
  'GET /api/caseloads': { scope: 'session', allow: only('team_lead') },

  // journal
  'GET /api/cases/{id}/journal': { scope: 'case', allow: CASE_READ },
  'POST /api/cases/{id}/journal': {
    scope: 'case',
    allow: CASE_JOURNAL,
    body: () => ({ kind: 'note', occurredOn: today(), text: 'Matrix' }),
  },
  'PUT /api/cases/{id}/journal/{entryId}': {
    scope: 'case',
    allow: CASE_JOURNAL,
    body: () => ({ kind: 'note', occurredOn: today(), text: 'Matrix', version: STALE }),
  },
  'POST /api/cases/{id}/journal/{entryId}/withdraw': {
    scope: 'case',
    allow: CASE_JOURNAL,
    body: () => ({ version: STALE, reason: 'Falscher Fall' }),
  },
  'GET /api/cases/{id}/journal/{entryId}/history': { scope: 'case', allow: CASE_READ },

  // follow-ups and notifications
  'GET /api/follow-ups/mine': { scope: 'session', allow: ALL_SIGNED_IN },
  'GET /api/cases/{id}/follow-ups': { scope: 'case', allow: CASE_READ },
  'POST /api/follow-ups': {
    scope: 'case',
    allow: CASE_JOURNAL,
    body: (ids) => ({ caseId: ids.case, dueOn: today(), text: 'Matrix' }),
  },
  'PATCH /api/follow-ups/{id}': { scope: 'case', allow: CASE_JOURNAL, body: () => ({ version: STALE }) },
  'GET /api/notifications': { scope: 'session', allow: ALL_SIGNED_IN },
  /** The record is a notification of case manager A: nobody else may mark it read. */
  'POST /api/notifications/{id}/read': { scope: 'org', allow: only('case_manager') },

  // consent, documents, templates
  'GET /api/clients/{id}/consents': { scope: 'case', allow: CASE_READ },
  'POST /api/clients/{id}/consents': {
    scope: 'case',
    allow: CASE_JOURNAL,
    body: () => ({
      kind: 'data_processing',
      givenBy: 'client',
      form: 'oral',
      givenOn: today(),
      language: 'de',
    }),
  },
  'POST /api/consents/{id}/revoke': {
    scope: 'case',
    allow: CASE_JOURNAL,
    body: () => ({ version: STALE, revokedOn: today(), revokedBy: 'client' }),
  },
  'PUT /api/clients/{id}/legal-basis': {
    scope: 'case',
    allow: CASE_JOURNAL,
    body: () => ({ legalBasis: null }),
  },
  'POST /api/clients/{id}/documents': {
    scope: 'case',
    allow: CASE_JOURNAL,
    body: () => ({ filename: 'scan.pdf', contentType: 'application/pdf', contentBase64: 'JVBERi0xLjQK' }),
  },
  'GET /api/documents/{id}': { scope: 'case', allow: CASE_READ },
  'GET /api/consent-templates': { scope: 'session', allow: ALL_SIGNED_IN },
  'POST /api/consent-templates': {
    scope: 'session',
    allow: only('org_admin'),
    body: () => ({
      kind: 'data_processing',
      language: 'de',
      content: {
        title: 'Einwilligung',
        intro: '',
        sections: [{ heading: 'Zweck', paragraphs: [] }],
        declaration: 'Ich willige ein.',
        revocationNote: '',
      },
    }),
  },
  'GET /api/consent-forms/{kind}/{language}': {
    scope: 'session',
    allow: ALL_SIGNED_IN,
    params: { kind: 'data_processing', language: 'de' },
  },
  'POST /api/consent-forms/{kind}/{language}': {
    scope: 'session',
    allow: ALL_SIGNED_IN,
    params: { kind: 'release', language: 'de' },
    body: () => ({ recipient: 'Jobcenter', categories: ['master_data'] }),
  },

  // privacy: disclosure, export, retention, data-subject requests
  'POST /api/cases/{id}/share': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({
      recipient: { kind: 'organisation', name: 'Jobcenter' },
      purpose: 'referral',
      categories: ['master_data'],
    }),
  },
  'GET /api/cases/{id}/disclosures': { scope: 'case', allow: CASE_READ },
  'GET /api/disclosures': { scope: 'session', allow: only('dpo') },
  'GET /api/clients/{id}/export': { scope: 'case', allow: CASE_READ },
  'GET /api/retention/board': { scope: 'session', allow: only('case_manager', 'team_lead', 'org_admin') },
  'POST /api/cases/{id}/retention-decision': {
    scope: 'case',
    allow: RESPONSIBLE_OR_LEAD,
    body: () => ({ decision: 'continue' }),
  },
  /** The case team confirms, the organisation's admin approves (both needed before anonymising). */
  'POST /api/cases/{id}/confirm-anonymisation': {
    scope: 'case',
    allow: { ...CASE_WRITE, org_admin: ORG1_CASES },
  },
  /** Any case worker or the DPO records a request of a client of the own organisation. */
  'POST /api/clients/{id}/requests': {
    scope: 'case',
    allow: { case_manager: ORG1_CASES, team_lead: ORG1_CASES, dpo: ORG1_CASES },
    body: () => ({ kind: 'access', receivedOn: today() }),
  },
  'GET /api/requests': { scope: 'session', allow: only('dpo') },
  'POST /api/requests/{id}/resolve': {
    scope: 'org',
    allow: only('dpo'),
    body: () => ({ status: 'rejected', resolution: 'Matrix' }),
    isolate: 'record',
  },

  // assessment: instruments are the organisation's (the admin maintains them), assessments case content
  'GET /api/instruments': { scope: 'session', allow: ALL_SIGNED_IN },
  'POST /api/instruments': {
    scope: 'session',
    allow: only('org_admin'),
    body: () => ({ definition: INSTRUMENT }),
  },
  'POST /api/instruments/import': {
    scope: 'session',
    allow: only('org_admin'),
    body: () => ({
      format: 'lotse-instrument',
      formatVersion: 1,
      definition: INSTRUMENT,
    }),
  },
  'GET /api/instruments/{id}': { scope: 'org', allow: ALL_SIGNED_IN },
  'PUT /api/instruments/{id}': {
    scope: 'org',
    allow: only('org_admin'),
    body: () => ({ basedOnVersion: STALE, definition: INSTRUMENT }),
  },
  'GET /api/instruments/{id}/versions/{version}': {
    scope: 'org',
    allow: ALL_SIGNED_IN,
    params: { version: '1' },
  },
  'GET /api/instruments/{id}/export': { scope: 'org', allow: only('org_admin') },
  'PUT /api/org-units/{id}/instruments': {
    scope: 'org',
    allow: only('org_admin'),
    body: (ids) => ({ templateIds: [ids.instrument] }),
  },
  'GET /api/cases/{id}/assessments': { scope: 'case', allow: CASE_READ },
  'POST /api/cases/{id}/assessments': {
    scope: 'case',
    allow: CASE_WRITE,
    body: (ids) => ({ templateId: ids.instrument }),
  },
  'GET /api/cases/{id}/assessments/progress': { scope: 'case', allow: CASE_READ },
  'GET /api/assessments/compare': {
    scope: 'case',
    allow: CASE_READ,
    query: (ids) => ({ left: ids.assessment, right: ids.assessment }),
  },
  'GET /api/assessments/{id}': { scope: 'case', allow: CASE_READ },
  'PATCH /api/assessments/{id}': { scope: 'case', allow: CASE_WRITE, body: () => ({ version: STALE }) },
  'POST /api/assessments/{id}/finalise': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({ version: STALE }),
  },
  'POST /api/assessments/{id}/discard': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({ version: STALE }),
  },
  'GET /api/cases/{id}/network': { scope: 'case', allow: CASE_READ },
  'POST /api/cases/{id}/network': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({ name: 'Tante', kind: 'family', support: ['practical'], closeness: 3, strained: false }),
  },
  'PATCH /api/network-contacts/{id}': { scope: 'case', allow: CASE_WRITE, body: () => ({ version: STALE }) },
  'POST /api/network-contacts/{id}/remove': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({ version: STALE }),
  },

  // plan
  'GET /api/cases/{id}/plan': { scope: 'case', allow: CASE_READ },
  'PUT /api/cases/{id}/plan': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({ version: STALE, header: PLAN_HEADER, goals: [] }),
  },
  'POST /api/cases/{id}/plan/agree': { scope: 'case', allow: CASE_WRITE, body: () => ({ version: STALE }) },
  'GET /api/cases/{id}/plan/history': { scope: 'case', allow: CASE_READ },
  'GET /api/cases/{id}/plan/versions/{version}': { scope: 'case', allow: CASE_READ },
  'POST /api/plan-goals/{id}/reviews': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({ reviewedOn: today(), attainment: 'partly', consequence: 'keep' }),
  },
  'POST /api/cases/{id}/plan/signatures': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({ signer: 'client', form: 'paper', signedOn: today() }),
  },
  'GET /api/cases/{id}/plan/print': { scope: 'case', allow: CASE_READ, query: () => ({ language: 'de' }) },
  'POST /api/cases/{id}/plan/handouts': {
    scope: 'case',
    allow: CASE_JOURNAL,
    body: () => ({ language: 'de', version: STALE }),
  },

  // partners: the directory
  'GET /api/partner-types': { scope: 'session', allow: DIRECTORY_READERS },
  'POST /api/partner-types': {
    scope: 'session',
    allow: only('org_admin'),
    body: (ids) => ({ label: `Typ ${ids.unique}` }),
  },
  'DELETE /api/partner-types/{id}': { scope: 'directory', allow: DIRECTORY_TYPES, isolate: 'record' },
  'GET /api/partners': { scope: 'session', allow: DIRECTORY_READERS },
  'POST /api/partners': {
    scope: 'session',
    allow: DIRECTORY_EDITORS,
    body: (ids) => ({ name: `Partner ${ids.unique}`, type: 'other' }),
  },
  'GET /api/partners/{id}': { scope: 'directory', allow: DIRECTORY_READ },
  'PUT /api/partners/{id}': {
    scope: 'directory',
    allow: DIRECTORY_EDIT,
    body: () => ({ name: 'Partner', type: 'other', contacts: [], version: STALE }),
  },
  'DELETE /api/partners/{id}': {
    scope: 'directory',
    allow: DIRECTORY_ARCHIVE,
    query: () => ({ version: String(STALE) }),
  },
  'POST /api/partners/{id}/restore': {
    scope: 'directory',
    allow: DIRECTORY_ARCHIVE,
    body: () => ({ version: STALE }),
  },
  'POST /api/partners/{id}/offers': {
    scope: 'directory',
    allow: DIRECTORY_EDIT,
    body: () => ({ title: 'Angebot', targetGroups: [], languages: [] }),
  },
  'GET /api/offers': { scope: 'session', allow: DIRECTORY_READERS },
  'PUT /api/offers/{id}': {
    scope: 'directory',
    allow: DIRECTORY_EDIT,
    body: () => ({ title: 'Angebot', targetGroups: [], languages: [], version: STALE }),
  },
  'DELETE /api/offers/{id}': {
    scope: 'directory',
    allow: DIRECTORY_ARCHIVE,
    query: () => ({ version: String(STALE) }),
  },
  'POST /api/offers/{id}/restore': {
    scope: 'directory',
    allow: DIRECTORY_ARCHIVE,
    body: () => ({ version: STALE }),
  },

  // agreements: read by case workers, concluded and maintained by team leads and the admin
  'GET /api/agreements': { scope: 'session', allow: only('case_manager', 'team_lead', 'org_admin') },
  'POST /api/agreements': {
    scope: 'session',
    allow: only('team_lead', 'org_admin'),
    body: (ids) => ({ title: 'Vereinbarung', form: 'oral', partnerIds: [ids.partner], startsOn: today() }),
  },
  'GET /api/agreements/{id}': { scope: 'org', allow: only('case_manager', 'team_lead', 'org_admin') },
  'PUT /api/agreements/{id}': {
    scope: 'org',
    allow: only('team_lead', 'org_admin'),
    body: (ids) => ({
      version: STALE,
      title: 'Vereinbarung',
      form: 'written',
      partnerIds: [ids.partner],
      startsOn: today(),
    }),
  },
  'POST /api/agreements/{id}/archive': {
    scope: 'org',
    allow: only('team_lead', 'org_admin'),
    body: () => ({ version: STALE }),
  },
  'POST /api/agreements/{id}/reviews': {
    scope: 'org',
    allow: only('team_lead', 'org_admin'),
    body: () => ({ reviewedOn: today(), outcome: 'continue' }),
  },
  'PUT /api/agreements/{id}/document': {
    scope: 'org',
    allow: only('team_lead', 'org_admin'),
    body: () => ({ filename: 'vertrag.pdf', contentType: 'application/pdf', contentBase64: 'JVBERi0xLjQK' }),
  },
  'GET /api/agreements/{id}/document': {
    scope: 'org',
    allow: only('case_manager', 'team_lead', 'org_admin'),
  },
  'DELETE /api/agreements/{id}/document': {
    scope: 'org',
    allow: only('team_lead', 'org_admin'),
    isolate: 'record',
  },

  // referrals: read by the case team, written by whoever may write journal entries
  'GET /api/cases/{id}/referrals': { scope: 'case', allow: CASE_READ },
  'POST /api/cases/{id}/referrals': {
    scope: 'case',
    allow: CASE_JOURNAL,
    body: (ids) => ({ requestedOn: today(), categories: [], partnerId: ids.partner }),
  },
  'GET /api/referrals/{id}': { scope: 'case', allow: CASE_READ },
  'PUT /api/referrals/{id}': {
    scope: 'case',
    allow: CASE_JOURNAL,
    body: () => ({ barriers: [], barrierNote: null, partnerFeedback: null, note: null, version: STALE }),
  },
  'POST /api/referrals/{id}/status': {
    scope: 'case',
    allow: CASE_JOURNAL,
    body: () => ({ status: 'accepted', on: today(), version: STALE }),
  },

  // conferences: case content
  'GET /api/cases/{id}/conferences': { scope: 'case', allow: CASE_READ },
  'POST /api/cases/{id}/conferences': {
    scope: 'case',
    allow: CASE_WRITE,
    body: (ids) => conference(ids),
  },
  'GET /api/conferences/{id}': { scope: 'case', allow: CASE_READ },
  'PUT /api/conferences/{id}': {
    scope: 'case',
    allow: CASE_WRITE,
    body: (ids) => ({ version: STALE, ...conference(ids) }),
  },
  'POST /api/conferences/{id}/invite': { scope: 'case', allow: CASE_WRITE, body: () => ({ version: STALE }) },
  'POST /api/conferences/{id}/minutes': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({ version: STALE, minutes: 'Protokoll', actions: [], themes: [] }),
  },
  'POST /api/conferences/{id}/cancel': { scope: 'case', allow: CASE_WRITE, body: () => ({ version: STALE }) },

  // gaps: reported from the case level, worked on by the planning level (which never sees the cases)
  'POST /api/gap-reports': {
    scope: 'session',
    allow: only('case_manager', 'team_lead'),
    body: () => ({ need: 'Wohnraum für junge Erwachsene', field: 'housing', urgency: 'high' }),
  },
  'GET /api/gap-reports': {
    scope: 'session',
    allow: only('case_manager', 'team_lead', 'org_admin', 'planner'),
  },
  'GET /api/gap-reports/{id}': {
    scope: 'gap',
    allow: { ...only('case_manager', 'team_lead', 'org_admin'), planner: ['own', 'coordinated'] },
  },
  /** The record is case manager A's report: A (its author) or a team lead corrects it. */
  'PUT /api/gap-reports/{id}': {
    scope: 'gap',
    allow: only('case_manager', 'team_lead'),
    body: () => ({ need: 'Wohnraum', field: 'housing', urgency: 'high', version: STALE }),
  },
  /** "This case too": a reporter who may read the case named in the body (case manager A's own case). */
  'POST /api/gap-reports/{id}/cases': {
    scope: 'gap',
    allow: only('case_manager'),
    body: (ids) => ({ caseId: ids.ownCase }),
  },
  /** The planning level — and the coordination office's planners for the organisations that share with it. */
  'POST /api/gap-reports/{id}/status': {
    scope: 'gap',
    allow: { org_admin: OWN, planner: ['own', 'coordinated'] },
    body: () => ({ status: 'under_review', version: STALE }),
  },
  'POST /api/gap-reports/{id}/comments': {
    scope: 'gap',
    allow: { org_admin: OWN, planner: ['own', 'coordinated'] },
    body: () => ({ text: 'Matrix' }),
  },
  'GET /api/cases/{id}/gap-reports': { scope: 'case', allow: CASE_READ },
  'GET /api/planning/gaps': { scope: 'session', allow: only('org_admin', 'planner') },
  'GET /api/planning/gaps/export': {
    scope: 'session',
    allow: only('org_admin', 'planner'),
    query: () => ({ format: 'csv' }),
  },

  // evaluation and closure: read by the case team, done by who may change the file
  'GET /api/cases/{id}/evaluation': { scope: 'case', allow: CASE_READ },
  'PUT /api/cases/{id}/evaluation': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({
      version: STALE,
      evaluatedOn: today(),
      satisfaction: { general: null, course: null, results: null, expectations: null, mandate: null },
      satisfactionMode: 'not_asked',
      methods: [],
      goals: [],
      followUpOffered: false,
      followUpAgreed: false,
    }),
  },
  'POST /api/cases/{id}/close': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({ version: STALE, closedOn: today(), closureReason: 'goals_reached' }),
  },
  'POST /api/cases/{id}/reopen': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({ version: STALE, reason: 'Neue Krise' }),
  },
  'POST /api/cases/{id}/kind': {
    scope: 'case',
    allow: CASE_WRITE,
    body: () => ({ version: STALE, kind: 'counselling', reason: 'Kein Bedarf an Case Management' }),
  },
  'GET /api/evaluation/satisfaction-form': {
    scope: 'session',
    allow: ALL_SIGNED_IN,
    query: () => ({ language: 'de' }),
  },

  // statistics: counts only, still not for case managers and the DPO
  'GET /api/statistics/presets': { scope: 'session', allow: ALL_SIGNED_IN },
  'GET /api/statistics/reports/{preset}': {
    scope: 'session',
    allow: only('team_lead', 'org_admin', 'planner'),
    params: { preset: 'annual' },
  },
  'GET /api/statistics/reports/{preset}/export': {
    scope: 'session',
    allow: only('team_lead', 'org_admin', 'planner'),
    params: { preset: 'annual' },
    query: () => ({ format: 'csv' }),
  },
  'GET /api/statistics/settings': { scope: 'session', allow: only('org_admin') },
  'PUT /api/statistics/settings': {
    scope: 'session',
    allow: only('org_admin'),
    body: () => ({ minCount: 3, version: STALE }),
  },

  // dashboards: one per role
  'GET /api/dashboard/case-manager': { scope: 'session', allow: only('case_manager') },
  'GET /api/dashboard/team-lead': { scope: 'session', allow: only('team_lead') },
  'GET /api/dashboard/planner': { scope: 'session', allow: only('planner') },

  // network map: the case workers' and the organisation's picture, not the planning level's
  'GET /api/network-map': { scope: 'session', allow: only('case_manager', 'team_lead', 'org_admin') },
};

function conference(ids: RequestIds) {
  return {
    kind: 'case',
    heldOn: today(),
    anonymous: false,
    categories: ['master_data'],
    participants: [{ kind: 'internal', userId: ids.caseManager }],
  };
}
