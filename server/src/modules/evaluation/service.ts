import type { Selectable } from 'kysely';
import { audit, auditRead, inTransaction, readAudited } from '../../core/audit.js';
import { localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { CaseEvaluationTable } from '../../db/types.js';
import { requireCase, type CaseRow } from '../cases/access.js';
import type { CaseKind, ClosureReason, Phase } from '../cases/domain.js';
import type { CaseAccess } from '../cases/policy.js';
import {
  kindChanges,
  recordClosure,
  recordKindChange,
  recordReopening,
  requireCaseVersion,
  type KindChangeView,
} from '../cases/service.js';
import { syncFollowUp } from '../followups/service.js';
import type { Attainment } from '../plan/domain.js';
import { planGoalsOfCase, type PlanGoalRef } from '../plan/service.js';
import { personLookup } from '../users/service.js';
import {
  closureErrors,
  closureNeeds,
  closureWarnings,
  evaluationErrors,
  evaluationRequired,
  followUpDate,
  FOLLOW_UP_TEXT,
  kindChangeErrors,
  normaliseEvaluation,
  phaseAfterKindChange,
  satisfactionMean,
  SATISFACTION_DIMENSIONS,
  type Destination,
  type EndedBy,
  type EvaluationInput,
  type Finding,
  type FormLanguage,
  type LifeSituation,
  type Method,
  type Satisfaction,
  type SatisfactionMode,
} from './domain.js';
import { evaluationPolicy, type EvaluationCaseFacts } from './policy.js';

/**
 * Evaluation and closure of a case (issue 8; BRIEF 2.6): the evaluation is a draft while the case runs; the
 * formal closure (Entpflichtung) seals it, sets the end date and reason and — if the client agreed — puts the
 * follow-up talk about six months later into the responsible case manager's follow-ups. A closed case is
 * reopened with a reason (unless it was anonymised); a counselling case converts into a CM case and back.
 */

type EvaluationRow = Selectable<CaseEvaluationTable>;

export interface EvaluationView {
  id: string;
  evaluatedOn: string;
  endedBy: EndedBy | null;
  lifeSituation: LifeSituation | null;
  satisfaction: Satisfaction;
  /** Mean of the answered dimensions (1–5, one decimal). */
  satisfactionMean: number | null;
  satisfactionMode: SatisfactionMode;
  satisfactionLanguage: FormLanguage | null;
  methods: Method[];
  destination: Destination | null;
  gapsFound: string | null;
  summary: string | null;
  goals: { goalId: string; attainment: Attainment }[];
  followUpOffered: boolean;
  followUpAgreed: boolean;
  /** When the follow-up talk is due: six months after the closure (before it: after the evaluation). */
  followUpDueOn: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: { id: string; displayName: string };
  version: number;
}

export interface EvaluationEnvelope {
  case: {
    id: string;
    kind: CaseKind;
    phase: Phase;
    openedOn: string;
    closedOn: string | null;
    closureReason: string | null;
    anonymised: boolean;
    version: number;
  };
  evaluation: EvaluationView | null;
  /** The goals of the case's plan to rate, impact goals each followed by their sub-goals. */
  goals: PlanGoalRef[];
  kindHistory: KindChangeView[];
  closure: { evaluationRequired: boolean };
  permissions: { edit: boolean; close: boolean; reopen: boolean; changeKind: boolean };
}

function toErrors(findings: Finding[], ctx: RequestContext) {
  return findings.map((f) => fieldError(f.pointer, f.code, ctx.locale, f.params));
}

function factsOf(row: CaseRow, access: CaseAccess): EvaluationCaseFacts {
  return { access, closed: row.phase === 'closed', anonymised: row.anonymised_at !== null };
}

function loadEvaluation(db: Executor, caseId: string): Promise<EvaluationRow | undefined> {
  return db.selectFrom('case_evaluations').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

async function evaluationView(db: Executor, row: EvaluationRow, caseRow: CaseRow): Promise<EvaluationView> {
  const [goals, person] = await Promise.all([
    db
      .selectFrom('case_evaluation_goals')
      .select(['goal_id', 'attainment'])
      .where('evaluation_id', '=', row.id)
      .execute(),
    personLookup(db, [row.updated_by]),
  ]);
  const stored = JSON.parse(row.satisfaction) as Partial<Satisfaction>;
  const satisfaction = Object.fromEntries(
    SATISFACTION_DIMENSIONS.map((d) => [d, stored[d] ?? null]),
  ) as Satisfaction;
  const agreed = row.follow_up_id !== null;
  return {
    id: row.id,
    evaluatedOn: row.evaluated_on,
    endedBy: row.ended_by as EndedBy | null,
    lifeSituation: row.life_situation as LifeSituation | null,
    satisfaction,
    satisfactionMean: satisfactionMean(satisfaction),
    satisfactionMode: row.satisfaction_mode as SatisfactionMode,
    satisfactionLanguage: row.satisfaction_language as FormLanguage | null,
    methods: JSON.parse(row.methods) as Method[],
    destination: row.destination as Destination | null,
    gapsFound: row.gaps_found,
    summary: row.summary,
    goals: goals.map((g) => ({ goalId: g.goal_id, attainment: g.attainment as Attainment })),
    followUpOffered: Boolean(row.follow_up_offered),
    followUpAgreed: agreed,
    followUpDueOn: agreed ? followUpDate(caseRow.closed_on ?? row.evaluated_on) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: person(row.updated_by),
    version: row.version,
  };
}

async function envelope(
  db: Executor,
  ctx: RequestContext,
  row: CaseRow,
  access: CaseAccess,
): Promise<EvaluationEnvelope> {
  const [evaluation, goals, kindHistory] = await Promise.all([
    loadEvaluation(db, row.id),
    planGoalsOfCase(db, row.id),
    kindChanges(db, row.id),
  ]);
  const facts = factsOf(row, access);
  return {
    case: {
      id: row.id,
      kind: row.kind as CaseKind,
      phase: row.phase as Phase,
      openedOn: row.opened_on,
      closedOn: row.closed_on,
      closureReason: row.closure_reason,
      anonymised: row.anonymised_at !== null,
      version: row.version,
    },
    evaluation: evaluation ? await evaluationView(db, evaluation, row) : null,
    goals,
    kindHistory,
    closure: { evaluationRequired: evaluationRequired(row.kind as CaseKind) },
    permissions: {
      edit: evaluationPolicy.edit(ctx.actor, facts),
      close: evaluationPolicy.close(ctx.actor, facts),
      reopen: evaluationPolicy.reopen(ctx.actor, facts),
      changeKind: evaluationPolicy.changeKind(ctx.actor, facts),
    },
  };
}

/** The envelope after a change, from the case as it is now inside the transaction. */
async function envelopeNow(trx: Executor, ctx: RequestContext, caseId: string) {
  const { row, access } = await requireCase(trx, ctx, caseId, 'read');
  return envelope(trx, ctx, row, access);
}

export async function getEvaluation(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
): Promise<EvaluationEnvelope> {
  return readAudited(deps.db, async (trx) => {
    const { row, access } = await requireCase(trx, ctx, caseId, 'read');
    await auditRead(trx, ctx, 'case', caseId, { part: 'evaluation' });
    return envelope(trx, ctx, row, access);
  });
}

/** A running case the actor may change; a closed or anonymised one answers 409 case-closed. */
async function runningCase(trx: Executor, ctx: RequestContext, caseId: string) {
  const found = await requireCase(trx, ctx, caseId, 'write');
  if (found.row.anonymised_at) throw new Problem('case-closed', { detail: 'anonymised' });
  if (found.row.phase === 'closed') throw new Problem('case-closed');
  return found;
}

export interface SaveEvaluationInput extends Omit<
  EvaluationInput,
  'endedBy' | 'lifeSituation' | 'satisfactionLanguage' | 'destination' | 'gapsFound' | 'summary'
> {
  version: number;
  endedBy?: EndedBy | null;
  lifeSituation?: LifeSituation | null;
  satisfactionLanguage?: FormLanguage | null;
  destination?: Destination | null;
  gapsFound?: string | null;
  summary?: string | null;
}

/**
 * Saves the evaluation as a whole (version 0 creates it). The ratings must be of goals of this case's plan.
 * An agreed follow-up talk is a follow-up of the responsible case manager six months after the evaluation;
 * the closure moves it to six months after the end.
 */
export async function saveEvaluation(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  body: SaveEvaluationInput,
): Promise<EvaluationEnvelope> {
  return inTransaction(deps.db, async (trx) => {
    const { row } = await runningCase(trx, ctx, caseId);
    const existing = await loadEvaluation(trx, caseId);
    if ((existing?.version ?? 0) !== body.version) {
      throw new Problem('version-conflict', { extra: { current: await envelopeNow(trx, ctx, caseId) } });
    }
    const input = normaliseEvaluation({
      evaluatedOn: body.evaluatedOn,
      endedBy: body.endedBy ?? null,
      lifeSituation: body.lifeSituation ?? null,
      satisfaction: body.satisfaction,
      satisfactionMode: body.satisfactionMode,
      satisfactionLanguage: body.satisfactionLanguage ?? null,
      methods: body.methods,
      destination: body.destination ?? null,
      gapsFound: body.gapsFound ?? null,
      summary: body.summary ?? null,
      goals: body.goals,
      followUpOffered: body.followUpOffered,
      followUpAgreed: body.followUpAgreed,
    });
    const goals = await planGoalsOfCase(trx, caseId);
    const errors = evaluationErrors(input, {
      goalIds: new Set(goals.map((g) => g.id)),
      openedOn: row.opened_on,
      today: localDate(ctx.now),
    });
    if (errors.length > 0) throw new Problem('validation', { errors: toErrors(errors, ctx) });
    const at = ctx.now.toISOString();
    const followUpId = await syncFollowUp(
      trx,
      ctx,
      { caseId, assigneeUserId: row.responsible_user_id },
      existing?.follow_up_id ?? null,
      input.followUpAgreed ? followUpDate(input.evaluatedOn) : null,
      FOLLOW_UP_TEXT,
    );
    const values = {
      evaluated_on: input.evaluatedOn,
      ended_by: input.endedBy,
      life_situation: input.lifeSituation,
      satisfaction: JSON.stringify(input.satisfaction),
      satisfaction_mode: input.satisfactionMode,
      satisfaction_language: input.satisfactionLanguage,
      methods: JSON.stringify(input.methods),
      destination: input.destination,
      gaps_found: input.gapsFound,
      summary: input.summary,
      follow_up_offered: input.followUpOffered,
      follow_up_id: followUpId,
      updated_by: ctx.actor.userId,
      updated_at: at,
    };
    const id = existing?.id ?? newId();
    if (existing) {
      const updated = await trx
        .updateTable('case_evaluations')
        .set({ ...values, version: existing.version + 1 })
        .where('id', '=', existing.id)
        .where('version', '=', body.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new Problem('version-conflict');
      await trx.deleteFrom('case_evaluation_goals').where('evaluation_id', '=', id).execute();
    } else {
      // Two first saves at once: the second finds the case's evaluation taken (one per case).
      const inserted = await trx
        .insertInto('case_evaluations')
        .values({
          id,
          organisation_id: row.organisation_id,
          case_id: caseId,
          ...values,
          created_by: ctx.actor.userId,
          created_at: at,
          version: 1,
        })
        .onConflict((oc) => oc.column('case_id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new Problem('version-conflict');
    }
    if (input.goals.length > 0) {
      await trx
        .insertInto('case_evaluation_goals')
        .values(input.goals.map((g) => ({ evaluation_id: id, goal_id: g.goalId, attainment: g.attainment })))
        .execute();
    }
    await trx.updateTable('cases').set({ last_activity_at: at }).where('id', '=', caseId).execute();
    await audit(trx, ctx, {
      action: existing ? 'evaluation.save' : 'evaluation.create',
      entityType: 'case_evaluation',
      entityId: id,
      details: {
        caseId,
        goals: input.goals.length,
        satisfactionMode: input.satisfactionMode,
        followUpAgreed: input.followUpAgreed,
      },
    });
    return envelopeNow(trx, ctx, caseId);
  });
}

/**
 * The formal closure (Entpflichtung [001 L1128–1135]): a CM case needs its evaluation (who ended it, the life
 * situation); unrated goals and open follow-ups are confirmed first. Seals the evaluation and puts the agreed
 * follow-up talk six months after the end.
 */
export async function closeCase(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  input: { version: number; closedOn: string; closureReason: ClosureReason; confirm?: boolean },
): Promise<EvaluationEnvelope> {
  return inTransaction(deps.db, async (trx) => {
    const { row } = await runningCase(trx, ctx, caseId);
    await requireCaseVersion(trx, ctx, row, input.version);
    const errors = closureErrors(input, { openedOn: row.opened_on, today: localDate(ctx.now) });
    if (errors.length > 0) throw new Problem('validation', { errors: toErrors(errors, ctx) });
    const evaluation = await loadEvaluation(trx, caseId);
    const needs = closureNeeds(
      row.kind as CaseKind,
      evaluation
        ? {
            endedBy: evaluation.ended_by as EndedBy | null,
            lifeSituation: evaluation.life_situation as LifeSituation | null,
          }
        : null,
    );
    if (needs.length > 0) throw new Problem('evaluation-required', { errors: toErrors(needs, ctx) });
    if (!input.confirm) {
      const warnings = closureWarnings(await closureFacts(trx, caseId, evaluation ?? null));
      if (warnings.length > 0)
        throw new Problem('confirmation-required', { errors: toErrors(warnings, ctx) });
    }
    await recordClosure(trx, ctx, row, input);
    if (evaluation) {
      const followUpId = evaluation.follow_up_id
        ? await syncFollowUp(
            trx,
            ctx,
            { caseId, assigneeUserId: row.responsible_user_id },
            evaluation.follow_up_id,
            followUpDate(input.closedOn),
            FOLLOW_UP_TEXT,
          )
        : null;
      // Sealed with the closure: a save begun before it meets a new version.
      await trx
        .updateTable('case_evaluations')
        .set({ follow_up_id: followUpId, version: evaluation.version + 1 })
        .where('id', '=', evaluation.id)
        .execute();
      if (followUpId) {
        await audit(trx, ctx, {
          action: 'evaluation.follow_up_talk',
          entityType: 'case_evaluation',
          entityId: evaluation.id,
          details: { caseId, followUpId, dueOn: followUpDate(input.closedOn) },
        });
      }
    }
    return envelopeNow(trx, ctx, caseId);
  });
}

/** Goals without a final rating (dropped ones need none) and the case's open follow-ups besides the talk. */
async function closureFacts(trx: Executor, caseId: string, evaluation: EvaluationRow | null) {
  const [goals, rated, followUps] = await Promise.all([
    planGoalsOfCase(trx, caseId),
    evaluation
      ? trx
          .selectFrom('case_evaluation_goals')
          .select('goal_id')
          .where('evaluation_id', '=', evaluation.id)
          .execute()
      : Promise.resolve([]),
    // The case's follow-ups are counted where they are kept (as the case file's summary does).
    trx
      .selectFrom('follow_ups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_id', '=', caseId)
      .where('done_at', 'is', null)
      .$if(Boolean(evaluation?.follow_up_id), (q) => q.where('id', '!=', evaluation?.follow_up_id ?? ''))
      .executeTakeFirst(),
  ]);
  const ratedIds = new Set(rated.map((r) => r.goal_id));
  return {
    unratedGoals: goals.filter((g) => g.status !== 'dropped' && !ratedIds.has(g.id)).length,
    openFollowUps: Number(followUps?.n ?? 0),
  };
}

/**
 * Reopens a closed case with the reason [001 L1208–1211]: back to the phase it had, the end date and reason
 * cleared. An anonymised case is not reopened — the person comes back as a new case (409 case-anonymised). A
 * follow-up talk not yet held is taken out: the case has not ended.
 */
export async function reopenCase(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  input: { version: number; reason: string },
): Promise<EvaluationEnvelope> {
  return inTransaction(deps.db, async (trx) => {
    const { row } = await requireCase(trx, ctx, caseId, 'write');
    if (row.anonymised_at) throw new Problem('case-anonymised');
    if (row.phase !== 'closed') throw new Problem('phase-move-not-allowed');
    await requireCaseVersion(trx, ctx, row, input.version);
    const reason = input.reason.trim();
    if (!reason) throw new Problem('validation', { errors: [fieldError('/reason', 'required', ctx.locale)] });
    await recordReopening(trx, ctx, row, { version: input.version, reason });
    const evaluation = await loadEvaluation(trx, caseId);
    if (evaluation) {
      const followUpId = await syncFollowUp(
        trx,
        ctx,
        { caseId, assigneeUserId: row.responsible_user_id },
        evaluation.follow_up_id,
        null,
        FOLLOW_UP_TEXT,
      );
      await trx
        .updateTable('case_evaluations')
        .set({ follow_up_id: followUpId, version: evaluation.version + 1 })
        .where('id', '=', evaluation.id)
        .execute();
      if (evaluation.follow_up_id) {
        await audit(trx, ctx, {
          action: 'evaluation.follow_up_talk_cancel',
          entityType: 'case_evaluation',
          entityId: evaluation.id,
          details: { caseId, followUpId: evaluation.follow_up_id },
        });
      }
    }
    return envelopeNow(trx, ctx, caseId);
  });
}

/** Converts a counselling case into a CM case or back, with the reason kept in the kind history. */
export async function changeCaseKind(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  input: { version: number; kind: CaseKind; reason: string },
): Promise<EvaluationEnvelope> {
  return inTransaction(deps.db, async (trx) => {
    const { row } = await runningCase(trx, ctx, caseId);
    await requireCaseVersion(trx, ctx, row, input.version);
    const reason = input.reason.trim();
    const errors = [
      ...kindChangeErrors(row.kind as CaseKind, input.kind),
      ...(reason ? [] : [{ pointer: '/reason', code: 'required' }]),
    ];
    if (errors.length > 0) throw new Problem('validation', { errors: toErrors(errors, ctx) });
    await recordKindChange(trx, ctx, row, {
      version: input.version,
      kind: input.kind,
      phase: phaseAfterKindChange(input.kind, row.phase as Phase),
      reason,
    });
    return envelopeNow(trx, ctx, caseId);
  });
}
