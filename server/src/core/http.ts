import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { AppDeps, RequestContext } from './context.js';
import { fieldMessage, localeOf, Problem, problemBody, type FieldError, type Locale } from './errors.js';
import { resolveSession, type SessionInfo } from './sessions.js';

export const SESSION_COOKIE = 'lotse_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Seconds until the session ends unless used; the web app warns before (WCAG 2.2.1 timing adjustable). */
export const SESSION_EXPIRES_HEADER = 'x-session-expires-in';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionInfo | null;
    sessionExpired: boolean;
  }
  interface FastifyContextConfig {
    /** Route answers without a session (sign-in, health, API docs). Everything else needs one. */
    public?: boolean;
    /** A request the browser makes on its own (how long is left?): it does not restart the idle timeout. */
    passive?: boolean;
    /**
     * Public and the same for everyone: a session cookie sent along is not even looked up, so the answer does
     * not depend on the session store (ping touches no database; health reports the database itself).
     */
    sessionless?: boolean;
  }
}

export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  if (header) return localeOf(header);
  return request.session?.locale === 'en' ? 'en' : 'de';
}

/** The use-case context of an authenticated request. */
export function contextOf(request: FastifyRequest, now: Date): RequestContext {
  const session = request.session;
  if (!session) throw new Problem('not-authenticated');
  return {
    actor: {
      userId: session.userId,
      organisationId: session.organisationId,
      roles: session.roles,
      orgUnitIds: session.orgUnitIds,
    },
    requestId: request.id,
    locale: requestLocale(request),
    now,
  };
}

export function useSecureCookie(request: FastifyRequest, deps: AppDeps): boolean {
  if (deps.config.cookieSecure === 'always') return true;
  if (deps.config.cookieSecure === 'never') return false;
  return request.protocol === 'https';
}

export function secondsUntil(iso: string, now: Date): number {
  return Math.max(0, Math.floor((new Date(iso).getTime() - now.getTime()) / 1000));
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Session resolution and CSRF check: deny by default for every /api route not marked public. */
export function registerAuth(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || path.startsWith('/api/docs')) return;
    if (request.routeOptions.config.sessionless === true) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const now = deps.clock();
      const touch = request.routeOptions.config.passive !== true;
      const lookup = await resolveSession(deps.db, deps.config, token, now, { touch });
      if (lookup.status === 'valid') {
        request.session = lookup.session;
        reply.header(SESSION_EXPIRES_HEADER, String(secondsUntil(lookup.session.expiresAt, now)));
      }
      if (lookup.status === 'expired') request.sessionExpired = true;
    }
    if (request.routeOptions.config.public === true || request.routeOptions.url === undefined) return;
    if (!request.session) {
      throw new Problem('not-authenticated', {
        ...(request.sessionExpired ? { detail: 'session-expired' } : {}),
      });
    }
    if (STATE_CHANGING.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, request.session.csrfToken)) throw new Problem('csrf');
    }
  });
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** Turns JSON-schema errors into field errors with pointers (body) or parameter names (query, path). */
export function fieldErrorsFromValidation(
  errors: readonly AjvError[],
  part: string | undefined,
  locale: Locale,
): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    let pointer = e.instancePath;
    if (e.keyword === 'required') pointer += `/${String(e.params.missingProperty)}`;
    if (e.keyword === 'additionalProperties') pointer += `/${String(e.params.additionalProperty)}`;
    const params: Record<string, unknown> = {};
    for (const key of ['limit', 'format', 'type', 'allowedValues']) {
      if (e.params[key] !== undefined) params[key] = e.params[key];
    }
    // anyOf reports each branch too; keep one message per field and keyword.
    const key = `${pointer}|${e.keyword}`;
    if (seen.has(key) || (e.keyword !== 'anyOf' && seen.has(`${pointer}|anyOf`))) continue;
    seen.add(key);
    const location =
      part === 'body' || part === undefined
        ? { pointer: pointer === '' ? '/' : pointer }
        : { parameter: pointer.replace(/^\//, '') };
    out.push({ ...location, code: e.keyword, message: fieldMessage(e.keyword, locale, params), params });
  }
  return out;
}

function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Problem): FastifyReply {
  const body = problemBody(problem, requestLocale(request), request.id);
  if (['too-many-attempts', 'account-locked', 'rate-limited'].includes(problem.code)) {
    const retry = problem.options.extra?.retryAfterSeconds;
    if (typeof retry === 'number') reply.header('retry-after', String(retry));
  }
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .serializer((payload: unknown) => JSON.stringify(payload))
    .send(body);
}

const FRAMEWORK_ERRORS: Record<string, Problem['code']> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid-json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation',
};

/** Driver errors that mean "the database cannot be reached or is locked", not a fault of the request. */
const DATABASE_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);
const DATABASE_UNAVAILABLE_MESSAGES =
  /Connection terminated|connect ECONNREFUSED|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable/;

/**
 * Maps database failures to problems: unreachable or locked → 503 database-unavailable (the client may try
 * again), storage full (SQLITE_FULL, PostgreSQL disk_full 53100) → 507 storage-full. Null for other errors.
 */
function databaseProblem(error: { code?: unknown; message?: string }): Problem | null {
  const code = String(error.code ?? '');
  if (code === 'SQLITE_FULL' || code === '53100') return new Problem('storage-full');
  if (
    DATABASE_UNAVAILABLE_CODES.has(code) ||
    /^08/.test(code) || // PostgreSQL connection exceptions
    /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN)/.test(code) ||
    DATABASE_UNAVAILABLE_MESSAGES.test(error.message ?? '')
  ) {
    return new Problem('database-unavailable');
  }
  return null;
}

/**
 * PostgreSQL refusing a value the JSON schema let through — a number beyond the column's range (a `version`
 * of 2^31), text it cannot store: bad input, answered 400 like any other. SQLite stores such values. The
 * transaction has rolled back, so nothing of the request is stored.
 */
const DATABASE_INPUT_ERRORS = new Set([
  '22003', // numeric_value_out_of_range
  '22P02', // invalid_text_representation
  '22007', // invalid_datetime_format
  '22008', // datetime_field_overflow
  '22021', // character_not_in_repertoire (NUL)
  '22P05', // untranslatable_character
]);

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const locale = requestLocale(request);
    if (error instanceof Problem) return sendProblem(reply, request, error);
    if (error.validation) {
      return sendProblem(
        reply,
        request,
        new Problem('validation', {
          errors: fieldErrorsFromValidation(error.validation as AjvError[], error.validationContext, locale),
        }),
      );
    }
    const mapped = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (mapped) return sendProblem(reply, request, new Problem(mapped));
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return sendProblem(reply, request, new Problem('invalid-json'));
    }
    if (typeof error.code === 'string' && DATABASE_INPUT_ERRORS.has(error.code)) {
      request.log.warn({ errCode: error.code }, 'input refused by the database');
      return sendProblem(reply, request, new Problem('validation', { detail: 'out-of-range' }));
    }
    const database = databaseProblem(error);
    if (database) {
      request.log.error(
        { errCode: error.code },
        database.code === 'storage-full' ? 'storage full' : 'database unavailable',
      );
      return sendProblem(reply, request, database);
    }
    if (error.statusCode === 429) return sendProblem(reply, request, new Problem('too-many-attempts'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, request, new Problem('validation', { detail: error.code ?? 'bad-request' }));
    }
    // Log the error class and stack, not values: driver messages can quote stored data.
    request.log.error(
      { errName: error.name, errCode: error.code, stack: error.stack?.split('\n').slice(1).join('\n') },
      'unhandled error',
    );
    return sendProblem(reply, request, new Problem('internal'));
  });
}

/**
 * Errors the router raises before any route or hook runs — a path that is not valid percent-encoding, or a
 * path parameter over the router's length limit: problem documents too, without echoing the path.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const problem =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new Problem('uri-too-long')
      : new Problem('validation', { detail: error.code === 'FST_ERR_BAD_URL' ? 'bad-url' : 'bad-request' });
  return sendProblem(reply, request, problem);
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, request, new Problem('not-found'));
}
