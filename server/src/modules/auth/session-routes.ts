import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { Problem } from '../../core/errors.js';
import { SESSION_EXPIRES_HEADER, secondsUntil } from '../../core/http.js';
import { problemResponses } from '../../core/schemas.js';
import { extendSession, type SessionInfo } from '../../core/sessions.js';

const ExpirySchema = Type.Object({
  expiresInSeconds: Type.Integer({
    minimum: 0,
    description: 'Seconds until the session ends unless it is used (idle or absolute timeout, the earlier)',
  }),
});

function sessionOf(request: FastifyRequest): SessionInfo {
  if (!request.session) throw new Problem('not-authenticated');
  return request.session;
}

/**
 * The session timeout the web app warns about (WCAG 2.2.1 "timing adjustable"): how long is left, asked
 * without counting as activity, and "stay signed in", which restarts the idle timeout.
 */
export async function sessionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Sign-in'];

  r.get(
    '/api/auth/session/expiry',
    {
      config: { passive: true },
      schema: {
        tags,
        summary: 'How long the session has left; asking does not extend it',
        response: { 200: ExpirySchema, ...problemResponses(401) },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      return { expiresInSeconds: secondsUntil(session.expiresAt, deps.clock()) };
    },
  );

  r.post(
    '/api/auth/session/extend',
    {
      schema: {
        tags,
        summary: 'Stay signed in: restarts the idle timeout (never beyond the absolute one)',
        response: { 200: ExpirySchema, ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const now = deps.clock();
      const expiresInSeconds = secondsUntil(await extendSession(deps.db, deps.config, session, now), now);
      reply.header(SESSION_EXPIRES_HEADER, String(expiresInSeconds));
      return { expiresInSeconds };
    },
  );
}
