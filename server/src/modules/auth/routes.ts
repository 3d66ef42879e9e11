import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { Problem } from '../../core/errors.js';
import { contextOf, SESSION_COOKIE, useSecureCookie } from '../../core/http.js';
import { PASSWORD_MAX_LENGTH } from '../../core/passwords.js';
import { Nullable, problemResponses, StringEnum, Uuid } from '../../core/schemas.js';
import { RoleSchema } from '../users/routes.js';
import { changeOwnPassword, loadMe, login, logout, setOwnLocale } from './service.js';

const MeSchema = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  locale: StringEnum(['de', 'en'] as const),
  organisation: Type.Object({ id: Uuid, name: Type.String() }),
  roles: Type.Array(RoleSchema),
  orgUnits: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
});

const SessionSchema = Type.Object({
  user: MeSchema,
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token header with every state-changing request' }),
});

export async function authRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Sign-in'];

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in with username and password; sets the session cookie',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
          },
          { additionalProperties: false },
        ),
        response: { 200: SessionSchema, ...problemResponses(400, 401, 423, 429) },
      },
    },
    async (request, reply) => {
      const result = await login(deps, {
        ...request.body,
        ip: request.ip,
        requestId: request.id,
        ...(request.session ? { previousSessionId: request.session.sessionId } : {}),
      });
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: useSecureCookie(request, deps),
        maxAge: deps.config.session.absoluteHours * 3600,
      });
      return { user: result.me, csrfToken: result.csrfToken };
    },
  );

  r.get(
    '/api/auth/session',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'The signed-in user and the CSRF token of the session',
        response: { 200: SessionSchema, ...problemResponses(401) },
      },
    },
    async (request) => {
      const session = request.session;
      if (!session) {
        throw new Problem('not-authenticated', request.sessionExpired ? { detail: 'session-expired' } : {});
      }
      return { user: await loadMe(deps, session.userId, deps.clock()), csrfToken: session.csrfToken };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      schema: {
        tags,
        summary: 'Sign out: ends the session on the server',
        response: { 204: Type.Null(), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const session = request.session;
      if (session) await logout(deps, contextOf(request, deps.clock()), session.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: 'Change the own password; other sessions of the user end',
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
            newPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, deps.clock());
      await changeOwnPassword(deps, ctx, request.session?.sessionId ?? '', request.body);
      return reply.code(204).send(null);
    },
  );

  r.patch(
    '/api/auth/preferences',
    {
      schema: {
        tags,
        summary: 'Own preferences (UI language)',
        body: Type.Object({ locale: StringEnum(['de', 'en'] as const) }, { additionalProperties: false }),
        response: { 200: MeSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => setOwnLocale(deps, contextOf(request, deps.clock()), request.body.locale),
  );
}
