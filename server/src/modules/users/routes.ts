import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ROLES, type AppDeps } from '../../core/context.js';
import { contextOf } from '../../core/http.js';
import { PASSWORD_MAX_LENGTH } from '../../core/passwords.js';
import {
  IdParams,
  IsoTimestamp,
  Nullable,
  PageOf,
  PageQuery,
  SearchTerm,
  problemResponses,
  StringEnum,
  Uuid,
  Version,
} from '../../core/schemas.js';
import { USERNAME_PATTERN } from './domain.js';
import {
  createUser,
  getUser,
  listColleagues,
  listUsers,
  resetPassword,
  unlockUser,
  updateUser,
} from './service.js';

export const RoleSchema = StringEnum(ROLES, { description: 'Role code' });

export const UserSchema = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  locale: StringEnum(['de', 'en'] as const),
  roles: Type.Array(RoleSchema),
  orgUnits: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  active: Type.Boolean(),
  ftePercent: Type.Integer(),
  lockedUntil: Nullable(IsoTimestamp),
  lastLoginAt: Nullable(IsoTimestamp),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  version: Type.Integer(),
});

const DisplayName = Type.String({ minLength: 1, maxLength: 200 });
const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH });
const RoleList = Type.Array(RoleSchema, { minItems: 1, maxItems: 6, uniqueItems: true });
const OrgUnitIdList = Type.Array(Uuid, { minItems: 1, maxItems: 50, uniqueItems: true });

/** The user list's filters, sorting and page (the search term only in a body: SearchTerm). */
const UserListQuery = {
  ...PageQuery,
  role: Type.Optional(RoleSchema),
  orgUnitId: Type.Optional(Uuid),
  active: Type.Optional(Type.Boolean()),
  sort: Type.Optional(StringEnum(['displayName', 'username', 'lastLoginAt'] as const)),
  order: Type.Optional(StringEnum(['asc', 'desc'] as const)),
};

export async function userRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Users'];

  r.get(
    '/api/users',
    {
      schema: {
        tags,
        summary:
          'List the users of the own organisation (org admin). To search by name or user name: POST /api/users/search',
        querystring: Type.Object(UserListQuery, { additionalProperties: false }),
        response: { 200: PageOf(UserSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listUsers(deps, contextOf(request, deps.clock()), request.query),
  );

  r.post(
    '/api/users/search',
    {
      schema: {
        tags,
        summary: 'The users searched by name or user name (org admin): the term in the body, never in a URL',
        body: Type.Object(
          { ...UserListQuery, ...SearchTerm('Display name or user name') },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(UserSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listUsers(deps, contextOf(request, deps.clock()), request.body),
  );

  r.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Create a user in the own organisation (org admin)',
        body: Type.Object(
          {
            username: Type.String({ pattern: USERNAME_PATTERN, maxLength: 64 }),
            displayName: DisplayName,
            email: Type.Optional(Nullable(Email)),
            roles: RoleList,
            orgUnitIds: OrgUnitIdList,
            initialPassword: Password,
          },
          { additionalProperties: false },
        ),
        response: { 201: UserSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const user = await createUser(deps, contextOf(request, deps.clock()), request.body);
      return reply.code(201).send(user);
    },
  );

  r.get(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'One user (org admin, or oneself)',
        params: IdParams,
        response: { 200: UserSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => getUser(deps, contextOf(request, deps.clock()), request.params.id),
  );

  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user; send the version you read (optimistic concurrency)',
        params: IdParams,
        body: Type.Object(
          {
            version: Version(),
            displayName: Type.Optional(DisplayName),
            email: Type.Optional(Nullable(Email)),
            roles: Type.Optional(RoleList),
            orgUnitIds: Type.Optional(OrgUnitIdList),
            active: Type.Optional(Type.Boolean()),
            ftePercent: Type.Optional(
              Type.Integer({ minimum: 0, maximum: 100, description: 'Share of a full-time post' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: UserSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateUser(deps, contextOf(request, deps.clock()), request.params.id, request.body),
  );

  r.post(
    '/api/users/:id/password',
    {
      schema: {
        tags,
        summary: 'Set a new password for a user (org admin); unlocks and ends their sessions',
        params: IdParams,
        body: Type.Object({ newPassword: Password }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await resetPassword(
        deps,
        contextOf(request, deps.clock()),
        request.params.id,
        request.body.newPassword,
      );
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/colleagues',
    {
      schema: {
        tags,
        summary: 'Colleagues who run cases (for handovers, delegations, follow-ups)',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Uuid,
                displayName: Type.String(),
                roles: Type.Array(RoleSchema),
                orgUnitIds: Type.Array(Uuid),
              }),
            ),
          }),
          ...problemResponses(401),
        },
      },
    },
    async (request) => listColleagues(deps, contextOf(request, deps.clock())),
  );

  r.post(
    '/api/users/:id/unlock',
    {
      schema: {
        tags,
        summary: 'Lift a temporary lock after failed sign-ins (org admin)',
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await unlockUser(deps, contextOf(request, deps.clock()), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
