import { act, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SsoFailure, SsoSignIn } from './SsoSignIn';

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

function serveSso(body: { enabled: boolean; startUrl: string | null }) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => json(body)),
  );
}

async function renderAt(path: string, returnTo = '/') {
  await act(async () => {
    render(
      <MemoryRouter initialEntries={[path]}>
        <SsoFailure />
        <SsoSignIn returnTo={returnTo} />
      </MemoryRouter>,
    );
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sign-in with the authority account', () => {
  it('offers the button only when the server has single sign-on, keeping the page to return to', async () => {
    serveSso({ enabled: true, startUrl: '/api/auth/oidc/start' });
    await renderAt('/login', '/cases?phase=intake');
    const link = screen.getByRole('link', { name: 'Mit Behördenkonto anmelden' });
    expect(link.getAttribute('href')).toBe('/api/auth/oidc/start?returnTo=%2Fcases%3Fphase%3Dintake');
  });

  it('shows no button when single sign-on is not set up', async () => {
    serveSso({ enabled: false, startUrl: null });
    await renderAt('/login');
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it.each([
    ['refused', 'Ihr Behördenkonto hat keinen Zugang zu Lotse.'],
    ['unavailable', 'Der Anmeldedienst Ihrer Behörde ist gerade nicht erreichbar.'],
    ['failed', 'Die Anmeldung mit Behördenkonto ist fehlgeschlagen.'],
  ])('announces why the sign-in did not work (%s)', async (kind, text) => {
    serveSso({ enabled: true, startUrl: '/api/auth/oidc/start' });
    await renderAt(`/login?sso=${kind}`);
    expect(screen.getByRole('alert').textContent).toContain(text);
  });

  it('ignores an unknown failure kind in the address', async () => {
    serveSso({ enabled: true, startUrl: '/api/auth/oidc/start' });
    await renderAt('/login?sso=<b>x</b>');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
