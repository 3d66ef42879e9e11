import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { networkProblem, toProblem } from './problem';
import type { Problem } from './types';

/*
 * One client for the whole app. Everything that every request needs — the CSRF token on state-changing
 * requests, the UI language, noticing an expired session — happens here in one middleware, so no page
 * can forget it.
 */

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// The login request is the one state-changing request made before a token exists.
const WITHOUT_CSRF = ['/api/auth/login'];
// A 401 from these means "not signed in (yet)", not "your session ran out".
const NOT_EXPIRY = ['/api/auth/session', '/api/auth/login'];

let csrfToken: string | null = null;
let requestLanguage = 'de';
const expiryListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  // Signed out: the old session's deadline means nothing for the next one.
  if (token === null) sessionDeadline = null;
}

export function setRequestLanguage(language: string): void {
  requestLanguage = language;
}

/*
 * The session's deadline: every signed-in answer says in X-Session-Expires-In how many seconds are left unless
 * the session is used again. Kept as a point in this browser's time (the server's clock may differ) for the
 * timeout warning (app/SessionTimeout.tsx).
 */
let sessionDeadline: number | null = null;
const deadlineListeners = new Set<(deadline: number) => void>();

/** Calls the listener with the latest known deadline (ms since the epoch), now and on every change. */
export function onSessionDeadline(listener: (deadline: number) => void): () => void {
  deadlineListeners.add(listener);
  if (sessionDeadline !== null) listener(sessionDeadline);
  return () => {
    deadlineListeners.delete(listener);
  };
}

function noteSessionDeadline(response: Response): void {
  const seconds = Number(response.headers.get('X-Session-Expires-In') ?? NaN);
  if (!Number.isFinite(seconds)) return;
  sessionDeadline = Date.now() + seconds * 1000;
  for (const listener of deadlineListeners) listener(sessionDeadline);
}

/** Registers a listener for "the server says this session is gone"; returns the unsubscribe function. */
export function onSessionExpired(listener: () => void): () => void {
  expiryListeners.add(listener);
  return () => {
    expiryListeners.delete(listener);
  };
}

function pathOf(request: Request): string {
  return new URL(request.url).pathname;
}

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', requestLanguage);
    if (STATE_CHANGING.has(request.method) && !WITHOUT_CSRF.includes(pathOf(request)) && csrfToken !== null) {
      request.headers.set('X-CSRF-Token', csrfToken);
    }
    return request;
  },
  async onResponse({ request, response }) {
    noteSessionDeadline(response);
    if (response.status !== 401 || NOT_EXPIRY.includes(pathOf(request))) return undefined;
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    if (typeof body === 'object' && body !== null && 'code' in body && body.code === 'not-authenticated') {
      csrfToken = null;
      sessionDeadline = null;
      for (const listener of expiryListeners) listener();
    }
    return undefined;
  },
};

export const api = createClient<paths>({
  // An absolute base keeps Request construction working outside the browser (tests under jsdom).
  baseUrl: window.location.origin,
  // Resolved per call, so tests can stub the global fetch.
  fetch: (request: Request) => globalThis.fetch(request),
});
api.use(sessionMiddleware);

export type ApiResult<T> = { ok: true; data: T } | { ok: false; problem: Problem };

interface FetchOutcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Turns an openapi-fetch call into a result the UI can switch on; network failures become a problem too. */
export async function call<T>(request: Promise<FetchOutcome<T>>): Promise<ApiResult<T>> {
  let outcome: FetchOutcome<T>;
  try {
    outcome = await request;
  } catch {
    return { ok: false, problem: networkProblem };
  }
  if (outcome.response.ok) return { ok: true, data: outcome.data as T };
  return { ok: false, problem: toProblem(outcome.error, outcome.response) };
}
