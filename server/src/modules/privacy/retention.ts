import os from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { appendAudit, audit, originOf, type AuditOrigin, inTransaction } from '../../core/audit.js';
import { addDays, localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { Problem } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { hasRole } from '../../core/policy.js';
import { requireCase } from '../cases/access.js';
import { OPEN_PHASES } from '../cases/domain.js';
import { retentionState, type RetentionState } from '../consent/domain.js';
import { anonymiseClient, anonymiseClosedCase } from './anonymise.js';

/**
 * Retention (BRIEF 5; [001 L446–456, L1270–1285]): a scheduled, idempotent job that closes and anonymises
 * what the rules say, safe with several app instances (a lock row in the database), and a board where team
 * leads decide about cases that have been quiet for six months.
 */
export interface RetentionItem {
  caseId: string;
  caseNumber: string;
  organisationId: string;
  orgUnitId: string;
  responsibleUserId: string;
  state: RetentionState;
  lastActivityOn: string;
  lastContactOn: string | null;
  confirmedByCaseManager: boolean;
  approvedByAdmin: boolean;
}

/**
 * Computes the retention state of every case that is not yet anonymised (optionally of one organisation, and
 * of some of its org units: the team lead's dashboard counts its units only).
 */
export async function retentionPlan(
  db: Executor,
  today: string,
  organisationId?: string,
  orgUnitIds?: readonly string[],
): Promise<RetentionItem[]> {
  let q = db
    .selectFrom('cases')
    .innerJoin('organisations', 'organisations.id', 'cases.organisation_id')
    .select([
      'cases.id',
      'cases.case_number',
      'cases.organisation_id',
      'cases.org_unit_id',
      'cases.responsible_user_id',
      'cases.phase',
      'cases.anonymised_at',
      'cases.closed_on',
      'cases.last_activity_at',
      'cases.created_at',
      'cases.last_contact_on',
      'cases.opened_on',
      'cases.anonymisation_confirmed_by',
      'cases.anonymisation_approved_by',
      'organisations.retention_review_after_days',
      'organisations.retention_close_after_days',
      'organisations.retention_anonymise_after_days',
      (eb) =>
        eb
          .selectFrom('retention_decisions')
          .select((r) => r.fn.max('retention_decisions.decided_at').as('d'))
          .whereRef('retention_decisions.case_id', '=', 'cases.id')
          .where('retention_decisions.decision', '=', 'continue')
          .as('reviewed_at'),
    ])
    .where('cases.anonymised_at', 'is', null);
  if (organisationId) q = q.where('cases.organisation_id', '=', organisationId);
  // Only cases that can be due are read: closed long enough ago, or open and quiet long enough, by the
  // shortest periods any organisation in scope has set (retentionState below applies each one's own). A
  // necessary condition in SQL on indexed columns, so the work follows the cases due, not every case ever kept.
  let periods = db
    .selectFrom('organisations')
    .select((eb) => [
      eb.fn.min('retention_review_after_days').as('review'),
      eb.fn.min('retention_close_after_days').as('close'),
      eb.fn.min('retention_anonymise_after_days').as('anonymise'),
    ]);
  if (organisationId) periods = periods.where('id', '=', organisationId);
  const shortest = await periods.executeTakeFirst();
  if (!shortest || shortest.review === null || shortest.close === null || shortest.anonymise === null)
    return [];
  const quietSince = `${addDays(today, 1 - Number(shortest.review))}T00:00:00.000Z`;
  q = q.where((eb) =>
    eb.or([
      eb.and([
        eb('cases.phase', '=', 'closed'),
        eb('cases.closed_on', '<=', addDays(today, -Number(shortest.anonymise))),
      ]),
      eb.and([
        eb('cases.phase', 'in', OPEN_PHASES),
        eb.or([
          eb(
            eb.fn.coalesce('cases.last_contact_on', 'cases.opened_on'),
            '<=',
            addDays(today, -Number(shortest.close)),
          ),
          eb(eb.fn.coalesce('cases.last_activity_at', 'cases.created_at'), '<', quietSince),
        ]),
      ]),
    ]),
  );
  if (orgUnitIds) {
    if (orgUnitIds.length === 0) return [];
    q = q.where('cases.org_unit_id', 'in', [...orgUnitIds]);
  }
  const rows = await q.orderBy('cases.case_number').execute();
  return rows
    .map((r) => {
      const lastActivityOn = (r.last_activity_at ?? r.created_at).slice(0, 10);
      return {
        caseId: r.id,
        caseNumber: r.case_number,
        organisationId: r.organisation_id,
        orgUnitId: r.org_unit_id,
        responsibleUserId: r.responsible_user_id,
        lastActivityOn,
        lastContactOn: r.last_contact_on,
        confirmedByCaseManager: r.anonymisation_confirmed_by !== null,
        approvedByAdmin: r.anonymisation_approved_by !== null,
        state: retentionState(
          {
            phase: r.phase,
            anonymisedAt: r.anonymised_at,
            closedOn: r.closed_on,
            lastActivityOn,
            lastContactOn: r.last_contact_on,
            openedOn: r.opened_on,
            reviewedOn: r.reviewed_at ? String(r.reviewed_at).slice(0, 10) : null,
            confirmed: r.anonymisation_confirmed_by !== null,
            approved: r.anonymisation_approved_by !== null,
          },
          {
            reviewAfterDays: r.retention_review_after_days,
            closeAfterDays: r.retention_close_after_days,
            anonymiseAfterDays: r.retention_anonymise_after_days,
          },
          today,
        ),
      };
    })
    .filter((i) => i.state !== 'active');
}

export interface RetentionReport {
  dryRun: boolean;
  ranAt: string;
  reviewDue: string[];
  awaitingConfirmation: string[];
  closed: string[];
  anonymised: string[];
  skipped?: 'locked';
}

const LOCK = 'retention';

/** Takes the job lock for a while; false when another instance holds it. Works the same on both databases. */
async function acquireLock(db: Kysely<DB>, now: Date, holder: string): Promise<boolean> {
  await db
    .insertInto('job_locks')
    .values({ name: LOCK, locked_until: null, locked_by: null, last_finished_at: null, last_report: null })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const result = await db
    .updateTable('job_locks')
    .set({ locked_until: new Date(now.getTime() + 15 * 60_000).toISOString(), locked_by: holder })
    .where('name', '=', LOCK)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The retention run: closes cases without contact for the configured time (reason "no contact") and
 * anonymises them, anonymises closed cases whose period is over and which are confirmed. Each case is its own
 * transaction, so an interruption leaves every case either done or untouched; a second run does nothing new.
 */
export async function runRetention(
  deps: AppDeps,
  options: { dryRun: boolean; now?: Date },
): Promise<RetentionReport> {
  const now = options.now ?? deps.clock();
  const today = localDate(now);
  const plan = await retentionPlan(deps.db, today);
  const report: RetentionReport = {
    dryRun: options.dryRun,
    ranAt: now.toISOString(),
    reviewDue: plan.filter((p) => p.state === 'review_due').map((p) => p.caseNumber),
    awaitingConfirmation: plan.filter((p) => p.state === 'awaiting_confirmation').map((p) => p.caseNumber),
    closed: plan.filter((p) => p.state === 'close_due').map((p) => p.caseNumber),
    anonymised: plan
      .filter((p) => p.state === 'close_due' || p.state === 'anonymise_due')
      .map((p) => p.caseNumber),
  };
  if (options.dryRun) return report;
  const holder = `${os.hostname()}:${process.pid}`;
  if (!(await acquireLock(deps.db, now, holder)))
    return { ...report, closed: [], anonymised: [], skipped: 'locked' };
  try {
    for (const item of plan.filter((p) => p.state === 'close_due' || p.state === 'anonymise_due')) {
      await inTransaction(deps.db, async (trx) => {
        const origin: AuditOrigin = {
          actorUserId: null,
          organisationId: item.organisationId,
          requestId: null,
          at: now,
        };
        const current = await trx
          .selectFrom('cases')
          .select(['phase', 'anonymised_at', 'client_id'])
          .where('id', '=', item.caseId)
          .executeTakeFirst();
        if (!current || current.anonymised_at) return; // done meanwhile (another run, a user)
        if (item.state === 'close_due') {
          await trx
            .updateTable('cases')
            .set((eb) => ({
              phase: 'closed',
              closed_on: today,
              closure_reason: 'no_contact',
              updated_at: now.toISOString(),
              version: eb('version', '+', 1),
            }))
            .where('id', '=', item.caseId)
            .execute();
          await trx
            .insertInto('case_phase_changes')
            .values({
              id: newId(),
              case_id: item.caseId,
              from_phase: current.phase,
              to_phase: 'closed',
              changed_at: now.toISOString(),
              changed_by: item.responsibleUserId,
              reason: 'no_contact',
            })
            .execute();
          await appendAudit(trx, origin, {
            action: 'retention.close',
            entityType: 'case',
            entityId: item.caseId,
            details: { reason: 'no_contact' },
          });
        }
        await anonymiseClosedCase(trx, origin, item.caseId);
      });
    }
  } finally {
    await deps.db
      .updateTable('job_locks')
      .set({
        locked_until: null,
        locked_by: null,
        last_finished_at: new Date().toISOString(),
        last_report: JSON.stringify(report),
      })
      .where('name', '=', LOCK)
      .where('locked_by', '=', holder)
      .execute();
  }
  return report;
}

/** Runs the retention job once a day on whichever instance gets the lock. */
export async function retentionDueToday(db: Kysely<DB>, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('job_locks')
    .select('last_finished_at')
    .where('name', '=', LOCK)
    .executeTakeFirst();
  return !row?.last_finished_at || localDate(new Date(row.last_finished_at)) < localDate(now);
}

/** The team's retention board: cases of the lead's units that need a decision or a confirmation. */
export async function retentionBoard(
  deps: AppDeps,
  ctx: RequestContext,
): Promise<{ items: (RetentionItem & { responsible: string })[] }> {
  if (!hasRole(ctx.actor, 'team_lead', 'case_manager', 'org_admin')) throw new Problem('forbidden');
  const plan = await retentionPlan(deps.db, localDate(ctx.now), ctx.actor.organisationId);
  const visible = plan.filter(
    (p) =>
      hasRole(ctx.actor, 'org_admin') ||
      p.responsibleUserId === ctx.actor.userId ||
      (hasRole(ctx.actor, 'team_lead') && ctx.actor.orgUnitIds.includes(p.orgUnitId)),
  );
  const users = visible.length
    ? await deps.db
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('id', 'in', [...new Set(visible.map((v) => v.responsibleUserId))])
        .execute()
    : [];
  return {
    items: visible.map((v) => ({
      ...v,
      responsible: users.find((u) => u.id === v.responsibleUserId)?.display_name ?? '',
    })),
  };
}

/** Decision on a quiet case: continue (the clock starts again) or close it. */
export async function decideRetention(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  input: { decision: 'continue' | 'close'; note?: string | null },
): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const { row } = await requireCase(trx, ctx, caseId, 'handOver');
    if (row.phase === 'closed') throw new Problem('case-closed');
    await trx
      .insertInto('retention_decisions')
      .values({
        id: newId(),
        case_id: caseId,
        decision: input.decision,
        note: input.note ?? null,
        decided_at: ctx.now.toISOString(),
        decided_by: ctx.actor.userId,
      })
      .execute();
    if (input.decision === 'close') {
      await trx
        .updateTable('cases')
        .set((eb) => ({
          phase: 'closed',
          closed_on: localDate(ctx.now),
          closure_reason: 'retention_review',
          updated_at: ctx.now.toISOString(),
          version: eb('version', '+', 1),
        }))
        .where('id', '=', caseId)
        .execute();
      await trx
        .insertInto('case_phase_changes')
        .values({
          id: newId(),
          case_id: caseId,
          from_phase: row.phase,
          to_phase: 'closed',
          changed_at: ctx.now.toISOString(),
          changed_by: ctx.actor.userId,
          reason: input.note ?? null,
        })
        .execute();
    }
    await audit(trx, ctx, {
      action: 'retention.decide',
      entityType: 'case',
      entityId: caseId,
      details: { decision: input.decision },
    });
  });
}

/**
 * Anonymisation of a closed case needs two people, as in the source: the case manager confirms, an org admin
 * approves. With the default period of 0 days it happens at the second confirmation.
 */
export async function confirmAnonymisation(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
): Promise<{ anonymised: boolean }> {
  return inTransaction(deps.db, async (trx) => {
    const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
    if (!row || row.organisation_id !== ctx.actor.organisationId) throw new Problem('not-found');
    // Who may act is checked before the case's state, so that nobody outside the case team learns it.
    const isAdmin = hasRole(ctx.actor, 'org_admin');
    if (!isAdmin) await requireCase(trx, ctx, caseId, 'write');
    if (row.phase !== 'closed') throw new Problem('validation', { detail: 'case-not-closed' });
    if (row.anonymised_at) return { anonymised: true };
    if (isAdmin) {
      await trx
        .updateTable('cases')
        .set({ anonymisation_approved_by: ctx.actor.userId })
        .where('id', '=', caseId)
        .execute();
    } else {
      await trx
        .updateTable('cases')
        .set({ anonymisation_confirmed_by: ctx.actor.userId })
        .where('id', '=', caseId)
        .execute();
    }
    await audit(trx, ctx, {
      action: isAdmin ? 'case.anonymisation_approve' : 'case.anonymisation_confirm',
      entityType: 'case',
      entityId: caseId,
    });
    const after = await trx
      .selectFrom('cases')
      .innerJoin('organisations', 'organisations.id', 'cases.organisation_id')
      .select([
        'cases.anonymisation_confirmed_by',
        'cases.anonymisation_approved_by',
        'cases.closed_on',
        'organisations.retention_anonymise_after_days',
      ])
      .where('cases.id', '=', caseId)
      .executeTakeFirstOrThrow();
    const due =
      after.closed_on !== null &&
      addDays(after.closed_on, after.retention_anonymise_after_days) <= localDate(ctx.now);
    if (after.anonymisation_confirmed_by && after.anonymisation_approved_by && due) {
      await anonymiseClosedCase(trx, originOf(ctx), caseId);
      return { anonymised: true };
    }
    return { anonymised: false };
  });
}

/** Data-subject requests (access, correction, erasure): recorded, and erasure executed by anonymisation. */
export async function recordRequest(
  deps: AppDeps,
  ctx: RequestContext,
  clientId: string,
  input: { kind: 'access' | 'correction' | 'erasure'; receivedOn: string; description?: string | null },
): Promise<{ id: string }> {
  if (!hasRole(ctx.actor, 'dpo', 'case_manager', 'team_lead')) throw new Problem('forbidden');
  return inTransaction(deps.db, async (trx) => {
    const client = await trx
      .selectFrom('clients')
      .select(['id', 'organisation_id'])
      .where('id', '=', clientId)
      .executeTakeFirst();
    if (!client || client.organisation_id !== ctx.actor.organisationId) throw new Problem('not-found');
    const id = newId();
    const at = ctx.now.toISOString();
    await trx
      .insertInto('data_subject_requests')
      .values({
        id,
        organisation_id: client.organisation_id,
        client_id: clientId,
        kind: input.kind,
        received_on: input.receivedOn,
        description: input.description ?? null,
        status: 'open',
        resolved_on: null,
        resolved_by: null,
        resolution: null,
        created_by: ctx.actor.userId,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'dsr.record',
      entityType: 'data_subject_request',
      entityId: id,
      details: { kind: input.kind, clientId },
    });
    return { id };
  });
}

export async function resolveRequest(
  deps: AppDeps,
  ctx: RequestContext,
  requestId: string,
  input: { status: 'done' | 'rejected'; resolution: string },
): Promise<{ anonymised: boolean }> {
  if (!hasRole(ctx.actor, 'dpo')) throw new Problem('forbidden');
  return inTransaction(deps.db, async (trx) => {
    const req = await trx
      .selectFrom('data_subject_requests')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirst();
    if (!req || req.organisation_id !== ctx.actor.organisationId) throw new Problem('not-found');
    if (req.status !== 'open') throw new Problem('version-conflict');
    await trx
      .updateTable('data_subject_requests')
      .set({
        status: input.status,
        resolution: input.resolution,
        resolved_on: localDate(ctx.now),
        resolved_by: ctx.actor.userId,
        updated_at: ctx.now.toISOString(),
        version: req.version + 1,
      })
      .where('id', '=', requestId)
      .execute();
    await audit(trx, ctx, {
      action: 'dsr.resolve',
      entityType: 'data_subject_request',
      entityId: requestId,
      details: { status: input.status, kind: req.kind },
    });
    if (req.kind === 'erasure' && input.status === 'done') {
      // Erasure of a case file means anonymisation: statistics keep the coarse facts [001 L1270–1285].
      await anonymiseClient(trx, originOf(ctx), req.client_id, 'erasure_request');
      return { anonymised: true };
    }
    return { anonymised: false };
  });
}

export async function listRequests(deps: AppDeps, ctx: RequestContext, status?: string) {
  if (!hasRole(ctx.actor, 'dpo')) throw new Problem('forbidden');
  let q = deps.db
    .selectFrom('data_subject_requests')
    .selectAll()
    .where('organisation_id', '=', ctx.actor.organisationId);
  if (status) q = q.where('status', '=', status);
  const rows = await q.orderBy('received_on', 'desc').execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      kind: r.kind,
      receivedOn: r.received_on,
      description: r.description,
      status: r.status,
      resolvedOn: r.resolved_on,
      resolution: r.resolution,
    })),
  };
}
