import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientView, json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';

afterEach(() => {
  vi.unstubAllGlobals();
});

const stored = clientView({
  id: 'c2',
  processing: {
    allowed: false,
    consent: false,
    legalBasis: null,
    caseManagementConsent: false,
    missing: ['data_processing', 'case_management'],
  },
});

function fill() {
  fireEvent.change(screen.getByLabelText('Familienname'), { target: { value: 'Haddad' } });
  fireEvent.change(screen.getByLabelText('Vorname(n)'), { target: { value: 'Rania' } });
  fireEvent.change(screen.getByLabelText('Geburtsdatum'), { target: { value: '2004-05-06' } });
  fireEvent.click(screen.getByLabelText('weiblich'));
  fireEvent.click(screen.getByLabelText('Nein, noch nicht'));
}

describe('registering a client', () => {
  it('asks for name, birth and gender before sending anything', async () => {
    const requests = serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/districts': () => json(200, { items: [] }),
    });
    await open('/clients/new');
    fireEvent.click(await screen.findByRole('button', { name: 'Klient:in anlegen' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^Familienname:/ })).toBeTruthy();
    expect(
      within(summary).getByRole('link', { name: /^Geburtsdatum: Bitte geben Sie das Geburtsdatum/ }),
    ).toBeTruthy();
    expect(within(summary).getByRole('link', { name: /^Geschlecht:/ })).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('shows possible duplicates and registers only when the user confirms', async () => {
    const requests = serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/districts': () => json(200, { items: [] }),
      'POST /api/clients': (body) =>
        typeof body === 'object' && body !== null && 'confirmNotDuplicate' in body && body.confirmNotDuplicate
          ? json(201, stored)
          : problem(409, 'possible-duplicate', {
              duplicates: [
                { id: 'c1', registeredOn: '2026-02-03', responsible: ['Aylin Demir'] },
                { id: null, registeredOn: '2025-11-30', responsible: ['Lukas Schneider'] },
              ],
            }),
      'GET /api/clients/c2': () => json(200, stored),
    });
    const router = await open('/clients/new');
    await screen.findByRole('button', { name: 'Klient:in anlegen' });
    fill();
    fireEvent.click(screen.getByRole('button', { name: 'Klient:in anlegen' }));

    const dialog = await screen.findByRole('dialog', { name: 'Ist diese Person schon erfasst?' });
    expect(within(dialog).getByText(/Angelegt am 03\.02\.2026/).textContent).toContain(
      'Zuständig: Aylin Demir',
    );
    expect(within(dialog).getByRole('link', { name: 'Datensatz öffnen' }).getAttribute('href')).toBe(
      '/clients/c1',
    );
    expect(within(dialog).getByText(/Sie dürfen diesen Datensatz nicht öffnen/)).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Trotzdem neu anlegen' }));
    expect(await screen.findByText('Haddad, Rania wurde angelegt.')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/clients/c2');
    const posts = requests.filter((r) => r.method === 'POST' && r.path === '/api/clients');
    expect(posts.map((r) => (r.body as { confirmNotDuplicate: boolean }).confirmNotDuplicate)).toEqual([
      false,
      true,
    ]);
    expect(screen.getByRole('link', { name: 'Fall eröffnen' }).getAttribute('href')).toBe(
      '/cases/new?clientId=c2',
    );
  });
});

describe('registering without consent', () => {
  it('says which fields need a consent instead of sending them', async () => {
    const requests = serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/districts': () => json(200, { items: [] }),
    });
    await open('/clients/new');
    await screen.findByRole('button', { name: 'Klient:in anlegen' });
    fill();
    fireEvent.change(screen.getByLabelText(/^Ort/), { target: { value: 'Ulm' } });
    fireEvent.click(screen.getByRole('button', { name: 'Klient:in anlegen' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^Ort: Nur mit Einwilligung/ })).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });
});
