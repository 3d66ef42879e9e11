import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { verifyAuditChains } from './core/audit.js';
import { createDatabase } from './db/database.js';
import { loadConfig } from './core/config.js';
import { createScratchDatabase } from './test/harness.js';

/**
 * Kill the server with SIGKILL while it writes, several times, then check: every write the server
 * acknowledged is there, no change exists without its audit entry, and the audit chain verifies.
 */
const require = createRequire(import.meta.url);
// Load tsx in the server process itself (not through its CLI, which would add a parent process to kill).
const tsxLoader = pathToFileURL(
  path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'esm', 'index.mjs'),
).href;
const serverRoot = path.resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', tsxLoader, 'src/main.ts'], {
    cwd: serverRoot,
    env: {
      ...process.env,
      ...env,
      NODE_ENV: 'development',
      LOTSE_DEMO: 'true',
      PORT: String(port),
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { child, url };
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

async function signIn(url: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'traegeradmin', password: 'Lotse-Demo-2026' }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

describe('crash safety', () => {
  it(
    'keeps every acknowledged write and a verifiable audit chain across SIGKILLs',
    { timeout: 120_000 },
    async () => {
      const scratch = await createScratchDatabase();
      const acknowledged: string[] = [];
      try {
        for (let round = 0; round < 3; round++) {
          const { child, url } = await startServer(scratch.env);
          const { cookie, csrf } = await signIn(url);
          let stop = false;
          const writer = async (w: number) => {
            for (let i = 0; !stop; i++) {
              try {
                const res = await fetch(`${url}/api/org-units`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
                  body: JSON.stringify({ name: `Crash ${round}-${w}-${i}` }),
                });
                if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
              } catch {
                return; // the server is gone
              }
            }
          };
          const writers = [0, 1, 2, 3].map(writer);
          const exited = new Promise((r) => child.once('exit', r));
          await new Promise((r) => setTimeout(r, 400 + Math.random() * 600));
          child.kill('SIGKILL');
          stop = true;
          await Promise.all(writers);
          await exited;
        }
        expect(acknowledged.length).toBeGreaterThan(0);

        const config = loadConfig({ ...process.env, ...scratch.env, NODE_ENV: 'test' });
        const database = createDatabase(config);
        try {
          const units = await database.db
            .selectFrom('org_units')
            .select('id')
            .where('name', 'like', 'Crash %')
            .execute();
          const stored = new Set(units.map((u) => u.id));
          for (const id of acknowledged) expect(stored.has(id)).toBe(true);
          const audited = await database.db
            .selectFrom('audit_log')
            .select('entity_id')
            .where('action', '=', 'org_unit.create')
            .execute();
          // every stored unit has exactly one audit entry, and no audit entry without its unit
          expect(audited.map((a) => a.entity_id).sort()).toEqual([...stored].sort());
          expect((await verifyAuditChains(database.db)).intact).toBe(true);
        } finally {
          await database.destroy();
        }
      } finally {
        await scratch.dispose();
      }
    },
  );
});
