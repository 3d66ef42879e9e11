import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';

beforeAll(async () => {
  await import('./PlanPrintPage');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const german = {
  title: {
    hilfeplan: 'Hilfeplan',
    integrationsfoerderplan: 'Integrationsförderplan',
    foerderplan: 'Förderplan',
    entwicklungsplan: 'Entwicklungsplan',
    unterstuetzungsplan: 'Unterstützungsplan',
  },
  intro: 'Das haben wir zusammen vereinbart: Ihre Ziele und wer was bis wann tut.',
  forPerson: 'Für',
  date: 'Stand',
  goal: 'Ziel',
  subGoal: 'Teilziel',
  indicator: 'Daran erkennen wir, dass das Ziel erreicht ist',
  targetOn: 'Erreicht bis',
  steps: 'Schritte',
  what: 'Was',
  who: 'Wer',
  byWhen: 'Bis wann',
  who_client: 'Sie',
  who_case_manager: 'Ihre Beraterin / Ihr Berater',
  who_provider: 'Eine andere Stelle',
  who_other: 'Eine andere Person',
  done: 'erledigt',
  nextAppointment: 'Nächster Termin',
  review: 'Wir schauen gemeinsam wieder auf den Plan am',
  obligations: 'Das haben Sie zugesagt',
  signatures: 'Unterschriften',
  signatureClient: 'Unterschrift Klient:in',
  signatureCaseManager: 'Unterschrift Fachkraft',
  placeAndDate: 'Ort, Datum',
  voluntary: 'Die Vereinbarung ist freiwillig. Sie können sie jederzeit mit uns besprechen und ändern.',
};

const arabic = {
  ...german,
  title: { ...german.title, integrationsfoerderplan: 'خطة دعم الاندماج' },
  intro: 'هذا ما اتفقنا عليه معًا: أهدافك ومن يفعل ماذا ومتى.',
  forPerson: 'لـ',
  goal: 'الهدف',
  subGoal: 'هدف جزئي',
  indicator: 'كيف نعرف أن الهدف قد تحقق',
  steps: 'الخطوات',
  what: 'ماذا',
  who: 'من',
  byWhen: 'حتى متى',
  who_client: 'أنت',
  who_provider: 'جهة أخرى',
  done: 'تم',
  obligations: 'ما وافقت على القيام به',
  signatureClient: 'توقيع صاحب/ة الطلب',
  signatureCaseManager: 'توقيع المستشار/ة',
  placeAndDate: 'المكان، التاريخ',
  voluntary: 'هذا الاتفاق طوعي. يمكنك التحدث معنا عنه وتغييره في أي وقت.',
};

const smart = { specific: true, measurable: true, achievable: true, relevant: true, timed: true };
const step = (id: string, changes: Record<string, unknown>) => ({
  id,
  what: 'Schritt',
  who: 'client',
  whoName: null,
  dueOn: null,
  provider: null,
  offer: null,
  costBearer: null,
  mode: null,
  status: 'open',
  offerAvailable: null,
  doneOn: null,
  ...changes,
});
const goal = (id: string, changes: Record<string, unknown>) => ({
  id,
  wording: 'Ziel',
  clientWords: false,
  indicator: null,
  targetOn: null,
  followUpOn: null,
  needId: null,
  smart,
  status: 'active',
  steps: [],
  reviews: [],
  journalEntries: 0,
  ...changes,
});

const plan = {
  id: 'p1',
  caseId: 'k1',
  status: 'agreed',
  legalType: 'none',
  bindingness: 'voluntary',
  legalNote: null,
  header: {
    participants: null,
    benefitsEarlier: null,
    benefitsCurrent: null,
    problem: null,
    resources: null,
    obligations: 'Ich komme zu jedem Termin.',
    costBearers: null,
    reviewOn: '2026-06-15',
  },
  goals: [
    goal('g1', {
      wording: 'Ich finde eine eigene Wohnung.',
      clientWords: true,
      indicator: 'Ich habe einen Mietvertrag.',
      targetOn: '2026-09-30',
      steps: [
        step('s1', { what: 'Wohnberechtigungsschein beantragen', who: 'client', dueOn: '2026-04-01' }),
        step('s2', {
          what: 'Termin bei der Wohnungshilfe',
          who: 'provider',
          whoName: 'Diakonie Wohnen',
          status: 'done',
          doneOn: '2026-03-10',
        }),
        step('s3', { what: 'Gestrichener Schritt', status: 'dropped' }),
      ],
      subGoals: [goal('g1a', { wording: 'Ich kenne meine Rechte als Mieterin.', steps: [] })],
    }),
    goal('g2', { wording: 'Aufgegebenes Ziel', status: 'dropped', subGoals: [] }),
  ],
  signatures: [],
  glance: {
    goals: { total: 1, byAttainment: {} },
    overdueSteps: 0,
    stepsNext30Days: 1,
    nextReviewOn: '2026-06-15',
  },
  agreedAt: '2026-03-01T10:00:00Z',
  updatedAt: '2026-03-01T10:00:00Z',
  updatedBy: { id: 'u1', displayName: 'Aylin Demir' },
  version: 4,
  warnings: [],
};

function printout(language: 'de' | 'ar') {
  return {
    language,
    direction: language === 'ar' ? 'rtl' : 'ltr',
    labels: language === 'ar' ? arabic : german,
    german: language === 'ar' ? german : null,
    label: 'integrationsfoerderplan',
    clientName: 'Rania Haddad',
    organisation: 'JMD Musterstadt',
    caseNumber: 'JMD-2026-00042',
    printedOn: '2026-03-12',
    nextAppointment: '2026-03-20',
    plan,
  };
}

function printView(answers: Record<string, (body: unknown) => Response> = {}) {
  const languages: string[] = [];
  const requests = serve({
    ...signedInAs(me(['case_manager'])),
    'GET /api/cases/k1/plan/print': () => {
      const language = languages.shift() ?? 'de';
      return json(200, printout(language === 'ar' ? 'ar' : 'de'));
    },
    ...answers,
  });
  return { requests, languages };
}

describe('plan printout', () => {
  it('prints Arabic right to left with the German beside it, and the plan as written', async () => {
    const { languages } = printView();
    languages.push('ar');
    await open('/print/plan/k1?language=ar');

    const title = await screen.findByRole('heading', { level: 1 });
    expect(title.textContent).toBe('خطة دعم الاندماج / Integrationsförderplan');
    expect(within(title).getByText('خطة دعم الاندماج').getAttribute('dir')).toBe('rtl');
    expect(within(title).getByText('Integrationsförderplan').getAttribute('lang')).toBe('de');
    await waitFor(() => expect(document.title).toBe('خطة دعم الاندماج – Lotse'));

    const own = document.querySelector('[data-column="client-language"]');
    const beside = document.querySelector('[data-column="german"]');
    expect(own?.getAttribute('dir')).toBe('rtl');
    expect(own?.getAttribute('lang')).toBe('ar');
    expect(own?.textContent).toContain('هذا ما اتفقنا عليه معًا');
    expect(beside?.getAttribute('lang')).toBe('de');
    expect(beside?.textContent).toContain('Für: Rania Haddad');
    expect(beside?.textContent).toContain('Stand: 12.03.2026');

    // Goals: the wording as written, the labels in both languages; dropped goals and steps are left out.
    expect(screen.getByRole('heading', { level: 2, name: 'الهدف 1 / Ziel 1' })).toBeTruthy();
    expect(screen.getByText('Ich finde eine eigene Wohnung.')).toBeTruthy();
    expect(screen.getByText('Ich habe einen Mietvertrag.')).toBeTruthy();
    expect(screen.getByText('30.09.2026')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'هدف جزئي 1.1 / Teilziel 1.1' })).toBeTruthy();
    expect(screen.queryByText('Aufgegebenes Ziel')).toBeNull();
    expect(screen.queryByText('Gestrichener Schritt')).toBeNull();

    const table = screen.getByRole('table', { name: 'الخطوات / Schritte' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['ماذا / Was', 'من / Wer', 'حتى متى / Bis wann', 'تم / erledigt']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['Wohnberechtigungsschein beantragen', 'أنت / Sie', '01.04.2026', ''],
      [
        'Termin bei der Wohnungshilfe',
        'جهة أخرى / Eine andere Stelle (Diakonie Wohnen)',
        '',
        '✓ تم / erledigt 10.03.2026',
      ],
    ]);

    expect(
      screen.getByRole('heading', { name: 'ما وافقت على القيام به / Das haben Sie zugesagt' }),
    ).toBeTruthy();
    expect(screen.getByText('Ich komme zu jedem Termin.')).toBeTruthy();
    expect(screen.getByText('20.03.2026')).toBeTruthy();
    expect(screen.getByText('15.06.2026')).toBeTruthy();
    expect(screen.getByText('هذا الاتفاق طوعي. يمكنك التحدث معنا عنه وتغييره في أي وقت.')).toBeTruthy();
    expect(screen.getByText(german.voluntary)).toBeTruthy();
    expect([...document.querySelectorAll('.print-form__signature')].map((line) => line.textContent)).toEqual([
      'المكان، التاريخ / Ort, Datum',
      'توقيع صاحب/ة الطلب / Unterschrift Klient:in',
      'المكان، التاريخ / Ort, Datum',
      'توقيع المستشار/ة / Unterschrift Fachkraft',
    ]);
  });

  it('prints German alone in one column, and switches the language through the address', async () => {
    const { requests, languages } = printView();
    const router = await open('/print/plan/k1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Integrationsförderplan' })).toBeTruthy();
    expect(document.querySelector('[data-column="german"]')).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: 'Ziel 1' })).toBeTruthy();

    languages.push('ar');
    fireEvent.change(screen.getByLabelText('Sprache der Klient:in'), { target: { value: 'ar' } });
    expect(router.state.location.search).toBe('?language=ar');
    expect(await screen.findByRole('heading', { level: 2, name: 'الهدف 1 / Ziel 1' })).toBeTruthy();
    expect(requests.filter((r) => r.path === '/api/cases/k1/plan/print')).toHaveLength(2);
  });

  it('prints from a button that is not printed', async () => {
    printView();
    await open('/print/plan/k1');
    await screen.findByRole('heading', { level: 1 });
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const button = screen.getByRole('button', { name: 'Drucken / als PDF speichern' });
    expect(button.closest('.no-print')).not.toBeNull();
    fireEvent.click(button);
    expect(print).toHaveBeenCalledOnce();
  });

  it('records the handout with the language and the version shown, and confirms it', async () => {
    const { requests, languages } = printView({
      'POST /api/cases/k1/plan/handouts': () => new Response(null, { status: 204 }),
    });
    languages.push('ar');
    await open('/print/plan/k1?language=ar');
    await screen.findByRole('heading', { level: 1 });

    fireEvent.click(screen.getByRole('button', { name: 'An die Klient:in ausgehändigt' }));
    const confirmation = await screen.findByText(/^Vermerkt: Der Plan \(Version 4, Sprache العربية\)/);
    expect(confirmation.getAttribute('role')).toBe('status');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ language: 'ar', version: 4 });
  });

  it('says so when the plan changed in the meantime, and loads the current version', async () => {
    const { requests } = printView({
      'POST /api/cases/k1/plan/handouts': () => problem(409, 'version-conflict', { currentVersion: 5 }),
    });
    await open('/print/plan/k1');
    await screen.findByRole('heading', { level: 1 });

    fireEvent.click(screen.getByRole('button', { name: 'An die Klient:in ausgehändigt' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    await waitFor(() =>
      expect(requests.filter((r) => r.path === '/api/cases/k1/plan/print')).toHaveLength(2),
    );
    expect(screen.queryByText(/^Vermerkt/)).toBeNull();
  });
});
