import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseListItem, CaseQuery } from '../../api/types';
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

const item: CaseListItem = {
  id: 'k1',
  caseNumber: 'JMD-2026-00042',
  kind: 'case_management',
  phase: 'planning',
  orgUnit: { id: 'ou1', name: 'Team Nord' },
  responsible: { id: 'u1', displayName: 'Aylin Demir' },
  openedOn: '2026-01-10',
  closedOn: null,
  lastContactOn: '2026-03-02',
  client: { familyName: 'Haddad', givenNames: 'Rania' },
  overdueFollowUps: 0,
  nextFollowUpOn: null,
  canRead: true,
};

function caseList() {
  return serve({
    ...signedInAs(me(['case_manager'])),
    'POST /api/cases/search': (body) =>
      json(200, { items: [item], total: 60, page: (body as CaseQuery).page ?? 1, pageSize: 25 }),
    'GET /api/colleagues': () => json(200, { items: [] }),
  });
}

describe('case list', () => {
  it('loads the list through POST /api/cases/search, never through GET', async () => {
    const requests = caseList();
    await open('/cases');
    expect(await screen.findByRole('link', { name: 'JMD-2026-00042' })).toBeTruthy();
    expect(bodiesOf(requests, 'POST /api/cases/search')).toEqual([
      { page: 1, pageSize: 25, sort: 'caseNumber', order: 'asc' },
    ]);
    expect(requests.some((r) => r.method === 'GET' && r.path === '/api/cases')).toBe(false);
  });

  it('sends the search term in the body with the filters, never in a URL or the address', async () => {
    const requests = caseList();
    const router = await open('/cases');
    await screen.findByRole('link', { name: 'JMD-2026-00042' });

    fireEvent.change(screen.getByLabelText(/^Fallnummer oder Name/), { target: { value: ' Haddad ' } });
    fireEvent.change(screen.getByLabelText('Phase'), { target: { value: 'planning' } });
    fireEvent.click(screen.getByRole('button', { name: 'Anwenden' }));
    await waitFor(() => expect(bodiesOf(requests, 'POST /api/cases/search')).toHaveLength(2));
    expect(bodiesOf(requests, 'POST /api/cases/search').at(-1)).toEqual({
      page: 1,
      pageSize: 25,
      sort: 'caseNumber',
      order: 'asc',
      q: 'Haddad',
      phase: 'planning',
    });

    // Paging and sorting keep the term, and each new query is a new request.
    fireEvent.click(screen.getByRole('button', { name: 'Nächste Seite' }));
    await waitFor(() => expect(bodiesOf(requests, 'POST /api/cases/search')).toHaveLength(3));
    expect(bodiesOf(requests, 'POST /api/cases/search').at(-1)).toMatchObject({ page: 2, q: 'Haddad' });

    expect(requestedUrls()).toContain(`${window.location.origin}/api/cases/search`);
    expect(urlsRevealing('Haddad')).toEqual([]);
    expect(router.state.location.pathname + router.state.location.search).toBe('/cases');

    fireEvent.click(screen.getByRole('button', { name: 'Filter zurücksetzen' }));
    await waitFor(() => expect(bodiesOf(requests, 'POST /api/cases/search')).toHaveLength(4));
    expect(bodiesOf(requests, 'POST /api/cases/search').at(-1)).toEqual({
      page: 1,
      pageSize: 25,
      sort: 'caseNumber',
      order: 'asc',
    });
    expect((screen.getByLabelText(/^Fallnummer oder Name/) as HTMLInputElement).value).toBe('');
  });
});
