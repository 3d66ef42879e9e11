import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import { caseView, json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import type { CaseGapReport, GapBundle, GapPlanning, GapReportPage } from './model';

afterEach(() => {
  vi.unstubAllGlobals();
});

const months = ['2026-01', '2026-02', '2026-03'];

function bundle(changes: Partial<GapBundle>): GapBundle {
  return {
    key: 'kitaplatz u3',
    label: 'Kitaplatz U3',
    reports: 3,
    cases: 4,
    byStatus: { reported: 2, under_review: 1, in_planning: 0, closed: 0 },
    trend: [
      { month: '2026-01', reports: 0 },
      { month: '2026-02', reports: 1 },
      { month: '2026-03', reports: 2 },
    ],
    byOrganisation: [{ id: 'o1', name: 'JMD Musterstadt', reports: 3 }],
    ...changes,
  };
}

function planning(changes: Partial<GapPlanning> = {}): GapPlanning {
  return {
    items: [
      bundle({}),
      bundle({
        key: null,
        label: null,
        reports: 1,
        cases: 1,
        byStatus: { reported: 1, under_review: 0, in_planning: 0, closed: 0 },
        trend: months.map((month) => ({ month, reports: month === '2026-01' ? 1 : 0 })),
      }),
    ],
    total: 2,
    page: 1,
    pageSize: 25,
    from: '2026-01-01',
    to: '2026-03-31',
    groupBy: 'need',
    status: null,
    months,
    organisations: [{ id: 'o1', name: 'JMD Musterstadt' }],
    totals: { reports: 4, cases: 5 },
    ...changes,
  };
}

function requestedUrls(): URL[] {
  return (globalThis.fetch as Mock).mock.calls.map((call) => new URL((call[0] as Request).url));
}

describe('planning view', () => {
  it('shows the bundles with counts, the trend in words, links to the reports and the downloads', async () => {
    serve({
      ...signedInAs(me(['planner'])),
      'GET /api/planning/gaps': () => json(200, planning()),
    });
    await open('/planning/gaps');
    const table = await screen.findByRole('table', { name: 'Meldungen gebündelt nach Bedarf' });
    expect(screen.getByText('Zeitraum 01.01.2026 bis 31.03.2026: 4 Meldungen aus 5 Fällen.')).toBeTruthy();
    const row = within(table)
      .getByRole('rowheader', { name: /Kitaplatz U3/ })
      .closest('tr') as HTMLElement;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['3', '4', '2', '1', '0', '0', 'Meldungen je Monat: 01/2026: 0, 02/2026: 1, 03/2026: 2']);
    expect(within(row).getByRole('link').getAttribute('href')).toBe(
      '/gaps?need=kitaplatz+u3&from=2026-01-01&to=2026-03-31',
    );
    expect(within(table).getByRole('rowheader', { name: '(keine Angabe)' })).toBeTruthy();
    expect(within(table).queryByRole('columnheader', { name: 'Organisationen' })).toBeNull();
    expect(screen.queryByLabelText('Organisation')).toBeNull();
    expect(screen.getByRole('link', { name: 'Als CSV herunterladen' }).getAttribute('href')).toBe(
      '/api/planning/gaps/export?format=csv',
    );
    expect(
      screen.getByRole('link', { name: 'Als Excel-Datei (XLSX) herunterladen' }).getAttribute('href'),
    ).toBe('/api/planning/gaps/export?format=xlsx');
  });

  it('filters by period, grouping and status; field keys read as words; the coordination office picks an organisation', async () => {
    serve({
      ...signedInAs(me(['planner'])),
      'GET /api/planning/gaps': () =>
        json(
          200,
          planning({
            groupBy: 'field',
            items: [
              bundle({
                key: 'education',
                label: 'education',
                byOrganisation: [
                  { id: 'o1', name: 'JMD Musterstadt', reports: 2 },
                  { id: 'o2', name: 'Caritas Musterstadt', reports: 1 },
                ],
              }),
            ],
            total: 1,
            organisations: [
              { id: 'o2', name: 'Caritas Musterstadt' },
              { id: 'o1', name: 'JMD Musterstadt' },
            ],
          }),
        ),
    });
    await open('/planning/gaps');
    const table = await screen.findByRole('table', { name: 'Meldungen gebündelt nach Handlungsfeld' });
    expect(within(table).getByRole('rowheader', { name: /^Bildung/ })).toBeTruthy();
    expect(within(table).getByText('JMD Musterstadt (2); Caritas Musterstadt (1)')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Bündeln nach'), { target: { value: 'district' } });
    fireEvent.change(screen.getByLabelText(/^Von/), { target: { value: '2026-02-01' } });
    fireEvent.change(screen.getByLabelText(/^Status/), { target: { value: 'in_planning' } });
    fireEvent.change(screen.getByLabelText('Organisation'), { target: { value: 'o2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Anwenden' }));
    await waitFor(() =>
      expect(requestedUrls().filter((u) => u.pathname === '/api/planning/gaps')).toHaveLength(2),
    );
    const last = requestedUrls()
      .filter((u) => u.pathname === '/api/planning/gaps')
      .at(-1);
    expect(Object.fromEntries(last?.searchParams ?? [])).toEqual({
      from: '2026-02-01',
      groupBy: 'district',
      status: 'in_planning',
      organisationId: 'o2',
      page: '1',
      pageSize: '25',
    });
    expect(screen.getByRole('link', { name: 'Als CSV herunterladen' }).getAttribute('href')).toBe(
      '/api/planning/gaps/export?from=2026-02-01&groupBy=district&status=in_planning&organisationId=o2&format=csv',
    );
  });

  it('names a refused period', async () => {
    serve({
      ...signedInAs(me(['planner'])),
      'GET /api/planning/gaps': () =>
        problem(400, 'validation', { errors: [{ parameter: 'to', code: 'date-order', message: 'x' }] }),
    });
    await open('/planning/gaps?from=2026-05-01&to=2026-04-01');
    expect(await screen.findByRole('alert')).toBeTruthy();
  });
});

describe('reports list and the case file', () => {
  it('lists the organisation’s reports with the filters from the address', async () => {
    const page: GapReportPage = {
      items: [
        {
          id: 'g1',
          organisation: { id: 'o1', name: 'JMD Musterstadt' },
          need: 'Kitaplatz U3',
          field: 'education',
          targetGroup: null,
          district: 'Nord',
          urgency: 'high',
          source: 'plan_step',
          status: 'closed',
          outcome: 'declined',
          reportedOn: '2026-03-02',
          caseCount: 2,
          version: 4,
        },
      ],
      total: 1,
      page: 1,
      pageSize: 25,
      organisations: [{ id: 'o1', name: 'JMD Musterstadt' }],
    };
    serve({ ...signedInAs(me(['team_lead'])), 'GET /api/gap-reports': () => json(200, page) });
    await open('/gaps?need=kitaplatz+u3&status=closed');
    const table = await screen.findByRole('table', { name: 'Meldungen' });
    const row = within(table).getByRole('rowheader', { name: 'Kitaplatz U3' }).closest('tr') as HTMLElement;
    expect(row.textContent).toContain('abgeschlossen (abgelehnt)');
    expect(row.textContent).toContain('(keine Angabe)');
    expect((screen.getByLabelText(/^Benötigte Hilfe/) as HTMLInputElement).value).toBe('kitaplatz u3');
    const url = requestedUrls().find((u) => u.pathname === '/api/gap-reports');
    expect(url?.searchParams.get('need')).toBe('kitaplatz u3');
    expect(url?.searchParams.get('status')).toBe('closed');
    expect(screen.getByRole('link', { name: 'Neue Meldung' }).getAttribute('href')).toBe('/gaps/new');
  });

  it('shows the case’s reports under the referrals and leads to a new report for the case', async () => {
    const items: CaseGapReport[] = [
      {
        id: 'g1',
        need: 'Kitaplatz U3',
        field: 'education',
        urgency: 'high',
        status: 'under_review',
        outcome: null,
        reportedOn: '2026-03-02',
        caseCount: 3,
        link: {
          planStepId: 's1',
          journalEntryId: null,
          conferenceId: null,
          linkedAt: '2026-03-02T09:00:00Z',
        },
      },
    ];
    serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/cases/k1': () => json(200, caseView({ phase: 'linking' })),
      'GET /api/colleagues': () => json(200, { items: [] }),
      'GET /api/cases/k1/gap-reports': () => json(200, { items }),
    });
    await open('/cases/k1?tab=referrals');
    const table = await screen.findByRole('table', { name: 'Meldungen zu diesem Fall' });
    const link = within(table).getByRole('link', { name: 'Kitaplatz U3' });
    expect(link.getAttribute('href')).toBe('/gaps/g1?caseId=k1');
    expect(within(table).getByText('in Prüfung')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Fehlenden Hilfebaustein melden' }).getAttribute('href')).toBe(
      '/gaps/new?caseId=k1',
    );
    expect(screen.getByRole('link', { name: 'Bestehende Meldung ergänzen' }).getAttribute('href')).toBe(
      '/gaps?caseId=k1',
    );
  });
});
