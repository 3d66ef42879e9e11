import { audit, inTransaction } from '../../core/audit.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { authorize } from '../../core/policy.js';
import { orgUnitPolicy } from './policy.js';
import { insertShippedTemplates } from '../consent/templates.js';
import { insertShippedInstruments } from '../assessment/templates.js';
import type { PlanLabel } from '../plan/domain.js';
import { enforceSecondFactor } from '../secondfactor/service.js';

/**
 * Per-organisation lists and settings of the case file: districts (Sozialräume), indication criteria for
 * the intake, and the caseload thresholds per full-time post. Members read them; the org admin keeps them.
 */

/** The Ulm standard's indication criteria for case management [000 L124], the default of every new Träger. */
export const DEFAULT_INDICATION_CRITERIA = [
  'Komplexe Problemlage in mehreren Lebensbereichen',
  'Mehrere Leistungserbringer/Dienste beteiligt',
  'Hohe Akteursdichte, Abstimmung nötig',
  'Regelangebote reichen nicht aus',
  'Fehlende Ressourcen im System der Klient:in',
  'Klient:in ist mit Case Management einverstanden',
];

export async function insertDefaultSettings(trx: Executor, organisationId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await trx
    .insertInto('indication_criteria')
    .values(
      DEFAULT_INDICATION_CRITERIA.map((label, i) => ({
        id: newId(),
        organisation_id: organisationId,
        label,
        sort_order: i + 1,
        archived_at: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })),
    )
    .execute();
  await insertShippedTemplates(trx, organisationId, now);
  await insertShippedInstruments(trx, organisationId, now);
}

export interface ListEntryView {
  id: string;
  label: string;
  sortOrder: number;
  archived: boolean;
  version: number;
}

type ListKind = 'districts' | 'indication_criteria';

async function listEntries(
  db: Executor,
  kind: ListKind,
  organisationId: string,
  includeArchived: boolean,
): Promise<ListEntryView[]> {
  if (kind === 'districts') {
    let q = db
      .selectFrom('districts')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('name');
    if (!includeArchived) q = q.where('archived_at', 'is', null);
    return (await q.execute()).map((r, i) => ({
      id: r.id,
      label: r.name,
      sortOrder: i + 1,
      archived: r.archived_at !== null,
      version: r.version,
    }));
  }
  let q = db
    .selectFrom('indication_criteria')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('sort_order')
    .orderBy('label');
  if (!includeArchived) q = q.where('archived_at', 'is', null);
  return (await q.execute()).map((r) => ({
    id: r.id,
    label: r.label,
    sortOrder: r.sort_order,
    archived: r.archived_at !== null,
    version: r.version,
  }));
}

export async function listSettingEntries(
  deps: AppDeps,
  ctx: RequestContext,
  kind: ListKind,
  includeArchived: boolean,
) {
  authorize(ctx.actor, orgUnitPolicy.list, { organisationId: ctx.actor.organisationId });
  return { items: await listEntries(deps.db, kind, ctx.actor.organisationId, includeArchived) };
}

export async function createSettingEntry(
  deps: AppDeps,
  ctx: RequestContext,
  kind: ListKind,
  input: { label: string; sortOrder?: number },
): Promise<ListEntryView> {
  const organisationId = ctx.actor.organisationId;
  authorize(ctx.actor, orgUnitPolicy.manage, { organisationId });
  return inTransaction(deps.db, async (trx) => {
    const label = input.label.trim();
    const existing = await listEntries(trx, kind, organisationId, true);
    if (existing.some((e) => e.label.toLowerCase() === label.toLowerCase())) {
      throw new Problem('name-taken', { errors: [fieldError('/label', 'taken', ctx.locale)] });
    }
    const id = newId();
    const at = ctx.now.toISOString();
    const base = {
      id,
      organisation_id: organisationId,
      archived_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    if (kind === 'districts')
      await trx
        .insertInto('districts')
        .values({ ...base, name: label })
        .execute();
    else {
      const sort = input.sortOrder ?? Math.max(0, ...existing.map((e) => e.sortOrder)) + 1;
      await trx
        .insertInto('indication_criteria')
        .values({ ...base, label, sort_order: sort })
        .execute();
    }
    await audit(trx, ctx, {
      action: `${kind === 'districts' ? 'district' : 'indication_criterion'}.create`,
      entityType: kind,
      entityId: id,
    });
    const created = (await listEntries(trx, kind, organisationId, true)).find((e) => e.id === id);
    if (!created) throw new Error('entry vanished');
    return created;
  });
}

export async function updateSettingEntry(
  deps: AppDeps,
  ctx: RequestContext,
  kind: ListKind,
  id: string,
  input: { version: number; label?: string; sortOrder?: number; archived?: boolean },
): Promise<ListEntryView> {
  const organisationId = ctx.actor.organisationId;
  authorize(ctx.actor, orgUnitPolicy.manage, { organisationId });
  return inTransaction(deps.db, async (trx) => {
    const all = await listEntries(trx, kind, organisationId, true);
    const before = all.find((e) => e.id === id);
    if (!before) throw new Problem('not-found');
    if (before.version !== input.version)
      throw new Problem('version-conflict', { extra: { current: before } });
    const label = input.label?.trim();
    if (label && all.some((e) => e.id !== id && e.label.toLowerCase() === label.toLowerCase())) {
      throw new Problem('name-taken', { errors: [fieldError('/label', 'taken', ctx.locale)] });
    }
    const at = ctx.now.toISOString();
    const common = {
      ...(input.archived !== undefined ? { archived_at: input.archived ? at : null } : {}),
      updated_at: at,
      version: before.version + 1,
    };
    if (kind === 'districts') {
      await trx
        .updateTable('districts')
        .set({ ...common, ...(label ? { name: label } : {}) })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .execute();
    } else {
      await trx
        .updateTable('indication_criteria')
        .set({
          ...common,
          ...(label ? { label } : {}),
          ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .execute();
    }
    await audit(trx, ctx, {
      action: `${kind === 'districts' ? 'district' : 'indication_criterion'}.update`,
      entityType: kind,
      entityId: id,
    });
    const after = (await listEntries(trx, kind, organisationId, true)).find((e) => e.id === id);
    if (!after) throw new Error('entry vanished');
    return after;
  });
}

export interface OrganisationSettingsView {
  id: string;
  name: string;
  shortCode: string;
  caseloadWarnPerFte: number;
  caseloadMaxPerFte: number;
  /** Retention rules (BRIEF 5): defaults 183 / 274 / 0 days. */
  retentionReviewAfterDays: number;
  retentionCloseAfterDays: number;
  retentionAnonymiseAfterDays: number;
  /** The plan (issue 6): its name in this organisation, at most this many top-level goals, indicator required. */
  planLabel: PlanLabel;
  planMaxGoals: number | null;
  planRequireIndicator: boolean;
  /** The organisation agrees that the installation's coordination office reads its aggregates (gap reports). */
  sharesAggregates: boolean;
  /** Set by the installation admin: this organisation is the coordination office (Koordinierende Stelle). */
  coordinationOffice: boolean;
  /** Every member signs in with a second factor (issue 10). */
  secondFactorRequired: boolean;
  version: number;
}

async function settingsView(db: Executor, organisationId: string): Promise<OrganisationSettingsView> {
  const r = await db
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return {
    id: r.id,
    name: r.name,
    shortCode: r.short_code,
    caseloadWarnPerFte: r.caseload_warn_per_fte,
    caseloadMaxPerFte: r.caseload_max_per_fte,
    retentionReviewAfterDays: r.retention_review_after_days,
    retentionCloseAfterDays: r.retention_close_after_days,
    retentionAnonymiseAfterDays: r.retention_anonymise_after_days,
    planLabel: r.plan_label as PlanLabel,
    planMaxGoals: r.plan_max_goals,
    planRequireIndicator: Boolean(r.plan_require_indicator),
    sharesAggregates: Boolean(r.shares_aggregates),
    coordinationOffice: Boolean(r.coordination_office),
    secondFactorRequired: Boolean(r.second_factor_required),
    version: r.version,
  };
}

export async function getOrganisationSettings(
  deps: AppDeps,
  ctx: RequestContext,
): Promise<OrganisationSettingsView> {
  authorize(ctx.actor, orgUnitPolicy.list, { organisationId: ctx.actor.organisationId });
  return settingsView(deps.db, ctx.actor.organisationId);
}

export async function updateOrganisationSettings(
  deps: AppDeps,
  ctx: RequestContext,
  input: {
    version: number;
    caseloadWarnPerFte?: number;
    caseloadMaxPerFte?: number;
    retentionReviewAfterDays?: number;
    retentionCloseAfterDays?: number;
    retentionAnonymiseAfterDays?: number;
    planLabel?: PlanLabel;
    planMaxGoals?: number | null;
    planRequireIndicator?: boolean;
    sharesAggregates?: boolean;
    secondFactorRequired?: boolean;
  },
): Promise<OrganisationSettingsView> {
  const organisationId = ctx.actor.organisationId;
  authorize(ctx.actor, orgUnitPolicy.manage, { organisationId });
  return inTransaction(deps.db, async (trx) => {
    const before = await settingsView(trx, organisationId);
    if (before.version !== input.version)
      throw new Problem('version-conflict', { extra: { current: before } });
    const warn = input.caseloadWarnPerFte ?? before.caseloadWarnPerFte;
    const max = input.caseloadMaxPerFte ?? before.caseloadMaxPerFte;
    if (max < warn)
      throw new Problem('validation', {
        errors: [fieldError('/caseloadMaxPerFte', 'minimum', ctx.locale, { limit: warn })],
      });
    const review = input.retentionReviewAfterDays ?? before.retentionReviewAfterDays;
    const close = input.retentionCloseAfterDays ?? before.retentionCloseAfterDays;
    // A case must come up for review before it is closed for lack of contact.
    if (close <= review)
      throw new Problem('validation', {
        errors: [fieldError('/retentionCloseAfterDays', 'minimum', ctx.locale, { limit: review + 1 })],
      });
    const secondFactorRequired = input.secondFactorRequired ?? before.secondFactorRequired;
    const sessionsEnded =
      secondFactorRequired && !before.secondFactorRequired
        ? (await enforceSecondFactor(trx, ctx, organisationId)).sessionsEnded
        : 0;
    await trx
      .updateTable('organisations')
      .set({
        caseload_warn_per_fte: warn,
        caseload_max_per_fte: max,
        retention_review_after_days: review,
        retention_close_after_days: close,
        retention_anonymise_after_days:
          input.retentionAnonymiseAfterDays ?? before.retentionAnonymiseAfterDays,
        plan_label: input.planLabel ?? before.planLabel,
        plan_max_goals: input.planMaxGoals === undefined ? before.planMaxGoals : input.planMaxGoals,
        plan_require_indicator: input.planRequireIndicator ?? before.planRequireIndicator,
        shares_aggregates: input.sharesAggregates ?? before.sharesAggregates,
        second_factor_required: secondFactorRequired,
        updated_at: ctx.now.toISOString(),
        version: before.version + 1,
      })
      .where('id', '=', organisationId)
      .where('version', '=', input.version)
      .execute();
    await audit(trx, ctx, {
      action: 'organisation.settings',
      entityType: 'organisation',
      entityId: organisationId,
      details: {
        warn,
        max,
        review,
        close,
        anonymise: input.retentionAnonymiseAfterDays ?? before.retentionAnonymiseAfterDays,
        sharesAggregates: input.sharesAggregates ?? before.sharesAggregates,
        secondFactorRequired,
        ...(sessionsEnded > 0 ? { sessionsEnded } : {}),
      },
    });
    return settingsView(trx, organisationId);
  });
}
