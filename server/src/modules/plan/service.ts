import type { Insertable } from 'kysely';
import { audit, auditRead, inTransaction } from '../../core/audit.js';
import type { PlanStepTable } from '../../db/types.js';
import { localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { forgetGoalRatings } from '../evaluation/goals.js';
import { syncFollowUp } from '../followups/service.js';
import { requireCase } from '../cases/access.js';
import { requireProcessingBasis } from '../consent/basis.js';
import { insertDisclosure } from '../privacy/disclosure.js';
import { personLookup } from '../users/service.js';
import {
  BINDINGNESS,
  classifyChange,
  goalsWithPointers,
  planErrors,
  planStatus,
  planWarnings,
  type Attainment,
  type ChangeKind,
  type Finding,
  type GoalDoc,
  type LegalType,
  type PlanDoc,
  type PlanHeader,
  type PlanLabel,
  type PlanRules,
  type Smart,
  type StepDoc,
} from './domain.js';
import { PRINT_LABELS, type PrintLanguage } from './print.js';
import type { FieldOfAction } from '../gaps/fields.js';

/**
 * The plan of a case (issue 6): saved as a whole document; before it is agreed every save simply replaces
 * it, afterwards every change is an extension or a revision with its reason and kept as a version.
 * Goals' follow-up dates and the plan's review date become follow-ups of the responsible case manager.
 */

const SMART_KEYS = ['specific', 'measurable', 'achievable', 'relevant', 'timed'] as const;

function toFindings(findings: Finding[], ctx: RequestContext) {
  return findings.map((f) => fieldError(f.pointer, f.code, ctx.locale, f.params));
}

async function rulesOf(db: Executor, organisationId: string): Promise<PlanRules & { label: PlanLabel }> {
  const org = await db
    .selectFrom('organisations')
    .select(['plan_label', 'plan_max_goals', 'plan_require_indicator'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return {
    label: org.plan_label as PlanLabel,
    maxGoals: org.plan_max_goals,
    requireIndicator: Boolean(org.plan_require_indicator),
  };
}

type PlanRow = NonNullable<Awaited<ReturnType<typeof loadPlanRow>>>;

function loadPlanRow(db: Executor, caseId: string) {
  return db.selectFrom('plans').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

/** The stored plan as a document (with ids), goals and steps in their order. */
async function storedDoc(db: Executor, plan: PlanRow): Promise<PlanDoc> {
  const [goals, steps] = await Promise.all([
    db.selectFrom('plan_goals').selectAll().where('plan_id', '=', plan.id).orderBy('position').execute(),
    db.selectFrom('plan_steps').selectAll().where('plan_id', '=', plan.id).orderBy('position').execute(),
  ]);
  const stepsOf = (goalId: string): StepDoc[] =>
    steps
      .filter((s) => s.goal_id === goalId)
      .map((s) => ({
        id: s.id,
        what: s.what,
        who: s.who as StepDoc['who'],
        whoName: s.who_name,
        dueOn: s.due_on,
        provider: s.provider,
        offer: s.offer,
        costBearer: s.cost_bearer,
        mode: s.mode as StepDoc['mode'],
        status: s.status as StepDoc['status'],
        offerAvailable: s.offer_available === null ? null : Boolean(s.offer_available),
        doneOn: s.done_on,
      }));
  const goalOf = (g: (typeof goals)[number]): GoalDoc => ({
    id: g.id,
    wording: g.wording,
    clientWords: Boolean(g.client_words),
    indicator: g.indicator,
    targetOn: g.target_on,
    followUpOn: g.follow_up_on,
    needId: g.need_id,
    field: g.field as FieldOfAction | null,
    smart: JSON.parse(g.smart) as Smart,
    status: g.status as GoalDoc['status'],
    steps: stepsOf(g.id),
  });
  return {
    legalType: plan.legal_type as LegalType | null,
    legalNote: plan.legal_note,
    // Every key, in the API's order: anonymisation leaves '{}', and PostgreSQL's jsonb reorders the keys (a
    // save of the unchanged plan must compare equal).
    header: {
      ...emptyHeader(),
      ...(JSON.parse(plan.header) as Partial<PlanHeader>),
      reviewOn: plan.review_on,
    },
    goals: goals
      .filter((g) => g.parent_id === null)
      .map((g) => ({ ...goalOf(g), subGoals: goals.filter((s) => s.parent_id === g.id).map(goalOf) })),
  };
}

function smartOf(smart: Partial<Smart> | undefined): Smart {
  return Object.fromEntries(SMART_KEYS.map((k) => [k, smart?.[k] ?? false])) as unknown as Smart;
}

/** A step with every optional value present (null when absent); the text trimmed. */
function stepValues(s: StepDoc) {
  return {
    what: s.what.trim(),
    who: s.who,
    whoName: s.whoName ?? null,
    dueOn: s.dueOn ?? null,
    provider: s.provider ?? null,
    offer: s.offer ?? null,
    costBearer: s.costBearer ?? null,
    mode: s.mode ?? null,
    status: s.status,
    offerAvailable: s.offerAvailable ?? null,
    doneOn: s.doneOn ?? null,
  };
}

/** Normalises a document as the client sent it: absent optional values become null. */
function normalise(input: PlanDoc): PlanDoc {
  const step = (s: StepDoc): StepDoc => ({ ...(s.id ? { id: s.id } : {}), ...stepValues(s) });
  const goal = (g: GoalDoc, sub: boolean): GoalDoc => ({
    ...(g.id ? { id: g.id } : {}),
    wording: g.wording.trim(),
    clientWords: g.clientWords ?? false,
    indicator: g.indicator?.trim() || null,
    targetOn: g.targetOn ?? null,
    followUpOn: g.followUpOn ?? null,
    needId: g.needId ?? null,
    field: g.field ?? null,
    smart: smartOf(g.smart),
    status: g.status,
    steps: g.steps.map(step),
    ...(sub ? {} : { subGoals: (g.subGoals ?? []).map((s) => goal(s, true)) }),
  });
  return {
    legalType: input.legalType ?? null,
    legalNote: input.legalNote ?? null,
    header: input.header,
    goals: input.goals.map((g) => goal(g, false)),
  };
}

export interface PlanEnvelope {
  plan: Awaited<ReturnType<typeof planView>> | null;
  label: PlanLabel;
  rules: PlanRules;
  permissions: { write: boolean };
}

/** The plan as the API shows it; its warnings are derived from what is stored. */
async function planView(db: Executor, ctx: RequestContext, plan: PlanRow) {
  const doc = await storedDoc(db, plan);
  const goalIds = goalsWithPointers(doc).flatMap((x) => (x.goal.id ? [x.goal.id] : []));
  const [reviews, journal, signatures] = await Promise.all([
    goalIds.length
      ? db
          .selectFrom('goal_reviews')
          .selectAll()
          .where('goal_id', 'in', goalIds)
          .orderBy('reviewed_on')
          .orderBy('created_at')
          .execute()
      : Promise.resolve([]),
    goalIds.length
      ? db
          .selectFrom('journal_entries')
          .select(['goal_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('goal_id', 'in', goalIds)
          .where('withdrawn_at', 'is', null)
          .groupBy('goal_id')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('plan_signatures')
      .selectAll()
      .where('plan_id', '=', plan.id)
      .orderBy('signed_on')
      .execute(),
  ]);
  const person = await personLookup(db, [plan.updated_by, ...reviews.map((r) => r.created_by)]);
  const latest = new Map<string, Attainment>();
  for (const r of reviews) latest.set(r.goal_id, r.attainment as Attainment);
  const goalView = (g: GoalDoc) => ({
    id: g.id ?? '',
    wording: g.wording,
    clientWords: g.clientWords ?? false,
    indicator: g.indicator ?? null,
    targetOn: g.targetOn ?? null,
    followUpOn: g.followUpOn ?? null,
    needId: g.needId ?? null,
    field: g.field ?? null,
    smart: smartOf(g.smart),
    status: g.status,
    steps: g.steps.map((s) => ({ id: s.id ?? '', ...stepValues(s) })),
    reviews: reviews
      .filter((r) => r.goal_id === g.id)
      .map((r) => ({
        id: r.id,
        reviewedOn: r.reviewed_on,
        attainment: r.attainment as Attainment,
        comment: r.comment,
        consequence: r.consequence as 'keep' | 'change' | 'reassess',
        createdBy: person(r.created_by),
      })),
    journalEntries: Number(journal.find((j) => j.goal_id === g.id)?.n ?? 0),
  });
  return {
    id: plan.id,
    caseId: plan.case_id,
    status: plan.status as 'draft' | 'agreed',
    legalType: doc.legalType ?? null,
    bindingness: doc.legalType ? BINDINGNESS[doc.legalType] : null,
    legalNote: doc.legalNote ?? null,
    header: doc.header,
    goals: doc.goals.map((g) => ({ ...goalView(g), subGoals: (g.subGoals ?? []).map(goalView) })),
    signatures: signatures.map((s) => ({
      id: s.id,
      planVersion: s.plan_version,
      signer: s.signer as 'client' | 'guardian' | 'case_manager' | 'other',
      name: s.name,
      form: s.form as 'paper' | 'oral',
      signedOn: s.signed_on,
    })),
    glance: planStatus(doc, latest, localDate(ctx.now)),
    agreedAt: plan.agreed_at,
    updatedAt: plan.updated_at,
    updatedBy: person(plan.updated_by),
    version: plan.version,
    warnings: toFindings(planWarnings(doc), ctx),
  };
}

async function envelope(
  db: Executor,
  ctx: RequestContext,
  caseId: string,
  write: boolean,
): Promise<PlanEnvelope> {
  const rules = await rulesOf(db, ctx.actor.organisationId);
  const row = await loadPlanRow(db, caseId);
  return {
    plan: row ? await planView(db, ctx, row) : null,
    label: rules.label,
    rules: { maxGoals: rules.maxGoals, requireIndicator: rules.requireIndicator },
    permissions: { write },
  };
}

export async function getPlan(deps: AppDeps, ctx: RequestContext, caseId: string): Promise<PlanEnvelope> {
  const { row, access } = await requireCase(deps.db, ctx, caseId, 'read');
  await auditRead(deps.db, ctx, 'case', caseId, { part: 'plan' });
  return envelope(deps.db, ctx, caseId, access.write && row.phase !== 'closed');
}

function emptyHeader(): PlanHeader {
  return {
    participants: null,
    benefitsEarlier: null,
    benefitsCurrent: null,
    problem: null,
    resources: null,
    obligations: null,
    costBearers: null,
    reviewOn: null,
  };
}

async function writableCase(trx: Executor, ctx: RequestContext, caseId: string) {
  const found = await requireCase(trx, ctx, caseId, 'write');
  if (found.row.phase === 'closed' || found.row.anonymised_at) throw new Problem('case-closed');
  return found;
}

/** Writes the document's goals and steps (ids kept, new ones given, missing ones removed). */
export async function writeDoc(
  trx: Executor,
  ctx: RequestContext,
  plan: { id: string },
  caseRow: { id: string; responsible_user_id: string },
  doc: PlanDoc,
): Promise<void> {
  const existing = await trx
    .selectFrom('plan_goals')
    .select(['id', 'follow_up_id'])
    .where('plan_id', '=', plan.id)
    .execute();
  const followUps = new Map(existing.map((g) => [g.id, g.follow_up_id]));
  const keep = new Set(goalsWithPointers(doc).flatMap((x) => (x.goal.id ? [x.goal.id] : [])));
  const removed = existing.filter((g) => !keep.has(g.id)).map((g) => g.id);
  if (removed.length > 0) {
    await trx.deleteFrom('goal_reviews').where('goal_id', 'in', removed).execute();
    await forgetGoalRatings(trx, removed);
    await trx.updateTable('journal_entries').set({ goal_id: null }).where('goal_id', 'in', removed).execute();
    for (const id of removed) {
      const fu = followUps.get(id);
      if (fu) await trx.deleteFrom('follow_ups').where('id', '=', fu).where('done_at', 'is', null).execute();
    }
  }
  await trx.deleteFrom('plan_steps').where('plan_id', '=', plan.id).execute();
  if (removed.length > 0) await trx.deleteFrom('plan_goals').where('id', 'in', removed).execute();
  const known = new Set(existing.map((g) => g.id));
  let priority = 0;
  const steps: Insertable<PlanStepTable>[] = [];
  for (const { goal, parent } of goalsWithPointers(doc)) {
    const id = goal.id ?? newId();
    goal.id = id;
    if (!parent) priority += 1;
    const position = parent ? (parent.subGoals ?? []).indexOf(goal) : doc.goals.indexOf(goal);
    const followUpId = await syncFollowUp(
      trx,
      ctx,
      { caseId: caseRow.id, assigneeUserId: caseRow.responsible_user_id },
      followUps.get(id) ?? null,
      goal.status === 'active' ? (goal.followUpOn ?? null) : null,
      `Zielüberprüfung: ${goal.wording}`.slice(0, 2000),
    );
    const values = {
      parent_id: parent?.id ?? null,
      position,
      wording: goal.wording,
      client_words: goal.clientWords ?? false,
      indicator: goal.indicator ?? null,
      target_on: goal.targetOn ?? null,
      follow_up_on: goal.followUpOn ?? null,
      follow_up_id: followUpId,
      priority: parent ? position + 1 : priority,
      need_id: goal.needId ?? null,
      field: goal.field ?? null,
      smart: JSON.stringify(smartOf(goal.smart)),
      status: goal.status,
    };
    if (known.has(id)) await trx.updateTable('plan_goals').set(values).where('id', '=', id).execute();
    else
      await trx
        .insertInto('plan_goals')
        .values({ id, plan_id: plan.id, case_id: caseRow.id, ...values })
        .execute();
    steps.push(
      ...goal.steps.map((step, i) => {
        step.id = step.id ?? newId();
        return {
          id: step.id,
          goal_id: id,
          plan_id: plan.id,
          position: i,
          what: step.what,
          who: step.who,
          who_name: step.whoName ?? null,
          due_on: step.dueOn ?? null,
          provider: step.provider ?? null,
          offer: step.offer ?? null,
          cost_bearer: step.costBearer ?? null,
          mode: step.mode ?? null,
          status: step.status,
          offer_available: step.offerAvailable ?? null,
          done_on: step.doneOn ?? null,
        };
      }),
    );
  }
  // All steps in one statement (the goals above need their own: ids, follow-ups).
  if (steps.length > 0) await trx.insertInto('plan_steps').values(steps).execute();
}

/** Ids in the document must be this plan's goals and steps. */
function unknownIds(before: PlanDoc, after: PlanDoc, ctx: RequestContext) {
  const goals = new Set(goalsWithPointers(before).map((x) => x.goal.id));
  const steps = new Set(goalsWithPointers(before).flatMap((x) => x.goal.steps.map((s) => s.id)));
  const errors = [];
  for (const { goal, pointer } of goalsWithPointers(after)) {
    if (goal.id && !goals.has(goal.id))
      errors.push(fieldError(`${pointer}/id`, 'unknown-reference', ctx.locale));
    goal.steps.forEach((s, i) => {
      if (s.id && !steps.has(s.id))
        errors.push(fieldError(`${pointer}/steps/${i}/id`, 'unknown-reference', ctx.locale));
    });
  }
  return errors;
}

export interface SaveInput extends PlanDoc {
  version: number;
  changeKind?: ChangeKind;
  reason?: string | null;
}

export async function savePlan(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  input: SaveInput,
): Promise<PlanEnvelope> {
  await inTransaction(deps.db, async (trx) => {
    const { row: caseRow } = await writableCase(trx, ctx, caseId);
    await requireProcessingBasis(trx, ctx, caseRow.client_id);
    const rules = await rulesOf(trx, ctx.actor.organisationId);
    const doc = normalise(input);
    const errors = planErrors(doc, rules, { agreeing: false });
    if (errors.length > 0) throw new Problem('validation', { errors: toFindings(errors, ctx) });
    const plan = await loadPlanRow(trx, caseId);
    if ((plan?.version ?? 0) !== input.version) {
      throw new Problem('version-conflict', { extra: { currentVersion: plan?.version ?? 0 } });
    }
    const before = plan ? await storedDoc(trx, plan) : { header: emptyHeader(), goals: [] };
    const foreign = unknownIds(before, doc, ctx);
    if (foreign.length > 0) throw new Problem('validation', { errors: foreign });
    const { kind, summary } = classifyChange(before, doc);
    const reason = input.reason?.trim() || null;
    if (plan?.status === 'agreed' && kind !== null) {
      const declared = input.changeKind;
      if (!declared)
        throw new Problem('validation', { errors: [fieldError('/changeKind', 'required', ctx.locale)] });
      if (declared === 'extension' && kind === 'revision') {
        throw new Problem('validation', { errors: [fieldError('/changeKind', 'is-revision', ctx.locale)] });
      }
      if (declared === 'revision' && !reason) {
        throw new Problem('validation', { errors: [fieldError('/reason', 'required', ctx.locale)] });
      }
    }
    if (plan && kind === null) return;
    const at = ctx.now.toISOString();
    const planId = plan?.id ?? newId();
    const reviewFollowUp = await syncFollowUp(
      trx,
      ctx,
      { caseId: caseRow.id, assigneeUserId: caseRow.responsible_user_id },
      plan?.review_follow_up_id ?? null,
      doc.header.reviewOn,
      'Überprüfung des Plans',
    );
    const values = {
      legal_type: doc.legalType ?? null,
      legal_note: doc.legalNote ?? null,
      header: JSON.stringify({ ...doc.header, reviewOn: undefined }),
      review_on: doc.header.reviewOn,
      review_follow_up_id: reviewFollowUp,
      updated_by: ctx.actor.userId,
      updated_at: at,
    };
    if (plan) {
      const updated = await trx
        .updateTable('plans')
        .set({ ...values, version: plan.version + 1 })
        .where('id', '=', plan.id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new Problem('version-conflict');
    } else {
      // Two first saves at once (two app instances): the second waits for the first's commit and then finds
      // the case's plan there — the same conflict as a stale version, not a unique-key error (500).
      const inserted = await trx
        .insertInto('plans')
        .values({
          id: planId,
          organisation_id: ctx.actor.organisationId,
          case_id: caseId,
          status: 'draft',
          agreed_at: null,
          created_by: ctx.actor.userId,
          created_at: at,
          version: 1,
          ...values,
        })
        .onConflict((oc) => oc.column('case_id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new Problem('version-conflict');
    }
    await writeDoc(trx, ctx, { id: planId }, caseRow, doc);
    const changeKind = plan?.status === 'agreed' ? (input.changeKind ?? kind) : null;
    if (changeKind) {
      await trx
        .insertInto('plan_versions')
        .values({
          id: newId(),
          plan_id: planId,
          version: (plan?.version ?? 0) + 1,
          change_kind: changeKind,
          reason,
          summary: JSON.stringify(summary),
          snapshot: JSON.stringify(doc),
          changed_at: at,
          changed_by: ctx.actor.userId,
        })
        .execute();
    }
    await trx.updateTable('cases').set({ last_activity_at: at }).where('id', '=', caseId).execute();
    await audit(trx, ctx, {
      action: plan ? 'plan.save' : 'plan.create',
      entityType: 'plan',
      entityId: planId,
      details: { caseId, changeKind, summary },
    });
  });
  return envelope(deps.db, ctx, caseId, true);
}

/** Agrees the plan with the client: from now on every change is an extension or a revision. */
export async function agreePlan(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  version: number,
): Promise<PlanEnvelope> {
  await inTransaction(deps.db, async (trx) => {
    await writableCase(trx, ctx, caseId);
    const plan = await loadPlanRow(trx, caseId);
    if (!plan) throw new Problem('not-found');
    if (plan.version !== version)
      throw new Problem('version-conflict', { extra: { currentVersion: plan.version } });
    const rules = await rulesOf(trx, ctx.actor.organisationId);
    const doc = await storedDoc(trx, plan);
    const errors = planErrors(doc, rules, { agreeing: true });
    if (errors.length > 0) throw new Problem('validation', { errors: toFindings(errors, ctx) });
    const at = ctx.now.toISOString();
    await trx
      .updateTable('plans')
      .set({
        status: 'agreed',
        agreed_at: at,
        updated_at: at,
        updated_by: ctx.actor.userId,
        version: version + 1,
      })
      .where('id', '=', plan.id)
      .where('version', '=', version)
      .execute();
    await trx
      .insertInto('plan_versions')
      .values({
        id: newId(),
        plan_id: plan.id,
        version: version + 1,
        change_kind: 'agreed',
        reason: null,
        summary: JSON.stringify({ goals: goalsWithPointers(doc).length }),
        snapshot: JSON.stringify(doc),
        changed_at: at,
        changed_by: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'plan.agree',
      entityType: 'plan',
      entityId: plan.id,
      details: { caseId },
    });
  });
  return envelope(deps.db, ctx, caseId, true);
}

export async function planHistory(deps: AppDeps, ctx: RequestContext, caseId: string) {
  await requireCase(deps.db, ctx, caseId, 'read');
  const plan = await loadPlanRow(deps.db, caseId);
  if (!plan) return { items: [] };
  const rows = await deps.db
    .selectFrom('plan_versions')
    .select(['version', 'change_kind', 'reason', 'summary', 'changed_at', 'changed_by'])
    .where('plan_id', '=', plan.id)
    .orderBy('version', 'desc')
    .execute();
  const person = await personLookup(
    deps.db,
    rows.map((r) => r.changed_by),
  );
  return {
    items: rows.map((r) => ({
      version: r.version,
      changeKind: r.change_kind as 'agreed' | ChangeKind,
      reason: r.reason,
      summary: JSON.parse(r.summary) as Record<string, unknown>,
      changedAt: r.changed_at,
      changedBy: person(r.changed_by),
    })),
  };
}

export async function planVersion(deps: AppDeps, ctx: RequestContext, caseId: string, version: number) {
  await requireCase(deps.db, ctx, caseId, 'read');
  const plan = await loadPlanRow(deps.db, caseId);
  const row = plan
    ? await deps.db
        .selectFrom('plan_versions')
        .select(['version', 'snapshot'])
        .where('plan_id', '=', plan.id)
        .where('version', '=', version)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new Problem('not-found');
  await auditRead(deps.db, ctx, 'case', caseId, { part: 'plan-version', version });
  return { version: row.version, snapshot: JSON.parse(row.snapshot) as Record<string, unknown> };
}

export async function addGoalReview(
  deps: AppDeps,
  ctx: RequestContext,
  goalId: string,
  input: {
    reviewedOn: string;
    attainment: Attainment;
    comment?: string | null;
    consequence: 'keep' | 'change' | 'reassess';
  },
) {
  if (input.reviewedOn > localDate(ctx.now)) {
    throw new Problem('validation', { errors: [fieldError('/reviewedOn', 'in-future', ctx.locale)] });
  }
  return inTransaction(deps.db, async (trx) => {
    const goal = await trx.selectFrom('plan_goals').selectAll().where('id', '=', goalId).executeTakeFirst();
    if (!goal) throw new Problem('not-found');
    await writableCase(trx, ctx, goal.case_id);
    const id = newId();
    const at = ctx.now.toISOString();
    await trx
      .insertInto('goal_reviews')
      .values({
        id,
        goal_id: goalId,
        plan_id: goal.plan_id,
        reviewed_on: input.reviewedOn,
        attainment: input.attainment,
        comment: input.comment?.trim() || null,
        consequence: input.consequence,
        created_at: at,
        created_by: ctx.actor.userId,
      })
      .execute();
    // The review is what the goal's follow-up asked for.
    if (goal.follow_up_id) {
      await trx
        .updateTable('follow_ups')
        .set({ done_at: at, done_by: ctx.actor.userId, updated_at: at })
        .where('id', '=', goal.follow_up_id)
        .where('done_at', 'is', null)
        .where('due_on', '<=', input.reviewedOn)
        .execute();
    }
    await trx.updateTable('cases').set({ last_activity_at: at }).where('id', '=', goal.case_id).execute();
    await audit(trx, ctx, {
      action: 'plan.goal_review',
      entityType: 'plan_goal',
      entityId: goalId,
      details: { attainment: input.attainment, consequence: input.consequence },
    });
    const person = await personLookup(trx, [ctx.actor.userId]);
    return {
      id,
      reviewedOn: input.reviewedOn,
      attainment: input.attainment,
      comment: input.comment?.trim() || null,
      consequence: input.consequence,
      createdBy: person(ctx.actor.userId),
    };
  });
}

export async function addSignature(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  input: {
    signer: 'client' | 'guardian' | 'case_manager' | 'other';
    name?: string | null;
    form: 'paper' | 'oral';
    signedOn: string;
  },
): Promise<PlanEnvelope> {
  if (input.signedOn > localDate(ctx.now)) {
    throw new Problem('validation', { errors: [fieldError('/signedOn', 'in-future', ctx.locale)] });
  }
  await inTransaction(deps.db, async (trx) => {
    await writableCase(trx, ctx, caseId);
    const plan = await loadPlanRow(trx, caseId);
    if (!plan) throw new Problem('not-found');
    const id = newId();
    await trx
      .insertInto('plan_signatures')
      .values({
        id,
        plan_id: plan.id,
        plan_version: plan.version,
        signer: input.signer,
        name: input.name?.trim() || null,
        form: input.form,
        signed_on: input.signedOn,
        recorded_by: ctx.actor.userId,
        recorded_at: ctx.now.toISOString(),
      })
      .execute();
    await audit(trx, ctx, {
      action: 'plan.signature',
      entityType: 'plan',
      entityId: plan.id,
      details: { signer: input.signer, form: input.form, planVersion: plan.version },
    });
  });
  return envelope(deps.db, ctx, caseId, true);
}

/** The printout: the plan with labels in the client's language and in German, for the browser or a PDF. */
export async function printablePlan(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  language: PrintLanguage,
) {
  const { row: caseRow } = await requireCase(deps.db, ctx, caseId, 'read');
  const result = await envelope(deps.db, ctx, caseId, false);
  if (!result.plan) throw new Problem('not-found');
  const [client, org, next] = await Promise.all([
    deps.db
      .selectFrom('clients')
      .select(['given_names', 'family_name'])
      .where('id', '=', caseRow.client_id)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', ctx.actor.organisationId)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('follow_ups')
      .select('due_on')
      .where('case_id', '=', caseId)
      .where('done_at', 'is', null)
      .where('due_on', '>=', localDate(ctx.now))
      .orderBy('due_on')
      .executeTakeFirst(),
  ]);
  await auditRead(deps.db, ctx, 'case', caseId, { part: 'plan-print', language });
  const pack = PRINT_LABELS[language];
  return {
    language,
    direction: pack.direction,
    labels: pack.labels,
    german: language === 'de' ? null : PRINT_LABELS.de.labels,
    label: result.label,
    clientName: `${client.given_names} ${client.family_name}`.trim(),
    organisation: org.name,
    caseNumber: caseRow.case_number,
    printedOn: localDate(ctx.now),
    nextAppointment: next?.due_on ?? null,
    plan: result.plan,
  };
}

/** Records in the disclosure log that the printout (this version, this language) went to the client. */
export async function recordHandout(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  input: { language: PrintLanguage; version: number },
): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const { row: caseRow } = await requireCase(trx, ctx, caseId, 'journal');
    const plan = await loadPlanRow(trx, caseId);
    if (!plan) throw new Problem('not-found');
    if (plan.version !== input.version)
      throw new Problem('version-conflict', { extra: { currentVersion: plan.version } });
    const client = await trx
      .selectFrom('clients')
      .select(['given_names', 'family_name'])
      .where('id', '=', caseRow.client_id)
      .executeTakeFirstOrThrow();
    await insertDisclosure(trx, ctx, {
      clientId: caseRow.client_id,
      caseId,
      recipient: { kind: 'person', name: `${client.given_names} ${client.family_name}`.trim() },
      purpose: 'plan_handout',
      categories: ['plan'],
      channel: 'plan_printout',
      basis: 'data_subject_access',
      consentId: null,
    });
  });
}

export interface PlanStepRef {
  id: string;
  what: string;
  goalId: string;
}

/**
 * Steps of the case's current plan by id, in one query (referrals link to a step and show its text). Ids
 * that are not steps of this case's plan — another case's, or a step since taken out — are absent.
 */
export async function planStepsOfCase(
  db: Executor,
  caseId: string,
  stepIds: readonly string[],
): Promise<Map<string, PlanStepRef>> {
  if (stepIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('plan_steps')
    .innerJoin('plans', 'plans.id', 'plan_steps.plan_id')
    .select(['plan_steps.id', 'plan_steps.what', 'plan_steps.goal_id'])
    .where('plans.case_id', '=', caseId)
    .where('plan_steps.id', 'in', [...new Set(stepIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, what: r.what, goalId: r.goal_id }]));
}

export interface PlanGoalRef {
  id: string;
  parentId: string | null;
  wording: string;
  status: GoalDoc['status'];
  field: FieldOfAction | null;
  /** The latest goal review, if any. */
  lastReview: { attainment: Attainment; reviewedOn: string } | null;
}

/**
 * The goals of the case's plan in the plan's order (impact goals, each followed by its sub-goals) with their
 * latest review — what the evaluation rates at the end. Two queries; empty without a plan.
 */
export async function planGoalsOfCase(db: Executor, caseId: string): Promise<PlanGoalRef[]> {
  const goals = await db
    .selectFrom('plan_goals')
    .innerJoin('plans', 'plans.id', 'plan_goals.plan_id')
    .select([
      'plan_goals.id',
      'plan_goals.parent_id',
      'plan_goals.position',
      'plan_goals.wording',
      'plan_goals.status',
      'plan_goals.field',
    ])
    .where('plans.case_id', '=', caseId)
    .orderBy('plan_goals.position')
    .execute();
  if (goals.length === 0) return [];
  const reviews = await db
    .selectFrom('goal_reviews')
    .select(['goal_id', 'attainment', 'reviewed_on'])
    .where(
      'goal_id',
      'in',
      goals.map((g) => g.id),
    )
    .orderBy('reviewed_on')
    .orderBy('created_at')
    .execute();
  const latest = new Map<string, { attainment: Attainment; reviewedOn: string }>();
  for (const r of reviews)
    latest.set(r.goal_id, { attainment: r.attainment as Attainment, reviewedOn: r.reviewed_on });
  const ref = (g: (typeof goals)[number]): PlanGoalRef => ({
    id: g.id,
    parentId: g.parent_id,
    wording: g.wording,
    status: g.status as GoalDoc['status'],
    field: g.field as FieldOfAction | null,
    lastReview: latest.get(g.id) ?? null,
  });
  return goals
    .filter((g) => g.parent_id === null)
    .flatMap((g) => [ref(g), ...goals.filter((s) => s.parent_id === g.id).map(ref)]);
}
