import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { BENCH_ROOT } from '../scales.js';

export const REPO_ROOT = path.resolve(BENCH_ROOT, '..');

/** Child processes the harness started and must stop on Ctrl-C or an error. */
const running = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Stops every child this process started (SIGTERM, then SIGKILL after a grace period). */
export async function stopAll(graceMs = 10_000): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child, graceMs)));
}

export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Runs a command to its end with the output shown (a build, the data generator); rejects on a non-zero exit.
 */
export function runVisible(
  label: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { cwd: REPO_ROOT, env, stdio: 'inherit' }));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** Runs a command and returns its standard output; standard error is passed through. */
export function runCaptured(
  label: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] }));
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${label} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** Runs a TypeScript file of this repository with tsx, in a process of its own. */
export function tsxArgs(file: string, args: string[]): string[] {
  return ['--import', 'tsx', path.resolve(REPO_ROOT, file), ...args];
}
