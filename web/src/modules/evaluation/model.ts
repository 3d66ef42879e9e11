import type { paths } from '../../api/schema';

// The evaluation module's shapes, derived from the generated schema.
type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type BodyOf<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;

export type EvaluationEnvelope = Json<paths['/api/cases/{id}/evaluation']['get']['responses'][200]>;
export type Evaluation = NonNullable<EvaluationEnvelope['evaluation']>;
export type GoalToRate = EvaluationEnvelope['goals'][number];
export type KindChange = EvaluationEnvelope['kindHistory'][number];
export type SaveBody = BodyOf<NonNullable<paths['/api/cases/{id}/evaluation']['put']['requestBody']>>;
export type CloseBody = BodyOf<NonNullable<paths['/api/cases/{id}/close']['post']['requestBody']>>;
export type ReopenBody = BodyOf<NonNullable<paths['/api/cases/{id}/reopen']['post']['requestBody']>>;
export type KindBody = BodyOf<NonNullable<paths['/api/cases/{id}/kind']['post']['requestBody']>>;
export type SatisfactionForm = Json<paths['/api/evaluation/satisfaction-form']['get']['responses'][200]>;

export type EndedBy = NonNullable<Evaluation['endedBy']>;
export type LifeSituation = NonNullable<Evaluation['lifeSituation']>;
export type Satisfaction = Evaluation['satisfaction'];
export type Dimension = keyof Satisfaction;
export type SatisfactionMode = Evaluation['satisfactionMode'];
export type FormLanguage = NonNullable<Evaluation['satisfactionLanguage']>;
export type Method = Evaluation['methods'][number];
export type Destination = NonNullable<Evaluation['destination']>;
export type Attainment = Evaluation['goals'][number]['attainment'];
export type ClosureReason = CloseBody['closureReason'];

export const ENDED_BY = ['case_manager', 'client', 'both'] as const satisfies readonly EndedBy[];
export const LIFE_SITUATIONS = ['yes', 'partly', 'no'] as const satisfies readonly LifeSituation[];
/** The five dimensions of the JMD guide [001 L1154–1160]. */
export const DIMENSIONS = [
  'general',
  'course',
  'results',
  'expectations',
  'mandate',
] as const satisfies readonly Dimension[];
export const SCALE = [1, 2, 3, 4, 5] as const;
export const MODES = [
  'with_client',
  'client_form',
  'not_asked',
] as const satisfies readonly SatisfactionMode[];
export const FORM_LANGUAGES = ['de', 'en', 'ar', 'uk'] as const satisfies readonly FormLanguage[];
export const METHODS = [
  'counselling',
  'assessment_instrument',
  'network_map',
  'case_conference',
  'referral',
  'accompaniment',
  'group_offer',
  'home_visit',
  'other',
] as const satisfies readonly Method[];
export const DESTINATIONS = [
  'employment',
  'training',
  'school',
  'further_help',
  'unemployed',
  'unknown',
] as const satisfies readonly Destination[];
export const ATTAINMENTS = [
  'not',
  'partly',
  'largely',
  'fully',
  'dropped',
] as const satisfies readonly Attainment[];
/** The reasons a person closes a case with; "no contact for nine months" is the retention job's. */
export const CLOSURE_REASONS = [
  'goals_reached',
  'ended_by_client',
  'insufficient_cooperation',
  'structural_obstacles',
  'moved_or_other_agency',
] as const satisfies readonly ClosureReason[];
/** Every reason a closed case may show, including those the system sets. */
export const SHOWN_CLOSURE_REASONS = [
  ...CLOSURE_REASONS,
  'no_contact',
  'consent_revoked',
  'retention_review',
] as const;
