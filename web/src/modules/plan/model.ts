import type { paths } from '../../api/schema';

// The plan module's shapes, derived from the generated schema.
type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;

export type PlanEnvelope = Json<paths['/api/cases/{id}/plan']['get']['responses'][200]>;
export type Plan = NonNullable<PlanEnvelope['plan']>;
export type PlanLabel = PlanEnvelope['label'];
export type PlanRules = PlanEnvelope['rules'];
export type Goal = Plan['goals'][number];
export type SubGoal = Goal['subGoals'][number];
export type Step = Goal['steps'][number];
export type Review = Goal['reviews'][number];
export type Signature = Plan['signatures'][number];
export type Warning = Plan['warnings'][number];
export type LegalType = NonNullable<Plan['legalType']>;
export type Header = Plan['header'];
export type SaveBody = NonNullable<
  paths['/api/cases/{id}/plan']['put']['requestBody']
>['content']['application/json'];
export type ChangeKind = NonNullable<SaveBody['changeKind']>;
export type ReviewBody = NonNullable<
  paths['/api/plan-goals/{id}/reviews']['post']['requestBody']
>['content']['application/json'];
export type Attainment = ReviewBody['attainment'];
export type Consequence = ReviewBody['consequence'];
export type SignatureBody = NonNullable<
  paths['/api/cases/{id}/plan/signatures']['post']['requestBody']
>['content']['application/json'];
export type HistoryItem = Json<
  paths['/api/cases/{id}/plan/history']['get']['responses'][200]
>['items'][number];

export const LEGAL_TYPES = [
  'hilfeplan_sgb_viii',
  'gesamtplan_sgb_xii',
  'teilhabeplan_sgb_ix',
  'integration_agreement',
  'egv_sgb_ii',
  'none',
] as const satisfies readonly LegalType[];
export const GOAL_STATUSES = ['active', 'achieved', 'dropped'] as const satisfies readonly Goal['status'][];
export const STEP_WHO = [
  'client',
  'case_manager',
  'provider',
  'other',
] as const satisfies readonly Step['who'][];
export const STEP_MODES = [
  'alone',
  'with_support',
  'by_case_manager',
] as const satisfies readonly NonNullable<Step['mode']>[];
export const STEP_STATUSES = ['open', 'done', 'dropped'] as const satisfies readonly Step['status'][];
export const ATTAINMENTS = [
  'not',
  'partly',
  'largely',
  'fully',
  'dropped',
] as const satisfies readonly Attainment[];
export const CONSEQUENCES = ['keep', 'change', 'reassess'] as const satisfies readonly Consequence[];
export const SIGNERS = [
  'client',
  'guardian',
  'case_manager',
  'other',
] as const satisfies readonly Signature['signer'][];
export const SIGNATURE_FORMS = ['paper', 'oral'] as const satisfies readonly Signature['form'][];
export const SMART_KEYS = ['specific', 'measurable', 'achievable', 'relevant', 'timed'] as const;
export type SmartKey = (typeof SMART_KEYS)[number];
export const HEADER_FIELDS = [
  'participants',
  'problem',
  'resources',
  'benefitsEarlier',
  'benefitsCurrent',
  'obligations',
  'costBearers',
] as const satisfies readonly Exclude<keyof Header, 'reviewOn'>[];
