import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User, UserQuery } from '../../api/types';
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

const user: User = {
  id: 'u2',
  username: 'petersen',
  displayName: 'Jonas Petersen',
  email: null,
  locale: 'de',
  roles: ['team_lead'],
  orgUnits: [{ id: 'ou1', name: 'Team Nord' }],
  active: true,
  ftePercent: 100,
  lockedUntil: null,
  lastLoginAt: null,
  createdAt: '2026-01-10T09:00:00Z',
  updatedAt: '2026-01-10T09:00:00Z',
  version: 1,
};

const SEARCH = 'POST /api/users/search';

function userList() {
  return serve({
    ...signedInAs(me(['org_admin'])),
    [SEARCH]: (body) =>
      json(200, { items: [user], total: 60, page: (body as UserQuery).page ?? 1, pageSize: 25 }),
    'GET /api/org-units': () => json(200, { items: [] }),
  });
}

const searchField = () => screen.getByLabelText(/^Suche nach Benutzername oder Name/) as HTMLInputElement;
const roleField = () => screen.getByLabelText('Rolle') as HTMLSelectElement;

describe('user list', () => {
  it('keeps the filters in the address, but the search term only in the POST body', async () => {
    const requests = userList();
    const router = await open('/admin/users');
    expect(await screen.findByRole('link', { name: 'Jonas Petersen' })).toBeTruthy();
    expect(bodiesOf(requests, SEARCH)).toEqual([
      { page: 1, pageSize: 25, sort: 'displayName', order: 'asc' },
    ]);

    fireEvent.change(searchField(), { target: { value: ' Petersen ' } });
    fireEvent.change(roleField(), { target: { value: 'team_lead' } });
    fireEvent.click(screen.getByRole('button', { name: 'Anwenden' }));
    await waitFor(() => expect(bodiesOf(requests, SEARCH).at(-1)).toMatchObject({ q: 'Petersen' }));
    expect(bodiesOf(requests, SEARCH).at(-1)).toEqual({
      page: 1,
      pageSize: 25,
      sort: 'displayName',
      order: 'asc',
      q: 'Petersen',
      role: 'team_lead',
    });
    expect(router.state.location.search).toBe('?role=team_lead');

    // Paging goes into the address and keeps the term.
    fireEvent.click(screen.getByRole('button', { name: 'Nächste Seite' }));
    await waitFor(() => expect(bodiesOf(requests, SEARCH).at(-1)).toMatchObject({ page: 2 }));
    expect(bodiesOf(requests, SEARCH).at(-1)).toMatchObject({ q: 'Petersen', role: 'team_lead' });
    expect(router.state.location.search).toBe('?role=team_lead&page=2');

    // The back button restores the filters of the address; the term, never in the history, stays as typed.
    await act(async () => {
      await router.navigate(-1);
    });
    await act(async () => {
      await router.navigate(-1);
    });
    await waitFor(() => expect(roleField().value).toBe(''));
    expect(router.state.location.search).toBe('');
    expect(searchField().value).toBe(' Petersen ');
    expect(bodiesOf(requests, SEARCH).at(-1)).toEqual({
      page: 1,
      pageSize: 25,
      sort: 'displayName',
      order: 'asc',
      q: 'Petersen',
    });

    expect(requests.some((r) => r.method === 'GET' && r.path === '/api/users')).toBe(false);
    expect(requestedUrls()).toContain(`${window.location.origin}/api/users/search`);
    expect(urlsRevealing('Petersen')).toEqual([]);
  });

  it('resets the filters, the term and the page together', async () => {
    const requests = userList();
    const router = await open('/admin/users?role=dpo&page=3');
    await screen.findByRole('link', { name: 'Jonas Petersen' });
    fireEvent.change(searchField(), { target: { value: 'Petersen' } });
    fireEvent.click(screen.getByRole('button', { name: 'Anwenden' }));
    await waitFor(() => expect(bodiesOf(requests, SEARCH).at(-1)).toMatchObject({ q: 'Petersen' }));
    expect(bodiesOf(requests, SEARCH).at(-1)).toMatchObject({ page: 1, role: 'dpo' });
    expect(router.state.location.search).toBe('?role=dpo');

    fireEvent.click(screen.getByRole('button', { name: 'Filter zurücksetzen' }));
    await waitFor(() => expect(bodiesOf(requests, SEARCH).at(-1)).not.toHaveProperty('q'));
    expect(bodiesOf(requests, SEARCH).at(-1)).toEqual({
      page: 1,
      pageSize: 25,
      sort: 'displayName',
      order: 'asc',
    });
    expect(searchField().value).toBe('');
    expect(roleField().value).toBe('');
    expect(router.state.location.search).toBe('');
    expect(urlsRevealing('Petersen')).toEqual([]);
  });

  it('ignores a search term in an opened address and drops it from the address it writes', async () => {
    const requests = userList();
    const router = await open('/admin/users?q=Petersen&role=dpo');
    await screen.findByRole('link', { name: 'Jonas Petersen' });
    expect(searchField().value).toBe('');
    expect(roleField().value).toBe('dpo');
    expect(bodiesOf(requests, SEARCH)).toEqual([
      { page: 1, pageSize: 25, sort: 'displayName', order: 'asc', role: 'dpo' },
    ]);

    fireEvent.change(roleField(), { target: { value: 'planner' } });
    fireEvent.click(screen.getByRole('button', { name: 'Anwenden' }));
    await waitFor(() => expect(bodiesOf(requests, SEARCH).at(-1)).toMatchObject({ role: 'planner' }));
    expect(router.state.location.search).toBe('?role=planner');
    expect(urlsRevealing('Petersen')).toEqual([]);
  });
});
