import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OAuth2Server } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, navigationKeys, openBrowser, type BrowserSession } from './support/browser.js';

/**
 * Journey: a case manager signs in with the authority account. A local OpenID provider (oauth2-mock-server) and
 * a Lotse server configured for it run beside the suite's server: the browser clicks "Mit Behördenkonto
 * anmelden", goes to the provider, comes back signed in with the mapped role; a person without a Lotse role
 * is sent back to the sign-in page with an explanation. The app runs under its Content-Security-Policy.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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

interface Lotse {
  url: string;
  stop(): Promise<void>;
}

/** The built server on a free port against the given data folder (demo seed on first start). */
async function startLotse(dataDir: string, env: Record<string, string>): Promise<Lotse> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], {
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
      ...env,
      ...(env.LOTSE_OIDC_ISSUER ? { LOTSE_OIDC_REDIRECT_URL: `${url}/api/auth/oidc/callback` } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
    const healthy = await fetch(`${url}/api/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

let provider: OAuth2Server;
let claims: Record<string, unknown> = {};
let lotse: Lotse | undefined;
let dataDir: string;
let session: BrowserSession;

beforeAll(async () => {
  provider = new OAuth2Server();
  await provider.issuer.keys.generate('RS256');
  await provider.start(0, '127.0.0.1');
  provider.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => {
    Object.assign(token.payload, claims);
  });

  // First start seeds the demo organisation; its id is what the provider's users belong to.
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-e2e-sso-'));
  const seeding = await startLotse(dataDir, {});
  const login = await fetch(`${seeding.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'traegeradmin', password: DEMO_PASSWORD }),
  });
  const organisationId = ((await login.json()) as { user: { organisation: { id: string } } }).user
    .organisation.id;
  await seeding.stop();

  lotse = await startLotse(dataDir, {
    LOTSE_OIDC_ISSUER: String(provider.issuer.url),
    LOTSE_OIDC_CLIENT_ID: 'lotse',
    LOTSE_OIDC_CLIENT_SECRET: 'geheim',
    LOTSE_OIDC_ORGANISATION: organisationId,
    LOTSE_OIDC_ROLES_CLAIM: 'realm_access.roles',
    LOTSE_OIDC_ROLE_MAP: '{"lotse-fallmanagement":"case_manager"}',
  });
  session = await openBrowser();
});

afterAll(async () => {
  await session?.close();
  await lotse?.stop();
  await provider?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('sign-in with the authority account', () => {
  it('a case manager signs in through the provider and lands in the app with her role', async () => {
    claims = {
      sub: 'a1b2c3',
      preferred_username: 'h.hoffmann',
      name: 'Hanna Hoffmann',
      realm_access: { roles: ['lotse-fallmanagement'] },
    };
    const { page, context } = await session.newPage();
    await page.goto(`${lotse?.url ?? ''}/login`);
    await page.getByRole('link', { name: 'Mit Behördenkonto anmelden' }).click();
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await navigationKeys(page)).toContain('cases');
    await expect(page.getByText('Hanna Hoffmann').first().isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('a person without a Lotse role is sent back to the sign-in page with an explanation', async () => {
    claims = {
      sub: 'd4e5f6',
      preferred_username: 'g.gast',
      realm_access: { roles: ['offline_access'] },
    };
    const { page, context } = await session.newPage();
    await page.goto(`${lotse?.url ?? ''}/login`);
    await page.getByRole('link', { name: 'Mit Behördenkonto anmelden' }).click();
    await page.waitForURL(/\/login\?sso=refused$/);
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Ihr Behördenkonto hat keinen Zugang zu Lotse.',
    );
    await context.close();
  });
});
