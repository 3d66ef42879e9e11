#!/usr/bin/env node
// `npm test`: every suite, in order, with one summary at the end.
//   1. server (unit + integration through app.inject) on SQLite
//   2. the same server suite on PostgreSQL when TEST_DATABASE_URL is set (.ci/run sets it)
//   3. the bench data generator's test (its data pass the application's rules), on SQLite and PostgreSQL
//   4. web unit tests
//   5. browser journeys (Playwright with Debian's Chromium) when /usr/bin/chromium exists
//   6. the dependency audit of the production dependencies (scripts/audit-deps.mjs)
// A suite that cannot run says so on its own line; under CI=true a missing database or browser fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildServer, buildWeb } from './lotse.mjs';
import { runDependencyAudit } from './audit-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const vitest = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const chromium = process.env.LOTSE_CHROMIUM ?? '/usr/bin/chromium';
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-test-report-'));

const results = [];
const notes = [];

function suite(name, cwd, env = {}) {
  const report = path.join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(
    process.execPath,
    [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { cwd: path.join(root, cwd), stdio: 'inherit', env: { ...process.env, ...env } },
  );
  let counts = { passed: 0, failed: 0, skipped: 0 };
  let failures = [];
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    counts = {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    };
    failures = failedTests(json, path.join(root, cwd));
  }
  // A crashed runner without failed tests still fails the suite.
  const ok = run.status === 0 && counts.failed === 0 && counts.passed > 0;
  results.push({ name, ok, ...counts, failures });
}

// The failed tests of a vitest JSON report, each with its file, title and the first line of its error, so
// that the summary at the very end (which is what a CI excerpt shows) names what failed.
function failedTests(json, cwd) {
  const failures = [];
  for (const file of json.testResults ?? []) {
    const where = path.relative(cwd, file.name);
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      const firstLine = (test.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 300);
      failures.push(`${where} > ${test.fullName}: ${firstLine}`);
    }
    // A file that failed to load has no failed test but a message of its own.
    if (file.status === 'failed' && (file.assertionResults ?? []).every((t) => t.status !== 'failed'))
      failures.push(`${where}: ${(file.message ?? 'failed').split('\n')[0].slice(0, 300)}`);
  }
  return failures;
}

function skip(name, reason) {
  const line = `${name}: SKIPPED – ${reason}`;
  console.log(`\n=== ${line}`);
  notes.push(line);
  if (ci) results.push({ name, ok: false, passed: 0, failed: 1, skipped: 0 });
}

suite('server on SQLite', 'server', { LOTSE_TEST_DB: 'sqlite' });

if (process.env.TEST_DATABASE_URL) {
  suite('server on PostgreSQL', 'server', { LOTSE_TEST_DB: 'postgresql' });
} else {
  skip(
    'server on PostgreSQL',
    'TEST_DATABASE_URL is not set (see README: Tests on PostgreSQL; .ci/run sets it)',
  );
}

suite('bench generator on SQLite', 'bench', { LOTSE_TEST_DB: 'sqlite' });

if (process.env.TEST_DATABASE_URL) {
  suite('bench generator on PostgreSQL', 'bench', { LOTSE_TEST_DB: 'postgresql' });
} else {
  skip(
    'bench generator on PostgreSQL',
    'TEST_DATABASE_URL is not set (see README: Tests on PostgreSQL; .ci/run sets it)',
  );
}

suite('web', 'web');

if (fs.existsSync(chromium)) {
  buildServer();
  buildWeb();
  suite('browser journeys', 'e2e', { LOTSE_CHROMIUM: chromium });
} else {
  skip('browser journeys', `no Chromium at ${chromium} (apt-get install chromium; .ci/run installs it)`);
}

console.log('\n=== dependency audit ===');
const verdict = runDependencyAudit();
if (!verdict.checked) {
  const line = `dependency audit: NOT PERFORMED – npm's advisory service did not answer (${verdict.reason})`;
  console.log(line);
  notes.push(line);
  if (process.env.LOTSE_AUDIT_REQUIRED === 'true')
    results.push({ name: 'dependency audit', ok: false, passed: 0, failed: 1, skipped: 0 });
} else {
  for (const f of verdict.failing) console.log(`${f.severity}: ${f.name} – ${f.titles.join('; ')}`);
  const ok = verdict.failing.length === 0;
  results.push({
    name: 'dependency audit',
    ok,
    passed: ok ? 1 : 0,
    failed: verdict.failing.length,
    skipped: 0,
  });
}

fs.rmSync(reportDir, { recursive: true, force: true });

const total = results.reduce(
  (acc, r) => ({
    passed: acc.passed + r.passed,
    failed: acc.failed + r.failed,
    skipped: acc.skipped + r.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log('\n=== Summary ===');
for (const r of results) {
  console.log(
    `${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`,
  );
  for (const f of r.failures ?? []) console.log(`       failed: ${f}`);
}
for (const n of notes) console.log(`note ${n}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
