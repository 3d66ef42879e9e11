import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClientQuery } from '../../api/types';
import {
  bodiesOf,
  json,
  me,
  open,
  requestedUrls,
  serve,
  signedInAs,
  urlsRevealing,
} from '../../test/fakeServer';

afterEach(() => {
  vi.unstubAllGlobals();
});

const haddad = {
  id: 'c1',
  familyName: 'Haddad',
  givenNames: 'Rania',
  birthDate: '2004-05-06',
  birthYear: null,
  caseCount: 1,
};

describe('client list', () => {
  it('searches with the term in the POST body, never in a URL or the address', async () => {
    const requests = serve({
      ...signedInAs(me(['case_manager'])),
      'POST /api/clients/search': (body) =>
        json(200, { items: [haddad], total: 30, page: (body as ClientQuery).page ?? 1, pageSize: 25 }),
    });
    const router = await open('/clients');
    expect(await screen.findByRole('link', { name: 'Haddad, Rania' })).toBeTruthy();
    expect(bodiesOf(requests, 'POST /api/clients/search')).toEqual([{ page: 1, pageSize: 25 }]);

    fireEvent.change(screen.getByLabelText(/^Suche nach Name/), { target: { value: 'Haddad ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Suchen' }));
    await waitFor(() => expect(bodiesOf(requests, 'POST /api/clients/search')).toHaveLength(2));
    expect(bodiesOf(requests, 'POST /api/clients/search').at(-1)).toEqual({
      page: 1,
      pageSize: 25,
      q: 'Haddad',
    });

    fireEvent.click(screen.getByRole('button', { name: 'Nächste Seite' }));
    await waitFor(() => expect(bodiesOf(requests, 'POST /api/clients/search')).toHaveLength(3));
    expect(bodiesOf(requests, 'POST /api/clients/search').at(-1)).toEqual({
      page: 2,
      pageSize: 25,
      q: 'Haddad',
    });

    fireEvent.click(screen.getByRole('button', { name: 'Filter zurücksetzen' }));
    await waitFor(() => expect(bodiesOf(requests, 'POST /api/clients/search')).toHaveLength(4));
    expect(bodiesOf(requests, 'POST /api/clients/search').at(-1)).toEqual({ page: 1, pageSize: 25 });

    expect(requests.some((r) => r.method === 'GET' && r.path === '/api/clients')).toBe(false);
    expect(requestedUrls()).toContain(`${window.location.origin}/api/clients/search`);
    expect(urlsRevealing('Haddad')).toEqual([]);
    expect(router.state.location.pathname + router.state.location.search).toBe('/clients');
  });
});
