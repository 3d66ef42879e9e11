import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, me, open, problem, signedInAs } from '../../test/fakeServer';
import type { Partner } from './model';
import { offer, partner, serve, types } from './testData';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A GET that answers with the partner as it is now: tests change it to what the server would hold. */
function holder(initial: Partner) {
  let current = initial;
  return {
    get: () => current,
    set: (next: Partner) => {
      current = next;
    },
    answer: () => json(200, current),
  };
}

// Whole pages render here; on a busy machine a test can take several seconds.
describe('a network partner', { timeout: 20_000 }, () => {
  it('is archived instead of deleted while referrals name it, says so, and can be restored', async () => {
    const p = holder(partner({ permissions: { edit: true, archive: true } }));
    const requests = serve({
      ...signedInAs(me(['team_lead'])),
      ...types,
      'GET /api/partners/p1': p.answer,
      'DELETE /api/partners/p1': () => {
        p.set({ ...p.get(), archived: true, archivedAt: '2026-03-01T10:00:00Z', version: 2 });
        return json(200, {
          outcome: 'archived',
          references: { referrals: 2, agreements: 1, conferences: 0 },
        });
      },
      'POST /api/partners/p1/restore': () => {
        p.set({ ...p.get(), archived: false, archivedAt: null, version: 3 });
        return json(200, p.get());
      },
    });
    await open('/network/partners/p1');
    fireEvent.click(await screen.findByRole('button', { name: 'Netzwerkpartner entfernen' }));
    const dialog = screen.getByRole('dialog', { name: 'Netzwerkpartner entfernen?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Entfernen' }));

    const status = await screen.findByText(/wurde deshalb archiviert statt gelöscht/);
    expect(status.textContent).toContain('Vermittlungen: 2, Kooperationen: 1, Fallkonferenzen: 0');
    await waitFor(() => expect(document.activeElement).toBe(status));
    expect(await screen.findByText(/Dieser Netzwerkpartner ist archiviert/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Angaben bearbeiten' })).toBeNull();
    const removal = requests.find((r) => r.method === 'DELETE');
    expect(removal?.query.get('version')).toBe('1');

    fireEvent.click(await screen.findByRole('button', { name: 'Wiederherstellen' }));
    expect(await screen.findByText('Der Netzwerkpartner ist wieder im Verzeichnis.')).toBeTruthy();
    expect(requests.find((r) => r.path === '/api/partners/p1/restore')?.body).toEqual({ version: 2 });
    expect(screen.getByRole('button', { name: 'Angaben bearbeiten' })).toBeTruthy();
  });

  it('goes back to the list when nothing referred to it and it was deleted', async () => {
    serve({
      ...signedInAs(me(['org_admin'])),
      ...types,
      'GET /api/partners/p1': () => json(200, partner({ permissions: { edit: true, archive: true } })),
      'DELETE /api/partners/p1': () =>
        json(200, { outcome: 'deleted', references: { referrals: 0, agreements: 0, conferences: 0 } }),
      'GET /api/partners': () => json(200, { items: [], total: 0, page: 1, pageSize: 25 }),
    });
    await open('/network/partners/p1');
    fireEvent.click(await screen.findByRole('button', { name: 'Netzwerkpartner entfernen' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Entfernen' }));
    expect(await screen.findByText('Der Netzwerkpartner wurde gelöscht.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Netzwerkpartner' })).toBeTruthy();
  });

  it('shows a conflict when someone else saved first, and loads the current state', async () => {
    const p = holder(partner());
    serve({
      ...signedInAs(me(['case_manager'])),
      ...types,
      'GET /api/partners/p1': p.answer,
      'PUT /api/partners/p1': () => {
        p.set({ ...p.get(), name: 'Sprachschule Brücke gGmbH', version: 2 });
        return problem(409, 'version-conflict', { current: p.get() });
      },
    });
    await open('/network/partners/p1');
    fireEvent.click(await screen.findByRole('button', { name: 'Angaben bearbeiten' }));
    fireEvent.change(screen.getByLabelText(/^Telefon/), { target: { value: '0731 999' } });
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));

    const notice = await screen.findByRole('alert');
    expect(within(notice).getByText('Inzwischen geändert')).toBeTruthy();
    fireEvent.click(within(notice).getByRole('button', { name: 'Aktuellen Stand laden' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sprachschule Brücke gGmbH' })).toBeTruthy();
  });

  it('adds an offer: checks the age range at the field first, then sends the waiting time in days', async () => {
    const p = holder(partner({ offers: [] }));
    const requests = serve({
      ...signedInAs(me(['case_manager'])),
      ...types,
      'GET /api/partners/p1': p.answer,
      'POST /api/partners/p1/offers': () => {
        const created = offer({ id: 'o2', title: 'Krabbelgruppe' });
        p.set({ ...p.get(), offers: [created] });
        return json(201, created);
      },
    });
    await open('/network/partners/p1');
    fireEvent.click(await screen.findByRole('button', { name: 'Angebot hinzufügen' }));
    const form = screen.getByRole('region', { name: 'Neues Angebot' });
    fireEvent.change(within(form).getByLabelText('Titel'), { target: { value: 'Krabbelgruppe' } });
    fireEvent.click(within(form).getByLabelText('Familien'));
    fireEvent.change(within(form).getByLabelText(/^Mindestalter/), { target: { value: '3' } });
    fireEvent.change(within(form).getByLabelText(/^Höchstalter/), { target: { value: '1' } });
    fireEvent.change(within(form).getByLabelText(/^Weitere Sprache/), { target: { value: 'ar' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Sprache hinzufügen' }));
    fireEvent.change(within(form).getByLabelText(/^Plätze insgesamt/), { target: { value: '12' } });
    fireEvent.change(within(form).getByLabelText(/^Derzeit freie Plätze/), { target: { value: '2' } });
    fireEvent.change(within(form).getByLabelText(/^Typische Wartezeit in Wochen/), {
      target: { value: '3' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Angebot anlegen' }));

    const summary = await within(form).findByRole('alert');
    expect(
      within(summary).getByRole('link', {
        name: 'Höchstalter: Das Mindestalter liegt über dem Höchstalter.',
      }),
    ).toBeTruthy();
    expect(
      within(form)
        .getByLabelText(/^Höchstalter/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);

    fireEvent.change(within(form).getByLabelText(/^Höchstalter/), { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Angebot anlegen' }));
    expect(await screen.findByText('Das Angebot wurde angelegt.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      title: 'Krabbelgruppe',
      description: null,
      field: null,
      targetGroups: ['families'],
      ageMin: 3,
      ageMax: null,
      languages: ['de', 'ar'],
      district: null,
      costBearer: null,
      capacity: 12,
      freePlaces: 2,
      waitingDays: 21,
      validFrom: null,
      validTo: null,
    });
    expect(await screen.findByRole('article', { name: /Krabbelgruppe/ })).toBeTruthy();
  });

  it('shows the server’s offer rules at their fields', async () => {
    serve({
      ...signedInAs(me(['case_manager'])),
      ...types,
      'GET /api/partners/p1': () => json(200, partner()),
      'PUT /api/offers/o1': () =>
        problem(400, 'validation', {
          errors: [
            { pointer: '/validTo', code: 'date-order', message: 'Das Datum liegt vor dem Beginn.' },
            { pointer: '/languages/1', code: 'language-code', message: 'Kein Sprachcode nach ISO 639-1.' },
          ],
        }),
    });
    await open('/network/partners/p1');
    fireEvent.click(
      await screen.findByRole('button', { name: 'Integrationskurs mit Kinderbetreuung bearbeiten' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', { name: /^Gültig bis: Das Datum liegt vor dem Beginn/ }),
    ).toBeTruthy();
    expect(
      within(summary).getByRole('link', { name: 'Sprachen: Kein Sprachcode nach ISO 639-1.' }),
    ).toBeTruthy();
  });

  it('shows shared entries read-only to organisations', async () => {
    serve({
      ...signedInAs(me(['case_manager'])),
      ...types,
      'GET /api/partners/p1': () =>
        json(
          200,
          partner({
            shared: true,
            permissions: { edit: false, archive: false },
            offers: [offer({ freePlaces: 0 })],
          }),
        ),
    });
    await open('/network/partners/p1');
    expect(await screen.findByText(/gehört zum gemeinsamen Verzeichnis der Installation/)).toBeTruthy();
    expect(screen.getAllByText('Gemeinsames Verzeichnis').length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Angaben bearbeiten' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Angebot hinzufügen' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Netzwerkpartner entfernen' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Frau Yilmaz/ })).toBeNull();
    const card = screen.getByRole('article', { name: /Integrationskurs/ });
    expect(within(card).getByText('Keine freien Plätze')).toBeTruthy();
    expect(within(card).getByText('0 von 20 frei')).toBeTruthy();
    expect(within(card).getByText('4 Wochen')).toBeTruthy();
  });
});
