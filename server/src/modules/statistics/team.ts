import { sql, type SqlBool } from 'kysely';
import type { RowInput, TableSpec } from './domain.js';
import {
  casesInScope,
  countIf,
  num,
  postsByUnit,
  runningOn,
  servedInPeriod,
  unitNames,
  type Q,
  type RawSection,
} from './queries.js';

/**
 * The team lead's monthly view (issue 8): per org unit and per case manager the running, new and closed cases,
 * overdue follow-ups, plan reviews due and the caseload per full-time post — names of staff, never of clients.
 */

export async function teamSections(q: Q): Promise<RawSection[]> {
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
          note: `${t.notes.team} ${t.thresholdsNote(q.scope.caseload.warn, q.scope.caseload.max)}`,
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
          note: `${t.notes.team} ${t.thresholdsNote(q.scope.caseload.warn, q.scope.caseload.max)}`,
        },
      ],
    },
  ];
}
