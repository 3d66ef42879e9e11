import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseView } from '../../api/types';
import { caseView, json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import type { NetworkContact } from './model';

afterEach(() => {
  vi.unstubAllGlobals();
});

function contact(changes: Partial<NetworkContact>): NetworkContact {
  return {
    id: 'n1',
    name: 'Tante Leyla',
    kind: 'family',
    relation: 'Tante',
    support: ['emotional', 'practical'],
    closeness: 1,
    strained: false,
    note: null,
    endedOn: null,
    updatedAt: '2026-03-01T10:00:00Z',
    updatedBy: { id: 'u1', displayName: 'Aylin Demir' },
    version: 3,
    ...changes,
  };
}

const leyla = contact({});
const jobcenter = contact({
  id: 'n2',
  name: 'Jobcenter Mitte',
  kind: 'agency',
  relation: null,
  support: ['problem_solving'],
  closeness: 3,
  strained: true,
  note: 'Sachbearbeitung wechselt oft',
  version: 1,
});
const formerFriend = contact({
  id: 'n3',
  name: 'Samira',
  kind: 'friend',
  relation: 'Schulfreundin',
  support: [],
  closeness: 2,
  endedOn: '2026-02-15',
});

type Answers = Parameters<typeof serve>[0];

/** The case file on the network tab, with the given answers on top of the usual ones. */
async function openNetwork(answers: Answers = {}, view: CaseView = caseView()) {
  const requests = serve({
    ...signedInAs(me(['case_manager'])),
    'GET /api/cases/k1': () => json(200, view),
    'GET /api/colleagues': () => json(200, { items: [] }),
    'GET /api/cases/k1/network': () => json(200, { items: [leyla, jobcenter] }),
    ...answers,
  });
  await open('/cases/k1?tab=network');
  await screen.findByRole('table', { name: 'Kontakte im Netzwerk' });
  return requests;
}

/** The query strings of the network reads, in order. */
function networkReads(): string[] {
  return vi
    .mocked(fetch)
    .mock.calls.map(([request]) => request as Request)
    .filter((request) => request.method === 'GET')
    .map((request) => new URL(request.url))
    .filter((url) => url.pathname === '/api/cases/k1/network')
    .map((url) => url.search);
}

function rowOf(name: string): HTMLElement {
  const row = screen.getByRole('rowheader', { name }).closest('tr');
  if (!(row instanceof HTMLElement)) throw new Error(`no row for ${name}`);
  return row;
}

describe('network map panel', () => {
  it('draws the map as one image with a summary, and lists the contacts in a table', async () => {
    await openNetwork();

    const map = screen.getByRole('img', { name: 'Netzwerkkarte von Rania Haddad' });
    const description = document.getElementById(map.getAttribute('aria-describedby') ?? '')?.textContent;
    expect(description).toBe(
      'Im Mittelpunkt Rania Haddad, darum drei Kreise für die Nähe: innen sehr nah, außen distanziert. ' +
        'Sehr nah: Familie 1. Nah: niemand. Distanziert: Fachkräfte und Dienste 1. ' +
        '1 Beziehung ist belastet. Alle Angaben stehen auch in der Tabelle unter der Karte.',
    );
    // The strained relation is a zigzag (a shape), the other a straight line.
    expect(map.querySelectorAll('polyline.network-map__link--strained')).toHaveLength(1);
    expect(map.querySelectorAll('line.network-map__link')).toHaveLength(1);
    expect(screen.getByText('Zickzacklinie: belastete Beziehung')).toBeTruthy();

    expect(
      within(rowOf('Tante Leyla'))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      'Familie',
      'Tante',
      'emotionale Unterstützung, praktische oder materielle Hilfe',
      'sehr nah',
      'nein',
      '–',
      'Bearbeiten: Tante LeylaBeenden: Tante LeylaEntfernen: Tante Leyla',
    ]);
    expect(within(rowOf('Jobcenter Mitte')).getByText('Sachbearbeitung wechselt oft')).toBeTruthy();
    expect(networkReads()).toEqual(['?includeEnded=false']);
    expect(screen.queryByRole('table', { name: 'Beendete Kontakte' })).toBeNull();
  });

  it('draws no empty map before anyone is recorded', async () => {
    await openNetwork({ 'GET /api/cases/k1/network': () => json(200, { items: [] }) });
    expect(screen.queryByRole('img', { name: /^Netzwerkkarte/ })).toBeNull();
    const table = screen.getByRole('table', { name: 'Kontakte im Netzwerk' });
    expect(within(table).getByText('Noch sind keine Kontakte erfasst.')).toBeTruthy();
  });

  it('shows ended contacts only when asked, greyed in the map and in a table of their own', async () => {
    await openNetwork({
      'GET /api/cases/k1/network': () => json(200, { items: [leyla, jobcenter, formerFriend] }),
    });
    fireEvent.click(screen.getByLabelText('Beendete Kontakte zeigen'));

    const endedTable = await screen.findByRole('table', { name: 'Beendete Kontakte' });
    expect(networkReads()).toEqual(['?includeEnded=false', '?includeEnded=true']);
    expect(within(endedTable).getByRole('rowheader', { name: 'Samira' })).toBeTruthy();
    expect(within(endedTable).getByText('15.02.2026')).toBeTruthy();
    // An ended contact can be edited or removed, but not ended again.
    expect(within(endedTable).queryByRole('button', { name: 'Beenden: Samira' })).toBeNull();
    const current = screen.getByRole('table', { name: 'Kontakte im Netzwerk' });
    expect(within(current).queryByRole('rowheader', { name: 'Samira' })).toBeNull();

    const map = screen.getByRole('img', { name: 'Netzwerkkarte von Rania Haddad' });
    expect(map.querySelectorAll('.network-map__node--ended')).toHaveLength(1);
    expect(map.querySelectorAll('.network-map__link--ended')).toHaveLength(1);
    expect(document.getElementById('network-map-desc')?.textContent).toContain(
      '1 beendeter Kontakt ist grau dargestellt.',
    );
  });

  it('adds a contact with the kinds of support and the closeness chosen, then reloads the map', async () => {
    const requests = await openNetwork({
      'POST /api/cases/k1/network': () => json(201, contact({ id: 'n9', name: 'Herr Yilmaz' })),
    });
    const form = screen.getByRole('region', { name: 'Kontakt hinzufügen' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: ' Herr Yilmaz ' } });
    fireEvent.change(within(form).getByLabelText('Art des Kontakts'), { target: { value: 'neighbour' } });
    fireEvent.change(within(form).getByLabelText(/^Beziehung/), { target: { value: 'Nachbar' } });
    const support = within(form).getByRole('group', { name: 'Welche Unterstützung gibt dieser Kontakt?' });
    fireEvent.click(within(support).getByLabelText('soziale Einbindung (S)'));
    fireEvent.click(within(support).getByLabelText('praktische oder materielle Hilfe (P)'));
    const closeness = within(form).getByRole('group', { name: /Wie nah steht der Kontakt/ });
    fireEvent.click(within(closeness).getByLabelText('nah'));
    fireEvent.click(within(form).getByRole('button', { name: 'Kontakt hinzufügen' }));

    const message = await screen.findByText('„Herr Yilmaz“ steht jetzt in der Netzwerkkarte.');
    await waitFor(() => expect(document.activeElement).toBe(message));
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      name: 'Herr Yilmaz',
      kind: 'neighbour',
      relation: 'Nachbar',
      support: ['practical', 'social_integration'],
      closeness: 2,
      strained: false,
      note: null,
      endedOn: null,
    });
    await waitFor(() => expect(networkReads()).toHaveLength(2));
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('');
  });

  it('checks the required fields before sending and links the errors to them', async () => {
    const requests = await openNetwork();
    const form = screen.getByRole('region', { name: 'Kontakt hinzufügen' });
    fireEvent.click(within(form).getByRole('button', { name: 'Kontakt hinzufügen' }));

    const summary = await within(form).findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      'Name: Bitte füllen Sie dieses Feld aus.',
      'Art des Kontakts: Bitte füllen Sie dieses Feld aus.',
      'Wie nah steht der Kontakt der Klientin oder dem Klienten?: Bitte füllen Sie dieses Feld aus.',
    ]);
    expect(within(form).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('shows the server’s field errors at the field and in the summary', async () => {
    await openNetwork({
      'POST /api/cases/k1/network': () =>
        problem(400, 'validation', {
          errors: [{ pointer: '/relation', code: 'maxLength', message: 'too long', params: { limit: 200 } }],
        }),
    });
    const form = screen.getByRole('region', { name: 'Kontakt hinzufügen' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Oma' } });
    fireEvent.change(within(form).getByLabelText('Art des Kontakts'), { target: { value: 'family' } });
    fireEvent.click(within(form).getByLabelText('sehr nah'));
    fireEvent.click(within(form).getByRole('button', { name: 'Kontakt hinzufügen' }));

    const summary = await within(form).findByRole('alert');
    const link = within(summary).getByRole('link', {
      name: 'Beziehung: Bitte geben Sie höchstens 200 Zeichen ein.',
    });
    expect(link.getAttribute('href')).toBe('#network-new-relation');
    const relation = within(form).getByLabelText(/^Beziehung/);
    expect(relation.getAttribute('aria-invalid')).toBe('true');
    expect(relation.getAttribute('aria-describedby')).toContain('network-new-relation-error');
  });

  it('says so when the client has not consented to data processing', async () => {
    await openNetwork({ 'POST /api/cases/k1/network': () => problem(400, 'consent-required') });
    const form = screen.getByRole('region', { name: 'Kontakt hinzufügen' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Oma' } });
    fireEvent.change(within(form).getByLabelText('Art des Kontakts'), { target: { value: 'family' } });
    fireEvent.click(within(form).getByLabelText('sehr nah'));
    fireEvent.click(within(form).getByRole('button', { name: 'Kontakt hinzufügen' }));

    expect(await within(form).findByText(/Ohne gültige Einwilligung in die Datenverarbeitung/)).toBeTruthy();
  });

  it('edits a contact, sending only what changed with the version read', async () => {
    const requests = await openNetwork({
      'PATCH /api/network-contacts/n1': () => json(200, contact({ closeness: 2, version: 4 })),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Bearbeiten: Tante Leyla' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kontakt bearbeiten' });
    expect((within(dialog).getByLabelText('Name') as HTMLInputElement).value).toBe('Tante Leyla');
    expect(within(dialog).queryByLabelText(/^Beendet am/)).toBeNull();
    fireEvent.click(within(dialog).getByLabelText('nah'));
    fireEvent.click(within(dialog).getByLabelText('Die Beziehung ist belastet (Konflikte, Spannungen)'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Änderungen speichern' }));

    expect(await screen.findByText('Die Angaben zu „Tante Leyla“ sind gespeichert.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      version: 3,
      closeness: 2,
      strained: true,
    });
    // the dialog closes in the same update or the next one
    await waitFor(() => expect(dialog.hasAttribute('open')).toBe(false));
    expect(within(dialog).queryByRole('button', { name: 'Änderungen speichern' })).toBeNull();
  });

  it('after a version conflict overwrites nothing and loads the current state', async () => {
    const requests = await openNetwork({
      'PATCH /api/network-contacts/n1': () => problem(409, 'version-conflict'),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Bearbeiten: Tante Leyla' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kontakt bearbeiten' });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Leyla' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Änderungen speichern' }));

    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByText('Der Kontakt wurde inzwischen geändert')).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: 'Aktuellen Stand laden' }));

    expect(await screen.findByText('Der aktuelle Stand der Netzwerkkarte ist geladen.')).toBeTruthy();
    await waitFor(() => expect(networkReads()).toHaveLength(2));
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('ends a contact with a date, so it stays on record', async () => {
    const requests = await openNetwork({
      'PATCH /api/network-contacts/n2': () => json(200, { ...jobcenter, endedOn: '2026-03-01', version: 2 }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Beenden: Jobcenter Mitte' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kontakt beenden' });
    fireEvent.change(within(dialog).getByLabelText('Beendet am'), { target: { value: '2026-03-01' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Kontakt beenden' }));

    expect(await screen.findByText('Der Kontakt zu „Jobcenter Mitte“ ist beendet.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'PATCH')).toEqual({
      method: 'PATCH',
      path: '/api/network-contacts/n2',
      body: { version: 1, endedOn: '2026-03-01' },
    });
  });

  it('does not end a contact in the future', async () => {
    const requests = await openNetwork();
    fireEvent.click(screen.getByRole('button', { name: 'Beenden: Jobcenter Mitte' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kontakt beenden' });
    fireEvent.change(within(dialog).getByLabelText('Beendet am'), { target: { value: '2999-01-01' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Kontakt beenden' }));

    expect(
      await within(dialog).findByRole('link', {
        name: 'Beendet am: Das Datum darf nicht in der Zukunft liegen.',
      }),
    ).toBeTruthy();
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });

  it('removes a mistaken entry only after confirmation', async () => {
    const requests = await openNetwork({
      'POST /api/network-contacts/n1/remove': () => new Response(null, { status: 204 }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Entfernen: Tante Leyla' }));
    const dialog = await screen.findByRole('dialog', { name: 'Eintrag entfernen' });
    expect(
      within(dialog).getByText(/Ein Kontakt, der geendet hat, wird beendet, nicht entfernt\./),
    ).toBeTruthy();
    expect(requests.filter((r) => r.path.endsWith('/remove'))).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: '„Tante Leyla“ entfernen' }));

    expect(await screen.findByText('„Tante Leyla“ wurde aus der Netzwerkkarte entfernt.')).toBeTruthy();
    expect(requests.find((r) => r.path === '/api/network-contacts/n1/remove')?.body).toEqual({ version: 3 });
  });

  it.each([
    {
      name: 'without write permission',
      view: caseView({ permissions: { write: false, journal: false, handOver: false } }),
    },
    { name: 'in a closed case', view: caseView({ phase: 'closed', closedOn: '2026-03-01' }) },
  ])('is read-only $name: map and table, no form and no actions', async ({ view }) => {
    await openNetwork({}, view);
    expect(screen.getByRole('img', { name: 'Netzwerkkarte von Rania Haddad' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Tante Leyla' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Kontakt hinzufügen' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Bearbeiten/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Entfernen/ })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Aktionen' })).toBeNull();
  });

  it('says what is missing when the list cannot be loaded, and offers to try again', async () => {
    let failing = true;
    serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/cases/k1': () => json(200, caseView()),
      'GET /api/colleagues': () => json(200, { items: [] }),
      'GET /api/cases/k1/network': () => (failing ? problem(500, 'internal') : json(200, { items: [leyla] })),
    });
    await open('/cases/k1?tab=network');
    const alert = await screen.findByRole('alert');
    failing = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Erneut versuchen' }));
    expect(await screen.findByRole('rowheader', { name: 'Tante Leyla' })).toBeTruthy();
  });
});
