import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import type { MapNode, NetworkMapView } from './model';

afterEach(() => {
  vi.unstubAllGlobals();
});

function node(changes: Partial<MapNode> & { id: string; name: string }): MapNode {
  return {
    type: 'jobcenter',
    district: 'Mitte',
    shared: false,
    archived: false,
    referrals: 0,
    completed: 0,
    weight: 'none',
    agreement: null,
    ...changes,
  };
}

const jobcenter = node({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Jobcenter Musterstadt',
  referrals: 4,
  completed: 2,
  weight: 'regular',
});
const language = node({
  id: '00000000-0000-4000-8000-000000000002',
  name: 'Sprachschule Babel mit einem sehr langen Namen',
  type: 'lotsen',
  district: 'Nord',
  referrals: 12,
  weight: 'many',
  agreement: { id: '00000000-0000-4000-8000-00000000000a', form: 'written', reviewOn: '2026-11-30' },
});
const counselling = node({
  id: '00000000-0000-4000-8000-000000000003',
  name: 'Migrationsberatung der Stadt',
  type: 'lotsen',
  district: null,
  shared: true,
  referrals: 1,
  weight: 'few',
});

const view: NetworkMapView = {
  period: { from: '2025-03-16', to: '2026-03-15' },
  groupBy: 'type',
  agreementsOn: '2026-03-15',
  threshold: 3,
  typeLabels: { lotsen: 'Integrationslotsen' },
  nodes: [jobcenter, counselling, language],
  groups: [
    {
      key: 'jobcenter',
      partnerIds: [jobcenter.id],
      partners: 1,
      referrals: 4,
      completed: 2,
      withAgreement: 0,
    },
    {
      key: 'lotsen',
      partnerIds: [counselling.id, language.id],
      partners: 2,
      referrals: 13,
      completed: 0,
      withAgreement: 1,
    },
  ],
  totals: { partners: 3, referrals: 17, completed: 2, withAgreement: 1 },
  missingAgreements: [{ id: jobcenter.id, name: jobcenter.name, referrals: 4 }],
};

type Answers = Parameters<typeof serve>[0];

async function openMap(answers: Answers = {}, path = '/network/map') {
  const requests = serve({
    ...signedInAs(me(['case_manager'])),
    'GET /api/network-map': () => json(200, view),
    ...answers,
  });
  await open(path);
  return requests;
}

/** The query strings of the map reads, in order. */
function mapReads(): string[] {
  return vi
    .mocked(fetch)
    .mock.calls.map(([request]) => request as Request)
    .filter((request) => request.method === 'GET')
    .map((request) => new URL(request.url))
    .filter((url) => url.pathname === '/api/network-map')
    .map((url) => url.search);
}

function rowOf(name: string): HTMLElement {
  const row = screen.getByRole('rowheader', { name }).closest('tr');
  if (!(row instanceof HTMLElement)) throw new Error(`no row for ${name}`);
  return row;
}

describe('network map page', () => {
  it('draws the map as one image with a summary, the partners as links over it, and a table of every partner', async () => {
    await openMap();

    const map = await screen.findByRole('img', { name: 'Netzwerkkarte von JMD Musterstadt' });
    expect(document.getElementById(map.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'JMD Musterstadt in der Mitte, 3 Netzwerkpartner nach Art. ' +
        'Integrationslotsen: 2 Partner, 13 Vermittlungen, 1 mit Kooperationsvereinbarung. ' +
        'Jobcenter: 1 Partner, 4 Vermittlungen, 0 mit Kooperationsvereinbarung. ' +
        'Die meisten Vermittlungen: Sprachschule Babel mit einem sehr langen Namen (12), Jobcenter Musterstadt (4), ' +
        'Migrationsberatung der Stadt (1). Bei 1 Partner fehlt eine Kooperationsvereinbarung. ' +
        'Alle Angaben stehen in der Tabelle unter der Karte.',
    );
    // Lines: solid with an agreement, dashed without; thicker with more referrals.
    const lines = [...map.querySelectorAll('line.partner-map__line')];
    expect(lines).toHaveLength(3);
    expect(map.querySelectorAll('.partner-map__line--without-agreement')).toHaveLength(2);
    const widths = lines.map((l) => Number(l.getAttribute('stroke-width')));
    expect(Math.max(...widths)).toBe(7);
    // The shared partner has a double border; long names are shortened in the drawing.
    expect(map.querySelectorAll('.partner-map__node-shape')).toHaveLength(4);
    expect(within(map).getByText('Sprachschule Ba…')).toBeTruthy();
    // One sector label per group.
    expect(map.querySelectorAll('textPath')).toHaveLength(2);

    // The partners are links to their page, outside the image, named in full.
    const link = screen.getByRole('link', { name: /^Jobcenter Musterstadt: 4 Vermittlungen/ });
    expect(link.getAttribute('href')).toBe(`/network/partners/${jobcenter.id}`);
    expect(link.closest('[role="img"]')).toBeNull();
    expect(
      screen.getByRole('link', { name: /^Sprachschule Babel mit einem sehr langen Namen: 12 Vermittlungen/ })
        .textContent,
    ).toContain('Kooperationsvereinbarung (schriftlich)');

    expect(
      within(rowOf('Sprachschule Babel mit einem sehr langen Namen'))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      'Integrationslotsen',
      'Nord',
      'eigenes',
      '12',
      '0',
      'ja, schriftlichnächste Überprüfung 30.11.2026',
    ]);
    expect(
      within(rowOf('Migrationsberatung der Stadt'))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Integrationslotsen', '–', 'gemeinsames', '1', '0', 'nein']);
    expect(
      within(rowOf('Sprachschule Babel mit einem sehr langen Namen'))
        .getByRole('link', { name: 'ja, schriftlich' })
        .getAttribute('href'),
    ).toBe('/network/agreements/00000000-0000-4000-8000-00000000000a');

    const groups = screen.getByRole('table', { name: 'Gruppen der Karte nach Art' });
    expect(
      within(within(groups).getByRole('rowheader', { name: 'Summe' }).closest('tr') as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['3', '17', '2', '1']);
    expect(screen.getByText(/Vermittlungen vom 16\.03\.2025 bis 15\.03\.2026/)).toBeTruthy();
    expect(mapReads()).toEqual(['']);
  });

  it('lists where a cooperation agreement is missing', async () => {
    await openMap();
    const section = await screen.findByRole('region', { name: 'Hier fehlt eine Kooperationsvereinbarung' });
    expect(within(section).getByText(/mindestens 3 Vermittlungen/)).toBeTruthy();
    const items = within(section).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['Jobcenter Musterstadt: 4 Vermittlungen']);
    expect(within(section).getByRole('link', { name: 'Jobcenter Musterstadt' }).getAttribute('href')).toBe(
      `/network/partners/${jobcenter.id}`,
    );
  });

  it('says so when no agreement is missing', async () => {
    await openMap({ 'GET /api/network-map': () => json(200, { ...view, missingAgreements: [] }) });
    const section = await screen.findByRole('region', { name: 'Hier fehlt eine Kooperationsvereinbarung' });
    expect(within(section).queryByRole('list')).toBeNull();
    expect(within(section).getByText(/^Keine:/)).toBeTruthy();
  });

  it('fetches the map again for another period and grouping', async () => {
    const byDistrict: NetworkMapView = {
      ...view,
      period: { from: '2024-01-01', to: '2024-12-31' },
      agreementsOn: '2024-12-31',
      groupBy: 'district',
      groups: [
        {
          key: 'Mitte',
          partnerIds: [jobcenter.id],
          partners: 1,
          referrals: 4,
          completed: 2,
          withAgreement: 0,
        },
        {
          key: 'Nord',
          partnerIds: [language.id],
          partners: 1,
          referrals: 12,
          completed: 0,
          withAgreement: 1,
        },
        {
          key: null,
          partnerIds: [counselling.id],
          partners: 1,
          referrals: 1,
          completed: 0,
          withAgreement: 0,
        },
      ],
    };
    await openMap({
      'GET /api/network-map': (_body) => json(200, mapReads().length > 1 ? byDistrict : view),
    });
    const from = await screen.findByLabelText('Vermittlungen von');
    // The fields start with the period shown.
    expect((from as HTMLInputElement).value).toBe('2025-03-16');
    fireEvent.change(from, { target: { value: '2024-01-01' } });
    fireEvent.change(screen.getByLabelText('bis'), { target: { value: '2024-12-31' } });
    fireEvent.click(screen.getByLabelText('Sozialraum'));
    fireEvent.click(screen.getByRole('button', { name: 'Anzeigen' }));

    await screen.findByRole('table', { name: 'Gruppen der Karte nach Sozialraum' });
    expect(mapReads()).toEqual(['', '?from=2024-01-01&to=2024-12-31&groupBy=district']);
    expect(screen.getByText(/Vermittlungen vom 01\.01\.2024 bis 31\.12\.2024/)).toBeTruthy();
    const groups = screen.getByRole('table', { name: 'Gruppen der Karte nach Sozialraum' });
    expect(within(groups).getByRole('rowheader', { name: 'Ohne Sozialraum' })).toBeTruthy();
    expect(
      screen.getByRole('img', { name: 'Netzwerkkarte von JMD Musterstadt' }).querySelectorAll('textPath'),
    ).toHaveLength(3);
  });

  it('reads period and grouping from the address', async () => {
    await openMap({}, '/network/map?from=2025-01-01&to=2025-06-30&groupBy=district');
    await screen.findByRole('img', { name: 'Netzwerkkarte von JMD Musterstadt' });
    expect(mapReads()).toEqual(['?from=2025-01-01&to=2025-06-30&groupBy=district']);
    expect((screen.getByLabelText('bis') as HTMLInputElement).value).toBe('2025-06-30');
    expect((screen.getByLabelText('Sozialraum') as HTMLInputElement).checked).toBe(true);
  });

  it('shows an end before the start at the field, with a summary that links to it', async () => {
    await openMap({
      'GET /api/network-map': () =>
        mapReads().length > 1
          ? problem(400, 'validation', {
              errors: [{ parameter: 'to', code: 'date-order', message: 'Das Datum liegt vor dem Beginn.' }],
            })
          : json(200, view),
    });
    const to = await screen.findByLabelText('bis');
    fireEvent.change(to, { target: { value: '2024-01-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Anzeigen' }));

    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(within(summary).getByRole('link').textContent).toBe(
      'bis: Das Datum liegt vor dem Beginn. Bitte prüfen Sie die Reihenfolge.',
    );
    expect(screen.getByLabelText('bis').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByLabelText('bis') as HTMLInputElement).value).toBe('2024-01-01');
  });

  it('says when nobody is on the map yet', async () => {
    await openMap({
      'GET /api/network-map': () =>
        json(200, {
          ...view,
          nodes: [],
          groups: [],
          missingAgreements: [],
          totals: { partners: 0, referrals: 0, completed: 0, withAgreement: 0 },
        }),
    });
    expect(await screen.findByText(/Auf der Karte ist noch niemand/)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    expect(
      within(screen.getByRole('table', { name: 'Netzwerkpartner auf der Karte' })).getByText(
        'Keine Netzwerkpartner.',
      ),
    ).toBeTruthy();
  });

  it('shows a refusal of the server', async () => {
    await openMap({ 'GET /api/network-map': () => problem(403, 'forbidden') });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Berechtigung/);
  });
});
