import { sql, type AliasedRawBuilder, type RawBuilder, type SqlBool } from 'kysely';
import { ACCESS_ROUTES, CLOSURE_REASONS, PHASES, type CaseKind } from '../cases/domain.js';
import { GENDERS, LEGAL_DOMAINS, RESIDENCE_STATUSES } from '../clients/domain.js';
import { FIELDS_OF_ACTION } from '../gaps/fields.js';
import { ATTAINMENTS } from '../plan/domain.js';
import { REFERRAL_STATUSES } from '../referrals/domain.js';
import {
  AGE_BAND_RANGES,
  average,
  DESTINATIONS,
  DROP_OUT_REASONS,
  INTEGRATED,
  plusDays,
  RETAINED,
  SATISFACTION_DIMENSIONS,
  share,
  topKeys,
  type CellInput,
  type RowInput,
  type TableSpec,
} from './domain.js';
import {
  casesInScope,
  closedInPeriod,
  codeRows,
  countIf,
  daysBefore,
  daysBetweenDates,
  daysBetweenTimestamps,
  gapCaseTotal,
  gapReportsByField,
  KIND_ORDER,
  kindColumns,
  num,
  numOrNull,
  partnerTypeLabels,
  postsByUnit,
  runningOn,
  satisfactionValue,
  shareTable,
  servedInPeriod,
  unitNames,
  type Q,
  type RawSection,
} from './queries.js';
import type { StatisticsTexts } from './texts.js';

/**
 * The annual report for funders in the style of the JMD guide [001 L1441–1450]: cases by kind and by the
 * clients' characteristics, closures and durations, results (goal attainment, satisfaction, life situation,
 * destination with the Verbleibs- and Eingliederungsquote [002 L681–694]), referrals and gaps, caseload per
 * full-time post, planned steps and drop-outs [003 L1590].
 *
 * A few wide queries rather than one per table: every pass over 100,000 cases costs, so each pass computes
 * what it can at once — the served cases (one pass: case flow and every characteristic, with conditional sums
 * over the fixed code lists), the closed cases (one pass for closures, durations and drop-outs; one with the
 * evaluations), phase stays, goals, referrals, gap reports and the running caseload.
 */

type Counts = Record<string, number>;

/** Fixed code lists counted with one conditional sum per code in the served-cases pass. */
const DIMENSIONS = {
  gender: { column: 'clients.gender', codes: GENDERS },
  residenceStatus: { column: 'clients.residence_status', codes: RESIDENCE_STATUSES },
  legalDomain: { column: 'clients.legal_domain', codes: LEGAL_DOMAINS },
  accessRoute: { column: 'cases.access_route', codes: ACCESS_ROUTES },
} as const;
type Dimension = keyof typeof DIMENSIONS;

/** Column aliases of the conditional sums: fixed codes ([a-z0-9_]), so safe as identifiers. */
const alias = (dimension: string, code: string) => `${dimension}__${code}`;

/** The age in years at the opening, from the birth year (null without one). */
const AGE = sql`(cast(substr(cast(cases.opened_on as text), 1, 4) as integer) - clients.birth_year)`;

interface ServedGroup {
  kind: string;
  unit: string;
  country: string | null;
  district: string | null;
  counts: Counts;
}

/**
 * Whether the case (alias `cases`) has a plan with a step or goal that meets `condition` (`join` brings the
 * steps or goals in). Which form is fast depends on the scope (docs/performance.md, fifth round):
 * - a team's report (some org units) asks per case: the plan by its case (plans_case_id_key), then its steps or
 *   goals by plan. Only the cases of the units are asked; looking the plans up once instead read every plan of
 *   the organisation, or PostgreSQL even every plan goal of the installation: 138 against 50 ms for a team's
 *   report at city scale.
 * - an organisation's report looks the plans of its organisations up once (plans_org_idx) and keeps the cases
 *   found: most of their cases are asked anyway, and one look-up is cheaper than one per case (135 against
 *   212 ms for an organisation's report at city scale).
 */
function caseHasPlanWith(
  q: Q,
  join: RawBuilder<unknown>,
  condition: RawBuilder<unknown>,
): RawBuilder<SqlBool> {
  return q.unitIds
    ? sql<SqlBool>`exists (select 1 from plans ${join} where plans.case_id = cases.id and ${condition})`
    : sql<SqlBool>`cases.id in (select plans.case_id from plans ${join}
        where plans.organisation_id in (${sql.join(q.orgIds)}) and ${condition})`;
}

/**
 * One pass over the cases served in the period, with their clients: grouped by kind, org unit, country of
 * origin and district (open lists), with conditional sums for the case flow, age bands, the fixed code lists,
 * and the case-management cases running on the reference day with and without steps in the next 30 days.
 */
async function servedPass(q: Q): Promise<ServedGroup[]> {
  const next = plusDays(q.refDay, 30);
  const plannedStep = caseHasPlanWith(
    q,
    sql`inner join plan_steps on plan_steps.plan_id = plans.id`,
    sql`plan_steps.due_on > ${q.refDay} and plan_steps.due_on <= ${next} and plan_steps.status <> 'dropped'`,
  );
  const runningCm = sql<SqlBool>`(cases.kind = 'case_management' and ${runningOn(q.refDay)})`;
  const sums: AliasedRawBuilder<number, string>[] = [
    countIf(sql<SqlBool>`cases.opened_on >= ${q.period.from}`).as('new'),
    countIf(runningOn(q.period.to)).as('running'),
    countIf(sql<SqlBool>`cases.closed_on <= ${q.period.to}`).as('closed'),
    countIf(runningCm).as('runningCm'),
    countIf(sql<SqlBool>`(${runningCm} and ${plannedStep})`).as('plannedCm'),
    ...AGE_BAND_RANGES.map((r) =>
      countIf(
        r.max === null
          ? sql<SqlBool>`${AGE} >= ${sql.lit(r.min)}`
          : sql<SqlBool>`${AGE} between ${sql.lit(r.min)} and ${sql.lit(r.max)}`,
      ).as(alias('ageBand', r.band)),
    ),
    ...Object.entries(DIMENSIONS).flatMap(([dimension, d]) =>
      d.codes.map((code) =>
        countIf(sql<SqlBool>`${sql.ref(d.column)} = ${sql.lit(code)}`).as(alias(dimension, code)),
      ),
    ),
  ];
  const rows = await q.db
    .selectFrom('cases')
    .innerJoin('clients', 'clients.id', 'cases.client_id')
    .where(casesInScope(q))
    .where(servedInPeriod(q))
    .select((eb) => [
      'cases.kind',
      'cases.org_unit_id',
      'clients.country_of_origin',
      'clients.district_id',
      eb.fn.countAll<number>().as('served'),
      ...sums,
    ])
    .groupBy(['cases.kind', 'cases.org_unit_id', 'clients.country_of_origin', 'clients.district_id'])
    .execute();
  return rows.map((r) => {
    const { kind, org_unit_id, country_of_origin, district_id, ...rest } = r as Record<string, unknown> & {
      kind: string;
      org_unit_id: string;
      country_of_origin: string | null;
      district_id: string | null;
    };
    return {
      kind,
      unit: org_unit_id,
      country: country_of_origin,
      district: district_id,
      counts: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, num(v)])),
    };
  });
}

/** Sum of one count over the groups of a kind that pass a filter. */
function sumOf(
  groups: ServedGroup[],
  kind: CaseKind,
  key: string,
  filter: (g: ServedGroup) => boolean = () => true,
) {
  return groups.filter((g) => g.kind === kind && filter(g)).reduce((s, g) => s + (g.counts[key] ?? 0), 0);
}

function byKind(count: (kind: CaseKind) => number): Record<string, CellInput> {
  return Object.fromEntries(KIND_ORDER.map((k) => [k, count(k)]));
}

function byKindTable(
  t: StatisticsTexts,
  key: keyof StatisticsTexts['tables'],
  rowLabel: string,
  rows: RowInput[],
  note: string | null = t.notes.served,
): TableSpec {
  return {
    key,
    title: t.tables[key],
    chart: 'stacked',
    rowLabel,
    columns: kindColumns(t),
    totalColumn: { key: 'total', label: t.total, of: [...KIND_ORDER] },
    rows,
    total: { label: t.total },
    note,
  };
}

async function casesAndClients(
  q: Q,
  groups: ServedGroup[],
): Promise<{ flow: TableSpec; clients: TableSpec[] }> {
  const { t } = q;

  const flowKeys = ['new', 'running', 'closed', 'served'] as const;
  const flow: TableSpec = {
    key: 'caseFlow',
    title: t.tables.caseFlow,
    chart: 'bar',
    rowLabel: t.columns.kind,
    columns: flowKeys.map((k) => ({ key: k, label: t.columns[k], type: 'count' as const })),
    rows: KIND_ORDER.map((kind) => ({
      key: kind,
      label: t.kind[kind],
      cells: Object.fromEntries(flowKeys.map((k) => [k, sumOf(groups, kind, k)])),
    })),
    total: { label: t.total },
    note: t.notes.served,
  };

  // A fixed list: one row per code, and "not given" for the rest (no value, or a code retired since).
  const codeTable = <D extends Dimension>(
    dimension: D,
    labels: Record<(typeof DIMENSIONS)[D]['codes'][number], string>,
  ) => {
    const codes = DIMENSIONS[dimension].codes as readonly (typeof DIMENSIONS)[D]['codes'][number][];
    const notGiven = (kind: CaseKind) =>
      sumOf(groups, kind, 'served') - codes.reduce((s, c) => s + sumOf(groups, kind, alias(dimension, c)), 0);
    return byKindTable(
      t,
      dimension,
      t.columns[dimension],
      codeRows(
        codes,
        labels,
        (code) =>
          byKind((kind) => (code === null ? notGiven(kind) : sumOf(groups, kind, alias(dimension, code)))),
        {
          label: t.notGiven,
          present: KIND_ORDER.some((k) => notGiven(k) > 0),
        },
      ),
    );
  };

  const ageUnknown = (kind: CaseKind) =>
    sumOf(groups, kind, 'served') -
    AGE_BAND_RANGES.reduce((s, r) => s + sumOf(groups, kind, alias('ageBand', r.band)), 0);
  const ageRows: RowInput[] = AGE_BAND_RANGES.map((r) => ({
    key: r.band,
    label: t.ageBand[r.band],
    cells: byKind((kind) => sumOf(groups, kind, alias('ageBand', r.band))),
  }));
  if (KIND_ORDER.some((k) => ageUnknown(k) > 0)) {
    ageRows.push({ key: 'unknown', label: t.ageBand.unknown, cells: byKind(ageUnknown) });
  }

  // Countries: the ten most frequent, the others as one row, "not given" apart.
  const countryTotals = new Map<string | null, number>();
  for (const g of groups)
    countryTotals.set(g.country, (countryTotals.get(g.country) ?? 0) + (g.counts.served ?? 0));
  const { top, rest } = topKeys(countryTotals, 10);
  const regionNames = new Intl.DisplayNames([t.locale], { type: 'region' });
  const countryRows: RowInput[] = top.map((code) => ({
    key: code,
    label: regionNames.of(code) ?? code,
    cells: byKind((kind) => sumOf(groups, kind, 'served', (g) => g.country === code)),
  }));
  if (rest.length > 0) {
    countryRows.push({
      key: 'other',
      label: t.other,
      cells: byKind((kind) =>
        sumOf(groups, kind, 'served', (g) => g.country !== null && rest.includes(g.country)),
      ),
    });
  }
  if (countryTotals.has(null)) {
    countryRows.push({
      key: 'not_given',
      label: t.notGiven,
      cells: byKind((kind) => sumOf(groups, kind, 'served', (g) => g.country === null)),
    });
  }

  // Districts by the organisation's names.
  const districtIds = [...new Set(groups.map((g) => g.district).filter((d): d is string => d !== null))];
  const names =
    districtIds.length === 0
      ? []
      : await q.db.selectFrom('districts').select(['id', 'name']).where('id', 'in', districtIds).execute();
  const districtRows: RowInput[] = names
    .sort((a, b) => a.name.localeCompare(b.name, t.locale) || a.id.localeCompare(b.id))
    .map((d) => ({
      key: d.id,
      label: d.name,
      cells: byKind((kind) => sumOf(groups, kind, 'served', (g) => g.district === d.id)),
    }));
  if (groups.some((g) => g.district === null)) {
    districtRows.push({
      key: 'not_given',
      label: t.notGiven,
      cells: byKind((kind) => sumOf(groups, kind, 'served', (g) => g.district === null)),
    });
  }

  return {
    flow,
    clients: [
      byKindTable(t, 'ageBand', t.columns.ageBand, ageRows),
      codeTable('gender', t.gender),
      codeTable('residenceStatus', t.residenceStatus),
      byKindTable(t, 'country', t.columns.country, countryRows, `${t.notes.country} ${t.notes.served}`),
      codeTable('legalDomain', t.legalDomain),
      byKindTable(t, 'district', t.columns.district, districtRows),
      codeTable('accessRoute', t.accessRoute),
    ],
  };
}

/**
 * One pass over the cases closed in the period, with their evaluations: by kind, reason, whether steps were
 * planned for the 30 days before the closing (case management only), who ended the case, the life situation,
 * the destination and whether a goal was in the field training and work; with the days from opening to closing
 * and the sums of the satisfaction answers.
 */
async function closedPass(q: Q) {
  const before = daysBefore(q.dialect, sql`cases.closed_on`, 30);
  const trainingGoal = caseHasPlanWith(
    q,
    sql`inner join plan_goals on plan_goals.plan_id = plans.id`,
    sql`plan_goals.field = 'training_work'`,
  );
  const perCase = q.db
    .selectFrom('cases')
    .leftJoin('case_evaluations', 'case_evaluations.case_id', 'cases.id')
    .where(casesInScope(q))
    .where(closedInPeriod(q))
    .select([
      'cases.kind',
      'cases.closure_reason',
      daysBetweenDates(q.dialect, sql`cases.opened_on`, sql`cases.closed_on`).as('days'),
      sql<number>`case when cases.kind = 'case_management' and exists (
          select 1 from plans inner join plan_steps on plan_steps.plan_id = plans.id
          where plans.case_id = cases.id and plan_steps.status <> 'dropped'
          and plan_steps.due_on >= ${before} and plan_steps.due_on <= cases.closed_on) then 1 else 0 end`.as(
        'planned',
      ),
      'case_evaluations.id as evaluation',
      'case_evaluations.ended_by',
      'case_evaluations.life_situation',
      'case_evaluations.destination',
      sql<number>`case when ${trainingGoal} then 1 else 0 end`.as('training'),
      ...SATISFACTION_DIMENSIONS.map((d) => satisfactionValue(q.dialect, d).as(`s_${d}`)),
    ]);
  const groups = [
    'c.kind',
    'c.closure_reason',
    'c.planned',
    'c.ended_by',
    'c.life_situation',
    'c.destination',
    'c.training',
  ] as const;
  const rows = await q.db
    .selectFrom(perCase.as('c'))
    .select((eb) => [
      ...groups,
      eb.fn.countAll<number>().as('n'),
      sql<number>`sum(c.days)`.as('days'),
      eb.fn.count<number>('c.evaluation').as('evaluated'),
      ...SATISFACTION_DIMENSIONS.flatMap((d) => [
        sql<number | null>`sum(${sql.ref(`c.s_${d}`)})`.as(`sum_${d}`),
        sql<number>`count(${sql.ref(`c.s_${d}`)})`.as(`n_${d}`),
      ]),
    ])
    .groupBy([...groups])
    .execute();
  return rows.map((r) => {
    const record = r as Record<string, unknown>;
    return {
      kind: r.kind,
      reason:
        r.closure_reason !== null && (CLOSURE_REASONS as readonly string[]).includes(r.closure_reason)
          ? r.closure_reason
          : null,
      planned: num(r.planned) === 1,
      endedBy: r.ended_by,
      lifeSituation: r.life_situation,
      destination: r.destination,
      training: num(r.training) === 1,
      n: num(r.n),
      days: num(r.days),
      evaluated: num(r.evaluated),
      satisfaction: Object.fromEntries(
        SATISFACTION_DIMENSIONS.map((d) => [d, { sum: num(record[`sum_${d}`]), n: num(record[`n_${d}`]) }]),
      ),
    };
  });
}

/**
 * How long the case-management cases closed in the period stayed in each phase: for every phase change, the
 * time until the next change of the same case (LEAD over the case's changes, in both dialects).
 */
async function phaseDurations(q: Q): Promise<TableSpec> {
  const { t } = q;
  const stays = q.db
    .selectFrom('case_phase_changes')
    .where(
      'case_phase_changes.case_id',
      'in',
      q.db
        .selectFrom('cases')
        .select('cases.id')
        .where(casesInScope(q))
        .where(closedInPeriod(q))
        .where('cases.kind', '=', 'case_management'),
    )
    .select([
      'case_phase_changes.to_phase as phase',
      'case_phase_changes.changed_at as entered_at',
      sql<
        string | null
      >`lead(case_phase_changes.changed_at) over (partition by case_phase_changes.case_id order by case_phase_changes.changed_at)`.as(
        'left_at',
      ),
    ]);
  const rows = await q.db
    .selectFrom(stays.as('s'))
    .where('s.phase', '!=', 'closed')
    .where('s.left_at', 'is not', null)
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

async function closuresAndResults(
  q: Q,
): Promise<{ closures: TableSpec[]; results: TableSpec[]; dropOut: TableSpec }> {
  const { t } = q;
  const [closed, phases, finals, reviews] = await Promise.all([
    closedPass(q),
    phaseDurations(q),
    q.db
      .selectFrom('case_evaluation_goals')
      .innerJoin('case_evaluations', 'case_evaluations.id', 'case_evaluation_goals.evaluation_id')
      .innerJoin('cases', 'cases.id', 'case_evaluations.case_id')
      .where(casesInScope(q))
      .where(closedInPeriod(q))
      .select((eb) => ['case_evaluation_goals.attainment', eb.fn.countAll<number>().as('n')])
      .groupBy('case_evaluation_goals.attainment')
      .execute(),
    goalReviews(q),
  ]);

  // Closures by reason and kind; durations by kind; drop-outs with and without planned steps.
  const reasonCount = (reason: string | null, kind: CaseKind) =>
    closed.filter((c) => c.reason === reason && c.kind === kind).reduce((s, c) => s + c.n, 0);
  const closedOf = (kind: CaseKind | null) => closed.filter((c) => kind === null || c.kind === kind);
  const count = (list: { n: number }[]) => list.reduce((s, c) => s + c.n, 0);
  const days = (list: { days: number }[]) => list.reduce((s, c) => s + c.days, 0);
  const cm = closedOf('case_management');
  const isDropOut = (c: { reason: string | null }) =>
    (DROP_OUT_REASONS as readonly (string | null)[]).includes(c.reason);
  const group = (planned: boolean) => cm.filter((c) => c.planned === planned);

  // Evaluations: who ended the case, life situation, satisfaction; destinations of training/work cases.
  const evaluations = closed;
  const evaluated = (filter: (e: (typeof closed)[number]) => boolean) =>
    evaluations.filter(filter).reduce((s, e) => s + e.evaluated, 0);
  const endedKeys = ['case_manager', 'client', 'both'] as const;
  const lifeKeys = ['yes', 'partly', 'no'] as const;
  const endedCount = (k: string | null) =>
    evaluated((e) =>
      k === null ? !(endedKeys as readonly (string | null)[]).includes(e.endedBy) : e.endedBy === k,
    );
  const lifeCount = (k: string | null) =>
    evaluated((e) =>
      k === null
        ? !(lifeKeys as readonly (string | null)[]).includes(e.lifeSituation)
        : e.lifeSituation === k,
    );
  const evaluatedTotal = evaluated(() => true);
  const training = evaluations.filter((e) => e.training);
  const destCount = (k: string | null) =>
    training
      .filter((e) =>
        k === null
          ? e.destination === null || !(DESTINATIONS as readonly string[]).includes(e.destination)
          : e.destination === k,
      )
      .reduce((s, e) => s + e.n, 0);
  const destTotal = count(training);
  const retained = RETAINED.reduce((s, k) => s + destCount(k), 0);
  const integrated = INTEGRATED.reduce((s, k) => s + destCount(k), 0);
  const satisfaction = (d: (typeof SATISFACTION_DIMENSIONS)[number]) => {
    const n = evaluations.reduce((s, e) => s + (e.satisfaction[d]?.n ?? 0), 0);
    const sum = evaluations.reduce((s, e) => s + (e.satisfaction[d]?.sum ?? 0), 0);
    return { n, mean: n > 0 ? sum / n : null };
  };

  const attainment = (data: { attainment: string; n: unknown }[], k: string) =>
    num(data.find((d) => d.attainment === k)?.n);
  const finalTotal = ATTAINMENTS.reduce((s, k) => s + attainment(finals, k), 0);
  const reviewTotal = ATTAINMENTS.reduce((s, k) => s + attainment(reviews, k), 0);

  const closures: TableSpec[] = [
    byKindTable(
      t,
      'closureReasons',
      t.columns.reason,
      codeRows(CLOSURE_REASONS, t.closureReason, (reason) => byKind((kind) => reasonCount(reason, kind)), {
        label: t.notGiven,
        present: closed.some((c) => c.reason === null),
      }),
      null,
    ),
    shareTable(
      t,
      { key: 'endedBy', title: t.tables.endedBy, rowLabel: t.columns.endedBy, note: null },
      endedKeys,
      t.endedBy,
      endedCount,
      evaluatedTotal,
    ),
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
        const list = closedOf(kind);
        return {
          key: kind,
          label: t.kind[kind],
          cells: {
            cases: count(list),
            averageDays: average(count(list) > 0 ? days(list) / count(list) : null, count(list)),
          },
        };
      }),
      total: {
        label: t.total,
        cells: {
          averageDays: average(count(closed) > 0 ? days(closed) / count(closed) : null, count(closed)),
        },
      },
      note: t.notes.caseDuration,
    },
    phases,
  ];

  const results: TableSpec[] = [
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
      rows: ATTAINMENTS.map((k) => ({
        key: k,
        label: t.attainment[k],
        cells: {
          final: attainment(finals, k),
          finalShare: share(attainment(finals, k), finalTotal),
          reviews: attainment(reviews, k),
          reviewShare: share(attainment(reviews, k), reviewTotal),
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
        cells: { average: average(satisfaction(d).mean, satisfaction(d).n), answers: satisfaction(d).n },
      })),
      note: t.notes.satisfaction,
    },
    shareTable(
      t,
      { key: 'lifeSituation', title: t.tables.lifeSituation, rowLabel: t.columns.lifeSituation, note: null },
      lifeKeys,
      t.lifeSituation,
      lifeCount,
      evaluatedTotal,
    ),
    shareTable(
      t,
      {
        key: 'destinations',
        title: t.tables.destinations,
        rowLabel: t.columns.destination,
        note: t.notes.destinations,
      },
      DESTINATIONS,
      t.destination,
      destCount,
      destTotal,
    ),
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

  const dropOut: TableSpec = {
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
    rows: ([true, false] as const).map((planned) => {
      const list = group(planned);
      const dropped = count(list.filter(isDropOut));
      return {
        key: planned ? 'with_steps' : 'without_steps',
        label: planned ? t.columns.withSteps : t.columns.withoutSteps,
        cells: { closed: count(list), droppedOut: dropped, dropOutRate: share(dropped, count(list)) },
      };
    }),
    total: { label: t.total, cells: { dropOutRate: share(count(cm.filter(isDropOut)), count(cm)) } },
    note: t.notes.dropOut,
  };
  return { closures, results, dropOut };
}

/** Goal reviews of the period by attainment (through the plans' organisation, unless org units are chosen). */
async function goalReviews(q: Q): Promise<{ attainment: string; n: number }[]> {
  const base = q.db
    .selectFrom('goal_reviews')
    .innerJoin('plans', 'plans.id', 'goal_reviews.plan_id')
    .where('plans.organisation_id', 'in', q.orgIds)
    .where('goal_reviews.reviewed_on', '>=', q.period.from)
    .where('goal_reviews.reviewed_on', '<=', q.period.to);
  const scoped = q.unitIds
    ? base.innerJoin('cases', 'cases.id', 'plans.case_id').where(casesInScope(q))
    : base;
  const rows = await scoped
    .select((eb) => ['goal_reviews.attainment', eb.fn.countAll<number>().as('n')])
    .groupBy('goal_reviews.attainment')
    .execute();
  return rows.map((r) => ({ attainment: r.attainment, n: num(r.n) }));
}

async function network(q: Q): Promise<TableSpec[]> {
  const { t } = q;
  const waiting = daysBetweenDates(q.dialect, sql`referrals.requested_on`, sql`referrals.started_on`);
  const base = q.db
    .selectFrom('referrals')
    .innerJoin('partners', 'partners.id', 'referrals.partner_id')
    .where('referrals.organisation_id', 'in', q.orgIds)
    .where('referrals.requested_on', '>=', q.period.from)
    .where('referrals.requested_on', '<=', q.period.to);
  const scoped = q.unitIds
    ? base.innerJoin('cases', 'cases.id', 'referrals.case_id').where(casesInScope(q))
    : base;
  const [referrals, gaps, gapTotal] = await Promise.all([
    scoped
      .select((eb) => [
        'partners.type',
        'referrals.status',
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('referrals.started_on').as('started'),
        sql<number | null>`sum(case when referrals.started_on is not null then ${waiting} end)`.as('waiting'),
      ])
      .groupBy(['partners.type', 'referrals.status'])
      .execute(),
    gapReportsByField(q),
    gapCaseTotal(q),
  ]);
  const types = [...new Set(referrals.map((r) => r.type))];
  const labels = await partnerTypeLabels(q, types);
  const typeOrder = types.sort((a, b) => (labels.get(a) ?? a).localeCompare(labels.get(b) ?? b, t.locale));
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

/** Running CM cases per org unit at the reference day: per full-time post, and with steps in the next 30 days. */
async function workload(q: Q, groups: ServedGroup[]): Promise<TableSpec[]> {
  const { t } = q;
  const [posts, units] = await Promise.all([postsByUnit(q), unitNames(q)]);
  const unitSum = (unit: string, key: 'runningCm' | 'plannedCm') =>
    groups.filter((g) => g.unit === unit).reduce((s, g) => s + (g.counts[key] ?? 0), 0);
  const runningOf = (unit: string) => unitSum(unit, 'runningCm');
  const plannedOf = (unit: string) => unitSum(unit, 'plannedCm');
  // Org units without running cases or case managers are left out, unless chosen.
  const shown = units.filter(
    (u) => runningOf(u.id) > 0 || (posts.get(u.id) ?? 0) > 0 || q.scope.orgUnits !== null,
  );
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

export async function annualSections(q: Q): Promise<RawSection[]> {
  const [served, { closures, results, dropOut }, net] = await Promise.all([
    servedPass(q),
    closuresAndResults(q),
    network(q),
  ]);
  const [{ flow, clients }, work] = await Promise.all([casesAndClients(q, served), workload(q, served)]);
  return [
    { key: 'cases', tables: [flow] },
    { key: 'clients', tables: clients },
    { key: 'closures', tables: closures },
    { key: 'results', tables: results },
    { key: 'network', tables: net },
    { key: 'workload', tables: [...work, dropOut] },
  ];
}
