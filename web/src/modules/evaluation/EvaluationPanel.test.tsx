import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseView, json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import type { Evaluation, EvaluationEnvelope } from './model';

afterEach(() => {
  vi.unstubAllGlobals();
});

const person = { id: 'u1', displayName: 'Aylin Demir' };

function anEvaluation(changes: Partial<Evaluation> = {}): Evaluation {
  return {
    id: 'e1',
    evaluatedOn: '2026-06-01',
    endedBy: 'client',
    lifeSituation: 'yes',
    satisfaction: { general: 5, course: 4, results: 4, expectations: 3, mandate: 5 },
    satisfactionMean: 4.2,
    satisfactionMode: 'with_client',
    satisfactionLanguage: null,
    methods: ['counselling'],
    destination: 'training',
    gapsFound: null,
    summary: 'Ausbildung begonnen',
    goals: [{ goalId: 'g1', attainment: 'fully' }],
    followUpOffered: true,
    followUpAgreed: true,
    followUpDueOn: '2026-12-01',
    createdAt: '2026-06-01T10:00:00Z',
    updatedAt: '2026-06-01T10:00:00Z',
    updatedBy: person,
    version: 1,
    ...changes,
  };
}

function envelope(changes: Partial<EvaluationEnvelope> = {}): EvaluationEnvelope {
  return {
    case: {
      id: 'k1',
      kind: 'case_management',
      phase: 'evaluation',
      openedOn: '2026-01-10',
      closedOn: null,
      closureReason: null,
      anonymised: false,
      version: 7,
    },
    evaluation: null,
    goals: [
      {
        id: 'g1',
        parentId: null,
        wording: 'Aufenthalt sichern',
        status: 'active',
        field: 'residence',
        lastReview: { attainment: 'partly', reviewedOn: '2026-03-01' },
      },
      {
        id: 'g2',
        parentId: 'g1',
        wording: 'Antrag stellen',
        status: 'active',
        field: null,
        lastReview: null,
      },
    ],
    kindHistory: [],
    closure: { evaluationRequired: true },
    permissions: { edit: true, close: true, reopen: false, changeKind: true },
    ...changes,
  };
}

const closedCase = (changes: Partial<EvaluationEnvelope['case']> = {}) => ({
  ...envelope().case,
  phase: 'closed' as const,
  closedOn: '2026-06-10',
  closureReason: 'ended_by_client',
  version: 8,
  ...changes,
});
const closedPermissions = { edit: false, close: false, reopen: true, changeKind: false };

type Answers = Parameters<typeof serve>[0];

async function openTab(answers: Answers = {}) {
  const requests = serve({
    ...signedInAs(me(['case_manager'])),
    'GET /api/cases/k1': () => json(200, caseView({ phase: 'evaluation' })),
    'GET /api/colleagues': () => json(200, { items: [] }),
    'GET /api/cases/k1/evaluation': () => json(200, envelope()),
    ...answers,
  });
  await open('/cases/k1?tab=evaluation');
  await screen.findByRole('heading', { name: 'Evaluation und Abschluss', level: 2 });
  return requests;
}

const group = (name: RegExp) => screen.getByRole('group', { name });

describe('evaluation panel', () => {
  it('saves the evaluation as a draft: goals, who ended it, satisfaction, methods, the follow-up talk', async () => {
    const requests = await openTab({
      'PUT /api/cases/k1/evaluation': () => json(200, envelope({ evaluation: anEvaluation() })),
    });
    expect(await screen.findByText('Noch keine Evaluation erfasst.')).toBeTruthy();
    expect(screen.getByText('Letzte Zielüberprüfung am 01.03.2026: teilweise erreicht')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Ziel: Aufenthalt sichern/), { target: { value: 'fully' } });
    fireEvent.click(within(group(/^Wer hat den Fall beendet\?/)).getByLabelText('die Klient:in'));
    fireEvent.click(within(group(/^Hat sich die Lebenssituation/)).getByLabelText('ja'));
    fireEvent.click(within(group(/^Allgemeine Zufriedenheit/)).getByLabelText('5 – sehr zufrieden'));
    fireEvent.click(within(group(/^Ergebnisse der Beratung/)).getByLabelText('2 – wenig zufrieden'));
    fireEvent.click(screen.getByLabelText('Beratungsgespräche'));
    fireEvent.click(screen.getByLabelText('Gruppenangebot'));
    fireEvent.change(screen.getByLabelText(/^Verbleib nach dem Fall/), { target: { value: 'training' } });
    fireEvent.click(screen.getByLabelText('Ein Nachgespräch nach etwa sechs Monaten wurde angeboten'));
    fireEvent.click(screen.getByLabelText('Die Klient:in möchte das Nachgespräch'));
    expect(screen.getByRole('link', { name: 'Fehlenden Hilfebaustein melden' }).getAttribute('href')).toBe(
      '/gaps/new?caseId=k1',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Als Entwurf speichern' }));

    expect(await screen.findByText('Die Evaluation ist gespeichert.')).toBeTruthy();
    const body = requests.find((r) => r.method === 'PUT')?.body;
    expect(body).toMatchObject({
      version: 0,
      endedBy: 'client',
      lifeSituation: 'yes',
      satisfaction: { general: 5, course: null, results: 2, expectations: null, mandate: null },
      satisfactionMode: 'with_client',
      methods: ['counselling', 'group_offer'],
      destination: 'training',
      goals: [{ goalId: 'g1', attainment: 'fully' }],
      followUpOffered: true,
      followUpAgreed: true,
    });
    expect(await screen.findByText('Nachgespräch vorgesehen für den 01.12.2026.')).toBeTruthy();
  });

  it('names the server’s field errors with links to the fields', async () => {
    await openTab({
      'PUT /api/cases/k1/evaluation': () =>
        problem(400, 'validation', {
          errors: [
            { pointer: '/satisfactionLanguage', code: 'required', message: 'x' },
            { pointer: '/goals/0/goalId', code: 'unknown-reference', message: 'x' },
          ],
        }),
    });
    fireEvent.change(await screen.findByLabelText(/^Teilziel: Antrag stellen/), {
      target: { value: 'partly' },
    });
    fireEvent.click(screen.getByLabelText('die Klient:in hat den Fragebogen selbst ausgefüllt'));
    fireEvent.click(screen.getByRole('button', { name: 'Als Entwurf speichern' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['#evaluation-satisfactionLanguage', '#evaluation-goal-g2']);
  });

  it('closes the case after confirming unrated goals; the follow-up talk is announced', async () => {
    const closed = envelope({
      case: closedCase(),
      evaluation: anEvaluation({ version: 2 }),
      permissions: closedPermissions,
    });
    const requests = await openTab({
      'GET /api/cases/k1/evaluation': () => json(200, envelope({ evaluation: anEvaluation() })),
      'POST /api/cases/k1/close': (body) =>
        (body as { confirm?: boolean }).confirm
          ? json(200, closed)
          : problem(409, 'confirmation-required', {
              errors: [{ pointer: '/confirm', code: 'goals-unrated', message: 'x', params: { count: 1 } }],
            }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Fall abschließen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Fall abschließen' });
    fireEvent.change(within(dialog).getByLabelText('Abschlussdatum'), { target: { value: '2026-06-10' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fall abschließen' }));
    // without a reason nothing is sent
    expect(await within(dialog).findByRole('alert')).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    fireEvent.click(within(dialog).getByLabelText('Beendigung durch die Klient:in'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fall abschließen' }));
    expect(
      await within(dialog).findByText('1 Ziel hat noch keine abschließende Zielerreichung.'),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Trotzdem abschließen' }));

    expect(
      await screen.findByText(
        'Der Fall ist abgeschlossen. Das Nachgespräch steht am 01.12.2026 in Ihren Wiedervorlagen.',
      ),
    ).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.body as Record<string, unknown>)).toEqual(
      [
        { version: 7, closedOn: '2026-06-10', closureReason: 'ended_by_client' },
        { version: 7, closedOn: '2026-06-10', closureReason: 'ended_by_client', confirm: true },
      ],
    );
    expect(
      screen.getByText('Der Fall wurde am 10.06.2026 abgeschlossen. Grund: Beendigung durch die Klient:in.'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Fall wieder eröffnen' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Als Entwurf speichern' })).toBeNull();
    expect(screen.getByText('Allgemeine Zufriedenheit').nextElementSibling?.textContent).toBe('5 von 5');
  });

  it('refuses to close a CM case without its evaluation and links to the form', async () => {
    await openTab({
      'POST /api/cases/k1/close': () =>
        problem(409, 'evaluation-required', {
          errors: [{ pointer: '/evaluation', code: 'required', message: 'x' }],
        }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Fall abschließen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Fall abschließen' });
    fireEvent.click(within(dialog).getByLabelText('Ziele erreicht'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fall abschließen' }));
    const alert = await screen.findByText(
      'Der Fall kann noch nicht abgeschlossen werden. In der Evaluation fehlt:',
    );
    const link = within(alert.closest('[role="alert"]') as HTMLElement).getByRole('link', {
      name: 'die Evaluation (bitte zuerst speichern)',
    });
    fireEvent.click(link);
    expect(document.activeElement?.id).toBe('evaluation-evaluatedOn');
  });

  it('reopens a closed case with the reason', async () => {
    const requests = await openTab({
      'GET /api/cases/k1': () => json(200, caseView({ phase: 'closed', closedOn: '2026-06-10' })),
      'GET /api/cases/k1/evaluation': () =>
        json(
          200,
          envelope({ case: closedCase(), evaluation: anEvaluation(), permissions: closedPermissions }),
        ),
      'POST /api/cases/k1/reopen': () =>
        json(200, envelope({ case: { ...envelope().case, phase: 'planning', version: 9 } })),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Fall wieder eröffnen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Fall wieder eröffnen' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Wieder eröffnen' }));
    const summary = await within(dialog).findByRole('alert');
    expect(within(summary).getByRole('link').getAttribute('href')).toBe('#evaluation-reopen-reason');
    fireEvent.change(within(dialog).getByLabelText('Warum wird der Fall wieder eröffnet?'), {
      target: { value: 'Samira ist zurück' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Wieder eröffnen' }));
    expect(await screen.findByText('Der Fall ist wieder eröffnet (Phase: Hilfeplanung).')).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      version: 8,
      reason: 'Samira ist zurück',
    });
  });

  it('an anonymised case is not reopened: it says a new case is opened', async () => {
    await openTab({
      'GET /api/cases/k1': () => json(200, caseView({ phase: 'closed', anonymised: true })),
      'GET /api/cases/k1/evaluation': () =>
        json(
          200,
          envelope({
            case: closedCase({ anonymised: true }),
            permissions: { ...closedPermissions, reopen: false },
          }),
        ),
    });
    expect(await screen.findByText(/kann nicht wieder eröffnet werden/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Person neu anlegen' }).getAttribute('href')).toBe(
      '/clients/new',
    );
    expect(screen.queryByRole('button', { name: 'Fall wieder eröffnen' })).toBeNull();
  });

  it('converts a counselling case into a CM case with the reason and shows the history', async () => {
    const counselling = envelope({
      case: { ...envelope().case, kind: 'counselling', phase: 'intake' },
      goals: [],
      closure: { evaluationRequired: false },
    });
    const requests = await openTab({
      'GET /api/cases/k1': () => json(200, caseView({ kind: 'counselling', phase: 'intake' })),
      'GET /api/cases/k1/evaluation': () => json(200, counselling),
      'POST /api/cases/k1/kind': () =>
        json(
          200,
          envelope({
            case: { ...counselling.case, kind: 'case_management', version: 8 },
            kindHistory: [
              {
                from: 'counselling',
                to: 'case_management',
                reason: 'Mehrere Stellen beteiligt',
                changedAt: '2026-06-12T09:00:00Z',
                changedBy: person,
              },
            ],
          }),
        ),
    });
    expect(await screen.findByText('Die Art des Falls wurde noch nicht geändert.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'In Case-Management-Fall umwandeln' }));
    const dialog = await screen.findByRole('dialog', { name: 'In Case-Management-Fall umwandeln' });
    fireEvent.change(within(dialog).getByLabelText('Begründung'), {
      target: { value: 'Mehrere Stellen beteiligt' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Umwandeln' }));
    expect(await screen.findByText('Der Fall ist jetzt ein Case-Management-Fall.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      version: 7,
      kind: 'case_management',
      reason: 'Mehrere Stellen beteiligt',
    });
    const table = screen.getByRole('table', { name: 'Änderungen der Fallart' });
    expect(within(table).getByText('Beratungsfall → Case-Management-Fall')).toBeTruthy();
    expect(within(table).getByText('Mehrere Stellen beteiligt')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'In Beratungsfall umwandeln' })).toBeTruthy();
  });

  it('after a version conflict loads the current state', async () => {
    let version = 7;
    const requests = await openTab({
      'GET /api/cases/k1/evaluation': () => json(200, envelope({ case: { ...envelope().case, version } })),
      'POST /api/cases/k1/close': () => problem(409, 'version-conflict'),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Fall abschließen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Fall abschließen' });
    fireEvent.click(within(dialog).getByLabelText('Ziele erreicht'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fall abschließen' }));
    const notice = await screen.findByText('Der Fall wurde inzwischen geändert');
    version = 9;
    fireEvent.click(
      within(notice.closest('[role="alert"]') as HTMLElement).getByRole('button', {
        name: 'Aktuellen Stand laden',
      }),
    );
    expect(await screen.findByText('Der aktuelle Stand ist geladen.')).toBeTruthy();
    await waitFor(() =>
      expect(
        requests.filter((r) => r.method === 'GET' && r.path === '/api/cases/k1/evaluation'),
      ).toHaveLength(2),
    );
  });

  it('shows the satisfaction form in the client’s language beside German', async () => {
    const requests = await openTab({
      'GET /api/evaluation/satisfaction-form': () =>
        json(200, {
          language: 'ar',
          direction: 'rtl',
          texts: {
            title: 'ما مدى رضاك عن مرافقتنا لك؟',
            intro: 'مقدمة',
            instructions: 'تعليمات',
            questions: { general: 'س1', course: 'س2', results: 'س3', expectations: 'س4', mandate: 'س5' },
            scale: ['١', '٢', '٣', '٤', '٥'],
            voluntary: 'اختياري',
            date: 'التاريخ',
            thanks: 'شكرًا',
          },
          german: {
            title: 'Wie zufrieden sind Sie mit unserer Begleitung?',
            intro: 'Intro',
            instructions: 'Anleitung',
            questions: { general: 'F1', course: 'F2', results: 'F3', expectations: 'F4', mandate: 'F5' },
            scale: ['gar nicht zufrieden', 'wenig zufrieden', 'teils, teils', 'zufrieden', 'sehr zufrieden'],
            voluntary: 'freiwillig',
            date: 'Datum',
            thanks: 'Danke',
          },
        }),
    });
    fireEvent.click(await screen.findByLabelText('die Klient:in hat den Fragebogen selbst ausgefüllt'));
    fireEvent.change(screen.getByLabelText('Sprache des Fragebogens'), { target: { value: 'ar' } });
    fireEvent.click(screen.getByRole('button', { name: 'Fragebogen für die Klient:in anzeigen' }));
    const title = await screen.findByText('ما مدى رضاك عن مرافقتنا لك؟');
    expect(title.getAttribute('dir')).toBe('rtl');
    expect(title.getAttribute('lang')).toBe('ar');
    expect(screen.getByText('Wie zufrieden sind Sie mit unserer Begleitung?').getAttribute('lang')).toBe(
      'de',
    );
    expect(screen.getByText(/arabische und die ukrainische Fassung sind Entwürfe/)).toBeTruthy();
    expect(requests.some((r) => r.path === '/api/evaluation/satisfaction-form')).toBe(true);
    expect(screen.getByRole('button', { name: 'Fragebogen drucken' })).toBeTruthy();
  });

  it('a team lead who broke the glass reads the evaluation without changing anything', async () => {
    await openTab({
      ...signedInAs(me(['team_lead'])),
      'GET /api/cases/k1': () =>
        json(200, caseView({ permissions: { write: false, journal: false, handOver: true } })),
      'GET /api/cases/k1/evaluation': () =>
        json(
          200,
          envelope({
            evaluation: anEvaluation(),
            permissions: { edit: false, close: false, reopen: false, changeKind: false },
          }),
        ),
    });
    expect(await screen.findByText('Sie können die Evaluation lesen, aber nicht ändern.')).toBeTruthy();
    expect(screen.getByText('Mittelwert der Zufriedenheit: 4,2')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Als Entwurf speichern' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Fall abschließen' })).toBeNull();
    expect(screen.queryByRole('button', { name: /umwandeln/ })).toBeNull();
  });
});
