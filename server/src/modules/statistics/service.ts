import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { audit } from '../../core/audit.js';
import { localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import type { DialectName } from '../../db/database.js';
import { fieldMessage, Problem, type FieldError } from '../../core/errors.js';
import { authorize } from '../../core/policy.js';
import {
  ACCESS_ROUTES,
  CLOSURE_REASONS,
  PHASES,
  type AccessRoute,
  type CaseKind,
  type ClosureReason,
} from '../cases/domain.js';
import { GENDERS, LEGAL_DOMAINS, RESIDENCE_STATUSES } from '../clients/domain.js';
import { FIELDS_OF_ACTION } from '../gaps/fields.js';
import { SHIPPED_PARTNER_TYPES } from '../partners/domain.js';
import { ATTAINMENTS } from '../plan/domain.js';
import { REFERRAL_STATUSES } from '../referrals/domain.js';
import {
  AGE_BANDS,
  ageBand,
  average,
  buildTable,
  checkPeriod,
  defaultPeriod,
  DESTINATIONS,
  DROP_OUT_REASONS,
  INTEGRATED,
  MAX_PERIOD_YEARS,
  plusDays,
  PRESETS,
  RETAINED,
  SATISFACTION_DIMENSIONS,
  share,
  topKeys,
  type CellInput,
  type Period,
  type Preset,
  type Report,
  type ReportSection,
  type RowInput,
  type TableSpec,
  type Texts,
} from './domain.js';
import { mayRun, statisticsPolicy } from './policy.js';
import { TEXTS, type StatisticsTexts } from './texts.js';

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
  const today = localDate(ctx.now);
  const fallback = defaultPeriod(preset, today);
  const to = query.to ?? (query.from && query.from > fallback.to ? query.from : fallback.to);
  const from = query.from ?? (to < fallback.from ? `${to.slice(0, 4)}-01-01` : fallback.from);
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

interface Scope {
  organisations: { id: string; name: string }[];
  /** null: the whole organisations. */
  orgUnits: { id: string; name: string }[] | null;
  threshold: number;
  /** The own organisation's caseload thresholds per full-time post. */
  caseload: { warn: number; max: number };
}

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

// --------------------------------------------------------------------------------------- query helpers

interface Q {
  db: Executor;
  dialect: DialectName;
  period: Period;
  /** The reference day for "running" and "next 30 days": the end of the period, or today if earlier. */
  refDay: string;
  today: string;
  orgIds: string[];
  unitIds: string[] | null;
  t: StatisticsTexts;
  scope: Scope;
}

/**
 * The cases of the report's scope, as a condition on the table alias `cases`. Raw SQL because one condition
 * serves queries of different shapes (cases alone, joined with clients, evaluations, referrals …); the ids are
 * bound parameters.
 */
function casesInScope(q: Q): RawBuilder<SqlBool> {
  const orgs = sql`cases.organisation_id in (${sql.join(q.orgIds)})`;
  return q.unitIds
    ? sql<SqlBool>`(${orgs} and cases.org_unit_id in (${sql.join(q.unitIds)}))`
    : sql<SqlBool>`${orgs}`;
}

/** Cases served in the period: opened before its end and not closed before its start. */
function servedInPeriod(q: Q): RawBuilder<SqlBool> {
  return sql<SqlBool>`(cases.opened_on <= ${q.period.to} and (cases.closed_on is null or cases.closed_on >= ${q.period.from}))`;
}

function closedInPeriod(q: Q): RawBuilder<SqlBool> {
  return sql<SqlBool>`(cases.closed_on >= ${q.period.from} and cases.closed_on <= ${q.period.to})`;
}

function runningOn(day: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(cases.opened_on <= ${day} and (cases.closed_on is null or cases.closed_on > ${day}))`;
}

function countIf(condition: Expression<SqlBool>): RawBuilder<number> {
  return sql<number>`sum(case when ${condition} then 1 else 0 end)`;
}

/**
 * Days between two dates. The dialects differ (SQLite has julianday(), PostgreSQL subtracts dates), so this
 * is raw SQL per dialect.
 */
function daysBetweenDates(
  dialect: DialectName,
  from: RawBuilder<unknown>,
  to: RawBuilder<unknown>,
): RawBuilder<number> {
  return dialect === 'postgresql'
    ? sql<number>`(cast(${to} as date) - cast(${from} as date))`
    : sql<number>`(julianday(${to}) - julianday(${from}))`;
}

/** Days between two timestamps (fractional), per dialect as above. */
function daysBetweenTimestamps(
  dialect: DialectName,
  from: RawBuilder<unknown>,
  to: RawBuilder<unknown>,
): RawBuilder<number> {
  return dialect === 'postgresql'
    ? sql<number>`(extract(epoch from (cast(${to} as timestamptz) - cast(${from} as timestamptz))) / 86400.0)`
    : sql<number>`(julianday(${to}) - julianday(${from}))`;
}

/** A date `days` before a date column, per dialect. */
function daysBefore(dialect: DialectName, date: RawBuilder<unknown>, days: number): RawBuilder<string> {
  return dialect === 'postgresql'
    ? sql<string>`(cast(${date} as date) - ${sql.lit(days)})`
    : sql<string>`date(${date}, ${sql.lit(`-${days} days`)})`;
}

/** One value of the satisfaction JSON, per dialect (jsonb on PostgreSQL, text with JSON1 on SQLite). */
function satisfactionValue(dialect: DialectName, dimension: string): RawBuilder<number | null> {
  return dialect === 'postgresql'
    ? sql<number | null>`cast(case_evaluations.satisfaction ->> ${sql.lit(dimension)} as numeric)`
    : sql<number | null>`json_extract(case_evaluations.satisfaction, ${sql.lit(`$.${dimension}`)})`;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Rows for a list of codes (in the list's order), plus "not given" when there are such cases. */
function codeRows<K extends string>(
  codes: readonly K[],
  labels: Record<K, string>,
  cells: (key: K | null) => Record<string, CellInput>,
  notGiven: { label: string; present: boolean } | null,
): RowInput[] {
  const rows: RowInput[] = codes.map((code) => ({ key: code, label: labels[code], cells: cells(code) }));
  if (notGiven?.present) rows.push({ key: 'not_given', label: notGiven.label, cells: cells(null) });
  return rows;
}

// ----------------------------------------------------------------------------------------- annual report

type RawSection = { key: keyof StatisticsTexts['sections']; tables: TableSpec[] };

const KIND_ORDER: readonly CaseKind[] = ['case_management', 'counselling', 'information'];

function kindColumns(t: StatisticsTexts) {
  return KIND_ORDER.map((k) => ({ key: k, label: t.kind[k], type: 'count' as const }));
}

async function caseFlow(q: Q): Promise<TableSpec> {
  const rows = await q.db
    .selectFrom('cases')
    .where(casesInScope(q))
    .where(servedInPeriod(q))
    .select((eb) => [
      'cases.kind',
      countIf(sql<SqlBool>`cases.opened_on >= ${q.period.from}`).as('new'),
      countIf(runningOn(q.period.to)).as('running'),
      countIf(sql<SqlBool>`cases.closed_on <= ${q.period.to}`).as('closed'),
      eb.fn.countAll<number>().as('served'),
    ])
    .groupBy('cases.kind')
    .execute();
  const { t } = q;
  return {
    key: 'caseFlow',
    title: t.tables.caseFlow,
    chart: 'bar',
    rowLabel: t.columns.kind,
    columns: (['new', 'running', 'closed', 'served'] as const).map((k) => ({
      key: k,
      label: t.columns[k],
      type: 'count' as const,
    })),
    rows: KIND_ORDER.map((kind) => {
      const r = rows.find((x) => x.kind === kind);
      return {
        key: kind,
        label: t.kind[kind],
        cells: { new: num(r?.new), running: num(r?.running), closed: num(r?.closed), served: num(r?.served) },
      };
    }),
    total: { label: t.total },
    note: t.notes.served,
  };
}

/** Served cases by one dimension and kind; `keyOf` turns the grouped value into the row key. */
async function servedBy(
  q: Q,
  dimension: RawBuilder<unknown>,
  withClients: boolean,
): Promise<{ kind: string; key: string | null; n: number }[]> {
  const base = q.db.selectFrom('cases');
  const joined = withClients ? base.innerJoin('clients', 'clients.id', 'cases.client_id') : base;
  const rows = await joined
    .where(casesInScope(q))
    .where(servedInPeriod(q))
    .select((eb) => ['cases.kind', dimension.as('key'), eb.fn.countAll<number>().as('n')])
    .groupBy(['cases.kind', dimension])
    .execute();
  return rows.map((r) => ({ kind: r.kind, key: r.key === null ? null : String(r.key), n: num(r.n) }));
}

function byKindTable(
  q: Q,
  key: keyof StatisticsTexts['tables'],
  rowLabel: string,
  rows: RowInput[],
  note: string | null = null,
): TableSpec {
  const { t } = q;
  return {
    key,
    title: t.tables[key],
    chart: 'stacked',
    rowLabel,
    columns: kindColumns(t),
    totalColumn: { key: 'total', label: t.total, of: [...KIND_ORDER] },
    rows,
    total: { label: t.total },
    note: note ?? t.notes.served,
  };
}

function kindCells(data: { kind: string; key: string | null; n: number }[], key: string | null) {
  const cells: Record<string, CellInput> = {};
  for (const kind of KIND_ORDER) {
    cells[kind] = data.filter((d) => d.kind === kind && d.key === key).reduce((s, d) => s + d.n, 0);
  }
  return cells;
}

async function demographics(q: Q): Promise<TableSpec[]> {
  const { t } = q;
  // The age in years at the opening: birth years only (dates may be unknown or anonymised).
  const age = sql`(cast(substr(cast(cases.opened_on as text), 1, 4) as integer) - clients.birth_year)`;
  const [ages, genders, statuses, countries, domains, districts, routes] = await Promise.all([
    servedBy(q, age, true),
    servedBy(q, sql`clients.gender`, true),
    servedBy(q, sql`clients.residence_status`, true),
    servedBy(q, sql`clients.country_of_origin`, true),
    servedBy(q, sql`clients.legal_domain`, true),
    servedBy(q, sql`clients.district_id`, true),
    servedBy(q, sql`cases.access_route`, false),
  ]);
  const has = (data: { key: string | null }[], known: readonly string[]) =>
    data.some((d) => d.key === null || !known.includes(d.key));

  // Age bands from the grouped ages.
  const banded = ages.map((a) => ({ ...a, key: ageBand(a.key === null ? null : Number(a.key)) as string }));
  const ageRows = AGE_BANDS.filter((b) => b !== 'unknown' || banded.some((a) => a.key === 'unknown')).map(
    (band) => ({ key: band, label: t.ageBand[band], cells: kindCells(banded, band) }),
  );

  // Unknown codes (e.g. a status retired since) count as "not given" rather than disappearing.
  const normalise = <K extends string>(data: typeof genders, known: readonly K[]) =>
    data.map((d) => ({ ...d, key: d.key !== null && known.includes(d.key as K) ? d.key : null }));

  const genderData = normalise(genders, GENDERS);
  const statusData = normalise(statuses, RESIDENCE_STATUSES);
  const domainData = normalise(domains, LEGAL_DOMAINS);
  const routeData = normalise(routes, ACCESS_ROUTES);

  // Countries: the ten most frequent, the others as one row.
  const countryTotals = new Map<string | null, number>();
  for (const c of countries) countryTotals.set(c.key, (countryTotals.get(c.key) ?? 0) + c.n);
  const { top, rest } = topKeys(countryTotals, 10);
  const regionNames = new Intl.DisplayNames([t === TEXTS.de ? 'de' : 'en'], { type: 'region' });
  const countryRows: RowInput[] = top.map((code) => ({
    key: code,
    label: regionNames.of(code) ?? code,
    cells: kindCells(countries, code),
  }));
  if (rest.length > 0) {
    const restData = countries
      .filter((c) => c.key !== null && rest.includes(c.key))
      .map((c) => ({ ...c, key: 'other' }));
    countryRows.push({ key: 'other', label: t.other, cells: kindCells(restData, 'other') });
  }
  if (countries.some((c) => c.key === null)) {
    countryRows.push({ key: 'not_given', label: t.notGiven, cells: kindCells(countries, null) });
  }

  // Districts by the organisation's names.
  const districtIds = [...new Set(districts.map((d) => d.key).filter((k): k is string => k !== null))];
  const names =
    districtIds.length === 0
      ? []
      : await q.db.selectFrom('districts').select(['id', 'name']).where('id', 'in', districtIds).execute();
  const districtRows: RowInput[] = names
    .sort((a, b) => a.name.localeCompare(b.name, 'de') || a.id.localeCompare(b.id))
    .map((d) => ({ key: d.id, label: d.name, cells: kindCells(districts, d.id) }));
  if (districts.some((d) => d.key === null)) {
    districtRows.push({ key: 'not_given', label: t.notGiven, cells: kindCells(districts, null) });
  }

  return [
    byKindTable(q, 'ageBand', t.columns.ageBand, ageRows),
    byKindTable(
      q,
      'gender',
      t.columns.gender,
      codeRows(GENDERS, t.gender, (k) => kindCells(genderData, k), {
        label: t.notGiven,
        present: has(genders, GENDERS),
      }),
    ),
    byKindTable(
      q,
      'residenceStatus',
      t.columns.residenceStatus,
      codeRows(RESIDENCE_STATUSES, t.residenceStatus, (k) => kindCells(statusData, k), {
        label: t.notGiven,
        present: has(statuses, RESIDENCE_STATUSES),
      }),
    ),
    byKindTable(q, 'country', t.columns.country, countryRows, `${t.notes.country} ${t.notes.served}`),
    byKindTable(
      q,
      'legalDomain',
      t.columns.legalDomain,
      codeRows(LEGAL_DOMAINS, t.legalDomain, (k) => kindCells(domainData, k), {
        label: t.notGiven,
        present: has(domains, LEGAL_DOMAINS),
      }),
    ),
    byKindTable(q, 'district', t.columns.district, districtRows),
    byKindTable(
      q,
      'accessRoute',
      t.columns.accessRoute,
      codeRows(ACCESS_ROUTES as readonly AccessRoute[], t.accessRoute, (k) => kindCells(routeData, k), {
        label: t.notGiven,
        present: has(routes, ACCESS_ROUTES),
      }),
    ),
  ];
}

async function closures(q: Q): Promise<TableSpec[]> {
  const { t } = q;
  const duration = daysBetweenDates(q.dialect, sql`cases.opened_on`, sql`cases.closed_on`);
  const [byReason, endedBy, durations, phases] = await Promise.all([
    q.db
      .selectFrom('cases')
      .where(casesInScope(q))
      .where(closedInPeriod(q))
      .select((eb) => ['cases.closure_reason', 'cases.kind', eb.fn.countAll<number>().as('n')])
      .groupBy(['cases.closure_reason', 'cases.kind'])
      .execute(),
    q.db
      .selectFrom('cases')
      .innerJoin('case_evaluations', 'case_evaluations.case_id', 'cases.id')
      .where(casesInScope(q))
      .where(closedInPeriod(q))
      .select((eb) => ['case_evaluations.ended_by', eb.fn.countAll<number>().as('n')])
      .groupBy('case_evaluations.ended_by')
      .execute(),
    q.db
      .selectFrom('cases')
      .where(casesInScope(q))
      .where(closedInPeriod(q))
      .select((eb) => [
        'cases.kind',
        eb.fn.countAll<number>().as('n'),
        sql<number>`avg(${duration})`.as('days'),
      ])
      .groupBy('cases.kind')
      .execute(),
    phaseDurations(q),
  ]);
  const reasonData = byReason.map((r) => ({
    kind: r.kind,
    key:
      r.closure_reason !== null && (CLOSURE_REASONS as readonly string[]).includes(r.closure_reason)
        ? r.closure_reason
        : null,
    n: num(r.n),
  }));
  const endedKeys = ['case_manager', 'client', 'both'] as const;
  const endedCount = (k: string | null) =>
    endedBy
      .filter((e) =>
        k === null ? !endedKeys.includes(e.ended_by as (typeof endedKeys)[number]) : e.ended_by === k,
      )
      .reduce((s, e) => s + num(e.n), 0);
  const endedTotal = endedBy.reduce((s, e) => s + num(e.n), 0);

  const durationTotal = durations.reduce((s, d) => s + num(d.n), 0);
  const durationSum = durations.reduce((s, d) => s + num(d.n) * num(d.days), 0);
  return [
    byKindTable(
      q,
      'closureReasons',
      t.columns.reason,
      codeRows(
        CLOSURE_REASONS as readonly ClosureReason[],
        t.closureReason,
        (k) => kindCells(reasonData, k),
        {
          label: t.notGiven,
          present: reasonData.some((r) => r.key === null),
        },
      ),
      null,
    ),
    {
      key: 'endedBy',
      title: t.tables.endedBy,
      chart: 'bar',
      rowLabel: t.columns.endedBy,
      columns: [
        { key: 'cases', label: t.columns.cases, type: 'count' },
        { key: 'share', label: t.columns.share, type: 'measure', format: 'percent', dependsOn: ['cases'] },
      ],
      rows: codeRows(
        endedKeys,
        t.endedBy,
        (k) => ({ cases: endedCount(k), share: share(endedCount(k), endedTotal) }),
        { label: t.notGiven, present: endedCount(null) > 0 },
      ),
      total: { label: t.total, cells: { share: share(endedTotal, endedTotal) } },
      note: null,
    },
    {
      key: 'caseDuration',
      title: t.tables.caseDuration,
      chart: 'bar',
      rowLabel: t.columns.kind,
      columns: [
        { key: 'cases', label: t.columns.closed, type: 'count' },
        {
          key: 'averageDays',
          label: t.columns.averageDays,
          type: 'measure',
          format: 'decimal',
          dependsOn: ['cases'],
        },
      ],
      rows: KIND_ORDER.map((kind) => {
        const d = durations.find((x) => x.kind === kind);
        return {
          key: kind,
          label: t.kind[kind],
          cells: { cases: num(d?.n), averageDays: average(numOrNull(d?.days), num(d?.n)) },
        };
      }),
      total: {
        label: t.total,
        cells: {
          averageDays: average(durationTotal > 0 ? durationSum / durationTotal : null, durationTotal),
        },
      },
      note: t.notes.caseDuration,
    },
    phases,
  ];
}

/**
 * How long case-management cases stay in each phase: for every phase change, the time until the next change
 * of the same case (a window function, LEAD, in both dialects), for the stays that ended in the period.
 */
async function phaseDurations(q: Q): Promise<TableSpec> {
  const { t } = q;
  const start = `${q.period.from}T00:00:00.000Z`;
  const end = `${plusDays(q.period.to, 1)}T00:00:00.000Z`;
  const stays = q.db
    .selectFrom('case_phase_changes')
    .innerJoin('cases', 'cases.id', 'case_phase_changes.case_id')
    .where(casesInScope(q))
    .where('cases.kind', '=', 'case_management')
    .where('cases.opened_on', '<=', q.period.to)
    .where((eb) => eb.or([eb('cases.closed_on', 'is', null), eb('cases.closed_on', '>=', q.period.from)]))
    .where('case_phase_changes.changed_at', '<', end)
    .select([
      'case_phase_changes.to_phase as phase',
      'case_phase_changes.changed_at as entered_at',
      sql<
        string | null
      >`lead(case_phase_changes.changed_at) over (partition by case_phase_changes.case_id order by case_phase_changes.changed_at, case_phase_changes.id)`.as(
        'left_at',
      ),
    ]);
  const rows = await q.db
    .selectFrom(stays.as('s'))
    .where('s.phase', '!=', 'closed')
    .where('s.left_at', '>=', start)
    .where('s.left_at', '<', end)
    .select((eb) => [
      's.phase',
      eb.fn.countAll<number>().as('n'),
      sql<number>`avg(${daysBetweenTimestamps(q.dialect, sql`s.entered_at`, sql`s.left_at`)})`.as('days'),
    ])
    .groupBy('s.phase')
    .execute();
  const phases = PHASES.filter((p) => p !== 'closed');
  return {
    key: 'phaseDurations',
    title: t.tables.phaseDurations,
    chart: 'bar',
    rowLabel: t.columns.phase,
    columns: [
      { key: 'passages', label: t.columns.passages, type: 'count', additive: false },
      {
        key: 'averageDays',
        label: t.columns.averageDays,
        type: 'measure',
        format: 'decimal',
        dependsOn: ['passages'],
      },
    ],
    rows: phases.map((phase) => {
      const r = rows.find((x) => x.phase === phase);
      return {
        key: phase,
        label: t.phase[phase],
        cells: { passages: num(r?.n), averageDays: average(numOrNull(r?.days), num(r?.n)) },
      };
    }),
    note: t.notes.phaseDurations,
  };
}

async function results(q: Q): Promise<TableSpec[]> {
  const { t } = q;
  const [finals, reviews, satisfaction, life] = await Promise.all([
    q.db
      .selectFrom('case_evaluation_goals')
      .innerJoin('case_evaluations', 'case_evaluations.id', 'case_evaluation_goals.evaluation_id')
      .innerJoin('cases', 'cases.id', 'case_evaluations.case_id')
      .where(casesInScope(q))
      .where(closedInPeriod(q))
      .select((eb) => ['case_evaluation_goals.attainment', eb.fn.countAll<number>().as('n')])
      .groupBy('case_evaluation_goals.attainment')
      .execute(),
    q.db
      .selectFrom('goal_reviews')
      .innerJoin('plans', 'plans.id', 'goal_reviews.plan_id')
      .innerJoin('cases', 'cases.id', 'plans.case_id')
      .where(casesInScope(q))
      .where('goal_reviews.reviewed_on', '>=', q.period.from)
      .where('goal_reviews.reviewed_on', '<=', q.period.to)
      .select((eb) => ['goal_reviews.attainment', eb.fn.countAll<number>().as('n')])
      .groupBy('goal_reviews.attainment')
      .execute(),
    q.db
      .selectFrom('case_evaluations')
      .innerJoin('cases', 'cases.id', 'case_evaluations.case_id')
      .where(casesInScope(q))
      .where(closedInPeriod(q))
      .select(
        SATISFACTION_DIMENSIONS.flatMap((d) => [
          sql<number | null>`avg(${satisfactionValue(q.dialect, d)})`.as(`avg_${d}`),
          sql<number>`count(${satisfactionValue(q.dialect, d)})`.as(`n_${d}`),
        ]),
      )
      .executeTakeFirst(),
    q.db
      .selectFrom('case_evaluations')
      .innerJoin('cases', 'cases.id', 'case_evaluations.case_id')
      .where(casesInScope(q))
      .where(closedInPeriod(q))
      .select((eb) => ['case_evaluations.life_situation', eb.fn.countAll<number>().as('n')])
      .groupBy('case_evaluations.life_situation')
      .execute(),
  ]);
  const attainments = ATTAINMENTS;
  const count = (data: { attainment: string; n: unknown }[], k: string) =>
    num(data.find((d) => d.attainment === k)?.n);
  const finalTotal = attainments.reduce((s, k) => s + count(finals, k), 0);
  const reviewTotal = attainments.reduce((s, k) => s + count(reviews, k), 0);
  const sat = (satisfaction ?? {}) as Record<string, unknown>;
  const lifeKeys = ['yes', 'partly', 'no'] as const;
  const lifeCount = (k: string | null) =>
    life
      .filter((l) =>
        k === null
          ? !lifeKeys.includes(l.life_situation as (typeof lifeKeys)[number])
          : l.life_situation === k,
      )
      .reduce((s, l) => s + num(l.n), 0);
  const lifeTotal = life.reduce((s, l) => s + num(l.n), 0);
  return [
    {
      key: 'goalAttainment',
      title: t.tables.goalAttainment,
      chart: 'stacked',
      rowLabel: t.columns.attainment,
      columns: [
        { key: 'final', label: t.columns.finalGoals, type: 'count' },
        {
          key: 'finalShare',
          label: t.columns.finalShare,
          type: 'measure',
          format: 'percent',
          dependsOn: ['final'],
        },
        { key: 'reviews', label: t.columns.reviews, type: 'count' },
        {
          key: 'reviewShare',
          label: t.columns.reviewShare,
          type: 'measure',
          format: 'percent',
          dependsOn: ['reviews'],
        },
      ],
      rows: attainments.map((k) => ({
        key: k,
        label: t.attainment[k],
        cells: {
          final: count(finals, k),
          finalShare: share(count(finals, k), finalTotal),
          reviews: count(reviews, k),
          reviewShare: share(count(reviews, k), reviewTotal),
        },
      })),
      total: {
        label: t.total,
        cells: { finalShare: share(finalTotal, finalTotal), reviewShare: share(reviewTotal, reviewTotal) },
      },
      note: t.notes.goalAttainment,
    },
    {
      key: 'satisfaction',
      title: t.tables.satisfaction,
      chart: 'bar',
      rowLabel: t.columns.dimension,
      columns: [
        {
          key: 'average',
          label: t.columns.average,
          type: 'measure',
          format: 'decimal',
          dependsOn: ['answers'],
        },
        { key: 'answers', label: t.columns.answers, type: 'count', additive: false },
      ],
      rows: SATISFACTION_DIMENSIONS.map((d) => ({
        key: d,
        label: t.satisfaction[d],
        cells: {
          average: average(numOrNull(sat[`avg_${d}`]), num(sat[`n_${d}`])),
          answers: num(sat[`n_${d}`]),
        },
      })),
      note: t.notes.satisfaction,
    },
    {
      key: 'lifeSituation',
      title: t.tables.lifeSituation,
      chart: 'bar',
      rowLabel: t.columns.lifeSituation,
      columns: [
        { key: 'cases', label: t.columns.cases, type: 'count' },
        { key: 'share', label: t.columns.share, type: 'measure', format: 'percent', dependsOn: ['cases'] },
      ],
      rows: codeRows(
        lifeKeys,
        t.lifeSituation,
        (k) => ({ cases: lifeCount(k), share: share(lifeCount(k), lifeTotal) }),
        {
          label: t.notGiven,
          present: lifeCount(null) > 0,
        },
      ),
      total: { label: t.total, cells: { share: share(lifeTotal, lifeTotal) } },
      note: null,
    },
  ];
}

async function partnerTypeLabels(q: Q, keys: string[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  for (const k of keys) {
    if ((SHIPPED_PARTNER_TYPES as readonly string[]).includes(k)) {
      labels.set(k, q.t.partnerType[k as (typeof SHIPPED_PARTNER_TYPES)[number]]);
    }
  }
  const custom = keys.filter((k) => !labels.has(k));
  if (custom.length > 0) {
    const rows = await q.db
      .selectFrom('partner_types')
      .select(['key', 'label', 'organisation_id'])
      .where('key', 'in', custom)
      .where((eb) => eb.or([eb('organisation_id', 'is', null), eb('organisation_id', 'in', q.orgIds)]))
      .execute();
    for (const r of rows) if (!labels.has(r.key)) labels.set(r.key, r.label);
  }
  for (const k of keys) if (!labels.has(k)) labels.set(k, k);
  return labels;
}

async function network(q: Q): Promise<TableSpec[]> {
  const { t } = q;
  const waiting = daysBetweenDates(q.dialect, sql`referrals.requested_on`, sql`referrals.started_on`);
  const referralsQuery = q.db
    .selectFrom('referrals')
    .innerJoin('cases', 'cases.id', 'referrals.case_id')
    .innerJoin('partners', 'partners.id', 'referrals.partner_id')
    .where('referrals.organisation_id', 'in', q.orgIds)
    .where(casesInScope(q))
    .where('referrals.requested_on', '>=', q.period.from)
    .where('referrals.requested_on', '<=', q.period.to)
    .select((eb) => [
      'partners.type',
      'referrals.status',
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('referrals.started_on').as('started'),
      sql<number | null>`sum(case when referrals.started_on is not null then ${waiting} end)`.as('waiting'),
    ])
    .groupBy(['partners.type', 'referrals.status']);
  const [referrals, gaps, gapTotal] = await Promise.all([
    referralsQuery.execute(),
    gapReportsByField(q),
    gapCaseTotal(q),
  ]);
  const types = [...new Set(referrals.map((r) => r.type))];
  const labels = await partnerTypeLabels(q, types);
  const typeOrder = types.sort((a, b) => (labels.get(a) ?? a).localeCompare(labels.get(b) ?? b, 'de'));
  const statusCount = (type: string, status: string) =>
    num(referrals.find((r) => r.type === type && r.status === status)?.n);
  const startedOf = (type: string | null) =>
    referrals.filter((r) => type === null || r.type === type).reduce((s, r) => s + num(r.started), 0);
  const waitingOf = (type: string | null) =>
    referrals.filter((r) => type === null || r.type === type).reduce((s, r) => s + num(r.waiting), 0);
  const allStarted = startedOf(null);

  // Cases are counted within each organisation (a case belongs to one), so the sums are distinct counts.
  const gapCount = (field: string) =>
    gaps.filter((g) => g.field === field).reduce((s, g) => s + g.reports, 0);
  const gapCases = (field: string) => gaps.filter((g) => g.field === field).reduce((s, g) => s + g.cases, 0);
  return [
    {
      key: 'referrals',
      title: t.tables.referrals,
      chart: 'stacked',
      rowLabel: t.columns.partnerType,
      columns: REFERRAL_STATUSES.map((s) => ({ key: s, label: t.referralStatus[s], type: 'count' as const })),
      totalColumn: { key: 'total', label: t.total, of: [...REFERRAL_STATUSES] },
      rows: typeOrder.map((type) => ({
        key: type,
        label: labels.get(type) ?? type,
        cells: Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, statusCount(type, s)])),
      })),
      total: { label: t.total },
      note: t.notes.referrals,
    },
    {
      key: 'waitingTimes',
      title: t.tables.waitingTimes,
      chart: 'bar',
      rowLabel: t.columns.partnerType,
      columns: [
        { key: 'started', label: t.columns.started, type: 'count' },
        {
          key: 'averageDays',
          label: t.columns.averageDays,
          type: 'measure',
          format: 'decimal',
          dependsOn: ['started'],
        },
      ],
      rows: typeOrder.map((type) => ({
        key: type,
        label: labels.get(type) ?? type,
        cells: {
          started: startedOf(type),
          averageDays: average(
            startedOf(type) > 0 ? waitingOf(type) / startedOf(type) : null,
            startedOf(type),
          ),
        },
      })),
      total: {
        label: t.total,
        cells: { averageDays: average(allStarted > 0 ? waitingOf(null) / allStarted : null, allStarted) },
      },
      note: t.notes.waitingTimes,
    },
    {
      key: 'gaps',
      title: t.tables.gaps,
      chart: 'bar',
      rowLabel: t.columns.field,
      columns: [
        { key: 'reports', label: t.columns.reports, type: 'count' },
        { key: 'cases', label: t.columns.gapCases, type: 'count', additive: false },
      ],
      rows: FIELDS_OF_ACTION.map((f) => ({
        key: f,
        label: t.field[f],
        cells: { reports: gapCount(f), cases: gapCases(f) },
      })),
      total: { label: t.total, cells: { cases: gapTotal } },
      note: t.notes.gaps,
    },
  ];
}

/** Gap reports of the period with the distinct cases behind them (within the org units, when chosen). */
function gapReportsQuery(q: Q) {
  const base = q.db
    .selectFrom('gap_reports')
    .where('gap_reports.organisation_id', 'in', q.orgIds)
    .where('gap_reports.reported_on', '>=', q.period.from)
    .where('gap_reports.reported_on', '<=', q.period.to);
  // Gap reports belong to the organisation; for org units, those with a case of the units behind them.
  return q.unitIds
    ? base
        .innerJoin('gap_report_cases', 'gap_report_cases.gap_report_id', 'gap_reports.id')
        .innerJoin('cases', 'cases.id', 'gap_report_cases.case_id')
        .where('cases.org_unit_id', 'in', q.unitIds)
    : base.leftJoin('gap_report_cases', 'gap_report_cases.gap_report_id', 'gap_reports.id');
}

async function gapReportsByField(
  q: Q,
): Promise<{ field: string; organisationId: string; reports: number; cases: number }[]> {
  const rows = await gapReportsQuery(q)
    .select((eb) => [
      'gap_reports.field',
      'gap_reports.organisation_id',
      eb.fn.count<number>('gap_reports.id').distinct().as('reports'),
      eb.fn.count<number>('gap_report_cases.case_id').distinct().as('cases'),
    ])
    .groupBy(['gap_reports.field', 'gap_reports.organisation_id'])
    .execute();
  return rows.map((r) => ({
    field: r.field,
    organisationId: r.organisation_id,
    reports: num(r.reports),
    cases: num(r.cases),
  }));
}

async function gapCaseTotal(q: Q): Promise<number> {
  const row = await gapReportsQuery(q)
    .select((eb) => eb.fn.count<number>('gap_report_cases.case_id').distinct().as('n'))
    .executeTakeFirst();
  return num(row?.n);
}

/** Full-time posts of the case managers per org unit; a person in several units counts in equal parts. */
async function postsByUnit(q: Q): Promise<Map<string, number>> {
  const people = await q.db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .innerJoin('user_org_units', 'user_org_units.user_id', 'users.id')
    .innerJoin('org_units', 'org_units.id', 'user_org_units.org_unit_id')
    .select(['users.id', 'users.fte_percent', 'user_org_units.org_unit_id'])
    .where('users.organisation_id', 'in', q.orgIds)
    .where('users.deactivated_at', 'is', null)
    .where('org_units.archived_at', 'is', null)
    .where('user_roles.role', '=', 'case_manager')
    .execute();
  const unitsOf = new Map<string, string[]>();
  const fte = new Map<string, number>();
  for (const p of people) {
    unitsOf.set(p.id, [...(unitsOf.get(p.id) ?? []), p.org_unit_id]);
    fte.set(p.id, p.fte_percent);
  }
  const posts = new Map<string, number>();
  for (const [user, units] of unitsOf) {
    for (const unit of units) {
      posts.set(unit, (posts.get(unit) ?? 0) + (fte.get(user) ?? 0) / 100 / units.length);
    }
  }
  return posts;
}

async function unitNames(q: Q): Promise<{ id: string; name: string }[]> {
  if (q.scope.orgUnits) return q.scope.orgUnits;
  return q.db
    .selectFrom('org_units')
    .select(['id', 'name'])
    .where('organisation_id', 'in', q.orgIds)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

async function workload(q: Q): Promise<TableSpec[]> {
  const { t } = q;
  const next = plusDays(q.refDay, 30);
  const plannedStep = sql<SqlBool>`exists (select 1 from plans inner join plan_steps on plan_steps.plan_id = plans.id
    where plans.case_id = cases.id and plan_steps.status <> 'dropped'
    and plan_steps.due_on > ${q.refDay} and plan_steps.due_on <= ${next})`;
  const [running, posts, units] = await Promise.all([
    q.db
      .selectFrom('cases')
      .where(casesInScope(q))
      .where('cases.kind', '=', 'case_management')
      .where(runningOn(q.refDay))
      .select((eb) => [
        'cases.org_unit_id',
        eb.fn.countAll<number>().as('n'),
        countIf(plannedStep).as('planned'),
      ])
      .groupBy('cases.org_unit_id')
      .execute(),
    postsByUnit(q),
    unitNames(q),
  ]);
  const shown = units.filter(
    (u) =>
      running.some((r) => r.org_unit_id === u.id) || (posts.get(u.id) ?? 0) > 0 || q.scope.orgUnits !== null,
  );
  const runningOf = (unit: string) => num(running.find((r) => r.org_unit_id === unit)?.n);
  const plannedOf = (unit: string) => num(running.find((r) => r.org_unit_id === unit)?.planned);
  const totalRunning = shown.reduce((s, u) => s + runningOf(u.id), 0);
  const totalPosts = shown.reduce((s, u) => s + (posts.get(u.id) ?? 0), 0);
  const totalPlanned = shown.reduce((s, u) => s + plannedOf(u.id), 0);
  const perPost = (cases: number, fte: number) => ({ value: fte > 0 ? cases / fte : null, base: cases });
  return [
    {
      key: 'caseload',
      title: t.tables.caseload,
      chart: 'bar',
      rowLabel: t.columns.orgUnit,
      columns: [
        { key: 'runningCm', label: t.columns.runningCm, type: 'count' },
        { key: 'posts', label: t.columns.posts, type: 'plain', format: 'decimal' },
        {
          key: 'perPost',
          label: t.columns.perPost,
          type: 'measure',
          format: 'decimal',
          dependsOn: ['runningCm'],
        },
        { key: 'warnAt', label: t.columns.warnAt, type: 'plain', format: 'integer' },
        { key: 'maxAt', label: t.columns.maxAt, type: 'plain', format: 'integer' },
      ],
      rows: shown.map((u) => ({
        key: u.id,
        label: u.name,
        cells: {
          runningCm: runningOf(u.id),
          posts: posts.get(u.id) ?? 0,
          perPost: perPost(runningOf(u.id), posts.get(u.id) ?? 0),
          warnAt: q.scope.caseload.warn,
          maxAt: q.scope.caseload.max,
        },
      })),
      total: {
        label: t.total,
        cells: {
          posts: totalPosts,
          perPost: perPost(totalRunning, totalPosts),
          warnAt: q.scope.caseload.warn,
          maxAt: q.scope.caseload.max,
        },
      },
      note: t.notes.caseload,
    },
    {
      key: 'plannedSteps',
      title: t.tables.plannedSteps,
      chart: 'bar',
      rowLabel: t.columns.orgUnit,
      columns: [
        { key: 'runningCm', label: t.columns.runningCm, type: 'count' },
        { key: 'withSteps', label: t.columns.withSteps, type: 'count' },
        {
          key: 'share',
          label: t.columns.share,
          type: 'measure',
          format: 'percent',
          dependsOn: ['withSteps', 'runningCm'],
        },
      ],
      rows: shown.map((u) => ({
        key: u.id,
        label: u.name,
        cells: {
          runningCm: runningOf(u.id),
          withSteps: plannedOf(u.id),
          share: share(plannedOf(u.id), runningOf(u.id)),
        },
      })),
      total: { label: t.total, cells: { share: share(totalPlanned, totalRunning) } },
      note: t.notes.plannedSteps,
    },
  ];
}

async function planningAndOutcomes(q: Q): Promise<TableSpec[]> {
  const { t } = q;
  const before = daysBefore(q.dialect, sql`cases.closed_on`, 30);
  const flags = q.db
    .selectFrom('cases')
    .where(casesInScope(q))
    .where('cases.kind', '=', 'case_management')
    .where(closedInPeriod(q))
    .select([
      sql<number>`case when exists (select 1 from plans inner join plan_steps on plan_steps.plan_id = plans.id
        where plans.case_id = cases.id and plan_steps.status <> 'dropped'
        and plan_steps.due_on >= ${before} and plan_steps.due_on <= cases.closed_on) then 1 else 0 end`.as(
        'planned',
      ),
      sql<number>`case when cases.closure_reason in (${sql.join(DROP_OUT_REASONS.map((r) => sql.lit(r)))}) then 1 else 0 end`.as(
        'dropped',
      ),
    ]);
  const trainingGoal = sql<SqlBool>`exists (select 1 from plans inner join plan_goals on plan_goals.plan_id = plans.id
    where plans.case_id = cases.id and plan_goals.field = 'training_work')`;
  const [dropOut, destinations] = await Promise.all([
    q.db
      .selectFrom(flags.as('f'))
      .select((eb) => [
        'f.planned',
        eb.fn.countAll<number>().as('closed'),
        sql<number>`sum(f.dropped)`.as('dropped'),
      ])
      .groupBy('f.planned')
      .execute(),
    q.db
      .selectFrom('cases')
      .leftJoin('case_evaluations', 'case_evaluations.case_id', 'cases.id')
      .where(casesInScope(q))
      .where(closedInPeriod(q))
      .where(trainingGoal)
      .select((eb) => ['case_evaluations.destination', eb.fn.countAll<number>().as('n')])
      .groupBy('case_evaluations.destination')
      .execute(),
  ]);
  const group = (planned: number) => dropOut.find((d) => num(d.planned) === planned);
  const closedOf = (planned: number) => num(group(planned)?.closed);
  const droppedOf = (planned: number) => num(group(planned)?.dropped);
  const closedAll = closedOf(0) + closedOf(1);
  const droppedAll = droppedOf(0) + droppedOf(1);

  const destCount = (k: string | null) =>
    destinations
      .filter((d) =>
        k === null
          ? d.destination === null || !(DESTINATIONS as readonly string[]).includes(d.destination)
          : d.destination === k,
      )
      .reduce((s, d) => s + num(d.n), 0);
  const destTotal = destinations.reduce((s, d) => s + num(d.n), 0);
  const retained = RETAINED.reduce((s, k) => s + destCount(k), 0);
  const integrated = INTEGRATED.reduce((s, k) => s + destCount(k), 0);
  return [
    {
      key: 'dropOut',
      title: t.tables.dropOut,
      chart: 'bar',
      rowLabel: t.columns.group,
      columns: [
        { key: 'closed', label: t.columns.closedCm, type: 'count' },
        { key: 'droppedOut', label: t.columns.droppedOut, type: 'count' },
        {
          key: 'dropOutRate',
          label: t.columns.dropOutRate,
          type: 'measure',
          format: 'percent',
          dependsOn: ['droppedOut', 'closed'],
        },
      ],
      rows: [
        {
          key: 'with_steps',
          label: t.columns.withSteps,
          cells: {
            closed: closedOf(1),
            droppedOut: droppedOf(1),
            dropOutRate: share(droppedOf(1), closedOf(1)),
          },
        },
        {
          key: 'without_steps',
          label: t.columns.withoutSteps,
          cells: {
            closed: closedOf(0),
            droppedOut: droppedOf(0),
            dropOutRate: share(droppedOf(0), closedOf(0)),
          },
        },
      ],
      total: { label: t.total, cells: { dropOutRate: share(droppedAll, closedAll) } },
      note: t.notes.dropOut,
    },
    {
      key: 'destinations',
      title: t.tables.destinations,
      chart: 'bar',
      rowLabel: t.columns.destination,
      columns: [
        { key: 'cases', label: t.columns.cases, type: 'count' },
        { key: 'share', label: t.columns.share, type: 'measure', format: 'percent', dependsOn: ['cases'] },
      ],
      rows: codeRows(
        DESTINATIONS,
        t.destination,
        (k) => ({ cases: destCount(k), share: share(destCount(k), destTotal) }),
        {
          label: t.notGiven,
          present: destCount(null) > 0,
        },
      ),
      total: { label: t.total, cells: { share: share(destTotal, destTotal) } },
      note: t.notes.destinations,
    },
    {
      key: 'quotas',
      title: t.tables.quotas,
      chart: null,
      rowLabel: t.columns.quota,
      columns: [
        { key: 'numerator', label: t.columns.numerator, type: 'count', additive: false },
        { key: 'base', label: t.columns.base, type: 'count', additive: false },
        {
          key: 'rate',
          label: t.columns.rate,
          type: 'measure',
          format: 'percent',
          dependsOn: ['numerator', 'base'],
        },
      ],
      rows: [
        {
          key: 'retention',
          label: t.columns.retention,
          cells: { numerator: retained, base: destTotal, rate: share(retained, destTotal) },
        },
        {
          key: 'integration',
          label: t.columns.integration,
          cells: { numerator: integrated, base: destTotal, rate: share(integrated, destTotal) },
        },
      ],
      note: t.notes.quotas,
    },
  ];
}

async function annualSections(q: Q): Promise<RawSection[]> {
  const [flow, clients, closing, outcome, net, work, planning] = await Promise.all([
    caseFlow(q),
    demographics(q),
    closures(q),
    results(q),
    network(q),
    workload(q),
    planningAndOutcomes(q),
  ]);
  const [dropOut, ...destinations] = planning;
  return [
    { key: 'cases', tables: [flow] },
    { key: 'clients', tables: clients },
    { key: 'closures', tables: closing },
    { key: 'results', tables: [...outcome, ...destinations] },
    { key: 'network', tables: net },
    { key: 'workload', tables: [...work, ...(dropOut ? [dropOut] : [])] },
  ];
}

// ---------------------------------------------------------------------------------------- team monthly

async function teamSections(q: Q): Promise<RawSection[]> {
  const { t } = q;
  const [cases, followUps, reviews, posts, units] = await Promise.all([
    q.db
      .selectFrom('cases')
      .where(casesInScope(q))
      .where(servedInPeriod(q))
      .select([
        'cases.org_unit_id',
        'cases.responsible_user_id',
        countIf(runningOn(q.period.to)).as('running'),
        countIf(sql<SqlBool>`cases.opened_on >= ${q.period.from}`).as('new'),
        countIf(sql<SqlBool>`cases.closed_on <= ${q.period.to}`).as('closed'),
        countIf(sql<SqlBool>`(cases.kind = 'case_management' and ${runningOn(q.period.to)})`).as(
          'running_cm',
        ),
      ])
      .groupBy(['cases.org_unit_id', 'cases.responsible_user_id'])
      .execute(),
    q.db
      .selectFrom('follow_ups')
      .leftJoin('cases', 'cases.id', 'follow_ups.case_id')
      .where('follow_ups.organisation_id', 'in', q.orgIds)
      .where('follow_ups.done_at', 'is', null)
      .where('follow_ups.due_on', '<', q.today)
      .select((eb) => ['follow_ups.assignee_user_id', 'cases.org_unit_id', eb.fn.countAll<number>().as('n')])
      .groupBy(['follow_ups.assignee_user_id', 'cases.org_unit_id'])
      .execute(),
    q.db
      .selectFrom('plans')
      .innerJoin('cases', 'cases.id', 'plans.case_id')
      .where(casesInScope(q))
      .where(runningOn(q.period.to))
      .where('plans.review_on', '<=', q.period.to)
      .select((eb) => ['cases.org_unit_id', 'cases.responsible_user_id', eb.fn.countAll<number>().as('n')])
      .groupBy(['cases.org_unit_id', 'cases.responsible_user_id'])
      .execute(),
    postsByUnit(q),
    unitNames(q),
  ]);
  const unitIds = new Set(units.map((u) => u.id));
  // The case managers of the units, and whoever is responsible for a case of them.
  const members = await q.db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .innerJoin('user_org_units', 'user_org_units.user_id', 'users.id')
    .select(['users.id', 'users.display_name', 'users.fte_percent', 'users.deactivated_at'])
    .distinct()
    .where('users.organisation_id', 'in', q.orgIds)
    .where('user_roles.role', '=', 'case_manager')
    .where('user_org_units.org_unit_id', 'in', [...unitIds])
    .where('users.deactivated_at', 'is', null)
    .execute();
  const responsibleIds = [...new Set(cases.map((c) => c.responsible_user_id))].filter(
    (id) => !members.some((m) => m.id === id),
  );
  const others =
    responsibleIds.length === 0
      ? []
      : await q.db
          .selectFrom('users')
          .select(['users.id', 'users.display_name', 'users.fte_percent', 'users.deactivated_at'])
          .where('id', 'in', responsibleIds)
          .execute();
  const people = [...members, ...others].sort(
    (a, b) => a.display_name.localeCompare(b.display_name, 'de') || a.id.localeCompare(b.id),
  );

  const sumCases = (
    filter: (c: (typeof cases)[number]) => boolean,
    field: 'running' | 'new' | 'closed' | 'running_cm',
  ) => cases.filter(filter).reduce((s, c) => s + num(c[field]), 0);
  const overdueOfUnit = (unit: string) =>
    followUps.filter((f) => f.org_unit_id === unit).reduce((s, f) => s + num(f.n), 0);
  const overdueOfPerson = (user: string) =>
    followUps
      .filter((f) => f.assignee_user_id === user && (f.org_unit_id === null || unitIds.has(f.org_unit_id)))
      .reduce((s, f) => s + num(f.n), 0);
  const reviewsOf = (filter: (r: (typeof reviews)[number]) => boolean) =>
    reviews.filter(filter).reduce((s, r) => s + num(r.n), 0);

  const columns = (withPosts: boolean): TableSpec['columns'] => [
    { key: 'running', label: t.columns.running, type: 'count' },
    { key: 'new', label: t.columns.new, type: 'count' },
    { key: 'closed', label: t.columns.closed, type: 'count' },
    { key: 'overdueFollowUps', label: t.columns.overdueFollowUps, type: 'count' },
    { key: 'reviewsDue', label: t.columns.reviewsDue, type: 'count' },
    { key: 'runningCm', label: t.columns.runningCm, type: 'count' },
    ...(withPosts
      ? [{ key: 'posts', label: t.columns.posts, type: 'plain' as const, format: 'decimal' as const }]
      : []),
    {
      key: 'perPost',
      label: t.columns.perPost,
      type: 'measure',
      format: 'decimal',
      dependsOn: ['runningCm'],
    },
  ];
  const perPost = (cases: number, fte: number) => ({ value: fte > 0 ? cases / fte : null, base: cases });

  const unitRows: RowInput[] = units.map((u) => {
    const mine = (c: { org_unit_id: string | null }) => c.org_unit_id === u.id;
    const runningCm = sumCases(mine, 'running_cm');
    return {
      key: u.id,
      label: u.name,
      cells: {
        running: sumCases(mine, 'running'),
        new: sumCases(mine, 'new'),
        closed: sumCases(mine, 'closed'),
        overdueFollowUps: overdueOfUnit(u.id),
        reviewsDue: reviewsOf(mine),
        runningCm,
        posts: posts.get(u.id) ?? 0,
        perPost: perPost(runningCm, posts.get(u.id) ?? 0),
      },
    };
  });
  const personRows: RowInput[] = people.map((p) => {
    const mine = (c: { responsible_user_id: string }) => c.responsible_user_id === p.id;
    const runningCm = sumCases(mine, 'running_cm');
    const fte = p.deactivated_at === null ? p.fte_percent / 100 : 0;
    return {
      key: p.id,
      label: p.display_name,
      cells: {
        running: sumCases(mine, 'running'),
        new: sumCases(mine, 'new'),
        closed: sumCases(mine, 'closed'),
        overdueFollowUps: overdueOfPerson(p.id),
        reviewsDue: reviewsOf(mine),
        runningCm,
        posts: fte,
        perPost: perPost(runningCm, fte),
      },
    };
  });
  const totalRunningCm = sumCases(() => true, 'running_cm');
  const totalPosts = units.reduce((s, u) => s + (posts.get(u.id) ?? 0), 0);
  const personPosts = people.reduce((s, p) => s + (p.deactivated_at === null ? p.fte_percent / 100 : 0), 0);
  return [
    {
      key: 'team',
      tables: [
        {
          key: 'teamUnits',
          title: t.tables.teamUnits,
          chart: 'bar',
          rowLabel: t.columns.orgUnit,
          columns: columns(true),
          rows: unitRows,
          total: {
            label: t.total,
            cells: { posts: totalPosts, perPost: perPost(totalRunningCm, totalPosts) },
          },
          note: t.notes.team,
        },
        {
          key: 'teamPeople',
          title: t.tables.teamPeople,
          chart: 'bar',
          rowLabel: t.columns.person,
          columns: columns(true),
          rows: personRows,
          total: {
            label: t.total,
            cells: { posts: personPosts, perPost: perPost(totalRunningCm, personPosts) },
          },
          note: t.notes.team,
        },
      ],
    },
  ];
}

// -------------------------------------------------------------------------------------------- steering

async function steeringSections(q: Q): Promise<RawSection[]> {
  const { t } = q;
  const [cases, reasons, gaps, referrals] = await Promise.all([
    q.db
      .selectFrom('cases')
      .where(casesInScope(q))
      .where(servedInPeriod(q))
      .select([
        'cases.organisation_id',
        countIf(sql<SqlBool>`cases.opened_on >= ${q.period.from}`).as('new'),
        countIf(runningOn(q.period.to)).as('running'),
        countIf(sql<SqlBool>`cases.closed_on <= ${q.period.to}`).as('closed'),
      ])
      .groupBy('cases.organisation_id')
      .execute(),
    q.db
      .selectFrom('cases')
      .where(casesInScope(q))
      .where(closedInPeriod(q))
      .select((eb) => ['cases.organisation_id', 'cases.closure_reason', eb.fn.countAll<number>().as('n')])
      .groupBy(['cases.organisation_id', 'cases.closure_reason'])
      .execute(),
    gapReportsByField(q),
    q.db
      .selectFrom('referrals')
      .where('referrals.organisation_id', 'in', q.orgIds)
      .where('referrals.requested_on', '>=', q.period.from)
      .where('referrals.requested_on', '<=', q.period.to)
      .select((eb) => ['referrals.organisation_id', 'referrals.status', eb.fn.countAll<number>().as('n')])
      .groupBy(['referrals.organisation_id', 'referrals.status'])
      .execute(),
  ]);
  const orgs = q.scope.organisations;
  const several = orgs.length > 1;
  const total = several ? { label: t.total } : undefined;
  const reasonKeys = [...CLOSURE_REASONS, 'not_given'] as const;
  const reasonOf = (org: string, key: string) =>
    reasons
      .filter(
        (r) =>
          r.organisation_id === org &&
          (key === 'not_given'
            ? r.closure_reason === null || !(CLOSURE_REASONS as readonly string[]).includes(r.closure_reason)
            : r.closure_reason === key),
      )
      .reduce((s, r) => s + num(r.n), 0);
  const reasonLabel = (key: (typeof reasonKeys)[number]) =>
    key === 'not_given' ? t.notGiven : t.closureReason[key];
  const gapOf = (org: string, field: string) =>
    gaps.filter((g) => g.organisationId === org && g.field === field).reduce((s, g) => s + g.reports, 0);
  const referralOf = (org: string, status: string) =>
    num(referrals.find((r) => r.organisation_id === org && r.status === status)?.n);
  const caseOf = (org: string) => cases.find((c) => c.organisation_id === org);
  return [
    {
      key: 'organisations',
      tables: [
        {
          key: 'steeringCases',
          title: t.tables.steeringCases,
          chart: 'bar',
          rowLabel: t.columns.organisation,
          columns: (['new', 'running', 'closed'] as const).map((k) => ({
            key: k,
            label: t.columns[k],
            type: 'count' as const,
          })),
          rows: orgs.map((o) => ({
            key: o.id,
            label: o.name,
            cells: {
              new: num(caseOf(o.id)?.new),
              running: num(caseOf(o.id)?.running),
              closed: num(caseOf(o.id)?.closed),
            },
          })),
          total,
          note: several ? t.notes.steering : null,
        },
        {
          key: 'steeringClosures',
          title: t.tables.steeringClosures,
          chart: 'stacked',
          rowLabel: t.columns.organisation,
          columns: reasonKeys.map((k) => ({ key: k, label: reasonLabel(k), type: 'count' as const })),
          totalColumn: { key: 'total', label: t.total, of: [...reasonKeys] },
          rows: orgs.map((o) => ({
            key: o.id,
            label: o.name,
            cells: Object.fromEntries(reasonKeys.map((k) => [k, reasonOf(o.id, k)])),
          })),
          total,
          note: null,
        },
        {
          key: 'steeringGaps',
          title: t.tables.steeringGaps,
          chart: 'stacked',
          rowLabel: t.columns.organisation,
          columns: FIELDS_OF_ACTION.map((f) => ({ key: f, label: t.field[f], type: 'count' as const })),
          totalColumn: { key: 'total', label: t.total, of: [...FIELDS_OF_ACTION] },
          rows: orgs.map((o) => ({
            key: o.id,
            label: o.name,
            cells: Object.fromEntries(FIELDS_OF_ACTION.map((f) => [f, gapOf(o.id, f)])),
          })),
          total,
          note: t.notes.gaps,
        },
        {
          key: 'steeringReferrals',
          title: t.tables.steeringReferrals,
          chart: 'stacked',
          rowLabel: t.columns.organisation,
          columns: REFERRAL_STATUSES.map((s) => ({
            key: s,
            label: t.referralStatus[s],
            type: 'count' as const,
          })),
          totalColumn: { key: 'total', label: t.total, of: [...REFERRAL_STATUSES] },
          rows: orgs.map((o) => ({
            key: o.id,
            label: o.name,
            cells: Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, referralOf(o.id, s)])),
          })),
          total,
          note: t.notes.referrals,
        },
      ],
    },
  ];
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
  if (!mayRun(ctx.actor, preset)) throw new Problem('forbidden');
  const period = reportPeriod(preset, query, ctx);
  const today = localDate(ctx.now);
  const t = TEXTS[ctx.locale];
  const run = async (db: Executor): Promise<Report> => {
    const scope = await resolveScope(db, ctx, preset, query);
    const q: Q = {
      db,
      dialect: deps.dialect,
      period,
      refDay: period.to < today ? period.to : today,
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
  return deps.dialect === 'postgresql'
    ? deps.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(run)
    : deps.db.transaction().execute(run);
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
  return deps.db.transaction().execute(async (trx) => {
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
