import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrganisationSettings, User } from '../../api/types';
import { json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import type { SecondFactorView } from './types';

afterEach(() => {
  vi.unstubAllGlobals();
});

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Lotse:aylin?issuer=Lotse&secret=${SECRET}&algorithm=SHA1&digits=6&period=30`;
const CODES = Array.from({ length: 10 }, (_, i) => `AB${i}D-EFGH-JKMN-PQR${i}`);
const session = { user: me(['case_manager']), csrfToken: 'csrf' };
const notSignedIn = () => problem(401, 'not-authenticated');
const wrongCode = () =>
  problem(401, 'second-factor-invalid', {
    errors: [
      {
        pointer: '/code',
        code: 'wrong-code',
        message: 'Der Code ist falsch, abgelaufen oder wurde schon verwendet.',
      },
    ],
  });

const input = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string | RegExp, value: string) => fireEvent.change(input(label), { target: { value } });

async function passwordStep() {
  await screen.findByRole('heading', { level: 1, name: 'Anmelden' });
  type('Benutzername', 'aylin');
  type('Passwort', 'correct horse battery');
  fireEvent.click(screen.getByRole('button', { name: 'Anmelden' }));
}

describe('sign-in with a second factor', () => {
  it('asks for the code after the password, shows a wrong code at the field, and takes a recovery code', async () => {
    let attempts = 0;
    const requests = serve({
      'GET /api/auth/session': notSignedIn,
      'POST /api/auth/login': () => json(202, { secondFactor: 'verify' }),
      'POST /api/auth/login/second-factor': () => (++attempts === 1 ? wrongCode() : json(200, session)),
    });
    const router = await open('/login');
    await passwordStep();

    const heading = await screen.findByRole('heading', { level: 2, name: 'Zweiter Faktor' });
    // The focus moves in an effect after the step appears.
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const code = input('Code aus der Authenticator-App');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    fireEvent.change(code, { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Bestätigen' }));
    const error = await screen.findAllByText('Der Code ist falsch, abgelaufen oder wurde schon verwendet.');
    expect(error.length).toBeGreaterThan(0);
    expect(input('Code aus der Authenticator-App').getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Wiederherstellungscode verwenden' }));
    type('Wiederherstellungscode', 'ab0d-efgh-jkmn-pqr0');
    fireEvent.click(screen.getByRole('button', { name: 'Bestätigen' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(requests.filter((r) => r.path === '/api/auth/login/second-factor').map((r) => r.body)).toEqual([
      { code: '123 456' },
      { recoveryCode: 'ab0d-efgh-jkmn-pqr0' },
    ]);
  });

  it('goes back to username and password on request', async () => {
    serve({
      'GET /api/auth/session': notSignedIn,
      'POST /api/auth/login': () => json(202, { secondFactor: 'verify' }),
    });
    await open('/login');
    await passwordStep();
    fireEvent.click(await screen.findByRole('button', { name: 'Zurück zur Anmeldung' }));
    expect(await screen.findByLabelText('Benutzername')).toBeTruthy();
  });

  it('sets the factor up first when the organisation requires it, shows the recovery codes, then goes on', async () => {
    const requests = serve({
      'GET /api/auth/session': notSignedIn,
      'POST /api/auth/login': () => json(202, { secondFactor: 'enrol' }),
      'POST /api/auth/login/enrolment': () => json(200, { otpauthUri: URI, secret: SECRET }),
      'POST /api/auth/login/enrolment/confirm': () => json(200, { ...session, recoveryCodes: CODES }),
    });
    const router = await open('/login');
    await passwordStep();

    expect(await screen.findByRole('heading', { level: 2, name: 'Zweiten Faktor einrichten' })).toBeTruthy();
    expect(
      await screen.findByRole('img', { name: 'QR-Code zum Einrichten der Authenticator-App' }),
    ).toBeTruthy();
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')).toBeTruthy();
    type('Code aus der Authenticator-App', '654321');
    fireEvent.click(screen.getByRole('button', { name: 'Einrichtung bestätigen' }));

    const list = await screen.findByRole('list', { name: 'Wiederherstellungscodes' });
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual(CODES);
    expect(router.state.location.pathname).toBe('/login');
    fireEvent.click(screen.getByRole('button', { name: 'Weiter zu Lotse' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(requests.find((r) => r.path === '/api/auth/login/enrolment/confirm')?.body).toEqual({
      code: '654321',
    });
  });
});

describe('the account page', () => {
  const none: SecondFactorView = {
    status: 'none',
    confirmedAt: null,
    recoveryCodesLeft: 0,
    requiredByOrganisation: false,
  };
  const active: SecondFactorView = {
    status: 'confirmed',
    confirmedAt: '2026-12-05T10:00:00Z',
    recoveryCodesLeft: 10,
    requiredByOrganisation: false,
  };

  it('sets up the app with QR code and secret, confirms with a code and shows the codes once', async () => {
    let view = none;
    const requests = serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/auth/second-factor': () => json(200, view),
      'POST /api/auth/second-factor': () => json(200, { otpauthUri: URI, secret: SECRET }),
      'POST /api/auth/second-factor/confirm': () => {
        view = active;
        return json(200, { recoveryCodes: CODES });
      },
    });
    await open('/account');

    fireEvent.click(await screen.findByRole('button', { name: 'Zweiten Faktor einrichten' }));
    expect(
      await screen.findByRole('img', { name: 'QR-Code zum Einrichten der Authenticator-App' }),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Einrichtung bestätigen' }));
    expect(await screen.findAllByText('Bitte füllen Sie dieses Feld aus.')).not.toHaveLength(0);
    type('Code aus der Authenticator-App', '111222');
    fireEvent.click(screen.getByRole('button', { name: 'Einrichtung bestätigen' }));

    const heading = await screen.findByRole('heading', { name: 'Ihre Wiederherstellungscodes' });
    // The focus moves in an effect after the step appears.
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const list = screen.getByRole('list', { name: 'Wiederherstellungscodes' });
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual(CODES);
    fireEvent.click(screen.getByRole('button', { name: 'Ich habe die Codes sicher aufbewahrt' }));
    expect(await screen.findByText(/Noch 10 von 10 Wiederherstellungscodes unbenutzt/)).toBeTruthy();
    expect(screen.queryByText(CODES[0] ?? '')).toBeNull();
    expect(requests.find((r) => r.path === '/api/auth/second-factor/confirm')?.body).toEqual({
      code: '111222',
    });
  });

  it('switches off with the password, and offers no switch-off when the organisation requires the factor', async () => {
    const requests = serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/auth/second-factor': () => json(200, active),
      'POST /api/auth/second-factor/disable': () => new Response(null, { status: 204 }),
    });
    await open('/account');
    await screen.findByText(/Noch 10 von 10/);
    type('Passwort (optional)', 'correct horse battery');
    fireEvent.click(screen.getByRole('button', { name: 'Zweiten Faktor abschalten' }));
    await waitFor(() =>
      expect(requests.find((r) => r.path === '/api/auth/second-factor/disable')?.body).toEqual({
        password: 'correct horse battery',
      }),
    );
    vi.unstubAllGlobals();

    serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/auth/second-factor': () => json(200, { ...active, requiredByOrganisation: true }),
    });
    document.body.innerHTML = '';
    await open('/account');
    expect(await screen.findByText(/Abschalten ist nicht möglich/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Zweiten Faktor abschalten' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Neue Wiederherstellungscodes erzeugen' })).toBeTruthy();
  });
});

describe('organisation settings and user administration', () => {
  it('saves the enforcement switch', async () => {
    const settings: OrganisationSettings = {
      id: 'o1',
      name: 'JMD Musterstadt',
      shortCode: 'JMD',
      caseloadWarnPerFte: 30,
      caseloadMaxPerFte: 45,
      retentionReviewAfterDays: 365,
      retentionCloseAfterDays: 730,
      retentionAnonymiseAfterDays: 1095,
      planLabel: 'hilfeplan',
      planMaxGoals: 5,
      planRequireIndicator: false,
      sharesAggregates: false,
      coordinationOffice: false,
      secondFactorRequired: false,
      version: 3,
    };
    const requests = serve({
      ...signedInAs(me(['org_admin'])),
      'GET /api/districts': () => json(200, { items: [] }),
      'GET /api/indication-criteria': () => json(200, { items: [] }),
      'GET /api/organisation': () => json(200, settings),
      'PATCH /api/organisation': (body) => json(200, { ...settings, ...(body as object), version: 4 }),
    });
    await open('/admin/settings');
    const box = (await screen.findByLabelText(
      'Zweiter Faktor für alle Mitarbeitenden verlangen',
    )) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    const form = box.closest('form');
    if (!form) throw new Error('no form');
    fireEvent.submit(form);
    await waitFor(() =>
      expect(requests.find((r) => r.method === 'PATCH')?.body).toMatchObject({ secondFactorRequired: true }),
    );
  });

  it('resets a user’s factor after asking', async () => {
    const user: User = {
      id: 'u2',
      username: 'jonas',
      displayName: 'Jonas Berg',
      email: null,
      locale: 'de',
      roles: ['case_manager'],
      orgUnits: [{ id: 'ou1', name: 'Team Nord' }],
      active: true,
      ftePercent: 100,
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: '2026-01-01T08:00:00Z',
      updatedAt: '2026-01-01T08:00:00Z',
      version: 1,
    };
    let status: SecondFactorView['status'] = 'confirmed';
    const requests = serve({
      ...signedInAs(me(['org_admin'])),
      'GET /api/users/u2': () => json(200, user),
      'GET /api/org-units': () => json(200, { items: [] }),
      'GET /api/users/u2/second-factor': () =>
        json(200, {
          status,
          confirmedAt: '2026-12-01T09:00:00Z',
          recoveryCodesLeft: 9,
          requiredByOrganisation: false,
        }),
      'DELETE /api/users/u2/second-factor': () => {
        status = 'none';
        return new Response(null, { status: 204 });
      },
    });
    await open('/admin/users/u2');
    fireEvent.click(await screen.findByRole('button', { name: 'Zweiten Faktor zurücksetzen' }));
    expect(screen.getByText('Zweiten Faktor von Jonas Berg wirklich zurücksetzen?')).toBeTruthy();
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Zweiten Faktor zurücksetzen' }));
    expect(await screen.findByText('Nicht eingerichtet.')).toBeTruthy();
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/api/users/u2/second-factor',
    ]);
  });
});
