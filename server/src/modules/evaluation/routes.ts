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
import { CASE_KINDS, CLOSURE_REASONS, PHASES } from '../cases/domain.js';
import { FIELDS_OF_ACTION } from '../gaps/fields.js';
import { ATTAINMENTS, GOAL_STATUSES } from '../plan/domain.js';
import {
  DESTINATIONS,
  ENDED_BY,
  FORM_LANGUAGES,
  LIFE_SITUATIONS,
  METHODS,
  SATISFACTION_MODES,
  SCALE_MAX,
  SCALE_MIN,
} from './domain.js';
import { satisfactionForm } from './form.js';
import { changeCaseKind, closeCase, getEvaluation, reopenCase, saveEvaluation } from './service.js';

const Score = Nullable(Type.Integer({ minimum: SCALE_MIN, maximum: SCALE_MAX }));
const SatisfactionSchema = Type.Object(
  { general: Score, course: Score, results: Score, expectations: Score, mandate: Score },
  {
    additionalProperties: false,
    description: '1 = not at all satisfied … 5 = very satisfied; null = not answered [001 L1154–1160]',
  },
);
const GoalRating = Type.Object(
  { goalId: Uuid, attainment: StringEnum(ATTAINMENTS) },
  { additionalProperties: false },
);

const EvaluationSchema = Type.Object({
  id: Uuid,
  evaluatedOn: IsoDate,
  endedBy: Nullable(StringEnum(ENDED_BY)),
  lifeSituation: Nullable(StringEnum(LIFE_SITUATIONS)),
  satisfaction: SatisfactionSchema,
  satisfactionMean: Nullable(Type.Number()),
  satisfactionMode: StringEnum(SATISFACTION_MODES),
  satisfactionLanguage: Nullable(StringEnum(FORM_LANGUAGES)),
  methods: Type.Array(StringEnum(METHODS)),
  destination: Nullable(StringEnum(DESTINATIONS)),
  gapsFound: Nullable(Type.String()),
  summary: Nullable(Type.String()),
  goals: Type.Array(GoalRating),
  followUpOffered: Type.Boolean(),
  followUpAgreed: Type.Boolean(),
  followUpDueOn: Nullable(IsoDate),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  updatedBy: Person,
  version: Type.Integer(),
});

const EnvelopeSchema = Type.Object({
  case: Type.Object({
    id: Uuid,
    kind: StringEnum(CASE_KINDS),
    phase: StringEnum(PHASES),
    openedOn: IsoDate,
    closedOn: Nullable(IsoDate),
    closureReason: Nullable(Type.String()),
    anonymised: Type.Boolean(),
    version: Type.Integer(),
  }),
  evaluation: Nullable(EvaluationSchema),
  goals: Type.Array(
    Type.Object({
      id: Uuid,
      parentId: Nullable(Uuid),
      wording: Type.String(),
      status: StringEnum(GOAL_STATUSES),
      field: Nullable(StringEnum(FIELDS_OF_ACTION)),
      lastReview: Nullable(Type.Object({ attainment: StringEnum(ATTAINMENTS), reviewedOn: IsoDate })),
    }),
  ),
  kindHistory: Type.Array(
    Type.Object({
      from: StringEnum(CASE_KINDS),
      to: StringEnum(CASE_KINDS),
      reason: Nullable(Type.String()),
      changedAt: IsoTimestamp,
      changedBy: Person,
    }),
  ),
  closure: Type.Object({ evaluationRequired: Type.Boolean() }),
  permissions: Type.Object({
    edit: Type.Boolean(),
    close: Type.Boolean(),
    reopen: Type.Boolean(),
    changeKind: Type.Boolean(),
  }),
});

const SaveBody = Type.Object(
  {
    version: Version({ minimum: 0, description: '0 creates the evaluation' }),
    evaluatedOn: IsoDate,
    endedBy: Type.Optional(Nullable(StringEnum(ENDED_BY))),
    lifeSituation: Type.Optional(Nullable(StringEnum(LIFE_SITUATIONS))),
    satisfaction: SatisfactionSchema,
    satisfactionMode: StringEnum(SATISFACTION_MODES),
    satisfactionLanguage: Type.Optional(
      Nullable(StringEnum(FORM_LANGUAGES, { description: 'required with client_form' })),
    ),
    methods: Type.Array(StringEnum(METHODS), { maxItems: METHODS.length, uniqueItems: true }),
    destination: Type.Optional(Nullable(StringEnum(DESTINATIONS))),
    gapsFound: Type.Optional(Text(4000)),
    summary: Type.Optional(Text(8000)),
    goals: Type.Array(GoalRating, { maxItems: 200 }),
    followUpOffered: Type.Boolean(),
    followUpAgreed: Type.Boolean(),
  },
  { additionalProperties: false },
);

const FormTextsSchema = Type.Object({
  title: Type.String(),
  intro: Type.String(),
  instructions: Type.String(),
  questions: Type.Object({
    general: Type.String(),
    course: Type.String(),
    results: Type.String(),
    expectations: Type.String(),
    mandate: Type.String(),
  }),
  scale: Type.Array(Type.String(), { minItems: 5, maxItems: 5 }),
  voluntary: Type.String(),
  date: Type.String(),
  thanks: Type.String(),
});

export async function evaluationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());
  const tags = ['Evaluation'];

  r.get(
    '/api/cases/:id/evaluation',
    {
      schema: {
        tags,
        summary:
          "The case's evaluation (null before the first save), the plan's goals to rate, the kind history and what the actor may do",
        params: IdParams,
        response: { 200: EnvelopeSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => getEvaluation(deps, ctx(request), request.params.id),
  );

  r.put(
    '/api/cases/:id/evaluation',
    {
      schema: {
        tags,
        summary:
          'Save the evaluation as a whole while the case runs: final attainment per goal, satisfaction in five dimensions, life situation, methods, Verbleib, gaps, summary, the follow-up talk',
        params: IdParams,
        body: SaveBody,
        response: { 200: EnvelopeSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => saveEvaluation(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/cases/:id/close',
    {
      schema: {
        tags,
        summary:
          'The formal closure (Entpflichtung) with date and reason; a CM case needs its evaluation (409 evaluation-required); unrated goals and open follow-ups need confirm: true (409 confirmation-required). An agreed follow-up talk becomes a follow-up six months later',
        params: IdParams,
        body: Type.Object(
          {
            version: Version({ description: "the case's version" }),
            closedOn: IsoDate,
            closureReason: StringEnum(CLOSURE_REASONS, {
              description: 'no_contact is set only by the retention job',
            }),
            confirm: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: EnvelopeSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => closeCase(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/cases/:id/reopen',
    {
      schema: {
        tags,
        summary:
          'Reopen a closed case with the reason: back to the phase before closing, end date and reason cleared. An anonymised case answers 409 case-anonymised (open a new case instead)',
        params: IdParams,
        body: Type.Object(
          { version: Version(), reason: Type.String({ minLength: 1, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 200: EnvelopeSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => reopenCase(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/cases/:id/kind',
    {
      schema: {
        tags,
        summary:
          'Convert a counselling case into a case-management case or back, with the reason (kept as history)',
        params: IdParams,
        body: Type.Object(
          {
            version: Version(),
            kind: StringEnum(CASE_KINDS),
            reason: Type.String({ minLength: 1, maxLength: 2000 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: EnvelopeSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => changeCaseKind(deps, ctx(request), request.params.id, request.body),
  );

  r.get(
    '/api/evaluation/satisfaction-form',
    {
      schema: {
        tags,
        summary:
          "The client's satisfaction form: the five questions and the labels of the 1–5 scale in the client's language beside German",
        querystring: Type.Object({ language: StringEnum(FORM_LANGUAGES) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            language: StringEnum(FORM_LANGUAGES),
            direction: StringEnum(['ltr', 'rtl'] as const),
            texts: FormTextsSchema,
            german: Nullable(FormTextsSchema),
          }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => satisfactionForm(request.query.language),
  );
}
