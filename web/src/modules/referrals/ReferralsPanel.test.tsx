import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseView } from '../../api/types';
import { caseView, json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import type { PlanEnvelope } from '../plan/model';
import type { OfferHit, Referral } from './model';

// The case file loads on first use; loading it once beforehand keeps the first test within findBy's timeout.
beforeAll(async () => {
  await import('../cases/CaseFilePage');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const person = { id: 'u1', displayName: 'Aylin Demir' };
const ZENTRUM = 'Ev. Zentrum für Beratung und Therapie';

function aReferral(changes: Partial<Referral> = {}): Referral {
  return {
    id: 'r1',
    caseId: 'k1',
    partner: { id: 'p1', name: ZENTRUM, type: 'psychosocial_service', archived: false },
    offer: { id: 'o1', title: 'Traumatherapie' },
    planStepId: 's1',
    planStep: { id: 's1', what: 'Kontakt zum Zentrum für Beratung und Therapie', goalId: 'g1' },
    status: 'accepted',
    requestedOn: '2026-03-01',
    acceptedOn: '2026-03-12',
    startedOn: null,
    endedOn: null,
    waitingDays: 20,
    allowedNext: ['started', 'declined', 'broken_off'],
    barriers: ['childcare'],
    barrierNote: null,
    partnerFeedback: null,
    note: null,
    categories: ['master_data'],
    disclosureId: 'd1',
    events: [
      {
        status: 'requested',
        on: '2026-03-01',
        note: null,
        recordedAt: '2026-03-01T09:00:00Z',
        recordedBy: person,
      },
      {
        status: 'accepted',
        on: '2026-03-12',
        note: 'Platz ab Montag',
        recordedAt: '2026-03-12T09:00:00Z',
        recordedBy: person,
      },
    ],
    createdAt: '2026-03-01T09:00:00Z',
    createdBy: person,
    updatedAt: '2026-03-12T09:00:00Z',
    updatedBy: person,
    version: 2,
    ...changes,
  };
}

function page(items: Referral[], write = true) {
  return { items, total: items.length, page: 1, pageSize: 20, permissions: { write } };
}

function anOffer(changes: Partial<OfferHit> = {}): OfferHit {
  return {
    id: 'o1',
    partnerId: 'p1',
    title: 'Traumatherapie',
    description: null,
    field: 'health',
    targetGroups: ['refugees'],
    ageMin: null,
    ageMax: null,
    languages: ['de', 'ar'],
    district: 'Weststadt',
    costBearer: null,
    capacity: 8,
    freePlaces: 0,
    waitingDays: 30,
    validFrom: null,
    validTo: null,
    validToday: true,
    archived: false,
    version: 1,
    partner: { id: 'p1', name: ZENTRUM, type: 'psychosocial_service', district: 'Weststadt' },
    ...changes,
  } as OfferHit;
}

const plan = {
  plan: {
    goals: [
      {
        id: 'g1',
        wording: 'Psychische Stabilität',
        steps: [{ id: 's1', what: 'Kontakt zum Zentrum für Beratung und Therapie' }],
        subGoals: [
          { id: 'g2', wording: 'Therapie beginnen', steps: [{ id: 's2', what: 'Ersten Termin wahrnehmen' }] },
        ],
      },
    ],
  },
} as unknown as PlanEnvelope;

type Answers = Parameters<typeof serve>[0];

async function openReferrals(
  answers: Answers = {},
  view: Partial<CaseView> = {},
  path = '/cases/k1?tab=referrals',
) {
  const requests = serve({
    ...signedInAs(me(['case_manager'])),
    'GET /api/cases/k1': () => json(200, caseView({ phase: 'linking', ...view })),
    'GET /api/colleagues': () => json(200, { items: [] }),
    'GET /api/cases/k1/referrals': () => json(200, page([aReferral()])),
    'GET /api/cases/k1/plan': () => json(200, plan),
    'GET /api/offers': () => json(200, { items: [anOffer()], total: 1, page: 1, pageSize: 20 }),
    ...answers,
  });
  await open(path);
  await screen.findByRole('heading', { name: 'Vermittlungen', level: 2 });
  await screen.findByRole('table', { name: 'Vermittlungen dieses Falls' });
  return requests;
}

async function startNew() {
  fireEvent.click(screen.getByRole('button', { name: 'Neue Vermittlung' }));
  await screen.findByRole('heading', { name: 'Neue Vermittlung' });
  fireEvent.click(await screen.findByLabelText(/^Traumatherapie – Ev\. Zentrum/));
}

// Each test renders the whole case file; on a busy machine that takes longer than the default 5 s.
describe('referrals panel', { timeout: 20_000 }, () => {
  it('lists the referrals with offer, partner, plan step, status with its day, waiting time and barriers', async () => {
    await openReferrals();
    const table = screen.getByRole('table', { name: 'Vermittlungen dieses Falls' });
    const row = within(table)
      .getByRole('rowheader', { name: /Traumatherapie/ })
      .closest('tr');
    expect(row?.textContent).toContain(ZENTRUM);
    expect(row?.textContent).toContain('Kontakt zum Zentrum für Beratung und Therapie');
    expect(row?.textContent).toContain('angenommen am 12.03.2026');
    expect(row?.textContent).toContain('wartet seit 20 Tagen');
    expect(row?.textContent).toContain('Kinderbetreuung fehlt');

    fireEvent.click(within(table).getByRole('button', { name: 'Details zu Traumatherapie' }));
    const details = await screen.findByRole('region', { name: 'Vermittlung: Traumatherapie' });
    expect(within(details).getByText('Stammdaten')).toBeTruthy();
    const history = within(details).getByRole('table', { name: 'Statusverlauf' });
    expect(within(history).getByText('Platz ab Montag')).toBeTruthy();
    expect(
      within(details)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(expect.arrayContaining(['Begonnen', 'Abgelehnt', 'Abgebrochen']));
  });

  it('creates a referral from a plan step to a chosen offer with the data categories', async () => {
    const created = aReferral({
      id: 'r2',
      status: 'requested',
      acceptedOn: null,
      waitingDays: 0,
      offer: { id: 'o2', title: 'Sozialberatung' },
    });
    const requests = await openReferrals({
      'GET /api/offers': () =>
        json(200, {
          items: [
            anOffer(),
            anOffer({ id: 'o2', title: 'Sozialberatung', freePlaces: 3, partner: { ...anOffer().partner } }),
          ],
          total: 2,
          page: 1,
          pageSize: 20,
        }),
      'POST /api/cases/k1/referrals': () => json(201, created),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Neue Vermittlung' }));
    const step = await screen.findByLabelText(/Aus welchem Planschritt/);
    await within(step).findByRole('option', { name: 'Therapie beginnen: Ersten Termin wahrnehmen' });
    fireEvent.change(step, { target: { value: 's2' } });
    fireEvent.change(screen.getByLabelText(/^Suchbegriff/), { target: { value: 'Beratung' } });
    fireEvent.change(screen.getByLabelText(/^Sprache des Angebots/), { target: { value: 'ar' } });
    fireEvent.click(screen.getByLabelText('nur Angebote mit freien Plätzen'));
    fireEvent.click(screen.getByRole('button', { name: 'Angebote suchen' }));
    await waitFor(() => {
      const search = requests.filter((r) => r.path === '/api/offers');
      expect(search.length).toBeGreaterThan(1);
    });
    fireEvent.click(await screen.findByLabelText(/^Sozialberatung – /));
    expect((screen.getByLabelText('Stammdaten') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText('Aufenthalt'));
    fireEvent.change(screen.getByLabelText(/^Notiz/), { target: { value: 'Termin am Dienstag' } });
    fireEvent.click(screen.getByRole('button', { name: 'Vermittlung anlegen' }));

    expect(await screen.findByText(/Die Vermittlung an „Ev\. Zentrum/)).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST')?.body as Record<string, unknown>;
    expect(post).toMatchObject({
      offerId: 'o2',
      planStepId: 's2',
      categories: ['master_data', 'residence'],
      note: 'Termin am Dienstag',
    });
    expect(post).not.toHaveProperty('confirm');
    expect(screen.queryByRole('heading', { name: 'Neue Vermittlung' })).toBeNull();
  });

  it('opens the form with the step the plan sent, and refers without personal data when the client gets in touch alone', async () => {
    const requests = await openReferrals(
      { 'POST /api/cases/k1/referrals': () => json(201, aReferral({ categories: [], disclosureId: null })) },
      {},
      '/cases/k1?tab=referrals&step=s1',
    );
    await screen.findByRole('heading', { name: 'Neue Vermittlung' });
    await waitFor(() =>
      expect((screen.getByLabelText(/Aus welchem Planschritt/) as HTMLSelectElement).value).toBe('s1'),
    );
    fireEvent.click(await screen.findByLabelText(/^Traumatherapie – /));
    fireEvent.click(
      screen.getByLabelText('keine personenbezogenen Daten – die Klient:in meldet sich selbst'),
    );
    expect(screen.queryByLabelText('Stammdaten')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Vermittlung anlegen' }));
    await screen.findByText(/wurde angelegt\.$/);
    expect(requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      planStepId: 's1',
      categories: [],
    });
  });

  it('says clearly when the release is missing, stores nothing, and leads to recording one', async () => {
    await openReferrals({
      'POST /api/cases/k1/referrals': () =>
        problem(403, 'disclosure-refused', {
          reason: 'no-release',
          missingCategories: ['master_data'],
          recipient: ZENTRUM,
        }),
    });
    await startNew();
    fireEvent.click(screen.getByRole('button', { name: 'Vermittlung anlegen' }));
    const alert = await screen.findByText(`Keine Schweigepflichtentbindung für ${ZENTRUM}:`);
    const notice = alert.closest('[role="alert"]');
    expect(notice?.textContent).toContain('nicht von der Schweigepflicht entbunden');
    expect(notice?.textContent).toContain('Es wurde nichts gespeichert');
    await waitFor(() => expect(document.activeElement).toBe(notice));
    const link = within(notice as HTMLElement).getByRole('link', {
      name: `Schweigepflichtentbindung für ${ZENTRUM} erfassen`,
    });
    expect(link.getAttribute('href')).toBe('/clients/c1#datenschutz');
    // the form stays as it was
    expect(screen.getByRole('heading', { name: 'Neue Vermittlung' })).toBeTruthy();
  });

  it('warns when the offer has no free places and refers only after confirmation', async () => {
    const requests = await openReferrals({
      'POST /api/cases/k1/referrals': (body) =>
        (body as { confirm?: boolean }).confirm
          ? json(201, aReferral({ id: 'r3', status: 'requested' }))
          : problem(409, 'confirmation-required', {
              errors: [{ pointer: '/offerId', code: 'no-free-places', message: 'Keine freien Plätze.' }],
            }),
    });
    await startNew();
    fireEvent.click(screen.getByRole('button', { name: 'Vermittlung anlegen' }));
    expect(await screen.findByText('Das Angebot hat derzeit keine freien Plätze')).toBeTruthy();
    expect(screen.getByText(/Gespeichert wurde noch nichts/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Trotzdem vermitteln' }));
    await screen.findByText(/wurde angelegt/);
    const posts = requests
      .filter((r) => r.method === 'POST')
      .map((r) => (r.body as { confirm?: boolean }).confirm);
    expect(posts).toEqual([undefined, true]);
  });

  it('records the next status with its day and shows a date before the last status at the field', async () => {
    let calls = 0;
    const requests = await openReferrals({
      'POST /api/referrals/r1/status': () => {
        calls += 1;
        return calls === 1
          ? problem(400, 'validation', {
              errors: [{ pointer: '/on', code: 'date-order', message: 'x', params: { after: '2026-03-12' } }],
            })
          : json(
              200,
              aReferral({
                status: 'started',
                startedOn: '2026-03-20',
                waitingDays: 19,
                allowedNext: ['completed', 'broken_off'],
                version: 3,
              }),
            );
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Details zu Traumatherapie' }));
    const details = await screen.findByRole('region', { name: 'Vermittlung: Traumatherapie' });
    fireEvent.click(within(details).getByRole('button', { name: 'Begonnen' }));
    const date = within(details).getByLabelText(/^Datum/);
    fireEvent.change(date, { target: { value: '2026-03-10' } });
    fireEvent.click(within(details).getByRole('button', { name: 'Status speichern' }));
    const summary = await within(details).findByRole('alert');
    expect(summary.textContent).toContain('Das Datum liegt vor dem letzten Status (12.03.2026).');
    fireEvent.change(date, { target: { value: '2026-03-20' } });
    fireEvent.click(within(details).getByRole('button', { name: 'Status speichern' }));
    expect(await screen.findByText('Status „begonnen“ wurde gespeichert.')).toBeTruthy();
    const bodies = requests.filter((r) => r.path === '/api/referrals/r1/status').map((r) => r.body);
    expect(bodies[1]).toEqual({ status: 'started', on: '2026-03-20', note: null, version: 2 });
    const row = screen.getByRole('rowheader', { name: /Traumatherapie/ }).closest('tr');
    expect(row?.textContent).toContain('begonnen am 20.03.2026');
    expect(row?.textContent).toContain('19 Tage');
    const moved = screen.getByRole('region', { name: 'Vermittlung: Traumatherapie' });
    expect(within(moved).getByRole('button', { name: 'Abgeschlossen' })).toBeTruthy();
    expect(within(moved).queryByRole('button', { name: 'Begonnen' })).toBeNull();
  });

  it('saves barriers and feedback; a conflict offers the current state without overwriting', async () => {
    let lists = 0;
    const requests = await openReferrals({
      'GET /api/cases/k1/referrals': () => {
        lists += 1;
        return json(
          200,
          page([aReferral(lists > 1 ? { partnerFeedback: 'Neu vom Kollegen', version: 3 } : {})]),
        );
      },
      'PUT /api/referrals/r1': () => problem(409, 'version-conflict', { current: aReferral({ version: 3 }) }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Details zu Traumatherapie' }));
    const details = await screen.findByRole('region', { name: 'Vermittlung: Traumatherapie' });
    fireEvent.click(within(details).getByLabelText('Sprache'));
    fireEvent.change(within(details).getByLabelText(/^Rückmeldung des Partners/), {
      target: { value: 'Erstgespräch war gut' },
    });
    fireEvent.click(within(details).getByRole('button', { name: 'Speichern' }));
    const conflict = await within(details).findByRole('alert');
    expect(conflict.textContent).toContain('Die Vermittlung wurde inzwischen geändert');
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({
      barriers: ['childcare', 'language'],
      barrierNote: null,
      partnerFeedback: 'Erstgespräch war gut',
      note: null,
      version: 2,
    });
    fireEvent.click(within(conflict).getByRole('button', { name: 'Aktuellen Stand laden' }));
    expect(await screen.findByText('Der aktuelle Stand wurde geladen.')).toBeTruthy();
    // the details show the stored state (they are rendered anew once the current referral has arrived)
    await waitFor(() => {
      const reloaded = screen.getByRole('region', { name: 'Vermittlung: Traumatherapie' });
      const feedback = within(reloaded).getByLabelText(/^Rückmeldung des Partners/) as HTMLTextAreaElement;
      expect(feedback.value).toBe('Neu vom Kollegen');
    });
  });

  it('is read-only when the case is closed or the user may not change it', async () => {
    await openReferrals(
      { 'GET /api/cases/k1/referrals': () => json(200, page([aReferral()], false)) },
      {
        phase: 'closed',
        closedOn: '2026-04-01',
      },
    );
    expect(screen.queryByRole('button', { name: 'Neue Vermittlung' })).toBeNull();
    expect(
      screen.getByText('Der Fall ist abgeschlossen; die Vermittlungen bleiben, wie sie sind.'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Details zu Traumatherapie' }));
    const details = await screen.findByRole('region', { name: 'Vermittlung: Traumatherapie' });
    expect(within(details).queryByRole('button', { name: 'Begonnen' })).toBeNull();
    expect(within(details).queryByRole('button', { name: 'Speichern' })).toBeNull();
    expect(within(details).getByText('Kinderbetreuung fehlt')).toBeTruthy();
  });
});
