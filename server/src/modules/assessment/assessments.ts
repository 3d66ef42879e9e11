import { audit, auditRead, inTransaction } from '../../core/audit.js';
import { localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { decryptText, encryptText } from '../../core/crypto.js';
import { fieldError, fieldMessage, Problem } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { requireCase } from '../cases/access.js';
import { requireProcessingBasis } from '../consent/basis.js';
import { personLookup } from '../users/service.js';
import {
  carryOver,
  changedAnswers,
  computeScores,
  progressDimensions,
  progressValues,
  specialCategoryKeys,
  validateAnswers,
  withoutHiddenAnswers,
  type Answers,
  type ProgressDimension,
  type RuleError,
} from './domain.js';
import { activeNetwork, type NetworkContactView } from './network.js';
import { instrumentsOfOrgUnit } from './templates.js';
import type { InstrumentTemplate, Text } from './template.js';

/**
 * Assessments of a case (issue 5; BRIEF 2.2): made with one template version, drafted, then finalised and
 * immutable; a re-assessment starts prefilled from the last one and every assessment stays readable. The
 * result is the prioritised list of needs and resources (Bedarfsfeststellung). Special-category answers
 * are encrypted and shown only to the case team.
 */

export const NEED_KINDS = ['need', 'resource'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];
export const SEEN_BY = ['client', 'professional', 'both'] as const;
export type SeenBy = (typeof SEEN_BY)[number];

export interface NeedInput {
  kind: NeedKind;
  area?: string | null;
  text: string;
  seenBy: SeenBy;
  specialCategory?: boolean;
}

export interface NeedView {
  id: string;
  kind: NeedKind;
  area: string | null;
  /** Empty when the need is a special category and the reader is not in the case team. */
  text: string;
  priority: number;
  seenBy: SeenBy;
  specialCategory: boolean;
  hidden: boolean;
}

type Person = { id: string; displayName: string };

export interface AssessmentSummary {
  id: string;
  caseId: string;
  template: { id: string; key: string; version: number; title: Text };
  status: 'draft' | 'final';
  conductedOn: string;
  scores: Record<string, number | null>;
  prefilledFrom: string | null;
  finalisedAt: string | null;
  finalisedBy: Person | null;
  createdAt: string;
  createdBy: Person;
  updatedAt: string;
  version: number;
}

export interface AssessmentView extends AssessmentSummary {
  definition: InstrumentTemplate;
  answers: Answers;
  /** Special-category answers this reader may not see (they are left out of `answers`). */
  hiddenFields: string[];
  needs: NeedView[];
  /** The network map as it was when the assessment was finalised. */
  network: NetworkContactView[] | null;
  updatedBy: Person;
}

type AssessmentRow = {
  id: string;
  case_id: string;
  template_version_id: string;
  status: string;
  conducted_on: string;
  answers: string;
  special_answers: string | null;
  scores: string;
  prefilled_from: string | null;
  network_snapshot: string | null;
  finalised_at: string | null;
  finalised_by: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  version: number;
  template_id: string;
  template_key: string;
  template_version: number;
  definition: string;
};

function selectAssessments(db: Executor) {
  return db
    .selectFrom('assessments as a')
    .innerJoin('instrument_template_versions as v', 'v.id', 'a.template_version_id')
    .innerJoin('instrument_templates as t', 't.id', 'v.template_id')
    .select([
      'a.id',
      'a.case_id',
      'a.template_version_id',
      'a.status',
      'a.conducted_on',
      'a.answers',
      'a.special_answers',
      'a.scores',
      'a.prefilled_from',
      'a.network_snapshot',
      'a.finalised_at',
      'a.finalised_by',
      'a.created_by',
      'a.created_at',
      'a.updated_by',
      'a.updated_at',
      'a.version',
      't.id as template_id',
      't.key as template_key',
      'v.version as template_version',
      'v.definition',
    ]);
}

function ruleProblem(errors: RuleError[], ctx: RequestContext): Problem {
  return new Problem('validation', {
    errors: errors.map((e) => fieldError(e.pointer, e.code, ctx.locale, e.params)),
  });
}

/** All answers of a stored assessment (special ones decrypted). */
function storedAnswers(deps: AppDeps, row: AssessmentRow): Answers {
  const plain = JSON.parse(row.answers) as Answers;
  const special = row.special_answers
    ? (JSON.parse(decryptText(deps.keys, row.special_answers)) as Answers)
    : {};
  return { ...plain, ...special };
}

/** The answers a reader may see: outside the case team without the special-category ones. */
function readableAnswers(deps: AppDeps, row: AssessmentRow, definition: InstrumentTemplate, team: boolean) {
  const all = storedAnswers(deps, row);
  if (team) return all;
  const special = specialCategoryKeys(definition);
  return Object.fromEntries(Object.entries(all).filter(([k]) => !special.has(k)));
}

/** Splits answers into the plain part and the encrypted special-category part. */
function storableAnswers(deps: AppDeps, definition: InstrumentTemplate, answers: Answers) {
  const special = specialCategoryKeys(definition);
  const plain: Answers = {};
  const secret: Answers = {};
  for (const [key, value] of Object.entries(answers)) (special.has(key) ? secret : plain)[key] = value;
  return {
    answers: JSON.stringify(plain),
    special_answers: Object.keys(secret).length > 0 ? encryptText(deps.keys, JSON.stringify(secret)) : null,
    scores: JSON.stringify(computeScores(definition, answers)),
  };
}

async function needViews(deps: AppDeps, db: Executor, assessmentIds: string[], team: boolean) {
  if (assessmentIds.length === 0) return new Map<string, NeedView[]>();
  const rows = await db
    .selectFrom('assessment_needs')
    .selectAll()
    .where('assessment_id', 'in', assessmentIds)
    .orderBy('kind')
    .orderBy('priority')
    .execute();
  const out = new Map<string, NeedView[]>();
  for (const r of rows) {
    const special = Boolean(r.special_category);
    const list = out.get(r.assessment_id) ?? [];
    list.push({
      id: r.id,
      kind: r.kind as NeedKind,
      area: r.area,
      text: special ? (team && r.text ? decryptText(deps.keys, r.text) : '') : r.text,
      priority: r.priority,
      seenBy: r.seen_by as SeenBy,
      specialCategory: special,
      hidden: special && !team,
    });
    out.set(r.assessment_id, list);
  }
  return out;
}

async function summariesOf(db: Executor, rows: AssessmentRow[]): Promise<AssessmentSummary[]> {
  const person = await personLookup(
    db,
    rows.flatMap((r) => [r.created_by, r.finalised_by]),
  );
  return rows.map((r) => {
    const definition = JSON.parse(r.definition) as InstrumentTemplate;
    return {
      id: r.id,
      caseId: r.case_id,
      template: {
        id: r.template_id,
        key: r.template_key,
        version: r.template_version,
        title: definition.title,
      },
      status: r.status as 'draft' | 'final',
      conductedOn: r.conducted_on,
      scores: JSON.parse(r.scores) as Record<string, number | null>,
      prefilledFrom: r.prefilled_from,
      finalisedAt: r.finalised_at,
      finalisedBy: r.finalised_by ? person(r.finalised_by) : null,
      createdAt: r.created_at,
      createdBy: person(r.created_by),
      updatedAt: r.updated_at,
      version: r.version,
    };
  });
}

async function viewOf(
  deps: AppDeps,
  db: Executor,
  row: AssessmentRow,
  team: boolean,
): Promise<AssessmentView> {
  const [summary] = await summariesOf(db, [row]);
  if (!summary) throw new Problem('not-found');
  const definition = JSON.parse(row.definition) as InstrumentTemplate;
  const answers = readableAnswers(deps, row, definition, team);
  const hiddenFields = Object.keys(storedAnswers(deps, row)).filter((k) => !(k in answers));
  const needs = (await needViews(deps, db, [row.id], team)).get(row.id) ?? [];
  const person = await personLookup(db, [row.updated_by]);
  return {
    ...summary,
    definition,
    answers,
    hiddenFields,
    needs,
    network: row.network_snapshot ? (JSON.parse(row.network_snapshot) as NetworkContactView[]) : null,
    updatedBy: person(row.updated_by),
  };
}

async function loadRow(db: Executor, ctx: RequestContext, assessmentId: string): Promise<AssessmentRow> {
  const row = await selectAssessments(db)
    .where('a.id', '=', assessmentId)
    .where('a.organisation_id', '=', ctx.actor.organisationId)
    .executeTakeFirst();
  if (!row) throw new Problem('not-found');
  return row as AssessmentRow;
}

export interface AvailableInstrument {
  templateId: string;
  key: string;
  version: number;
  title: Text;
  /** The open draft with this instrument, to continue instead of starting another. */
  draftId: string | null;
  /** The last finalised assessment with it (a new one starts prefilled from it). */
  lastFinalId: string | null;
}

/** The case's assessments, newest first, and the instruments its team offers. */
export async function listAssessments(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
): Promise<{ items: AssessmentSummary[]; available: AvailableInstrument[] }> {
  const { row: caseRow } = await requireCase(deps.db, ctx, caseId, 'read');
  const rows = (await selectAssessments(deps.db)
    .where('a.case_id', '=', caseId)
    .orderBy('a.conducted_on', 'desc')
    .orderBy('a.created_at', 'desc')
    .execute()) as AssessmentRow[];
  const offered = await instrumentsOfOrgUnit(deps.db, caseRow.org_unit_id);
  await auditRead(deps.db, ctx, 'case', caseId, { part: 'assessments' });
  return {
    items: await summariesOf(deps.db, rows),
    available: offered
      .map((t) => {
        const definition = JSON.parse(t.definition) as InstrumentTemplate;
        const mine = rows.filter((r) => r.template_key === t.key);
        return {
          templateId: t.id,
          key: t.key,
          version: t.current_version,
          title: definition.title,
          draftId: mine.find((r) => r.status === 'draft')?.id ?? null,
          lastFinalId: mine.find((r) => r.status === 'final')?.id ?? null,
        };
      })
      .sort((a, b) => a.title.de.localeCompare(b.title.de, 'de')),
  };
}

export async function getAssessment(
  deps: AppDeps,
  ctx: RequestContext,
  assessmentId: string,
): Promise<AssessmentView> {
  const row = await loadRow(deps.db, ctx, assessmentId);
  const { access } = await requireCase(deps.db, ctx, row.case_id, 'read');
  await auditRead(deps.db, ctx, 'assessment', assessmentId);
  return viewOf(deps, deps.db, row, access.team);
}

function checkNeeds(ctx: RequestContext, needs: NeedInput[]): void {
  const errors = needs.flatMap((n, i) =>
    n.text.trim() === '' ? [fieldError(`/needs/${i}/text`, 'required', ctx.locale)] : [],
  );
  if (errors.length > 0) throw new Problem('validation', { errors });
}

async function replaceNeeds(deps: AppDeps, trx: Executor, assessmentId: string, needs: NeedInput[]) {
  await trx.deleteFrom('assessment_needs').where('assessment_id', '=', assessmentId).execute();
  if (needs.length === 0) return;
  // Priority is the order within each kind: the first need is the most pressing.
  const rank = { need: 0, resource: 0 };
  await trx
    .insertInto('assessment_needs')
    .values(
      needs.map((n) => ({
        id: newId(),
        assessment_id: assessmentId,
        kind: n.kind,
        area: n.area ?? null,
        text: n.specialCategory ? encryptText(deps.keys, n.text.trim()) : n.text.trim(),
        priority: (rank[n.kind] += 1),
        seen_by: n.seenBy,
        special_category: n.specialCategory ?? false,
      })),
    )
    .execute();
}

async function touchCase(trx: Executor, caseId: string, now: Date): Promise<void> {
  await trx
    .updateTable('cases')
    .set({ last_activity_at: now.toISOString() })
    .where('id', '=', caseId)
    .execute();
}

async function requireWritableCase(trx: Executor, ctx: RequestContext, caseId: string) {
  const found = await requireCase(trx, ctx, caseId, 'write');
  if (found.row.phase === 'closed' || found.row.anonymised_at) throw new Problem('case-closed');
  return found;
}

/**
 * Starts an assessment with the current version of an instrument the case's team offers. A re-assessment
 * (there is a finalised one with the same instrument) starts prefilled with the answers that still fit and
 * with the needs and resources of the last one.
 */
export async function startAssessment(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  input: { templateId: string; conductedOn?: string; prefill?: boolean },
): Promise<AssessmentView> {
  const conductedOn = input.conductedOn ?? localDate(ctx.now);
  if (conductedOn > localDate(ctx.now)) {
    throw new Problem('validation', { errors: [fieldError('/conductedOn', 'in-future', ctx.locale)] });
  }
  const id = await inTransaction(deps.db, async (trx) => {
    const { row: caseRow } = await requireWritableCase(trx, ctx, caseId);
    await requireProcessingBasis(trx, ctx, caseRow.client_id);
    const offered = (await instrumentsOfOrgUnit(trx, caseRow.org_unit_id)).find(
      (t) => t.id === input.templateId,
    );
    if (!offered) {
      throw new Problem('validation', { errors: [fieldError('/templateId', 'not-enabled', ctx.locale)] });
    }
    const earlier = (await selectAssessments(trx)
      .where('a.case_id', '=', caseId)
      .where('t.id', '=', input.templateId)
      .orderBy('a.conducted_on', 'desc')
      .orderBy('a.created_at', 'desc')
      .execute()) as AssessmentRow[];
    const draft = earlier.find((r) => r.status === 'draft');
    if (draft) throw new Problem('assessment-draft-exists', { extra: { draftId: draft.id } });
    const definition = JSON.parse(offered.definition) as InstrumentTemplate;
    const last = input.prefill === false ? undefined : earlier.find((r) => r.status === 'final');
    const answers = last ? carryOver(definition, storedAnswers(deps, last)) : {};
    const assessmentId = newId();
    const at = ctx.now.toISOString();
    await trx
      .insertInto('assessments')
      .values({
        id: assessmentId,
        organisation_id: ctx.actor.organisationId,
        case_id: caseId,
        template_version_id: offered.version_id,
        status: 'draft',
        conducted_on: conductedOn,
        ...storableAnswers(deps, definition, answers),
        prefilled_from: last?.id ?? null,
        network_snapshot: null,
        finalised_at: null,
        finalised_by: null,
        created_by: ctx.actor.userId,
        updated_by: ctx.actor.userId,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    if (last) {
      const needs = (await needViews(deps, trx, [last.id], true)).get(last.id) ?? [];
      await replaceNeeds(deps, trx, assessmentId, needs);
    }
    await touchCase(trx, caseId, ctx.now);
    await audit(trx, ctx, {
      action: 'assessment.start',
      entityType: 'assessment',
      entityId: assessmentId,
      details: {
        caseId,
        template: offered.key,
        templateVersion: offered.current_version,
        prefilledFrom: last?.id ?? null,
      },
    });
    return assessmentId;
  });
  return getAssessmentUnaudited(deps, ctx, id);
}

async function getAssessmentUnaudited(deps: AppDeps, ctx: RequestContext, id: string) {
  const row = await loadRow(deps.db, ctx, id);
  const { access } = await requireCase(deps.db, ctx, row.case_id, 'read');
  return viewOf(deps, deps.db, row, access.team);
}

async function loadDraftForChange(
  trx: Executor,
  ctx: RequestContext,
  assessmentId: string,
  version: number,
): Promise<AssessmentRow> {
  const row = await loadRow(trx, ctx, assessmentId);
  await requireWritableCase(trx, ctx, row.case_id);
  if (row.status !== 'draft') throw new Problem('assessment-final');
  if (row.version !== version)
    throw new Problem('version-conflict', { extra: { currentVersion: row.version } });
  return row;
}

/** Saves a draft; answers may be incomplete, but every given answer must fit the template version. */
export async function saveDraft(
  deps: AppDeps,
  ctx: RequestContext,
  assessmentId: string,
  input: { version: number; conductedOn?: string; answers?: Answers; needs?: NeedInput[] },
): Promise<AssessmentView> {
  if (input.conductedOn && input.conductedOn > localDate(ctx.now)) {
    throw new Problem('validation', { errors: [fieldError('/conductedOn', 'in-future', ctx.locale)] });
  }
  if (input.needs) checkNeeds(ctx, input.needs);
  await inTransaction(deps.db, async (trx) => {
    const row = await loadDraftForChange(trx, ctx, assessmentId, input.version);
    const definition = JSON.parse(row.definition) as InstrumentTemplate;
    const answers = withoutHiddenAnswers(definition, input.answers ?? storedAnswers(deps, row));
    if (input.answers) {
      const errors = validateAnswers(definition, input.answers, { final: false });
      if (errors.length > 0) throw ruleProblem(errors, ctx);
    }
    const updated = await trx
      .updateTable('assessments')
      .set({
        ...storableAnswers(deps, definition, answers),
        ...(input.conductedOn ? { conducted_on: input.conductedOn } : {}),
        updated_by: ctx.actor.userId,
        updated_at: ctx.now.toISOString(),
        version: row.version + 1,
      })
      .where('id', '=', assessmentId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Problem('version-conflict');
    if (input.needs) await replaceNeeds(deps, trx, assessmentId, input.needs);
    await touchCase(trx, row.case_id, ctx.now);
    await audit(trx, ctx, {
      action: 'assessment.save',
      entityType: 'assessment',
      entityId: assessmentId,
      details: {
        changed: changedAnswers(storedAnswers(deps, row), answers),
        needs: input.needs ? input.needs.length : undefined,
      },
    });
  });
  return getAssessmentUnaudited(deps, ctx, assessmentId);
}

/**
 * Finalises a draft: every required, shown answer must be there. From then on the assessment never changes;
 * the network map is kept with it as it is today.
 */
export async function finaliseAssessment(
  deps: AppDeps,
  ctx: RequestContext,
  assessmentId: string,
  input: { version: number },
): Promise<AssessmentView> {
  await inTransaction(deps.db, async (trx) => {
    const row = await loadDraftForChange(trx, ctx, assessmentId, input.version);
    const definition = JSON.parse(row.definition) as InstrumentTemplate;
    const errors = validateAnswers(definition, storedAnswers(deps, row), { final: true });
    if (errors.length > 0) throw ruleProblem(errors, ctx);
    const network = await activeNetwork(deps, trx, row.case_id, true);
    const at = ctx.now.toISOString();
    const updated = await trx
      .updateTable('assessments')
      .set({
        status: 'final',
        finalised_at: at,
        finalised_by: ctx.actor.userId,
        network_snapshot: JSON.stringify(network),
        updated_by: ctx.actor.userId,
        updated_at: at,
        version: row.version + 1,
      })
      .where('id', '=', assessmentId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Problem('version-conflict');
    await touchCase(trx, row.case_id, ctx.now);
    await audit(trx, ctx, {
      action: 'assessment.finalise',
      entityType: 'assessment',
      entityId: assessmentId,
      details: { caseId: row.case_id },
    });
  });
  return getAssessmentUnaudited(deps, ctx, assessmentId);
}

/** Discards a draft (a finalised assessment is never deleted). */
export async function discardDraft(
  deps: AppDeps,
  ctx: RequestContext,
  assessmentId: string,
  input: { version: number },
): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const row = await loadDraftForChange(trx, ctx, assessmentId, input.version);
    await trx.deleteFrom('assessment_needs').where('assessment_id', '=', assessmentId).execute();
    await trx.deleteFrom('assessments').where('id', '=', assessmentId).execute();
    await audit(trx, ctx, {
      action: 'assessment.discard',
      entityType: 'assessment',
      entityId: assessmentId,
      details: { caseId: row.case_id },
    });
  });
}

/** Two assessments of the same case side by side, with the answers that changed. */
export async function compareAssessments(
  deps: AppDeps,
  ctx: RequestContext,
  leftId: string,
  rightId: string,
): Promise<{ left: AssessmentView; right: AssessmentView; changed: string[] }> {
  const [leftRow, rightRow] = await Promise.all([
    loadRow(deps.db, ctx, leftId),
    loadRow(deps.db, ctx, rightId),
  ]);
  if (leftRow.case_id !== rightRow.case_id) {
    throw new Problem('validation', {
      errors: [{ parameter: 'right', code: 'not-allowed', message: fieldMessage('not-allowed', ctx.locale) }],
    });
  }
  const { access } = await requireCase(deps.db, ctx, leftRow.case_id, 'read');
  const [left, right] = await Promise.all([
    viewOf(deps, deps.db, leftRow, access.team),
    viewOf(deps, deps.db, rightRow, access.team),
  ]);
  await auditRead(deps.db, ctx, 'case', leftRow.case_id, { part: 'assessment-comparison', leftId, rightId });
  return { left, right, changed: changedAnswers(left.answers, right.answers) };
}

export interface ProgressSeries {
  templateKey: string;
  title: Text;
  dimensions: ProgressDimension[];
  points: {
    assessmentId: string;
    conductedOn: string;
    templateVersion: number;
    values: Record<string, number | null>;
  }[];
}

/**
 * The progress picture of a case: for each scaled instrument, the domain scores of its finalised
 * assessments in time order (dimensions as the newest version names them).
 */
export async function caseProgress(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
): Promise<{ series: ProgressSeries[] }> {
  const { access } = await requireCase(deps.db, ctx, caseId, 'read');
  const rows = (await selectAssessments(deps.db)
    .where('a.case_id', '=', caseId)
    .where('a.status', '=', 'final')
    .orderBy('a.conducted_on')
    .orderBy('a.created_at')
    .execute()) as AssessmentRow[];
  const byKey = new Map<string, AssessmentRow[]>();
  for (const r of rows) byKey.set(r.template_key, [...(byKey.get(r.template_key) ?? []), r]);
  const series: ProgressSeries[] = [];
  for (const [key, list] of byKey) {
    const last = list.at(-1);
    if (!last) continue;
    const newest = JSON.parse(last.definition) as InstrumentTemplate;
    const dimensions = progressDimensions(newest);
    if (dimensions.length === 0) continue;
    series.push({
      templateKey: key,
      title: newest.title,
      dimensions,
      points: list.map((r) => {
        const definition = JSON.parse(r.definition) as InstrumentTemplate;
        return {
          assessmentId: r.id,
          conductedOn: r.conducted_on,
          templateVersion: r.template_version,
          values: progressValues(definition, readableAnswers(deps, r, definition, access.team)),
        };
      }),
    });
  }
  await auditRead(deps.db, ctx, 'case', caseId, { part: 'assessment-progress' });
  return { series };
}
