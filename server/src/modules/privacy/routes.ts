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
  problemResponses,
  StringEnum,
  Uuid,
} from '../../core/schemas.js';
import { DATA_CATEGORIES, PURPOSES, RECIPIENT_KINDS } from '../consent/domain.js';
import { caseDisclosures, exportClientData, listDisclosures, shareCase } from './disclosure.js';
import {
  confirmAnonymisation,
  decideRetention,
  listRequests,
  recordRequest,
  resolveRequest,
  retentionBoard,
} from './retention.js';

const RecipientSchema = Type.Object(
  { kind: StringEnum(RECIPIENT_KINDS), name: Type.String({ minLength: 2, maxLength: 200 }) },
  { additionalProperties: false },
);
const DisclosureSchema = Type.Object({
  id: Uuid,
  client: Nullable(Type.Object({ id: Uuid })),
  caseId: Nullable(Uuid),
  caseNumber: Nullable(Type.String()),
  disclosedAt: IsoTimestamp,
  disclosedBy: Type.Object({ id: Uuid, displayName: Type.String() }),
  recipient: Type.Object({ kind: StringEnum(RECIPIENT_KINDS), name: Type.String() }),
  purpose: Type.String(),
  categories: Type.Array(Type.String()),
  basis: Type.String(),
  channel: Type.String(),
});
const RetentionItemSchema = Type.Object({
  caseId: Uuid,
  caseNumber: Type.String(),
  organisationId: Uuid,
  orgUnitId: Uuid,
  responsibleUserId: Uuid,
  responsible: Type.String(),
  state: StringEnum([
    'active',
    'review_due',
    'close_due',
    'anonymise_due',
    'awaiting_confirmation',
    'anonymised',
  ] as const),
  lastActivityOn: IsoDate,
  lastContactOn: Nullable(IsoDate),
  confirmedByCaseManager: Type.Boolean(),
  approvedByAdmin: Type.Boolean(),
});

export async function privacyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());

  r.post(
    '/api/cases/:id/share',
    {
      schema: {
        tags: ['Disclosure'],
        summary:
          'Share case data with a recipient outside the case team — only with a matching valid release',
        params: IdParams,
        body: Type.Object(
          {
            recipient: RecipientSchema,
            purpose: StringEnum(PURPOSES),
            categories: Type.Array(StringEnum(DATA_CATEGORIES), {
              minItems: 1,
              maxItems: 6,
              uniqueItems: true,
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            disclosureId: Uuid,
            recipient: Type.Object({ kind: StringEnum(RECIPIENT_KINDS), name: Type.String() }),
            purpose: StringEnum(PURPOSES),
            categories: Type.Array(StringEnum(DATA_CATEGORIES)),
            data: Type.Record(Type.String(), Type.Unknown()),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => shareCase(deps, ctx(request), request.params.id, request.body),
  );

  r.get(
    '/api/cases/:id/disclosures',
    {
      schema: {
        tags: ['Disclosure'],
        summary: 'Disclosure log of the case’s client (case team)',
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(DisclosureSchema) }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => caseDisclosures(deps, ctx(request), request.params.id),
  );

  r.get(
    '/api/disclosures',
    {
      schema: {
        tags: ['Disclosure'],
        summary: 'Disclosure log of the organisation with filters (DPO)',
        querystring: Type.Object(
          {
            ...PageQuery,
            clientId: Type.Optional(Uuid),
            caseId: Type.Optional(Uuid),
            userId: Type.Optional(Uuid),
            from: Type.Optional(IsoDate),
            to: Type.Optional(IsoDate),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(DisclosureSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listDisclosures(deps, ctx(request), request.query),
  );

  r.get(
    '/api/clients/:id/export',
    {
      config: { rateLimit: 'report' },
      schema: {
        tags: ['Rights of the person'],
        summary: 'Art. 15 GDPR: everything stored about the client (recorded as a disclosure to the person)',
        params: IdParams,
        response: { 200: Type.Record(Type.String(), Type.Unknown()), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => exportClientData(deps, ctx(request), request.params.id),
  );

  r.get(
    '/api/retention/board',
    {
      schema: {
        tags: ['Retention'],
        summary: 'Cases that need a retention decision or a confirmation of anonymisation',
        response: {
          200: Type.Object({ items: Type.Array(RetentionItemSchema) }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => retentionBoard(deps, ctx(request)),
  );

  r.post(
    '/api/cases/:id/retention-decision',
    {
      schema: {
        tags: ['Retention'],
        summary: 'Continue (the clock starts again) or close a case that has been quiet for six months',
        params: IdParams,
        body: Type.Object(
          {
            decision: StringEnum(['continue', 'close'] as const),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await decideRetention(deps, ctx(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/cases/:id/confirm-anonymisation',
    {
      schema: {
        tags: ['Retention'],
        summary: 'Confirm (case manager) or approve (org admin) the anonymisation of a closed case',
        params: IdParams,
        response: {
          200: Type.Object({ anonymised: Type.Boolean() }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => confirmAnonymisation(deps, ctx(request), request.params.id),
  );

  r.post(
    '/api/clients/:id/requests',
    {
      schema: {
        tags: ['Rights of the person'],
        summary: 'Record a data-subject request (access, correction, erasure)',
        params: IdParams,
        body: Type.Object(
          {
            kind: StringEnum(['access', 'correction', 'erasure'] as const),
            receivedOn: IsoDate,
            description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Uuid }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordRequest(deps, ctx(request), request.params.id, request.body)),
  );

  r.get(
    '/api/requests',
    {
      schema: {
        tags: ['Rights of the person'],
        summary: 'Data-subject requests of the organisation (DPO)',
        querystring: Type.Object(
          { status: Type.Optional(StringEnum(['open', 'done', 'rejected'] as const)) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Uuid,
                clientId: Uuid,
                kind: Type.String(),
                receivedOn: IsoDate,
                description: Nullable(Type.String()),
                status: Type.String(),
                resolvedOn: Nullable(IsoDate),
                resolution: Nullable(Type.String()),
              }),
            ),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => listRequests(deps, ctx(request), request.query.status),
  );

  r.post(
    '/api/requests/:id/resolve',
    {
      schema: {
        tags: ['Rights of the person'],
        summary: 'Resolve a request (DPO); a completed erasure anonymises the client',
        params: IdParams,
        body: Type.Object(
          {
            status: StringEnum(['done', 'rejected'] as const),
            resolution: Type.String({ minLength: 3, maxLength: 4000 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ anonymised: Type.Boolean() }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => resolveRequest(deps, ctx(request), request.params.id, request.body),
  );
}
