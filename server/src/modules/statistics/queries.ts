import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../core/context.js';
import type { DialectName } from '../../db/database.js';
import type { CaseKind } from '../cases/domain.js';
import { SHIPPED_PARTNER_TYPES } from '../partners/domain.js';
import { share, type CellInput, type Period, type RowInput, type TableSpec } from './domain.js';
import type { StatisticsTexts } from './texts.js';

/**
 * What the report builders share: the scope and period of a report (Q), the conditions that select its cases,
 * the few expressions whose SQL differs between SQLite and PostgreSQL, and small grouped look-ups (partner
 * type names, gap reports by field, full-time posts by org unit).
 */

export interface Scope {
  organisations: { id: string; name: string }[];
  /** null: the whole organisations. */
  orgUnits: { id: string; name: string }[] | null;
  threshold: number;
  /** The own organisation's caseload thresholds per full-time post. */
  caseload: { warn: number; max: number };
}

export interface Q {
  db: Executor;
  dialect: DialectName;
  period: Period;
  /**
   * The reference day for "running" and "next 30 days": the end of the period, or today while it runs (never
   * before its start, so cases running then are among the cases served in the period).
   */
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
export function casesInScope(q: Q): RawBuilder<SqlBool> {
  const orgs = sql`cases.organisation_id in (${sql.join(q.orgIds)})`;
  return q.unitIds
    ? sql<SqlBool>`(${orgs} and cases.org_unit_id in (${sql.join(q.unitIds)}))`
    : sql<SqlBool>`${orgs}`;
}

/** Cases served in the period: opened before its end and not closed before its start. */
export function servedInPeriod(q: Q): RawBuilder<SqlBool> {
  return sql<SqlBool>`(cases.opened_on <= ${q.period.to} and (cases.closed_on is null or cases.closed_on >= ${q.period.from}))`;
}

export function closedInPeriod(q: Q): RawBuilder<SqlBool> {
  return sql<SqlBool>`(cases.closed_on >= ${q.period.from} and cases.closed_on <= ${q.period.to})`;
}

export function runningOn(day: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(cases.opened_on <= ${day} and (cases.closed_on is null or cases.closed_on > ${day}))`;
}

/** Counts the rows of a group that meet a condition (the FILTER clause: SQLite 3.30+, PostgreSQL 9.4+). */
export function countIf(condition: Expression<SqlBool>): RawBuilder<number> {
  return sql<number>`count(*) filter (where ${condition})`;
}

/**
 * Days between two dates. The dialects differ (SQLite has julianday(), PostgreSQL subtracts dates), so this
 * is raw SQL per dialect.
 */
export function daysBetweenDates(
  dialect: DialectName,
  from: RawBuilder<unknown>,
  to: RawBuilder<unknown>,
): RawBuilder<number> {
  return dialect === 'postgresql'
    ? sql<number>`(cast(${to} as date) - cast(${from} as date))`
    : sql<number>`(julianday(${to}) - julianday(${from}))`;
}

/** Days between two timestamps (fractional), per dialect as above. */
export function daysBetweenTimestamps(
  dialect: DialectName,
  from: RawBuilder<unknown>,
  to: RawBuilder<unknown>,
): RawBuilder<number> {
  return dialect === 'postgresql'
    ? sql<number>`(extract(epoch from (cast(${to} as timestamptz) - cast(${from} as timestamptz))) / 86400.0)`
    : sql<number>`(julianday(${to}) - julianday(${from}))`;
}

/** A date `days` before a date column, per dialect. */
export function daysBefore(
  dialect: DialectName,
  date: RawBuilder<unknown>,
  days: number,
): RawBuilder<string> {
  return dialect === 'postgresql'
    ? sql<string>`(cast(${date} as date) - ${sql.lit(days)})`
    : sql<string>`date(${date}, ${sql.lit(`-${days} days`)})`;
}

/** One value of the satisfaction JSON, per dialect (jsonb on PostgreSQL, text with JSON1 on SQLite). */
export function satisfactionValue(dialect: DialectName, dimension: string): RawBuilder<number | null> {
  return dialect === 'postgresql'
    ? sql<number | null>`cast(case_evaluations.satisfaction ->> ${sql.lit(dimension)} as numeric)`
    : sql<number | null>`json_extract(case_evaluations.satisfaction, ${sql.lit(`$.${dimension}`)})`;
}

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Rows for a list of codes (in the list's order), plus "not given" when there are such cases. */
export function codeRows<K extends string>(
  codes: readonly K[],
  labels: Record<K, string>,
  cells: (key: K | null) => Record<string, CellInput>,
  notGiven: { label: string; present: boolean } | null,
): RowInput[] {
  const rows: RowInput[] = codes.map((code) => ({ key: code, label: labels[code], cells: cells(code) }));
  if (notGiven?.present) rows.push({ key: 'not_given', label: notGiven.label, cells: cells(null) });
  return rows;
}

/**
 * A bar table of codes with their count and its share of `total` (who ended the case, life situation,
 * destinations): the codes in order, "not given" last when there are such cases, a total row.
 */
export function shareTable<K extends string>(
  t: StatisticsTexts,
  spec: { key: string; title: string; rowLabel: string; note: string | null },
  codes: readonly K[],
  labels: Record<K, string>,
  count: (code: K | null) => number,
  total: number,
): TableSpec {
  return {
    ...spec,
    chart: 'bar',
    columns: [
      { key: 'cases', label: t.columns.cases, type: 'count' },
      { key: 'share', label: t.columns.share, type: 'measure', format: 'percent', dependsOn: ['cases'] },
    ],
    rows: codeRows(codes, labels, (k) => ({ cases: count(k), share: share(count(k), total) }), {
      label: t.notGiven,
      present: count(null) > 0,
    }),
    total: { label: t.total, cells: { share: share(total, total) } },
  };
}

export type RawSection = { key: keyof StatisticsTexts['sections']; tables: TableSpec[] };

export const KIND_ORDER: readonly CaseKind[] = ['case_management', 'counselling', 'information'];

export function kindColumns(t: StatisticsTexts) {
  return KIND_ORDER.map((k) => ({ key: k, label: t.kind[k], type: 'count' as const }));
}

export async function partnerTypeLabels(q: Q, keys: string[]): Promise<Map<string, string>> {
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

/** Gap reports of the period with the distinct cases behind them (within the org units, when chosen). */
export function gapReportsQuery(q: Q) {
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

export async function gapReportsByField(
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

export async function gapCaseTotal(q: Q): Promise<number> {
  const row = await gapReportsQuery(q)
    .select((eb) => eb.fn.count<number>('gap_report_cases.case_id').distinct().as('n'))
    .executeTakeFirst();
  return num(row?.n);
}

/** Full-time posts of the case managers per org unit; a person in several units counts in equal parts. */
export async function postsByUnit(q: Q): Promise<Map<string, number>> {
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

export async function unitNames(q: Q): Promise<{ id: string; name: string }[]> {
  if (q.scope.orgUnits) return q.scope.orgUnits;
  return q.db
    .selectFrom('org_units')
    .select(['id', 'name'])
    .where('organisation_id', 'in', q.orgIds)
    .orderBy('name')
    .orderBy('id')
    .execute();
}
