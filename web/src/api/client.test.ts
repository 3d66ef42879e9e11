import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, call, onSessionExpired, setCsrfToken, setRequestLanguage } from './client';

function problemResponse(status: number, code: string) {
  return new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, requestId: 'r1' }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

function stubFetch(response: () => Response) {
  const requests: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      requests.push(request);
      return response();
    }),
  );
  return requests;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setRequestLanguage('de');
});

describe('api client', () => {
  it('sends the CSRF token on state-changing requests and the UI language on all', async () => {
    const requests = stubFetch(() => new Response(null, { status: 204 }));
    setCsrfToken('token-1');
    setRequestLanguage('en');

    await call(api.POST('/api/auth/logout'));
    await call(api.GET('/api/org-units'));

    expect(requests[0]?.headers.get('X-CSRF-Token')).toBe('token-1');
    expect(requests[0]?.headers.get('Accept-Language')).toBe('en');
    expect(requests[1]?.headers.get('X-CSRF-Token')).toBeNull();
    expect(requests[1]?.headers.get('Accept-Language')).toBe('en');
  });

  it('sends a search that only reads as POST with the CSRF token and the term in the JSON body', async () => {
    const requests = stubFetch(
      () =>
        new Response(JSON.stringify({ items: [], total: 0, page: 1, pageSize: 25 }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    setCsrfToken('token-1');

    const result = await call(api.POST('/api/users/search', { body: { q: 'Petersen', role: 'dpo' } }));

    const request = requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('X-CSRF-Token')).toBe('token-1');
    expect(request?.headers.get('Content-Type')).toBe('application/json');
    expect(request?.url).toBe(`${window.location.origin}/api/users/search`);
    expect(await request?.json()).toEqual({ q: 'Petersen', role: 'dpo' });
    expect(result).toEqual({ ok: true, data: { items: [], total: 0, page: 1, pageSize: 25 } });
  });

  it('does not send a token with the login request', async () => {
    const requests = stubFetch(() => problemResponse(401, 'invalid-credentials'));
    setCsrfToken('stale');
    await call(api.POST('/api/auth/login', { body: { username: 'a', password: 'b' } }));
    expect(requests[0]?.headers.get('X-CSRF-Token')).toBeNull();
  });

  it('reports an expired session once the server answers not-authenticated', async () => {
    stubFetch(() => problemResponse(401, 'not-authenticated'));
    const expired = vi.fn();
    const stop = onSessionExpired(expired);

    const result = await call(api.GET('/api/users'));
    stop();

    expect(expired).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ ok: false, problem: { status: 401, code: 'not-authenticated' } });
  });

  it('does not treat a wrong current password (401 invalid-credentials) as an expired session', async () => {
    stubFetch(() => problemResponse(401, 'invalid-credentials'));
    const expired = vi.fn();
    const stop = onSessionExpired(expired);
    await call(api.POST('/api/auth/password', { body: { currentPassword: 'x', newPassword: 'y' } }));
    stop();
    expect(expired).not.toHaveBeenCalled();
  });

  it('turns a failed connection into a network problem', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    expect(await call(api.GET('/api/health'))).toMatchObject({ ok: false, problem: { code: 'network' } });
  });
});
