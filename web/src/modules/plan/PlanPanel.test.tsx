import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseView, json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import type { Plan, PlanEnvelope } from './model';

afterEach(() => {
  vi.unstubAllGlobals();
});

const person = { id: 'u1', displayName: 'Aylin Demir' };
const smart = { specific: true, measurable: true, achievable: false, relevant: false, timed: false };

function aPlan(changes: Partial<Plan> = {}): Plan {
  return {
    id: 'p1',
    caseId: 'k1',
    status: 'draft',
    legalType: 'integration_agreement',
    bindingness: 'voluntary',
    legalNote: null,
    header: {
      participants: 'Rania Haddad',
      benefitsEarlier: null,
      benefitsCurrent: null,
      problem: 'Kein Ausbildungsplatz',
      resources: null,
      obligations: null,
      costBearers: null,
      reviewOn: '2026-06-01',
    },
    goals: [
      {
        id: 'g1',
        wording: 'Ich habe einen Ausbildungsplatz.',
        clientWords: true,
        indicator: 'Vertrag unterschrieben',
        targetOn: '2026-05-01',
        followUpOn: null,
        needId: null,
        field: null,
        smart,
        status: 'active',
        steps: [
          {
            id: 's1',
            what: 'Bewerbungstraining besuchen',
            who: 'client',
            whoName: null,
            dueOn: '2026-06-01',
            provider: 'JMD',
            offer: 'Training',
            costBearer: null,
            mode: 'with_support',
            status: 'open',
            offerAvailable: false,
            doneOn: null,
          },
        ],
        reviews: [
          {
            id: 'r1',
            reviewedOn: '2026-03-01',
            attainment: 'partly',
            comment: null,
            consequence: 'keep',
            createdBy: person,
          },
        ],
        journalEntries: 0,
        subGoals: [],
      },
    ],
    signatures: [],
    glance: {
      goals: { total: 1, byAttainment: { partly: 1 } },
      overdueSteps: 0,
      stepsNext30Days: 1,
      nextReviewOn: '2026-06-01',
    },
    agreedAt: null,
    updatedAt: '2026-03-01T10:00:00Z',
    updatedBy: person,
    version: 2,
    warnings: [
      {
        pointer: '/goals/0/steps/0/dueOn',
        code: 'after-target',
        message: '',
        params: { target: '2026-05-01' },
      },
    ],
    ...changes,
  };
}

function envelope(plan: Plan | null, changes: Partial<PlanEnvelope> = {}): PlanEnvelope {
  return {
    plan,
    label: 'integrationsfoerderplan',
    rules: { maxGoals: 3, requireIndicator: true },
    permissions: { write: true },
    ...changes,
  };
}

type Answers = Parameters<typeof serve>[0];

async function openPlan(answers: Answers = {}) {
  const requests = serve({
    ...signedInAs(me(['case_manager'])),
    'GET /api/cases/k1': () => json(200, caseView({ phase: 'planning' })),
    'GET /api/colleagues': () => json(200, { items: [] }),
    'GET /api/cases/k1/plan': () => json(200, envelope(aPlan())),
    'GET /api/cases/k1/plan/history': () => json(200, { items: [] }),
    'GET /api/cases/k1/assessments': () => json(200, { items: [], available: [] }),
    ...answers,
  });
  await open('/cases/k1?tab=plan');
  await screen.findByRole('heading', { name: 'Integrationsförderplan', level: 2 });
  return requests;
}

describe('plan panel', () => {
  it('shows the plan readably: label, legal form, glance, goals with steps and the warning at the step', async () => {
    await openPlan();
    expect(screen.getByText(/Stand: Entwurf · Version 2/)).toBeTruthy();
    expect(screen.getByText('Integrationsvereinbarung (JMD/MBE) – freiwillige Vereinbarung')).toBeTruthy();
    expect(screen.getByText('1 (teilweise erreicht: 1)')).toBeTruthy();
    expect(screen.getByText(/wenige Schritte geplant/)).toBeTruthy();
    expect(
      screen.getByRole('heading', { name: 'Wirkungsziel 1: Ich habe einen Ausbildungsplatz.' }),
    ).toBeTruthy();
    expect(
      screen.getByText(/Letzte Überprüfung am 01.03.2026: teilweise erreicht – Ziel beibehalten/),
    ).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Schritte zu Wirkungsziel 1' });
    const row = within(table).getByRole('rowheader', { name: 'Bewerbungstraining besuchen' }).closest('tr');
    expect(row?.textContent).toContain('JMD / Training');
    expect(screen.getByText('Handlungsfeld').nextElementSibling?.textContent).toBe('nicht zugeordnet');
    expect(row?.textContent).toContain('mit Unterstützung');
    expect(row?.textContent).toContain('nein');
    expect(within(table).getByText(/nach dem Zieldatum \(01.05.2026\)/)).toBeTruthy();
    // No fitting offer: the step leads to the gap report, prefilled with case, step and need.
    const gap = within(table).getByRole('link', {
      name: 'Als fehlenden Hilfebaustein melden: Bewerbungstraining besuchen',
    });
    expect(gap.getAttribute('href')).toBe(
      '/gaps/new?caseId=k1&planStepId=s1&need=Bewerbungstraining+besuchen',
    );
    expect(within(table).queryByRole('link', { name: /^Vermitteln/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Ausdruck für die Klient:in' }).getAttribute('href')).toBe(
      '/print/plan/k1?language=de',
    );
  });

  it('saves a draft as a whole, keeping ids and adding a new goal taken from a need', async () => {
    const requests = await openPlan({
      'GET /api/cases/k1/assessments': () =>
        json(200, {
          items: [
            { id: 'a2', status: 'draft' },
            { id: 'a1', status: 'final' },
          ],
          available: [],
        }),
      'GET /api/assessments/a1': () =>
        json(200, {
          id: 'a1',
          needs: [
            { id: 'n1', kind: 'need', text: 'Wohnung finden', hidden: false },
            { id: 'n2', kind: 'resource', text: 'Familie hilft', hidden: false },
          ],
        }),
      'PUT /api/cases/k1/plan': () => json(200, envelope(aPlan({ version: 3 }))),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Plan bearbeiten' }));
    const picker = await screen.findByLabelText('Ziel aus Bedarf übernehmen');
    expect(within(picker).queryByText('Familie hilft')).toBeNull();
    fireEvent.change(picker, { target: { value: 'n1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Übernehmen' }));
    expect(
      (screen.getByLabelText(/^Ziel$/, { selector: '#plan-goal-1-wording' }) as HTMLTextAreaElement).value,
    ).toBe('Wohnung finden');
    fireEvent.change(screen.getByLabelText(/^Handlungsfeld/, { selector: '#plan-goal-0-field' }), {
      target: { value: 'training_work' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Plan speichern' }));

    expect(await screen.findByText('Der Plan ist gespeichert.')).toBeTruthy();
    const body = requests.find((r) => r.method === 'PUT')?.body as {
      version: number;
      goals: { id?: string; needId?: string | null; field?: string | null; steps: { id?: string }[] }[];
    };
    expect(body.version).toBe(2);
    expect(body).not.toHaveProperty('changeKind');
    expect(body.goals.map((g) => [g.id, g.needId, g.field])).toEqual([
      ['g1', null, 'training_work'],
      [undefined, 'n1', null],
    ]);
    expect(body.goals[0]?.steps[0]?.id).toBe('s1');
  });

  it('asks for extension or revision when the plan is agreed, and shows the server’s reason error in the dialog', async () => {
    const requests = await openPlan({
      'GET /api/cases/k1/plan': () =>
        json(200, envelope(aPlan({ status: 'agreed', agreedAt: '2026-03-01T10:00:00Z' }))),
      'PUT /api/cases/k1/plan': (body) =>
        (body as { reason?: string }).reason
          ? json(200, envelope(aPlan({ status: 'agreed', version: 3 })))
          : problem(400, 'validation', { errors: [{ pointer: '/reason', code: 'required', message: 'x' }] }),
    });
    expect(screen.queryByRole('button', { name: 'Plan vereinbaren' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Plan bearbeiten' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Plan speichern' }));
    const dialog = await screen.findByRole('dialog', { name: 'Fortschreibung oder Revision?' });
    fireEvent.click(within(dialog).getByLabelText('Revision'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Änderung speichern' }));
    const summary = await within(dialog).findByRole('alert');
    expect(
      within(summary)
        .getByRole('link', { name: /^Begründung:/ })
        .getAttribute('href'),
    ).toBe('#plan-reason');
    fireEvent.change(within(dialog).getByLabelText(/^Begründung/), {
      target: { value: 'Ziel passte nicht' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Änderung speichern' }));
    expect(await screen.findByText('Der Plan ist gespeichert.')).toBeTruthy();
    const puts = requests
      .filter((r) => r.method === 'PUT')
      .map((r) => r.body as { changeKind?: string; reason?: string });
    expect(puts.map((b) => [b.changeKind, b.reason])).toEqual([
      ['revision', undefined],
      ['revision', 'Ziel passte nicht'],
    ]);
  });

  it('shows the goal limit and a missing indicator at the fields when agreeing fails', async () => {
    await openPlan({
      'POST /api/cases/k1/plan/agree': () =>
        problem(400, 'validation', {
          errors: [
            { pointer: '/goals/0/indicator', code: 'required', message: 'x' },
            { pointer: '/goals', code: 'max-goals', message: 'x', params: { limit: 3 } },
          ],
        }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Plan vereinbaren' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      [
        'Ziel 1 › Woran erkennen wir, dass es erreicht ist?: Bitte füllen Sie dieses Feld aus.',
        '#plan-goal-0-indicator',
      ],
      ['Ziele: Es sind höchstens 3 Ziele erlaubt.', '#plan-goals'],
    ]);
    expect(screen.getByText('Höchstens 3 Ziele (entfallene zählen nicht mit).')).toBeTruthy();
    expect(document.getElementById('plan-goal-0-indicator')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('after a version conflict loads the current state', async () => {
    let version = 2;
    await openPlan({
      'GET /api/cases/k1/plan': () => json(200, envelope(aPlan({ version }))),
      'PUT /api/cases/k1/plan': () => problem(409, 'version-conflict'),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Plan bearbeiten' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Plan speichern' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Der Plan wurde inzwischen geändert')).toBeTruthy();
    version = 5;
    fireEvent.click(within(alert).getByRole('button', { name: 'Aktuellen Stand laden' }));
    expect(await screen.findByText('Der aktuelle Stand des Plans ist geladen.')).toBeTruthy();
    expect(await screen.findByText(/Version 5/)).toBeTruthy();
  });

  it('records a goal review, then reloads', async () => {
    const requests = await openPlan({
      'POST /api/plan-goals/g1/reviews': () => json(201, {}),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Ziel überprüfen: Wirkungsziel 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Zielüberprüfung' });
    fireEvent.change(within(dialog).getByLabelText('Datum der Überprüfung'), {
      target: { value: '2026-03-10' },
    });
    fireEvent.click(within(dialog).getByLabelText('weitgehend erreicht'));
    fireEvent.click(within(dialog).getByLabelText('Re-Assessment'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Überprüfung speichern' }));
    expect(await screen.findByText('Die Überprüfung ist gespeichert.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      reviewedOn: '2026-03-10',
      attainment: 'largely',
      consequence: 'reassess',
    });
    await waitFor(() =>
      expect(requests.filter((r) => r.method === 'GET' && r.path === '/api/cases/k1/plan')).toHaveLength(2),
    );
  });

  it('records a signature and lists the history', async () => {
    const signed = aPlan({
      signatures: [
        {
          id: 'x1',
          planVersion: 2,
          signer: 'guardian',
          name: 'Frau Haddad',
          form: 'oral',
          signedOn: '2026-03-05',
        },
      ],
    });
    const requests = await openPlan({
      'GET /api/cases/k1/plan/history': () =>
        json(200, {
          items: [
            {
              version: 2,
              changeKind: 'revision',
              reason: 'Ziel passte nicht',
              summary: { goalsRewritten: 1, headerChanged: false },
              changedAt: '2026-03-01T10:00:00Z',
              changedBy: person,
            },
          ],
        }),
      'POST /api/cases/k1/plan/signatures': () => json(200, envelope(signed)),
    });
    const history = await screen.findByRole('table', { name: 'Versionen des Plans' });
    expect(within(history).getByText('Revision')).toBeTruthy();
    expect(within(history).getByText('Ziele umformuliert: 1')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Wer', { selector: 'select' }), { target: { value: 'guardian' } });
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Frau Haddad' } });
    fireEvent.click(screen.getByLabelText('mündlich'));
    fireEvent.change(screen.getByLabelText('Datum', { selector: 'input' }), {
      target: { value: '2026-03-05' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Unterschrift vermerken' }));
    expect(await screen.findByText('Die Unterschrift ist vermerkt.')).toBeTruthy();
    expect(requests.find((r) => r.path === '/api/cases/k1/plan/signatures')?.body).toEqual({
      signer: 'guardian',
      name: 'Frau Haddad',
      form: 'oral',
      signedOn: '2026-03-05',
    });
    const table = screen.getByRole('table', { name: 'Unterschriften' });
    expect(within(table).getByRole('rowheader', { name: 'Sorgeberechtigte:r' })).toBeTruthy();
  });

  it('is read-only without write permission', async () => {
    await openPlan({
      'GET /api/cases/k1/plan': () => json(200, envelope(aPlan(), { permissions: { write: false } })),
    });
    expect(screen.getByText('Sie können den Plan lesen, aber nicht ändern.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Plan bearbeiten' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Ziel überprüfen/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Unterschrift vermerken' })).toBeNull();
    expect(screen.queryByRole('link', { name: /^Als fehlenden Hilfebaustein melden/ })).toBeNull();
  });

  it('the goal shows its journal entries when opened', async () => {
    const plan = aPlan();
    const goal = plan.goals[0];
    if (goal) goal.journalEntries = 1;
    const requests = await openPlan({
      'GET /api/cases/k1/plan': () => json(200, envelope(plan)),
      'GET /api/cases/k1/journal': () =>
        json(200, {
          items: [{ id: 'j1', occurredOn: '2026-03-02', kind: 'phone', text: 'Bewerbung besprochen' }],
          total: 1,
          page: 1,
          pageSize: 50,
        }),
    });
    const summary = screen.getByText('Verlauf zu diesem Ziel (1 Eintrag)');
    const details = summary.closest('details');
    if (!details) throw new Error('no details');
    details.open = true;
    fireEvent(details, new Event('toggle'));
    expect(await screen.findByText(/Bewerbung besprochen/)).toBeTruthy();
    expect(requests.some((r) => r.path === '/api/cases/k1/journal')).toBe(true);
  });

  it('the case overview shows the plan at a glance', async () => {
    serve({
      ...signedInAs(me(['case_manager'])),
      'GET /api/cases/k1': () => json(200, caseView({ phase: 'planning' })),
      'GET /api/colleagues': () => json(200, { items: [] }),
      'GET /api/cases/k1/plan': () => json(200, envelope(aPlan())),
    });
    await open('/cases/k1');
    expect(await screen.findByRole('heading', { name: 'Auf einen Blick', level: 3 })).toBeTruthy();
    expect(screen.getByText('1 (teilweise erreicht: 1)')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Zum Plan' }).getAttribute('href')).toContain('tab=plan');
  });
});
