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
import { DOCUMENT_TYPES } from '../../core/documents.js';
import { AGREEMENT_FORMS, AGREEMENT_STATES, REVIEW_OUTCOMES } from './domain.js';
import {
  archiveAgreement,
  createAgreement,
  deleteDocument,
  getAgreement,
  getDocument,
  listAgreements,
  putDocument,
  reviewAgreement,
  updateAgreement,
} from './service.js';

const RulesSchema = Type.Object(
  {
    meetings: Type.Optional(Text(2000)),
    responsibilities: Type.Optional(Text(2000)),
    documentation: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);

const InputFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  form: StringEnum(AGREEMENT_FORMS),
  partnerIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
  goals: Type.Optional(Text(4000)),
  rules: Type.Optional(RulesSchema),
  startsOn: IsoDate,
  endsOn: Type.Optional(Nullable(IsoDate)),
  reviewOn: Type.Optional(Nullable(IsoDate)),
  responsibleUserId: Type.Optional(Uuid),
};

const PartnerSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  type: Type.String(),
  archived: Type.Boolean(),
});

const SummaryFields = {
  id: Uuid,
  title: Type.String(),
  form: StringEnum(AGREEMENT_FORMS),
  partners: Type.Array(PartnerSchema),
  startsOn: IsoDate,
  endsOn: Nullable(IsoDate),
  reviewOn: Nullable(IsoDate),
  state: StringEnum(AGREEMENT_STATES),
  reviewDue: Type.Boolean({ description: 'the review date is at most four weeks away, or past' }),
  responsible: Person,
  hasDocument: Type.Boolean(),
  archived: Type.Boolean(),
  version: Type.Integer(),
};

const SummarySchema = Type.Object(SummaryFields);

const ReviewSchema = Type.Object({
  id: Uuid,
  reviewedOn: IsoDate,
  outcome: StringEnum(REVIEW_OUTCOMES),
  notes: Nullable(Type.String()),
  nextReviewOn: Nullable(IsoDate),
  createdAt: IsoTimestamp,
  createdBy: Person,
});

const DocumentSchema = Type.Object({
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
});

const AgreementSchema = Type.Object({
  ...SummaryFields,
  goals: Nullable(Type.String()),
  rules: Type.Object({
    meetings: Nullable(Type.String()),
    responsibilities: Nullable(Type.String()),
    documentation: Nullable(Type.String()),
  }),
  document: Nullable(DocumentSchema),
  reviews: Type.Array(ReviewSchema),
  archivedAt: Nullable(IsoTimestamp),
  createdAt: IsoTimestamp,
  createdBy: Person,
  updatedAt: IsoTimestamp,
  updatedBy: Person,
  permissions: Type.Object({ manage: Type.Boolean() }),
});

const VersionBody = Type.Object({ version: Version() }, { additionalProperties: false });

/** Content-Disposition for a stored file name: an ASCII fallback and the name itself (RFC 6266/5987). */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\w.-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function agreementRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());
  const tags = ['Cooperation agreements'];

  r.get(
    '/api/agreements',
    {
      schema: {
        tags,
        summary: 'Cooperation agreements of the organisation, the next review first',
        querystring: Type.Object(
          {
            ...PageQuery,
            partnerId: Type.Optional(Uuid),
            state: Type.Optional(
              StringEnum(['all', ...AGREEMENT_STATES, 'archived'] as const, {
                description: 'all (default): every agreement not archived',
              }),
            ),
            reviewDue: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(SummarySchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listAgreements(deps, ctx(request), request.query),
  );

  r.post(
    '/api/agreements',
    {
      schema: {
        tags,
        summary:
          'Conclude a cooperation agreement; the responsible person (default: oneself) is reminded four weeks before the review',
        body: Type.Object(InputFields, { additionalProperties: false }),
        response: { 201: AgreementSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createAgreement(deps, ctx(request), request.body)),
  );

  r.get(
    '/api/agreements/:id',
    {
      schema: {
        tags,
        summary: 'A cooperation agreement with its reviews',
        params: IdParams,
        response: { 200: AgreementSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => getAgreement(deps, ctx(request), request.params.id),
  );

  r.put(
    '/api/agreements/:id',
    {
      schema: {
        tags,
        summary: 'Change a cooperation agreement (the whole agreement, with the version read)',
        params: IdParams,
        body: Type.Object({ version: Version(), ...InputFields }, { additionalProperties: false }),
        response: { 200: AgreementSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateAgreement(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/agreements/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive an agreement: out of the lists and the network map, history kept, reminder removed',
        params: IdParams,
        body: VersionBody,
        response: { 200: AgreementSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => archiveAgreement(deps, ctx(request), request.params.id, request.body.version),
  );

  r.post(
    '/api/agreements/:id/reviews',
    {
      schema: {
        tags,
        summary:
          'Record the (yearly) review: the next review date moves (a year on unless given); outcome end ends the agreement',
        params: IdParams,
        body: Type.Object(
          {
            reviewedOn: IsoDate,
            outcome: StringEnum(REVIEW_OUTCOMES),
            notes: Type.Optional(Text(4000)),
            nextReviewOn: Type.Optional(Nullable(IsoDate)),
          },
          { additionalProperties: false },
        ),
        response: { 201: AgreementSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await reviewAgreement(deps, ctx(request), request.params.id, request.body)),
  );

  r.put(
    '/api/agreements/:id/document',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Attach the signed agreement or the minutes (PDF, PNG, JPEG; at most 5 MB), replacing an earlier one',
        params: IdParams,
        body: Type.Object(
          {
            filename: Type.String({ minLength: 1, maxLength: 200 }),
            contentType: StringEnum(DOCUMENT_TYPES),
            contentBase64: Type.String({
              minLength: 1,
              maxLength: 7_200_000,
              pattern: '^[A-Za-z0-9+/]*={0,2}$',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: DocumentSchema, ...problemResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => putDocument(deps, ctx(request), request.params.id, request.body),
  );

  r.get(
    '/api/agreements/:id/document',
    {
      schema: {
        tags,
        summary: 'Download the attached document',
        params: IdParams,
        response: problemResponses(401, 403, 404),
      },
    },
    async (request, reply) => {
      const doc = await getDocument(deps, ctx(request), request.params.id);
      return reply
        .type(doc.contentType)
        .header('content-disposition', attachment(doc.filename))
        .header('x-content-type-options', 'nosniff')
        .send(doc.bytes);
    },
  );

  r.delete(
    '/api/agreements/:id/document',
    {
      schema: {
        tags,
        summary: 'Remove the attached document',
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteDocument(deps, ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
