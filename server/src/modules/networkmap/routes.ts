import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { contextOf } from '../../core/http.js';
import { IsoDate, Nullable, problemResponses, StringEnum, Uuid } from '../../core/schemas.js';
import { EDGE_WEIGHTS, GROUP_BY } from './domain.js';
import { networkMap } from './service.js';

const Counts = {
  referrals: Type.Integer({ description: 'referrals requested in the period' }),
  completed: Type.Integer({ description: 'of these, completed' }),
};

const NodeSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  type: Type.String(),
  district: Nullable(Type.String()),
  shared: Type.Boolean({ description: "a partner of the installation's shared directory" }),
  archived: Type.Boolean(),
  ...Counts,
  weight: StringEnum(EDGE_WEIGHTS, { description: 'none: 0, few: 1–2, regular: 3–9, many: 10 and more' }),
  agreement: Nullable(
    Type.Object({
      id: Uuid,
      form: Type.String({ description: 'oral, minutes or written' }),
      reviewOn: Nullable(IsoDate),
    }),
  ),
});

const GroupSchema = Type.Object({
  key: Nullable(Type.String({ description: 'the type key or the district; null: without district' })),
  partnerIds: Type.Array(Uuid),
  partners: Type.Integer(),
  ...Counts,
  withAgreement: Type.Integer(),
});

const MapSchema = Type.Object({
  period: Type.Object({ from: IsoDate, to: IsoDate }),
  groupBy: StringEnum(GROUP_BY),
  agreementsOn: IsoDate,
  threshold: Type.Integer({ description: 'referrals from which a missing agreement is listed' }),
  typeLabels: Type.Record(Type.String(), Type.String(), {
    description: "labels of the organisation's and the shared directory's own types on the map",
  }),
  nodes: Type.Array(NodeSchema),
  groups: Type.Array(GroupSchema),
  totals: Type.Object({
    partners: Type.Integer(),
    ...Counts,
    withAgreement: Type.Integer(),
  }),
  missingAgreements: Type.Array(Type.Object({ id: Uuid, name: Type.String(), referrals: Type.Integer() })),
});

export async function networkMapRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/network-map',
    {
      schema: {
        tags: ['Network map'],
        summary:
          "The organisation's network map: its partners with the referrals of a period (default: the last 12 months) and the agreements in force, grouped by type or district, and where agreements are missing",
        querystring: Type.Object(
          {
            from: Type.Optional(IsoDate),
            to: Type.Optional(IsoDate),
            groupBy: Type.Optional(StringEnum(GROUP_BY, { default: 'type' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: MapSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => networkMap(deps, contextOf(request, deps.clock()), request.query),
  );
}
