import { createHmac, randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFindings, failing, runAxe, type AxeFinding } from './support/axe.js';
import { DEMO_PASSWORD, mainNavigation, openBrowser, type BrowserSession } from './support/browser.js';

/**
 * Journey: a case manager sets up an authenticator app on the account page (the code is computed here from the
 * secret the page shows, as the app would), keeps the recovery codes, signs out, and signs in again with
 * password and code. The user is new, so the other journeys' demo users keep signing in with the password.
 */
let session: BrowserSession;
beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

function base32Decode(input: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of input.replace(/[\s=]/g, '').toUpperCase()) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error('not base32');
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), what any authenticator app computes. */
function totp(secret: string, at: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const hmac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = (hmac[hmac.length - 1] ?? 0) & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

/** A new case manager of the demo organisation, created through the API as its org admin. */
async function newCaseManager(): Promise<{ username: string; password: string }> {
  const baseUrl = inject('baseUrl');
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'traegeradmin', password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const units = (await (await fetch(`${baseUrl}/api/org-units`, { headers })).json()) as {
    items: { id: string }[];
  };
  const username = `zwei-faktor-${randomBytes(3).toString('hex')}`;
  const password = `Lange Weide am Fluss ${randomBytes(4).toString('hex')}`;
  const created = await fetch(`${baseUrl}/api/users`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      username,
      displayName: 'Jonas Berg',
      roles: ['case_manager'],
      orgUnitIds: [units.items[0]?.id],
      initialPassword: password,
    }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  return { username, password };
}

describe('second factor', () => {
  it('sets up the authenticator app and signs in with password and code', async () => {
    const user = await newCaseManager();
    const { page, context } = await session.newPage();

    await page.goto('/login');
    await page.getByLabel('Benutzername').fill(user.username);
    await page.getByLabel('Passwort', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await mainNavigation(page).getByRole('link', { name: 'Mein Konto' }).click();

    await page.getByRole('button', { name: 'Zweiten Faktor einrichten' }).click();
    await page.getByRole('img', { name: 'QR-Code zum Einrichten der Authenticator-App' }).waitFor();
    // Each state of the set-up and the second step meets WCAG 2.1 AA like every page (accessibility.test.ts).
    const findings: AxeFinding[] = [];
    findings.push(...(await runAxe(page, 'second factor: set-up with QR code')));
    const shown = await page.locator('code.enrolment__secret').innerText();
    const secret = shown.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const code = page.getByLabel('Code aus der Authenticator-App');
    await expect(code.getAttribute('autocomplete')).resolves.toBe('one-time-code');
    await code.fill(totp(secret, Date.now()));
    await page.getByRole('button', { name: 'Einrichtung bestätigen' }).click();

    const codes = page.getByRole('list', { name: 'Wiederherstellungscodes' }).getByRole('listitem');
    await codes.first().waitFor();
    await expect(codes.count()).resolves.toBe(10);
    findings.push(...(await runAxe(page, 'second factor: recovery codes')));
    await page.getByRole('button', { name: 'Ich habe die Codes sicher aufbewahrt' }).click();
    await page.getByText(/Noch 10 von 10 Wiederherstellungscodes unbenutzt/).waitFor();

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await page.getByLabel('Benutzername').fill(user.username);
    await page.getByLabel('Passwort', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();

    await page.getByRole('heading', { level: 2, name: 'Zweiter Faktor' }).waitFor();
    await expect(mainNavigation(page).count()).resolves.toBe(0);
    findings.push(...(await runAxe(page, 'second factor: sign-in step')));
    expect(failing(findings), describeFindings(failing(findings))).toEqual([]);
    // The code of the next 30-second step: the one used to confirm the set-up may not be used again.
    await page.getByLabel('Code aus der Authenticator-App').fill(totp(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    await mainNavigation(page).waitFor();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Guten Tag, Jonas Berg!');
    await context.close();
  });
});
