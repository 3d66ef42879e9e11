import { fireEvent, screen, within, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, me, open, problem, serve, signedInAs, type Recorded } from '../../test/fakeServer';
import { assessment, caseView } from './testData';
import type { Assessment } from './model';

beforeAll(async () => {
  await Promise.all([import('./AssessmentPage'), import('../cases/CaseFilePage')]);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function draft(answers: Assessment['answers'] = {}, changes: Partial<Assessment> = {}) {
  return {
    ...signedInAs(me(['case_manager'])),
    'GET /api/cases/k1': () => json(200, caseView()),
    'GET /api/assessments/a2': () => json(200, assessment({ answers, ...changes })),
  };
}

const group = (name: RegExp | string) => screen.getByRole('group', { name });
const patches = (requests: Recorded[]) => requests.filter((r) => r.method === 'PATCH');

describe('assessment form', () => {
  it('renders every field type from the definition, with markers, both views and help', async () => {
    serve(draft());
    await open('/cases/k1/assessments/a2');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Ressourcen-Erhebung vom 01.03.2026' }),
    ).toBeTruthy();
    // Two views side by side under one question, required for finalising.
    const housing = group('Wohnform (Pflichtangabe)');
    expect(within(housing).getByRole('group', { name: 'Sicht der Klient:in' })).toBeTruthy();
    expect(
      within(within(housing).getByRole('group', { name: 'Sicht der Fachkraft' })).getByLabelText(
        'Eigene Wohnung',
      ),
    ).toBeTruthy();
    // Special category: a badge in the label and the reason in the hint.
    const health = screen.getByLabelText('Gesundheit besondere Kategorie');
    expect(health.tagName).toBe('TEXTAREA');
    expect(health.getAttribute('aria-describedby')).toBe(`${health.id}-hint`);
    expect(
      screen.getByText(/^Nur was für die Hilfe wichtig ist\. Besondere Kategorie personenbezogener Daten/),
    ).toBeTruthy();
    // A scale as a labelled radio group, a multiple choice as checkboxes, a date.
    expect(within(group('Ich komme im Alltag zurecht.')).getByLabelText('3 – Teils, teils')).toBeTruthy();
    expect(within(group('Themen')).getByLabelText('Sprache').getAttribute('type')).toBe('checkbox');
    expect(screen.getByLabelText('Wohnt dort seit').getAttribute('type')).toBe('date');
    // Rating per domain: one row of radio buttons per domain.
    expect(screen.getByRole('radio', { name: 'Arbeit: 5 – Stimmt genau' })).toBeTruthy();
    expect(screen.getByText('Wie wohnt die Person?')).toBeTruthy();
  });

  it('shows a conditional field only while its condition holds', async () => {
    serve(draft());
    await open('/cases/k1/assessments/a2');
    const debts = await screen.findByRole('group', { name: 'Gibt es Schulden?' });

    expect(screen.queryByLabelText('Höhe der Schulden (Euro)')).toBeNull();
    fireEvent.click(within(debts).getByLabelText('Ja'));
    expect(screen.getByLabelText('Höhe der Schulden (Euro)')).toBeTruthy();
    fireEvent.click(within(debts).getByLabelText('Nein'));
    expect(screen.queryByLabelText('Höhe der Schulden (Euro)')).toBeNull();
  });

  it('computes the section score live from the professional view', async () => {
    serve(draft());
    await open('/cases/k1/assessments/a2');
    const section = (await screen.findByRole('heading', { level: 2, name: 'Stärken' })).closest(
      'section',
    ) as HTMLElement;

    expect(within(section).getByText(/Punktwert \(Mittelwert\)/).textContent).toBe(
      'Punktwert (Mittelwert): noch keine Angaben',
    );
    fireEvent.click(within(group('Ich komme im Alltag zurecht.')).getByLabelText('4'));
    const support = group('Ich habe Menschen, die mir helfen.');
    fireEvent.click(
      within(within(support).getByRole('group', { name: 'Sicht der Klient:in' })).getByLabelText(
        '1 – Stimmt gar nicht',
      ),
    );
    expect(within(section).getByText(/Punktwert/).textContent).toBe('Punktwert (Mittelwert): 4');
    fireEvent.click(
      within(within(support).getByRole('group', { name: 'Sicht der Fachkraft' })).getByLabelText(
        '3 – Teils, teils',
      ),
    );
    expect(within(section).getByText(/Punktwert/).textContent).toBe('Punktwert (Mittelwert): 3,5');
  });

  it('adds and removes table rows up to the limit, moving the focus to the new row', async () => {
    serve(draft());
    await open('/cases/k1/assessments/a2');
    const people = await screen.findByRole('group', { name: 'Wichtige Personen' });

    expect(within(people).getByText('Noch keine Zeilen.')).toBeTruthy();
    fireEvent.click(within(people).getByRole('button', { name: 'Zeile hinzufügen' }));
    const firstName = within(people).getByLabelText('Zeile 1: Name');
    await waitFor(() => expect(document.activeElement).toBe(firstName));
    fireEvent.change(firstName, { target: { value: 'Samira' } });
    fireEvent.click(within(people).getByRole('button', { name: 'Zeile hinzufügen' }));
    expect(within(people).getByText('Höchstens 2 Zeilen.')).toBeTruthy();
    expect(
      (within(people).getByRole('button', { name: 'Zeile hinzufügen' }) as HTMLButtonElement).disabled,
    ).toBe(true);

    fireEvent.click(within(people).getByRole('button', { name: 'Zeile entfernen: Zeile 1' }));
    expect((within(people).getByLabelText('Zeile 1: Name') as HTMLInputElement).value).toBe('');
    expect(within(people).queryByLabelText('Zeile 2: Name')).toBeNull();
  });

  it('saves the draft with its version, without answers of hidden fields, and then with the next version', async () => {
    let version = 3;
    const requests = serve({
      ...draft({ topics: ['work'] }),
      'PATCH /api/assessments/a2': (body) => {
        version += 1;
        const sent = body as { answers: Assessment['answers'] };
        return json(200, assessment({ version, answers: sent.answers }));
      },
    });
    await open('/cases/k1/assessments/a2');

    fireEvent.click(
      within(await screen.findByRole('group', { name: 'Gibt es Schulden?' })).getByLabelText('Ja'),
    );
    fireEvent.change(screen.getByLabelText('Höhe der Schulden (Euro)'), { target: { value: '1500,50' } });
    fireEvent.click(
      within(group('Wohnform (Pflichtangabe)')).getAllByLabelText('Eigene Wohnung')[1] as HTMLElement,
    );
    fireEvent.click(screen.getByRole('radio', { name: 'Wohnen: 3 – Teils, teils' }));
    fireEvent.change(screen.getByLabelText('Wohnt dort seit'), { target: { value: '2024-05-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Entwurf speichern' }));

    expect(await screen.findByText('Der Entwurf wurde gespeichert.')).toBeTruthy();
    expect(patches(requests)[0]?.body).toEqual({
      version: 3,
      conductedOn: '2026-03-01',
      answers: {
        topics: ['work'],
        has_debts: true,
        debt_amount: 1500.5,
        housing: { professional: 'own' },
        ratings: { housing: 3 },
        since: '2024-05-01',
      },
      needs: [],
    });

    fireEvent.click(within(group('Gibt es Schulden?')).getByLabelText('Nein'));
    fireEvent.change(screen.getByLabelText('Durchgeführt am'), { target: { value: '2026-02-27' } });
    fireEvent.click(screen.getByRole('button', { name: 'Entwurf speichern' }));
    await vi.waitFor(() => expect(patches(requests)).toHaveLength(2));
    const second = patches(requests)[1]?.body as { version: number; conductedOn: string; answers: object };
    expect(second.version).toBe(4);
    expect(second.conductedOn).toBe('2026-02-27');
    expect(second.answers).not.toHaveProperty('debt_amount');
    expect(second.answers).toHaveProperty('has_debts', false);
  });

  it('shows server errors at the fields and in a summary that links to them', async () => {
    serve({
      ...draft(
        { contacts: [{ name: 'Samira Al-Khatib' }] },
        {
          needs: [
            {
              id: 'n1',
              kind: 'need',
              area: null,
              text: 'Wohnung',
              priority: 1,
              seenBy: 'both',
              specialCategory: false,
              hidden: false,
            },
          ],
        },
      ),
      'PATCH /api/assessments/a2': () =>
        problem(400, 'validation', {
          errors: [
            { pointer: '/answers/contacts/0/name', code: 'maxLength', message: '', params: { limit: 5 } },
            {
              pointer: '/answers/support/client',
              code: 'out-of-range',
              message: '',
              params: { min: 1, max: 5 },
            },
            { pointer: '/needs/0/text', code: 'required', message: '' },
          ],
        }),
    });
    await open('/cases/k1/assessments/a2');
    fireEvent.click(await screen.findByRole('button', { name: 'Entwurf speichern' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('Bitte prüfen Sie Ihre Angaben')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const links = within(summary)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(links).toEqual([
      'Wichtige Personen, Zeile 1: Name: Bitte geben Sie höchstens 5 Zeichen ein.',
      'Ich habe Menschen, die mir helfen. – Sicht der Klient:in: Bitte wählen Sie einen Wert zwischen 1 und 5.',
      'Bedarf 1: Beschreibung: Bitte füllen Sie dieses Feld aus.',
    ]);
    const cell = screen.getByLabelText('Zeile 1: Name');
    expect(cell.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(`${cell.id}-error`)?.textContent).toBe(
      'Fehler: Bitte geben Sie höchstens 5 Zeichen ein.',
    );

    fireEvent.click(within(summary).getByRole('link', { name: /Zeile 1: Name/ }));
    await waitFor(() => expect(document.activeElement).toBe(cell));
    fireEvent.click(within(summary).getByRole('link', { name: /Sicht der Klient:in/ }));
    expect(document.activeElement).toBe(
      within(
        within(group('Ich habe Menschen, die mir helfen.')).getByRole('group', {
          name: 'Sicht der Klient:in',
        }),
      ).getAllByRole('radio')[0],
    );
    fireEvent.click(within(summary).getByRole('link', { name: /Bedarf 1/ }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Beschreibung')));
  });

  it('keeps needs and resources as two ordered lists: the order is the priority', async () => {
    const requests = serve({
      ...draft(),
      'PATCH /api/assessments/a2': () => json(200, assessment({ version: 4 })),
    });
    await open('/cases/k1/assessments/a2');
    const needs = (await screen.findByRole('heading', { level: 3, name: 'Bedarfe' })).closest(
      'section',
    ) as HTMLElement;
    const resources = screen
      .getByRole('heading', { level: 3, name: 'Ressourcen' })
      .closest('section') as HTMLElement;

    fireEvent.click(within(needs).getByRole('button', { name: 'Bedarf hinzufügen' }));
    await waitFor(() => expect(document.activeElement).toBe(within(needs).getByLabelText('Beschreibung')));
    fireEvent.change(within(needs).getByLabelText('Beschreibung'), {
      target: { value: 'Deutschkurs finden' },
    });
    fireEvent.click(within(resources).getByRole('button', { name: 'Ressource hinzufügen' }));
    fireEvent.change(within(resources).getByLabelText('Beschreibung'), {
      target: { value: 'Hilfsbereite Nachbarin' },
    });
    fireEvent.click(within(resources).getByLabelText('Klient:in'));
    fireEvent.click(within(needs).getByRole('button', { name: 'Bedarf hinzufügen' }));
    const second = within(group('Bedarf 2')).getByLabelText('Beschreibung');
    fireEvent.change(second, { target: { value: 'Wohnung suchen' } });
    // A section of the instrument as the area, or an own term.
    fireEvent.change(within(group('Bedarf 2')).getByLabelText(/^Bereich/), { target: { value: 'living' } });
    fireEvent.change(within(group('Bedarf 1')).getByLabelText(/^Bereich/), { target: { value: '__own' } });
    fireEvent.change(within(group('Bedarf 1')).getByLabelText('Bereich in eigenen Worten'), {
      target: { value: 'Sprache' },
    });
    fireEvent.click(within(group('Bedarf 2')).getByLabelText(/^Besondere Kategorie/));

    fireEvent.click(within(needs).getByRole('button', { name: 'Nach oben: Bedarf 2' }));
    expect(await screen.findByText('Wohnung suchen steht jetzt an Stelle 1.')).toBeTruthy();
    expect((within(group('Bedarf 1')).getByLabelText('Beschreibung') as HTMLTextAreaElement).value).toBe(
      'Wohnung suchen',
    );
    // The moved item keeps the focus: it is first now, so on its "down" button.
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(needs).getByRole('button', { name: 'Nach unten: Bedarf 1' }),
      ),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Entwurf speichern' }));
    await vi.waitFor(() => expect(patches(requests)).toHaveLength(1));
    expect((patches(requests)[0]?.body as { needs: unknown }).needs).toEqual([
      { kind: 'need', text: 'Wohnung suchen', area: 'living', seenBy: 'both', specialCategory: true },
      { kind: 'need', text: 'Deutschkurs finden', area: 'Sprache', seenBy: 'both' },
      { kind: 'resource', text: 'Hilfsbereite Nachbarin', area: null, seenBy: 'client' },
    ]);
  });

  it('finalises after a confirmation, then shows it read-only with the network map and offers a re-assessment', async () => {
    const final = assessment({
      status: 'final',
      version: 5,
      answers: {
        housing: { client: 'shared', professional: 'own' },
        contacts: [{ name: 'Samira', relation: 'Schwester' }],
        ratings: { housing: 3 },
      },
      scores: { strengths: 3.5 },
      needs: [
        {
          id: 'n1',
          kind: 'need',
          area: 'living',
          text: 'Wohnung suchen',
          priority: 1,
          seenBy: 'both',
          specialCategory: false,
          hidden: false,
        },
      ],
      finalisedAt: '2026-03-02T10:15:00Z',
      finalisedBy: { id: 'u1', displayName: 'Aylin Demir' },
      network: [
        {
          id: 'c1',
          name: 'Samira',
          kind: 'family',
          relation: 'Schwester',
          support: ['emotional', 'practical'],
          closeness: 3,
          strained: false,
          note: null,
          endedOn: null,
          updatedAt: '2026-03-01T10:00:00Z',
          updatedBy: { id: 'u1', displayName: 'Aylin Demir' },
          version: 1,
        },
      ],
    });
    const requests = serve({
      ...draft(),
      'PATCH /api/assessments/a2': () => json(200, assessment({ version: 4 })),
      'POST /api/assessments/a2/finalise': () => json(200, final),
      'POST /api/cases/k1/assessments': () => problem(409, 'assessment-draft-exists', { draftId: 'a9' }),
      'GET /api/assessments/a9': () => json(200, assessment({ id: 'a9', conductedOn: '2026-03-03' })),
    });
    const router = await open('/cases/k1/assessments/a2');

    fireEvent.click(await screen.findByRole('button', { name: 'Abschließen' }));
    const dialog = screen.getByRole('dialog', { name: 'Assessment abschließen?' });
    expect(
      within(dialog).getByText(/Nach dem Abschließen ändert sich dieses Assessment nie mehr\./),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Endgültig abschließen' }));

    const message = await screen.findByText('Das Assessment ist abgeschlossen.');
    await waitFor(() => expect(document.activeElement).toBe(message));
    expect(
      requests
        .filter((r) => r.method !== 'GET')
        .map((r) => [r.method, r.path, (r.body as { version: number }).version]),
    ).toEqual([
      ['PATCH', '/api/assessments/a2', 3],
      ['POST', '/api/assessments/a2/finalise', 4],
    ]);
    expect(screen.queryByRole('button', { name: 'Entwurf speichern' })).toBeNull();
    expect(screen.getByText('Dieses Assessment ist abgeschlossen und bleibt unverändert.')).toBeTruthy();
    const facts = screen.getByLabelText('Angaben zum Assessment');
    expect(within(facts).getByText(/von Aylin Demir/).textContent).toMatch(
      /^02\.03\.2026, \d\d:15 von Aylin Demir$/,
    );
    // Answers read-only: both views, table rows, ratings; the stored score.
    expect(screen.getByText('Gemeinschaftsunterkunft')).toBeTruthy();
    expect(screen.getByText('Eigene Wohnung')).toBeTruthy();
    expect(screen.getByText('Schwester').closest('li')?.textContent).toBe(
      'Name: Samira; Beziehung: Schwester',
    );
    expect(screen.getByText('Punktwert (Mittelwert):', { exact: false }).textContent).toBe(
      'Punktwert (Mittelwert): 3,5',
    );
    expect(screen.getByText('Wohnung suchen').closest('li')?.textContent).toBe(
      'Wohnung suchenBereich: Wohnen · gesehen von: beiden',
    );
    const network = screen
      .getByRole('heading', { name: 'Netzwerkkarte beim Abschluss' })
      .closest('section') as HTMLElement;
    expect(within(network).getByRole('listitem').textContent).toBe(
      'Samira (Familie, Schwester) – Nähe 3 von 3 · Unterstützung: emotional und praktisch',
    );

    fireEvent.click(screen.getAllByRole('button', { name: 'Re-Assessment beginnen' })[0] as HTMLElement);
    await screen.findByRole('heading', { level: 1, name: 'Ressourcen-Erhebung vom 03.03.2026' });
    expect(router.state.location.pathname).toBe('/cases/k1/assessments/a9');
    expect(requests.find((r) => r.path === '/api/cases/k1/assessments')?.body).toEqual({ templateId: 't1' });
  });

  it('names missing required answers when finalising is refused, and links to them', async () => {
    serve({
      ...draft(),
      'PATCH /api/assessments/a2': () => json(200, assessment({ version: 4 })),
      'POST /api/assessments/a2/finalise': () =>
        problem(400, 'validation', {
          errors: [{ pointer: '/answers/housing', code: 'required', message: '' }],
        }),
    });
    await open('/cases/k1/assessments/a2');
    fireEvent.click(await screen.findByRole('button', { name: 'Abschließen' }));
    fireEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Endgültig abschließen' }),
    );

    const link = await screen.findByRole('link', { name: 'Wohnform: Bitte füllen Sie dieses Feld aus.' });
    expect(
      within(group('Wohnform (Pflichtangabe)')).getAllByText('Bitte füllen Sie dieses Feld aus.'),
    ).toHaveLength(1);
    fireEvent.click(link);
    const housing = group('Wohnform (Pflichtangabe)');
    expect(document.activeElement).toBe(
      within(within(housing).getByRole('group', { name: 'Sicht der Klient:in' })).getAllByRole('radio')[0],
    );
    expect(screen.getByRole('button', { name: 'Entwurf speichern' })).toBeTruthy();
  });

  it('discards a draft after a confirmation and returns to the case file', async () => {
    const requests = serve({
      ...draft(),
      'POST /api/assessments/a2/discard': () => new Response(null, { status: 204 }),
      'GET /api/colleagues': () => json(200, { items: [] }),
      'GET /api/cases/k1/assessments': () => json(200, { items: [], available: [] }),
      'GET /api/cases/k1/assessments/progress': () => json(200, { series: [] }),
    });
    const router = await open('/cases/k1/assessments/a2');

    fireEvent.click(await screen.findByRole('button', { name: 'Entwurf verwerfen' }));
    const dialog = screen.getByRole('dialog', { name: 'Entwurf verwerfen?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Entwurf endgültig verwerfen' }));

    expect(await screen.findByText('Der Entwurf wurde verworfen.')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/cases/k1');
    expect(requests.find((r) => r.path === '/api/assessments/a2/discard')?.body).toEqual({ version: 3 });
  });

  it('overwrites nothing after a version conflict and loads the current state on request', async () => {
    let loads = 0;
    serve({
      ...draft(),
      'GET /api/assessments/a2': () => {
        loads += 1;
        return json(
          200,
          assessment({ version: 2 + loads, answers: loads > 1 ? { since: '2020-01-01' } : {} }),
        );
      },
      'PATCH /api/assessments/a2': () => problem(409, 'version-conflict', { currentVersion: 4 }),
    });
    await open('/cases/k1/assessments/a2');
    fireEvent.click(await screen.findByRole('button', { name: 'Entwurf speichern' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Der Entwurf wurde inzwischen geändert')).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: 'Aktuellen Stand laden' }));
    await vi.waitFor(() =>
      expect((screen.getByLabelText('Wohnt dort seit') as HTMLInputElement).value).toBe('2020-01-01'),
    );
    expect(loads).toBe(2);
  });

  it('says when special-category answers are hidden from the reader, and does not let them edit', async () => {
    serve(draft({ since: '2024-01-01' }, { hiddenFields: ['health'] }));
    await open('/cases/k1/assessments/a2');

    expect(
      await screen.findByText(/Einige Antworten gehören zu besonderen Kategorien personenbezogener Daten/),
    ).toBeTruthy();
    expect(
      screen.getByText('Weil Ihnen Antworten verborgen sind, können Sie diesen Entwurf nicht bearbeiten.'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Entwurf speichern' })).toBeNull();
    expect(screen.getByText('01.01.2024')).toBeTruthy();
  });

  it('is read-only in a closed case', async () => {
    serve({
      ...draft(),
      'GET /api/cases/k1': () => json(200, caseView({ phase: 'closed', closedOn: '2026-03-05' })),
    });
    await open('/cases/k1/assessments/a2');
    expect(
      await screen.findByText('Sie können dieses Assessment lesen, aber nicht bearbeiten.'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Abschließen' })).toBeNull();
  });
});
