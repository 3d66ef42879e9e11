import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseView, json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import type { GapReport } from './model';

afterEach(() => {
  vi.unstubAllGlobals();
});

const person = { id: 'u1', displayName: 'Aylin Demir' };
const planner = { id: 'u9', displayName: 'Paul Planer' };

function aReport(changes: Partial<GapReport> = {}): GapReport {
  return {
    id: 'g1',
    organisation: { id: 'o1', name: 'JMD Musterstadt' },
    need: 'Kitaplatz für unter Dreijährige',
    field: 'education',
    targetGroup: 'Alleinerziehende',
    district: 'Nord',
    urgency: 'high',
    source: 'plan_step',
    status: 'reported',
    outcome: null,
    reportedOn: '2026-03-02',
    caseCount: 1,
    version: 1,
    description: 'Keine freien Plätze im Stadtteil Nord.',
    createdBy: person,
    createdAt: '2026-03-02T09:00:00Z',
    updatedAt: '2026-03-02T09:00:00Z',
    comments: [],
    history: [
      {
        id: 'h1',
        text: null,
        statusFrom: null,
        statusTo: 'reported',
        createdAt: '2026-03-02T09:00:00Z',
        createdBy: person,
      },
    ],
    allowedMoves: [],
    permissions: { edit: true, changeStatus: false, comment: false, link: true },
    ...changes,
  };
}

const warning = () =>
  problem(409, 'confirmation-required', {
    errors: [
      {
        pointer: '/description',
        code: 'contains-personal-data',
        message: 'Der Text enthält den Namen oder das Geburtsdatum der Klient:in.',
      },
    ],
  });

async function warningBox(): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', {
    name: 'Der Text enthält vermutlich persönliche Daten',
  });
  const box = heading.closest('[role="alert"]');
  if (!(box instanceof HTMLElement)) throw new Error('the warning is not an alert');
  return box;
}

describe('reporting a missing help', () => {
  it('opens prefilled from the plan, says that reports are anonymous, warns at the field and saves after confirming', async () => {
    const requests = serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/cases/k1': () => json(200, caseView()),
      'GET /api/districts': () =>
        json(200, { items: [{ id: 'd1', label: 'Nord', sortOrder: 0, archived: false, version: 1 }] }),
      'POST /api/gap-reports': (body) =>
        (body as { confirm?: boolean }).confirm ? json(201, aReport()) : warning(),
      'GET /api/gap-reports/g1': () => json(200, aReport()),
    });
    await open('/gaps/new?caseId=k1&planStepId=s1&need=Kitaplatz+f%C3%BCr+unter+Dreij%C3%A4hrige');
    await screen.findByRole('heading', { name: 'Fehlenden Hilfebaustein melden', level: 1 });
    expect(screen.getByText(/Meldungen sind anonym/)).toBeTruthy();
    expect(await screen.findByText(/mit dem Fall JMD-2026-00042 verknüpft/)).toBeTruthy();
    expect(screen.getByText(/ein Schritt des Plans ohne passendes Angebot/)).toBeTruthy();
    expect((screen.getByLabelText(/^Benötigte Hilfe/) as HTMLInputElement).value).toBe(
      'Kitaplatz für unter Dreijährige',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Meldung absenden' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getByRole('link', { name: /^Handlungsfeld/ })
        .getAttribute('href'),
    ).toBe('#gap-field');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText(/^Handlungsfeld/), { target: { value: 'education' } });
    await screen.findByRole('option', { name: 'Nord' });
    fireEvent.change(screen.getByLabelText(/^Sozialraum/), { target: { value: 'Nord' } });
    fireEvent.click(screen.getByLabelText('hoch'));
    fireEvent.change(screen.getByLabelText(/^Beschreibung/), {
      target: { value: 'Frau Haddad sucht seit März einen Platz.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Meldung absenden' }));

    const box = await warningBox();
    await waitFor(() => expect(document.activeElement).toBe(box));
    expect(screen.getByText('Der Text enthält den Namen oder das Geburtsdatum der Klient:in.')).toBeTruthy();
    expect(screen.getByLabelText(/^Beschreibung/).getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(within(box).getByRole('button', { name: 'Trotzdem speichern' }));
    expect(await screen.findByText('Die Meldung ist gespeichert.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Kitaplatz für unter Dreijährige' })).toBeTruthy();
    const posts = requests
      .filter((r) => r.method === 'POST' && r.path === '/api/gap-reports')
      .map((r) => r.body);
    expect(posts).toEqual([
      {
        need: 'Kitaplatz für unter Dreijährige',
        field: 'education',
        targetGroup: null,
        district: 'Nord',
        urgency: 'high',
        description: 'Frau Haddad sucht seit März einen Platz.',
        caseId: 'k1',
        planStepId: 's1',
      },
      expect.objectContaining({ confirm: true, caseId: 'k1', planStepId: 's1' }),
    ]);
  });

  it('"Text ändern" leads to the field; a changed text is checked again', async () => {
    const requests = serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/cases/k1': () => json(200, caseView()),
      'GET /api/districts': () => json(200, { items: [] }),
      'POST /api/gap-reports': (body) =>
        (body as { description: string }).description.includes('Haddad') ? warning() : json(201, aReport()),
      'GET /api/gap-reports/g1': () => json(200, aReport()),
    });
    await open('/gaps/new?caseId=k1&journalEntryId=j1&field=language&need=Abendkurs');
    await screen.findByText(/ein Eintrag im Verlauf/);
    fireEvent.change(screen.getByLabelText(/^Beschreibung/), { target: { value: 'Für Rania Haddad' } });
    fireEvent.click(screen.getByRole('button', { name: 'Meldung absenden' }));
    const box = await warningBox();
    fireEvent.click(within(box).getByRole('button', { name: 'Text ändern' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText(/^Beschreibung/)));
    fireEvent.change(screen.getByLabelText(/^Beschreibung/), { target: { value: 'Abends kein B2-Kurs.' } });
    expect(screen.queryByText('Der Text enthält vermutlich persönliche Daten')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Meldung absenden' }));
    expect(await screen.findByText('Die Meldung ist gespeichert.')).toBeTruthy();
    const posts = requests.filter((r) => r.method === 'POST').map((r) => r.body as Record<string, unknown>);
    expect(posts.map((b) => [b.field, b.journalEntryId, b.confirm])).toEqual([
      ['language', 'j1', undefined],
      ['language', 'j1', undefined],
    ]);
  });
});

describe('a report', () => {
  it('shows details, history and comments; the author edits it', async () => {
    const requests = serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/districts': () => json(200, { items: [] }),
      'GET /api/gap-reports/g1': () =>
        json(
          200,
          aReport({
            comments: [
              {
                id: 'c1',
                text: 'Wird in der AG besprochen.',
                statusFrom: null,
                statusTo: null,
                createdAt: '2026-03-03T10:00:00Z',
                createdBy: planner,
              },
            ],
          }),
        ),
      'PUT /api/gap-reports/g1': () => json(200, aReport({ urgency: 'medium', version: 2 })),
    });
    await open('/gaps/g1');
    await screen.findByRole('heading', { level: 1, name: 'Kitaplatz für unter Dreijährige' });
    expect(screen.getByText('aus dem Plan')).toBeTruthy();
    expect(screen.getByText('Wird in der AG besprochen.')).toBeTruthy();
    const history = screen.getByRole('table', { name: 'Statusverlauf der Meldung' });
    expect(within(history).getByRole('rowheader', { name: 'gemeldet' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Status ändern' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Meldung bearbeiten' }));
    fireEvent.click(await screen.findByLabelText('mittel'));
    fireEvent.click(screen.getByRole('button', { name: 'Änderungen speichern' }));
    expect(await screen.findByText('Die Änderungen sind gespeichert.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'PUT')?.body).toMatchObject({ urgency: 'medium', version: 1 });
  });

  it('the planning level moves the status with a comment; a declined report needs a reason; a conflict offers the current state', async () => {
    let version = 1;
    const requests = serve({
      ...signedInAs(me(['org_admin'])),
      'GET /api/gap-reports/g1': () =>
        json(
          200,
          aReport({
            version,
            status: version === 1 ? 'reported' : 'under_review',
            createdBy: null,
            allowedMoves: version === 1 ? ['under_review', 'closed'] : ['in_planning', 'closed'],
            permissions: { edit: false, changeStatus: true, comment: true, link: false },
          }),
        ),
      'POST /api/gap-reports/g1/status': (body) => {
        const b = body as { version: number; status: string };
        if (b.version !== version) return problem(409, 'version-conflict');
        version += 1;
        return json(
          200,
          aReport({
            version,
            status: 'under_review',
            allowedMoves: ['in_planning', 'closed'],
            permissions: { edit: false, changeStatus: true, comment: true, link: false },
            history: [
              ...aReport().history,
              {
                id: 'h2',
                text: 'Prüfen wir im Mai.',
                statusFrom: 'reported',
                statusTo: 'under_review',
                createdAt: '2026-03-04T09:00:00Z',
                createdBy: planner,
              },
            ],
          }),
        );
      },
    });
    await open('/gaps/g1');
    await screen.findByRole('heading', { name: 'Status ändern' });
    expect(screen.queryByRole('button', { name: 'Meldung bearbeiten' })).toBeNull();

    fireEvent.change(screen.getByLabelText(/^Neuer Status/), { target: { value: 'closed' } });
    fireEvent.click(screen.getByLabelText('abgelehnt'));
    fireEvent.click(screen.getByRole('button', { name: 'Status ändern' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getByRole('link', { name: /^Kommentar/ })
        .getAttribute('href'),
    ).toBe('#gap-status-comment');

    fireEvent.change(screen.getByLabelText(/^Neuer Status/), { target: { value: 'under_review' } });
    fireEvent.change(screen.getByLabelText(/^Kommentar/, { selector: '#gap-status-comment' }), {
      target: { value: 'Prüfen wir im Mai.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Status ändern' }));
    expect(await screen.findByText('Der Status ist geändert.')).toBeTruthy();
    const facts = document.querySelector('dl.facts');
    expect(facts?.querySelector('dd')?.textContent).toBe('in Prüfung');
    const statusPosts = requests.filter((r) => r.path === '/api/gap-reports/g1/status').map((r) => r.body);
    expect(statusPosts).toEqual([{ status: 'under_review', comment: 'Prüfen wir im Mai.', version: 1 }]);

    // someone else moved it meanwhile
    version = 5;
    fireEvent.click(screen.getByRole('button', { name: 'Status ändern' }));
    const conflict = await screen.findByText('Die Meldung wurde inzwischen geändert');
    fireEvent.click(within(conflict.closest('[role="alert"]') as HTMLElement).getByRole('button'));
    await waitFor(() =>
      expect(requests.filter((r) => r.method === 'GET' && r.path === '/api/gap-reports/g1')).toHaveLength(2),
    );
  });

  it('a case manager coming from another case adds it to the report', async () => {
    const requests = serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/cases/k2': () => json(200, caseView({ id: 'k2', caseNumber: 'JMD-2026-00077' })),
      'GET /api/gap-reports/g1': () => json(200, aReport()),
      'POST /api/gap-reports/g1/cases': () => json(201, aReport({ caseCount: 2 })),
    });
    await open('/gaps/g1?caseId=k2');
    fireEvent.click(await screen.findByRole('button', { name: 'Betrifft auch den Fall JMD-2026-00077' }));
    expect(await screen.findByText('Der Fall ist mit der Meldung verknüpft.')).toBeTruthy();
    expect(requests.find((r) => r.path === '/api/gap-reports/g1/cases')?.body).toEqual({ caseId: 'k2' });
  });
});
