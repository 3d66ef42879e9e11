import { act, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me, Role } from '../api/types';
import { routes } from './router';
import { SessionProvider } from './session';

function me(roles: Role[]): Me {
  return {
    id: 'u1',
    username: 'petra',
    displayName: 'Petra Krüger',
    email: null,
    locale: 'de',
    organisation: { id: 'o1', name: 'JMD Musterstadt' },
    roles,
    orgUnits: [{ id: 'ou1', name: 'Team Nord' }],
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const notAuthenticated = () =>
  json(401, {
    type: 'about:blank',
    title: 'Bitte melden Sie sich an.',
    status: 401,
    code: 'not-authenticated',
  });

/** A fake server: answers by "METHOD /path", everything else 404. */
function serve(answers: Record<string, () => Response>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const key = `${request.method} ${new URL(request.url).pathname}`;
      return (
        answers[key]?.() ??
        json(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'not-found' })
      );
    }),
  );
}

async function open(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  await act(async () => {
    render(
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>,
    );
  });
  return router;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('app', () => {
  it('sends a visitor without a session to the sign-in page', async () => {
    serve({ 'GET /api/auth/session': notAuthenticated });
    const router = await open('/admin/users');

    expect(await screen.findByRole('heading', { level: 1, name: 'Anmelden' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.queryByText(/Sitzung ist abgelaufen/)).toBeNull();
  });

  it('shows the navigation of the roles, with German names and data-nav keys', async () => {
    serve({ 'GET /api/auth/session': () => json(200, { user: me(['org_admin', 'dpo']), csrfToken: 't' }) });
    await open('/');

    const nav = await screen.findByRole('navigation', { name: 'Hauptnavigation' });
    const links = [...nav.querySelectorAll('a')].map((a) => `${a.dataset.nav}:${a.textContent}`);
    expect(links).toEqual([
      'home:Start',
      'partners:Netzwerkpartner',
      'agreements:Kooperationen',
      'networkMap:Netzwerkkarte',
      'gapReports:Fehlende Hilfebausteine',
      'statistics:Statistik',
      'retention:Aufbewahrung',
      'users:Benutzer:innen',
      'orgUnits:Sachgebiete/Teams',
      'settings:Einstellungen',
      'consentTemplates:Einwilligungsvorlagen',
      'instruments:Instrumente',
      'audit:Protokoll',
      'disclosures:Offenlegungen',
      'requests:Betroffenenanfragen',
      'account:Mein Konto',
    ]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Guten Tag, Petra Krüger!');
    await waitFor(() => expect(document.title).toBe('Start – Lotse'));
  });

  it('says "Kein Zugriff" on a page the roles do not allow', async () => {
    serve({ 'GET /api/auth/session': () => json(200, { user: me(['case_manager']), csrfToken: 't' }) });
    await open('/admin/users');

    expect(await screen.findByRole('heading', { level: 1, name: 'Kein Zugriff' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Benutzer:innen' })).toBeNull();
  });

  it('returns to sign-in with a message when the session expires during work', async () => {
    serve({
      'GET /api/auth/session': () => json(200, { user: me(['org_admin']), csrfToken: 't' }),
      'POST /api/users/search': notAuthenticated,
      'GET /api/org-units': notAuthenticated,
    });
    const router = await open('/admin/users');

    expect(
      await screen.findByText('Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.'),
    ).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
    // and after signing in again, the user is back where they were
    expect(router.state.location.state).toMatchObject({ from: { pathname: '/admin/users' } });
  });
});
