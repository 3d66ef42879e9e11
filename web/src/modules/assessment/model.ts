import { api, call, type ApiResult } from '../../api/client';
import type { paths } from '../../api/schema';

// The assessment module's shapes, derived from the generated schema (as api/types.ts does for the others).
type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;

export type AssessmentList = Json<paths['/api/cases/{id}/assessments']['get']['responses'][200]>;
export type AssessmentSummary = AssessmentList['items'][number];
export type AvailableInstrument = AssessmentList['available'][number];
export type Assessment = Json<paths['/api/assessments/{id}']['get']['responses'][200]>;
export type ApiDefinition = Assessment['definition'];
export type Need = Assessment['needs'][number];
export type NeedKind = Need['kind'];
export type SeenBy = Need['seenBy'];
export type NetworkContact = NonNullable<Assessment['network']>[number];
export type DraftPatch = NonNullable<
  paths['/api/assessments/{id}']['patch']['requestBody']
>['content']['application/json'];
export type NeedInput = NonNullable<DraftPatch['needs']>[number];
export type Progress = Json<paths['/api/cases/{id}/assessments/progress']['get']['responses'][200]>;
export type ProgressSeries = Progress['series'][number];
export type ProgressDimension = ProgressSeries['dimensions'][number];
export type ProgressPoint = ProgressSeries['points'][number];
export type Comparison = Json<paths['/api/assessments/compare']['get']['responses'][200]>;

export const NEED_KINDS = ['need', 'resource'] as const satisfies readonly NeedKind[];
export const SEEN_BY = ['client', 'professional', 'both'] as const satisfies readonly SeenBy[];

/** Starts an assessment; a 409 `assessment-draft-exists` names the open draft in `problem.draftId`. */
export function startAssessment(
  caseId: string,
  body: { templateId: string; conductedOn?: string; prefill?: boolean },
): Promise<ApiResult<Assessment>> {
  return call(api.POST('/api/cases/{id}/assessments', { params: { path: { id: caseId } }, body }));
}
