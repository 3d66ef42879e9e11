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
  Text,
  Uuid,
  Version,
} from '../../core/schemas.js';
import { FIELDS_OF_ACTION } from '../gaps/fields.js';
import { DIRECTORY_SCOPES, TARGET_GROUPS } from './domain.js';
import {
  archivePartnerType,
  createOffer,
  createPartner,
  createPartnerType,
  deleteOffer,
  deletePartner,
  getPartner,
  listPartners,
  listPartnerTypes,
  restoreOffer,
  restorePartner,
  searchOffers,
  updateOffer,
  updatePartner,
} from './service.js';

const TypeKey = Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9_]+$' });
const LanguageCode = Type.String({ minLength: 1, maxLength: 10 });
const Email = Type.String({ format: 'email', maxLength: 254 });
const Name = Type.String({ minLength: 1, maxLength: 200 });

const PartnerTypeSchema = Type.Object({
  key: Type.String(),
  label: Nullable(Type.String()),
  scope: StringEnum(['shipped', 'own', 'shared'] as const),
  id: Nullable(Uuid),
  archived: Type.Boolean(),
});

const ContactSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  role: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
});
const ContactInput = Type.Object(
  {
    id: Type.Optional(Uuid),
    name: Name,
    role: Type.Optional(Text(200)),
    phone: Type.Optional(Text(60)),
    email: Type.Optional(Nullable(Email)),
  },
  { additionalProperties: false },
);

const OfferFields = {
  title: Name,
  description: Type.Optional(Text(4000)),
  field: Type.Optional(Nullable(StringEnum(FIELDS_OF_ACTION))),
  targetGroups: Type.Array(StringEnum(TARGET_GROUPS), { maxItems: TARGET_GROUPS.length, uniqueItems: true }),
  ageMin: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 120 }))),
  ageMax: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 120 }))),
  languages: Type.Array(LanguageCode, {
    maxItems: 40,
    uniqueItems: true,
    description: 'ISO 639-1 codes (de, en, ar, uk, …)',
  }),
  district: Type.Optional(Text(200)),
  costBearer: Type.Optional(Text(200)),
  capacity: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000 }))),
  freePlaces: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000 }))),
  waitingDays: Type.Optional(
    Nullable(Type.Integer({ minimum: 0, maximum: 3650, description: 'typical waiting time in days' })),
  ),
  validFrom: Type.Optional(Nullable(IsoDate)),
  validTo: Type.Optional(Nullable(IsoDate)),
};
const OfferInput = Type.Object(OfferFields, { additionalProperties: false });
const OfferUpdate = Type.Object({ ...OfferFields, version: Version() }, { additionalProperties: false });

const OfferView = {
  id: Uuid,
  partnerId: Uuid,
  shared: Type.Boolean({ description: 'in the installation’s shared directory' }),
  title: Type.String(),
  description: Nullable(Type.String()),
  field: Nullable(StringEnum(FIELDS_OF_ACTION)),
  targetGroups: Type.Array(StringEnum(TARGET_GROUPS)),
  ageMin: Nullable(Type.Integer()),
  ageMax: Nullable(Type.Integer()),
  languages: Type.Array(Type.String()),
  district: Nullable(Type.String()),
  costBearer: Nullable(Type.String()),
  capacity: Nullable(Type.Integer()),
  freePlaces: Nullable(Type.Integer()),
  waitingDays: Nullable(Type.Integer()),
  validFrom: Nullable(IsoDate),
  validTo: Nullable(IsoDate),
  validToday: Type.Boolean({ description: 'not archived and valid today' }),
  archived: Type.Boolean(),
  version: Type.Integer(),
};
const OfferSchema = Type.Object(OfferView);
const OfferSearchItemSchema = Type.Object({
  ...OfferView,
  partner: Type.Object({
    id: Uuid,
    name: Type.String(),
    type: Type.String(),
    district: Nullable(Type.String()),
  }),
});

const PartnerFields = {
  name: Name,
  type: TypeKey,
  street: Type.Optional(Text(200)),
  postalCode: Type.Optional(Text(10)),
  city: Type.Optional(Text(100)),
  district: Type.Optional(Text(200)),
  phone: Type.Optional(Text(60)),
  email: Type.Optional(Nullable(Email)),
  website: Type.Optional(Text(500)),
  notes: Type.Optional(Text(4000)),
};
const PartnerCreate = Type.Object(
  {
    ...PartnerFields,
    contacts: Type.Optional(Type.Array(ContactInput, { maxItems: 50 })),
    scope: Type.Optional(
      StringEnum(['own', 'shared'] as const, { description: 'shared: the installation admin only' }),
    ),
  },
  { additionalProperties: false },
);
const PartnerUpdate = Type.Object(
  {
    ...PartnerFields,
    contacts: Type.Array(ContactInput, {
      maxItems: 50,
      description: 'the whole list: ids kept, new ones added, missing ones archived or removed',
    }),
    version: Version(),
  },
  { additionalProperties: false },
);
const PartnerSchema = Type.Object({
  id: Uuid,
  shared: Type.Boolean({ description: 'in the installation’s shared directory' }),
  name: Type.String(),
  type: Type.String(),
  street: Nullable(Type.String()),
  postalCode: Nullable(Type.String()),
  city: Nullable(Type.String()),
  district: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  website: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  archived: Type.Boolean(),
  archivedAt: Nullable(IsoTimestamp),
  contacts: Type.Array(ContactSchema),
  offers: Type.Array(OfferSchema),
  permissions: Type.Object({ edit: Type.Boolean(), archive: Type.Boolean() }),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  version: Type.Integer(),
});
const PartnerListItemSchema = Type.Object({
  id: Uuid,
  shared: Type.Boolean(),
  name: Type.String(),
  type: Type.String(),
  district: Nullable(Type.String()),
  city: Nullable(Type.String()),
  archived: Type.Boolean(),
  offers: Type.Integer({ description: 'offers not archived' }),
  freePlaces: Type.Integer({ description: 'free places of the offers valid today' }),
  version: Type.Integer(),
});
const Outcome = StringEnum(['deleted', 'archived'] as const, {
  description: 'archived when something still refers to it (its history is kept)',
});
const PartnerRemovalSchema = Type.Object({
  outcome: Outcome,
  references: Type.Object({
    referrals: Type.Integer(),
    agreements: Type.Integer(),
    conferences: Type.Integer(),
  }),
});
const OfferRemovalSchema = Type.Object({
  outcome: Outcome,
  references: Type.Object({ referrals: Type.Integer() }),
});

const CommonFilters = {
  q: Type.Optional(Type.String({ maxLength: 200 })),
  type: Type.Optional(TypeKey),
  district: Type.Optional(Type.String({ maxLength: 200 })),
  language: Type.Optional(Type.String({ maxLength: 2, pattern: '^[a-z]{2}$' })),
  targetGroup: Type.Optional(StringEnum(TARGET_GROUPS)),
  freePlaces: Type.Optional(Type.Boolean()),
};

export async function partnerRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());
  const tags = ['Partners'];

  r.get(
    '/api/partner-types',
    {
      schema: {
        tags,
        summary:
          'Partner types: the shipped ones (labelled by the web) and the custom ones of the organisation and the shared directory',
        response: {
          200: Type.Object({ items: Type.Array(PartnerTypeSchema) }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => listPartnerTypes(deps, ctx(request)),
  );

  r.post(
    '/api/partner-types',
    {
      schema: {
        tags,
        summary: 'Add a custom partner type (org admin; the installation admin for the shared directory)',
        body: Type.Object(
          {
            label: Type.String({ minLength: 1, maxLength: 100 }),
            scope: Type.Optional(StringEnum(['own', 'shared'] as const)),
          },
          { additionalProperties: false },
        ),
        response: { 201: PartnerTypeSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createPartnerType(deps, ctx(request), request.body)),
  );

  r.delete(
    '/api/partner-types/:id',
    {
      schema: {
        tags,
        summary: 'Archive a custom partner type: not offered any more, partners keep it',
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await archivePartnerType(deps, ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/partners',
    {
      schema: {
        tags,
        summary: 'Search the partner directory (own and shared), paged, with offer and free-place counts',
        querystring: Type.Object(
          {
            ...PageQuery,
            ...CommonFilters,
            scope: Type.Optional(StringEnum(DIRECTORY_SCOPES)),
            includeArchived: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(PartnerListItemSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listPartners(deps, ctx(request), request.query),
  );

  r.post(
    '/api/partners',
    {
      schema: {
        tags,
        summary: 'Add a network partner with its contacts (scope shared: the installation admin)',
        body: PartnerCreate,
        response: { 201: PartnerSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await createPartner(deps, ctx(request), request.body)),
  );

  r.get(
    '/api/partners/:id',
    {
      schema: {
        tags,
        summary: 'A network partner with contacts and offers',
        params: IdParams,
        response: { 200: PartnerSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => getPartner(deps, ctx(request), request.params.id),
  );

  r.put(
    '/api/partners/:id',
    {
      schema: {
        tags,
        summary: 'Save a partner as a whole, with its contacts list',
        params: IdParams,
        body: PartnerUpdate,
        response: { 200: PartnerSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updatePartner(deps, ctx(request), request.params.id, request.body),
  );

  r.delete(
    '/api/partners/:id',
    {
      schema: {
        tags,
        summary:
          'Delete a partner; one still referenced (referrals, agreements, conferences) is archived instead',
        params: IdParams,
        querystring: Type.Object({ version: Version() }, { additionalProperties: false }),
        response: {
          200: PartnerRemovalSchema,
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => deletePartner(deps, ctx(request), request.params.id, request.query.version),
  );

  r.post(
    '/api/partners/:id/restore',
    {
      schema: {
        tags,
        summary: 'Take an archived partner back into the directory',
        params: IdParams,
        body: Type.Object({ version: Version() }, { additionalProperties: false }),
        response: { 200: PartnerSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => restorePartner(deps, ctx(request), request.params.id, request.body.version),
  );

  r.post(
    '/api/partners/:id/offers',
    {
      schema: {
        tags,
        summary: 'Add an offer (Angebot) to a partner',
        params: IdParams,
        body: OfferInput,
        response: { 201: OfferSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createOffer(deps, ctx(request), request.params.id, request.body)),
  );

  r.get(
    '/api/offers',
    {
      schema: {
        tags,
        summary:
          'Offers of the visible directory that can be chosen on a day (default today) — the referral dialog’s search',
        querystring: Type.Object(
          {
            ...PageQuery,
            ...CommonFilters,
            field: Type.Optional(StringEnum(FIELDS_OF_ACTION)),
            age: Type.Optional(Type.Integer({ minimum: 0, maximum: 120, description: 'fits the age range' })),
            validOn: Type.Optional(IsoDate),
            partnerId: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(OfferSearchItemSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => searchOffers(deps, ctx(request), request.query),
  );

  r.put(
    '/api/offers/:id',
    {
      schema: {
        tags,
        summary: 'Save an offer (e.g. keep its free places current)',
        params: IdParams,
        body: OfferUpdate,
        response: { 200: OfferSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateOffer(deps, ctx(request), request.params.id, request.body),
  );

  r.delete(
    '/api/offers/:id',
    {
      schema: {
        tags,
        summary: 'Delete an offer; one a referral points to is archived instead',
        params: IdParams,
        querystring: Type.Object({ version: Type.Optional(Version()) }, { additionalProperties: false }),
        response: {
          200: OfferRemovalSchema,
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => deleteOffer(deps, ctx(request), request.params.id, request.query.version),
  );

  r.post(
    '/api/offers/:id/restore',
    {
      schema: {
        tags,
        summary: 'Take an archived offer back',
        params: IdParams,
        body: Type.Object({ version: Version() }, { additionalProperties: false }),
        response: { 200: OfferSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => restoreOffer(deps, ctx(request), request.params.id, request.body.version),
  );
}
