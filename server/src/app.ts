import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { AppDeps } from './core/context.js';
import { Problem } from './core/errors.js';
import {
  registerAuth,
  registerErrorHandling,
  sendFrameworkError,
  sendNotFound,
  CSRF_HEADER,
  SESSION_COOKIE,
} from './core/http.js';
import { newId } from './core/ids.js';
import { registerInputGuard } from './core/input.js';
import { registerRateLimits } from './core/rate-limits.js';
import { setSecurityHeaders } from './core/security-headers.js';
import { ProblemSchema } from './core/schemas.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { sessionRoutes } from './modules/auth/session-routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { organisationRoutes } from './modules/organisation/routes.js';
import { userRoutes } from './modules/users/routes.js';
import { clientRoutes } from './modules/clients/routes.js';
import { caseRoutes } from './modules/cases/routes.js';
import { journalRoutes } from './modules/journal/routes.js';
import { followUpRoutes } from './modules/followups/routes.js';
import { settingsRoutes } from './modules/organisation/settings-routes.js';
import { consentRoutes } from './modules/consent/routes.js';
import { privacyRoutes } from './modules/privacy/routes.js';
import { assessmentRoutes } from './modules/assessment/routes.js';
import { planRoutes } from './modules/plan/routes.js';
import { partnerRoutes } from './modules/partners/routes.js';
import { agreementRoutes } from './modules/agreements/routes.js';
import { referralRoutes } from './modules/referrals/routes.js';
import { conferenceRoutes } from './modules/conferences/routes.js';
import { gapRoutes } from './modules/gaps/routes.js';
import { evaluationRoutes } from './modules/evaluation/routes.js';
import { statisticsRoutes } from './modules/statistics/routes.js';
import { dashboardRoutes } from './modules/dashboards/routes.js';
import { networkMapRoutes } from './modules/networkmap/routes.js';
import { secondFactorRoutes } from './modules/secondfactor/routes.js';
import { ssoRoutes } from './modules/sso/routes.js';
import { InstrumentDefinitionSchema } from './modules/assessment/schema.js';

/** Every module's routes, in one list: adding a module means adding one line here. */
const MODULES = [
  healthRoutes,
  authRoutes,
  sessionRoutes,
  secondFactorRoutes,
  ssoRoutes,
  userRoutes,
  organisationRoutes,
  settingsRoutes,
  auditRoutes,
  clientRoutes,
  caseRoutes,
  journalRoutes,
  followUpRoutes,
  consentRoutes,
  privacyRoutes,
  assessmentRoutes,
  planRoutes,
  partnerRoutes,
  agreementRoutes,
  referralRoutes,
  conferenceRoutes,
  gapRoutes,
  evaluationRoutes,
  statisticsRoutes,
  dashboardRoutes,
  networkMapRoutes,
];

/** Schemas that routes refer to by $ref (one component in the OpenAPI document, one validator). */
const SHARED_SCHEMAS = [ProblemSchema, InstrumentDefinitionSchema];

function makeAjv(coerceTypes: boolean | 'array') {
  // Unknown fields are refused (not silently dropped) and bodies are not type-coerced: "12" is not 12.
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes,
    strict: false,
  });
  addFormats.default(ajv);
  return ajv;
}

/** Structured logs without personal data: no bodies, no query strings, no cookies, no IP addresses. */
function loggerOptions(deps: AppDeps): FastifyServerOptions['logger'] {
  if (deps.config.logLevel === 'silent') return false;
  return {
    level: deps.config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization', `req.headers["${CSRF_HEADER}"]`],
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        requestId: req.id,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

export function resolveWebDist(deps: AppDeps): string | null {
  const candidate = deps.config.webDist ?? path.resolve(import.meta.dirname, '../../web/dist');
  return fs.existsSync(path.join(candidate, 'index.html')) ? candidate : null;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps),
    genReqId: () => newId(),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: sendFrameworkError,
  });

  const bodyAjv = makeAjv(false);
  const paramAjv = makeAjv('array');
  for (const shared of SHARED_SCHEMAS) {
    bodyAjv.addSchema(shared);
    paramAjv.addSchema(shared);
  }
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : paramAjv).compile(schema),
  );

  // JSON only; an empty body counts as no body (POST actions without input), prototype keys are refused.
  // Fastify's own text/plain parser goes too: any other content type is answered 415 (tested in app.property.test.ts).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      const parsed: unknown = JSON.parse(text, (key, value: unknown) => {
        if (key === '__proto__' || key === 'constructor') throw new SyntaxError('forbidden key');
        return value;
      });
      done(null, parsed);
    } catch {
      done(new Problem('invalid-json'), undefined);
    }
  });

  await app.register(fastifyCookie);
  for (const shared of SHARED_SCHEMAS) app.addSchema(shared);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lotse API',
        version: deps.config.version,
        description:
          'Case management for social services. Sign in with POST /api/auth/login; send the returned csrfToken as X-CSRF-Token with every state-changing request. See docs/api.md.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
    transform: ({ schema, url, route }) => {
      const transformed = { schema, url };
      if (route.config && (route.config as { public?: boolean }).public) {
        return { ...transformed, schema: { ...schema, security: [] } };
      }
      return transformed;
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  registerErrorHandling(app);
  registerAuth(app, deps);
  registerInputGuard(app);
  registerRateLimits(app, deps);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    setSecurityHeaders(request, reply, deps.config);
    // Personal data must not linger in browser or proxy caches.
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) {
      reply.header('cache-control', 'no-store');
    }
  });

  // Sign-in and own-account requests carry a few short fields: a tight body limit instead of the 1 MiB default
  // (document uploads raise theirs per route).
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/auth/') && route.bodyLimit === undefined) route.bodyLimit = 16 * 1024;
  });
  for (const register of MODULES) await register(app, deps);

  const webDist = resolveWebDist(deps);
  if (webDist) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      setHeaders: (res, filePath) => {
        res.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api');
    if (webDist && isPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return sendNotFound(request, reply);
  });

  return app;
}
