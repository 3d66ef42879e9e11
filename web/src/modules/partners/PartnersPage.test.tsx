import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../api/types';
import { json, me, open, problem, signedInAs } from '../../test/fakeServer';
import { listItem, page, partner, serve, types } from './testData';

afterEach(() => {
  vi.unstubAllGlobals();
});

function signedIn(roles: Role[]) {
  return signedInAs(me(roles));
}

// Whole pages render here; on a busy machine a test can take several seconds.
describe('the partner directory', { timeout: 20_000 }, () => {
  it('searches with filters on the server and lists the partners', async () => {
    const requests = serve({
      ...signedIn(['case_manager']),
      ...types,
      'GET /api/partners': (_, query) =>
        json(
          200,
          page(
            query.get('type') === 'kita'
              ? [listItem({ id: 'p2', name: 'Kita Sonnenschein', type: 'kita', shared: true, freePlaces: 1 })]
              : [listItem()],
          ),
        ),
    });
    await open('/network/partners');
    const table = await screen.findByRole('table', { name: 'Netzwerkpartner' });
    expect(within(table).getByRole('link', { name: 'Sprachschule Brücke' })).toBeTruthy();
    expect(within(table).getByText('Sprach- und Integrationskursträger')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Art'), { target: { value: 'kita' } });
    fireEvent.click(screen.getByLabelText('nur mit freien Plätzen'));
    fireEvent.change(screen.getByLabelText('Verzeichnis'), { target: { value: 'shared' } });
    fireEvent.click(screen.getByRole('button', { name: 'Suchen' }));

    const row = (await screen.findByRole('link', { name: 'Kita Sonnenschein' })).closest('tr');
    expect(row).not.toBeNull();
    expect(within(row as HTMLElement).getByText('Gemeinsames Verzeichnis')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Sprachschule Brücke' })).toBeNull();
    const last = requests.filter((r) => r.path === '/api/partners').at(-1);
    expect(Object.fromEntries(last?.query ?? [])).toEqual({
      page: '1',
      pageSize: '25',
      type: 'kita',
      freePlaces: 'true',
      scope: 'shared',
    });
  });

  it('creates a partner with a contact person and opens it', async () => {
    const requests = serve({
      ...signedIn(['case_manager']),
      ...types,
      'GET /api/partners': () => json(200, page([])),
      'POST /api/partners': () => json(201, partner({ id: 'p9', name: 'Tafel Ulm', type: 'custom_tafel' })),
      'GET /api/partners/p9': () => json(200, partner({ id: 'p9', name: 'Tafel Ulm', type: 'custom_tafel' })),
    });
    await open('/network/partners');
    fireEvent.click(await screen.findByRole('button', { name: 'Neuer Netzwerkpartner' }));
    const form = screen.getByRole('region', { name: 'Neuer Netzwerkpartner' });
    fireEvent.change(within(form).getByLabelText('Name der Organisation'), {
      target: { value: 'Tafel Ulm' },
    });
    fireEvent.change(within(form).getByLabelText('Art'), { target: { value: 'custom_tafel' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Ansprechperson hinzufügen' }));
    const contact = within(form).getByRole('group', { name: 'Ansprechperson 1' });
    fireEvent.change(within(contact).getByLabelText('Name'), { target: { value: 'Herr Braun' } });
    fireEvent.change(within(contact).getByLabelText(/^Funktion/), { target: { value: 'Ausgabe' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Netzwerkpartner anlegen' }));

    expect(await screen.findByText('Der Netzwerkpartner wurde angelegt.')).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 1, name: 'Tafel Ulm' })).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      name: 'Tafel Ulm',
      type: 'custom_tafel',
      street: null,
      postalCode: null,
      city: null,
      district: null,
      phone: null,
      email: null,
      website: null,
      notes: null,
      contacts: [{ name: 'Herr Braun', role: 'Ausgabe', phone: null, email: null }],
    });
  });

  it('shows the server’s refusal at the field it names', async () => {
    serve({
      ...signedIn(['case_manager']),
      ...types,
      'GET /api/partners': () => json(200, page([])),
      'POST /api/partners': () =>
        problem(400, 'validation', {
          errors: [{ pointer: '/type', code: 'not-in-list', message: 'Kein Eintrag der Liste.' }],
        }),
    });
    await open('/network/partners');
    fireEvent.click(await screen.findByRole('button', { name: 'Neuer Netzwerkpartner' }));
    const form = screen.getByRole('region', { name: 'Neuer Netzwerkpartner' });
    fireEvent.change(within(form).getByLabelText('Name der Organisation'), { target: { value: 'Tafel' } });
    fireEvent.change(within(form).getByLabelText('Art'), { target: { value: 'custom_tafel' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Netzwerkpartner anlegen' }));

    const summary = await within(form).findByRole('alert');
    const link = within(summary).getByRole('link', { name: /^Art: Dieser Eintrag gehört nicht zur Liste/ });
    fireEvent.click(link);
    const select = within(form).getByLabelText('Art');
    await waitFor(() => expect(document.activeElement).toBe(select));
    expect(select.getAttribute('aria-invalid')).toBe('true');
  });

  it('offers no new partner to planners and lets the installation admin publish to the shared directory', async () => {
    serve({ ...signedIn(['planner']), ...types, 'GET /api/partners': () => json(200, page([listItem()])) });
    await open('/network/partners');
    await screen.findByRole('link', { name: 'Sprachschule Brücke' });
    expect(screen.queryByRole('button', { name: 'Neuer Netzwerkpartner' })).toBeNull();
    vi.unstubAllGlobals();

    const requests = serve({
      ...signedIn(['installation_admin']),
      ...types,
      'GET /api/partners': () => json(200, page([])),
      'POST /api/partners': () => json(201, partner({ id: 'p5', shared: true })),
      'GET /api/partners/p5': () => json(200, partner({ id: 'p5', shared: true })),
    });
    await open('/network/partners');
    fireEvent.click(await screen.findByRole('button', { name: 'Neuer Netzwerkpartner' }));
    const form = screen.getByRole('region', { name: 'Neuer Netzwerkpartner' });
    // Shared partners can only have shipped or shared types: the organisation's own "Tafel" is not offered.
    expect(within(within(form).getByLabelText('Art')).queryByRole('option', { name: 'Tafel' })).toBeNull();
    fireEvent.change(within(form).getByLabelText('Name der Organisation'), {
      target: { value: 'Jobcenter' },
    });
    fireEvent.change(within(form).getByLabelText('Art'), { target: { value: 'other' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Netzwerkpartner anlegen' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true));
    expect(requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      name: 'Jobcenter',
      scope: 'shared',
    });
  });
});
