import { audit, canonicalJson, inTransaction } from '../../core/audit.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { hasRole } from '../../core/policy.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { personLookup } from '../users/service.js';
import { validateTemplate, type RuleError } from './domain.js';
import { SHIPPED_INSTRUMENTS } from './shipped-instruments.js';
import type { InstrumentTemplate } from './template.js';

/**
 * Instrument templates as data the org admin manages (issue 5): every organisation starts with the shipped
 * instruments; editing publishes a new version (published versions never change, the table is append-only);
 * the org admin chooses which org unit offers which instrument, and imports or exports a template as JSON.
 */

export const EXPORT_FORMAT = 'lotse-instrument';

export interface TemplateSummary {
  id: string;
  key: string;
  shipped: boolean;
  currentVersion: number;
  title: InstrumentTemplate['title'];
  description: InstrumentTemplate['description'];
  enabledOrgUnitIds: string[];
  updatedAt: string;
  version: number;
}

export interface TemplateVersionInfo {
  version: number;
  publishedAt: string;
  publishedBy: { id: string; displayName: string } | null;
  changeNote: string | null;
}

export interface TemplateDetail extends TemplateSummary {
  definition: InstrumentTemplate;
  versions: TemplateVersionInfo[];
}

function ruleProblem(errors: RuleError[], ctx: RequestContext, base: string): Problem {
  return new Problem('validation', {
    errors: errors.map((e) => fieldError(`${base}${e.pointer}`, e.code, ctx.locale, e.params)),
  });
}

function requireOrgAdmin(ctx: RequestContext): void {
  if (!hasRole(ctx.actor, 'org_admin')) throw new Problem('forbidden');
}

/**
 * Gives an organisation the shipped instruments it does not have yet (idempotent; safe when two instances
 * start at once). New templates are offered in every org unit the organisation has at that moment.
 */
export async function insertShippedInstruments(
  trx: Executor,
  organisationId: string,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const units = await trx
    .selectFrom('org_units')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .execute();
  let added = 0;
  for (const definition of SHIPPED_INSTRUMENTS) {
    const templateId = newId();
    const inserted = await trx
      .insertInto('instrument_templates')
      .values({
        id: templateId,
        organisation_id: organisationId,
        key: definition.key,
        shipped: true,
        current_version: 1,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .onConflict((oc) => oc.columns(['organisation_id', 'key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    added += 1;
    await trx
      .insertInto('instrument_template_versions')
      .values({
        id: newId(),
        template_id: templateId,
        version: 1,
        definition: JSON.stringify(definition),
        change_note: null,
        published_at: at,
        published_by: null,
      })
      .execute();
    if (units.length > 0) {
      await trx
        .insertInto('instrument_enablements')
        .values(
          units.map((u) => ({
            org_unit_id: u.id,
            template_id: templateId,
            enabled_at: at,
            enabled_by: null,
          })),
        )
        .execute();
    }
  }
  return added;
}

/**
 * At start: organisations created before an instrument shipped receive it. One query finds them; on a usual
 * start (nothing new shipped) nothing else runs.
 */
export async function ensureShippedInstruments(db: Kysely<DB>, now: Date): Promise<void> {
  const keys = SHIPPED_INSTRUMENTS.map((i) => i.key);
  const lacking = await db
    .selectFrom('organisations as o')
    .leftJoin('instrument_templates as t', (join) =>
      join.onRef('t.organisation_id', '=', 'o.id').on('t.key', 'in', keys),
    )
    .select(['o.id', (eb) => eb.fn.count<number>('t.id').as('shipped')])
    .groupBy('o.id')
    .having((eb) => eb.fn.count('t.id'), '<', keys.length)
    .execute();
  for (const org of lacking) {
    await inTransaction(db, (trx) => insertShippedInstruments(trx, org.id, now));
  }
}

async function summaries(
  db: Executor,
  organisationId: string,
  templateIds?: string[],
): Promise<TemplateDetail[]> {
  let query = db
    .selectFrom('instrument_templates as t')
    .innerJoin('instrument_template_versions as v', (join) =>
      join.onRef('v.template_id', '=', 't.id').onRef('v.version', '=', 't.current_version'),
    )
    .select(['t.id', 't.key', 't.shipped', 't.current_version', 't.updated_at', 't.version', 'v.definition'])
    .where('t.organisation_id', '=', organisationId);
  if (templateIds) {
    if (templateIds.length === 0) return [];
    query = query.where('t.id', 'in', templateIds);
  }
  const rows = await query.orderBy('t.key').execute();
  if (rows.length === 0) return [];
  const enablements = await db
    .selectFrom('instrument_enablements')
    .select(['template_id', 'org_unit_id'])
    .where(
      'template_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => {
    const definition = JSON.parse(r.definition) as InstrumentTemplate;
    return {
      id: r.id,
      key: r.key,
      shipped: Boolean(r.shipped),
      currentVersion: r.current_version,
      title: definition.title,
      description: definition.description,
      enabledOrgUnitIds: enablements
        .filter((e) => e.template_id === r.id)
        .map((e) => e.org_unit_id)
        .sort(),
      updatedAt: r.updated_at,
      version: r.version,
      definition,
      versions: [],
    };
  });
}

/** All instruments of the organisation (members read them: case managers fill them in). */
export async function listInstruments(
  deps: AppDeps,
  ctx: RequestContext,
): Promise<{ items: TemplateSummary[] }> {
  const rows = await summaries(deps.db, ctx.actor.organisationId);
  return {
    items: rows
      .map(({ definition: _d, versions: _v, ...summary }) => summary)
      .sort((a, b) => a.title.de.localeCompare(b.title.de, 'de')),
  };
}

export async function getInstrument(
  deps: AppDeps,
  ctx: RequestContext,
  templateId: string,
): Promise<TemplateDetail> {
  const [detail] = await summaries(deps.db, ctx.actor.organisationId, [templateId]);
  if (!detail) throw new Problem('not-found');
  const versions = await deps.db
    .selectFrom('instrument_template_versions')
    .select(['version', 'published_at', 'published_by', 'change_note'])
    .where('template_id', '=', templateId)
    .orderBy('version', 'desc')
    .execute();
  const person = await personLookup(
    deps.db,
    versions.map((v) => v.published_by),
  );
  return {
    ...detail,
    versions: versions.map((v) => ({
      version: v.version,
      publishedAt: v.published_at,
      publishedBy: v.published_by ? person(v.published_by) : null,
      changeNote: v.change_note,
    })),
  };
}

/** One published version as it was (assessments are shown with the version they were made with). */
export async function getInstrumentVersion(
  deps: AppDeps,
  ctx: RequestContext,
  templateId: string,
  version: number,
): Promise<{ templateId: string; version: number; definition: InstrumentTemplate }> {
  const row = await deps.db
    .selectFrom('instrument_template_versions as v')
    .innerJoin('instrument_templates as t', 't.id', 'v.template_id')
    .select(['v.definition', 'v.version'])
    .where('t.organisation_id', '=', ctx.actor.organisationId)
    .where('t.id', '=', templateId)
    .where('v.version', '=', version)
    .executeTakeFirst();
  if (!row) throw new Problem('not-found');
  return { templateId, version: row.version, definition: JSON.parse(row.definition) as InstrumentTemplate };
}

async function publishVersion(
  trx: Executor,
  ctx: RequestContext,
  templateId: string,
  version: number,
  definition: InstrumentTemplate,
  changeNote: string | null,
): Promise<void> {
  await trx
    .insertInto('instrument_template_versions')
    .values({
      id: newId(),
      template_id: templateId,
      version,
      definition: JSON.stringify(definition),
      change_note: changeNote,
      published_at: ctx.now.toISOString(),
      published_by: ctx.actor.userId,
    })
    .execute();
}

/** A new instrument of the organisation (from the editor or an imported file). */
export async function createInstrument(
  deps: AppDeps,
  ctx: RequestContext,
  input: { definition: InstrumentTemplate; changeNote?: string | null },
  base = '/definition',
): Promise<TemplateDetail> {
  requireOrgAdmin(ctx);
  const errors = validateTemplate(input.definition);
  if (errors.length > 0) throw ruleProblem(errors, ctx, base);
  const id = await inTransaction(deps.db, async (trx) => {
    const clash = await trx
      .selectFrom('instrument_templates')
      .select('id')
      .where('organisation_id', '=', ctx.actor.organisationId)
      .where('key', '=', input.definition.key)
      .executeTakeFirst();
    if (clash) {
      throw new Problem('name-taken', { errors: [fieldError(`${base}/key`, 'taken', ctx.locale)] });
    }
    const templateId = newId();
    const at = ctx.now.toISOString();
    await trx
      .insertInto('instrument_templates')
      .values({
        id: templateId,
        organisation_id: ctx.actor.organisationId,
        key: input.definition.key,
        shipped: false,
        current_version: 1,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await publishVersion(trx, ctx, templateId, 1, input.definition, input.changeNote ?? null);
    await audit(trx, ctx, {
      action: 'instrument.create',
      entityType: 'instrument_template',
      entityId: templateId,
      details: { key: input.definition.key, version: 1 },
    });
    return templateId;
  });
  return getInstrument(deps, ctx, id);
}

/**
 * Publishes an edited definition as a new version. `basedOnVersion` is the version the editor started from:
 * when someone published in between, the edit is refused (409) instead of silently overwriting theirs.
 */
export async function publishInstrumentVersion(
  deps: AppDeps,
  ctx: RequestContext,
  templateId: string,
  input: { basedOnVersion: number; definition: InstrumentTemplate; changeNote?: string | null },
  base = '/definition',
): Promise<TemplateDetail> {
  requireOrgAdmin(ctx);
  const row = await deps.db
    .selectFrom('instrument_templates')
    .selectAll()
    .where('id', '=', templateId)
    .where('organisation_id', '=', ctx.actor.organisationId)
    .executeTakeFirst();
  if (!row) throw new Problem('not-found');
  if (input.definition.key !== row.key) {
    throw new Problem('validation', { errors: [fieldError(`${base}/key`, 'not-allowed', ctx.locale)] });
  }
  const errors = validateTemplate(input.definition);
  if (errors.length > 0) throw ruleProblem(errors, ctx, base);
  await inTransaction(deps.db, async (trx) => {
    const next = input.basedOnVersion + 1;
    const updated = await trx
      .updateTable('instrument_templates')
      .set({ current_version: next, updated_at: ctx.now.toISOString(), version: row.version + 1 })
      .where('id', '=', templateId)
      .where('current_version', '=', input.basedOnVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new Problem('version-conflict', { extra: { currentVersion: row.current_version } });
    }
    await publishVersion(trx, ctx, templateId, next, input.definition, input.changeNote ?? null);
    await audit(trx, ctx, {
      action: 'instrument.publish',
      entityType: 'instrument_template',
      entityId: templateId,
      details: { key: row.key, version: next },
    });
  });
  return getInstrument(deps, ctx, templateId);
}

export interface InstrumentExport {
  format: typeof EXPORT_FORMAT;
  formatVersion: 1;
  version: number;
  exportedAt: string;
  definition: InstrumentTemplate;
}

export async function exportInstrument(
  deps: AppDeps,
  ctx: RequestContext,
  templateId: string,
): Promise<InstrumentExport> {
  requireOrgAdmin(ctx);
  const detail = await getInstrument(deps, ctx, templateId);
  await audit(deps.db, ctx, {
    action: 'instrument.export',
    entityType: 'instrument_template',
    entityId: templateId,
    details: { version: detail.currentVersion },
  });
  return {
    format: EXPORT_FORMAT,
    formatVersion: 1,
    version: detail.currentVersion,
    exportedAt: ctx.now.toISOString(),
    definition: detail.definition,
  };
}

/**
 * Imports an exported template: a key the organisation does not know becomes a new instrument; a known
 * key becomes the next version of that instrument (unless the definition is the same as the current one).
 */
export async function importInstrument(
  deps: AppDeps,
  ctx: RequestContext,
  input: { format: string; formatVersion: number; definition: InstrumentTemplate },
): Promise<{ created: boolean; instrument: TemplateDetail }> {
  requireOrgAdmin(ctx);
  const existing = await deps.db
    .selectFrom('instrument_templates')
    .select(['id', 'current_version'])
    .where('organisation_id', '=', ctx.actor.organisationId)
    .where('key', '=', input.definition.key)
    .executeTakeFirst();
  if (!existing) {
    return { created: true, instrument: await createInstrument(deps, ctx, { definition: input.definition }) };
  }
  const current = await getInstrument(deps, ctx, existing.id);
  if (canonicalJson(current.definition) === canonicalJson(input.definition)) {
    return { created: false, instrument: current };
  }
  return {
    created: false,
    instrument: await publishInstrumentVersion(deps, ctx, existing.id, {
      basedOnVersion: existing.current_version,
      definition: input.definition,
      changeNote: null,
    }),
  };
}

/** Which instruments an org unit offers (Ulm: the Sachgebiet decides). Replaces the unit's list. */
export async function setOrgUnitInstruments(
  deps: AppDeps,
  ctx: RequestContext,
  orgUnitId: string,
  templateIds: string[],
): Promise<{ orgUnitId: string; templateIds: string[] }> {
  requireOrgAdmin(ctx);
  const unit = await deps.db
    .selectFrom('org_units')
    .select('id')
    .where('id', '=', orgUnitId)
    .where('organisation_id', '=', ctx.actor.organisationId)
    .executeTakeFirst();
  if (!unit) throw new Problem('not-found');
  const wanted = [...new Set(templateIds)];
  const known = await deps.db
    .selectFrom('instrument_templates')
    .select('id')
    .where('organisation_id', '=', ctx.actor.organisationId)
    .execute();
  const knownIds = new Set(known.map((k) => k.id));
  const unknown = templateIds
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !knownIds.has(id))
    .map(({ i }) => fieldError(`/templateIds/${i}`, 'unknown-reference', ctx.locale));
  if (unknown.length > 0) throw new Problem('validation', { errors: unknown });
  await inTransaction(deps.db, async (trx) => {
    const before = await trx
      .selectFrom('instrument_enablements')
      .select('template_id')
      .where('org_unit_id', '=', orgUnitId)
      .execute();
    const had = new Set(before.map((b) => b.template_id));
    const removed = [...had].filter((id) => !wanted.includes(id));
    const added = wanted.filter((id) => !had.has(id));
    if (removed.length > 0) {
      await trx
        .deleteFrom('instrument_enablements')
        .where('org_unit_id', '=', orgUnitId)
        .where('template_id', 'in', removed)
        .execute();
    }
    if (added.length > 0) {
      await trx
        .insertInto('instrument_enablements')
        .values(
          added.map((id) => ({
            org_unit_id: orgUnitId,
            template_id: id,
            enabled_at: ctx.now.toISOString(),
            enabled_by: ctx.actor.userId,
          })),
        )
        .execute();
    }
    await audit(trx, ctx, {
      action: 'org_unit.instruments',
      entityType: 'org_unit',
      entityId: orgUnitId,
      details: { added, removed },
    });
  });
  return { orgUnitId, templateIds: wanted.sort() };
}

/** The instruments offered in an org unit (what a case of that unit can be assessed with). */
export async function instrumentsOfOrgUnit(db: Executor, orgUnitId: string) {
  return db
    .selectFrom('instrument_enablements as e')
    .innerJoin('instrument_templates as t', 't.id', 'e.template_id')
    .innerJoin('instrument_template_versions as v', (join) =>
      join.onRef('v.template_id', '=', 't.id').onRef('v.version', '=', 't.current_version'),
    )
    .select(['t.id', 't.key', 't.current_version', 'v.id as version_id', 'v.definition'])
    .where('e.org_unit_id', '=', orgUnitId)
    .orderBy('t.key')
    .execute();
}

/** Offers the named instruments in an org unit (demo set-up and new units; no audit of its own). */
export async function enableInstruments(
  trx: Executor,
  organisationId: string,
  orgUnitId: string,
  keys: readonly string[],
  now: Date,
): Promise<void> {
  const templates = await trx
    .selectFrom('instrument_templates')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('key', 'in', [...keys])
    .execute();
  if (templates.length === 0) return;
  await trx
    .insertInto('instrument_enablements')
    .values(
      templates.map((t) => ({
        org_unit_id: orgUnitId,
        template_id: t.id,
        enabled_at: now.toISOString(),
        enabled_by: null,
      })),
    )
    .onConflict((oc) => oc.columns(['org_unit_id', 'template_id']).doNothing())
    .execute();
}
