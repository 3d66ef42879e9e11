import { api, call, type ApiResult } from '../../api/client';
import type { Problem } from '../../api/types';
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

/** The result of starting an assessment: the new draft, or the open draft to continue instead. */
export type StartResult = { ok: true; id: string } | { ok: false; problem: Problem; draftId: string | null };

/**
 * Starts an assessment. A 409 `assessment-draft-exists` names the open draft (`draftId`), which the shared
 * problem reader does not keep, so it is read from the raw answer here.
 */
export async function startAssessment(
  caseId: string,
  body: { templateId: string; conductedOn?: string; prefill?: boolean },
): Promise<StartResult> {
  let draftId: string | null = null;
  const result: ApiResult<Assessment> = await call(
    api.POST('/api/cases/{id}/assessments', { params: { path: { id: caseId } }, body }).then((outcome) => {
      const extra = outcome.error && 'draftId' in outcome.error ? outcome.error.draftId : undefined;
      draftId = typeof extra === 'string' ? extra : null;
      return outcome;
    }),
  );
  return result.ok ? { ok: true, id: result.data.id } : { ok: false, problem: result.problem, draftId };
}
