import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../api/types';
import { json, me, open, problem, signedInAs } from '../../test/fakeServer';
import type { Offer, Partner, PartnerListItem } from './model';

afterEach(() => {
  vi.unstubAllGlobals();
});

interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** The fake server of test/fakeServer, recording the query string too (the search sends its filters there). */
function serve(answers: Record<string, (body: unknown, query: URLSearchParams) => Response>): Request[] {
  const requests: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request & globalThis.Request) => {
      const url = new URL(request.url);
      const text = await request.text();
      const body: unknown = text === '' ? null : JSON.parse(text);
      requests.push({ method: request.method, path: url.pathname, query: url.searchParams, body });
      const answer = answers[`${request.method} ${url.pathname}`];
      return answer ? answer(body, url.searchParams) : problem(404, 'not-found');
    }),
  );
  return requests;
}

const listItem = (changes: Partial<PartnerListItem> = {}): PartnerListItem => ({
  id: 'p1',
  shared: false,
  name: 'Sprachschule Brücke',
  type: 'language_course_provider',
  district: 'Weststadt',
  city: 'Ulm',
  archived: false,
  offers: 2,
  freePlaces: 3,
  version: 1,
  ...changes,
});

const page = (items: PartnerListItem[]) => ({ items, total: items.length, page: 1, pageSize: 25 });

export const offer = (changes: Partial<Offer> = {}): Offer => ({
  id: 'o1',
  partnerId: 'p1',
  shared: false,
  title: 'Integrationskurs mit Kinderbetreuung',
  description: null,
  field: 'language',
  targetGroups: ['adults', 'parents'],
  ageMin: 18,
  ageMax: null,
  languages: ['de', 'ar'],
  district: null,
  costBearer: 'BAMF',
  capacity: 20,
  freePlaces: 3,
  waitingDays: 28,
  validFrom: '2026-01-01',
  validTo: null,
  validToday: true,
  archived: false,
  version: 1,
  ...changes,
});

export const partner = (changes: Partial<Partner> = {}): Partner => ({
  id: 'p1',
  shared: false,
  name: 'Sprachschule Brücke',
  type: 'language_course_provider',
  street: 'Hauptstraße 5',
  postalCode: '89073',
  city: 'Ulm',
  district: 'Weststadt',
  phone: '0731 12345',
  email: 'info@bruecke.example',
  website: null,
  notes: null,
  archived: false,
  archivedAt: null,
  contacts: [{ id: 'c1', name: 'Frau Yilmaz', role: 'Kursleitung', phone: null, email: null }],
  offers: [offer()],
  permissions: { edit: true, archive: false },
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-01T10:00:00Z',
  version: 1,
  ...changes,
});

const types = {
  'GET /api/partner-types': () =>
    json(200, {
      items: [
        { key: 'kita', label: null, scope: 'shipped', id: null, archived: false },
        { key: 'language_course_provider', label: null, scope: 'shipped', id: null, archived: false },
        { key: 'other', label: null, scope: 'shipped', id: null, archived: false },
        { key: 'custom_tafel', label: 'Tafel', scope: 'own', id: 't1', archived: false },
      ],
    }),
  'GET /api/districts': () => json(200, { items: [] }),
};

function signedIn(roles: Role[]) {
  return signedInAs(me(roles));
}

describe('the partner directory', () => {
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
    expect(document.activeElement).toBe(select);
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
