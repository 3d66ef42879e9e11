import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import { json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import type { CaseManagerDashboard, PlannerDashboard, TeamLeadDashboard } from './model';

afterEach(() => {
  vi.unstubAllGlobals();
});

function requestedUrls(): URL[] {
  return (globalThis.fetch as Mock).mock.calls.map((call) => new URL((call[0] as Request).url));
}

const page = <T,>(items: T[], total = items.length) => ({ items, total, page: 1, pageSize: 5 });

function caseManagerData(changes: Partial<CaseManagerDashboard> = {}): CaseManagerDashboard {
  return {
    today: '2026-03-20',
    followUps: {
      ...page([
        {
          id: 'f1',
          dueOn: '2026-03-17',
          text: 'Zielüberprüfung: Aufenthalt sichern',
          overdue: true,
          case: { id: 'k1', caseNumber: 'JMD-2026-00042', clientName: 'Samadi, Samira' },
        },
        { id: 'f2', dueOn: '2026-03-21', text: 'Teamsitzung vorbereiten', overdue: false, case: null },
      ]),
      overdue: 1,
    },
    casesByPhase: [
      { phase: 'intake', count: 1 },
      { phase: 'assessment', count: 0 },
      { phase: 'planning', count: 2 },
      { phase: 'linking', count: 0 },
      { phase: 'monitoring', count: 0 },
      { phase: 'evaluation', count: 0 },
    ],
    runningCases: 3,
    reviewsDue: {
      ...page(
        [
          {
            goalId: 'g1',
            wording: 'Aufenthalt sichern',
            followUpOn: '2026-03-17',
            overdue: true,
            case: { id: 'k1', caseNumber: 'JMD-2026-00042', clientName: 'Samadi, Samira' },
          },
        ],
        6,
      ),
      until: '2026-04-03',
    },
    noContact: {
      ...page([
        {
          case: { id: 'k2', caseNumber: 'JMD-2025-00007', clientName: 'Haddad, Rania' },
          phase: 'planning',
          lastContactOn: null,
          openedOn: '2025-09-01',
          daysWithoutContact: 200,
        },
      ]),
      days: 153,
    },
    expiringConsents: {
      ...page([
        {
          id: 'c1',
          kind: 'release',
          purpose: 'referral',
          recipientName: 'Jobcenter Musterstadt',
          validUntil: '2026-04-10',
          client: { id: 'cl1', name: 'Samadi, Samira' },
        },
      ]),
      until: '2026-04-19',
    },
    ...changes,
  };
}

const emptyCaseManagerData = () =>
  caseManagerData({
    followUps: { ...page([]), overdue: 0 },
    casesByPhase: caseManagerData().casesByPhase.map((p) => ({ ...p, count: 0 })),
    runningCases: 0,
    reviewsDue: { ...page([]), until: '2026-04-03' },
    noContact: { ...page([]), days: 153 },
    expiringConsents: { ...page([]), until: '2026-04-19' },
  });

const kinds = (cm: number, counselling = 0) => ({ information: 0, counselling, case_management: cm });

function teamLeadData(changes: Partial<TeamLeadDashboard> = {}): TeamLeadDashboard {
  return {
    today: '2026-03-20',
    orgUnits: [{ id: 'ou1', name: 'Team Nord' }],
    caseloads: {
      warnPerFte: 30,
      maxPerFte: 45,
      rows: [
        {
          user: { id: 'u2', displayName: 'Jonas Weber' },
          ftePercent: 50,
          runningCmCases: 24,
          perFte: 48,
          level: 'over',
          byPhase: { planning: 24 },
          overdueFollowUps: 3,
        },
        {
          user: { id: 'u3', displayName: 'Mira Schulz' },
          ftePercent: 100,
          runningCmCases: 20,
          perFte: 20,
          level: 'ok',
          byPhase: { intake: 20 },
          overdueFollowUps: 0,
        },
      ],
    },
    overdueFollowUps: [{ user: { id: 'u2', displayName: 'Jonas Weber' }, count: 3 }],
    retention: {
      total: 3,
      byState: { review_due: 2, close_due: 0, awaiting_confirmation: 1, anonymise_due: 0 },
    },
    phases: [
      { phase: 'intake', count: 21, byKind: kinds(20, 1) },
      { phase: 'assessment', count: 0, byKind: kinds(0) },
      { phase: 'planning', count: 24, byKind: kinds(24) },
      { phase: 'linking', count: 0, byKind: kinds(0) },
      { phase: 'monitoring', count: 0, byKind: kinds(0) },
      { phase: 'evaluation', count: 0, byKind: kinds(0) },
    ],
    runningCases: 45,
    newThisMonth: { since: '2026-03-01', total: 4, byKind: kinds(3, 1) },
    ...changes,
  };
}

const statuses = (reported: number, closed = 0) => ({ reported, under_review: 0, in_planning: 0, closed });

function plannerData(changes: Partial<PlannerDashboard> = {}): PlannerDashboard {
  return {
    period: { from: '2025-04-01', to: '2026-03-20' },
    minCount: 5,
    gaps: {
      total: 7,
      byStatus: statuses(5, 2),
      byField: [
        { field: 'language', reports: 2, byStatus: statuses(2) },
        { field: 'housing', reports: 5, byStatus: statuses(3, 2) },
      ],
    },
    evaluations: {
      total: 12,
      satisfaction: [
        { dimension: 'general', average: 4.3, answers: 12 },
        { dimension: 'course', average: null, answers: null },
        { dimension: 'results', average: null, answers: 0 },
        { dimension: 'expectations', average: 3.9, answers: 7 },
        { dimension: 'mandate', average: null, answers: 0 },
      ],
      lifeSituation: [
        { value: 'yes', count: 9 },
        { value: 'partly', count: null },
        { value: 'no', count: null },
        { value: null, count: 0 },
      ],
    },
    referrals: {
      byField: [
        { field: 'housing', referrals: 6, started: 5, averageWaitingDays: 27.5 },
        { field: null, referrals: null, started: 0, averageWaitingDays: null },
      ],
      total: { referrals: 8, started: 5, averageWaitingDays: 27.5 },
    },
    ...changes,
  };
}

describe('case manager dashboard', () => {
  it('shows my follow-ups, my cases by phase, reviews due, quiet cases and consents ending', async () => {
    serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/dashboard/case-manager': () => json(200, caseManagerData()),
    });
    const router = await open('/');

    const region = await screen.findByRole('region', { name: 'Übersicht: Fallmanager:in' });
    const followUps = within(region).getByRole('region', { name: 'Meine nächsten Wiedervorlagen' });
    expect(within(followUps).getByText('1 überfällig')).toBeTruthy();
    expect(
      within(followUps).getByRole('link', { name: 'JMD-2026-00042 – Samadi, Samira' }).getAttribute('href'),
    ).toBe('/cases/k1?tab=followUps');
    expect(within(followUps).getByText('eigene Aufgabe')).toBeTruthy();

    const phases = within(region).getByRole('table', {
      name: 'Laufende Fälle in meiner Verantwortung nach Phase',
    });
    expect(within(phases).getByRole('rowheader', { name: 'Zusammen' }).nextSibling?.textContent).toBe('3');

    const reviews = within(region).getByRole('table', { name: 'Ziele mit fälliger Überprüfung' });
    const row = within(reviews).getByRole('row', { name: /Aufenthalt sichern/ });
    expect(within(row).getByText('überfällig')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'JMD-2026-00042' }).getAttribute('href')).toBe(
      '/cases/k1?tab=plan',
    );
    expect(within(region).getByText(/bis zum 03\.04\.2026 ansteht/)).toBeTruthy();

    const quiet = within(region).getByRole('table', { name: 'Fälle ohne Kontakt seit mehr als 153 Tagen' });
    expect(within(quiet).getByText('noch keiner (eröffnet am 01.09.2025)')).toBeTruthy();
    expect(within(quiet).getByText('200')).toBeTruthy();

    const consents = within(region).getByRole('table', {
      name: 'Einwilligungen und Schweigepflichtentbindungen, die bald enden',
    });
    expect(within(consents).getByText('Jobcenter Musterstadt (Vermittlung)')).toBeTruthy();
    expect(within(consents).getByText('Schweigepflichtentbindung')).toBeTruthy();
    expect(within(consents).getByRole('link', { name: 'Samadi, Samira' }).getAttribute('href')).toBe(
      '/clients/cl1',
    );

    // a phase count leads to the case list filtered to my cases in that phase
    fireEvent.click(within(phases).getByRole('link', { name: /^2 ?– Hilfeplanung$/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/cases'));
    expect(router.state.location.state).toEqual({ filters: { responsibleUserId: 'u1', phase: 'planning' } });
  });

  it('pages a list on the server and links the quiet cases to the filtered case list', async () => {
    serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/dashboard/case-manager': () => json(200, caseManagerData()),
    });
    const router = await open('/');
    const reviews = await screen.findByRole('region', { name: 'Fällige Zielüberprüfungen' });
    expect(within(reviews).getByText('Einträge 1–5 von 6 · Seite 1 von 2')).toBeTruthy();
    fireEvent.click(within(reviews).getByRole('button', { name: 'Nächste Seite' }));
    await waitFor(() =>
      expect(
        requestedUrls().some(
          (u) => u.pathname === '/api/dashboard/case-manager' && u.searchParams.get('reviewsPage') === '2',
        ),
      ).toBe(true),
    );
    const last = requestedUrls()
      .filter((u) => u.pathname === '/api/dashboard/case-manager')
      .at(-1);
    expect(last?.searchParams.get('pageSize')).toBe('5');
    expect(last?.searchParams.get('followUpsPage')).toBeNull();

    fireEvent.click(screen.getByRole('link', { name: 'Diese Fälle in der Fallliste zeigen' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/cases'));
    expect(router.state.location.state).toEqual({
      filters: { responsibleUserId: 'u1', noContactDays: '153' },
    });
  });

  it('says in words when there is nothing to do', async () => {
    serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/dashboard/case-manager': () => json(200, emptyCaseManagerData()),
    });
    await open('/');
    expect(await screen.findByText('Sie haben keine offenen Wiedervorlagen.')).toBeTruthy();
    expect(screen.getByText('Bis zum 03.04.2026 ist keine Zielüberprüfung fällig.')).toBeTruthy();
    expect(
      screen.getByText('Alle Ihre laufenden Fälle hatten in den letzten 153 Tagen Kontakt.'),
    ).toBeTruthy();
    expect(screen.getByText('Bis zum 19.04.2026 endet keine Einwilligung.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Diese Fälle in der Fallliste zeigen' })).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Seitennavigation' })).toBeNull();
  });

  it('reports a failure and loads again on request', async () => {
    let fail = true;
    serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/dashboard/case-manager': () =>
        fail ? problem(500, 'internal', { requestId: 'r-1' }) : json(200, caseManagerData()),
    });
    await open('/');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('r-1');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Erneut versuchen' }));
    expect(await screen.findByRole('region', { name: 'Meine nächsten Wiedervorlagen' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('team lead dashboard', () => {
  it('shows caseloads with the load in words, overdue follow-ups per person, retention, phases, new cases', async () => {
    serve({
      ...signedInAs(me(['team_lead'])),
      'GET /api/dashboard/team-lead': () => json(200, teamLeadData()),
      'GET /api/follow-ups/mine': () => json(200, page([])),
    });
    const router = await open('/');
    const region = await screen.findByRole('region', { name: 'Übersicht: Teamleitung' });

    const loads = within(region).getByRole('table', { name: 'Fallzahlen je Fachkraft gegen die Richtwerte' });
    const jonas = within(loads).getByRole('row', { name: /Jonas Weber/ });
    expect(within(jonas).getByText('über der Obergrenze')).toBeTruthy();
    // the symbol beside the words is decoration: screen readers hear the words only
    expect(within(jonas).getByText('■').getAttribute('aria-hidden')).toBe('true');
    expect(within(loads).getByRole('row', { name: /Mira Schulz/ }).textContent).toContain('im Rahmen');
    expect(
      within(region).getByText('Richtwert 30, Obergrenze 45 laufende CM-Fälle je Vollzeitstelle.'),
    ).toBeTruthy();

    const retention = within(region).getByRole('region', { name: 'Aufbewahrung: Entscheidungen fällig' });
    expect(within(retention).getByRole('row', { name: 'Entscheidung fällig 2' })).toBeTruthy();
    expect(within(retention).getByRole('row', { name: 'wartet auf Bestätigung 1' })).toBeTruthy();
    expect(within(retention).queryByText('Abschluss fällig')).toBeNull();
    expect(within(retention).getByRole('link', { name: 'Zur Aufbewahrung' }).getAttribute('href')).toBe(
      '/retention',
    );

    const phases = within(region).getByRole('table', {
      name: 'Laufende Fälle des Teams nach Phase und Fallart',
    });
    expect(within(phases).getByRole('columnheader', { name: 'Beratungsfall' })).toBeTruthy();
    expect(within(phases).queryByRole('columnheader', { name: 'Informationskontakt' })).toBeNull();
    expect(within(region).getByText('Seit dem 01.03.2026 wurden 4 Fälle eröffnet.')).toBeTruthy();

    // the team lead holds no cases: their own follow-ups are shown, here none
    expect(within(region).getByText('Sie haben keine offenen Wiedervorlagen.')).toBeTruthy();
    // no client anywhere
    expect(region.textContent).not.toMatch(/Samadi|Klient/);

    fireEvent.click(within(region).getByRole('link', { name: /^3 anzeigen ?\(Jonas Weber\)$/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/cases'));
    expect(router.state.location.state).toEqual({
      filters: { overdueFollowUps: true, responsibleUserId: 'u2' },
    });
  });

  it('narrows to one unit, and says when nothing is due', async () => {
    serve({
      ...signedInAs(
        me(['team_lead', 'case_manager'], {
          orgUnits: [
            { id: 'ou1', name: 'Team Nord' },
            { id: 'ou2', name: 'Team Süd' },
          ],
        }),
      ),
      'GET /api/dashboard/team-lead': () =>
        json(
          200,
          teamLeadData({
            overdueFollowUps: [],
            retention: {
              total: 0,
              byState: { review_due: 0, close_due: 0, awaiting_confirmation: 0, anonymise_due: 0 },
            },
            newThisMonth: { since: '2026-03-01', total: 1, byKind: kinds(1) },
          }),
        ),
      'GET /api/dashboard/case-manager': () => json(200, emptyCaseManagerData()),
    });
    await open('/');
    const region = await screen.findByRole('region', { name: 'Übersicht: Teamleitung' });
    expect(within(region).getByText('Im Team ist keine Wiedervorlage überfällig.')).toBeTruthy();
    expect(within(region).getByText('Zurzeit ist nichts zu entscheiden.')).toBeTruthy();
    expect(within(region).getByText('Seit dem 01.03.2026 wurde 1 Fall eröffnet.')).toBeTruthy();
    // also a case manager: the own follow-ups are in that view, not twice
    expect(screen.getAllByRole('region', { name: 'Meine nächsten Wiedervorlagen' })).toHaveLength(1);
    expect(requestedUrls().some((u) => u.pathname === '/api/follow-ups/mine')).toBe(false);

    fireEvent.change(within(region).getByLabelText('Sachgebiet/Team'), { target: { value: 'ou2' } });
    await waitFor(() =>
      expect(
        requestedUrls().some(
          (u) => u.pathname === '/api/dashboard/team-lead' && u.searchParams.get('orgUnitId') === 'ou2',
        ),
      ).toBe(true),
    );
  });
});

describe('planning level dashboard', () => {
  it('shows gap reports by field and status, evaluation results and referrals with small counts as "< 5"', async () => {
    serve({
      ...signedInAs(me(['planner'])),
      'GET /api/dashboard/planner': () => json(200, plannerData()),
    });
    await open('/');
    const region = await screen.findByRole('region', { name: 'Übersicht: Sozialplanung' });
    expect(within(region).getByText(/Zeitraum: 01\.04\.2025 bis 20\.03\.2026\./)).toBeTruthy();

    const gaps = within(region).getByRole('table', {
      name: 'Meldungen fehlender Hilfebausteine nach Handlungsfeld und Status',
    });
    expect(within(gaps).getByRole('row', { name: 'Wohnen 3 0 0 2 5' })).toBeTruthy();
    expect(within(gaps).getByRole('row', { name: 'Zusammen 5 0 0 2 7' })).toBeTruthy();
    expect(within(region).getByRole('link', { name: 'Zur Planungsübersicht' }).getAttribute('href')).toBe(
      '/planning/gaps',
    );

    const satisfaction = within(region).getByRole('table', { name: /Zufriedenheit der Klient:innen/ });
    expect(within(satisfaction).getByRole('row', { name: 'Allgemeine Zufriedenheit 4,3 12' })).toBeTruthy();
    const course = within(satisfaction).getByRole('row', { name: /Beratungsverlauf/ });
    expect(course.textContent).toContain('nicht ausgewiesen');
    expect(within(course).getByText('< 5').getAttribute('aria-hidden')).toBe('true');
    expect(within(course).getByText('weniger als 5')).toBeTruthy();
    expect(within(satisfaction).getByRole('row', { name: /Ergebnisse der Beratung/ }).textContent).toContain(
      '–',
    );

    const life = within(region).getByRole('table', { name: 'Hat sich die Lebenssituation verbessert?' });
    expect(within(life).getByRole('row', { name: 'teilweise weniger als 5' })).toBeTruthy();
    expect(within(life).getByRole('row', { name: 'Zusammen 12' })).toBeTruthy();

    const referrals = within(region).getByRole('table', {
      name: 'Vermittlungen im Zeitraum nach Handlungsfeld des Angebots',
    });
    expect(within(referrals).getByRole('row', { name: 'Wohnen 6 5 27,5 Tage' })).toBeTruthy();
    expect(
      within(referrals).getByRole('row', { name: 'ohne Angebot (nur Partner) weniger als 5 0 –' }),
    ).toBeTruthy();
    expect(region.textContent).not.toMatch(/JMD-|Samadi/);
  });

  it('says in words when the period has no figures', async () => {
    serve({
      ...signedInAs(me(['planner'])),
      'GET /api/dashboard/planner': () =>
        json(
          200,
          plannerData({
            gaps: { total: 0, byStatus: statuses(0), byField: [] },
            evaluations: {
              total: 0,
              satisfaction: plannerData().evaluations.satisfaction.map((s) => ({
                ...s,
                average: null,
                answers: 0,
              })),
              lifeSituation: plannerData().evaluations.lifeSituation.map((l) => ({ ...l, count: 0 })),
            },
            referrals: { byField: [], total: { referrals: 0, started: 0, averageWaitingDays: null } },
          }),
        ),
    });
    await open('/');
    expect(await screen.findByText('Im Zeitraum wurde kein fehlender Hilfebaustein gemeldet.')).toBeTruthy();
    expect(screen.getByText('Im Zeitraum wurde kein Fall ausgewertet.')).toBeTruthy();
    expect(screen.getByText('Im Zeitraum gab es keine Vermittlungen.')).toBeTruthy();
  });
});

describe('start page', () => {
  it('shows no dashboard to roles without one and asks for none', async () => {
    serve(signedInAs(me(['org_admin', 'dpo'])));
    await open('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Guten Tag, Aylin Demir!' })).toBeTruthy();
    expect(screen.getByText('Ihre Rollen')).toBeTruthy();
    expect(requestedUrls().filter((u) => u.pathname.startsWith('/api/dashboard'))).toEqual([]);
    expect(screen.queryByRole('region', { name: /Übersicht/ })).toBeNull();
  });
});
