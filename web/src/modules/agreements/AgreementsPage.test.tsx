import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import { json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import { today } from '../../ui/format';
import type { Role } from '../../api/types';
import { aPartnerHit, aSummary, anAgreement } from './testData';

beforeAll(async () => {
  await import('./AgreementsPage');
  await import('./AgreementPage');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

type Answers = Parameters<typeof serve>[0];

function listView(roles: Role[] = ['team_lead'], answers: Answers = {}) {
  return serve({
    ...signedInAs(me(roles)),
    'GET /api/agreements': () =>
      json(200, {
        items: [
          aSummary({ id: 'a2', title: 'Sprachkurse', reviewOn: '2026-03-10', reviewDue: true }),
          aSummary({ endsOn: null, state: 'in_force' }),
        ],
        total: 2,
        page: 1,
        pageSize: 25,
      }),
    'GET /api/partners': () =>
      json(200, {
        items: [aPartnerHit(), aPartnerHit({ id: 'p2', name: 'Berufsschule Nord', type: 'school' })],
        total: 2,
        page: 1,
        pageSize: 200,
      }),
    'GET /api/colleagues': () =>
      json(200, {
        items: [{ id: 'u2', displayName: 'Jonas Weber', roles: ['case_manager'], orgUnitIds: [] }],
      }),
    ...answers,
  });
}

/** The URLs the page fetched (the fake server records paths only). */
const fetched = () => (globalThis.fetch as Mock).mock.calls.map(([request]) => (request as Request).url);

const input = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;

async function fillNewAgreement() {
  fireEvent.click(await screen.findByRole('button', { name: 'Neue Kooperationsvereinbarung' }));
  fireEvent.change(input(/^Titel/), { target: { value: 'Kooperation Übergang Schule–Beruf' } });
  fireEvent.change(input('Partner suchen'), { target: { value: 'Job' } });
  fireEvent.click(screen.getByRole('button', { name: 'Suchen' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Hinzufügen: Jobcenter Musterstadt' }));
  fireEvent.click(screen.getByLabelText('Protokolle und Absprachen'));
  fireEvent.change(input(/^Gemeinsame Ziele/), { target: { value: 'Nahtlose Übergänge' } });
  fireEvent.change(input(/^Treffen/), { target: { value: 'Vierteljährlich' } });
  fireEvent.change(input(/^Ende/), { target: { value: '2027-12-31' } });
  fireEvent.change(input(/^Überprüfung am/), { target: { value: '2027-10-01' } });
  fireEvent.change(screen.getByLabelText('Zuständige Person'), { target: { value: 'u2' } });
}

describe('agreements list', () => {
  it('lists title, partners, form, term and the next review, due ones marked', async () => {
    listView(['case_manager']);
    await open('/network/agreements');
    const table = await screen.findByRole('table', { name: /Kooperationsvereinbarungen, die nächste/ });
    const due = within(table).getByRole('rowheader', { name: 'Sprachkurse' }).closest('tr');
    expect(due?.textContent).toContain('Jobcenter Musterstadt, Berufsschule Nord');
    expect(due?.textContent).toContain('Schriftliche Vereinbarung');
    expect(due?.textContent).toContain('01.01.2026 – 31.12.2027');
    expect(due?.textContent).toContain('10.03.2026 fällig');
    const open_ = within(table)
      .getByRole('rowheader', { name: 'Kooperation Übergang Schule–Beruf' })
      .closest('tr');
    expect(open_?.textContent).toContain('ab 01.01.2026, unbefristet');
    expect(open_?.textContent).not.toContain('fällig');
    // Case managers read; concluding is for team leads and org admins.
    expect(screen.queryByRole('button', { name: 'Neue Kooperationsvereinbarung' })).toBeNull();
  });

  it('filters by state, partner and due reviews through the address', async () => {
    listView();
    await open('/network/agreements');
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('Stand'), { target: { value: 'in_force' } });
    await waitFor(() => expect(screen.getAllByRole('option', { name: 'Berufsschule Nord' })).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('Partner'), { target: { value: 'p2' } });
    fireEvent.click(screen.getByLabelText(/Nur fällige Überprüfungen/));
    fireEvent.click(screen.getByRole('button', { name: 'Anwenden' }));
    await waitFor(() =>
      expect(fetched().some((url) => url.includes('state=in_force') && url.includes('partnerId=p2'))).toBe(
        true,
      ),
    );
    expect(fetched().find((url) => url.includes('partnerId=p2'))).toContain('reviewDue=true');
  });

  it('concludes a new agreement with a partner found by searching, then opens it', async () => {
    const requests = listView(['team_lead'], {
      'POST /api/agreements': (body) => json(201, { ...anAgreement({ id: 'a9' }), ...(body as object) }),
      'GET /api/agreements/a9': () => json(200, anAgreement({ id: 'a9', form: 'minutes' })),
    });
    await open('/network/agreements');
    await fillNewAgreement();
    fireEvent.click(screen.getByRole('button', { name: 'Kooperationsvereinbarung anlegen' }));

    expect(await screen.findByText('Die Kooperationsvereinbarung wurde angelegt.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      title: 'Kooperation Übergang Schule–Beruf',
      form: 'minutes',
      partnerIds: ['p1'],
      goals: 'Nahtlose Übergänge',
      rules: { meetings: 'Vierteljährlich', responsibilities: null, documentation: null },
      startsOn: today(),
      endsOn: '2027-12-31',
      reviewOn: '2027-10-01',
      responsibleUserId: 'u2',
    });
    expect(fetched().some((url) => url.includes('/api/partners?') && url.includes('q=Job'))).toBe(true);
  });

  it('shows the server’s date error at the review field and sends nothing without a partner', async () => {
    const requests = listView(['org_admin'], {
      'POST /api/agreements': () =>
        problem(400, 'validation', { errors: [{ pointer: '/reviewOn', code: 'date-order', message: '' }] }),
    });
    await open('/network/agreements');
    fireEvent.click(await screen.findByRole('button', { name: 'Neue Kooperationsvereinbarung' }));
    fireEvent.change(input(/^Titel/), { target: { value: 'Ohne Partner' } });
    fireEvent.click(screen.getByRole('button', { name: 'Kooperationsvereinbarung anlegen' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^Partner: Bitte wählen Sie mindestens/ })).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(input('Partner suchen'), { target: { value: 'Job' } });
    fireEvent.click(screen.getByRole('button', { name: 'Suchen' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Hinzufügen: Jobcenter Musterstadt' }));
    fireEvent.change(input(/^Überprüfung am/), { target: { value: '2030-01-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Kooperationsvereinbarung anlegen' }));
    const link = await screen.findByRole('link', {
      name: 'Überprüfung am: Die Überprüfung muss innerhalb der Laufzeit liegen.',
    });
    expect(link.getAttribute('href')).toBe('#agreement-new-review-on');
    expect(input(/^Überprüfung am/).getAttribute('aria-invalid')).toBe('true');
  });
});
