import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './modules/demo/seed.js';
import { freePort } from './test/crash.js';
import { createScratchDatabase } from './test/harness.js';

/**
 * Nothing personal in logs (ASVS 7.1, docs/security.md): a real server at log level info is signed in to,
 * searched, given a new client — and made to fail a request — and its whole output is searched for every
 * personal value it saw.
 */
const serverRoot = path.resolve(import.meta.dirname, '..');

describe('server log', () => {
  it(
    'holds requests and outcomes but no personal value, password, token or address',
    { timeout: 240_000 },
    async () => {
      const scratch = await createScratchDatabase();
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: serverRoot,
        env: {
          ...process.env,
          ...scratch.env,
          NODE_ENV: 'development',
          LOTSE_DEMO: 'true',
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const url = `http://127.0.0.1:${port}`;
      try {
        const deadline = Date.now() + 150_000;
        for (;;) {
          if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no start: ${output}`);
          const up = await fetch(`${url}/api/health`).then(
            (r) => r.ok,
            () => false,
          );
          if (up) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        const startedAt = output.length;

        const login = await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'fallmanagerin', password: DEMO_PASSWORD }),
        });
        expect(login.status).toBe(200);
        const token = (login.headers.get('set-cookie') ?? '').split(';')[0]?.split('=')[1] ?? '';
        const { csrfToken } = (await login.json()) as { csrfToken: string };
        const headers = {
          cookie: `lotse_session=${token}`,
          'x-csrf-token': csrfToken,
          'content-type': 'application/json',
        };
        const failed = await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'fallmanagerin', password: 'Falsches-Passwort-1' }),
        });
        expect(failed.status).toBe(401);
        const search = await fetch(`${url}/api/cases/search`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ q: 'Quorrenbach' }),
        });
        expect(search.status).toBe(200);
        const created = await fetch(`${url}/api/clients`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            familyName: 'Quorrenbach',
            givenNames: 'Ysolde',
            birthYear: 2004,
            gender: 'female',
            phone: '0151 7654321',
          }),
        });
        expect(created.status).toBe(201);
        const refused = await fetch(`${url}/api/clients`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ familyName: 'Quorrenbach', givenNames: 'Ysolde', birthYear: 'Zwanzig' }),
        });
        expect(refused.status).toBe(400);

        // The server writes its log asynchronously: wait for the last request's line.
        const flushed = Date.now() + 20_000;
        while (!output.slice(startedAt).includes('"statusCode":400') && Date.now() < flushed) {
          await new Promise((r) => setTimeout(r, 100));
        }
        const log = output.slice(startedAt);
        // the log is there: requests with method, path and status
        expect(log).toContain('/api/clients');
        expect(log).toContain('"statusCode":201');
        for (const value of [
          'Quorrenbach',
          'Ysolde',
          '7654321',
          'Zwanzig',
          DEMO_PASSWORD,
          'Falsches-Passwort-1',
          token,
          csrfToken,
          '"remoteAddress"',
          'q=',
        ]) {
          expect(log, `log holds ${value.slice(0, 4)}…`).not.toContain(value);
        }
      } finally {
        child.kill('SIGKILL');
        await scratch.dispose();
      }
    },
  );
});
