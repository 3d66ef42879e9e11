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
  PageQuery,
  Person,
  problemResponses,
  StringEnum,
  Text,
  Uuid,
  Version,
} from '../../core/schemas.js';
import { DATA_CATEGORIES } from '../consent/domain.js';
import { FIELDS_OF_ACTION } from '../gaps/fields.js';
import { CONFERENCE_KINDS, CONFERENCE_STATUSES, PARTICIPANT_KINDS } from './domain.js';
import {
  cancelConference,
  createConference,
  getConference,
  inviteConference,
  listConferences,
  recordMinutes,
  updateConference,
} from './service.js';

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', maxLength: 5, description: 'HH:MM' });
const Categories = Type.Array(StringEnum(DATA_CATEGORIES), {
  maxItems: DATA_CATEGORIES.length,
  uniqueItems: true,
});
const Confirm = Type.Optional(
  Type.Boolean({
    description: 'repeat with true after a 409 confirmation-required (contains-personal-data)',
  }),
);

const ParticipantInput = Type.Object(
  {
    kind: StringEnum(PARTICIPANT_KINDS),
    userId: Type.Optional(Nullable(Uuid)),
    contactId: Type.Optional(Nullable(Uuid)),
    name: Type.Optional(Text(200)),
    role: Type.Optional(Text(200)),
  },
  {
    additionalProperties: false,
    description:
      'internal: userId; partner_contact: contactId; family/other: name (and role); client: nothing (not at a helpers conference)',
  },
);
const ConferenceFields = {
  kind: StringEnum(CONFERENCE_KINDS),
  heldOn: IsoDate,
  startsAt: Type.Optional(Nullable(Time)),
  place: Type.Optional(Text(200)),
  moderatorUserId: Type.Optional(Nullable(Uuid)),
  agenda: Type.Optional(Text(4000)),
  anonymous: Type.Boolean({
    description: 'no personal data shared: no release needed, minutes kept anonymous',
  }),
  categories: Categories,
  participants: Type.Array(ParticipantInput, { maxItems: 40 }),
  confirm: Confirm,
};

const Recipient = Type.Object({ kind: StringEnum(['organisation', 'person'] as const), name: Type.String() });
const ParticipantSchema = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  kind: StringEnum(PARTICIPANT_KINDS),
  userId: Nullable(Uuid),
  contactId: Nullable(Uuid),
  partnerId: Nullable(Uuid),
  name: Nullable(Type.String()),
  partnerName: Nullable(Type.String()),
  role: Nullable(Type.String()),
  release: Type.Object(
    {
      required: Type.Boolean(),
      covered: Type.Boolean(),
      releaseId: Nullable(Uuid),
      recipient: Nullable(Recipient),
      reason: Nullable(Type.String({ description: 'no-release, expired, revoked, purpose, categories' })),
      missingCategories: Type.Array(StringEnum(DATA_CATEGORIES)),
    },
    { description: 'computed now: may this participant hear the conference’s data categories?' },
  ),
  disclosureId: Nullable(Uuid),
});
const Permissions = Type.Object({
  edit: Type.Boolean(),
  invite: Type.Boolean(),
  minutes: Type.Boolean(),
  cancel: Type.Boolean(),
});
const ConferenceSchema = Type.Object({
  id: Uuid,
  caseId: Uuid,
  kind: StringEnum(CONFERENCE_KINDS),
  status: StringEnum(CONFERENCE_STATUSES),
  heldOn: IsoDate,
  startsAt: Nullable(Type.String()),
  place: Nullable(Type.String()),
  moderator: Nullable(Person),
  agenda: Nullable(Type.String()),
  minutes: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  categories: Type.Array(StringEnum(DATA_CATEGORIES)),
  invitedAt: Nullable(IsoTimestamp),
  participants: Type.Array(ParticipantSchema),
  actions: Type.Array(
    Type.Object({
      id: Uuid,
      text: Type.String(),
      owner: Nullable(Person),
      ownerName: Nullable(Type.String()),
      dueOn: Nullable(IsoDate),
      followUpId: Nullable(Uuid),
    }),
  ),
  themes: Type.Array(
    Type.Object({
      id: Uuid,
      text: Type.String(),
      field: Nullable(StringEnum(FIELDS_OF_ACTION)),
      gapReportId: Nullable(Uuid),
    }),
  ),
  createdAt: IsoTimestamp,
  createdBy: Person,
  updatedAt: IsoTimestamp,
  updatedBy: Person,
  version: Type.Integer(),
  permissions: Permissions,
});
const ListItem = Type.Object({
  id: Uuid,
  kind: StringEnum(CONFERENCE_KINDS),
  status: StringEnum(CONFERENCE_STATUSES),
  heldOn: IsoDate,
  startsAt: Nullable(Type.String()),
  place: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  participants: Type.Integer(),
  version: Type.Integer(),
});
const VersionBody = Type.Object({ version: Version() }, { additionalProperties: false });

export async function conferenceRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());
  const tags = ['Conferences'];

  r.get(
    '/api/cases/:id/conferences',
    {
      schema: {
        tags,
        summary: "The case's conferences, latest first",
        params: IdParams,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(ListItem),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            permissions: Type.Object({ create: Type.Boolean() }),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => listConferences(deps, ctx(request), request.params.id, request.query),
  );

  r.post(
    '/api/cases/:id/conferences',
    {
      schema: {
        tags,
        summary: 'Plan a case, helpers’, development or handover conference with its participants',
        params: IdParams,
        body: Type.Object(ConferenceFields, { additionalProperties: false }),
        response: { 201: ConferenceSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createConference(deps, ctx(request), request.params.id, request.body)),
  );

  r.get(
    '/api/conferences/:id',
    {
      schema: {
        tags,
        summary:
          'A conference with each participant’s release status computed now, minutes, actions and themes',
        params: IdParams,
        response: { 200: ConferenceSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => getConference(deps, ctx(request), request.params.id),
  );

  r.put(
    '/api/conferences/:id',
    {
      schema: {
        tags,
        summary:
          'Change a planned or invited conference; changing participants or data after the invitation sets it back to planned',
        params: IdParams,
        body: Type.Object({ version: Version(), ...ConferenceFields }, { additionalProperties: false }),
        response: { 200: ConferenceSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateConference(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/conferences/:id/invite',
    {
      schema: {
        tags,
        summary:
          'Send the invitations: every external participant needs a release (403 disclosure-refused naming each one); each invitation is logged as a disclosure',
        params: IdParams,
        body: VersionBody,
        response: { 200: ConferenceSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => inviteConference(deps, ctx(request), request.params.id, request.body.version),
  );

  r.post(
    '/api/conferences/:id/minutes',
    {
      schema: {
        tags,
        summary:
          'Record or correct the minutes, agreed actions (colleagues’ ones with a date become follow-ups) and anonymous generative themes',
        params: IdParams,
        body: Type.Object(
          {
            version: Version(),
            minutes: Type.String({ maxLength: 20000 }),
            actions: Type.Array(
              Type.Object(
                {
                  id: Type.Optional(Uuid),
                  text: Type.String({ minLength: 1, maxLength: 1000 }),
                  ownerUserId: Type.Optional(Nullable(Uuid)),
                  ownerName: Type.Optional(Text(200)),
                  dueOn: Type.Optional(Nullable(IsoDate)),
                },
                { additionalProperties: false },
              ),
              { maxItems: 50 },
            ),
            themes: Type.Array(
              Type.Object(
                {
                  id: Type.Optional(Uuid),
                  text: Type.String({ minLength: 1, maxLength: 1000 }),
                  field: StringEnum(FIELDS_OF_ACTION),
                },
                { additionalProperties: false },
              ),
              { maxItems: 30 },
            ),
            confirm: Confirm,
          },
          { additionalProperties: false },
        ),
        response: { 200: ConferenceSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => recordMinutes(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/conferences/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Call off a planned or invited conference',
        params: IdParams,
        body: VersionBody,
        response: { 200: ConferenceSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => cancelConference(deps, ctx(request), request.params.id, request.body.version),
  );
}
