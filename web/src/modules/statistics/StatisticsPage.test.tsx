import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import { changeLanguage } from '../../app/i18n';
import { json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import { today } from '../../ui/format';
import { defaultPeriod, type PresetItem, type Report } from './model';

afterEach(() => {
  vi.unstubAllGlobals();
});

const presets = (allowed: PresetItem['key'][]): { items: PresetItem[] } => ({
  items: (['annual', 'team_monthly', 'steering'] as const).map((key) => ({
    key,
    title: key,
    allowed: allowed.includes(key),
  })),
});

const cell = (value: number) => ({ value, display: String(value), suppressed: false });
const hidden = { value: null, display: '< 5', suppressed: true };

function report(changes: Partial<Report> = {}): Report {
  return {
    preset: 'annual',
    title: 'Jahresbericht 2025',
    period: { from: '2025-01-01', to: '2025-12-31' },
    generatedAt: '2026-03-15T09:30:00Z',
    threshold: 5,
    // As the server answers an org admin's report over the whole organisation: no restriction to units.
    scope: { organisations: [{ id: 'o1', name: 'JMD Musterstadt' }], orgUnits: [] },
    sections: [
      {
        key: 'cases',
        title: 'Fälle',
        tables: [
          {
            key: 'by_kind',
            title: 'Fälle nach Art',
            chart: 'bar',
            // As the server sends it: the row labels' heading first.
            columns: [
              { key: 'label', label: 'Art' },
              { key: 'new', label: 'neu' },
              { key: 'closed', label: 'abgeschlossen' },
              { key: 'share', label: 'Anteil' },
            ],
            rows: [
              {
                key: 'case_management',
                label: 'Case Management',
                cells: {
                  new: cell(12),
                  closed: cell(9),
                  share: { value: 0.625, display: '62,5 %', suppressed: false },
                },
              },
              {
                key: 'counselling',
                label: 'Beratung',
                cells: {
                  new: cell(7),
                  closed: hidden,
                  share: { value: null, display: 'x', suppressed: true },
                },
              },
            ],
            total: {
              key: 'total',
              label: 'Summe',
              cells: { new: cell(19), closed: cell(12), share: cell(1) },
            },
            note: 'Fälle je Vollzeitstelle: 31,7',
          },
        ],
      },
    ],
    ...changes,
  };
}

function requested(path: string): URL[] {
  return (globalThis.fetch as Mock).mock.calls
    .map((call) => new URL((call[0] as Request).url))
    .filter((url) => url.pathname === path);
}

const orgUnits = {
  items: [
    { id: 'ou1', name: 'Team Nord', description: null, archived: false, memberCount: 3, version: 1 },
    { id: 'ou2', name: 'Team Süd', description: null, archived: false, memberCount: 2, version: 1 },
  ],
};

describe('the reports a role may see', () => {
  it.each([
    ['team_lead', ['annual', 'team_monthly'], false],
    ['planner', ['steering'], false],
    ['org_admin', ['annual', 'team_monthly'], true],
  ] as const)('%s', async (role, allowed, settings) => {
    serve({
      ...signedInAs(me([role])),
      'GET /api/statistics/presets': () => json(200, presets([...allowed])),
      'GET /api/statistics/settings': () => json(200, { minCount: 5, version: 1 }),
    });
    await open('/statistics');
    const region = await screen.findByRole('region', { name: 'Berichte' });
    await within(region).findAllByRole('link');
    const links = within(region)
      .getAllByRole('link')
      .map((link) => link.getAttribute('href'));
    expect(links).toEqual(allowed.map((key) => `/statistics/${key}`));
    if (settings) {
      expect(await screen.findByRole('heading', { name: 'Mindestzahl für Statistiken' })).toBeTruthy();
      expect(((await screen.findByLabelText('Mindestzahl')) as HTMLInputElement).value).toBe('5');
    } else {
      expect(screen.queryByRole('heading', { name: 'Mindestzahl für Statistiken' })).toBeNull();
      expect(requested('/api/statistics/settings')).toHaveLength(0);
    }
  });

  it('says so when no report is open to the role', async () => {
    serve({
      ...signedInAs(me(['team_lead'])),
      'GET /api/statistics/presets': () => json(200, presets([])),
    });
    await open('/statistics');
    expect(await screen.findByText('Für Ihre Rolle gibt es keine Berichte.')).toBeTruthy();
  });
});

describe('a report', () => {
  const unitNames: Record<string, string> = { ou1: 'Team Nord', ou2: 'Team Süd' };

  /** The report for the query asked, with the units it is restricted to in its scope, as the server does. */
  function answerFor(url: URL | undefined): Response {
    const units = (url?.searchParams.get('orgUnitIds') ?? '').split(',').filter(Boolean);
    return json(
      200,
      report({
        scope: {
          organisations: [{ id: 'o1', name: 'JMD Musterstadt' }],
          orgUnits: units.map((id) => ({ id, name: unitNames[id] ?? id })),
        },
      }),
    );
  }

  function serveReport(
    answer: () => Response = () => answerFor(requested('/api/statistics/reports/annual').at(-1)),
    role: 'team_lead' | 'planner' | 'org_admin' = 'org_admin',
  ) {
    return serve({
      ...signedInAs(me([role])),
      'GET /api/statistics/reports/annual': answer,
      'GET /api/statistics/reports/steering': answer,
      'GET /api/org-units': () => json(200, orgUnits),
    });
  }

  it('shows the figures as sent, hidden counts marked and explained, and a chart beside the table', async () => {
    serveReport();
    await open('/statistics/annual?from=2025-01-01&to=2025-12-31');
    const table = await screen.findByRole('table', { name: 'Fälle nach Art' });
    expect(screen.getByRole('heading', { level: 2, name: 'Fälle' })).toBeTruthy();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Art', 'neu', 'abgeschlossen', 'Anteil']);

    const cm = within(table).getByRole('rowheader', { name: 'Case Management' }).closest('tr') as HTMLElement;
    expect(
      within(cm)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['12', '9', '62,5 %']);

    const counselling = within(table)
      .getByRole('rowheader', { name: 'Beratung' })
      .closest('tr') as HTMLElement;
    const [, closed, share] = within(counselling).getAllByRole('cell');
    const explanation =
      'weniger als 5 Fälle oder daraus errechenbar – aus Datenschutzgründen nicht angezeigt';
    expect(closed?.querySelector('abbr')?.textContent).toBe('< 5');
    expect(closed?.querySelector('abbr')?.getAttribute('title')).toBe(explanation);
    expect(closed?.querySelector('.visually-hidden')?.textContent).toBe(` (${explanation})`);
    expect(share?.querySelector('abbr')?.textContent).toBe('x');
    expect(within(counselling).getByText('7').tagName).toBe('TD');

    const total = within(table).getByRole('rowheader', { name: 'Summe' }).closest('tr') as HTMLElement;
    expect(total.parentElement?.tagName).toBe('TFOOT');
    expect(
      screen.getByText(
        'Weniger als 5 Fälle oder daraus errechenbar – aus Datenschutzgründen nicht angezeigt.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Fälle je Vollzeitstelle: 31,7')).toBeTruthy();
    expect(screen.getByText('Zeitraum: 01.01.2025 bis 31.12.2025')).toBeTruthy();
    expect(screen.getByText('Sachgebiete/Teams: alle')).toBeTruthy();
    expect(screen.getByText(/^Anonymisierte Auswertung: Zahlen unter 5 und Werte/)).toBeTruthy();

    expect(
      await screen.findByRole('img', {
        name: 'Diagramm zu „Fälle nach Art“. Die Werte stehen in der Tabelle.',
      }),
    ).toBeTruthy();
    expect(screen.getByText('Ausgeblendete Werte sind im Diagramm nicht gezeichnet.')).toBeTruthy();
    const print = vi.fn();
    vi.stubGlobal('print', print);
    fireEvent.click(screen.getByRole('button', { name: 'Drucken' }));
    expect(print).toHaveBeenCalledOnce();
    expect(Object.fromEntries(requested('/api/statistics/reports/annual')[0]?.searchParams ?? [])).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
    });
  });

  it('asks for the preset’s period when the address names none', async () => {
    serveReport();
    await open('/statistics/annual');
    await screen.findByRole('table', { name: 'Fälle nach Art' });
    const period = defaultPeriod('annual', today());
    expect(Object.fromEntries(requested('/api/statistics/reports/annual')[0]?.searchParams ?? [])).toEqual(
      period,
    );
    expect((screen.getByLabelText(/^von/) as HTMLInputElement).value).toBe(period.from);
    expect((screen.getByLabelText(/^bis/) as HTMLInputElement).value).toBe(period.to);
  });

  it('asks again with the new period and org units, keeps them in the address, and downloads the same', async () => {
    serveReport();
    const router = await open('/statistics/annual?from=2025-01-01&to=2025-12-31');
    await screen.findByRole('table', { name: 'Fälle nach Art' });
    expect(screen.getByRole('link', { name: 'Als CSV herunterladen' }).getAttribute('href')).toBe(
      '/api/statistics/reports/annual/export?format=csv&from=2025-01-01&to=2025-12-31',
    );

    fireEvent.change(screen.getByLabelText(/^von/), { target: { value: '2025-07-01' } });
    fireEvent.click(await screen.findByLabelText('Team Süd'));
    fireEvent.click(screen.getByLabelText('Team Nord'));
    fireEvent.click(screen.getByRole('button', { name: 'Bericht anzeigen' }));

    await waitFor(() => expect(requested('/api/statistics/reports/annual')).toHaveLength(2));
    expect(Object.fromEntries(requested('/api/statistics/reports/annual')[1]?.searchParams ?? [])).toEqual({
      from: '2025-07-01',
      to: '2025-12-31',
      orgUnitIds: 'ou1,ou2',
    });
    expect(router.state.location.search).toBe('?from=2025-07-01&to=2025-12-31&orgUnitIds=ou1%2Cou2');
    await waitFor(() =>
      expect(screen.getByRole('link', { name: 'Als CSV herunterladen' }).getAttribute('href')).toBe(
        '/api/statistics/reports/annual/export?format=csv&from=2025-07-01&to=2025-12-31&orgUnitIds=ou1%2Cou2',
      ),
    );
    expect(
      screen.getByRole('link', { name: 'Als Excel-Datei (XLSX) herunterladen' }).getAttribute('href'),
    ).toBe(
      '/api/statistics/reports/annual/export?format=xlsx&from=2025-07-01&to=2025-12-31&orgUnitIds=ou1%2Cou2',
    );
    expect(screen.getByText('Sachgebiete/Teams: Team Nord, Team Süd')).toBeTruthy();
    expect((screen.getByLabelText('Team Nord') as HTMLInputElement).checked).toBe(true);
  });

  it('offers a team lead their own units only and says which the report covers', async () => {
    serveReport(
      () => json(200, report({ scope: { organisations: [], orgUnits: [{ id: 'ou1', name: 'Team Nord' }] } })),
      'team_lead',
    );
    await open('/statistics/annual?from=2025-01-01&to=2025-12-31');
    await screen.findByRole('table', { name: 'Fälle nach Art' });
    expect(screen.getByText('Sachgebiete/Teams: Team Nord')).toBeTruthy();
    const group = screen.getByRole('group', { name: 'Sachgebiete/Teams' });
    expect(
      within(group)
        .getAllByRole('checkbox')
        .map((box) => box.closest('div')?.textContent),
    ).toEqual(['Team Nord']);
    expect(requested('/api/org-units')).toHaveLength(0);
  });

  it('shows a unit refused as not one’s own at the org-unit choice', async () => {
    serveReport(
      () =>
        problem(403, 'forbidden', {
          errors: [{ parameter: 'orgUnitIds', code: 'not-allowed', message: 'x' }],
        }),
      'team_lead',
    );
    await open('/statistics/annual?from=2025-01-01&to=2025-12-31&orgUnitIds=ou2');
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link').textContent).toBe(
      'Sachgebiete/Teams: Diese Auswahl ist Ihnen nicht erlaubt.',
    );
    const group = screen.getByRole('group', { name: 'Sachgebiete/Teams' });
    expect((within(group).getByLabelText('ou2') as HTMLInputElement).checked).toBe(true);
  });

  it('fetches a download in the page’s language and saves it under the server’s name', async () => {
    const saved: string[] = [];
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:report');
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(`${this.download} ${this.href}`);
    });
    try {
      serve({
        ...signedInAs(me(['org_admin'])),
        'GET /api/statistics/reports/annual': () => json(200, report()),
        'GET /api/org-units': () => json(200, orgUnits),
        'GET /api/statistics/reports/annual/export': () =>
          new Response('Jahresbericht;x', {
            status: 200,
            headers: {
              'Content-Type': 'text/csv',
              'Content-Disposition': 'attachment; filename="jahresbericht-2025-01-01-2025-12-31.csv"',
            },
          }),
      });
      await open('/statistics/annual?from=2025-01-01&to=2025-12-31&orgUnitIds=ou1');
      fireEvent.click(await screen.findByRole('link', { name: 'Als CSV herunterladen' }));
      await waitFor(() => expect(saved).toEqual(['jahresbericht-2025-01-01-2025-12-31.csv blob:report']));
      const call = (globalThis.fetch as Mock).mock.calls
        .map((c) => c[0] as Request)
        .find((r) => new URL(r.url).pathname.endsWith('/export'));
      expect(call?.headers.get('Accept-Language')).toBe('de');
      expect(Object.fromEntries(new URL(call?.url ?? '').searchParams)).toEqual({
        from: '2025-01-01',
        to: '2025-12-31',
        orgUnitIds: 'ou1',
        format: 'csv',
      });
    } finally {
      click.mockRestore();
      created.mockRestore();
      revoked.mockRestore();
    }
  });

  it('asks again in the language the user switches to (the server words the report)', async () => {
    serve({
      ...signedInAs(me(['org_admin'])),
      'GET /api/statistics/reports/annual': () => json(200, report()),
      'GET /api/org-units': () => json(200, orgUnits),
      'PATCH /api/auth/preferences': () => json(200, me(['org_admin'], { locale: 'en' })),
    });
    try {
      await open('/statistics/annual?from=2025-01-01&to=2025-12-31');
      await screen.findByRole('table', { name: 'Fälle nach Art' });
      fireEvent.click(screen.getByRole('button', { name: 'English' }));
      await screen.findByRole('heading', { level: 1, name: 'Annual report for funders' });
      await waitFor(() => expect(requested('/api/statistics/reports/annual')).toHaveLength(2));
      const languages = (globalThis.fetch as Mock).mock.calls
        .map((c) => c[0] as Request)
        .filter((r) => new URL(r.url).pathname === '/api/statistics/reports/annual')
        .map((r) => r.headers.get('Accept-Language'));
      expect(languages).toEqual(['de', 'en']);
    } finally {
      await act(() => changeLanguage('de'));
    }
  });

  it('says on the page when a download is refused', async () => {
    serve({
      ...signedInAs(me(['org_admin'])),
      'GET /api/statistics/reports/annual': () => json(200, report()),
      'GET /api/org-units': () => json(200, orgUnits),
      'GET /api/statistics/reports/annual/export': () => problem(403, 'forbidden'),
    });
    await open('/statistics/annual?from=2025-01-01&to=2025-12-31');
    fireEvent.click(await screen.findByRole('link', { name: 'Als Excel-Datei (XLSX) herunterladen' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/keine Berechtigung/);
    expect(screen.getByRole('table', { name: 'Fälle nach Art' })).toBeTruthy();
  });

  it('shows an end before the start at the field, with a summary that links to it, and no figures', async () => {
    serveReport(() =>
      requested('/api/statistics/reports/annual').length > 1
        ? problem(400, 'validation', {
            errors: [{ parameter: 'to', code: 'date-order', message: 'Das Datum liegt vor dem Beginn.' }],
          })
        : json(200, report()),
    );
    await open('/statistics/annual?from=2025-01-01&to=2025-12-31');
    await screen.findByRole('table', { name: 'Fälle nach Art' });
    fireEvent.change(screen.getByLabelText(/^bis/), { target: { value: '2024-12-31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Bericht anzeigen' }));

    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(within(summary).getByRole('link').textContent).toBe(
      'bis: Das Datum liegt vor dem Beginn. Bitte prüfen Sie die Reihenfolge.',
    );
    const to = screen.getByLabelText(/^bis/) as HTMLInputElement;
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(to.value).toBe('2024-12-31');
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Als CSV herunterladen' })).toBeNull();
  });

  it('names an org unit the server refuses at the org-unit choice', async () => {
    serveReport(() =>
      problem(400, 'validation', {
        errors: [{ parameter: 'orgUnitIds', code: 'not-in-list', message: 'x' }],
      }),
    );
    await open('/statistics/annual?from=2025-01-01&to=2025-12-31&orgUnitIds=elsewhere');
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link').textContent).toMatch(/^Sachgebiete\/Teams: Dieser Eintrag/);
    expect(screen.getByRole('group', { name: 'Sachgebiete/Teams' })).toBeTruthy();
  });

  it('shows a refusal of a report the user may not see', async () => {
    serveReport(() => problem(403, 'forbidden'));
    await open('/statistics/annual');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/keine Berechtigung/);
    expect(screen.queryByRole('link', { name: 'Als CSV herunterladen' })).toBeNull();
  });

  it('lets the steering view choose organisations, and keeps offering those it covered before', async () => {
    const all = [
      { id: 'o2', name: 'Caritas Musterstadt' },
      { id: 'o1', name: 'JMD Musterstadt' },
    ];
    serveReport(() => {
      const chosen = requested('/api/statistics/reports/steering')
        .at(-1)
        ?.searchParams.get('organisationIds');
      const covered = chosen ? all.filter((o) => chosen.split(',').includes(o.id)) : all;
      return json(200, report({ preset: 'steering', scope: { organisations: covered, orgUnits: [] } }));
    }, 'planner');
    const router = await open('/statistics/steering?from=2025-01-01&to=2025-12-31');
    await screen.findByRole('table', { name: 'Fälle nach Art' });
    expect(screen.getByText('Organisationen: Caritas Musterstadt, JMD Musterstadt')).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Sachgebiete/Teams' })).toBeNull();

    fireEvent.click(screen.getByLabelText('Caritas Musterstadt'));
    fireEvent.click(screen.getByRole('button', { name: 'Bericht anzeigen' }));
    await screen.findByText('Organisationen: Caritas Musterstadt');
    expect(router.state.location.search).toBe('?from=2025-01-01&to=2025-12-31&organisationIds=o2');
    const group = screen.getByRole('group', { name: 'Organisationen' });
    expect((within(group).getByLabelText('Caritas Musterstadt') as HTMLInputElement).checked).toBe(true);
    expect((within(group).getByLabelText('JMD Musterstadt') as HTMLInputElement).checked).toBe(false);
    expect(requested('/api/org-units')).toHaveLength(0);
    expect(screen.getByRole('link', { name: 'Als CSV herunterladen' }).getAttribute('href')).toBe(
      '/api/statistics/reports/steering/export?format=csv&from=2025-01-01&to=2025-12-31&organisationIds=o2',
    );
  });
});

describe('the minimum count', () => {
  function serveSettings(put: (body: unknown) => Response) {
    return serve({
      ...signedInAs(me(['org_admin'])),
      'GET /api/statistics/presets': () => json(200, presets(['annual'])),
      'GET /api/statistics/settings': () => json(200, { minCount: 5, version: 1 }),
      'PUT /api/statistics/settings': put,
    });
  }

  it('is refused below 3 at the field and saved from 3 on', async () => {
    const requests = serveSettings((body) => json(200, { ...(body as object), version: 2 }));
    await open('/statistics');
    expect(await screen.findByText(/nur als „< 5“/)).toBeTruthy();
    const field = await screen.findByLabelText('Mindestzahl');
    fireEvent.change(field, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link').textContent).toBe(
      'Mindestzahl: Der Wert muss mindestens 3 sein.',
    );
    expect(screen.getByLabelText('Mindestzahl').getAttribute('aria-invalid')).toBe('true');
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Mindestzahl'), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    const saved = await screen.findByText(
      'Die Mindestzahl ist gespeichert. Berichte zeigen jetzt Zahlen ab 7.',
    );
    await waitFor(() => expect(document.activeElement).toBe(saved));
    expect(requests.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual([
      { minCount: 7, version: 1 },
    ]);
    expect((screen.getByLabelText('Mindestzahl') as HTMLInputElement).value).toBe('7');
    expect(screen.getByText(/nur als „< 7“/)).toBeTruthy();
  });

  it('shows the server’s refusal at the field', async () => {
    serveSettings(() =>
      problem(400, 'validation', {
        errors: [{ pointer: '/minCount', code: 'maximum', message: 'x', params: { limit: 100 } }],
      }),
    );
    await open('/statistics');
    fireEvent.change(await screen.findByLabelText('Mindestzahl'), { target: { value: '1000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link').textContent).toBe(
      'Mindestzahl: Der Wert darf höchstens 100 sein.',
    );
  });

  it('offers the current setting after a conflict', async () => {
    serveSettings(() => problem(409, 'version-conflict', { current: { minCount: 4, version: 3 } }));
    await open('/statistics');
    fireEvent.change(await screen.findByLabelText('Mindestzahl'), { target: { value: '6' } });
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toMatch(/inzwischen geändert/);
    fireEvent.click(within(notice).getByRole('button', { name: 'Aktuellen Stand laden' }));
    await waitFor(() => expect((screen.getByLabelText('Mindestzahl') as HTMLInputElement).value).toBe('4'));
  });
});
