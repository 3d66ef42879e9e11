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
  Person,
  problemResponses,
  StringEnum,
  Text,
  Uuid,
  Version,
} from '../../core/schemas.js';
import {
  ATTAINMENTS,
  CHANGE_KINDS,
  CONSEQUENCES,
  GOAL_STATUSES,
  LEGAL_TYPES,
  PLAN_LABELS,
  SIGNATURE_FORMS,
  SIGNERS,
  STEP_MODES,
  STEP_STATUSES,
  STEP_WHO,
} from './domain.js';
import {
  addGoalReview,
  addSignature,
  agreePlan,
  getPlan,
  planHistory,
  planVersion,
  printablePlan,
  recordHandout,
  savePlan,
} from './service.js';
import { PRINT_LANGUAGES } from './print.js';
import { FIELDS_OF_ACTION } from '../gaps/fields.js';

const SmartSchema = Type.Object(
  {
    specific: Type.Optional(Type.Boolean()),
    measurable: Type.Optional(Type.Boolean()),
    achievable: Type.Optional(Type.Boolean()),
    relevant: Type.Optional(Type.Boolean()),
    timed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const StepFields = {
  what: Type.String({ minLength: 1, maxLength: 1000 }),
  who: StringEnum(STEP_WHO),
  whoName: Type.Optional(Text(200)),
  dueOn: Type.Optional(Nullable(IsoDate)),
  provider: Type.Optional(Text(200)),
  offer: Type.Optional(Text(200)),
  costBearer: Type.Optional(Text(200)),
  mode: Type.Optional(Nullable(StringEnum(STEP_MODES))),
  status: StringEnum(STEP_STATUSES),
  offerAvailable: Type.Optional(Nullable(Type.Boolean())),
  doneOn: Type.Optional(Nullable(IsoDate)),
};
const StepInput = Type.Object({ id: Type.Optional(Uuid), ...StepFields }, { additionalProperties: false });
const GoalFields = {
  wording: Type.String({ minLength: 1, maxLength: 1000 }),
  clientWords: Type.Optional(Type.Boolean()),
  indicator: Type.Optional(Text(1000)),
  targetOn: Type.Optional(Nullable(IsoDate)),
  followUpOn: Type.Optional(Nullable(IsoDate)),
  needId: Type.Optional(Nullable(Uuid)),
  field: Type.Optional(Nullable(StringEnum(FIELDS_OF_ACTION))),
  smart: Type.Optional(SmartSchema),
  status: StringEnum(GOAL_STATUSES),
};
const SubGoalInput = Type.Object(
  { id: Type.Optional(Uuid), ...GoalFields, steps: Type.Array(StepInput, { maxItems: 50 }) },
  { additionalProperties: false },
);
const GoalInput = Type.Object(
  {
    id: Type.Optional(Uuid),
    ...GoalFields,
    steps: Type.Array(StepInput, { maxItems: 50 }),
    subGoals: Type.Optional(Type.Array(SubGoalInput, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
const HeaderSchema = Type.Object(
  {
    participants: Text(2000),
    benefitsEarlier: Text(2000),
    benefitsCurrent: Text(2000),
    problem: Text(2000),
    resources: Text(2000),
    obligations: Text(2000),
    costBearers: Text(2000),
    reviewOn: Nullable(IsoDate),
  },
  { additionalProperties: false },
);

const ReviewSchema = Type.Object({
  id: Uuid,
  reviewedOn: IsoDate,
  attainment: StringEnum(ATTAINMENTS),
  comment: Nullable(Type.String()),
  consequence: StringEnum(CONSEQUENCES),
  createdBy: Person,
});
const StepSchema = Type.Object({
  id: Uuid,
  what: Type.String(),
  who: StringEnum(STEP_WHO),
  whoName: Nullable(Type.String()),
  dueOn: Nullable(IsoDate),
  provider: Nullable(Type.String()),
  offer: Nullable(Type.String()),
  costBearer: Nullable(Type.String()),
  mode: Nullable(StringEnum(STEP_MODES)),
  status: StringEnum(STEP_STATUSES),
  offerAvailable: Nullable(Type.Boolean()),
  doneOn: Nullable(IsoDate),
});
const GoalView = {
  id: Uuid,
  wording: Type.String(),
  clientWords: Type.Boolean(),
  indicator: Nullable(Type.String()),
  targetOn: Nullable(IsoDate),
  followUpOn: Nullable(IsoDate),
  needId: Nullable(Uuid),
  field: Nullable(StringEnum(FIELDS_OF_ACTION)),
  smart: Type.Object({
    specific: Type.Boolean(),
    measurable: Type.Boolean(),
    achievable: Type.Boolean(),
    relevant: Type.Boolean(),
    timed: Type.Boolean(),
  }),
  status: StringEnum(GOAL_STATUSES),
  steps: Type.Array(StepSchema),
  reviews: Type.Array(ReviewSchema),
  journalEntries: Type.Integer({ description: 'journal entries linked to this goal' }),
};
const SubGoalSchema = Type.Object(GoalView);
const GoalSchema = Type.Object({ ...GoalView, subGoals: Type.Array(SubGoalSchema) });
const FindingSchema = Type.Object({
  pointer: Type.Optional(Type.String()),
  code: Type.String(),
  message: Type.String(),
  params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
const StatusSchema = Type.Object({
  goals: Type.Object({
    total: Type.Integer(),
    byAttainment: Type.Record(Type.String(), Type.Integer()),
  }),
  overdueSteps: Type.Integer(),
  stepsNext30Days: Type.Integer(),
  nextReviewOn: Nullable(IsoDate),
});
const PlanSchema = Type.Object({
  id: Uuid,
  caseId: Uuid,
  status: StringEnum(['draft', 'agreed'] as const),
  legalType: Nullable(StringEnum(LEGAL_TYPES)),
  bindingness: Nullable(StringEnum(['binding', 'voluntary', 'external'] as const)),
  legalNote: Nullable(Type.String()),
  header: HeaderSchema,
  goals: Type.Array(GoalSchema),
  signatures: Type.Array(
    Type.Object({
      id: Uuid,
      planVersion: Type.Integer(),
      signer: StringEnum(SIGNERS),
      name: Nullable(Type.String()),
      form: StringEnum(SIGNATURE_FORMS),
      signedOn: IsoDate,
    }),
  ),
  glance: StatusSchema,
  agreedAt: Nullable(IsoTimestamp),
  updatedAt: IsoTimestamp,
  updatedBy: Person,
  version: Type.Integer(),
  warnings: Type.Array(FindingSchema),
});
const PlanEnvelope = Type.Object({
  plan: Nullable(PlanSchema),
  label: StringEnum(PLAN_LABELS),
  rules: Type.Object({ maxGoals: Nullable(Type.Integer()), requireIndicator: Type.Boolean() }),
  permissions: Type.Object({ write: Type.Boolean() }),
});
const SaveBody = Type.Object(
  {
    version: Version({ minimum: 0, description: '0 creates the plan' }),
    changeKind: Type.Optional(StringEnum(CHANGE_KINDS)),
    reason: Type.Optional(Text(2000)),
    legalType: Type.Optional(Nullable(StringEnum(LEGAL_TYPES))),
    legalNote: Type.Optional(Text(1000)),
    header: HeaderSchema,
    goals: Type.Array(GoalInput, { maxItems: 20 }),
  },
  { additionalProperties: false },
);

export async function planRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());
  const tags = ['Plan'];

  r.get(
    '/api/cases/:id/plan',
    {
      schema: {
        tags,
        summary:
          "The case's current plan (null before the first save), its label and the organisation's rules",
        params: IdParams,
        response: { 200: PlanEnvelope, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => getPlan(deps, ctx(request), request.params.id),
  );

  r.put(
    '/api/cases/:id/plan',
    {
      schema: {
        tags,
        summary:
          'Save the whole plan. Once agreed, every change is an extension or a revision (a revision needs a reason)',
        params: IdParams,
        body: SaveBody,
        response: { 200: PlanEnvelope, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => savePlan(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/cases/:id/plan/agree',
    {
      schema: {
        tags,
        summary:
          'Agree the plan with the client (goals need an indicator unless the organisation allows otherwise)',
        params: IdParams,
        body: Type.Object({ version: Version() }, { additionalProperties: false }),
        response: { 200: PlanEnvelope, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => agreePlan(deps, ctx(request), request.params.id, request.body.version),
  );

  r.get(
    '/api/cases/:id/plan/history',
    {
      schema: {
        tags,
        summary: "The plan's history: agreement, extensions and revisions with their reasons",
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                version: Type.Integer(),
                changeKind: StringEnum(['agreed', ...CHANGE_KINDS] as const),
                reason: Nullable(Type.String()),
                summary: Type.Record(Type.String(), Type.Unknown()),
                changedAt: IsoTimestamp,
                changedBy: Person,
              }),
            ),
          }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => planHistory(deps, ctx(request), request.params.id),
  );

  r.get(
    '/api/cases/:id/plan/versions/:version',
    {
      schema: {
        tags,
        summary: 'The plan as it was at one version of its history',
        params: Type.Object({ id: Uuid, version: Version() }, { additionalProperties: false }),
        response: {
          200: Type.Object({ version: Type.Integer(), snapshot: Type.Record(Type.String(), Type.Unknown()) }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => planVersion(deps, ctx(request), request.params.id, request.params.version),
  );

  r.post(
    '/api/plan-goals/:id/reviews',
    {
      schema: {
        tags,
        summary: 'Goal review (Zielüberprüfung): attainment, comment and what follows',
        params: IdParams,
        body: Type.Object(
          {
            reviewedOn: IsoDate,
            attainment: StringEnum(ATTAINMENTS),
            comment: Type.Optional(Text(2000)),
            consequence: StringEnum(CONSEQUENCES),
          },
          { additionalProperties: false },
        ),
        response: { 201: ReviewSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addGoalReview(deps, ctx(request), request.params.id, request.body)),
  );

  r.post(
    '/api/cases/:id/plan/signatures',
    {
      schema: {
        tags,
        summary: 'Record who signed the plan (paper) or agreed orally, and when',
        params: IdParams,
        body: Type.Object(
          {
            signer: StringEnum(SIGNERS),
            name: Type.Optional(Text(200)),
            form: StringEnum(SIGNATURE_FORMS),
            signedOn: IsoDate,
          },
          { additionalProperties: false },
        ),
        response: { 200: PlanEnvelope, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => addSignature(deps, ctx(request), request.params.id, request.body),
  );

  r.get(
    '/api/cases/:id/plan/print',
    {
      schema: {
        tags,
        summary: "The client's printout: plain-language labels in the client's language beside German",
        params: IdParams,
        querystring: Type.Object({ language: StringEnum(PRINT_LANGUAGES) }, { additionalProperties: false }),
        response: {
          200: Type.Record(Type.String(), Type.Unknown()),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => printablePlan(deps, ctx(request), request.params.id, request.query.language),
  );

  r.post(
    '/api/cases/:id/plan/handouts',
    {
      schema: {
        tags,
        summary: 'Record that the printout went to the client (disclosure log)',
        params: IdParams,
        body: Type.Object(
          { language: StringEnum(PRINT_LANGUAGES), version: Version() },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await recordHandout(deps, ctx(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );
}
