#!/usr/bin/env node
// Entry point behind `npm start`, `npm run migrate`, `npm run create-admin` and `npm run audit:verify`:
// builds the server and the web app when the build is missing or older than the sources, then runs
// the compiled command. Keeps the quick start at two commands: `npm ci && npm start`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

function newestMtime(entries) {
  let newest = 0;
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    } else if (!/\.test\.tsx?$/.test(p)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  entries.forEach((e) => visit(path.join(root, e)));
  return newest;
}

function stale(stamp, sources) {
  const stampPath = path.join(root, stamp);
  if (!fs.existsSync(stampPath)) return true;
  return newestMtime(sources) > fs.statSync(stampPath).mtimeMs;
}

function run(label, args, cwd) {
  console.log(`Lotse: ${label} …`);
  const result = spawnSync(process.execPath, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`Lotse: ${label} failed.`);
    process.exit(result.status ?? 1);
  }
}

function touch(file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, new Date().toISOString() + '\n');
}

export function buildServer() {
  const stamp = 'server/dist/.build-stamp';
  if (
    !stale(stamp, ['server/src', 'server/tsconfig.json', 'server/tsconfig.build.json', 'tsconfig.base.json'])
  )
    return;
  const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  run('building the server', [tsc, '-p', 'server/tsconfig.build.json'], root);
  touch(path.join(root, stamp));
}

export function buildWeb() {
  const stamp = 'web/dist/.build-stamp';
  if (!stale(stamp, ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public'])) return;
  const webRequire = createRequire(path.join(root, 'web', 'package.json'));
  const vite = path.join(path.dirname(webRequire.resolve('vite/package.json')), 'bin', 'vite.js');
  run('building the web app', [vite, 'build', '--logLevel', 'warn'], path.join(root, 'web'));
  touch(path.join(root, stamp));
}

const COMMANDS = {
  serve: { web: true, entry: 'server/dist/main.js' },
  build: { web: true, entry: null },
  migrate: { web: false, entry: 'server/dist/cli/migrate.js' },
  'create-admin': { web: false, entry: 'server/dist/cli/create-admin.js' },
  'audit-verify': { web: false, entry: 'server/dist/cli/audit-verify.js' },
  retention: { web: false, entry: 'server/dist/cli/retention.js' },
  'rotate-keys': { web: false, entry: 'server/dist/cli/rotate-keys.js' },
  backup: { web: false, entry: 'server/dist/cli/backup.js' },
  restore: { web: false, entry: 'server/dist/cli/restore.js' },
};

const isMain = process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url;
if (isMain) {
  const name = process.argv[2];
  const command = COMMANDS[name];
  if (!command) {
    console.error(`usage: node scripts/lotse.mjs <${Object.keys(COMMANDS).join('|')}> [options]`);
    process.exit(2);
  }
  buildServer();
  if (command.web) buildWeb();
  if (command.entry) {
    // The command sees only its own arguments.
    process.argv.splice(2, 1);
    process.chdir(root);
    await import(pathToFileURL(path.join(root, command.entry)).href);
  }
}
