import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { contextOf } from '../../core/http.js';
import { PASSWORD_MAX_LENGTH } from '../../core/passwords.js';
import { IdParams, IsoTimestamp, Nullable, problemResponses, Uuid, Version } from '../../core/schemas.js';
import { USERNAME_PATTERN } from '../users/domain.js';
import {
  createOrganisation,
  createOrgUnit,
  listOrganisations,
  setCoordinationOffice,
  listOrgUnits,
  updateOrgUnit,
} from './service.js';

const OrgUnitSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Nullable(Type.String()),
  archived: Type.Boolean(),
  memberCount: Type.Integer(),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  version: Type.Integer(),
});

const OrganisationSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  shortCode: Type.String(),
  userCount: Type.Integer(),
  coordinationOffice: Type.Boolean(),
  sharesAggregates: Type.Boolean(),
  createdAt: IsoTimestamp,
  version: Type.Integer(),
});

const UnitName = Type.String({ minLength: 1, maxLength: 120 });
const Description = Nullable(Type.String({ maxLength: 2000 }));

export async function organisationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/org-units',
    {
      schema: {
        tags: ['Org units'],
        summary: 'Org units (Sachgebiete/Teams) of the own organisation',
        querystring: Type.Object(
          { includeArchived: Type.Optional(Type.Boolean({ default: false })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(OrgUnitSchema) }), ...problemResponses(401) },
      },
    },
    async (request) =>
      listOrgUnits(deps, contextOf(request, deps.clock()), request.query.includeArchived ?? false),
  );

  r.post(
    '/api/org-units',
    {
      schema: {
        tags: ['Org units'],
        summary: 'Create an org unit (org admin)',
        body: Type.Object(
          { name: UnitName, description: Type.Optional(Description) },
          { additionalProperties: false },
        ),
        response: { 201: OrgUnitSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createOrgUnit(deps, contextOf(request, deps.clock()), request.body)),
  );

  r.patch(
    '/api/org-units/:id',
    {
      schema: {
        tags: ['Org units'],
        summary: 'Rename, describe or archive an org unit (org admin); send the version you read',
        params: IdParams,
        body: Type.Object(
          {
            version: Version(),
            name: Type.Optional(UnitName),
            description: Type.Optional(Description),
            archived: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: OrgUnitSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateOrgUnit(deps, contextOf(request, deps.clock()), request.params.id, request.body),
  );

  r.get(
    '/api/organisations',
    {
      schema: {
        tags: ['Organisations'],
        summary: 'Organisations (Träger) of the installation (installation admin)',
        response: {
          200: Type.Object({ items: Type.Array(OrganisationSchema) }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => listOrganisations(deps, contextOf(request, deps.clock())),
  );

  r.patch(
    '/api/organisations/:id',
    {
      schema: {
        tags: ['Organisations'],
        summary:
          'Name or unname the coordination office, whose planners read the gap reports of organisations sharing aggregates (installation admin)',
        params: IdParams,
        body: Type.Object(
          { version: Version(), coordinationOffice: Type.Boolean() },
          { additionalProperties: false },
        ),
        response: { 200: OrganisationSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      setCoordinationOffice(deps, contextOf(request, deps.clock()), request.params.id, request.body),
  );

  r.post(
    '/api/organisations',
    {
      schema: {
        tags: ['Organisations'],
        summary: 'Create an organisation with its first org unit and org admin (installation admin)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 2, maxLength: 200 }),
            shortCode: Type.String({
              pattern: '^[A-Za-z0-9]{2,10}$',
              description: 'Prefix of case numbers, e.g. JMD',
            }),
            firstOrgUnitName: UnitName,
            admin: Type.Object(
              {
                username: Type.String({ pattern: USERNAME_PATTERN, maxLength: 64 }),
                displayName: Type.String({ minLength: 1, maxLength: 200 }),
                initialPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
              },
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: OrganisationSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createOrganisation(deps, contextOf(request, deps.clock()), request.body)),
  );
}
