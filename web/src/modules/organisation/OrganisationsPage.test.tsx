import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Organisation } from '../../api/types';
import { json, me, open, serve, signedInAs } from '../../test/fakeServer';

beforeAll(async () => {
  await import('./OrganisationsPage');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const city: Organisation = {
  id: 'o1',
  name: 'Kommunales Integrationszentrum',
  shortCode: 'KI',
  userCount: 4,
  coordinationOffice: false,
  sharesAggregates: true,
  createdAt: '2026-01-01T10:00:00Z',
  version: 2,
};

describe('organisations of the installation', () => {
  it('the installation admin names the coordination office and sees who shares figures', async () => {
    let stored = city;
    const requests = serve({
      ...signedInAs(me(['installation_admin'])),
      'GET /api/organisations': () => json(200, { items: [stored] }),
      'PATCH /api/organisations/o1': (body) => {
        stored = { ...stored, coordinationOffice: true, version: 3 };
        expect(body).toEqual({ version: 2, coordinationOffice: true });
        return json(200, stored);
      },
    });
    await open('/admin/organisations');
    const table = await screen.findByRole('table', { name: 'Organisationen dieser Installation' });
    const row = within(table)
      .getByRole('rowheader', { name: 'Kommunales Integrationszentrum' })
      .closest('tr');
    expect(row?.textContent).toContain('ja');
    fireEvent.click(
      within(table).getByRole('button', {
        name: 'Zur Koordinierenden Stelle machen: Kommunales Integrationszentrum',
      }),
    );
    expect(
      await screen.findByText('„Kommunales Integrationszentrum“ ist jetzt Koordinierende Stelle.'),
    ).toBeTruthy();
    expect(requests.some((r) => r.method === 'PATCH')).toBe(true);
    expect(
      await within(table).findByRole('button', {
        name: 'Nicht mehr Koordinierende Stelle: Kommunales Integrationszentrum',
      }),
    ).toBeTruthy();
  });
});
