import type { Selectable } from 'kysely';
import { audit, auditRead, inTransaction, readAudited } from '../../core/audit.js';
import { localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { pageWindow } from '../../core/pagination.js';
import type { ReferralTable } from '../../db/types.js';
import { requireCase, type CaseRow } from '../cases/access.js';
import { requireProcessingBasis } from '../consent/basis.js';
import type { DataCategory } from '../consent/domain.js';
import {
  readableOffer,
  readablePartner,
  partnerRefs,
  type OfferRef,
  type PartnerRef,
} from '../partners/access.js';
import { planStepsOfCase, type PlanStepRef } from '../plan/service.js';
import { authoriseDisclosure, withRefusalAudit } from '../privacy/disclosure.js';
import { personLookup } from '../users/service.js';
import {
  NEXT_STATUSES,
  dateErrors,
  needsPlaceConfirmation,
  offerValidOn,
  transition,
  waitingDays,
  type Barrier,
  type Finding,
  type ReferralStatus,
} from './domain.js';
import { referralPolicy } from './policy.js';

/**
 * Referrals of a case (issue 7, the "Linking" phase): a plan step is linked to an offer of a network partner;
 * personal data go with it only through the disclosure gate, the status runs requested → accepted → started →
 * completed (or declined / broken off) with its dates, and barriers and the partner's feedback are recorded.
 */

type ReferralRow = Selectable<ReferralTable> & { offer_title: string | null };

export interface ReferralEventView {
  status: ReferralStatus;
  on: string;
  note: string | null;
  recordedAt: string;
  recordedBy: { id: string; displayName: string };
}

export interface ReferralView {
  id: string;
  caseId: string;
  partner: { id: string; name: string; type: string; archived: boolean };
  offer: { id: string; title: string } | null;
  planStepId: string | null;
  /** The step's text; null when the referral has no step or the step was taken out of the plan since. */
  planStep: PlanStepRef | null;
  status: ReferralStatus;
  requestedOn: string;
  acceptedOn: string | null;
  startedOn: string | null;
  endedOn: string | null;
  waitingDays: number | null;
  allowedNext: ReferralStatus[];
  barriers: Barrier[];
  barrierNote: string | null;
  partnerFeedback: string | null;
  note: string | null;
  categories: DataCategory[];
  disclosureId: string | null;
  events: ReferralEventView[];
  createdAt: string;
  createdBy: { id: string; displayName: string };
  updatedAt: string;
  updatedBy: { id: string; displayName: string };
  version: number;
}

function toFindings(findings: Finding[], ctx: RequestContext) {
  return findings.map((f) => fieldError(f.pointer, f.code, ctx.locale, f.params));
}

function isClosed(row: CaseRow): boolean {
  return row.phase === 'closed' || row.anonymised_at !== null;
}

/** The case with the access needed to change its referrals; a closed case stays as it is. */
async function writableCase(trx: Executor, ctx: RequestContext, caseId: string): Promise<CaseRow> {
  const { row } = await requireCase(trx, ctx, caseId, 'journal');
  if (isClosed(row)) throw new Problem('case-closed');
  await requireProcessingBasis(trx, ctx, row.client_id);
  return row;
}

/**
 * Referrals with the offer's title. The offer is read by a join rather than through partners/access.ts: a
 * referral names only an offer its organisation could see when it was made, and a join keeps a list at one
 * query.
 */
function referralQuery(db: Executor) {
  return db
    .selectFrom('referrals')
    .leftJoin('offers', 'offers.id', 'referrals.offer_id')
    .selectAll('referrals')
    .select('offers.title as offer_title');
}

/** Loads a referral of the actor's organisation, or 404. */
async function loadReferral(db: Executor, ctx: RequestContext, id: string): Promise<ReferralRow> {
  const row = await referralQuery(db)
    .where('referrals.id', '=', id)
    .where('referrals.organisation_id', '=', ctx.actor.organisationId)
    .executeTakeFirst();
  if (!row) throw new Problem('not-found');
  return row;
}

/** Views of referrals of one case: partners, plan steps, events and people in one query each. */
async function referralViews(
  db: Executor,
  ctx: RequestContext,
  caseId: string,
  rows: readonly ReferralRow[],
): Promise<ReferralView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [partners, steps, events] = await Promise.all([
    partnerRefs(
      db,
      ctx,
      rows.map((r) => r.partner_id),
    ),
    planStepsOfCase(
      db,
      caseId,
      rows.flatMap((r) => (r.plan_step_id ? [r.plan_step_id] : [])),
    ),
    db
      .selectFrom('referral_events')
      .selectAll()
      .where('referral_id', 'in', ids)
      .orderBy('recorded_at')
      .orderBy('on_date')
      .execute(),
  ]);
  const person = await personLookup(db, [
    ...rows.flatMap((r) => [r.created_by, r.updated_by]),
    ...events.map((e) => e.recorded_by),
  ]);
  const today = localDate(ctx.now);
  return rows.map((r) => {
    const status = r.status as ReferralStatus;
    const partner: PartnerRef | undefined = partners.get(r.partner_id);
    return {
      id: r.id,
      caseId: r.case_id,
      partner: {
        id: r.partner_id,
        name: partner?.name ?? '',
        type: partner?.type ?? 'other',
        archived: partner?.archived ?? true,
      },
      offer: r.offer_id ? { id: r.offer_id, title: r.offer_title ?? '' } : null,
      planStepId: r.plan_step_id,
      planStep: r.plan_step_id ? (steps.get(r.plan_step_id) ?? null) : null,
      status,
      requestedOn: r.requested_on,
      acceptedOn: r.accepted_on,
      startedOn: r.started_on,
      endedOn: r.ended_on,
      waitingDays: waitingDays({ status, requestedOn: r.requested_on, startedOn: r.started_on }, today),
      allowedNext: [...NEXT_STATUSES[status]],
      barriers: JSON.parse(r.barriers) as Barrier[],
      barrierNote: r.barrier_note,
      partnerFeedback: r.partner_feedback,
      note: r.note,
      categories: JSON.parse(r.categories) as DataCategory[],
      disclosureId: r.disclosure_id,
      events: events
        .filter((e) => e.referral_id === r.id)
        .map((e) => ({
          status: e.status as ReferralStatus,
          on: e.on_date,
          note: e.note,
          recordedAt: e.recorded_at,
          recordedBy: person(e.recorded_by),
        })),
      createdAt: r.created_at,
      createdBy: person(r.created_by),
      updatedAt: r.updated_at,
      updatedBy: person(r.updated_by),
      version: r.version,
    };
  });
}

async function viewOf(db: Executor, ctx: RequestContext, id: string): Promise<ReferralView> {
  const row = await loadReferral(db, ctx, id);
  const [view] = await referralViews(db, ctx, row.case_id, [row]);
  if (!view) throw new Error('referral vanished');
  return view;
}

export interface ReferralPage {
  items: ReferralView[];
  total: number;
  page: number;
  pageSize: number;
  permissions: { write: boolean };
}

/** The referrals of a case, newest request first. */
export async function listCaseReferrals(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  query: { page?: number; pageSize?: number },
): Promise<ReferralPage> {
  const { page, pageSize, offset } = pageWindow(query);
  return readAudited(deps.db, async (trx) => {
    const { row, access } = await requireCase(trx, ctx, caseId, 'read');
    const [counted, rows] = await Promise.all([
      trx
        .selectFrom('referrals')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .where('case_id', '=', caseId)
        .executeTakeFirst(),
      referralQuery(trx)
        .where('referrals.case_id', '=', caseId)
        .orderBy('referrals.requested_on', 'desc')
        .orderBy('referrals.created_at', 'desc')
        .limit(pageSize)
        .offset(offset)
        .execute(),
    ]);
    await auditRead(trx, ctx, 'case', caseId, { part: 'referrals' });
    return {
      items: await referralViews(trx, ctx, caseId, rows),
      total: Number(counted?.total ?? 0),
      page,
      pageSize,
      permissions: { write: referralPolicy.write(ctx.actor, { access, closed: isClosed(row) }) },
    };
  });
}

export async function getReferral(deps: AppDeps, ctx: RequestContext, id: string): Promise<ReferralView> {
  return readAudited(deps.db, async (trx) => {
    const row = await loadReferral(trx, ctx, id);
    await requireCase(trx, ctx, row.case_id, 'read');
    await auditRead(trx, ctx, 'case', row.case_id, { part: 'referral', referralId: id });
    const [view] = await referralViews(trx, ctx, row.case_id, [row]);
    if (!view) throw new Error('referral vanished');
    return view;
  });
}

export interface CreateReferralInput {
  offerId?: string | undefined;
  partnerId?: string | undefined;
  planStepId?: string | null | undefined;
  requestedOn: string;
  categories: DataCategory[];
  note?: string | null | undefined;
  confirm?: boolean | undefined;
}

/** The partner (and offer) a referral goes to: visible, not archived, the offer valid on the day. */
async function target(
  trx: Executor,
  ctx: RequestContext,
  input: CreateReferralInput,
): Promise<{ partner: PartnerRef; offer: OfferRef | null }> {
  const offer = input.offerId ? await readableOffer(trx, ctx, input.offerId) : null;
  const partnerId = offer?.partnerId ?? input.partnerId;
  if (!partnerId) {
    throw new Problem('validation', { errors: [fieldError('/offerId', 'required', ctx.locale)] });
  }
  if (offer && input.partnerId && input.partnerId !== offer.partnerId) {
    throw new Problem('validation', { errors: [fieldError('/partnerId', 'not-allowed', ctx.locale)] });
  }
  const partner = await readablePartner(trx, ctx, partnerId);
  if (partner.archived || offer?.archived) throw new Problem('partner-archived');
  if (offer && !offerValidOn(offer, input.requestedOn)) {
    throw new Problem('validation', {
      errors: [
        fieldError('/offerId', 'offer-not-valid', ctx.locale, {
          validFrom: offer.validFrom,
          validTo: offer.validTo,
        }),
      ],
    });
  }
  return { partner, offer };
}

/**
 * Refers the client: checks the case, the partner and offer, the plan step; sends personal data only with a
 * release for this partner, purpose and categories (refused otherwise, with the reason, and the refusal
 * audited); asks for confirmation when the offer has no free places. Nothing is stored before all of that.
 */
export async function createReferral(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  input: CreateReferralInput,
): Promise<ReferralView> {
  const dateProblems = dateErrors('/requestedOn', input.requestedOn, localDate(ctx.now));
  if (dateProblems.length > 0) throw new Problem('validation', { errors: toFindings(dateProblems, ctx) });
  const id = newId();
  await withRefusalAudit(deps, ctx, () =>
    inTransaction(deps.db, async (trx) => {
      const caseRow = await writableCase(trx, ctx, caseId);
      const { partner, offer } = await target(trx, ctx, input);
      const planStepId = input.planStepId ?? null;
      if (planStepId && !(await planStepsOfCase(trx, caseId, [planStepId])).has(planStepId)) {
        throw new Problem('validation', {
          errors: [fieldError('/planStepId', 'unknown-reference', ctx.locale)],
        });
      }
      const categories = [...new Set(input.categories)];
      // No personal data sent (the client gets in touch alone): no release needed, nothing disclosed.
      const disclosure =
        categories.length > 0
          ? await authoriseDisclosure(trx, ctx, {
              clientId: caseRow.client_id,
              caseId,
              recipient: { kind: 'organisation', name: partner.name },
              purpose: 'referral',
              categories,
              channel: 'referral',
            })
          : null;
      if (offer && needsPlaceConfirmation(offer) && !input.confirm) {
        throw new Problem('confirmation-required', {
          errors: [fieldError('/offerId', 'no-free-places', ctx.locale)],
        });
      }
      const at = ctx.now.toISOString();
      const note = input.note?.trim() || null;
      await trx
        .insertInto('referrals')
        .values({
          id,
          organisation_id: ctx.actor.organisationId,
          case_id: caseId,
          client_id: caseRow.client_id,
          plan_step_id: planStepId,
          partner_id: partner.id,
          offer_id: offer?.id ?? null,
          status: 'requested',
          requested_on: input.requestedOn,
          accepted_on: null,
          started_on: null,
          ended_on: null,
          barriers: '[]',
          barrier_note: null,
          partner_feedback: null,
          note,
          categories: JSON.stringify(categories),
          disclosure_id: disclosure?.disclosureId ?? null,
          created_by: ctx.actor.userId,
          updated_by: ctx.actor.userId,
          created_at: at,
          updated_at: at,
          version: 1,
        })
        .execute();
      await trx
        .insertInto('referral_events')
        .values({
          id: newId(),
          referral_id: id,
          status: 'requested',
          on_date: input.requestedOn,
          note: null,
          recorded_at: at,
          recorded_by: ctx.actor.userId,
        })
        .execute();
      await trx.updateTable('cases').set({ last_activity_at: at }).where('id', '=', caseId).execute();
      await audit(trx, ctx, {
        action: 'referral.create',
        entityType: 'referral',
        entityId: id,
        details: {
          caseId,
          partnerId: partner.id,
          offerId: offer?.id ?? null,
          planStepId,
          categories,
          disclosureId: disclosure?.disclosureId ?? null,
          confirmedNoFreePlaces: offer !== null && needsPlaceConfirmation(offer),
        },
      });
    }),
  );
  return viewOf(deps.db, ctx, id);
}

/** A referral to change: of the actor's organisation, the case writable, the version still current. */
async function lockedReferral(
  trx: Executor,
  ctx: RequestContext,
  id: string,
  version: number,
): Promise<ReferralRow> {
  const row = await loadReferral(trx, ctx, id);
  await writableCase(trx, ctx, row.case_id);
  if (row.version !== version) {
    const [current] = await referralViews(trx, ctx, row.case_id, [row]);
    throw new Problem('version-conflict', { extra: { current } });
  }
  return row;
}

/** Records the next status with its day; the history keeps every step. */
export async function changeReferralStatus(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: { status: ReferralStatus; on: string; note?: string | null | undefined; version: number },
): Promise<ReferralView> {
  await inTransaction(deps.db, async (trx) => {
    const row = await lockedReferral(trx, ctx, id, input.version);
    const from = row.status as ReferralStatus;
    const check = transition(
      {
        status: from,
        dates: {
          requestedOn: row.requested_on,
          acceptedOn: row.accepted_on,
          startedOn: row.started_on,
          endedOn: row.ended_on,
        },
      },
      input.status,
      input.on,
      localDate(ctx.now),
    );
    if (!check.ok && check.kind === 'not-allowed') {
      throw new Problem('status-change-not-allowed', { extra: { allowed: check.allowed } });
    }
    if (!check.ok) throw new Problem('validation', { errors: toFindings(check.errors, ctx) });
    const at = ctx.now.toISOString();
    const updated = await trx
      .updateTable('referrals')
      .set({
        status: input.status,
        accepted_on: check.dates.acceptedOn,
        started_on: check.dates.startedOn,
        ended_on: check.dates.endedOn,
        updated_by: ctx.actor.userId,
        updated_at: at,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Problem('version-conflict');
    await trx
      .insertInto('referral_events')
      .values({
        id: newId(),
        referral_id: id,
        status: input.status,
        on_date: input.on,
        note: input.note?.trim() || null,
        recorded_at: at,
        recorded_by: ctx.actor.userId,
      })
      .execute();
    await trx.updateTable('cases').set({ last_activity_at: at }).where('id', '=', row.case_id).execute();
    await audit(trx, ctx, {
      action: 'referral.status',
      entityType: 'referral',
      entityId: id,
      details: { caseId: row.case_id, from, to: input.status },
    });
  });
  return viewOf(deps.db, ctx, id);
}

export interface UpdateReferralInput {
  barriers: Barrier[];
  barrierNote: string | null;
  partnerFeedback: string | null;
  note: string | null;
  version: number;
}

/** Barriers (Vermittlungshindernisse), the partner's feedback and the note. */
export async function updateReferral(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UpdateReferralInput,
): Promise<ReferralView> {
  await inTransaction(deps.db, async (trx) => {
    const row = await lockedReferral(trx, ctx, id, input.version);
    const next = {
      barriers: JSON.stringify([...new Set(input.barriers)]),
      barrier_note: input.barrierNote?.trim() || null,
      partner_feedback: input.partnerFeedback?.trim() || null,
      note: input.note?.trim() || null,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== row[k]);
    if (changed.length === 0) return;
    const updated = await trx
      .updateTable('referrals')
      .set({
        ...next,
        updated_by: ctx.actor.userId,
        updated_at: ctx.now.toISOString(),
        version: row.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Problem('version-conflict');
    await audit(trx, ctx, {
      action: 'referral.update',
      entityType: 'referral',
      entityId: id,
      // Field names and barrier keys only; the notes may hold personal details.
      details: { caseId: row.case_id, changed, barriers: [...new Set(input.barriers)] },
    });
  });
  return viewOf(deps.db, ctx, id);
}

/**
 * Referrals per partner in a period (requested within from–to, both inclusive) and how many of them were
 * completed: the weight of the network map's edges and a figure of the statistics. No case data leave here.
 */
export async function referralCountsByPartner(
  db: Executor,
  organisationId: string,
  from: string,
  to: string,
): Promise<Array<{ partnerId: string; referrals: number; completed: number }>> {
  const rows = await db
    .selectFrom('referrals')
    .select((eb) => [
      'partner_id',
      eb.fn.countAll<number | string>().as('referrals'),
      eb.fn
        .sum<number | string | null>(eb.case().when('status', '=', 'completed').then(1).else(0).end())
        .as('completed'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('requested_on', '>=', from)
    .where('requested_on', '<=', to)
    .groupBy('partner_id')
    .orderBy('partner_id')
    .execute();
  // PostgreSQL returns count and sum as strings (bigint/numeric).
  return rows.map((r) => ({
    partnerId: r.partner_id,
    referrals: Number(r.referrals),
    completed: Number(r.completed ?? 0),
  }));
}
