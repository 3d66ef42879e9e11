import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import { today } from '../../ui/format';
import type { Role } from '../../api/types';
import type { Agreement } from './model';
import { anAgreement } from './testData';

beforeAll(async () => {
  await import('./AgreementPage');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

type Answers = Parameters<typeof serve>[0];

function detailView(
  agreement: Agreement = anAgreement(),
  roles: Role[] = ['team_lead'],
  answers: Answers = {},
) {
  return serve({
    ...signedInAs(me(roles)),
    'GET /api/agreements/a1': () => json(200, agreement),
    'GET /api/colleagues': () => json(200, { items: [] }),
    ...answers,
  });
}

async function openAgreement() {
  await open('/network/agreements/a1');
  await screen.findByRole('heading', { name: 'Kooperation Übergang Schule–Beruf', level: 1 });
}

const input = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;

describe('agreement page', () => {
  it('shows partners, form, term, review and rules; a case manager reads only', async () => {
    detailView(anAgreement({ reviewDue: true, permissions: { manage: false } }), ['case_manager']);
    await openAgreement();
    const facts = screen.getByRole('region', { name: 'Angaben zur Vereinbarung' });
    expect(within(facts).getByRole('link', { name: 'Jobcenter Musterstadt' }).getAttribute('href')).toBe(
      '/network/partners/p1',
    );
    expect(facts.textContent).toContain('Schriftliche Vereinbarung');
    expect(facts.textContent).toContain('01.01.2026 – 31.12.2027 (in Kraft)');
    expect(facts.textContent).toContain('01.12.2026 fällig');
    expect(facts.textContent).toContain('Erinnerung an Aylin Demir vier Wochen vor der Überprüfung');
    expect(facts.textContent).toContain('Vierteljährlich im JMD');
    expect(screen.getByText('Noch keine Überprüfung erfasst.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Bearbeiten' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Überprüfung speichern' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Archivieren' })).toBeNull();
    expect(screen.queryByLabelText('Datei')).toBeNull();
  });

  it('records the yearly review and shows it in the history', async () => {
    const requests = detailView(anAgreement(), ['team_lead'], {
      'POST /api/agreements/a1/reviews': (body) => {
        const review = body as { reviewedOn: string; outcome: 'continue'; notes: string };
        return json(
          201,
          anAgreement({
            reviewOn: '2027-12-01',
            version: 4,
            reviews: [
              {
                id: 'r1',
                ...review,
                nextReviewOn: '2027-12-01',
                createdAt: '2026-12-01T10:00:00Z',
                createdBy: { id: 'u1', displayName: 'Aylin Demir' },
              },
            ],
          }),
        );
      },
    });
    await openAgreement();
    fireEvent.click(screen.getByLabelText('Fortsetzen wie vereinbart'));
    fireEvent.change(input(/^Notizen/), { target: { value: 'Austausch funktioniert.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Überprüfung speichern' }));

    expect(await screen.findByText('Die Überprüfung wurde gespeichert.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      reviewedOn: today(),
      outcome: 'continue',
      notes: 'Austausch funktioniert.',
    });
    const history = screen.getByRole('table', { name: 'Bisherige Überprüfungen, die neueste zuerst' });
    const row = within(history).getAllByRole('row')[1];
    expect(row?.textContent).toContain('Fortsetzen wie vereinbart');
    expect(row?.textContent).toContain('Austausch funktioniert.');
    expect(row?.textContent).toContain('01.12.2027');
    expect(screen.getByRole('region', { name: 'Angaben zur Vereinbarung' }).textContent).toContain(
      'Version 4',
    );
  });

  it('asks for the outcome, and ending drops the next review date', async () => {
    const requests = detailView(anAgreement(), ['org_admin'], {
      'POST /api/agreements/a1/reviews': () =>
        problem(400, 'validation', { errors: [{ pointer: '/reviewedOn', code: 'date-order', message: '' }] }),
    });
    await openAgreement();
    fireEvent.click(screen.getByRole('button', { name: 'Überprüfung speichern' }));
    expect(await screen.findByRole('link', { name: /^Ergebnis der Überprüfung: / })).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.click(screen.getByLabelText('Beenden'));
    expect(screen.queryByLabelText(/^Nächste Überprüfung/)).toBeNull();
    fireEvent.change(input(/^Überprüft am/), { target: { value: '2025-06-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Überprüfung speichern' }));
    expect(
      await screen.findByRole('link', {
        name: 'Überprüft am: Die Überprüfung liegt vor dem Beginn der Vereinbarung.',
      }),
    ).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      reviewedOn: '2025-06-01',
      outcome: 'end',
      notes: null,
    });
  });

  it('edits with the version read and says so when someone else changed it meanwhile', async () => {
    let loads = 0;
    const requests = detailView(anAgreement(), ['team_lead'], {
      'GET /api/agreements/a1': () => {
        loads += 1;
        return json(
          200,
          anAgreement(loads > 1 ? { title: 'Kooperation Übergang Schule–Beruf', version: 5 } : {}),
        );
      },
      'PUT /api/agreements/a1': () => problem(409, 'version-conflict', { currentVersion: 5 }),
    });
    await openAgreement();
    fireEvent.click(screen.getByRole('button', { name: 'Bearbeiten' }));
    const title = input(/^Titel/);
    expect(title.value).toBe('Kooperation Übergang Schule–Beruf');
    fireEvent.change(title, { target: { value: 'Neuer Titel' } });
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));

    expect(await screen.findByText('Die Vereinbarung wurde inzwischen geändert')).toBeTruthy();
    const put = requests.find((r) => r.method === 'PUT')?.body as { version: number; title: string };
    expect(put).toMatchObject({ version: 3, title: 'Neuer Titel', partnerIds: ['p1', 'p2'] });
    fireEvent.click(screen.getByRole('button', { name: 'Aktuellen Stand laden' }));
    await waitFor(() => expect(loads).toBe(2));
    expect(await screen.findByText(/Version 5/)).toBeTruthy();
  });

  it('uploads the signed agreement, refuses other file types before sending, and links the download', async () => {
    const requests = detailView(anAgreement(), ['team_lead'], {
      'PUT /api/agreements/a1/document': (body) => {
        const doc = body as { filename: string; contentType: string };
        return json(200, { filename: doc.filename, contentType: doc.contentType, size: 2048 });
      },
    });
    await openAgreement();
    const file = input('Datei');
    fireEvent.change(file, { target: { files: [new File(['GIF89a'], 'bild.gif', { type: 'image/gif' })] } });
    fireEvent.click(screen.getByRole('button', { name: 'Dokument hochladen' }));
    expect(await screen.findByText('Bitte wählen Sie eine PDF-, PNG- oder JPEG-Datei.')).toBeTruthy();
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);

    fireEvent.change(file, {
      target: { files: [new File(['%PDF-1.7'], 'Vereinbarung.pdf', { type: 'application/pdf' })] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Dokument hochladen' }));
    expect(await screen.findByText('Das Dokument wurde gespeichert.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({
      filename: 'Vereinbarung.pdf',
      contentType: 'application/pdf',
      contentBase64: btoa('%PDF-1.7'),
    });
    const link = screen.getByRole('link', { name: 'Vereinbarung.pdf herunterladen' });
    expect(link.getAttribute('href')).toBe('/api/agreements/a1/document');
    expect(screen.getByRole('button', { name: 'Dokument ersetzen' })).toBeTruthy();
  });

  it('an oral agreement has no document to upload', async () => {
    detailView(anAgreement({ form: 'oral' }));
    await openAgreement();
    expect(screen.getByText('Eine mündliche Vereinbarung hat kein Dokument.')).toBeTruthy();
    expect(screen.queryByLabelText('Datei')).toBeNull();
  });

  it('archives after confirming', async () => {
    const requests = detailView(anAgreement(), ['team_lead'], {
      'POST /api/agreements/a1/archive': () =>
        json(
          200,
          anAgreement({ archived: true, archivedAt: '2026-03-03T10:00:00Z', permissions: { manage: false } }),
        ),
    });
    await openAgreement();
    fireEvent.click(screen.getByRole('button', { name: 'Archivieren' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Ja, archivieren' }));
    expect(await screen.findByText('Die Kooperationsvereinbarung wurde archiviert.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ version: 3 });
    expect(screen.getByText(/Archiviert am/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Bearbeiten' })).toBeNull();
  });
});
