import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type Selectable } from 'kysely';
import { audit, auditRead, inTransaction } from '../../core/audit.js';
import { localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, fieldMessage, Problem, type FieldError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { pageWindow, type Page } from '../../core/pagination.js';
import { authorize } from '../../core/policy.js';
import type { DB, GapReportTable } from '../../db/types.js';
import { requireCase } from '../cases/access.js';
import { readableClient } from '../clients/service.js';
import { linkThemeToGapReport, themeForGapReport } from '../conferences/service.js';
import { planStepsOfCase } from '../plan/service.js';
import { personLookup } from '../users/service.js';
import {
  allowedStatusMoves,
  checkStatusChange,
  defaultPeriod,
  GAP_STATUSES,
  MAX_TREND_MONTHS,
  monthsBetween,
  personalDataHits,
  sourceOf,
  tidyText,
  type ClientIdentity,
  type GapOutcome,
  type GapSource,
  type GapStatus,
  type GroupBy,
  type Urgency,
} from './domain.js';
import type { FieldOfAction } from './fields.js';
import { gapPolicy, type GapReportFacts } from './policy.js';

/**
 * Gap reports ("fehlender Hilfebaustein", issue 7; BRIEF 6). The case level reports a missing help from a plan
 * step, a journal entry, a case conference or on its own; the texts are checked against the linked client's
 * name and birth date before anything is stored. The case behind a report stays inside the organisation
 * (gap_report_cases): the planning level — the organisation's planners, and the coordination office for
 * organisations that share their aggregates — sees reports and bundles with the number of cases only.
 */

type ReportRow = Selectable<GapReportTable>;

export interface GapReportInput {
  need: string;
  field: FieldOfAction;
  targetGroup?: string | null;
  district?: string | null;
  urgency: Urgency;
  description?: string | null;
  /** The user saw the personal-data warning and keeps the text. */
  confirm?: boolean;
}

export interface CreateGapReportInput extends GapReportInput {
  caseId?: string | null;
  planStepId?: string | null;
  journalEntryId?: string | null;
  conferenceId?: string | null;
  themeId?: string | null;
}

interface Person {
  id: string;
  displayName: string;
}

export interface GapReportComment {
  id: string;
  text: string | null;
  statusFrom: GapStatus | null;
  statusTo: GapStatus | null;
  createdAt: string;
  createdBy: Person;
}

export interface GapReportListItem {
  id: string;
  organisation: { id: string; name: string };
  need: string;
  field: FieldOfAction;
  targetGroup: string | null;
  district: string | null;
  urgency: Urgency;
  source: GapSource;
  status: GapStatus;
  outcome: GapOutcome | null;
  reportedOn: string;
  caseCount: number;
  version: number;
}

export interface GapReportView extends GapReportListItem {
  description: string | null;
  /** The colleague who reported it — shown inside the organisation only. */
  createdBy: Person | null;
  createdAt: string;
  updatedAt: string;
  comments: GapReportComment[];
  history: GapReportComment[];
  allowedMoves: GapStatus[];
  permissions: { edit: boolean; changeStatus: boolean; comment: boolean; link: boolean };
}

// ---------------------------------------------------------------------------------------------------------
// Scope: which organisations' reports an actor sees

/** The organisations whose reports the actor sees: the own one, and for a coordination office's planner every
 * organisation that shares its aggregates. */
async function scopeOf(db: Executor, ctx: RequestContext): Promise<{ id: string; name: string }[]> {
  const own = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'coordination_office'])
    .where('id', '=', ctx.actor.organisationId)
    .executeTakeFirstOrThrow();
  if (!own.coordination_office || !ctx.actor.roles.includes('planner'))
    return [{ id: own.id, name: own.name }];
  const shared = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('shares_aggregates', '=', true), eb('id', '=', own.id)]))
    .orderBy('name')
    .execute();
  return shared;
}

async function loadReport(db: Executor, ctx: RequestContext, id: string) {
  const row = await db
    .selectFrom('gap_reports')
    .innerJoin('organisations', 'organisations.id', 'gap_reports.organisation_id')
    .selectAll('gap_reports')
    .select(['organisations.name as organisation_name', 'organisations.shares_aggregates'])
    .where('gap_reports.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new Problem('not-found');
  let viaCoordinationOffice = false;
  if (row.organisation_id !== ctx.actor.organisationId && row.shares_aggregates) {
    const own = await db
      .selectFrom('organisations')
      .select('coordination_office')
      .where('id', '=', ctx.actor.organisationId)
      .executeTakeFirstOrThrow();
    viaCoordinationOffice = Boolean(own.coordination_office);
  }
  const facts: GapReportFacts = {
    organisationId: row.organisation_id,
    createdBy: row.created_by,
    status: row.status as GapStatus,
    viaCoordinationOffice,
  };
  authorize(ctx.actor, gapPolicy.see, facts, { conceal: true });
  return { row, facts };
}

// ---------------------------------------------------------------------------------------------------------
// Views

async function caseCounts(db: Executor, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('gap_report_cases')
    .select(['gap_report_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('gap_report_id', 'in', [...ids])
    .groupBy('gap_report_id')
    .execute();
  return new Map(rows.map((r) => [r.gap_report_id, Number(r.n)]));
}

function listItem(
  row: ReportRow & { organisation_name: string },
  counts: Map<string, number>,
): GapReportListItem {
  return {
    id: row.id,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    need: row.need,
    field: row.field as FieldOfAction,
    targetGroup: row.target_group,
    district: row.district,
    urgency: row.urgency as Urgency,
    source: row.source as GapSource,
    status: row.status as GapStatus,
    outcome: row.outcome as GapOutcome | null,
    reportedOn: row.reported_on,
    caseCount: counts.get(row.id) ?? 0,
    version: row.version,
  };
}

async function reportView(db: Executor, ctx: RequestContext, id: string): Promise<GapReportView> {
  const { row, facts } = await loadReport(db, ctx, id);
  const [counts, comments] = await Promise.all([
    caseCounts(db, [id]),
    db
      .selectFrom('gap_report_comments')
      .selectAll()
      .where('gap_report_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  const inside = row.organisation_id === ctx.actor.organisationId;
  const person = await personLookup(db, [
    inside ? row.created_by : null,
    ...comments.map((c) => c.created_by),
  ]);
  const entries = comments.map((c) => ({
    id: c.id,
    text: c.text,
    statusFrom: c.status_from as GapStatus | null,
    statusTo: c.status_to as GapStatus | null,
    createdAt: c.created_at,
    createdBy: person(c.created_by),
  }));
  const status = row.status as GapStatus;
  const planning = gapPolicy.plan(ctx.actor, facts);
  return {
    ...listItem(row, counts),
    description: row.description,
    createdBy: inside ? person(row.created_by) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    comments: entries.filter((e) => e.text !== null),
    history: entries.filter((e) => e.statusTo !== null),
    allowedMoves: planning ? [...allowedStatusMoves(status)] : [],
    permissions: {
      edit: gapPolicy.edit(ctx.actor, facts) && status === 'reported',
      changeStatus: planning && status !== 'closed',
      comment: planning,
      link: gapPolicy.link(ctx.actor, facts) && status !== 'closed',
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Reporting from the case level

function tidyInput(input: GapReportInput) {
  return {
    need: tidyText(input.need) ?? '',
    field: input.field,
    target_group: tidyText(input.targetGroup),
    district: tidyText(input.district),
    urgency: input.urgency,
    // The description keeps its line breaks; only the ends are trimmed.
    description: input.description?.trim() || null,
  };
}

type TidyInput = ReturnType<typeof tidyInput>;

/** The texts checked for the client's name and birth date, by the field they came in. */
function textsOf(values: TidyInput): Record<string, string | null> {
  return { '/need': values.need, '/targetGroup': values.target_group, '/description': values.description };
}

/**
 * Refuses (409 confirmation-required) while a text names one of the clients or gives their birth date, unless
 * the user confirmed; nothing is stored before that. The errors name the field, never what was found.
 */
function requireNoPersonalData(
  ctx: RequestContext,
  values: TidyInput,
  clients: readonly ClientIdentity[],
  confirmed: boolean,
): boolean {
  const pointers = new Set(
    clients.flatMap((c) => personalDataHits(textsOf(values), c).map((h) => h.pointer)),
  );
  if (pointers.size === 0) return false;
  if (confirmed) return true;
  const errors = Object.keys(textsOf(values))
    .filter((p) => pointers.has(p))
    .map((p) => fieldError(p, 'contains-personal-data', ctx.locale));
  throw new Problem('confirmation-required', { errors });
}

function identityOf(client: { family_name: string; given_names: string; birth_date: string | null }) {
  return { familyName: client.family_name, givenNames: client.given_names, birthDate: client.birth_date };
}

interface CaseLink {
  caseId: string;
  planStepId: string | null;
  journalEntryId: string | null;
  conferenceId: string | null;
}

/**
 * Checks that a plan step, journal entry or conference belongs to the case (unknown-reference otherwise).
 * Journal entries and conferences are looked up by id and case only; the plan module answers for its steps.
 */
async function checkCaseRefs(db: Executor, ctx: RequestContext, link: CaseLink): Promise<void> {
  const errors: FieldError[] = [];
  const [steps, entry, conference] = await Promise.all([
    link.planStepId ? planStepsOfCase(db, link.caseId, [link.planStepId]) : Promise.resolve(null),
    link.journalEntryId
      ? db
          .selectFrom('journal_entries')
          .select('id')
          .where('id', '=', link.journalEntryId)
          .where('case_id', '=', link.caseId)
          .executeTakeFirst()
      : Promise.resolve(null),
    link.conferenceId
      ? db
          .selectFrom('conferences')
          .select('id')
          .where('id', '=', link.conferenceId)
          .where('case_id', '=', link.caseId)
          .executeTakeFirst()
      : Promise.resolve(null),
  ]);
  if (link.planStepId && !steps?.has(link.planStepId))
    errors.push(fieldError('/planStepId', 'unknown-reference', ctx.locale));
  if (link.journalEntryId && !entry)
    errors.push(fieldError('/journalEntryId', 'unknown-reference', ctx.locale));
  if (link.conferenceId && !conference)
    errors.push(fieldError('/conferenceId', 'unknown-reference', ctx.locale));
  if (errors.length > 0) throw new Problem('validation', { errors });
}

export async function createGapReport(
  deps: AppDeps,
  ctx: RequestContext,
  input: CreateGapReportInput,
): Promise<GapReportView> {
  authorize(ctx.actor, gapPolicy.create, undefined);
  const values = tidyInput(input);
  if (values.need === '') {
    throw new Problem('validation', { errors: [fieldError('/need', 'required', ctx.locale)] });
  }
  const id = await inTransaction(deps.db, async (trx) => {
    const theme = input.themeId ? await themeForGapReport(trx, ctx, input.themeId) : null;
    const caseId = input.caseId ?? theme?.caseId ?? null;
    const errors: FieldError[] = [];
    if (theme && input.caseId && input.caseId !== theme.caseId)
      errors.push(fieldError('/themeId', 'unknown-reference', ctx.locale));
    if (theme && input.conferenceId && input.conferenceId !== theme.conferenceId)
      errors.push(fieldError('/conferenceId', 'unknown-reference', ctx.locale));
    if (!caseId && (input.planStepId || input.journalEntryId || input.conferenceId))
      errors.push(fieldError('/caseId', 'required', ctx.locale));
    if (errors.length > 0) throw new Problem('validation', { errors });

    let confirmedPersonalData = false;
    let link: CaseLink | null = null;
    if (caseId) {
      const { row: caseRow } = await requireCase(trx, ctx, caseId, 'read');
      link = {
        caseId,
        planStepId: input.planStepId ?? null,
        journalEntryId: input.journalEntryId ?? null,
        conferenceId: input.conferenceId ?? theme?.conferenceId ?? null,
      };
      await checkCaseRefs(trx, ctx, { ...link, conferenceId: input.conferenceId ?? null });
      const client = await readableClient(trx, ctx, caseRow.client_id);
      confirmedPersonalData = requireNoPersonalData(
        ctx,
        values,
        [identityOf(client)],
        input.confirm === true,
      );
    }

    const id = newId();
    const at = ctx.now.toISOString();
    const source = sourceOf({ ...input, conferenceId: link?.conferenceId ?? null });
    await trx
      .insertInto('gap_reports')
      .values({
        id,
        organisation_id: ctx.actor.organisationId,
        ...values,
        source,
        status: 'reported',
        outcome: null,
        reported_on: localDate(ctx.now),
        created_by: ctx.actor.userId,
        updated_by: ctx.actor.userId,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await trx
      .insertInto('gap_report_comments')
      .values({
        id: newId(),
        gap_report_id: id,
        text: null,
        status_from: null,
        status_to: 'reported',
        created_at: at,
        created_by: ctx.actor.userId,
      })
      .execute();
    if (link) {
      await trx
        .insertInto('gap_report_cases')
        .values({
          id: newId(),
          gap_report_id: id,
          case_id: link.caseId,
          plan_step_id: link.planStepId,
          journal_entry_id: link.journalEntryId,
          conference_id: link.conferenceId,
          linked_at: at,
          linked_by: ctx.actor.userId,
        })
        .execute();
    }
    if (theme) await linkThemeToGapReport(trx, ctx, theme.id, id);
    await audit(trx, ctx, {
      action: 'gap_report.create',
      entityType: 'gap_report',
      entityId: id,
      details: {
        source,
        field: values.field,
        urgency: values.urgency,
        caseId,
        planStepId: link?.planStepId ?? null,
        journalEntryId: link?.journalEntryId ?? null,
        conferenceId: link?.conferenceId ?? null,
        themeId: theme?.id ?? null,
        confirmedPersonalData,
      },
    });
    return id;
  });
  return reportView(deps.db, ctx, id);
}

/** "Betrifft auch diesen Fall": one more case behind an open report (each case once). */
export async function linkCaseToGapReport(
  deps: AppDeps,
  ctx: RequestContext,
  reportId: string,
  input: { caseId: string; planStepId?: string | null; journalEntryId?: string | null },
): Promise<{ created: boolean; report: GapReportView }> {
  const created = await inTransaction(deps.db, async (trx) => {
    const { row, facts } = await loadReport(trx, ctx, reportId);
    authorize(ctx.actor, gapPolicy.link, facts);
    await requireCase(trx, ctx, input.caseId, 'read');
    if (row.status === 'closed') throw new Problem('gap-report-closed');
    const link = {
      caseId: input.caseId,
      planStepId: input.planStepId ?? null,
      journalEntryId: input.journalEntryId ?? null,
      conferenceId: null,
    };
    await checkCaseRefs(trx, ctx, link);
    const existing = await trx
      .selectFrom('gap_report_cases')
      .select('id')
      .where('gap_report_id', '=', reportId)
      .where('case_id', '=', input.caseId)
      .executeTakeFirst();
    if (existing) return false;
    const at = ctx.now.toISOString();
    await trx
      .insertInto('gap_report_cases')
      .values({
        id: newId(),
        gap_report_id: reportId,
        case_id: link.caseId,
        plan_step_id: link.planStepId,
        journal_entry_id: link.journalEntryId,
        conference_id: null,
        linked_at: at,
        linked_by: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'gap_report.link_case',
      entityType: 'gap_report',
      entityId: reportId,
      details: { caseId: link.caseId, planStepId: link.planStepId, journalEntryId: link.journalEntryId },
    });
    return true;
  });
  return { created, report: await reportView(deps.db, ctx, reportId) };
}

export interface CaseGapReport {
  id: string;
  need: string;
  field: FieldOfAction;
  urgency: Urgency;
  status: GapStatus;
  outcome: GapOutcome | null;
  reportedOn: string;
  caseCount: number;
  link: {
    planStepId: string | null;
    journalEntryId: string | null;
    conferenceId: string | null;
    linkedAt: string;
  };
}

/** The reports the case team linked to this case (only the case team sees the link). */
export async function caseGapReports(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
): Promise<{ items: CaseGapReport[] }> {
  await requireCase(deps.db, ctx, caseId, 'read');
  const rows = await deps.db
    .selectFrom('gap_report_cases')
    .innerJoin('gap_reports', 'gap_reports.id', 'gap_report_cases.gap_report_id')
    .select([
      'gap_reports.id',
      'gap_reports.need',
      'gap_reports.field',
      'gap_reports.urgency',
      'gap_reports.status',
      'gap_reports.outcome',
      'gap_reports.reported_on',
      'gap_report_cases.plan_step_id',
      'gap_report_cases.journal_entry_id',
      'gap_report_cases.conference_id',
      'gap_report_cases.linked_at',
    ])
    .where('gap_report_cases.case_id', '=', caseId)
    .where('gap_reports.organisation_id', '=', ctx.actor.organisationId)
    .orderBy('gap_reports.reported_on', 'desc')
    .orderBy('gap_report_cases.linked_at', 'desc')
    .execute();
  const counts = await caseCounts(
    deps.db,
    rows.map((r) => r.id),
  );
  await auditRead(deps.db, ctx, 'case', caseId, { part: 'gap-reports' });
  return {
    items: rows.map((r) => ({
      id: r.id,
      need: r.need,
      field: r.field as FieldOfAction,
      urgency: r.urgency as Urgency,
      status: r.status as GapStatus,
      outcome: r.outcome as GapOutcome | null,
      reportedOn: r.reported_on,
      caseCount: counts.get(r.id) ?? 0,
      link: {
        planStepId: r.plan_step_id,
        journalEntryId: r.journal_entry_id,
        conferenceId: r.conference_id,
        linkedAt: r.linked_at,
      },
    })),
  };
}

/** The author or a team lead corrects a report while the planning level has not taken it up. */
export async function updateGapReport(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: GapReportInput & { version: number },
): Promise<GapReportView> {
  const values = tidyInput(input);
  if (values.need === '') {
    throw new Problem('validation', { errors: [fieldError('/need', 'required', ctx.locale)] });
  }
  await inTransaction(deps.db, async (trx) => {
    const { row, facts } = await loadReport(trx, ctx, id);
    authorize(ctx.actor, gapPolicy.read, facts);
    authorize(ctx.actor, gapPolicy.edit, facts);
    if (row.status !== 'reported') throw new Problem('gap-report-locked');
    if (row.version !== input.version) {
      throw new Problem('version-conflict', {
        extra: { currentVersion: row.version, current: await reportView(trx, ctx, id) },
      });
    }
    // The clients of the linked cases the editor may read; a report has few cases, each checked on its own.
    const links = await trx
      .selectFrom('gap_report_cases')
      .select('case_id')
      .where('gap_report_id', '=', id)
      .execute();
    const clients: ClientIdentity[] = [];
    for (const l of links) {
      const found = await requireCase(trx, ctx, l.case_id, 'read').catch(() => null);
      if (found) clients.push(identityOf(await readableClient(trx, ctx, found.row.client_id)));
    }
    const confirmedPersonalData = requireNoPersonalData(ctx, values, clients, input.confirm === true);
    const changed = (Object.keys(values) as (keyof TidyInput)[]).filter((k) => values[k] !== row[k]);
    if (changed.length === 0) return;
    const updated = await trx
      .updateTable('gap_reports')
      .set({
        ...values,
        updated_by: ctx.actor.userId,
        updated_at: ctx.now.toISOString(),
        version: row.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Problem('version-conflict');
    await audit(trx, ctx, {
      action: 'gap_report.update',
      entityType: 'gap_report',
      entityId: id,
      details: { changed, confirmedPersonalData },
    });
  });
  return reportView(deps.db, ctx, id);
}

export async function getGapReport(deps: AppDeps, ctx: RequestContext, id: string): Promise<GapReportView> {
  const { facts } = await loadReport(deps.db, ctx, id);
  authorize(ctx.actor, gapPolicy.read, facts);
  return reportView(deps.db, ctx, id);
}

// ---------------------------------------------------------------------------------------------------------
// The planning level: status and comments

export async function changeGapReportStatus(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: { status: GapStatus; outcome?: GapOutcome | null; comment?: string | null; version: number },
): Promise<GapReportView> {
  await inTransaction(deps.db, async (trx) => {
    const { row, facts } = await loadReport(trx, ctx, id);
    authorize(ctx.actor, gapPolicy.read, facts);
    authorize(ctx.actor, gapPolicy.plan, facts);
    const from = row.status as GapStatus;
    const check = checkStatusChange(from, input);
    if (!check.ok) {
      if ('notAllowed' in check) {
        throw new Problem('status-change-not-allowed', { extra: { allowed: allowedStatusMoves(from) } });
      }
      throw new Problem('validation', {
        errors: check.errors.map((e) => fieldError(e.pointer, e.code, ctx.locale)),
      });
    }
    if (row.version !== input.version) {
      throw new Problem('version-conflict', {
        extra: { currentVersion: row.version, current: await reportView(trx, ctx, id) },
      });
    }
    const at = ctx.now.toISOString();
    const updated = await trx
      .updateTable('gap_reports')
      .set({
        status: input.status,
        outcome: input.status === 'closed' ? (input.outcome ?? null) : null,
        updated_by: ctx.actor.userId,
        updated_at: at,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Problem('version-conflict');
    await trx
      .insertInto('gap_report_comments')
      .values({
        id: newId(),
        gap_report_id: id,
        text: input.comment?.trim() || null,
        status_from: from,
        status_to: input.status,
        created_at: at,
        created_by: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'gap_report.status',
      entityType: 'gap_report',
      entityId: id,
      details: {
        organisationId: row.organisation_id,
        from,
        to: input.status,
        outcome: input.outcome ?? null,
        comment: Boolean(input.comment?.trim()),
      },
    });
  });
  return reportView(deps.db, ctx, id);
}

export async function commentGapReport(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: { text: string },
): Promise<GapReportComment> {
  const text = input.text.trim();
  if (text === '') throw new Problem('validation', { errors: [fieldError('/text', 'required', ctx.locale)] });
  return inTransaction(deps.db, async (trx) => {
    const { row, facts } = await loadReport(trx, ctx, id);
    authorize(ctx.actor, gapPolicy.read, facts);
    authorize(ctx.actor, gapPolicy.plan, facts);
    const commentId = newId();
    const at = ctx.now.toISOString();
    await trx
      .insertInto('gap_report_comments')
      .values({
        id: commentId,
        gap_report_id: id,
        text,
        status_from: null,
        status_to: null,
        created_at: at,
        created_by: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'gap_report.comment',
      entityType: 'gap_report',
      entityId: id,
      details: { organisationId: row.organisation_id, commentId },
    });
    const person = await personLookup(trx, [ctx.actor.userId]);
    return {
      id: commentId,
      text,
      statusFrom: null,
      statusTo: null,
      createdAt: at,
      createdBy: person(ctx.actor.userId),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Lists and the bundled planning view

export interface GapReportQuery {
  status?: GapStatus;
  field?: FieldOfAction;
  district?: string;
  urgency?: Urgency;
  need?: string;
  targetGroup?: string;
  organisationId?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

function parameterError(parameter: string, code: string, ctx: RequestContext): FieldError {
  return { parameter, code, message: fieldMessage(code, ctx.locale) };
}

/** The organisations a query covers: the whole scope, or the one asked for if it is in the scope. */
async function organisationsOf(db: Executor, ctx: RequestContext, organisationId: string | undefined) {
  const scope = await scopeOf(db, ctx);
  if (organisationId === undefined) return { scope, ids: scope.map((o) => o.id) };
  if (!scope.some((o) => o.id === organisationId)) {
    throw new Problem('validation', { errors: [parameterError('organisationId', 'not-in-list', ctx)] });
  }
  return { scope, ids: [organisationId] };
}

// Free texts are bundled lower-cased. SQLite's lower() folds ASCII letters only; the German capitals with
// umlauts are folded first so both databases bundle "Übersetzung" and "übersetzung" alike (the literals are
// inlined, not bound, so PostgreSQL sees the same expression in SELECT and GROUP BY).
function folded(column: string): RawBuilder<string | null> {
  let expr: Expression<string | null> = sql.ref(column);
  for (const [upper, lower] of [
    ['Ä', 'ä'],
    ['Ö', 'ö'],
    ['Ü', 'ü'],
    ['É', 'é'],
  ] as const) {
    expr = sql`replace(${expr}, ${sql.lit(upper)}, ${sql.lit(lower)})`;
  }
  return sql<string | null>`lower(${expr})`;
}

const GROUP_COLUMN: Record<GroupBy, string> = {
  need: 'gap_reports.need',
  field: 'gap_reports.field',
  targetGroup: 'gap_reports.target_group',
  district: 'gap_reports.district',
};

function keyOf(groupBy: GroupBy): RawBuilder<string | null> {
  return groupBy === 'field'
    ? sql<string | null>`${sql.ref(GROUP_COLUMN.field)}`
    : folded(GROUP_COLUMN[groupBy]);
}

export async function listGapReports(
  deps: AppDeps,
  ctx: RequestContext,
  query: GapReportQuery,
): Promise<Page<GapReportListItem> & { organisations: { id: string; name: string }[] }> {
  authorize(ctx.actor, gapPolicy.list, undefined);
  if (query.from && query.to && query.to < query.from) {
    throw new Problem('validation', { errors: [parameterError('to', 'date-order', ctx)] });
  }
  const { scope, ids } = await organisationsOf(deps.db, ctx, query.organisationId);
  const { page, pageSize, offset } = pageWindow(query);
  let base = deps.db.selectFrom('gap_reports').where('gap_reports.organisation_id', 'in', ids);
  if (query.status) base = base.where('gap_reports.status', '=', query.status);
  if (query.field) base = base.where('gap_reports.field', '=', query.field);
  if (query.urgency) base = base.where('gap_reports.urgency', '=', query.urgency);
  if (query.from) base = base.where('gap_reports.reported_on', '>=', query.from);
  if (query.to) base = base.where('gap_reports.reported_on', '<=', query.to);
  // Text filters match a bundle's key, so the planning view can open the reports behind a bundle.
  for (const [name, groupBy] of [
    ['need', 'need'],
    ['district', 'district'],
    ['targetGroup', 'targetGroup'],
  ] as const) {
    const key = tidyText(query[name])?.toLowerCase();
    if (key) base = base.where(keyOf(groupBy), '=', key);
  }
  const [rows, total] = await Promise.all([
    base
      .innerJoin('organisations', 'organisations.id', 'gap_reports.organisation_id')
      .selectAll('gap_reports')
      .select('organisations.name as organisation_name')
      .orderBy('gap_reports.reported_on', 'desc')
      .orderBy('gap_reports.created_at', 'desc')
      .orderBy('gap_reports.id')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const counts = await caseCounts(
    deps.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => listItem(r, counts)),
    total: Number(total.n),
    page,
    pageSize,
    organisations: scope,
  };
}

export interface PlanningQuery {
  from?: string;
  to?: string;
  groupBy?: GroupBy;
  status?: GapStatus;
  organisationId?: string;
  page?: number;
  pageSize?: number;
}

export interface GapBundle {
  key: string | null;
  /** One spelling of the key as reported (for fields: the field's code). */
  label: string | null;
  reports: number;
  cases: number;
  byStatus: Record<GapStatus, number>;
  trend: { month: string; reports: number }[];
  byOrganisation: { id: string; name: string; reports: number }[];
}

export interface GapPlanning extends Page<GapBundle> {
  from: string;
  to: string;
  groupBy: GroupBy;
  status: GapStatus | null;
  months: string[];
  organisations: { id: string; name: string }[];
  totals: { reports: number; cases: number };
}

type FilteredReports = SelectQueryBuilder<DB, 'gap_reports', object>;

/**
 * The planning view: reports bundled by need, field, target group or district with the number of reports,
 * of distinct cases behind them, per status and per month — computed by the database (GROUP BY), never by
 * loading reports. No names, no case ids: only counts leave this function.
 */
export async function planningGaps(
  deps: AppDeps,
  ctx: RequestContext,
  query: PlanningQuery,
  options: { all?: boolean } = {},
): Promise<GapPlanning> {
  authorize(ctx.actor, gapPolicy.planning, undefined);
  // Without a period: the twelve months up to the end (today unless given).
  const to = query.to ?? localDate(ctx.now);
  const from = query.from ?? defaultPeriod(to).from;
  if (to < from) throw new Problem('validation', { errors: [parameterError('to', 'date-order', ctx)] });
  const months = monthsBetween(from, to);
  if (months.length > MAX_TREND_MONTHS) {
    throw new Problem('validation', {
      errors: [
        {
          parameter: 'from',
          code: 'maximum',
          message: fieldMessage('maximum', ctx.locale, { limit: MAX_TREND_MONTHS }),
        },
      ],
    });
  }
  const groupBy = query.groupBy ?? 'need';
  const { scope, ids } = await organisationsOf(deps.db, ctx, query.organisationId);
  const { page, pageSize, offset } = options.all ? { page: 1, pageSize: 0, offset: 0 } : pageWindow(query);

  const filtered = (): FilteredReports => {
    let q = deps.db
      .selectFrom('gap_reports')
      .where('gap_reports.organisation_id', 'in', ids)
      .where('gap_reports.reported_on', '>=', from)
      .where('gap_reports.reported_on', '<=', to);
    if (query.status) q = q.where('gap_reports.status', '=', query.status);
    return q;
  };
  const key = keyOf(groupBy);
  const grouped = filtered()
    .leftJoin('gap_report_cases', 'gap_report_cases.gap_report_id', 'gap_reports.id')
    .select((eb) => [
      key.as('key'),
      sql<string | null>`min(${sql.ref(GROUP_COLUMN[groupBy])})`.as('label'),
      eb.fn.count<number>('gap_reports.id').distinct().as('reports'),
      eb.fn.count<number>('gap_report_cases.case_id').distinct().as('cases'),
      ...GAP_STATUSES.map((s) =>
        eb.fn
          .count<number>(
            eb.case().when('gap_reports.status', '=', sql.lit(s)).then(eb.ref('gap_reports.id')).end(),
          )
          .distinct()
          .as(`status_${s}`),
      ),
    ])
    .groupBy(key);

  let bundleQuery = grouped
    .orderBy('reports', 'desc')
    .orderBy(sql`case when ${key} is null then 1 else 0 end`)
    .orderBy(key);
  if (!options.all) bundleQuery = bundleQuery.limit(pageSize).offset(offset);

  const [rows, counted, totals] = await Promise.all([
    bundleQuery.execute(),
    deps.db
      .selectFrom(grouped.as('b'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    filtered()
      .leftJoin('gap_report_cases', 'gap_report_cases.gap_report_id', 'gap_reports.id')
      .select((eb) => [
        eb.fn.count<number>('gap_reports.id').distinct().as('reports'),
        eb.fn.count<number>('gap_report_cases.case_id').distinct().as('cases'),
      ])
      .executeTakeFirstOrThrow(),
  ]);

  // Trend and organisations only for the bundles on this page.
  const keys = rows.map((r) => r.key).filter((k): k is string => k !== null);
  const withNull = rows.some((r) => r.key === null);
  const onPage = (q: FilteredReports): FilteredReports =>
    q.where((eb) =>
      eb.or([...(keys.length > 0 ? [eb(key, 'in', keys)] : []), ...(withNull ? [eb(key, 'is', null)] : [])]),
    );
  // Dates are 'YYYY-MM-DD' text on SQLite and date on PostgreSQL; as text both start with the month.
  const month = sql<string>`substr(cast(${sql.ref('gap_reports.reported_on')} as text), 1, 7)`;
  const [trendRows, orgRows] =
    rows.length === 0
      ? [[], []]
      : await Promise.all([
          onPage(filtered())
            .select((eb) => [key.as('key'), month.as('month'), eb.fn.countAll<number>().as('n')])
            .groupBy([key, month])
            .execute(),
          onPage(filtered())
            .select((eb) => [key.as('key'), 'gap_reports.organisation_id', eb.fn.countAll<number>().as('n')])
            .groupBy([key, 'gap_reports.organisation_id'])
            .execute(),
        ]);
  const names = new Map(scope.map((o) => [o.id, o.name]));
  const bundles = rows.map((r) => {
    const trend = new Map(trendRows.filter((t) => t.key === r.key).map((t) => [t.month, Number(t.n)]));
    return {
      key: r.key,
      label: r.label,
      reports: Number(r.reports),
      cases: Number(r.cases),
      byStatus: Object.fromEntries(
        GAP_STATUSES.map((s) => [s, Number((r as Record<string, unknown>)[`status_${s}`] ?? 0)]),
      ) as Record<GapStatus, number>,
      trend: months.map((m) => ({ month: m, reports: trend.get(m) ?? 0 })),
      byOrganisation: orgRows
        .filter((o) => o.key === r.key)
        .map((o) => ({
          id: o.organisation_id,
          name: names.get(o.organisation_id) ?? '',
          reports: Number(o.n),
        }))
        .sort((a, b) => b.reports - a.reports || a.name.localeCompare(b.name)),
    };
  });
  return {
    from,
    to,
    groupBy,
    status: query.status ?? null,
    months,
    organisations: scope,
    totals: { reports: Number(totals.reports), cases: Number(totals.cases) },
    items: bundles,
    total: Number(counted.n),
    page,
    pageSize: options.all ? bundles.length : pageSize,
  };
}
