import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/types.js';
import { checkedOnly } from '../../db/conditions.js';
import { audit, auditRead, inTransaction, readAudited } from '../../core/audit.js';
import { addDays, localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem, type FieldError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { pageWindow, type Page } from '../../core/pagination.js';
import { authorize } from '../../core/policy.js';
import { casePolicy, type CaseAccess } from './policy.js';
import { processingBasis, requireProcessingBasis, type ProcessingBasis } from '../consent/basis.js';
import { foldName } from '../clients/domain.js';
import { readableClient } from '../clients/service.js';
import { personLookup } from '../users/service.js';
import { accessToCases, requireCase, type CaseRow } from './access.js';
import {
  allowedMoves,
  canMove,
  caseloadLevel,
  formatCaseNumber,
  OPEN_PHASES,
  PHASES,
  type AccessRoute,
  type CaseKind,
  type ClosureReason,
  type CaseloadLevel,
  type DelegationScope,
  type Phase,
} from './domain.js';

/** How long a team lead's recorded reason opens a case. */
export const BREAK_GLASS_HOURS = 8;

export interface Mandate {
  body: string;
  text?: string | null;
  sanctionRisk?: boolean | null;
  sessions?: number | null;
  feedbackChannel?: string | null;
  feedbackInterval?: string | null;
  voluntarySince?: string | null;
}

export interface IntakeInput {
  accessRoute: AccessRoute;
  referralAgency?: string | null;
  referralPerson?: string | null;
  indicationCriteria?: string[];
  indicationDecision?: 'cm_needed' | 'counselling_only' | 'referred_elsewhere' | null;
  indicationReason?: string | null;
  referredTo?: string | null;
  contractForm?: 'oral' | 'written' | null;
  contractOn?: string | null;
  contractBy?: string | null;
  mandate?: Mandate | null;
}

export interface CaseView {
  id: string;
  caseNumber: string;
  kind: CaseKind;
  phase: Phase;
  orgUnit: { id: string; name: string };
  responsible: { id: string; displayName: string };
  openedOn: string;
  closedOn: string | null;
  lastContactOn: string | null;
  client: {
    id: string;
    familyName: string;
    givenNames: string;
    birthDate: string | null;
    birthYear: number | null;
  };
  intake: Required<Omit<IntakeInput, 'mandate'>> & { mandate: Mandate | null };
  allowedMoves: Phase[];
  phaseHistory: {
    from: Phase | null;
    to: Phase;
    changedAt: string;
    changedBy: { id: string; displayName: string };
    reason: string | null;
  }[];
  handovers: {
    from: { id: string; displayName: string } | null;
    to: { id: string; displayName: string };
    reason: string;
    effectiveOn: string;
    recordedAt: string;
  }[];
  delegations: {
    id: string;
    delegate: { id: string; displayName: string };
    scope: DelegationScope;
    standing: boolean;
    clientAgreementOn: string | null;
    startsOn: string;
    endsOn: string;
    reason: string | null;
    active: boolean;
    revokedAt: string | null;
  }[];
  accessLog: {
    user: { id: string; displayName: string };
    reason: string;
    openedAt: string;
    expiresAt: string;
  }[];
  followUps: { open: number; overdue: number; next: string | null };
  permissions: { write: boolean; journal: boolean; handOver: boolean };
  /** What the banner says is missing for data protection. */
  processing: ProcessingBasis;
  closureReason: string | null;
  anonymised: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const CASE_CLOSED_WRITES = new Set<Phase>(['closed']);

function today(ctx: RequestContext): string {
  return localDate(ctx.now);
}

/** Claims the next number of the organisation's yearly sequence; the row lock keeps numbers unique and gap-free. */
async function nextCaseNumber(db: Executor, organisationId: string, year: number): Promise<string> {
  const org = await db
    .selectFrom('organisations')
    .select('short_code')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  const claim = () =>
    db
      .updateTable('case_number_counters')
      .set((eb) => ({ last_value: eb('last_value', '+', 1) }))
      .where('organisation_id', '=', organisationId)
      .where('year', '=', year)
      .returning('last_value')
      .executeTakeFirst();
  let row = await claim();
  if (!row) {
    await db
      .insertInto('case_number_counters')
      .values({ organisation_id: organisationId, year, last_value: 0 })
      .onConflict((oc) => oc.columns(['organisation_id', 'year']).doNothing())
      .execute();
    row = await claim();
    if (!row) throw new Error('case number could not be claimed');
  }
  return formatCaseNumber(org.short_code, year, Number(row.last_value));
}

function mandateOf(row: CaseRow): Mandate | null {
  if (row.access_route !== 'mandated' || !row.mandate_body) return null;
  return {
    body: row.mandate_body,
    text: row.mandate_text,
    sanctionRisk: row.mandate_sanction_risk === null ? null : Boolean(row.mandate_sanction_risk),
    sessions: row.mandate_sessions,
    feedbackChannel: row.mandate_feedback_channel,
    feedbackInterval: row.mandate_feedback_interval,
    voluntarySince: row.voluntary_since,
  };
}

function intakeColumns(input: IntakeInput) {
  const mandate = input.accessRoute === 'mandated' ? (input.mandate ?? null) : null;
  return {
    access_route: input.accessRoute,
    referral_agency:
      input.accessRoute === 'agency_referral' || input.accessRoute === 'mandated'
        ? (input.referralAgency ?? null)
        : null,
    referral_person: input.referralPerson ?? null,
    indication_criteria: JSON.stringify(input.indicationCriteria ?? []),
    indication_decision: input.indicationDecision ?? null,
    indication_reason: input.indicationReason ?? null,
    referred_to: input.indicationDecision === 'referred_elsewhere' ? (input.referredTo ?? null) : null,
    contract_form: input.contractForm ?? null,
    contract_on: input.contractOn ?? null,
    contract_by: input.contractBy ?? null,
    mandate_body: mandate?.body ?? null,
    mandate_text: mandate?.text ?? null,
    mandate_sanction_risk: mandate ? (mandate.sanctionRisk ?? null) : null,
    mandate_sessions: mandate?.sessions ?? null,
    mandate_feedback_channel: mandate?.feedbackChannel ?? null,
    mandate_feedback_interval: mandate?.feedbackInterval ?? null,
    voluntary_since: mandate?.voluntarySince ?? null,
  };
}

async function validateIntake(
  db: Executor,
  ctx: RequestContext,
  input: IntakeInput,
  openedOn: string,
): Promise<void> {
  const errors: FieldError[] = [];
  const criteria = input.indicationCriteria ?? [];
  if (criteria.length > 0) {
    const known = await db
      .selectFrom('indication_criteria')
      .select('id')
      .where('organisation_id', '=', ctx.actor.organisationId)
      .where('id', 'in', criteria)
      .execute();
    const ids = new Set(known.map((k) => k.id));
    criteria.forEach((c, i) => {
      if (!ids.has(c)) errors.push(fieldError(`/intake/indicationCriteria/${i}`, 'not-in-list', ctx.locale));
    });
  }
  if (input.accessRoute === 'mandated' && !input.mandate) {
    errors.push(fieldError('/intake/mandate', 'required', ctx.locale));
  }
  if (input.indicationDecision === 'referred_elsewhere' && !input.referredTo) {
    errors.push(fieldError('/intake/referredTo', 'required', ctx.locale));
  }
  const voluntary = input.mandate?.voluntarySince;
  if (input.accessRoute === 'mandated' && voluntary && voluntary < openedOn) {
    errors.push(fieldError('/intake/mandate/voluntarySince', 'date-order', ctx.locale));
  }
  if (input.contractOn && input.contractOn > today(ctx)) {
    errors.push(fieldError('/intake/contractOn', 'in-future', ctx.locale));
  }
  if (errors.length > 0) throw new Problem('validation', { errors });
}

async function phaseBeforeClosing(db: Executor, caseId: string): Promise<Phase | null> {
  const row = await db
    .selectFrom('case_phase_changes')
    .select('from_phase')
    .where('case_id', '=', caseId)
    .where('to_phase', '=', 'closed')
    .orderBy('changed_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return (row?.from_phase as Phase | null | undefined) ?? null;
}

/** The case as its page shows it; `known` is the actor's access when the caller has just decided it. */
export async function caseView(
  db: Executor,
  ctx: RequestContext,
  row: CaseRow,
  known?: CaseAccess,
): Promise<CaseView> {
  const access = known ?? (await accessToCases(db, ctx, [row])).get(row.id);
  const day = today(ctx);
  const [client, phases, handovers, delegations, overrides, followUps, beforeClosing] = await Promise.all([
    // the client and the case's unit in one round trip
    db
      .selectFrom('clients')
      .innerJoin('org_units', (join) => join.on('org_units.id', '=', row.org_unit_id))
      .select([
        'clients.id',
        'clients.family_name',
        'clients.given_names',
        'clients.birth_date',
        'clients.birth_year',
        'org_units.id as unit_id',
        'org_units.name as unit_name',
      ])
      .where('clients.id', '=', row.client_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('case_phase_changes')
      .selectAll()
      .where('case_id', '=', row.id)
      .orderBy('changed_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('case_handovers')
      .selectAll()
      .where('case_id', '=', row.id)
      .orderBy('recorded_at')
      .execute(),
    db
      .selectFrom('case_delegations')
      .selectAll()
      .where('case_id', '=', row.id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('case_access_overrides')
      .selectAll()
      .where('case_id', '=', row.id)
      .orderBy('opened_at', 'desc')
      .execute(),
    db
      .selectFrom('follow_ups')
      .select([
        (eb) => eb.fn.countAll<number>().as('open'),
        (eb) => eb.fn.sum<number>(eb.case().when('due_on', '<', day).then(1).else(0).end()).as('overdue'),
        (eb) => eb.fn.min('due_on').as('next'),
      ])
      .where('case_id', '=', row.id)
      .where('done_at', 'is', null)
      .executeTakeFirst(),
    row.phase === 'closed' ? phaseBeforeClosing(db, row.id) : Promise.resolve(null),
  ]);
  const person = await personLookup(db, [
    row.responsible_user_id,
    ...phases.map((p) => p.changed_by),
    ...handovers.flatMap((h) => [h.from_user_id, h.to_user_id]),
    ...delegations.map((d) => d.delegate_user_id),
    ...overrides.map((o) => o.user_id),
  ]);
  return {
    id: row.id,
    caseNumber: row.case_number,
    kind: row.kind as CaseKind,
    phase: row.phase as Phase,
    orgUnit: { id: client.unit_id, name: client.unit_name },
    responsible: person(row.responsible_user_id),
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    lastContactOn: row.last_contact_on,
    client: {
      id: client.id,
      familyName: client.family_name,
      givenNames: client.given_names,
      birthDate: client.birth_date,
      birthYear: client.birth_year,
    },
    intake: {
      accessRoute: row.access_route as AccessRoute,
      referralAgency: row.referral_agency,
      referralPerson: row.referral_person,
      indicationCriteria: JSON.parse(row.indication_criteria) as string[],
      indicationDecision: row.indication_decision as NonNullable<IntakeInput['indicationDecision']> | null,
      indicationReason: row.indication_reason,
      referredTo: row.referred_to,
      contractForm: row.contract_form as NonNullable<IntakeInput['contractForm']> | null,
      contractOn: row.contract_on,
      contractBy: row.contract_by,
      mandate: mandateOf(row),
    },
    // A case-management case is closed in the evaluation (Abschluss), with its evaluation, not by a phase move.
    allowedMoves: access?.write
      ? allowedMoves(row.kind as CaseKind, row.phase as Phase, beforeClosing).filter(
          (to) => to !== 'closed' || row.kind !== 'case_management',
        )
      : [],
    phaseHistory: phases.map((p) => ({
      from: p.from_phase as Phase | null,
      to: p.to_phase as Phase,
      changedAt: p.changed_at,
      changedBy: person(p.changed_by),
      reason: p.reason,
    })),
    handovers: handovers.map((h) => ({
      from: h.from_user_id ? person(h.from_user_id) : null,
      to: person(h.to_user_id),
      reason: h.reason,
      effectiveOn: h.effective_on,
      recordedAt: h.recorded_at,
    })),
    delegations: delegations.map((d) => ({
      id: d.id,
      delegate: person(d.delegate_user_id),
      scope: d.scope as DelegationScope,
      standing: Boolean(d.standing),
      clientAgreementOn: d.client_agreement_on,
      startsOn: d.starts_on,
      endsOn: d.ends_on,
      reason: d.reason,
      active: d.revoked_at === null && d.starts_on <= day && d.ends_on >= day,
      revokedAt: d.revoked_at,
    })),
    accessLog: overrides.map((o) => ({
      user: person(o.user_id),
      reason: o.reason,
      openedAt: o.opened_at,
      expiresAt: o.expires_at,
    })),
    followUps: {
      open: Number(followUps?.open ?? 0),
      overdue: Number(followUps?.overdue ?? 0),
      next: followUps?.next ? String(followUps.next) : null,
    },
    permissions: {
      write: Boolean(access?.write),
      journal: Boolean(access?.journal),
      handOver: Boolean(access?.handOver),
    },
    processing: await processingBasis(db, row.client_id, day),
    closureReason: row.closure_reason,
    anonymised: row.anonymised_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

async function reload(db: Executor, ctx: RequestContext, id: string): Promise<CaseView> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return caseView(db, ctx, row);
}

/** A person who can hold case responsibility or a delegation: active, same organisation, runs cases. */
async function requireCaseWorker(
  db: Executor,
  ctx: RequestContext,
  userId: string,
  pointer: string,
): Promise<void> {
  const row = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.id')
    .where('users.id', '=', userId)
    .where('users.organisation_id', '=', ctx.actor.organisationId)
    .where('users.deactivated_at', 'is', null)
    .where('user_roles.role', 'in', ['case_manager', 'team_lead'])
    .executeTakeFirst();
  if (!row)
    throw new Problem('validation', { errors: [fieldError(pointer, 'not-a-case-manager', ctx.locale)] });
}

function checkVersion(row: CaseRow, version: number): void {
  if (row.version !== version) throw new Problem('version-conflict');
}

async function bumpVersion(
  db: Executor,
  ctx: RequestContext,
  row: CaseRow,
  set: Record<string, unknown> = {},
): Promise<void> {
  const result = await db
    .updateTable('cases')
    .set({
      ...set,
      updated_at: ctx.now.toISOString(),
      last_activity_at: ctx.now.toISOString(),
      version: row.version + 1,
    })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Problem('version-conflict');
}

async function conflict(db: Executor, ctx: RequestContext, id: string): Promise<never> {
  throw new Problem('version-conflict', { extra: { current: await reload(db, ctx, id) } });
}

async function withCaseConflict<T>(
  db: Executor,
  ctx: RequestContext,
  id: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Problem && error.code === 'version-conflict' && !error.options.extra)
      return conflict(db, ctx, id);
    throw error;
  }
}

export interface OpenCaseInput {
  clientId: string;
  kind: CaseKind;
  orgUnitId: string;
  responsibleUserId?: string;
  openedOn?: string;
  intake: IntakeInput;
}

export async function openCase(deps: AppDeps, ctx: RequestContext, input: OpenCaseInput): Promise<CaseView> {
  authorize(ctx.actor, casePolicy.open, undefined);
  return inTransaction(deps.db, async (trx) => {
    const client = await readableClient(trx, ctx, input.clientId);
    if (client.anonymised_at) throw new Problem('forbidden', { detail: 'anonymised' });
    const errors: FieldError[] = [];
    if (!ctx.actor.orgUnitIds.includes(input.orgUnitId))
      errors.push(fieldError('/orgUnitId', 'not-in-list', ctx.locale));
    const openedOn = input.openedOn ?? today(ctx);
    if (openedOn > today(ctx)) errors.push(fieldError('/openedOn', 'in-future', ctx.locale));
    if (errors.length > 0) throw new Problem('validation', { errors });
    const responsible = input.responsibleUserId ?? ctx.actor.userId;
    if (responsible !== ctx.actor.userId) {
      // Assigning a case to someone else is the team lead's task.
      authorize(ctx.actor, casePolicy.assign, undefined);
      await requireCaseWorker(trx, ctx, responsible, '/responsibleUserId');
    }
    await validateIntake(trx, ctx, input.intake, openedOn);
    const id = newId();
    const at = ctx.now.toISOString();
    const caseNumber = await nextCaseNumber(trx, ctx.actor.organisationId, Number(openedOn.slice(0, 4)));
    await trx
      .insertInto('cases')
      .values({
        id,
        organisation_id: ctx.actor.organisationId,
        org_unit_id: input.orgUnitId,
        client_id: client.id,
        case_number: caseNumber,
        kind: input.kind,
        phase: 'intake',
        responsible_user_id: responsible,
        opened_on: openedOn,
        closed_on: null,
        last_contact_on: null,
        last_activity_at: at,
        ...intakeColumns(input.intake),
        created_by: ctx.actor.userId,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await trx
      .insertInto('case_phase_changes')
      .values({
        id: newId(),
        case_id: id,
        from_phase: null,
        to_phase: 'intake',
        changed_at: at,
        changed_by: ctx.actor.userId,
        reason: null,
      })
      .execute();
    if (responsible !== ctx.actor.userId) {
      await trx
        .insertInto('notifications')
        .values({
          id: newId(),
          user_id: responsible,
          kind: 'case_assigned',
          case_id: id,
          created_at: at,
          read_at: null,
        })
        .execute();
    }
    await audit(trx, ctx, {
      action: 'case.open',
      entityType: 'case',
      entityId: id,
      details: { kind: input.kind, clientId: client.id, accessRoute: input.intake.accessRoute },
    });
    return reload(trx, ctx, id);
  });
}

export async function getCase(deps: AppDeps, ctx: RequestContext, id: string): Promise<CaseView> {
  return readAudited(deps.db, async (trx) => {
    const { row, access } = await requireCase(trx, ctx, id, 'read');
    await auditRead(trx, ctx, 'case', id);
    return caseView(trx, ctx, row, access);
  });
}

export async function updateIntake(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: { version: number; intake: IntakeInput },
): Promise<CaseView> {
  return inTransaction(deps.db, async (trx) =>
    withCaseConflict(trx, ctx, id, async () => {
      const { row } = await requireCase(trx, ctx, id, 'write');
      if (CASE_CLOSED_WRITES.has(row.phase as Phase)) throw new Problem('case-closed');
      checkVersion(row, input.version);
      await validateIntake(trx, ctx, input.intake, row.opened_on);
      await bumpVersion(trx, ctx, row, intakeColumns(input.intake));
      await audit(trx, ctx, { action: 'case.intake_update', entityType: 'case', entityId: id });
      return reload(trx, ctx, id);
    }),
  );
}

export async function moveCase(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: { version: number; to: Phase; reason?: string | null; closureReason?: ClosureReason | null },
): Promise<CaseView> {
  return inTransaction(deps.db, async (trx) =>
    withCaseConflict(trx, ctx, id, async () => {
      const { row } = await requireCase(trx, ctx, id, 'write');
      checkVersion(row, input.version);
      const from = row.phase as Phase;
      // An anonymised case stays closed; the person comes back as a new case [001 L1193–1230].
      if (row.anonymised_at) throw new Problem('case-closed', { detail: 'anonymised' });
      // The assessment collects personal data: from there on consent (or another legal basis) is needed.
      if (from === 'intake' && input.to !== 'closed') await requireProcessingBasis(trx, ctx, row.client_id);
      // Closing a case-management case is the formal closure with its evaluation (POST /cases/:id/close).
      if (input.to === 'closed' && row.kind === 'case_management')
        throw new Problem('evaluation-required', { errors: [fieldError('/to', 'not-allowed', ctx.locale)] });
      const before = from === 'closed' ? await phaseBeforeClosing(trx, id) : null;
      if (!canMove(row.kind as CaseKind, from, input.to, before)) {
        throw new Problem('phase-move-not-allowed', {
          errors: [fieldError('/to', 'not-allowed', ctx.locale)],
          extra: { allowed: allowedMoves(row.kind as CaseKind, from, before) },
        });
      }
      const at = ctx.now.toISOString();
      await bumpVersion(trx, ctx, row, {
        phase: input.to,
        ...(input.to === 'closed'
          ? { closed_on: today(ctx), closure_reason: input.closureReason ?? null }
          : {}),
        ...(from === 'closed' ? { closed_on: null, closure_reason: null } : {}),
      });
      await trx
        .insertInto('case_phase_changes')
        .values({
          id: newId(),
          case_id: id,
          from_phase: from,
          to_phase: input.to,
          changed_at: at,
          changed_by: ctx.actor.userId,
          reason: input.reason ?? null,
        })
        .execute();
      await audit(trx, ctx, {
        action: 'case.phase_change',
        entityType: 'case',
        entityId: id,
        details: { from, to: input.to },
      });
      return reload(trx, ctx, id);
    }),
  );
}

export async function handOverCase(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: { version: number; toUserId: string; reason: string; effectiveOn?: string },
): Promise<CaseView> {
  return inTransaction(deps.db, async (trx) =>
    withCaseConflict(trx, ctx, id, async () => {
      const { row } = await requireCase(trx, ctx, id, 'handOver');
      checkVersion(row, input.version);
      if (input.toUserId === row.responsible_user_id) {
        throw new Problem('validation', { errors: [fieldError('/toUserId', 'not-allowed', ctx.locale)] });
      }
      await requireCaseWorker(trx, ctx, input.toUserId, '/toUserId');
      const at = ctx.now.toISOString();
      await bumpVersion(trx, ctx, row, { responsible_user_id: input.toUserId });
      await trx
        .insertInto('case_handovers')
        .values({
          id: newId(),
          case_id: id,
          from_user_id: row.responsible_user_id,
          to_user_id: input.toUserId,
          reason: input.reason,
          effective_on: input.effectiveOn ?? today(ctx),
          recorded_at: at,
          recorded_by: ctx.actor.userId,
        })
        .execute();
      await trx
        .insertInto('notifications')
        .values({
          id: newId(),
          user_id: input.toUserId,
          kind: 'case_handed_over',
          case_id: id,
          created_at: at,
          read_at: null,
        })
        .execute();
      await audit(trx, ctx, {
        action: 'case.handover',
        entityType: 'case',
        entityId: id,
        details: { from: row.responsible_user_id, to: input.toUserId },
      });
      return reload(trx, ctx, id);
    }),
  );
}

export interface DelegationInput {
  delegateUserId: string;
  scope: DelegationScope;
  standing: boolean;
  clientAgreementOn?: string | null;
  startsOn: string;
  endsOn: string;
  reason?: string | null;
}

export async function delegateCase(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: DelegationInput,
): Promise<CaseView> {
  return inTransaction(deps.db, async (trx) => {
    const { row } = await requireCase(trx, ctx, id, 'handOver');
    if (row.phase === 'closed') throw new Problem('case-closed');
    const errors: FieldError[] = [];
    if (input.endsOn < input.startsOn) errors.push(fieldError('/endsOn', 'date-order', ctx.locale));
    // A standing deputy needs the client's agreement [001 L2077].
    if (input.standing && !input.clientAgreementOn)
      errors.push(fieldError('/clientAgreementOn', 'requires-client-agreement', ctx.locale));
    if (input.delegateUserId === row.responsible_user_id)
      errors.push(fieldError('/delegateUserId', 'not-allowed', ctx.locale));
    if (errors.length > 0) throw new Problem('validation', { errors });
    await requireCaseWorker(trx, ctx, input.delegateUserId, '/delegateUserId');
    const at = ctx.now.toISOString();
    const delegationId = newId();
    await trx
      .insertInto('case_delegations')
      .values({
        id: delegationId,
        case_id: id,
        delegate_user_id: input.delegateUserId,
        scope: input.scope,
        standing: input.standing,
        client_agreement_on: input.clientAgreementOn ?? null,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        reason: input.reason ?? null,
        created_at: at,
        created_by: ctx.actor.userId,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
    await trx
      .insertInto('notifications')
      .values({
        id: newId(),
        user_id: input.delegateUserId,
        kind: 'case_delegated',
        case_id: id,
        created_at: at,
        read_at: null,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'case.delegate',
      entityType: 'case',
      entityId: id,
      details: {
        delegationId,
        delegate: input.delegateUserId,
        scope: input.scope,
        standing: input.standing,
        endsOn: input.endsOn,
      },
    });
    return reload(trx, ctx, id);
  });
}

export async function revokeDelegation(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  delegationId: string,
): Promise<CaseView> {
  return inTransaction(deps.db, async (trx) => {
    await requireCase(trx, ctx, id, 'handOver');
    const result = await trx
      .updateTable('case_delegations')
      .set({ revoked_at: ctx.now.toISOString(), revoked_by: ctx.actor.userId })
      .where('id', '=', delegationId)
      .where('case_id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Problem('not-found');
    await audit(trx, ctx, {
      action: 'case.delegation_revoke',
      entityType: 'case',
      entityId: id,
      details: { delegationId },
    });
    return reload(trx, ctx, id);
  });
}

/**
 * Break the glass: a team lead opens a case of their unit with a recorded reason. The reason is kept in
 * the case (visible to the case team), the responsible case manager is notified, and it is audited.
 */
export async function breakTheGlass(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  reason: string,
): Promise<CaseView> {
  return inTransaction(deps.db, async (trx) => {
    const { row, access } = await requireCase(trx, ctx, id, 'meta');
    if (!access.mayBreakTheGlass) throw new Problem('forbidden');
    const at = ctx.now.toISOString();
    await trx
      .insertInto('case_access_overrides')
      .values({
        id: newId(),
        case_id: id,
        user_id: ctx.actor.userId,
        reason: reason.trim(),
        opened_at: at,
        expires_at: new Date(ctx.now.getTime() + BREAK_GLASS_HOURS * 3600_000).toISOString(),
      })
      .execute();
    await trx
      .insertInto('notifications')
      .values({
        id: newId(),
        user_id: row.responsible_user_id,
        kind: 'case_opened_with_reason',
        case_id: id,
        created_at: at,
        read_at: null,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'case.break_glass',
      entityType: 'case',
      entityId: id,
      details: { hours: BREAK_GLASS_HOURS },
    });
    await auditRead(trx, ctx, 'case', id);
    return caseView(trx, ctx, row);
  });
}

export interface CaseListQuery {
  page?: number;
  pageSize?: number;
  q?: string;
  phase?: Phase;
  kind?: CaseKind;
  responsibleUserId?: string;
  orgUnitId?: string;
  overdueFollowUps?: boolean;
  noContactDays?: number;
  includeClosed?: boolean;
  sort?: 'caseNumber' | 'openedOn' | 'lastContactOn' | 'phase' | 'nextFollowUp';
  order?: 'asc' | 'desc';
}

export interface CaseListItem {
  id: string;
  caseNumber: string;
  kind: CaseKind;
  phase: Phase;
  orgUnit: { id: string; name: string };
  responsible: { id: string; displayName: string };
  openedOn: string;
  closedOn: string | null;
  lastContactOn: string | null;
  /** Only for cases the actor may read; team leads see the list without names. */
  client: { familyName: string; givenNames: string } | null;
  overdueFollowUps: number;
  nextFollowUpOn: string | null;
  canRead: boolean;
}

/**
 * The case list: own and delegated cases, and for team leads every case of their org units (without
 * client names). Filters and paging run in the database.
 */
export async function listCases(
  deps: AppDeps,
  ctx: RequestContext,
  query: CaseListQuery,
): Promise<Page<CaseListItem>> {
  authorize(ctx.actor, casePolicy.list, undefined);
  const { page } = pageWindow(query);
  return readAudited(deps.db, async (trx) => {
    const queries = caseListQueries(trx, ctx, query, await delegatedCaseIds(trx, ctx));
    const counted = await queries.count.executeTakeFirst();
    const rows = await queries.page.execute();
    const access = await accessToCases(trx, ctx, rows);
    await audit(trx, ctx, {
      action: 'case.list',
      entityType: 'case',
      details: { count: rows.length, page, search: Boolean(query.q) },
    });
    return {
      items: rows.map((r) => {
        const canRead = Boolean(access.get(r.id)?.read);
        return {
          id: r.id,
          caseNumber: r.case_number,
          kind: r.kind as CaseKind,
          phase: r.phase as Phase,
          orgUnit: { id: r.org_unit_id, name: r.unit_name },
          responsible: { id: r.responsible_user_id, displayName: r.responsible_name },
          openedOn: r.opened_on,
          closedOn: r.closed_on,
          lastContactOn: r.last_contact_on,
          client: canRead ? { familyName: r.family_name, givenNames: r.given_names } : null,
          overdueFollowUps: Number(r.overdue ?? 0),
          nextFollowUpOn: r.next_follow_up ? String(r.next_follow_up) : null,
          canRead,
        };
      }),
      total: Number(counted?.total ?? 0),
      page,
      pageSize: queries.pageSize,
    };
  });
}

/** The cases delegated to the actor today (usually none or a few: a stand-in during an absence). */
export async function delegatedCaseIds(db: Executor, ctx: RequestContext): Promise<string[]> {
  const day = today(ctx);
  const rows = await db
    .selectFrom('case_delegations')
    .select('case_id')
    .where('delegate_user_id', '=', ctx.actor.userId)
    .where('ends_on', '>=', day)
    .where('starts_on', '<=', day)
    .where('revoked_at', 'is', null)
    .execute();
  return [...new Set(rows.map((r) => r.case_id))];
}

/**
 * The case list's two queries for the actor and the filters — the total and the page — built, not run:
 * listCases runs them in its transaction; the benchmark (bench/src/harness) compiles them to time the bare SQL
 * of the list on the database.
 */
export function caseListQueries(
  db: Executor,
  ctx: RequestContext,
  query: CaseListQuery,
  delegated: readonly string[],
) {
  const { pageSize, offset } = pageWindow(query);
  const day = today(ctx);
  const me = ctx.actor.userId;
  const leadUnits = ctx.actor.roles.includes('team_lead') ? [...ctx.actor.orgUnitIds] : [];
  // The organisation is checked on the rows found, not used to find them (db/conditions.ts).
  let base = db
    .selectFrom('cases')
    .innerJoin('clients', 'clients.id', 'cases.client_id')
    .where(checkedOnly('cases.organisation_id', ctx.actor.organisationId));
  // Own and delegated cases (the delegations are looked up before, so every branch here is an index
  // condition: on PostgreSQL a bitmap OR of the responsible person's, the case ids' and the units' indexes).
  const mine = (eb: ExpressionBuilder<DB, 'cases' | 'clients'>) =>
    eb.or([
      eb('cases.responsible_user_id', '=', me),
      ...(delegated.length > 0 ? [eb('cases.id', 'in', [...delegated])] : []),
    ]);
  base = base.where((eb) =>
    eb.or([mine(eb), ...(leadUnits.length > 0 ? [eb('cases.org_unit_id', 'in', leadUnits)] : [])]),
  );
  if (query.phase) base = base.where('cases.phase', '=', query.phase);
  else if (!query.includeClosed) base = base.where('cases.phase', 'in', OPEN_PHASES);
  if (query.kind) base = base.where('cases.kind', '=', query.kind);
  if (query.responsibleUserId) base = base.where('cases.responsible_user_id', '=', query.responsibleUserId);
  if (query.orgUnitId) base = base.where('cases.org_unit_id', '=', query.orgUnitId);
  if (query.overdueFollowUps) {
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('follow_ups')
          .select('follow_ups.id')
          .whereRef('follow_ups.case_id', '=', 'cases.id')
          .where('follow_ups.done_at', 'is', null)
          .where('follow_ups.due_on', '<', day),
      ),
    );
  }
  if (query.noContactDays !== undefined) {
    const limit = addDays(day, -query.noContactDays);
    base = base.where((eb) => eb(eb.fn.coalesce('cases.last_contact_on', 'cases.opened_on'), '<', limit));
  }
  if (query.q && query.q.trim() !== '') {
    const term = query.q.trim();
    const folded = `%${foldName(term).replace(/[\\%_]/g, '')}%`;
    // Names are searched only in cases the actor may read; everyone may search case numbers.
    base = base.where((eb) =>
      eb.or([
        eb(eb.fn('upper', ['cases.case_number']), 'like', `%${term.toUpperCase().replace(/[\\%_]/g, '')}%`),
        eb.and([eb('clients.search_key', 'like', folded), mine(eb)]),
      ]),
    );
  }
  const count = base.select((eb) => eb.fn.countAll<number>().as('total'));
  const phaseOrder = sql<number>`case ${sql.ref('cases.phase')} ${sql.join(
    PHASES.map((p, i) => sql`when ${p} then ${i}`),
    sql` `,
  )} end`;
  const nextFollowUp = (eb: ExpressionBuilder<DB, 'cases' | 'clients'>) =>
    eb
      .selectFrom('follow_ups')
      .select((f) => f.fn.min('follow_ups.due_on').as('d'))
      .whereRef('follow_ups.case_id', '=', 'cases.id')
      .where('follow_ups.done_at', 'is', null);
  let listQuery = base
    .innerJoin('org_units', 'org_units.id', 'cases.org_unit_id')
    .innerJoin('users', 'users.id', 'cases.responsible_user_id')
    .selectAll('cases')
    .select([
      'clients.family_name',
      'clients.given_names',
      'org_units.name as unit_name',
      'users.display_name as responsible_name',
      (eb) =>
        eb
          .selectFrom('follow_ups')
          .select((f) => f.fn.countAll<number>().as('n'))
          .whereRef('follow_ups.case_id', '=', 'cases.id')
          .where('follow_ups.done_at', 'is', null)
          .where('follow_ups.due_on', '<', day)
          .as('overdue'),
      (eb) => nextFollowUp(eb).as('next_follow_up'),
    ]);
  const order = query.order ?? (query.sort === 'lastContactOn' || query.sort === 'openedOn' ? 'desc' : 'asc');
  switch (query.sort ?? 'caseNumber') {
    case 'openedOn':
      listQuery = listQuery.orderBy('cases.opened_on', order);
      break;
    case 'lastContactOn':
      listQuery = listQuery.orderBy('cases.last_contact_on', order);
      break;
    case 'phase':
      listQuery = listQuery.orderBy(phaseOrder, order);
      break;
    case 'nextFollowUp':
      listQuery = listQuery.orderBy((eb) => nextFollowUp(eb), order);
      break;
    default:
      listQuery = listQuery.orderBy('cases.case_number', order);
  }
  return { count, page: listQuery.orderBy('cases.id').limit(pageSize).offset(offset), pageSize };
}

export interface CaseloadRow {
  user: { id: string; displayName: string };
  ftePercent: number;
  runningCmCases: number;
  perFte: number | null;
  level: CaseloadLevel;
  byPhase: Record<string, number>;
  overdueFollowUps: number;
}

/** Caseloads of the case managers in the team lead's org units, against the organisation's thresholds. */
export async function caseloads(
  deps: AppDeps,
  ctx: RequestContext,
  query: { orgUnitId?: string },
): Promise<{ warnPerFte: number; maxPerFte: number; rows: CaseloadRow[] }> {
  authorize(ctx.actor, casePolicy.caseloads, undefined);
  const units = query.orgUnitId ? [query.orgUnitId] : [...ctx.actor.orgUnitIds];
  if (units.some((u) => !ctx.actor.orgUnitIds.includes(u)) || units.length === 0)
    throw new Problem('forbidden');
  const db = deps.db;
  const day = today(ctx);
  const org = await db
    .selectFrom('organisations')
    .select(['caseload_warn_per_fte', 'caseload_max_per_fte'])
    .where('id', '=', ctx.actor.organisationId)
    .executeTakeFirstOrThrow();
  const people = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .innerJoin('user_org_units', 'user_org_units.user_id', 'users.id')
    .select(['users.id', 'users.display_name', 'users.fte_percent'])
    .distinct()
    .where('users.organisation_id', '=', ctx.actor.organisationId)
    .where('users.deactivated_at', 'is', null)
    .where('user_roles.role', '=', 'case_manager')
    .where('user_org_units.org_unit_id', 'in', units)
    .orderBy('users.display_name')
    .execute();
  const ids = people.map((p) => p.id);
  if (ids.length === 0)
    return { warnPerFte: org.caseload_warn_per_fte, maxPerFte: org.caseload_max_per_fte, rows: [] };
  const [counts, overdue] = await Promise.all([
    db
      .selectFrom('cases')
      .select(['responsible_user_id', 'kind', 'phase', (eb) => eb.fn.countAll<number>().as('n')])
      .where('responsible_user_id', 'in', ids)
      .where('phase', 'in', OPEN_PHASES)
      .groupBy(['responsible_user_id', 'kind', 'phase'])
      .execute(),
    db
      .selectFrom('follow_ups')
      .select(['assignee_user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('assignee_user_id', 'in', ids)
      .where('done_at', 'is', null)
      .where('due_on', '<', day)
      .groupBy('assignee_user_id')
      .execute(),
  ]);
  const thresholds = { warnPerFte: org.caseload_warn_per_fte, maxPerFte: org.caseload_max_per_fte };
  return {
    ...thresholds,
    rows: people.map((p) => {
      const mine = counts.filter((c) => c.responsible_user_id === p.id);
      const running = mine.filter((c) => c.kind === 'case_management').reduce((s, c) => s + Number(c.n), 0);
      const byPhase: Record<string, number> = {};
      for (const c of mine.filter((m) => m.kind === 'case_management'))
        byPhase[c.phase] = (byPhase[c.phase] ?? 0) + Number(c.n);
      const level = caseloadLevel(running, p.fte_percent, thresholds);
      return {
        user: { id: p.id, displayName: p.display_name },
        ftePercent: p.fte_percent,
        runningCmCases: running,
        perFte: level.perFte,
        level: level.level,
        byPhase,
        overdueFollowUps: Number(overdue.find((o) => o.assignee_user_id === p.id)?.n ?? 0),
      };
    }),
  };
}

/*
 * Closure, reopening and the case's kind (issue 8): steps that run inside the transaction of the evaluation
 * module's use cases (which check access, the evaluation and their own rules first). Each checks the case's
 * version (409 with the current case), records the phase change and writes the audit entry.
 */

/** The formal closure (Entpflichtung): phase closed with its date and reason, from whatever phase it ran in. */
export async function recordClosure(
  trx: Executor,
  ctx: RequestContext,
  row: CaseRow,
  input: { version: number; closedOn: string; closureReason: ClosureReason },
): Promise<void> {
  await withCaseConflict(trx, ctx, row.id, async () => {
    checkVersion(row, input.version);
    if (row.phase === 'closed' || row.anonymised_at) throw new Problem('case-closed');
    await bumpVersion(trx, ctx, row, {
      phase: 'closed',
      closed_on: input.closedOn,
      closure_reason: input.closureReason,
    });
    await trx
      .insertInto('case_phase_changes')
      .values({
        id: newId(),
        case_id: row.id,
        from_phase: row.phase,
        to_phase: 'closed',
        changed_at: ctx.now.toISOString(),
        changed_by: ctx.actor.userId,
        reason: null,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'case.close',
      entityType: 'case',
      entityId: row.id,
      details: { from: row.phase, closureReason: input.closureReason, closedOn: input.closedOn },
    });
  });
}

/**
 * Reopening a closed case: the end date and reason are cleared and the case goes back to the phase it had when
 * it was closed [001 L1208–1211]; why is recorded with the phase change. The caller refuses anonymised cases.
 */
export async function recordReopening(
  trx: Executor,
  ctx: RequestContext,
  row: CaseRow,
  input: { version: number; reason: string },
): Promise<Phase> {
  return withCaseConflict(trx, ctx, row.id, async () => {
    checkVersion(row, input.version);
    if (row.phase !== 'closed') throw new Problem('phase-move-not-allowed');
    const before = await phaseBeforeClosing(trx, row.id);
    const to = allowedMoves(row.kind as CaseKind, 'closed', before)[0] ?? 'intake';
    await bumpVersion(trx, ctx, row, { phase: to, closed_on: null, closure_reason: null });
    await trx
      .insertInto('case_phase_changes')
      .values({
        id: newId(),
        case_id: row.id,
        from_phase: 'closed',
        to_phase: to,
        changed_at: ctx.now.toISOString(),
        changed_by: ctx.actor.userId,
        reason: input.reason,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'case.reopen',
      entityType: 'case',
      entityId: row.id,
      details: { to, closureReason: row.closure_reason },
    });
    return to;
  });
}

/**
 * Converting the case's kind (counselling ⇄ case management) with the reason, kept in case_kind_changes; a
 * phase the new kind does not have is left for `phase` (recorded as a phase change with the same reason).
 */
export async function recordKindChange(
  trx: Executor,
  ctx: RequestContext,
  row: CaseRow,
  input: { version: number; kind: CaseKind; phase: Phase; reason: string },
): Promise<void> {
  await withCaseConflict(trx, ctx, row.id, async () => {
    checkVersion(row, input.version);
    if (row.phase === 'closed' || row.anonymised_at) throw new Problem('case-closed');
    const at = ctx.now.toISOString();
    await bumpVersion(trx, ctx, row, { kind: input.kind, phase: input.phase });
    await trx
      .insertInto('case_kind_changes')
      .values({
        id: newId(),
        case_id: row.id,
        from_kind: row.kind,
        to_kind: input.kind,
        reason: input.reason,
        changed_at: at,
        changed_by: ctx.actor.userId,
      })
      .execute();
    if (input.phase !== row.phase) {
      await trx
        .insertInto('case_phase_changes')
        .values({
          id: newId(),
          case_id: row.id,
          from_phase: row.phase,
          to_phase: input.phase,
          changed_at: at,
          changed_by: ctx.actor.userId,
          reason: input.reason,
        })
        .execute();
    }
    await audit(trx, ctx, {
      action: 'case.kind_change',
      entityType: 'case',
      entityId: row.id,
      details: { from: row.kind, to: input.kind, phase: input.phase },
    });
  });
}

export interface KindChangeView {
  from: CaseKind;
  to: CaseKind;
  reason: string | null;
  changedAt: string;
  changedBy: { id: string; displayName: string };
}

/** The history of the case's kind, oldest first. */
export async function kindChanges(db: Executor, caseId: string): Promise<KindChangeView[]> {
  const rows = await db
    .selectFrom('case_kind_changes')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
  const person = await personLookup(
    db,
    rows.map((r) => r.changed_by),
  );
  return rows.map((r) => ({
    from: r.from_kind as CaseKind,
    to: r.to_kind as CaseKind,
    reason: r.reason,
    changedAt: r.changed_at,
    changedBy: person(r.changed_by),
  }));
}

/** Refuses a stale version of the case with 409 and the current case (for steps that check it first). */
export async function requireCaseVersion(
  db: Executor,
  ctx: RequestContext,
  row: CaseRow,
  version: number,
): Promise<void> {
  if (row.version !== version) await conflict(db, ctx, row.id);
}
