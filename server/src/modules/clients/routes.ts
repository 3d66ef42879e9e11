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
  SearchTerm,
  problemResponses,
  StringEnum,
  Uuid,
  Person,
  Text,
  Version,
} from '../../core/schemas.js';
import { GENDERS, LANGUAGE_LEVELS, LEGAL_DOMAINS, RELATIONS, RESIDENCE_STATUSES } from './domain.js';
import { getClient, listClients, registerClient, updateClient } from './service.js';

const RelatedPersonInput = Type.Object(
  {
    relation: StringEnum(RELATIONS),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    isGuardian: Type.Boolean(),
    phone: Type.Optional(Text(50)),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    note: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);

export const ClientFields = {
  familyName: Type.String({ minLength: 1, maxLength: 200, description: 'Any script, stored as entered' }),
  givenNames: Type.String({ minLength: 1, maxLength: 200 }),
  birthDate: Type.Optional(Nullable(IsoDate)),
  birthYear: Type.Optional(Nullable(Type.Integer({ minimum: 1900, maximum: 2100 }))),
  gender: StringEnum(GENDERS),
  nationalities: Type.Optional(
    Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { maxItems: 5, uniqueItems: true }),
  ),
  countryOfOrigin: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$' }))),
  languages: Type.Optional(
    Type.Array(
      Type.Object(
        { code: Type.String({ pattern: '^[a-z]{2,3}$' }), level: StringEnum(LANGUAGE_LEVELS) },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
  ),
  interpreterNeeded: Type.Optional(Type.Boolean()),
  residenceStatus: Type.Optional(Nullable(StringEnum(RESIDENCE_STATUSES))),
  residenceValidUntil: Type.Optional(Nullable(IsoDate)),
  legalDomain: Type.Optional(Nullable(StringEnum(LEGAL_DOMAINS))),
  arrivalDate: Type.Optional(Nullable(IsoDate)),
  street: Type.Optional(Text(200)),
  postalCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{5}$' }))),
  city: Type.Optional(Text(100)),
  districtId: Type.Optional(Nullable(Uuid)),
  phone: Type.Optional(Text(50)),
  email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
  relatedPersons: Type.Optional(Type.Array(RelatedPersonInput, { maxItems: 20 })),
  healthNotes: Type.Optional(
    Nullable(Type.String({ maxLength: 4000, description: 'Special category: encrypted, case team only' })),
  ),
};

export const ProcessingSchema = Type.Object({
  allowed: Type.Boolean(),
  consent: Type.Boolean(),
  legalBasis: Nullable(Type.String()),
  caseManagementConsent: Type.Boolean(),
  missing: Type.Array(StringEnum(['data_processing', 'case_management'] as const)),
});

const InlineConsentSchema = Type.Object(
  {
    givenBy: StringEnum(['client', 'guardian'] as const),
    guardianIndex: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 19 }))),
    form: StringEnum(['written', 'electronic', 'oral'] as const),
    witness: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    givenOn: IsoDate,
    validUntil: Type.Optional(Nullable(IsoDate)),
    language: StringEnum(['de', 'en', 'ar', 'uk'] as const),
  },
  { additionalProperties: false, description: 'Consent to data processing given at registration' },
);

const ClientSchema = Type.Object({
  id: Uuid,
  familyName: Type.String(),
  givenNames: Type.String(),
  birthDate: Nullable(IsoDate),
  birthYear: Nullable(Type.Integer()),
  gender: StringEnum(GENDERS),
  nationalities: Type.Array(Type.String()),
  countryOfOrigin: Nullable(Type.String()),
  languages: Type.Array(Type.Object({ code: Type.String(), level: Type.String() })),
  interpreterNeeded: Type.Boolean(),
  residenceStatus: Nullable(StringEnum(RESIDENCE_STATUSES)),
  residenceValidUntil: Nullable(IsoDate),
  legalDomain: Nullable(StringEnum(LEGAL_DOMAINS)),
  arrivalDate: Nullable(IsoDate),
  street: Nullable(Type.String()),
  postalCode: Nullable(Type.String()),
  city: Nullable(Type.String()),
  district: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  healthNotes: Nullable(Type.String()),
  healthNotesHidden: Type.Boolean(),
  processing: ProcessingSchema,
  relatedPersons: Type.Array(
    Type.Object({
      id: Uuid,
      relation: StringEnum(RELATIONS),
      name: Type.String(),
      isGuardian: Type.Boolean(),
      phone: Nullable(Type.String()),
      email: Nullable(Type.String()),
      note: Nullable(Type.String()),
    }),
  ),
  cases: Type.Array(
    Type.Object({
      id: Uuid,
      caseNumber: Type.String(),
      kind: Type.String(),
      phase: Type.String(),
      responsible: Person,
    }),
  ),
  anonymised: Type.Boolean(),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  version: Type.Integer(),
});

const ClientListItemSchema = Type.Object({
  id: Uuid,
  familyName: Type.String(),
  givenNames: Type.String(),
  birthDate: Nullable(IsoDate),
  birthYear: Nullable(Type.Integer()),
  caseCount: Type.Integer(),
});

export async function clientRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Clients'];

  r.get(
    '/api/clients',
    {
      schema: {
        tags,
        summary:
          'Clients the signed-in person may open. To search by name (ignoring case and diacritics): ' +
          'POST /api/clients/search',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: PageOf(ClientListItemSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listClients(deps, contextOf(request, deps.clock()), request.query),
  );

  r.post(
    '/api/clients/search',
    {
      schema: {
        tags,
        summary:
          'Clients searched by name, ignoring case and diacritics: the term in the body, never in a URL',
        body: Type.Object(
          { ...PageQuery, ...SearchTerm('Family or given name') },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(ClientListItemSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listClients(deps, contextOf(request, deps.clock()), request.body),
  );

  r.post(
    '/api/clients',
    {
      schema: {
        tags,
        summary:
          'Register a client. A possible duplicate answers 409 possible-duplicate until confirmNotDuplicate is true',
        body: Type.Object(
          {
            ...ClientFields,
            confirmNotDuplicate: Type.Optional(Type.Boolean({ default: false })),
            consent: Type.Optional(Nullable(InlineConsentSchema)),
          },
          { additionalProperties: false },
        ),
        response: { 201: ClientSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { confirmNotDuplicate, consent, ...input } = request.body;
      const client = await registerClient(deps, contextOf(request, deps.clock()), input, {
        confirmNotDuplicate: confirmNotDuplicate ?? false,
        consent: consent ?? null,
      });
      return reply.code(201).send(client);
    },
  );

  r.get(
    '/api/clients/:id',
    {
      schema: {
        tags,
        summary: 'A client’s master data (audited read)',
        params: IdParams,
        response: { 200: ClientSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => getClient(deps, contextOf(request, deps.clock()), request.params.id),
  );

  r.put(
    '/api/clients/:id',
    {
      schema: {
        tags,
        summary: 'Replace a client’s master data; send the version you read',
        params: IdParams,
        body: Type.Object({ ...ClientFields, version: Version() }, { additionalProperties: false }),
        response: { 200: ClientSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateClient(deps, contextOf(request, deps.clock()), request.params.id, request.body),
  );
}
