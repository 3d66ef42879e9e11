import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

/**
 * Starts the built server (as `npm start` would, with its demo seed) on a free port against a fresh
 * SQLite database in a temporary folder. `npm test` builds server and web before this suite runs.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy:\n${log()}`);
}

let child: ChildProcess | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const main = path.join(root, 'server/dist/main.js');
  if (!fs.existsSync(main) || !fs.existsSync(path.join(root, 'web/dist/index.html'))) {
    throw new Error('Build missing: run `npm run build` (npm test does this before the browser journeys).');
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-e2e-'));
  const port = await freePort();
  let output = '';
  child = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOTSE_DATA_DIR: dataDir,
      LOTSE_DEMO: 'true',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => output);
  project.provide('baseUrl', url);
}

export async function teardown(): Promise<void> {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  if (!dataDir) return;
  // After all the journeys' activity, the audit chain must still verify (npm run audit:verify).
  const verify = spawnSync(process.execPath, [path.join(root, 'server/dist/cli/audit-verify.js')], {
    cwd: root,
    env: { ...process.env, LOTSE_DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test' },
    encoding: 'utf8',
  });
  console.log(`audit:verify after the journeys: ${(verify.stdout + verify.stderr).trim()}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (verify.status !== 0) throw new Error('audit chain broken after the browser journeys');
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
