import { sql, type SqlBool } from 'kysely';
import { CLOSURE_REASONS } from '../cases/domain.js';
import { FIELDS_OF_ACTION } from '../gaps/fields.js';
import { REFERRAL_STATUSES } from '../referrals/domain.js';
import {
  casesInScope,
  closedInPeriod,
  countIf,
  gapReportsByField,
  num,
  runningOn,
  servedInPeriod,
  type Q,
  type RawSection,
} from './queries.js';

/**
 * The steering view (issue 8; BRIEF 6–7): one row per organisation — the own, or for the coordination office's
 * planners every organisation that shares its aggregates — with new, running and closed cases, closures by
 * reason, gap reports by field of action and referrals by outcome.
 */

export async function steeringSections(q: Q): Promise<RawSection[]> {
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
