import type { ColumnType, Generated, SqlBool } from 'kysely';

/**
 * Table types of the Lotse database, kept by hand next to the migrations (one migration set for both
 * dialects). Value shapes are the same on SQLite and PostgreSQL, see db/database.ts.
 */

/** ISO-8601 timestamp in UTC, e.g. "2026-11-23T14:05:00.000Z". */
export type Timestamp = string;
/** Calendar date "YYYY-MM-DD". */
export type DateString = string;
/** JSON stored as text (SQLite) or jsonb (PostgreSQL); always read and written as its text. */
export type JsonText = string;
export type Bool = ColumnType<SqlBool, boolean, boolean>;

export interface OrganisationTable {
  id: string;
  name: string;
  short_code: string;
  caseload_warn_per_fte: Generated<number>;
  caseload_max_per_fte: Generated<number>;
  /** Retention rules (BRIEF 5): review after 6 months without activity, close after 9 without contact. */
  retention_review_after_days: Generated<number>;
  retention_close_after_days: Generated<number>;
  retention_anonymise_after_days: Generated<number>;
  plan_label: Generated<string>;
  plan_max_goals: number | null;
  plan_require_indicator: Generated<SqlBool>;
  /** The installation's coordination office reads the gap reports of organisations sharing aggregates. */
  coordination_office: Generated<SqlBool>;
  shares_aggregates: Generated<SqlBool>;
  /** Statistics show counts below this as "< n" (default 5, never below 3). */
  stats_min_count: Generated<number>;
  /** Every member must sign in with a second factor (TOTP); issue 10. */
  second_factor_required: Generated<SqlBool>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface OrgUnitTable {
  id: string;
  organisation_id: string;
  name: string;
  description: string | null;
  archived_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface RoleTable {
  code: string;
  description: string;
}

export interface UserTable {
  id: string;
  organisation_id: string;
  /** Stored in lower case: sign-in ignores case. */
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  locale: string;
  deactivated_at: Timestamp | null;
  failed_login_count: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  password_changed_at: Timestamp;
  /** The OpenID provider's issuer and subject of an account provisioned by single sign-on (docs/sso.md). */
  sso_issuer: string | null;
  sso_subject: string | null;
  /** Share of a full-time post, 1–100; caseloads are measured per full-time post. */
  fte_percent: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface UserOrgUnitTable {
  user_id: string;
  org_unit_id: string;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself only ever lives in the user's cookie. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  idle_expires_at: Timestamp;
  absolute_expires_at: Timestamp;
}

export interface LoginAttemptTable {
  id: string;
  ip: string;
  attempted_at: Timestamp;
  succeeded: Bool;
}

export interface RateLimitTable {
  /** limit name, hashed subject and window number */
  bucket: string;
  hits: number;
  expires_at: Timestamp;
}

export interface UserSecondFactorTable {
  user_id: string;
  /** The base32 TOTP secret, encrypted (core/crypto.ts). */
  secret: string;
  state: 'pending' | 'confirmed';
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
  /** Time step of the last accepted code; codes of this or an earlier step are refused (replay). */
  last_used_step: number | null;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  /** SHA-256 of the normalised code. */
  code_hash: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
}

/** A sign-in whose password was right and that waits for its second step (code or enrolment). */
export interface PendingLoginTable {
  /** SHA-256 of the token in the browser's cookie. */
  id: string;
  user_id: string;
  purpose: 'verify' | 'enrol';
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** A sign-in started at the OpenID provider, waiting for its callback (one-time, ten minutes). */
export interface OidcLoginStateTable {
  /** SHA-256 of the state parameter. */
  id: string;
  /** SHA-256 of the random value in the browser's binding cookie (no login CSRF). */
  browser_hash: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditChainTable {
  chain_id: string;
  last_seq: number;
  last_hash: string;
}

export interface AuditLogTable {
  chain_id: string;
  seq: number;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  organisation_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  request_id: string | null;
  details: JsonText;
  prev_hash: string;
  hash: string;
}

export interface DistrictTable {
  id: string;
  organisation_id: string;
  name: string;
  archived_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface IndicationCriterionTable {
  id: string;
  organisation_id: string;
  label: string;
  sort_order: number;
  archived_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface CaseNumberCounterTable {
  organisation_id: string;
  year: number;
  last_value: number;
}

export interface ClientTable {
  id: string;
  organisation_id: string;
  family_name: string;
  given_names: string;
  /** Folded "family given" for search ignoring case and diacritics (see clients/domain.ts). */
  search_key: string;
  family_key: string;
  birth_date: DateString | null;
  birth_year: number | null;
  gender: string;
  nationalities: JsonText;
  country_of_origin: string | null;
  languages: JsonText;
  interpreter_needed: Bool;
  residence_status: string | null;
  residence_valid_until: DateString | null;
  legal_domain: string | null;
  arrival_date: DateString | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  district_id: string | null;
  phone: string | null;
  email: string | null;
  created_by: string;
  anonymised_at: Timestamp | null;
  /** Another legal basis than consent for processing (e.g. a statutory task), with a note. */
  legal_basis: string | null;
  legal_basis_note: string | null;
  /** Special category (Art. 9 GDPR), stored encrypted (core/crypto.ts). */
  health_notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ClientRelatedPersonTable {
  id: string;
  client_id: string;
  relation: string;
  name: string;
  is_guardian: Bool;
  phone: string | null;
  email: string | null;
  note: string | null;
  sort_order: number;
}

export interface CaseTable {
  id: string;
  organisation_id: string;
  org_unit_id: string;
  client_id: string;
  case_number: string;
  kind: string;
  phase: string;
  responsible_user_id: string;
  opened_on: DateString;
  closed_on: DateString | null;
  /** Derived from the journal, kept in the journal's transactions. */
  last_contact_on: DateString | null;
  access_route: string;
  referral_agency: string | null;
  referral_person: string | null;
  indication_criteria: JsonText;
  indication_decision: string | null;
  indication_reason: string | null;
  referred_to: string | null;
  contract_form: string | null;
  contract_on: DateString | null;
  contract_by: string | null;
  mandate_body: string | null;
  mandate_text: string | null;
  mandate_sanction_risk: Bool | null;
  mandate_sessions: number | null;
  mandate_feedback_channel: string | null;
  mandate_feedback_interval: string | null;
  voluntary_since: DateString | null;
  closure_reason: string | null;
  last_activity_at: Timestamp | null;
  anonymised_at: Timestamp | null;
  anonymisation_confirmed_by: string | null;
  anonymisation_approved_by: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface CasePhaseChangeTable {
  id: string;
  case_id: string;
  from_phase: string | null;
  to_phase: string;
  changed_at: Timestamp;
  changed_by: string;
  reason: string | null;
}

export interface CaseHandoverTable {
  id: string;
  case_id: string;
  from_user_id: string | null;
  to_user_id: string;
  reason: string;
  effective_on: DateString;
  recorded_at: Timestamp;
  recorded_by: string;
}

export interface CaseDelegationTable {
  id: string;
  case_id: string;
  delegate_user_id: string;
  scope: string;
  standing: Bool;
  client_agreement_on: DateString | null;
  starts_on: DateString;
  ends_on: DateString;
  reason: string | null;
  created_at: Timestamp;
  created_by: string;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface CaseAccessOverrideTable {
  id: string;
  case_id: string;
  user_id: string;
  reason: string;
  opened_at: Timestamp;
  expires_at: Timestamp;
}

export interface JournalEntryTable {
  id: string;
  case_id: string;
  kind: string;
  occurred_on: DateString;
  duration_minutes: number | null;
  participants: string | null;
  text: string;
  goal_id: string | null;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
  version: number;
  withdrawn_at: Timestamp | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
  /** Contains special-category data (health etc.): text stored encrypted, hidden outside the case team. */
  special_category: Generated<SqlBool>;
}

export interface JournalEntryRevisionTable {
  id: string;
  entry_id: string;
  version: number;
  kind: string;
  occurred_on: DateString;
  duration_minutes: number | null;
  participants: string | null;
  text: string;
  written_at: Timestamp;
  written_by: string;
}

export interface FollowUpTable {
  id: string;
  organisation_id: string;
  case_id: string | null;
  assignee_user_id: string;
  due_on: DateString;
  text: string;
  done_at: Timestamp | null;
  done_by: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  case_id: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface ConsentTemplateTable {
  id: string;
  organisation_id: string;
  kind: string;
  language: string;
  version: number;
  content: JsonText;
  published_at: Timestamp;
  published_by: string | null;
}

export interface DocumentTable {
  id: string;
  organisation_id: string;
  client_id: string;
  kind: string;
  filename: string;
  content_type: string;
  size: number;
  /** Base64 of the file, encrypted. */
  content: string;
  uploaded_at: Timestamp;
  uploaded_by: string;
}

export interface ConsentTable {
  id: string;
  organisation_id: string;
  client_id: string;
  kind: string;
  given_by: string;
  guardian_person_id: string | null;
  form: string;
  witness: string | null;
  document_id: string | null;
  given_on: DateString;
  valid_until: DateString | null;
  template_id: string | null;
  language: string;
  recipient_kind: string | null;
  recipient_name: string | null;
  recipient_key: string | null;
  partner_id: string | null;
  purpose: string | null;
  categories: JsonText;
  revoked_on: DateString | null;
  revoked_by: string | null;
  revocation_recorded_by: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface DisclosureTable {
  id: string;
  organisation_id: string;
  client_id: string;
  case_id: string | null;
  disclosed_at: Timestamp;
  disclosed_by: string;
  recipient_kind: string;
  recipient_name: string;
  purpose: string;
  categories: JsonText;
  basis: string;
  consent_id: string | null;
  channel: string;
}

export interface DataSubjectRequestTable {
  id: string;
  organisation_id: string;
  client_id: string;
  kind: string;
  received_on: DateString;
  description: string | null;
  status: string;
  resolved_on: DateString | null;
  resolved_by: string | null;
  resolution: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface RetentionDecisionTable {
  id: string;
  case_id: string;
  decision: string;
  note: string | null;
  decided_at: Timestamp;
  decided_by: string | null;
}

export interface JobLockTable {
  name: string;
  locked_until: Timestamp | null;
  locked_by: string | null;
  last_finished_at: Timestamp | null;
  last_report: JsonText | null;
}

export interface InstrumentTemplateTable {
  id: string;
  organisation_id: string;
  key: string;
  shipped: Bool;
  current_version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface InstrumentTemplateVersionTable {
  id: string;
  template_id: string;
  version: number;
  definition: JsonText;
  change_note: string | null;
  published_at: Timestamp;
  published_by: string | null;
}

export interface InstrumentEnablementTable {
  org_unit_id: string;
  template_id: string;
  enabled_at: Timestamp;
  enabled_by: string | null;
}

export interface AssessmentTable {
  id: string;
  organisation_id: string;
  case_id: string;
  template_version_id: string;
  status: string;
  conducted_on: DateString;
  answers: JsonText;
  special_answers: string | null;
  scores: JsonText;
  prefilled_from: string | null;
  network_snapshot: JsonText | null;
  finalised_at: Timestamp | null;
  finalised_by: string | null;
  created_by: string;
  updated_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface AssessmentNeedTable {
  id: string;
  assessment_id: string;
  kind: string;
  area: string | null;
  text: string;
  priority: number;
  seen_by: string;
  special_category: Bool;
}

export interface NetworkContactTable {
  id: string;
  organisation_id: string;
  case_id: string;
  name: string;
  kind: string;
  relation: string | null;
  support: JsonText;
  closeness: number;
  strained: Bool;
  note: string | null;
  ended_on: DateString | null;
  created_by: string;
  updated_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface PlanTable {
  id: string;
  organisation_id: string;
  case_id: string;
  status: string;
  legal_type: string | null;
  legal_note: string | null;
  header: JsonText;
  review_on: DateString | null;
  review_follow_up_id: string | null;
  agreed_at: Timestamp | null;
  created_by: string;
  updated_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface PlanGoalTable {
  id: string;
  plan_id: string;
  case_id: string;
  parent_id: string | null;
  position: number;
  wording: string;
  client_words: Bool;
  indicator: string | null;
  target_on: DateString | null;
  follow_up_on: DateString | null;
  follow_up_id: string | null;
  priority: number;
  need_id: string | null;
  /** Field of action (FIELDS_OF_ACTION); training_work goals count for the Eingliederungsquote. */
  field: string | null;
  smart: JsonText;
  status: string;
}

export interface PlanStepTable {
  id: string;
  goal_id: string;
  plan_id: string;
  position: number;
  what: string;
  who: string;
  who_name: string | null;
  due_on: DateString | null;
  provider: string | null;
  offer: string | null;
  cost_bearer: string | null;
  mode: string | null;
  status: string;
  offer_available: Bool | null;
  done_on: DateString | null;
}

export interface PlanVersionTable {
  id: string;
  plan_id: string;
  version: number;
  change_kind: string;
  reason: string | null;
  summary: JsonText;
  snapshot: JsonText;
  changed_at: Timestamp;
  changed_by: string;
}

export interface GoalReviewTable {
  id: string;
  goal_id: string;
  plan_id: string;
  reviewed_on: DateString;
  attainment: string;
  comment: string | null;
  consequence: string;
  created_at: Timestamp;
  created_by: string;
}

export interface PlanSignatureTable {
  id: string;
  plan_id: string;
  plan_version: number;
  signer: string;
  name: string | null;
  form: string;
  signed_on: DateString;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface PartnerTypeTable {
  id: string;
  /** null: a type of the installation's shared directory. */
  organisation_id: string | null;
  key: string;
  label: string;
  archived_at: Timestamp | null;
  created_at: Timestamp;
}

export interface PartnerTable {
  id: string;
  /** null: the installation's shared directory, read by every organisation. */
  organisation_id: string | null;
  name: string;
  type: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  district: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  notes: string | null;
  /** A partner still referenced is archived instead of deleted, so history stays readable. */
  archived_at: Timestamp | null;
  created_by: string;
  updated_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface PartnerContactTable {
  id: string;
  partner_id: string;
  position: number;
  name: string;
  role: string | null;
  phone: string | null;
  email: string | null;
  archived_at: Timestamp | null;
}

export interface OfferTable {
  id: string;
  partner_id: string;
  organisation_id: string | null;
  title: string;
  description: string | null;
  field: string | null;
  target_groups: JsonText;
  age_min: number | null;
  age_max: number | null;
  languages: JsonText;
  district: string | null;
  cost_bearer: string | null;
  capacity: number | null;
  free_places: number | null;
  waiting_days: number | null;
  valid_from: DateString | null;
  valid_to: DateString | null;
  archived_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ReferralTable {
  id: string;
  organisation_id: string;
  case_id: string;
  client_id: string;
  plan_step_id: string | null;
  partner_id: string;
  offer_id: string | null;
  /** requested → accepted → started → completed, or declined / broken_off. */
  status: string;
  requested_on: DateString;
  accepted_on: DateString | null;
  started_on: DateString | null;
  ended_on: DateString | null;
  barriers: JsonText;
  barrier_note: string | null;
  partner_feedback: string | null;
  note: string | null;
  /** Data categories sent with the referral (empty: none); then disclosure_id names the log entry. */
  categories: JsonText;
  disclosure_id: string | null;
  created_by: string;
  updated_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ReferralEventTable {
  id: string;
  referral_id: string;
  status: string;
  on_date: DateString;
  note: string | null;
  recorded_at: Timestamp;
  recorded_by: string;
}

export interface CooperationAgreementTable {
  id: string;
  organisation_id: string;
  title: string;
  /** oral / minutes / written */
  form: string;
  goals: string | null;
  /** { meetings, responsibilities, documentation } */
  rules: JsonText;
  starts_on: DateString;
  ends_on: DateString | null;
  review_on: DateString | null;
  review_follow_up_id: string | null;
  responsible_user_id: string;
  document_filename: string | null;
  document_content_type: string | null;
  document_size: number | null;
  /** Base64 of the signed agreement or minutes (an organisational document, not personal data). */
  document_content: string | null;
  archived_at: Timestamp | null;
  created_by: string;
  updated_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface AgreementPartnerTable {
  agreement_id: string;
  partner_id: string;
}

export interface AgreementReviewTable {
  id: string;
  agreement_id: string;
  reviewed_on: DateString;
  outcome: string;
  notes: string | null;
  next_review_on: DateString | null;
  created_at: Timestamp;
  created_by: string;
}

export interface ConferenceTable {
  id: string;
  organisation_id: string;
  case_id: string;
  /** case / helpers / development / handover */
  kind: string;
  /** planned / invited / held / cancelled */
  status: string;
  held_on: DateString;
  starts_at: string | null;
  place: string | null;
  moderator_user_id: string | null;
  agenda: string | null;
  minutes: string | null;
  /** No personal data is shared: no release needed, the minutes are kept anonymous. */
  anonymous: SqlBool;
  /** Data categories discussed; every external participant needs a release covering them. */
  categories: JsonText;
  invited_at: Timestamp | null;
  created_by: string;
  updated_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ConferenceParticipantTable {
  id: string;
  conference_id: string;
  position: number;
  /** internal / partner_contact / family / other */
  kind: string;
  user_id: string | null;
  partner_id: string | null;
  contact_id: string | null;
  name: string | null;
  role: string | null;
  release_id: string | null;
  disclosure_id: string | null;
}

export interface ConferenceActionTable {
  id: string;
  conference_id: string;
  position: number;
  text: string;
  owner_user_id: string | null;
  owner_name: string | null;
  due_on: DateString | null;
  follow_up_id: string | null;
}

export interface ConferenceThemeTable {
  id: string;
  conference_id: string;
  position: number;
  text: string;
  field: string | null;
  gap_report_id: string | null;
}

export interface GapReportTable {
  id: string;
  organisation_id: string;
  need: string;
  field: string;
  target_group: string | null;
  district: string | null;
  /** low / medium / high */
  urgency: string;
  description: string | null;
  /** plan_step / journal / conference / standalone */
  source: string;
  /** reported → under_review → in_planning → closed */
  status: string;
  /** solved / declined when closed */
  outcome: string | null;
  reported_on: DateString;
  created_by: string;
  updated_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface GapReportCaseTable {
  id: string;
  gap_report_id: string;
  case_id: string;
  plan_step_id: string | null;
  journal_entry_id: string | null;
  conference_id: string | null;
  linked_at: Timestamp;
  linked_by: string;
}

export interface GapReportCommentTable {
  id: string;
  gap_report_id: string;
  text: string | null;
  status_from: string | null;
  status_to: string | null;
  created_at: Timestamp;
  created_by: string;
}

export interface CaseEvaluationTable {
  id: string;
  organisation_id: string;
  case_id: string;
  evaluated_on: DateString;
  /** case_manager / client / both */
  ended_by: string | null;
  /** yes / partly / no */
  life_situation: string | null;
  /** { general, course, results, expectations, mandate }: 1–5 each or null [001 L1154–1160] */
  satisfaction: JsonText;
  /** with_client / client_form / not_asked */
  satisfaction_mode: string;
  satisfaction_language: string | null;
  methods: JsonText;
  /** Verbleib after the case: employment / training / school / further_help / unemployed / unknown */
  destination: string | null;
  gaps_found: string | null;
  summary: string | null;
  follow_up_offered: Bool;
  follow_up_id: string | null;
  created_by: string;
  updated_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface CaseEvaluationGoalTable {
  evaluation_id: string;
  goal_id: string;
  attainment: string;
}

export interface CaseKindChangeTable {
  id: string;
  case_id: string;
  from_kind: string;
  to_kind: string;
  reason: string | null;
  changed_at: Timestamp;
  changed_by: string;
}

export interface DB {
  organisations: OrganisationTable;
  org_units: OrgUnitTable;
  roles: RoleTable;
  users: UserTable;
  user_roles: UserRoleTable;
  user_org_units: UserOrgUnitTable;
  sessions: SessionTable;
  oidc_login_states: OidcLoginStateTable;
  login_attempts: LoginAttemptTable;
  user_second_factors: UserSecondFactorTable;
  recovery_codes: RecoveryCodeTable;
  pending_logins: PendingLoginTable;
  rate_limits: RateLimitTable;
  audit_chains: AuditChainTable;
  audit_log: AuditLogTable;
  districts: DistrictTable;
  indication_criteria: IndicationCriterionTable;
  case_number_counters: CaseNumberCounterTable;
  clients: ClientTable;
  client_related_persons: ClientRelatedPersonTable;
  cases: CaseTable;
  case_phase_changes: CasePhaseChangeTable;
  case_handovers: CaseHandoverTable;
  case_delegations: CaseDelegationTable;
  case_access_overrides: CaseAccessOverrideTable;
  journal_entries: JournalEntryTable;
  journal_entry_revisions: JournalEntryRevisionTable;
  follow_ups: FollowUpTable;
  notifications: NotificationTable;
  consent_templates: ConsentTemplateTable;
  documents: DocumentTable;
  consents: ConsentTable;
  disclosures: DisclosureTable;
  data_subject_requests: DataSubjectRequestTable;
  retention_decisions: RetentionDecisionTable;
  job_locks: JobLockTable;
  instrument_templates: InstrumentTemplateTable;
  instrument_template_versions: InstrumentTemplateVersionTable;
  instrument_enablements: InstrumentEnablementTable;
  assessments: AssessmentTable;
  assessment_needs: AssessmentNeedTable;
  network_contacts: NetworkContactTable;
  plans: PlanTable;
  plan_goals: PlanGoalTable;
  plan_steps: PlanStepTable;
  plan_versions: PlanVersionTable;
  goal_reviews: GoalReviewTable;
  plan_signatures: PlanSignatureTable;
  partner_types: PartnerTypeTable;
  partners: PartnerTable;
  partner_contacts: PartnerContactTable;
  offers: OfferTable;
  referrals: ReferralTable;
  referral_events: ReferralEventTable;
  cooperation_agreements: CooperationAgreementTable;
  agreement_partners: AgreementPartnerTable;
  agreement_reviews: AgreementReviewTable;
  conferences: ConferenceTable;
  conference_participants: ConferenceParticipantTable;
  conference_actions: ConferenceActionTable;
  conference_themes: ConferenceThemeTable;
  gap_reports: GapReportTable;
  gap_report_cases: GapReportCaseTable;
  gap_report_comments: GapReportCommentTable;
  case_evaluations: CaseEvaluationTable;
  case_evaluation_goals: CaseEvaluationGoalTable;
  case_kind_changes: CaseKindChangeTable;
}
