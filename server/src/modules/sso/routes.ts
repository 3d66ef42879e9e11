import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { Problem } from '../../core/errors.js';
import { SESSION_COOKIE, useSecureCookie } from '../../core/http.js';
import { Nullable, problemResponses } from '../../core/schemas.js';
import { failureKind } from './domain.js';
import { completeSignIn, OidcProvider, SsoError, startSignIn } from './service.js';

/** Ties the callback to the browser that started the sign-in (only for the two routes below). */
const BINDING_COOKIE = 'lotse_oidc';
const OIDC_PATH = '/api/auth/oidc';

/** A browser navigation (the sign-in button, the provider's redirect) gets pages; API clients get problems. */
function wantsPage(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function fail(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof SsoError)) throw error;
  if (!wantsPage(request)) throw error.toProblem();
  // The sign-in page explains the kind of failure; the reason category is in the audit log.
  return reply.redirect(`/login?sso=${failureKind(error.reason)}`, 303);
}

const Redirect = (description: string) => Type.Null({ description });

export async function ssoRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Sign-in'];
  const provider = deps.config.oidc ? new OidcProvider(deps.config.oidc) : null;

  r.get(
    '/api/auth/sso',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'Whether sign-in with the authority account (OpenID Connect) is offered, for the sign-in page',
        response: {
          200: Type.Object({
            enabled: Type.Boolean(),
            startUrl: Nullable(Type.String({ description: 'Navigate the browser here to sign in' })),
          }),
        },
      },
    },
    async () => ({ enabled: provider !== null, startUrl: provider ? `${OIDC_PATH}/start` : null }),
  );

  r.get(
    `${OIDC_PATH}/start`,
    {
      config: { public: true },
      // A HEAD (link preview, prefetch) must not start or, below, use up a sign-in.
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: 'Starts single sign-on: redirects the browser to the OpenID provider',
        querystring: Type.Object(
          { returnTo: Type.Optional(Type.String({ maxLength: 512 })) },
          { additionalProperties: false },
        ),
        response: { 302: Redirect('To the provider'), ...problemResponses(400, 404, 503) },
      },
    },
    async (request, reply) => {
      if (!provider) throw new Problem('sso-not-configured');
      try {
        const started = await startSignIn(deps, provider, {
          returnTo: request.query.returnTo,
          requestId: request.id,
        });
        reply.setCookie(BINDING_COOKIE, started.browserToken, {
          path: OIDC_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: useSecureCookie(request, deps),
          maxAge: 600,
        });
        return reply.redirect(started.authorizationUrl, 302);
      } catch (error) {
        return fail(request, reply, error);
      }
    },
  );

  r.get(
    `${OIDC_PATH}/callback`,
    {
      config: { public: true },
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: 'Where the provider sends the browser back; signs in and redirects to the app',
        // Providers add their own parameters (session_state, iss, …): they are allowed, not used.
        querystring: Type.Object(
          {
            state: Type.Optional(Type.String({ maxLength: 512 })),
            code: Type.Optional(Type.String({ maxLength: 4096 })),
            error: Type.Optional(Type.String({ maxLength: 256 })),
          },
          { additionalProperties: Type.String({ maxLength: 4096 }) },
        ),
        response: {
          303: Redirect('Signed in: to the app; failed (browser): to the sign-in page'),
          ...problemResponses(400, 401, 403, 404, 429, 503),
        },
      },
    },
    async (request, reply) => {
      if (!provider) throw new Problem('sso-not-configured');
      reply.clearCookie(BINDING_COOKIE, { path: OIDC_PATH });
      try {
        const done = await completeSignIn(deps, provider, {
          query: request.url.split('?')[1] ?? '',
          browserToken: request.cookies[BINDING_COOKIE],
          previousSessionId: request.session?.sessionId,
          requestId: request.id,
          ip: request.ip,
        });
        reply.setCookie(SESSION_COOKIE, done.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: useSecureCookie(request, deps),
          maxAge: deps.config.session.absoluteHours * 3600,
        });
        return reply.redirect(done.returnTo, 303);
      } catch (error) {
        return fail(request, reply, error);
      }
    },
  );
}
