import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import { today } from '../../ui/format';
import { assessment, caseView, summary } from './testData';

// The pages load on first use; loading them once beforehand keeps the first test within findBy's timeout.
beforeAll(async () => {
  await Promise.all([import('../cases/CaseFilePage'), import('./AssessmentPage')]);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const items = [
  summary({
    id: 'a3',
    status: 'draft',
    conductedOn: '2026-03-01',
    template: {
      ...summary().template,
      key: 'ulm',
      title: { de: 'Mindest-Assessment (Ulm)', en: 'Minimum assessment (Ulm)' },
    },
  }),
  summary({ id: 'a2', status: 'final', conductedOn: '2026-02-01' }),
  summary({
    id: 'a1',
    status: 'final',
    conductedOn: '2025-11-15',
    template: { ...summary().template, version: 1 },
  }),
];

const available = [
  {
    templateId: 't1',
    key: 'resources',
    version: 2,
    title: { de: 'Ressourcen-Erhebung', en: 'Resource survey' },
    draftId: null,
    lastFinalId: 'a2',
  },
  {
    templateId: 't2',
    key: 'ulm',
    version: 1,
    title: { de: 'Mindest-Assessment (Ulm)', en: 'Minimum assessment (Ulm)' },
    draftId: 'a3',
    lastFinalId: null,
  },
  {
    templateId: 't3',
    key: 'jmd',
    version: 1,
    title: { de: 'JMD-Screening', en: 'JMD screening' },
    draftId: null,
    lastFinalId: null,
  },
];

const progress = {
  series: [
    {
      templateKey: 'resources',
      title: { de: 'Ressourcen-Erhebung', en: 'Resource survey' },
      dimensions: [
        { key: 'ratings.housing', label: { de: 'Wohnen', en: 'Housing' }, min: 1, max: 5 },
        { key: 'ratings.work', label: { de: 'Arbeit', en: 'Work' }, min: 1, max: 5 },
        { key: 'strengths', label: { de: 'Stärken', en: 'Strengths' }, min: 1, max: 5 },
      ],
      points: [
        {
          assessmentId: 'a1',
          conductedOn: '2025-11-15',
          templateVersion: 1,
          values: { 'ratings.housing': 2.5, 'ratings.work': 2, strengths: null },
        },
        {
          assessmentId: 'a2',
          conductedOn: '2026-02-01',
          templateVersion: 2,
          values: { 'ratings.housing': 3.8, 'ratings.work': 2, strengths: 4 },
        },
      ],
    },
  ],
};

function caseFile(changes: Parameters<typeof caseView>[0] = {}) {
  return {
    ...signedInAs(me(['case_manager'])),
    'GET /api/cases/k1': () => json(200, caseView(changes)),
    'GET /api/colleagues': () => json(200, { items: [] }),
    'GET /api/cases/k1/assessments': () => json(200, { items, available }),
    'GET /api/cases/k1/assessments/progress': () => json(200, progress),
  };
}

describe('assessment tab of the case file', () => {
  it('lists the assessments with instrument, date, state, template version and who started them', async () => {
    serve(caseFile());
    await open('/cases/k1?tab=assessment');

    const table = await screen.findByRole('table', { name: 'Assessments dieses Falls, neueste zuerst' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      'Mindest-Assessment (Ulm) vom 01.03.202601.03.2026EntwurfVersion 2Aylin Demir',
      'Ressourcen-Erhebung vom 01.02.202601.02.2026AbgeschlossenVersion 2Aylin Demir',
      'Ressourcen-Erhebung vom 15.11.202515.11.2025AbgeschlossenVersion 1Aylin Demir',
    ]);
    expect(
      within(table).getByRole('link', { name: 'Ressourcen-Erhebung vom 01.02.2026' }).getAttribute('href'),
    ).toBe('/cases/k1/assessments/a2');
  });

  it('starts a re-assessment prefilled from the last finalised one and opens the new draft', async () => {
    const requests = serve({
      ...caseFile(),
      'POST /api/cases/k1/assessments': () => json(201, assessment({ id: 'new1', prefilledFrom: 'a2' })),
      'GET /api/assessments/new1': () => json(200, assessment({ id: 'new1', prefilledFrom: 'a2' })),
    });
    const router = await open('/cases/k1?tab=assessment');

    fireEvent.change(await screen.findByLabelText('Instrument'), { target: { value: 't1' } });
    expect(
      screen.getByText(
        /Das ist ein Re-Assessment: Es beginnt mit den Antworten und den Bedarfen des letzten abgeschlossenen Assessments vom 01\.02\.2026/,
      ),
    ).toBeTruthy();
    expect(
      (screen.getByLabelText('Mit den Antworten des letzten Assessments beginnen') as HTMLInputElement)
        .checked,
    ).toBe(true);
    expect((screen.getByLabelText(/^Durchgeführt am/) as HTMLInputElement).value).toBe(today());
    fireEvent.change(screen.getByLabelText(/^Durchgeführt am/), { target: { value: '2026-02-20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Re-Assessment beginnen' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Ressourcen-Erhebung vom 01.03.2026' }),
    ).toBeTruthy();
    expect(router.state.location.pathname).toBe('/cases/k1/assessments/new1');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      templateId: 't1',
      conductedOn: '2026-02-20',
      prefill: true,
    });
  });

  it('offers to continue the open draft instead of starting another', async () => {
    const requests = serve(caseFile());
    await open('/cases/k1?tab=assessment');

    fireEvent.change(await screen.findByLabelText('Instrument'), { target: { value: 't2' } });
    expect(
      screen.getByText(
        'Mit diesem Instrument gibt es schon einen Entwurf vom 01.03.2026. Setzen Sie ihn fort.',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Entwurf fortsetzen' }).getAttribute('href')).toBe(
      '/cases/k1/assessments/a3',
    );
    expect(screen.queryByRole('button', { name: /beginnen/ })).toBeNull();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('says a first assessment starts empty, and goes to the draft someone else started meanwhile', async () => {
    serve({
      ...caseFile(),
      'POST /api/cases/k1/assessments': () => problem(409, 'assessment-draft-exists', { draftId: 'other' }),
      'GET /api/assessments/other': () => json(200, assessment({ id: 'other' })),
    });
    const router = await open('/cases/k1?tab=assessment');

    fireEvent.change(await screen.findByLabelText('Instrument'), { target: { value: 't3' } });
    expect(
      screen.getByText('Es ist das erste Assessment mit diesem Instrument in diesem Fall; es beginnt leer.'),
    ).toBeTruthy();
    expect(screen.queryByLabelText('Mit den Antworten des letzten Assessments beginnen')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Assessment beginnen' }));

    await screen.findByRole('heading', { level: 1, name: 'Ressourcen-Erhebung vom 01.03.2026' });
    expect(router.state.location.pathname).toBe('/cases/k1/assessments/other');
  });

  it('asks for an instrument and shows a future date refused by the server at the field', async () => {
    const requests = serve({
      ...caseFile(),
      'POST /api/cases/k1/assessments': () =>
        problem(400, 'validation', { errors: [{ pointer: '/conductedOn', code: 'in-future', message: '' }] }),
    });
    await open('/cases/k1?tab=assessment');
    const form = (await screen.findByLabelText('Instrument')).closest('form') as HTMLFormElement;
    fireEvent.submit(form);
    expect(
      await screen.findByRole('link', { name: 'Instrument: Bitte füllen Sie dieses Feld aus.' }),
    ).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText(/^Instrument/), { target: { value: 't3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Assessment beginnen' }));
    expect(
      await screen.findByRole('link', {
        name: 'Durchgeführt am: Das Datum darf nicht in der Zukunft liegen.',
      }),
    ).toBeTruthy();
    expect(screen.getByLabelText(/^Durchgeführt am/).getAttribute('aria-invalid')).toBe('true');
  });

  it('compares two assessments of the same instrument, the newest two by default', async () => {
    const router = await (async () => {
      serve(caseFile());
      return open('/cases/k1?tab=assessment');
    })();
    const section = (await screen.findByRole('heading', { name: 'Zwei Assessments vergleichen' })).closest(
      'section',
    ) as HTMLElement;
    expect(within(section).getByText('Instrument: Ressourcen-Erhebung')).toBeTruthy();
    expect((within(section).getByLabelText('Erstes Assessment') as HTMLSelectElement).value).toBe('a1');
    expect((within(section).getByLabelText('Zweites Assessment') as HTMLSelectElement).value).toBe('a2');

    fireEvent.change(within(section).getByLabelText('Zweites Assessment'), { target: { value: 'a1' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Vergleichen' }));
    expect(
      await within(section).findByRole('link', {
        name: 'Zweites Assessment: Bitte wählen Sie zwei verschiedene Assessments.',
      }),
    ).toBeTruthy();

    fireEvent.change(within(section).getByLabelText(/^Zweites Assessment/), { target: { value: 'a2' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Vergleichen' }));
    expect(router.state.location.pathname).toBe('/cases/k1/assessments/compare');
    expect(router.state.location.search).toBe('?left=a1&right=a2');
  });

  it('shows the progress as a chart with a legend of dates and the same values as a table', async () => {
    serve(caseFile());
    await open('/cases/k1?tab=assessment');

    expect(await screen.findByRole('img', { name: /Diagramm „Ressourcen-Erhebung“/ })).toBeTruthy();
    expect(screen.getByText('Skala von 1 bis 5.')).toBeTruthy();
    const legend = screen.getByRole('list', {
      name: 'Jedes Assessment hat eine eigene Farbe, Linienart und Markierung.',
    });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['15.11.2025', '01.02.2026']);
    const table = screen.getByRole('table', { name: 'Ressourcen-Erhebung: Werte je Bereich und Datum' });
    expect(
      within(table)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual([
      'Bereich15.11.202501.02.2026',
      'Wohnen (1–5)2,53,8',
      'Arbeit (1–5)22',
      'Stärken (1–5)keine Angabe4',
    ]);
    expect(screen.getByRole('link', { name: 'Verlauf für die Klient:in drucken' }).getAttribute('href')).toBe(
      '/print/progress/k1',
    );
  });

  it('is read-only without write permission: no start, but list, comparison and progress', async () => {
    serve(caseFile({ permissions: { write: false, journal: true, handOver: false } }));
    await open('/cases/k1?tab=assessment');

    expect(
      await screen.findByText('Sie können die Assessments lesen, aber keine beginnen oder bearbeiten.'),
    ).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Assessment beginnen' })).toBeNull();
    expect(
      await screen.findByRole('table', { name: 'Assessments dieses Falls, neueste zuerst' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Vergleichen' })).toBeTruthy();
  });

  it('offers no start in a closed case', async () => {
    serve(caseFile({ phase: 'closed', closedOn: '2026-03-05' }));
    await open('/cases/k1?tab=assessment');
    await screen.findByRole('table', { name: 'Assessments dieses Falls, neueste zuerst' });
    expect(screen.queryByRole('heading', { name: 'Assessment beginnen' })).toBeNull();
  });
});
