/**
 * Property-based tests (fast-check) of the JSON body parser in app.ts: any text is answered with a problem
 * document or a success, never a 5xx; prototype keys at any depth are refused as invalid JSON; text that is
 * not JSON is refused as such; an empty body counts as no body. Settings: test/property.ts (fewer runs here:
 * every run is a request).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROPERTY_OPTIONS } from './test/property.js';
import { createOrganisation, createTestApp, signIn, type Session, type TestApp } from './test/harness.js';

const OPTIONS = { ...PROPERTY_OPTIONS, numRuns: Math.ceil(PROPERTY_OPTIONS.numRuns / 4) };

let t: TestApp;
let session: Session;
beforeAll(async () => {
  t = await createTestApp();
  const org = await createOrganisation(t.deps);
  session = await signIn(t.app, org.users.case_manager.username);
});
afterAll(async () => {
  await t.close();
});

function post(payload: string, contentType = 'application/json') {
  return t.app.inject({
    method: 'POST',
    url: '/api/follow-ups',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': contentType,
      'accept-language': 'en',
    },
    payload,
  });
}

function problemCode(res: Awaited<ReturnType<typeof post>>): string {
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = res.json<{ type: string; title: string; code: string; status: number }>();
  expect(body.type).toBe(`https://lotse.app/problems/${body.code}`);
  expect(body.status).toBe(res.statusCode);
  return body.code;
}

/** A JSON object with a prototype key somewhere inside. */
const poisoned = fc
  .tuple(
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
    fc.constantFrom('__proto__', 'constructor'),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([object, key, depth]) => {
    let inner = `{"${key}":{"polluted":true}}`;
    for (let i = 0; i < depth; i += 1) inner = `{"nested":[${inner}]}`;
    const rest = JSON.stringify(object).slice(1, -1);
    return `{${rest}${rest ? ',' : ''}"x":${inner}}`;
  });

describe('the JSON body parser', () => {
  it('answers any JSON value with a problem document or a success', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const res = await post(JSON.stringify(value));
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) expect(['validation', 'invalid-json']).toContain(problemCode(res));
      }),
      OPTIONS,
    );
  });

  it('refuses prototype keys at any depth as invalid JSON, and nothing is polluted', async () => {
    await fc.assert(
      fc.asyncProperty(poisoned, async (text) => {
        const res = await post(text);
        expect(res.statusCode).toBe(400);
        expect(problemCode(res)).toBe('invalid-json');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      OPTIONS,
    );
  });

  it('refuses text that is not JSON as invalid JSON', async () => {
    const notJson = fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }).filter((text) => {
      if (text.trim() === '') return false;
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    });
    await fc.assert(
      fc.asyncProperty(notJson, async (text) => {
        const res = await post(text);
        expect(res.statusCode).toBe(400);
        expect(problemCode(res)).toBe('invalid-json');
      }),
      OPTIONS,
    );
  });

  it('refuses a NUL character anywhere in the body or query, naming the field (PostgreSQL cannot store it)', async () => {
    const path = fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(
        path,
        fc.string({ maxLength: 10 }),
        fc.string({ maxLength: 10 }),
        async (keys, a, b) => {
          let body: unknown = `${a}\u0000${b}`;
          for (const key of [...keys].reverse()) body = { [key]: body };
          const res = await post(JSON.stringify(body));
          expect(res.statusCode).toBe(400);
          expect(problemCode(res)).toBe('validation');
          expect(res.json<{ errors: { pointer?: string; code: string }[] }>().errors).toEqual([
            expect.objectContaining({ pointer: `/${keys.join('/')}`, code: 'nul-character' }),
          ]);
          const search = await t.app.inject({
            method: 'POST',
            url: '/api/clients/search',
            payload: { q: `${a}\u0000${b}` },
            headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'accept-language': 'en' },
          });
          expect(search.statusCode).toBe(400);
          expect(search.json<{ errors: { pointer?: string; code: string }[] }>().errors).toEqual([
            expect.objectContaining({ pointer: '/q', code: 'nul-character' }),
          ]);
        },
      ),
      OPTIONS,
    );
  });

  it('treats a blank body as no body (the required body is missing), and other content types as unsupported', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[ \t\r\n]{0,10}$/),
        fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded'),
        async (blank, type) => {
          const empty = await post(blank);
          expect(empty.statusCode).toBe(400);
          expect(problemCode(empty)).toBe('validation');
          const other = await post('{"dueOn":"2026-01-01","text":"x"}', type);
          expect(other.statusCode).toBe(415);
          expect(problemCode(other)).toBe('unsupported-media-type');
        },
      ),
      OPTIONS,
    );
  });
});
