import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SeedManifest } from '../scales.js';
import { serverEnvironment } from './data.js';
import { REPO_ROOT, runVisible, stopChild, track } from './processes.js';

/** Builds server and web app when the build is missing or older than the sources (what `npm start` does). */
export async function ensureBuild(): Promise<void> {
  await runVisible('the build', process.execPath, [path.join(REPO_ROOT, 'scripts', 'lotse.mjs'), 'build']);
}

export interface RunningServer {
  url: string;
  pid: number;
  logFile: string;
  /** Resets the peak resident memory (VmHWM) of the server's processes; false where the kernel refuses. */
  resetPeakMemory(): boolean;
  /** The peak resident memory since the last reset, in MiB (null when /proc cannot be read). */
  peakMemoryMiB(): number | null;
  /**
   * Waits until the server process uses (almost) no CPU and `busy` (the database's own activity) says no:
   * work a measurement left behind must not slow the next one. Returns the seconds waited.
   */
  waitUntilIdle(busy?: () => Promise<boolean>): Promise<number>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 10 * 60_000;
const IDLE_WINDOW_MS = 250;
const IDLE_TIMEOUT_MS = 5 * 60_000;
/** USER_HZ: the unit of utime and stime in /proc/<pid>/stat (100 on Linux). */
const TICKS_PER_SECOND = 100;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces); null when gone. */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * The server's processes: the one started and, with LOTSE_WORKERS, its app processes (node:cluster
 * workers are its children).
 */
function serverProcesses(pid: number): number[] {
  const children = fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((candidate) => statFields(candidate)?.[1] === String(pid));
  return [pid, ...children];
}

/** CPU time the server's processes have used so far (user + system), in clock ticks. */
function cpuTicks(pid: number): number {
  return serverProcesses(pid).reduce((sum, p) => {
    const fields = statFields(p);
    return sum + (fields ? Number(fields[11]) + Number(fields[12]) : 0);
  }, 0);
}

/**
 * Starts `node server/dist/main.js` as in production: NODE_ENV=production, loopback, a free port (PORT=0,
 * read back from the start message), no demo, warnings only, plain-HTTP cookies, plus the manifest's
 * database and keys. Resolves once /api/health answers 200. The server's output goes to a log file.
 */
export async function startServer(manifest: SeedManifest): Promise<RunningServer> {
  const logFile = path.join(os.tmpdir(), `lotse-bench-server-${manifest.scale}-${manifest.dialect}.log`);
  const log = fs.openSync(logFile, 'w');
  const env = serverEnvironment(manifest, {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    LOTSE_DEMO: 'false',
    LOG_LEVEL: 'warn',
    LOTSE_COOKIE_SECURE: 'never',
  });
  const child = track(
    spawn(process.execPath, [path.join(REPO_ROOT, 'server', 'dist', 'main.js')], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', log],
    }),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server did not start');
  const port = await portFromStartMessage(child, log);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  return {
    url,
    pid,
    logFile,
    resetPeakMemory() {
      try {
        // 5 resets the peak resident set size (VmHWM) to the current one (Linux ≥ 4.0, own processes).
        for (const p of serverProcesses(pid)) fs.writeFileSync(`/proc/${p}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
    peakMemoryMiB() {
      // With several app processes: the sum of their peaks (an upper bound of what they held at once).
      let kB = 0;
      for (const p of serverProcesses(pid)) {
        try {
          const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
          if (!match) return null;
          kB += Number(match[1]);
        } catch {
          return null;
        }
      }
      return Math.round(kB / 1024);
    },
    async waitUntilIdle(busy) {
      const began = Date.now();
      // One quiet window: under a tenth of a core, and nothing running in the database.
      for (;;) {
        const before = cpuTicks(pid);
        await new Promise((r) => setTimeout(r, IDLE_WINDOW_MS));
        const used = cpuTicks(pid) - before;
        const idle = used <= (IDLE_WINDOW_MS / 1000) * TICKS_PER_SECOND * 0.1 && !(busy && (await busy()));
        if (idle || Date.now() - began > IDLE_TIMEOUT_MS) break;
      }
      return (Date.now() - began) / 1000;
    },
    async stop() {
      await stopChild(child);
      fs.closeSync(log);
    },
  };
}

function portFromStartMessage(child: ChildProcess, log: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    let found = false;
    const timer = setTimeout(
      () => reject(new Error('the server did not report its port in time')),
      START_TIMEOUT_MS,
    );
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      fs.writeSync(log, chunk);
      if (found) return;
      seen += chunk;
      const match = /Lotse is running: http:\/\/[^:]+:(\d+)/.exec(seen);
      if (match) {
        found = true;
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server stopped at start (exit code ${code}); see its log`));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const until = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error('the server stopped at start; see its log');
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not become healthy in time');
}
