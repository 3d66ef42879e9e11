#!/usr/bin/env node
// `npm run audit:deps`, and the "dependency audit" step of `npm test`: `npm audit` of the production
// dependencies (no dev dependencies: they never reach an installation); a known vulnerability of high or
// critical severity fails. npm's advisory service must answer for the audit to count: where it cannot be
// reached (a closed network; on the project's build machines the registry answers the audit request with
// 405), the audit is reported as not performed — a failure only with LOTSE_AUDIT_REQUIRED=true, so a CI with
// network access can insist on it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FAILING = new Set(['high', 'critical']);

/**
 * What `npm audit --json` said: { checked: false, reason } when the advisories could not be fetched, else
 * { checked: true, failing: [{ name, severity, titles }] } with the packages at high or critical severity.
 */
export function auditVerdict(json) {
  if (json.vulnerabilities === undefined) {
    const reason = typeof json.message === 'string' ? json.message : (json.error?.summary ?? 'no answer');
    return { checked: false, reason };
  }
  const failing = Object.values(json.vulnerabilities)
    .filter((v) => FAILING.has(v.severity))
    .map((v) => ({
      name: v.name,
      severity: v.severity,
      titles: v.via.filter((via) => typeof via === 'object').map((via) => via.title),
    }));
  return { checked: true, failing };
}

export function runDependencyAudit() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8' });
  let json;
  try {
    json = JSON.parse(run.stdout || '{}');
  } catch {
    json = { message: 'npm audit printed no JSON' };
  }
  return auditVerdict(json);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const verdict = runDependencyAudit();
  const required = process.env.LOTSE_AUDIT_REQUIRED === 'true';
  if (!verdict.checked) {
    console.log(`dependency audit NOT PERFORMED – npm's advisory service did not answer: ${verdict.reason}`);
    process.exit(required ? 1 : 0);
  }
  for (const f of verdict.failing) console.log(`${f.severity}: ${f.name} – ${f.titles.join('; ')}`);
  console.log(
    verdict.failing.length === 0
      ? 'dependency audit: no known high or critical vulnerability in the production dependencies'
      : `dependency audit FAILED: ${verdict.failing.length} production package(s) with high or critical vulnerabilities`,
  );
  process.exit(verdict.failing.length === 0 ? 0 : 1);
}
