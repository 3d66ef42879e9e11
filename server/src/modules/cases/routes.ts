import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { contextOf } from '../../core/http.js';
import { ProcessingSchema } from '../clients/routes.js';
import {
  IdParams,
  IsoDate,
  IsoTimestamp,
  Nullable,
  PageOf,
  PageQuery,
  SearchTerm,
  problemResponses,
  StringEnum,
  Uuid,
  Person,
  Text,
  Version,
} from '../../core/schemas.js';
import {
  ACCESS_ROUTES,
  CLOSURE_REASONS,
  CASE_KINDS,
  CONTRACT_FORMS,
  DELEGATION_SCOPES,
  INDICATION_DECISIONS,
  PHASES,
} from './domain.js';
import {
  breakTheGlass,
  caseloads,
  delegateCase,
  getCase,
  handOverCase,
  listCases,
  moveCase,
  openCase,
  revokeDelegation,
  updateIntake,
} from './service.js';

const MandateSchema = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: 200, description: 'Mandating body, e.g. Jobcenter, court' }),
    text: Type.Optional(Text(2000)),
    sanctionRisk: Type.Optional(Nullable(Type.Boolean())),
    sessions: Type.Optional(
      Nullable(Type.Integer({ minimum: 0, maximum: 100, description: 'Mandatory sessions' })),
    ),
    feedbackChannel: Type.Optional(Text(200)),
    feedbackInterval: Type.Optional(Text(200)),
    voluntarySince: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);

const IntakeInputSchema = Type.Object(
  {
    accessRoute: StringEnum(ACCESS_ROUTES),
    referralAgency: Type.Optional(Text(200)),
    referralPerson: Type.Optional(Text(200)),
    indicationCriteria: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
    indicationDecision: Type.Optional(Nullable(StringEnum(INDICATION_DECISIONS))),
    indicationReason: Type.Optional(Text(4000)),
    referredTo: Type.Optional(Text(200)),
    contractForm: Type.Optional(Nullable(StringEnum(CONTRACT_FORMS))),
    contractOn: Type.Optional(Nullable(IsoDate)),
    contractBy: Type.Optional(Text(200)),
    mandate: Type.Optional(Nullable(MandateSchema)),
  },
  { additionalProperties: false },
);

const CaseSchema = Type.Object({
  id: Uuid,
  caseNumber: Type.String(),
  kind: StringEnum(CASE_KINDS),
  phase: StringEnum(PHASES),
  orgUnit: Type.Object({ id: Uuid, name: Type.String() }),
  responsible: Person,
  openedOn: IsoDate,
  closedOn: Nullable(IsoDate),
  lastContactOn: Nullable(IsoDate),
  client: Type.Object({
    id: Uuid,
    familyName: Type.String(),
    givenNames: Type.String(),
    birthDate: Nullable(IsoDate),
    birthYear: Nullable(Type.Integer()),
  }),
  intake: Type.Object({
    accessRoute: StringEnum(ACCESS_ROUTES),
    referralAgency: Nullable(Type.String()),
    referralPerson: Nullable(Type.String()),
    indicationCriteria: Type.Array(Uuid),
    indicationDecision: Nullable(StringEnum(INDICATION_DECISIONS)),
    indicationReason: Nullable(Type.String()),
    referredTo: Nullable(Type.String()),
    contractForm: Nullable(StringEnum(CONTRACT_FORMS)),
    contractOn: Nullable(IsoDate),
    contractBy: Nullable(Type.String()),
    mandate: Nullable(
      Type.Object({
        body: Type.String(),
        text: Type.Optional(Nullable(Type.String())),
        sanctionRisk: Type.Optional(Nullable(Type.Boolean())),
        sessions: Type.Optional(Nullable(Type.Integer())),
        feedbackChannel: Type.Optional(Nullable(Type.String())),
        feedbackInterval: Type.Optional(Nullable(Type.String())),
        voluntarySince: Type.Optional(Nullable(IsoDate)),
      }),
    ),
  }),
  allowedMoves: Type.Array(StringEnum(PHASES)),
  phaseHistory: Type.Array(
    Type.Object({
      from: Nullable(StringEnum(PHASES)),
      to: StringEnum(PHASES),
      changedAt: IsoTimestamp,
      changedBy: Person,
      reason: Nullable(Type.String()),
    }),
  ),
  handovers: Type.Array(
    Type.Object({
      from: Nullable(Person),
      to: Person,
      reason: Type.String(),
      effectiveOn: IsoDate,
      recordedAt: IsoTimestamp,
    }),
  ),
  delegations: Type.Array(
    Type.Object({
      id: Uuid,
      delegate: Person,
      scope: StringEnum(DELEGATION_SCOPES),
      standing: Type.Boolean(),
      clientAgreementOn: Nullable(IsoDate),
      startsOn: IsoDate,
      endsOn: IsoDate,
      reason: Nullable(Type.String()),
      active: Type.Boolean(),
      revokedAt: Nullable(IsoTimestamp),
    }),
  ),
  accessLog: Type.Array(
    Type.Object({ user: Person, reason: Type.String(), openedAt: IsoTimestamp, expiresAt: IsoTimestamp }),
  ),
  followUps: Type.Object({ open: Type.Integer(), overdue: Type.Integer(), next: Nullable(IsoDate) }),
  permissions: Type.Object({ write: Type.Boolean(), journal: Type.Boolean(), handOver: Type.Boolean() }),
  processing: ProcessingSchema,
  closureReason: Nullable(Type.String()),
  anonymised: Type.Boolean(),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  version: Type.Integer(),
});

const CaseListItemSchema = Type.Object({
  id: Uuid,
  caseNumber: Type.String(),
  kind: StringEnum(CASE_KINDS),
  phase: StringEnum(PHASES),
  orgUnit: Type.Object({ id: Uuid, name: Type.String() }),
  responsible: Person,
  openedOn: IsoDate,
  closedOn: Nullable(IsoDate),
  lastContactOn: Nullable(IsoDate),
  client: Nullable(Type.Object({ familyName: Type.String(), givenNames: Type.String() })),
  overdueFollowUps: Type.Integer(),
  nextFollowUpOn: Nullable(IsoDate),
  canRead: Type.Boolean(),
});

/** The case list's filters, sorting and page (the search term only in a body: SearchTerm). */
const CaseListQuery = {
  ...PageQuery,
  phase: Type.Optional(StringEnum(PHASES)),
  kind: Type.Optional(StringEnum(CASE_KINDS)),
  responsibleUserId: Type.Optional(Uuid),
  orgUnitId: Type.Optional(Uuid),
  overdueFollowUps: Type.Optional(Type.Boolean()),
  noContactDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  includeClosed: Type.Optional(Type.Boolean()),
  sort: Type.Optional(
    StringEnum(['caseNumber', 'openedOn', 'lastContactOn', 'phase', 'nextFollowUp'] as const),
  ),
  order: Type.Optional(StringEnum(['asc', 'desc'] as const)),
};

export async function caseRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Cases'];
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());

  r.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary:
          'Case list: own and delegated cases; for team leads all cases of their org units (without client names). ' +
          'To search by client name or case number: POST /api/cases/search',
        querystring: Type.Object(CaseListQuery, { additionalProperties: false }),
        response: { 200: PageOf(CaseListItemSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listCases(deps, ctx(request), request.query),
  );

  r.post(
    '/api/cases/search',
    {
      schema: {
        tags,
        summary: 'The case list searched by client name or case number: the term in the body, never in a URL',
        body: Type.Object(
          { ...CaseListQuery, ...SearchTerm('Case number or client name') },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(CaseListItemSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listCases(deps, ctx(request), request.body),
  );

  r.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Open a case for a client with the intake (Klärungsphase)',
        body: Type.Object(
          {
            clientId: Uuid,
            kind: StringEnum(CASE_KINDS),
            orgUnitId: Uuid,
            responsibleUserId: Type.Optional(Uuid),
            openedOn: Type.Optional(IsoDate),
            intake: IntakeInputSchema,
          },
          { additionalProperties: false },
        ),
        response: { 201: CaseSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.code(201).send(await openCase(deps, ctx(request), request.body)),
  );

  r.get(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: 'The case file (audited read)',
        params: IdParams,
        response: { 200: CaseSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => getCase(deps, ctx(request), request.params.id),
  );

  r.put(
    '/api/cases/:id/intake',
    {
      schema: {
        tags,
        summary: 'Change the intake data; send the version you read',
        params: IdParams,
        body: Type.Object({ version: Version(), intake: IntakeInputSchema }, { additionalProperties: false }),
        response: { 200: CaseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateIntake(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/cases/:id/phase',
    {
      schema: {
        tags,
        summary: 'Move the case to another phase (forward one step, back to assessment, reopen)',
        params: IdParams,
        body: Type.Object(
          {
            version: Version(),
            to: StringEnum(PHASES),
            reason: Type.Optional(Text(2000)),
            closureReason: Type.Optional(Nullable(StringEnum(CLOSURE_REASONS))),
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => moveCase(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/cases/:id/handover',
    {
      schema: {
        tags,
        summary: 'Hand the case over to another case manager (formal change of Fallverantwortung)',
        params: IdParams,
        body: Type.Object(
          {
            version: Version(),
            toUserId: Uuid,
            reason: Type.String({ minLength: 3, maxLength: 2000 }),
            effectiveOn: Type.Optional(IsoDate),
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => handOverCase(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/cases/:id/delegations',
    {
      schema: {
        tags,
        summary:
          'Delegate the case (Vertretung) for a scope and period; a standing deputy needs the client’s agreement',
        params: IdParams,
        body: Type.Object(
          {
            delegateUserId: Uuid,
            scope: StringEnum(DELEGATION_SCOPES),
            standing: Type.Boolean(),
            clientAgreementOn: Type.Optional(Nullable(IsoDate)),
            startsOn: IsoDate,
            endsOn: IsoDate,
            reason: Type.Optional(Text(2000)),
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => delegateCase(deps, ctx(request), request.params.id, request.body),
  );

  r.delete(
    '/api/cases/:id/delegations/:delegationId',
    {
      schema: {
        tags,
        summary: 'End a delegation',
        params: Type.Object({ id: Uuid, delegationId: Uuid }, { additionalProperties: false }),
        response: { 200: CaseSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => revokeDelegation(deps, ctx(request), request.params.id, request.params.delegationId),
  );

  r.post(
    '/api/cases/:id/break-glass',
    {
      schema: {
        tags,
        summary:
          'Team lead: open a case of the own unit with a recorded reason (visible in the case, audited)',
        params: IdParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 10, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 200: CaseSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => breakTheGlass(deps, ctx(request), request.params.id, request.body.reason),
  );

  r.get(
    '/api/caseloads',
    {
      schema: {
        tags: ['Team'],
        summary: 'Team lead: running CM cases per case manager against the thresholds per full-time post',
        querystring: Type.Object({ orgUnitId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
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
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => caseloads(deps, ctx(request), request.query),
  );
}
