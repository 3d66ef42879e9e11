import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/types';
import { SessionProvider, useSession } from './session';
import { SessionTimeout } from './SessionTimeout';

const IDLE_SECONDS = 30 * 60;

const user: Me = {
  id: 'u1',
  username: 'petra',
  displayName: 'Petra Krüger',
  email: null,
  locale: 'de',
  organisation: { id: 'o1', name: 'JMD Musterstadt' },
  roles: ['case_manager'],
  orgUnits: [{ id: 'ou1', name: 'Team Nord' }],
};

/**
 * A fake server with an idle timeout: every request but the passive expiry question restarts it, and each
 * answer tells the seconds left like the real server (X-Session-Expires-In).
 */
class FakeServer {
  deadline = Date.now() + IDLE_SECONDS * 1000;
  calls: string[] = [];

  left(): number {
    return Math.floor((this.deadline - Date.now()) / 1000);
  }

  /** Activity in another tab. */
  touch(): void {
    this.deadline = Date.now() + IDLE_SECONDS * 1000;
  }

  answer(key: string): Response {
    this.calls.push(key);
    if (this.left() <= 0) {
      return new Response(
        JSON.stringify({
          type: 'about:blank',
          title: 'Bitte melden Sie sich an.',
          status: 401,
          code: 'not-authenticated',
        }),
        { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
      );
    }
    if (key !== 'GET /api/auth/session/expiry') this.touch();
    const body =
      key === 'GET /api/auth/session'
        ? { user, csrfToken: 't' }
        : key === 'POST /api/auth/logout'
          ? null
          : { expiresInSeconds: this.left() };
    return new Response(body === null ? null : JSON.stringify(body), {
      status: body === null ? 204 : 200,
      headers: { 'Content-Type': 'application/json', 'X-Session-Expires-In': String(this.left()) },
    });
  }
}

function Probe() {
  const { state } = useSession();
  if (state.status === 'authenticated') return <SessionTimeout />;
  return <p>{state.status === 'anonymous' ? `abgemeldet: ${state.reason ?? 'none'}` : 'lädt'}</p>;
}

let server: FakeServer;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  server = new FakeServer();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => server.answer(`${request.method} ${new URL(request.url).pathname}`)),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function start() {
  await act(async () => {
    render(
      <SessionProvider>
        <Probe />
      </SessionProvider>,
    );
  });
}

async function wait(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('session timeout warning', () => {
  it('warns two minutes before the end, with the focus on "Angemeldet bleiben", which extends the session', async () => {
    await start();
    await wait((IDLE_SECONDS - 121) * 1000);
    expect(screen.queryByRole('alertdialog')).toBeNull();

    await wait(2_000);
    const dialog = screen.getByRole('alertdialog', { name: 'Ihre Sitzung endet bald' });
    expect(dialog.textContent).toContain('automatisch abgemeldet');
    const stay = screen.getByRole('button', { name: 'Angemeldet bleiben' });
    expect(document.activeElement).toBe(stay);

    await act(async () => {
      fireEvent.click(stay);
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(server.calls).toContain('POST /api/auth/session/extend');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(server.left()).toBe(IDLE_SECONDS);

    // The old deadline passes without a sign-out: the new one counts.
    await wait(5 * 60_000);
    expect(screen.queryByText(/abgemeldet:/)).toBeNull();
  });

  it('signs the user out at the end when nobody reacts, and the sign-in page says why', async () => {
    await start();
    await wait((IDLE_SECONDS - 100) * 1000);
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    await wait(101_000);
    expect(screen.getByText('abgemeldet: expired')).toBeTruthy();
    expect(server.calls).not.toContain('POST /api/auth/session/extend');
  });

  it('does not warn when work in another tab kept the session alive', async () => {
    await start();
    await wait(20 * 60_000);
    server.touch();
    await wait(9 * 60_000);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    // Asking was passive: the fake server's deadline is still the one of the other tab's activity.
    expect(server.left()).toBe(21 * 60);
    expect(screen.queryByText(/abgemeldet:/)).toBeNull();
  });

  it('offers to sign out at once', async () => {
    await start();
    await wait((IDLE_SECONDS - 60) * 1000);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Jetzt abmelden' }));
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(server.calls).toContain('POST /api/auth/logout');
    expect(screen.getByText('abgemeldet: signedOut')).toBeTruthy();
  });
});
