import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './modules/demo/seed.js';
import { signInOverHttp, startServer } from './test/crash.js';
import { createScratchDatabase, TEST_DB } from './test/harness.js';

/**
 * LOTSE_WORKERS=n: the first process migrates and seeds, then n app processes share the port (node:cluster).
 * They keep nothing in memory, so a sign-in on one is valid on the other, and a dead one is replaced.
 */
const serverRoot = path.resolve(import.meta.dirname, '..');

function workersOf(pid: number): number[] {
  const out = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((n) => n > 0);
}

/**
 * How many open TCP connections to `port` the process holds (Linux: its socket descriptors matched against
 * /proc/net/tcp). In node:cluster the primary accepts and hands each connection to a listening worker, so a
 * worker holding one is serving.
 */
function connectionsHeld(pid: number, port: number): number {
  let links: string[];
  try {
    links = readdirSync(`/proc/${pid}/fd`).map((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        return '';
      }
    });
  } catch {
    return 0; // the process has gone
  }
  const sockets = new Set(links.map((link) => /^socket:\[(\d+)\]$/.exec(link)?.[1]).filter(Boolean));
  const localPort = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter(
      ([, local, , state, , , , , , inode]) =>
        local?.endsWith(localPort) && state === '01' && sockets.has(inode),
    ).length;
}

async function until(
  condition: () => boolean,
  what: string,
  { between = () => new Promise((r) => setTimeout(r, 100)) }: { between?: () => Promise<unknown> } = {},
): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await between();
  }
}

describe.runIf(TEST_DB === 'postgresql')('several app processes on one PostgreSQL', () => {
  it(
    'serves from every worker with one session, replaces a killed worker, and stops with its workers',
    { timeout: 120_000 },
    async () => {
      const scratch = await createScratchDatabase();
      try {
        const server = await startServer({ ...scratch.env, LOTSE_WORKERS: '2' });
        const primary = server.child.pid ?? 0;
        try {
          await until(
            () => workersOf(primary).length === 2,
            `two workers of ${primary}: ${workersOf(primary).join(',')}`,
          );
          const session = await signInOverHttp(server.url, 'fallmanagerin', DEMO_PASSWORD);
          const get = () => fetch(`${server.url}/api/cases`, { headers: { cookie: session.cookie } });
          const port = Number(new URL(server.url).port);
          // Connections are spread over the workers, and on each the session is found. The second worker may still
          // be starting when the first answers, so requests go out in bursts until both hold a connection.
          const statuses: number[] = [];
          const burst = async () => {
            statuses.push(
              ...(await Promise.all(Array.from({ length: 10 }, async () => (await get()).status))),
            );
          };
          await burst();
          const serving = () => workersOf(primary).filter((pid) => connectionsHeld(pid, port) > 0).length;
          await until(() => serving() === 2, 'both workers serving', { between: burst });
          expect(new Set(statuses)).toEqual(new Set([200]));

          const [victim] = workersOf(primary);
          if (!victim) throw new Error('no worker');
          process.kill(victim, 'SIGKILL');
          await until(() => !workersOf(primary).includes(victim), 'the killed worker to go');
          // Each kept-alive connection to the killed worker fails once, as for a browser, which then repeats the
          // GET on a new connection: the other worker answers it. The bursts above may have left several such
          // connections in fetch's pool, so a GET is repeated until it finds a live one.
          const again = async () => {
            for (let attempt = 1; ; attempt += 1) {
              try {
                return await get();
              } catch (error) {
                if (attempt > statuses.length) throw error;
              }
            }
          };
          expect((await again()).status).toBe(200);
          await until(() => workersOf(primary).length === 2, 'a replacement worker');
          expect(workersOf(primary)).not.toContain(victim);
          expect((await again()).status).toBe(200);

          const workers = workersOf(primary);
          server.child.kill('SIGTERM');
          await server.exited;
          expect(server.child.exitCode).toBe(0);
          for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
        } finally {
          if (server.child.exitCode === null) server.child.kill('SIGKILL');
        }
      } finally {
        await scratch.dispose();
      }
    },
  );
});

describe('several app processes on SQLite', () => {
  it('are refused at start with the variable named (SQLite allows one writing process)', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverRoot,
      env: { ...process.env, DATABASE_URL: '', LOTSE_WORKERS: '2', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('LOTSE_WORKERS');
  });
});
