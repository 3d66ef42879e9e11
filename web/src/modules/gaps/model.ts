import type { paths } from '../../api/schema';

// The gap-report module's shapes, derived from the generated schema.
type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type BodyOf<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;

export type GapReport = Json<paths['/api/gap-reports/{id}']['get']['responses'][200]>;
export type GapReportPage = Json<paths['/api/gap-reports']['get']['responses'][200]>;
export type GapReportListItem = GapReportPage['items'][number];
export type GapReportComment = GapReport['comments'][number];
export type CaseGapReport = Json<
  paths['/api/cases/{id}/gap-reports']['get']['responses'][200]
>['items'][number];
export type GapPlanning = Json<paths['/api/planning/gaps']['get']['responses'][200]>;
export type GapBundle = GapPlanning['items'][number];
export type CreateBody = BodyOf<NonNullable<paths['/api/gap-reports']['post']['requestBody']>>;
export type UpdateBody = BodyOf<NonNullable<paths['/api/gap-reports/{id}']['put']['requestBody']>>;
export type StatusBody = BodyOf<NonNullable<paths['/api/gap-reports/{id}/status']['post']['requestBody']>>;
export type ListQuery = NonNullable<paths['/api/gap-reports']['get']['parameters']['query']>;
export type PlanningQuery = NonNullable<paths['/api/planning/gaps']['get']['parameters']['query']>;

export type FieldOfAction = GapReport['field'];
export type Urgency = GapReport['urgency'];
export type GapStatus = GapReport['status'];
export type GapOutcome = NonNullable<GapReport['outcome']>;
export type GapSource = GapReport['source'];
export type GroupBy = GapPlanning['groupBy'];

export const FIELDS_OF_ACTION: readonly FieldOfAction[] = [
  'education',
  'training_work',
  'language',
  'housing',
  'health',
  'livelihood',
  'participation',
  'everyday_life',
  'residence',
  'other',
];
export const URGENCIES: readonly Urgency[] = ['low', 'medium', 'high'];
export const GAP_STATUSES: readonly GapStatus[] = ['reported', 'under_review', 'in_planning', 'closed'];
export const GAP_OUTCOMES: readonly GapOutcome[] = ['solved', 'declined'];
export const GROUP_BY: readonly GroupBy[] = ['need', 'field', 'targetGroup', 'district'];

/** The links a new report may come with (from the plan, the journal or a conference), read from the address. */
export interface ReportOrigin {
  caseId: string | null;
  planStepId: string | null;
  journalEntryId: string | null;
  conferenceId: string | null;
  themeId: string | null;
}

export function originOf(params: URLSearchParams): ReportOrigin {
  const id = (name: string) => params.get(name) || null;
  return {
    caseId: id('caseId'),
    planStepId: id('planStepId'),
    journalEntryId: id('journalEntryId'),
    conferenceId: id('conferenceId'),
    themeId: id('themeId'),
  };
}

/** The list filter that opens the reports behind a bundle of the planning view. */
export function bundleFilter(groupBy: GroupBy, key: string): Record<string, string> {
  return { [groupBy]: key };
}
