import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TInteger, type TSchema } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { contextOf } from '../../core/http.js';
import { IsoDate, Nullable, Person, problemResponses, StringEnum, Uuid } from '../../core/schemas.js';
import { CASE_KINDS, PHASES } from '../cases/domain.js';
import { CONSENT_KINDS, PURPOSES } from '../consent/domain.js';
import { GAP_STATUSES } from '../gaps/domain.js';
import { FIELDS_OF_ACTION } from '../gaps/fields.js';
import { LIFE_SITUATIONS, SATISFACTION_DIMENSIONS } from '../evaluation/domain.js';
import {
  caseManagerDashboard,
  plannerDashboard,
  RETENTION_STATES_DUE,
  teamLeadDashboard,
} from './service.js';

const WORKING_PHASES = PHASES.filter((p): p is Exclude<(typeof PHASES)[number], 'closed'> => p !== 'closed');

function Paged<T extends TSchema>(item: T, extra: Record<string, TSchema> = {}) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    ...extra,
  });
}

const CaseRef = Type.Object({ id: Uuid, caseNumber: Type.String(), clientName: Type.String() });
function Counts<const T extends readonly string[]>(keys: T) {
  const properties = {} as Record<T[number], TInteger>;
  for (const key of keys as readonly T[number][]) properties[key] = Type.Integer();
  return Type.Object(properties);
}
const Shown = Nullable(
  Type.Integer({ description: 'null: fewer than minCount (shown as "< minCount"); 0 is shown' }),
);
const Field = Nullable(StringEnum(FIELDS_OF_ACTION));
const DashboardPage = Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 }));

const CaseManagerSchema = Type.Object({
  today: IsoDate,
  followUps: Paged(
    Type.Object({
      id: Uuid,
      dueOn: IsoDate,
      text: Type.String(),
      overdue: Type.Boolean(),
      case: Nullable(
        Type.Object({ id: Uuid, caseNumber: Type.String(), clientName: Nullable(Type.String()) }),
      ),
    }),
    { overdue: Type.Integer({ description: 'open follow-ups past their date' }) },
  ),
  casesByPhase: Type.Array(Type.Object({ phase: StringEnum(WORKING_PHASES), count: Type.Integer() })),
  runningCases: Type.Integer(),
  reviewsDue: Paged(
    Type.Object({
      goalId: Uuid,
      wording: Type.String(),
      followUpOn: IsoDate,
      overdue: Type.Boolean(),
      case: CaseRef,
    }),
    { until: IsoDate },
  ),
  noContact: Paged(
    Type.Object({
      case: CaseRef,
      phase: StringEnum(PHASES),
      lastContactOn: Nullable(IsoDate),
      openedOn: IsoDate,
      daysWithoutContact: Type.Integer(),
    }),
    { days: Type.Integer({ description: 'listed after this many days without contact' }) },
  ),
  expiringConsents: Paged(
    Type.Object({
      id: Uuid,
      kind: StringEnum(CONSENT_KINDS),
      purpose: Nullable(StringEnum(PURPOSES)),
      recipientName: Nullable(Type.String()),
      validUntil: IsoDate,
      client: Type.Object({ id: Uuid, name: Type.String() }),
    }),
    { until: IsoDate },
  ),
});

const KindCounts = Counts(CASE_KINDS);

const TeamLeadSchema = Type.Object({
  today: IsoDate,
  orgUnits: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  caseloads: Type.Object({
    warnPerFte: Type.Integer(),
    maxPerFte: Type.Integer(),
    rows: Type.Array(
      Type.Object({
        user: Person,
        ftePercent: Type.Integer(),
        runningCmCases: Type.Integer(),
        perFte: Nullable(Type.Number()),
        level: StringEnum(['ok', 'high', 'over'] as const),
        byPhase: Type.Record(Type.String(), Type.Integer()),
        overdueFollowUps: Type.Integer(),
      }),
    ),
  }),
  overdueFollowUps: Type.Array(Type.Object({ user: Person, count: Type.Integer() })),
  retention: Type.Object({ total: Type.Integer(), byState: Counts(RETENTION_STATES_DUE) }),
  phases: Type.Array(
    Type.Object({ phase: StringEnum(WORKING_PHASES), count: Type.Integer(), byKind: KindCounts }),
  ),
  runningCases: Type.Integer(),
  newThisMonth: Type.Object({ since: IsoDate, total: Type.Integer(), byKind: KindCounts }),
});

const StatusCounts = Counts(GAP_STATUSES);

const PlannerSchema = Type.Object({
  period: Type.Object({ from: IsoDate, to: IsoDate }),
  minCount: Type.Integer(),
  gaps: Type.Object({
    total: Type.Integer(),
    byStatus: StatusCounts,
    byField: Type.Array(Type.Object({ field: Field, reports: Type.Integer(), byStatus: StatusCounts })),
  }),
  evaluations: Type.Object({
    total: Shown,
    satisfaction: Type.Array(
      Type.Object({
        dimension: StringEnum(SATISFACTION_DIMENSIONS),
        average: Nullable(Type.Number({ description: '1–5, one decimal; null when suppressed or none' })),
        answers: Shown,
      }),
    ),
    lifeSituation: Type.Array(
      Type.Object({
        value: Nullable(StringEnum(LIFE_SITUATIONS)),
        count: Shown,
      }),
    ),
  }),
  referrals: Type.Object({
    byField: Type.Array(
      Type.Object({
        field: Field,
        referrals: Shown,
        started: Shown,
        averageWaitingDays: Nullable(Type.Number()),
      }),
    ),
    total: Type.Object({
      referrals: Shown,
      started: Shown,
      averageWaitingDays: Nullable(Type.Number()),
    }),
  }),
});

export async function dashboardRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());
  const tags = ['Dashboards'];

  r.get(
    '/api/dashboard/case-manager',
    {
      schema: {
        tags,
        summary:
          "The case manager's start page: my open follow-ups, my running cases by phase, goal reviews due, " +
          'cases long without contact, consents and releases ending within 30 days (each list paged)',
        querystring: Type.Object(
          {
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 5 })),
            followUpsPage: DashboardPage,
            reviewsPage: DashboardPage,
            noContactPage: DashboardPage,
            consentsPage: DashboardPage,
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseManagerSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => caseManagerDashboard(deps, ctx(request), request.query),
  );

  r.get(
    '/api/dashboard/team-lead',
    {
      schema: {
        tags,
        summary:
          "The team lead's start page for their org units (no client names): caseloads against the thresholds, " +
          'overdue follow-ups per person, retention decisions due, phases, new cases this month',
        querystring: Type.Object({ orgUnitId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: { 200: TeamLeadSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => teamLeadDashboard(deps, ctx(request), request.query),
  );

  r.get(
    '/api/dashboard/planner',
    {
      schema: {
        tags,
        summary:
          "The planning level's start page for the last twelve months (aggregates only, small counts " +
          'suppressed): gap reports by field and status, evaluation results, referrals and waiting times by field',
        response: { 200: PlannerSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => plannerDashboard(deps, ctx(request)),
  );
}
