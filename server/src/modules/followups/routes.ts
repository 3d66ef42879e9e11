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
  Uuid,
  Person,
  Version,
} from '../../core/schemas.js';
import {
  caseFollowUps,
  createFollowUp,
  markNotificationRead,
  myFollowUps,
  myNotifications,
  updateFollowUp,
} from './service.js';

const FollowUpSchema = Type.Object({
  id: Uuid,
  case: Nullable(Type.Object({ id: Uuid, caseNumber: Type.String(), clientName: Nullable(Type.String()) })),
  assignee: Person,
  dueOn: IsoDate,
  text: Type.String(),
  overdue: Type.Boolean(),
  done: Nullable(Type.Object({ at: IsoTimestamp, by: Person })),
  createdBy: Person,
  createdAt: IsoTimestamp,
  version: Type.Integer(),
});

export async function followUpRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Follow-ups'];
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());

  r.get(
    '/api/follow-ups/mine',
    {
      schema: {
        tags,
        summary: 'Meine Wiedervorlagen: open first, overdue at the top',
        querystring: Type.Object(
          { ...PageQuery, includeDone: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(FollowUpSchema), ...problemResponses(400, 401) },
      },
    },
    async (request) => myFollowUps(deps, ctx(request), request.query),
  );

  r.get(
    '/api/cases/:id/follow-ups',
    {
      schema: {
        tags,
        summary: 'Follow-ups of a case',
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(FollowUpSchema) }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => caseFollowUps(deps, ctx(request), request.params.id),
  );

  r.post(
    '/api/follow-ups',
    {
      schema: {
        tags,
        summary: 'Set a follow-up (for a case or a personal task)',
        body: Type.Object(
          {
            caseId: Type.Optional(Nullable(Uuid)),
            assigneeUserId: Type.Optional(Uuid),
            dueOn: IsoDate,
            text: Type.String({ minLength: 1, maxLength: 2000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: FollowUpSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createFollowUp(deps, ctx(request), request.body)),
  );

  r.patch(
    '/api/follow-ups/:id',
    {
      schema: {
        tags,
        summary: 'Change or complete a follow-up; send the version you read',
        params: IdParams,
        body: Type.Object(
          {
            version: Version(),
            dueOn: Type.Optional(IsoDate),
            text: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
            assigneeUserId: Type.Optional(Uuid),
            done: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: FollowUpSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateFollowUp(deps, ctx(request), request.params.id, request.body),
  );

  r.get(
    '/api/notifications',
    {
      schema: {
        tags: ['Notifications'],
        summary: 'My notifications (handovers, delegations, assigned follow-ups, cases opened with a reason)',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Uuid,
                kind: Type.String(),
                case: Nullable(Type.Object({ id: Uuid, caseNumber: Type.String() })),
                createdAt: IsoTimestamp,
                read: Type.Boolean(),
              }),
            ),
            unread: Type.Integer(),
          }),
          ...problemResponses(401),
        },
      },
    },
    async (request) => myNotifications(deps, ctx(request)),
  );

  r.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: ['Notifications'],
        summary: 'Mark a notification as read',
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await markNotificationRead(deps, ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
