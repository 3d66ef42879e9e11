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
import { BARRIERS, REFERRAL_STATUSES } from './domain.js';
import {
  changeReferralStatus,
  createReferral,
  getReferral,
  listCaseReferrals,
  updateReferral,
} from './service.js';

const Status = StringEnum(REFERRAL_STATUSES);
const ReferralSchema = Type.Object({
  id: Uuid,
  caseId: Uuid,
  partner: Type.Object({ id: Uuid, name: Type.String(), type: Type.String(), archived: Type.Boolean() }),
  offer: Nullable(Type.Object({ id: Uuid, title: Type.String() })),
  planStepId: Nullable(Uuid),
  planStep: Nullable(
    Type.Object(
      { id: Uuid, what: Type.String(), goalId: Uuid },
      { description: 'null when there is no step or the step was taken out of the plan since' },
    ),
  ),
  status: Status,
  requestedOn: IsoDate,
  acceptedOn: Nullable(IsoDate),
  startedOn: Nullable(IsoDate),
  endedOn: Nullable(IsoDate),
  waitingDays: Nullable(
    Type.Integer({
      description:
        'days from the request to the start; open referrals: to today; declined or broken off before the start: null',
    }),
  ),
  allowedNext: Type.Array(Status),
  barriers: Type.Array(StringEnum(BARRIERS)),
  barrierNote: Nullable(Type.String()),
  partnerFeedback: Nullable(Type.String()),
  note: Nullable(Type.String()),
  categories: Type.Array(StringEnum(DATA_CATEGORIES), {
    description: 'data categories sent to the partner; empty: no personal data were sent',
  }),
  disclosureId: Nullable(Uuid),
  events: Type.Array(
    Type.Object({
      status: Status,
      on: IsoDate,
      note: Nullable(Type.String()),
      recordedAt: IsoTimestamp,
      recordedBy: Person,
    }),
  ),
  createdAt: IsoTimestamp,
  createdBy: Person,
  updatedAt: IsoTimestamp,
  updatedBy: Person,
  version: Type.Integer(),
});

const CreateBody = Type.Object(
  {
    offerId: Type.Optional(Uuid),
    partnerId: Type.Optional(Uuid),
    planStepId: Type.Optional(Nullable(Uuid)),
    requestedOn: IsoDate,
    categories: Type.Array(StringEnum(DATA_CATEGORIES), {
      maxItems: DATA_CATEGORIES.length,
      uniqueItems: true,
      description:
        'data categories sent to the partner; [] = no personal data (the client gets in touch alone)',
    }),
    note: Type.Optional(Text(2000)),
    confirm: Type.Optional(
      Type.Boolean({ description: 'true: refer although the offer has no free places (after the warning)' }),
    ),
  },
  { additionalProperties: false },
);

export async function referralRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());
  const tags = ['Referrals'];

  r.get(
    '/api/cases/:id/referrals',
    {
      schema: {
        tags,
        summary: "The case's referrals (Vermittlungen), newest request first",
        params: IdParams,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(ReferralSchema),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            permissions: Type.Object({ write: Type.Boolean() }),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => listCaseReferrals(deps, ctx(request), request.params.id, request.query),
  );

  r.post(
    '/api/cases/:id/referrals',
    {
      schema: {
        tags,
        summary:
          'Refer the client to an offer or a partner. Personal data only with a matching release (403 disclosure-refused otherwise); an offer without free places needs confirm: true (409 confirmation-required)',
        params: IdParams,
        body: CreateBody,
        response: { 201: ReferralSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createReferral(deps, ctx(request), request.params.id, request.body)),
  );

  r.get(
    '/api/referrals/:id',
    {
      schema: {
        tags,
        summary: 'One referral with its status history',
        params: IdParams,
        response: { 200: ReferralSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => getReferral(deps, ctx(request), request.params.id),
  );

  r.post(
    '/api/referrals/:id/status',
    {
      schema: {
        tags,
        summary:
          'Record the next status (accepted, started, completed, declined, broken off) with its day: not before the previous one, not in the future',
        params: IdParams,
        body: Type.Object(
          {
            status: Status,
            on: IsoDate,
            note: Type.Optional(Text(2000)),
            version: Version(),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReferralSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => changeReferralStatus(deps, ctx(request), request.params.id, request.body),
  );

  r.put(
    '/api/referrals/:id',
    {
      schema: {
        tags,
        summary: "Barriers (Vermittlungshindernisse), the partner's feedback and the note",
        params: IdParams,
        body: Type.Object(
          {
            barriers: Type.Array(StringEnum(BARRIERS), { maxItems: BARRIERS.length, uniqueItems: true }),
            barrierNote: Text(2000),
            partnerFeedback: Text(4000),
            note: Text(2000),
            version: Version(),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReferralSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateReferral(deps, ctx(request), request.params.id, request.body),
  );
}
