import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { contextOf } from '../../core/http.js';
import {
  IdParams,
  IsoDate,
  IsoTimestamp,
  Nullable,
  PageOf,
  PageQuery,
  Person,
  problemResponses,
  StringEnum,
  Text,
  Uuid,
  Version,
} from '../../core/schemas.js';
import { GAP_OUTCOMES, GAP_SOURCES, GAP_STATUSES, GROUP_BY, URGENCIES } from './domain.js';
import { CONTENT_TYPES, EXPORT_FORMATS, exportFilename, planningCsv, planningXlsx } from './export.js';
import { FIELDS_OF_ACTION } from './fields.js';
import {
  caseGapReports,
  changeGapReportStatus,
  commentGapReport,
  createGapReport,
  getGapReport,
  linkCaseToGapReport,
  listGapReports,
  planningGaps,
  updateGapReport,
} from './service.js';

const Organisation = Type.Object({ id: Uuid, name: Type.String() });

const ReportFields = {
  need: Type.String({ minLength: 1, maxLength: 300, description: 'the needed help (Bedarf), no names' }),
  field: StringEnum(FIELDS_OF_ACTION),
  targetGroup: Type.Optional(Text(200)),
  district: Type.Optional(Text(200)),
  urgency: StringEnum(URGENCIES),
  description: Type.Optional(Text(4000)),
  confirm: Type.Optional(
    Type.Boolean({ description: 'keep texts that contain the linked client’s name or birth date' }),
  ),
};

const ListItem = {
  id: Uuid,
  organisation: Organisation,
  need: Type.String(),
  field: StringEnum(FIELDS_OF_ACTION),
  targetGroup: Nullable(Type.String()),
  district: Nullable(Type.String()),
  urgency: StringEnum(URGENCIES),
  source: StringEnum(GAP_SOURCES),
  status: StringEnum(GAP_STATUSES),
  outcome: Nullable(StringEnum(GAP_OUTCOMES)),
  reportedOn: IsoDate,
  caseCount: Type.Integer({ description: 'how many cases are behind the report (never which)' }),
  version: Type.Integer(),
};
const ListItemSchema = Type.Object(ListItem);

const CommentSchema = Type.Object({
  id: Uuid,
  text: Nullable(Type.String()),
  statusFrom: Nullable(StringEnum(GAP_STATUSES)),
  statusTo: Nullable(StringEnum(GAP_STATUSES)),
  createdAt: IsoTimestamp,
  createdBy: Person,
});

const ReportSchema = Type.Object({
  ...ListItem,
  description: Nullable(Type.String()),
  createdBy: Nullable(Person),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  comments: Type.Array(CommentSchema),
  history: Type.Array(CommentSchema),
  allowedMoves: Type.Array(StringEnum(GAP_STATUSES)),
  permissions: Type.Object({
    edit: Type.Boolean(),
    changeStatus: Type.Boolean(),
    comment: Type.Boolean(),
    link: Type.Boolean(),
  }),
});

const CaseReportSchema = Type.Object({
  id: Uuid,
  need: Type.String(),
  field: StringEnum(FIELDS_OF_ACTION),
  urgency: StringEnum(URGENCIES),
  status: StringEnum(GAP_STATUSES),
  outcome: Nullable(StringEnum(GAP_OUTCOMES)),
  reportedOn: IsoDate,
  caseCount: Type.Integer(),
  link: Type.Object({
    planStepId: Nullable(Uuid),
    journalEntryId: Nullable(Uuid),
    conferenceId: Nullable(Uuid),
    linkedAt: IsoTimestamp,
  }),
});

const ListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(GAP_STATUSES)),
    field: Type.Optional(StringEnum(FIELDS_OF_ACTION)),
    district: Type.Optional(Type.String({ maxLength: 200 })),
    urgency: Type.Optional(StringEnum(URGENCIES)),
    need: Type.Optional(Type.String({ maxLength: 300, description: 'a bundle key: the need, any case' })),
    targetGroup: Type.Optional(Type.String({ maxLength: 200 })),
    organisationId: Type.Optional(Uuid),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const PlanningFilters = {
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  groupBy: Type.Optional(StringEnum(GROUP_BY)),
  status: Type.Optional(StringEnum(GAP_STATUSES)),
  organisationId: Type.Optional(Uuid),
};

const StatusCounts = Type.Object(
  Object.fromEntries(GAP_STATUSES.map((s) => [s, Type.Integer()])) as Record<
    (typeof GAP_STATUSES)[number],
    ReturnType<typeof Type.Integer>
  >,
);

const BundleSchema = Type.Object({
  key: Nullable(Type.String({ description: 'the bundle key (lower case; a field code); null: not given' })),
  label: Nullable(Type.String({ description: 'one spelling of the key as reported' })),
  reports: Type.Integer(),
  cases: Type.Integer({ description: 'distinct cases behind the reports' }),
  byStatus: StatusCounts,
  trend: Type.Array(Type.Object({ month: Type.String(), reports: Type.Integer() })),
  byOrganisation: Type.Array(Type.Object({ id: Uuid, name: Type.String(), reports: Type.Integer() })),
});

const PlanningSchema = Type.Object({
  items: Type.Array(BundleSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  from: IsoDate,
  to: IsoDate,
  groupBy: StringEnum(GROUP_BY),
  status: Nullable(StringEnum(GAP_STATUSES)),
  months: Type.Array(Type.String()),
  organisations: Type.Array(Organisation),
  totals: Type.Object({ reports: Type.Integer(), cases: Type.Integer() }),
});

export async function gapRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());
  const tags = ['Gap reports'];

  r.post(
    '/api/gap-reports',
    {
      schema: {
        tags,
        summary:
          'Report a missing help (fehlender Hilfebaustein) from a plan step, journal entry, conference theme or on its own; ' +
          'texts naming the linked client need "confirm"',
        body: Type.Object(
          {
            ...ReportFields,
            caseId: Type.Optional(Nullable(Uuid)),
            planStepId: Type.Optional(Nullable(Uuid)),
            journalEntryId: Type.Optional(Nullable(Uuid)),
            conferenceId: Type.Optional(Nullable(Uuid)),
            themeId: Type.Optional(Nullable(Uuid)),
          },
          { additionalProperties: false },
        ),
        response: { 201: ReportSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createGapReport(deps, ctx(request), request.body)),
  );

  r.get(
    '/api/gap-reports',
    {
      schema: {
        tags,
        summary:
          "The organisation's gap reports (the coordination office: those of organisations sharing aggregates)",
        querystring: ListQuery,
        response: {
          200: Type.Object({ ...PageOf(ListItemSchema).properties, organisations: Type.Array(Organisation) }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => listGapReports(deps, ctx(request), request.query),
  );

  r.get(
    '/api/gap-reports/:id',
    {
      schema: {
        tags,
        summary: 'One gap report with comments, status history and the number of cases behind it',
        params: IdParams,
        response: { 200: ReportSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => getGapReport(deps, ctx(request), request.params.id),
  );

  r.put(
    '/api/gap-reports/:id',
    {
      schema: {
        tags,
        summary: 'Correct a report (its author or a team lead) while the planning level has not taken it up',
        params: IdParams,
        body: Type.Object({ ...ReportFields, version: Version() }, { additionalProperties: false }),
        response: { 200: ReportSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateGapReport(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/gap-reports/:id/cases',
    {
      schema: {
        tags,
        summary: '"Betrifft auch diesen Fall": one more case behind an open report (each case counts once)',
        params: IdParams,
        body: Type.Object(
          {
            caseId: Uuid,
            planStepId: Type.Optional(Nullable(Uuid)),
            journalEntryId: Type.Optional(Nullable(Uuid)),
          },
          { additionalProperties: false },
        ),
        response: {
          200: ReportSchema,
          201: ReportSchema,
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { created, report } = await linkCaseToGapReport(
        deps,
        ctx(request),
        request.params.id,
        request.body,
      );
      return reply.code(created ? 201 : 200).send(report);
    },
  );

  r.post(
    '/api/gap-reports/:id/status',
    {
      schema: {
        tags,
        summary:
          'Move the status (planning level): reported → under_review → in_planning → closed (solved, or declined with a comment)',
        params: IdParams,
        body: Type.Object(
          {
            status: StringEnum(GAP_STATUSES),
            outcome: Type.Optional(Nullable(StringEnum(GAP_OUTCOMES))),
            comment: Type.Optional(Text(4000)),
            version: Version(),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReportSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => changeGapReportStatus(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/gap-reports/:id/comments',
    {
      schema: {
        tags,
        summary: 'A comment of the planning level on a report',
        params: IdParams,
        body: Type.Object(
          { text: Type.String({ minLength: 1, maxLength: 4000 }) },
          { additionalProperties: false },
        ),
        response: { 201: CommentSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await commentGapReport(deps, ctx(request), request.params.id, request.body)),
  );

  r.get(
    '/api/cases/:id/gap-reports',
    {
      schema: {
        tags,
        summary: 'The gap reports linked to this case (case team only)',
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(CaseReportSchema) }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => caseGapReports(deps, ctx(request), request.params.id),
  );

  r.get(
    '/api/planning/gaps',
    {
      config: { rateLimit: 'report' },
      schema: {
        tags,
        summary:
          'Planning view: reports bundled by need, field, target group or district with counts of reports and cases, ' +
          'per status and month — no names, no case ids',
        querystring: Type.Object({ ...PlanningFilters, ...PageQuery }, { additionalProperties: false }),
        response: { 200: PlanningSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => planningGaps(deps, ctx(request), request.query),
  );

  r.get(
    '/api/planning/gaps/export',
    {
      config: { rateLimit: 'report' },
      schema: {
        tags,
        summary: 'The planning view as a CSV or XLSX file (all bundles, same numbers as on screen)',
        querystring: Type.Object(
          { ...PlanningFilters, format: StringEnum(EXPORT_FORMATS) },
          { additionalProperties: false },
        ),
        produces: [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx],
        response: { ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const context = ctx(request);
      const { format, ...filters } = request.query;
      const planning = await planningGaps(deps, context, filters, { all: true });
      const organisation = filters.organisationId
        ? (planning.organisations.find((o) => o.id === filters.organisationId)?.name ?? null)
        : null;
      const body =
        format === 'csv'
          ? planningCsv(planning, context.locale)
          : await planningXlsx(planning, context.locale, organisation);
      return reply
        .type(CONTENT_TYPES[format])
        .header(
          'content-disposition',
          `attachment; filename="${exportFilename(planning, context.locale, format)}"`,
        )
        .send(body);
    },
  );
}
