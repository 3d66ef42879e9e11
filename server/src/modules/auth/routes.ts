import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { Problem } from '../../core/errors.js';
import { contextOf, requestLocale, SESSION_COOKIE, useSecureCookie } from '../../core/http.js';
import { PASSWORD_MAX_LENGTH } from '../../core/passwords.js';
import { Nullable, problemResponses, StringEnum, Uuid } from '../../core/schemas.js';
import { RoleSchema } from '../users/routes.js';
import { EnrolmentSchema, RecoveryCodesSchema } from '../secondfactor/routes.js';
import { PENDING_LOGIN_COOKIE, PENDING_LOGIN_MINUTES, PENDING_LOGIN_PATH } from './pending-logins.js';
import {
  changeOwnPassword,
  completeSecondFactorLogin,
  confirmLoginEnrolment,
  loadMe,
  login,
  logout,
  setOwnLocale,
  startLoginEnrolment,
  type LoginResult,
} from './service.js';

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

const SecondStepSchema = Type.Object({
  secondFactor: StringEnum(['verify', 'enrol'] as const, {
    description: 'verify: enter a code (POST /api/auth/login/second-factor); enrol: set up the factor first',
  }),
});

const TotpCode = Type.String({ minLength: 1, maxLength: 12, description: 'Six digits from the app' });

export async function authRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Sign-in'];

  const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, token: string) => {
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: useSecureCookie(request, deps),
      maxAge: deps.config.session.absoluteHours * 3600,
    });
  };
  const finishSignIn = (request: FastifyRequest, reply: FastifyReply, result: LoginResult) => {
    reply.clearCookie(PENDING_LOGIN_COOKIE, { path: PENDING_LOGIN_PATH });
    setSessionCookie(request, reply, result.token);
    return { user: result.me, csrfToken: result.csrfToken };
  };

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
        response: {
          200: SessionSchema,
          202: SecondStepSchema,
          ...problemResponses(400, 401, 423, 429),
        },
      },
    },
    async (request, reply) => {
      const result = await login(deps, {
        ...request.body,
        ip: request.ip,
        requestId: request.id,
        ...(request.session ? { previousSessionId: request.session.sessionId } : {}),
      });
      if (result.kind === 'second-factor') {
        // Not a session: only the second step's routes (below) read this cookie.
        reply.setCookie(PENDING_LOGIN_COOKIE, result.pendingToken, {
          path: PENDING_LOGIN_PATH,
          httpOnly: true,
          sameSite: 'strict',
          secure: useSecureCookie(request, deps),
          maxAge: PENDING_LOGIN_MINUTES[result.step] * 60,
        });
        if (request.session) reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(202).send({ secondFactor: result.step });
      }
      setSessionCookie(request, reply, result.token);
      return { user: result.me, csrfToken: result.csrfToken };
    },
  );

  r.post(
    '/api/auth/login/second-factor',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Second step of the sign-in: a code from the authenticator app or one recovery code',
        body: Type.Object(
          {
            code: Type.Optional(TotpCode),
            recoveryCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: SessionSchema, ...problemResponses(400, 401, 423, 429) },
      },
    },
    async (request, reply) => {
      const result = await completeSecondFactorLogin(
        deps,
        {
          pendingToken: request.cookies[PENDING_LOGIN_COOKIE],
          ...request.body,
          ip: request.ip,
          requestId: request.id,
        },
        requestLocale(request),
      );
      return finishSignIn(request, reply, result);
    },
  );

  r.post(
    '/api/auth/login/enrolment',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign-in when the organisation requires a second factor not yet set up: a new secret',
        response: { 200: EnrolmentSchema, ...problemResponses(401, 409, 423) },
      },
    },
    async (request) =>
      startLoginEnrolment(deps, {
        pendingToken: request.cookies[PENDING_LOGIN_COOKIE],
        requestId: request.id,
      }),
  );

  r.post(
    '/api/auth/login/enrolment/confirm',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'Confirm the new factor with a code: completes the sign-in; the recovery codes are shown once',
        body: Type.Object({ code: TotpCode }, { additionalProperties: false }),
        response: {
          200: Type.Object({ ...SessionSchema.properties, ...RecoveryCodesSchema.properties }),
          ...problemResponses(400, 401, 409, 423),
        },
      },
    },
    async (request, reply) => {
      const result = await confirmLoginEnrolment(
        deps,
        {
          pendingToken: request.cookies[PENDING_LOGIN_COOKIE],
          code: request.body.code,
          ip: request.ip,
          requestId: request.id,
        },
        requestLocale(request),
      );
      return { ...finishSignIn(request, reply, result), recoveryCodes: result.recoveryCodes };
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
