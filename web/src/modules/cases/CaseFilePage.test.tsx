import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseView } from '../../api/types';
import {
  caseView as sharedCaseView,
  json,
  me,
  open,
  problem,
  serve,
  signedInAs,
} from '../../test/fakeServer';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The shared case fixture, in monitoring with its history and follow-ups. */
function caseView(changes: Partial<CaseView> = {}): CaseView {
  return sharedCaseView({
    phase: 'monitoring',
    allowedMoves: ['evaluation', 'assessment'],
    phaseHistory: [
      {
        from: null,
        to: 'intake',
        changedAt: '2026-01-10T09:00:00Z',
        changedBy: { id: 'u1', displayName: 'Aylin Demir' },
        reason: null,
      },
    ],
    followUps: { open: 2, overdue: 1, next: '2026-03-01' },
    ...changes,
  });
}

describe('case file', () => {
  it('shows the header facts and the phases, the current one named in words', async () => {
    serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/cases/k1': () => json(200, caseView()),
      'GET /api/colleagues': () => json(200, { items: [] }),
    });
    await open('/cases/k1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Fall JMD-2026-00042' })).toBeTruthy();
    // the title follows in an effect after the heading is on the page
    await waitFor(() => expect(document.title).toBe('Fall JMD-2026-00042 – Lotse'));
    expect(screen.getByRole('link', { name: 'Haddad, Rania' }).getAttribute('href')).toBe('/clients/c1');
    expect(screen.getByText(/2 offen, davon 1 überfällig; nächste am 01\.03\.2026/)).toBeTruthy();
    const current = screen.getByRole('list', { name: 'Phasen' }).querySelector('[aria-current="step"]');
    expect(current?.textContent).toBe('5Monitoring(aktuelle Phase)');
    expect(screen.getByRole('tab', { name: 'Überblick' }).getAttribute('aria-selected')).toBe('true');
  });

  it('moves the phase with a reason and says where the case is now', async () => {
    const requests = serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/cases/k1': () => json(200, caseView()),
      'GET /api/colleagues': () => json(200, { items: [] }),
      'POST /api/cases/k1/phase': () =>
        json(200, caseView({ phase: 'assessment', version: 8, allowedMoves: ['planning'] })),
    });
    await open('/cases/k1');
    const reassess = await screen.findByRole('button', { name: 'Re-Assessment' });
    expect(screen.getByRole('button', { name: 'Weiter zu: Evaluation' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Begründung/), { target: { value: 'Neue Problemlage' } });
    fireEvent.click(reassess);

    const message = await screen.findByText('Der Fall ist jetzt in der Phase „Assessment“.');
    // the focus follows in the effect after the message is on the page
    await waitFor(() => expect(document.activeElement).toBe(message));
    expect(requests.find((r) => r.path === '/api/cases/k1/phase')?.body).toEqual({
      version: 7,
      to: 'assessment',
      reason: 'Neue Problemlage',
    });
    expect(screen.getByRole('button', { name: 'Weiter zu: Hilfeplanung' })).toBeTruthy();
  });

  it('offers the current state after a version conflict, and overwrites nothing', async () => {
    const requests = serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/cases/k1': () => json(200, caseView()),
      'GET /api/colleagues': () => json(200, { items: [] }),
      'POST /api/cases/k1/phase': () =>
        problem(409, 'version-conflict', { current: caseView({ phase: 'evaluation', version: 9 }) }),
    });
    await open('/cases/k1');
    fireEvent.click(await screen.findByRole('button', { name: 'Weiter zu: Evaluation' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Der Fall wurde inzwischen geändert')).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: 'Aktuellen Stand laden' }));
    expect(
      (await screen.findByRole('list', { name: 'Phasen' })).querySelector('[aria-current="step"]')
        ?.textContent,
    ).toContain('Evaluation');
    expect(requests.filter((r) => r.path === '/api/cases/k1/phase')).toHaveLength(1);
  });

  it('lets a team lead open a colleague’s case only with a reason', async () => {
    let opened = false;
    const requests = serve({
      ...signedInAs(me(['team_lead'], { id: 'u2', displayName: 'Jonas Berger' })),
      'GET /api/cases/k1': () => (opened ? json(200, caseView()) : problem(403, 'break-glass-required')),
      'GET /api/colleagues': () => json(200, { items: [] }),
      'POST /api/cases/k1/break-glass': () => {
        opened = true;
        return json(
          200,
          caseView({
            permissions: { write: false, journal: false, handOver: true },
            allowedMoves: [],
            accessLog: [
              {
                user: { id: 'u2', displayName: 'Jonas Berger' },
                reason: 'Klientin hat angerufen, Vertretung nötig.',
                openedAt: '2026-03-03T10:00:00Z',
                expiresAt: '2026-03-03T18:00:00Z',
              },
            ],
          }),
        );
      },
    });
    await open('/cases/k1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Fall mit Begründung öffnen' })).toBeTruthy();
    expect(screen.getByText('wird die fallverantwortliche Fachkraft benachrichtigt und')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Begründung'), { target: { value: 'zu kurz' } });
    fireEvent.click(screen.getByRole('button', { name: 'Fall mit Begründung öffnen' }));
    expect(
      await screen.findByText(/Bitte geben Sie mindestens 10 Zeichen ein/, { selector: 'a' }),
    ).toBeTruthy();
    expect(requests.filter((r) => r.path === '/api/cases/k1/break-glass')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Begründung'), {
      target: { value: 'Klientin hat angerufen, Vertretung nötig.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Fall mit Begründung öffnen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Fall JMD-2026-00042' })).toBeTruthy();
    expect(screen.getByText('Sie können diesen Fall lesen, aber nicht ändern.')).toBeTruthy();
    expect(screen.getByText('Sie können die Phase dieses Falls nicht ändern.')).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: 'Verantwortung' }));
    const access = await screen.findByRole('table', { name: 'Zugriffe mit Begründung (Teamleitung)' });
    expect(within(access).getByText('Klientin hat angerufen, Vertretung nötig.')).toBeTruthy();
  });
});
