import { sql } from 'kysely';
import { audit, inTransaction } from '../../core/audit.js';
import { localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldMessage, Problem, type FieldError } from '../../core/errors.js';
import { authorize } from '../../core/policy.js';
import { annualSections } from './annual.js';
import {
  buildTable,
  checkPeriod,
  defaultPeriod,
  MAX_PERIOD_YEARS,
  PRESETS,
  type Period,
  type Preset,
  type Report,
  type ReportSection,
  type Texts,
} from './domain.js';
import { mayRun, statisticsPolicy } from './policy.js';
import type { Q, Scope } from './queries.js';
import { steeringSections } from './steering.js';
import { teamSections } from './team.js';
import { TEXTS } from './texts.js';

/**
 * Statistics (issue 8; BRIEF 7). Every figure is aggregated in the database with GROUP BY over the indexes of
 * the period (cases by opening and closing day, referrals, gap reports and evaluations by organisation and
 * day); no case is loaded into memory, only grouped counts. A report is computed inside one transaction —
 * REPEATABLE READ and read-only on PostgreSQL, one read snapshot on SQLite (WAL) — so its tables agree with
 * each other while cases change.
 */

export interface ReportQuery {
  from?: string;
  to?: string;
  /** Comma-separated ids. */
  orgUnitIds?: string;
  organisationIds?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parameterError(
  parameter: string,
  code: string,
  ctx: RequestContext,
  params?: Record<string, unknown>,
): FieldError {
  return {
    parameter,
    code,
    message: fieldMessage(code, ctx.locale, params),
    ...(params ? { params } : {}),
  };
}

function invalid(
  parameter: string,
  code: string,
  ctx: RequestContext,
  params?: Record<string, unknown>,
): Problem {
  return new Problem('validation', { errors: [parameterError(parameter, code, ctx, params)] });
}

/** "a,b" → ids; an empty list is "not given". Every entry must be a UUID. */
function idList(value: string | undefined, parameter: string, ctx: RequestContext): string[] | null {
  if (value === undefined) return null;
  const ids = [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
  if (ids.length === 0) return null;
  if (ids.some((v) => !UUID.test(v))) throw invalid(parameter, 'format', ctx, { format: 'uuid' });
  return ids.map((v) => v.toLowerCase());
}

export function reportPeriod(preset: Preset, query: ReportQuery, ctx: RequestContext): Period {
  // Without an end: today (or the start, if it lies ahead); without a start: the preset's usual period up to
  // the end (the calendar year, or the month, so far).
  const today = localDate(ctx.now);
  const to = query.to ?? (query.from && query.from > today ? query.from : today);
  const from = query.from ?? defaultPeriod(preset, to).from;
  const period = { from, to };
  const error = checkPeriod(period);
  if (error) {
    throw invalid(
      error.parameter,
      error.code,
      ctx,
      error.code === 'period-too-long' ? { limit: MAX_PERIOD_YEARS } : undefined,
    );
  }
  return period;
}

// -------------------------------------------------------------------------------------------------- scope

/**
 * Which organisations and org units the report covers, checked against what the actor may see: other
 * organisations' units are refused naming `orgUnitIds`, organisations outside the scope naming
 * `organisationIds`; a team lead asking for an org unit of the own organisation that is not theirs is refused
 * (403).
 */
async function resolveScope(
  db: Executor,
  ctx: RequestContext,
  preset: Preset,
  query: ReportQuery,
): Promise<Scope> {
  const own = await db
    .selectFrom('organisations')
    .select([
      'id',
      'name',
      'coordination_office',
      'stats_min_count',
      'caseload_warn_per_fte',
      'caseload_max_per_fte',
    ])
    .where('id', '=', ctx.actor.organisationId)
    .executeTakeFirstOrThrow();
  const across = statisticsPolicy.acrossOrganisations(ctx.actor, {
    preset,
    coordinationOffice: Boolean(own.coordination_office),
  });
  const candidates = across
    ? await db
        .selectFrom('organisations')
        .select(['id', 'name', 'stats_min_count'])
        .where((eb) => eb.or([eb('shares_aggregates', '=', true), eb('id', '=', own.id)]))
        .orderBy('name')
        .orderBy('id')
        .execute()
    : [{ id: own.id, name: own.name, stats_min_count: own.stats_min_count }];

  const wantedOrganisations = idList(query.organisationIds, 'organisationIds', ctx);
  if (wantedOrganisations && wantedOrganisations.some((w) => !candidates.some((c) => c.id === w))) {
    throw invalid('organisationIds', 'not-in-list', ctx);
  }
  const organisations = wantedOrganisations
    ? candidates.filter((c) => wantedOrganisations.includes(c.id))
    : candidates;

  const wantedUnits = idList(query.orgUnitIds, 'orgUnitIds', ctx);
  const whole = statisticsPolicy.wholeOrganisation(ctx.actor, preset);
  let orgUnits: Scope['orgUnits'] = null;
  if (wantedUnits || !whole) {
    // Org units belong to the own organisation; the steering view compares whole organisations.
    if (wantedUnits && preset === 'steering') throw invalid('orgUnitIds', 'not-allowed', ctx);
    const units = await db
      .selectFrom('org_units')
      .select(['id', 'name'])
      .where('organisation_id', '=', own.id)
      .orderBy('name')
      .orderBy('id')
      .execute();
    if (wantedUnits && wantedUnits.some((w) => !units.some((u) => u.id === w))) {
      throw invalid('orgUnitIds', 'not-in-list', ctx);
    }
    const allowed = whole ? units : units.filter((u) => ctx.actor.orgUnitIds.includes(u.id));
    if (wantedUnits && wantedUnits.some((w) => !allowed.some((u) => u.id === w))) {
      throw new Problem('forbidden', { errors: [parameterError('orgUnitIds', 'not-allowed', ctx)] });
    }
    orgUnits = wantedUnits ? allowed.filter((u) => wantedUnits.includes(u.id)) : allowed;
    if (orgUnits.length === 0) throw new Problem('forbidden');
  }
  return {
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    orgUnits,
    // Across organisations each one's threshold holds: the largest applies.
    threshold: Math.max(...organisations.map((o) => o.stats_min_count)),
    caseload: { warn: own.caseload_warn_per_fte, max: own.caseload_max_per_fte },
  };
}

// ----------------------------------------------------------------------------------------- use cases

export function listPresets(ctx: RequestContext): {
  items: { key: Preset; title: string; allowed: boolean }[];
} {
  const t = TEXTS[ctx.locale];
  return { items: PRESETS.map((key) => ({ key, title: t.presets[key], allowed: mayRun(ctx.actor, key) })) };
}

/**
 * Computes a report: checks who may see it and which organisations and org units it covers, then runs the
 * grouped queries inside one read-only transaction and anonymises every table (see domain.ts).
 */
export async function buildReport(
  deps: Pick<AppDeps, 'db' | 'dialect'>,
  ctx: RequestContext,
  preset: Preset,
  query: ReportQuery,
): Promise<Report> {
  authorize(ctx.actor, statisticsPolicy[preset], undefined);
  const period = reportPeriod(preset, query, ctx);
  const today = localDate(ctx.now);
  const t = TEXTS[ctx.locale];
  const run = async (db: Executor): Promise<Report> => {
    const scope = await resolveScope(db, ctx, preset, query);
    const q: Q = {
      db,
      dialect: deps.dialect,
      period,
      // Within the period: its end, or today while it runs.
      refDay: period.to < today ? period.to : today < period.from ? period.from : today,
      today,
      orgIds: scope.organisations.map((o) => o.id),
      unitIds: scope.orgUnits?.map((u) => u.id) ?? null,
      t,
      scope,
    };
    const raw =
      preset === 'annual'
        ? await annualSections(q)
        : preset === 'team_monthly'
          ? await teamSections(q)
          : await steeringSections(q);
    const texts: Texts = {
      locale: ctx.locale,
      hidden: t.hidden,
      hiddenNote: t.hiddenNote(scope.threshold),
      none: t.none,
    };
    const sections: ReportSection[] = raw.map((s) => ({
      key: s.key,
      title: t.sections[s.key],
      tables: s.tables.map((spec) => buildTable(spec, scope.threshold, texts)),
    }));
    return {
      preset,
      title: t.presets[preset],
      period,
      generatedAt: ctx.now.toISOString(),
      threshold: scope.threshold,
      scope: { organisations: scope.organisations, orgUnits: scope.orgUnits ?? [] },
      sections,
    };
  };
  // One snapshot for the whole report (REPEATABLE READ, read-only, on PostgreSQL; SQLite's transaction reads
  // one snapshot of the WAL anyway).
  if (deps.dialect === 'sqlite') return inTransaction(deps.db, run);
  return deps.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      await planWithValues(trx);
      return run(trx);
    });
}

/**
 * For the rest of a report's transaction on PostgreSQL:
 * - its queries are planned for their values: the period and the scope decide which index pays, where the
 *   app's connections otherwise keep one generic plan per statement (db/database.ts);
 * - not compiled (JIT), which takes longer than running them (1.8 s against 0.1 s for the closed cases over
 *   100,000 cases);
 * - and planned as for data read from memory or SSD (`random_page_cost` 1.1 instead of the default 4, which
 *   assumes spinning disks). With the default, an organisation's report at city scale read `clients`,
 *   `goal_reviews` and `case_evaluations` of the whole installation with sequential scans rather than looking
 *   up its own rows: a report that grew with the installation (169 against 116 ms; docs/performance.md, fifth
 *   round).
 */
async function planWithValues(trx: Executor): Promise<void> {
  await sql`select set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', true),
    set_config('random_page_cost', '1.1', true)`.execute(trx);
}

// ------------------------------------------------------------------------------------------- settings

export interface StatisticsSettings {
  minCount: number;
  version: number;
}

async function settingsOf(db: Executor, organisationId: string): Promise<StatisticsSettings> {
  const row = await db
    .selectFrom('organisations')
    .select(['stats_min_count', 'version'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return { minCount: row.stats_min_count, version: row.version };
}

export async function getStatisticsSettings(deps: AppDeps, ctx: RequestContext): Promise<StatisticsSettings> {
  authorize(ctx.actor, statisticsPolicy.settings, undefined);
  return settingsOf(deps.db, ctx.actor.organisationId);
}

/** The organisation's threshold for small numbers (never below 3; the schema refuses less naming `minCount`). */
export async function updateStatisticsSettings(
  deps: AppDeps,
  ctx: RequestContext,
  input: StatisticsSettings,
): Promise<StatisticsSettings> {
  authorize(ctx.actor, statisticsPolicy.settings, undefined);
  const organisationId = ctx.actor.organisationId;
  return inTransaction(deps.db, async (trx) => {
    const before = await settingsOf(trx, organisationId);
    if (before.version !== input.version)
      throw new Problem('version-conflict', { extra: { current: before } });
    await trx
      .updateTable('organisations')
      .set({
        stats_min_count: input.minCount,
        updated_at: ctx.now.toISOString(),
        version: before.version + 1,
      })
      .where('id', '=', organisationId)
      .where('version', '=', input.version)
      .execute();
    await audit(trx, ctx, {
      action: 'organisation.statistics_settings',
      entityType: 'organisation',
      entityId: organisationId,
      details: { minCount: input.minCount, previous: before.minCount },
    });
    return settingsOf(trx, organisationId);
  });
}
