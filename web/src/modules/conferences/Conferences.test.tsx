import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseView, json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import type { Conference, Participant } from './model';

afterEach(() => {
  vi.unstubAllGlobals();
});

const aylin = { id: 'u1', displayName: 'Aylin Demir' };
const colleagues = {
  items: [
    { id: 'u1', displayName: 'Aylin Demir', roles: ['case_manager'], orgUnitIds: ['ou1'] },
    { id: 'u2', displayName: 'Jonas Weber', roles: ['case_manager'], orgUnitIds: ['ou1'] },
  ],
};
const none = {
  required: false,
  covered: true,
  releaseId: null,
  recipient: null,
  reason: null,
  missingCategories: [],
};

function participant(changes: Partial<Participant>): Participant {
  return {
    id: 'p0',
    position: 0,
    kind: 'internal',
    userId: 'u1',
    contactId: null,
    partnerId: null,
    name: 'Aylin Demir',
    partnerName: null,
    role: null,
    release: none,
    disclosureId: null,
    ...changes,
  };
}

function aConference(changes: Partial<Conference> = {}): Conference {
  return {
    id: 'f1',
    caseId: 'k1',
    kind: 'case',
    status: 'planned',
    heldOn: '2026-05-12',
    startsAt: '10:00',
    place: 'JMD, Raum 2',
    moderator: aylin,
    agenda: 'Kinderbetreuung',
    minutes: null,
    anonymous: false,
    categories: ['master_data', 'plan'],
    invitedAt: null,
    participants: [
      participant({}),
      participant({
        id: 'p1',
        position: 1,
        kind: 'partner_contact',
        userId: null,
        contactId: 'pc1',
        partnerId: 'pa1',
        name: 'Petra Keller',
        partnerName: 'Jugendamt Musterstadt',
        role: 'ASD',
        release: {
          ...none,
          required: true,
          covered: false,
          reason: 'no-release',
          missingCategories: ['master_data', 'plan'],
        },
      }),
      participant({
        id: 'p2',
        position: 2,
        kind: 'family',
        userId: null,
        name: 'Amal Haddad',
        role: 'Schwägerin',
        release: {
          required: true,
          covered: true,
          releaseId: 'r1',
          recipient: { kind: 'person', name: 'Amal Haddad' },
          reason: null,
          missingCategories: [],
        },
      }),
    ],
    actions: [],
    themes: [],
    createdAt: '2026-05-01T09:00:00Z',
    createdBy: aylin,
    updatedAt: '2026-05-01T09:00:00Z',
    updatedBy: aylin,
    version: 1,
    permissions: { edit: true, invite: true, minutes: false, cancel: true },
    ...changes,
  };
}

type Answers = Parameters<typeof serve>[0];

function server(answers: Answers = {}) {
  return serve({
    ...signedInAs(me(['case_manager'])),
    'GET /api/cases/k1': () => json(200, caseView({ phase: 'linking' })),
    'GET /api/colleagues': () => json(200, colleagues),
    'GET /api/cases/k1/conferences': () =>
      json(200, {
        items: [
          {
            id: 'f0',
            kind: 'helpers',
            status: 'held',
            heldOn: '2026-04-02',
            startsAt: null,
            place: null,
            anonymous: true,
            participants: 3,
            version: 3,
          },
        ],
        total: 1,
        page: 1,
        pageSize: 25,
        permissions: { create: true },
      }),
    'GET /api/conferences/f1': () => json(200, aConference()),
    ...answers,
  });
}

async function openPage(answers: Answers = {}) {
  const requests = server(answers);
  await open('/cases/k1/conferences/f1');
  await screen.findByRole('heading', { name: 'Fallkonferenz – 12.05.2026, 10:00 Uhr', level: 1 });
  return requests;
}

describe('conferences panel', () => {
  it(
    'lists the conferences and plans one with a colleague, a partner contact and a family member',
    { timeout: 20_000 },
    async () => {
      const requests = server({
        'GET /api/partners': () =>
          json(200, {
            items: [
              {
                id: 'pa1',
                shared: false,
                name: 'Jugendamt Musterstadt',
                type: 'youth_welfare_office',
                district: 'Nord',
                city: null,
                archived: false,
                offers: 0,
                freePlaces: 0,
                version: 1,
              },
            ],
            total: 1,
            page: 1,
            pageSize: 50,
          }),
        'GET /api/partners/pa1': () =>
          json(200, {
            id: 'pa1',
            name: 'Jugendamt Musterstadt',
            contacts: [{ id: 'pc1', name: 'Petra Keller', role: 'ASD', phone: null, email: null }],
          }),
        'POST /api/cases/k1/conferences': () => json(201, aConference()),
      });
      await open('/cases/k1?tab=conferences');
      const table = await screen.findByRole('table', { name: 'Konferenzen dieses Falls' });
      const row = within(table).getByRole('link', { name: 'Helferkonferenz – 02.04.2026' }).closest('tr');
      expect(row?.textContent).toContain('durchgeführt (anonym)');
      expect(row?.textContent).toContain('3');

      fireEvent.click(screen.getByRole('button', { name: 'Konferenz planen' }));
      fireEvent.change(screen.getByLabelText('Datum'), { target: { value: '2026-05-12' } });
      fireEvent.change(screen.getByLabelText(/^Uhrzeit/), { target: { value: '10:00' } });
      fireEvent.change(screen.getByLabelText(/^Moderation/), { target: { value: 'u1' } });
      fireEvent.click(screen.getByLabelText('Stammdaten'));
      fireEvent.click(screen.getByLabelText('Hilfeplan'));
      fireEvent.change(screen.getByLabelText('Kolleg:in'), { target: { value: 'u2' } });
      fireEvent.click(screen.getAllByRole('button', { name: 'Hinzufügen' })[0] as HTMLElement);
      fireEvent.change(screen.getByLabelText(/^Netzwerkpartner suchen/), { target: { value: 'Jugendamt' } });
      fireEvent.click(screen.getByRole('button', { name: 'Suchen' }));
      fireEvent.change(await screen.findByLabelText('Netzwerkpartner'), { target: { value: 'pa1' } });
      fireEvent.change(await screen.findByLabelText('Ansprechperson'), { target: { value: 'pc1' } });
      fireEvent.click(screen.getAllByRole('button', { name: 'Hinzufügen' })[1] as HTMLElement);
      fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Amal Haddad' } });
      fireEvent.change(screen.getByLabelText(/^Rolle \(z\. B\./), { target: { value: 'Schwägerin' } });
      fireEvent.click(screen.getAllByRole('button', { name: 'Hinzufügen' })[2] as HTMLElement);
      fireEvent.click(screen.getByLabelText('Die Klient:in nimmt teil'));
      expect(
        screen.getByRole('button', { name: 'Entfernen: Petra Keller (Jugendamt Musterstadt)' }),
      ).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Konferenz planen' }));

      expect(await screen.findByText(/Die Konferenz ist geplant/)).toBeTruthy();
      const body = requests.find((r) => r.method === 'POST')?.body;
      expect(body).toEqual({
        kind: 'case',
        heldOn: '2026-05-12',
        startsAt: '10:00',
        place: null,
        moderatorUserId: 'u1',
        agenda: null,
        anonymous: false,
        categories: ['master_data', 'plan'],
        participants: [
          { kind: 'internal', userId: 'u2' },
          { kind: 'partner_contact', contactId: 'pc1', role: 'ASD' },
          { kind: 'family', name: 'Amal Haddad', role: 'Schwägerin' },
          { kind: 'client' },
        ],
      });
      expect(requests.some((r) => r.method === 'GET' && r.path === '/api/conferences/f1')).toBe(true);
    },
  );
});

describe('conference page', () => {
  it('says who may hear which data and shows a refused invitation per participant with the way to a release', async () => {
    const requests = await openPage({
      'POST /api/conferences/f1/invite': () =>
        problem(403, 'disclosure-refused', {
          reason: 'no-release',
          missingCategories: ['master_data', 'plan'],
          recipient: 'Petra Keller (Jugendamt Musterstadt)',
          errors: [
            {
              pointer: '/participants/1',
              code: 'release-missing',
              message:
                'Keine passende gültige Schweigepflichtentbindung für „Petra Keller (Jugendamt Musterstadt)“.',
              params: { recipient: 'Petra Keller (Jugendamt Musterstadt)' },
            },
          ],
        }),
    });
    const table = screen.getByRole('table', { name: 'Teilnehmende der Konferenz' });
    const row = (name: string) => within(table).getByRole('rowheader', { name }).closest('tr');
    expect(row('Aylin Demir')?.textContent).toContain('keine Entbindung nötig');
    expect(row('Amal Haddad')?.textContent).toContain('darf hören: Stammdaten, Hilfeplan');
    expect(row('Petra Keller (Jugendamt Musterstadt)')?.textContent).toContain(
      'Keine Schweigepflichtentbindung – nicht einladbar',
    );
    const link = within(table).getByRole('link', { name: 'Entbindung erfassen für Jugendamt Musterstadt' });
    expect(link.getAttribute('href')).toBe('/clients/c1#datenschutz');

    fireEvent.click(screen.getByRole('button', { name: 'Einladen' }));
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText(/Für diese Teilnehmenden fehlt eine passende Schweigepflichtentbindung/),
    ).toBeTruthy();
    expect(within(alert).getByText(/„Petra Keller \(Jugendamt Musterstadt\)“/)).toBeTruthy();
    expect(requests.find((r) => r.path === '/api/conferences/f1/invite')?.body).toEqual({ version: 1 });
    expect(screen.getByText('Fallkonferenz', { selector: 'dd' })).toBeTruthy();
  });

  it('invites once every external participant is covered', async () => {
    const covered = aConference().participants.map((p) =>
      p.kind === 'partner_contact'
        ? {
            ...p,
            release: {
              required: true,
              covered: true,
              releaseId: 'r2',
              recipient: { kind: 'organisation' as const, name: 'Jugendamt Musterstadt' },
              reason: null,
              missingCategories: [],
            },
          }
        : p,
    );
    await openPage({
      'GET /api/conferences/f1': () => json(200, aConference({ participants: covered })),
      'POST /api/conferences/f1/invite': () =>
        json(
          200,
          aConference({
            status: 'invited',
            version: 2,
            invitedAt: '2026-05-02T08:00:00Z',
            participants: covered.map((p) =>
              p.kind === 'internal' ? p : { ...p, disclosureId: `d-${p.id}` },
            ),
            permissions: { edit: true, invite: false, minutes: true, cancel: true },
          }),
        ),
    });
    expect(screen.getByText('Entbindung für „Jugendamt Musterstadt“')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Einladen' }));
    expect(
      await screen.findByText('Eingeladen. Die Weitergaben sind im Weitergabeprotokoll festgehalten.'),
    ).toBeTruthy();
    expect(screen.getByText('eingeladen', { selector: 'dd' })).toBeTruthy();
    expect(screen.getAllByText('Einladung im Weitergabeprotokoll')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Einladen' })).toBeNull();
  });

  it('records the minutes with an agreed step and a theme; a theme can be reported as a missing help', async () => {
    const invited = aConference({
      status: 'invited',
      version: 2,
      permissions: { edit: true, invite: false, minutes: true, cancel: true },
    });
    const held = aConference({
      status: 'held',
      version: 3,
      minutes: 'Kitaplatz wird gesucht.',
      actions: [
        {
          id: 'a1',
          text: 'Kita-Anmeldung begleiten',
          owner: { id: 'u2', displayName: 'Jonas Weber' },
          ownerName: null,
          dueOn: '2026-05-20',
          followUpId: 'fu1',
        },
      ],
      themes: [
        { id: 't1', text: 'Kein Kitaplatz für unter Dreijährige', field: 'education', gapReportId: null },
      ],
      permissions: { edit: false, invite: false, minutes: true, cancel: false },
    });
    const requests = await openPage({
      'GET /api/conferences/f1': () => json(200, invited),
      'POST /api/conferences/f1/minutes': () => json(200, held),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Protokoll erfassen' }));
    fireEvent.change(screen.getByLabelText('Protokoll', { selector: 'textarea' }), {
      target: { value: 'Kitaplatz wird gesucht.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Schritt hinzufügen' }));
    fireEvent.change(screen.getByLabelText('Was wird getan?'), {
      target: { value: 'Kita-Anmeldung begleiten' },
    });
    fireEvent.change(screen.getByLabelText(/^Wer ist verantwortlich\?/), { target: { value: 'u2' } });
    fireEvent.change(screen.getByLabelText(/^Bis wann\?/), { target: { value: '2026-05-20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Thema hinzufügen' }));
    fireEvent.change(screen.getByLabelText('Thema'), {
      target: { value: 'Kein Kitaplatz für unter Dreijährige' },
    });
    fireEvent.change(screen.getByLabelText('Handlungsfeld'), { target: { value: 'education' } });
    fireEvent.click(screen.getByRole('button', { name: 'Protokoll speichern' }));

    expect(
      await screen.findByText('Das Protokoll ist gespeichert; die Konferenz ist durchgeführt.'),
    ).toBeTruthy();
    expect(requests.find((r) => r.path === '/api/conferences/f1/minutes')?.body).toEqual({
      version: 2,
      minutes: 'Kitaplatz wird gesucht.',
      actions: [
        { text: 'Kita-Anmeldung begleiten', ownerUserId: 'u2', ownerName: null, dueOn: '2026-05-20' },
      ],
      themes: [{ text: 'Kein Kitaplatz für unter Dreijährige', field: 'education' }],
    });
    const steps = screen.getByRole('table', { name: 'Vereinbarte Schritte' });
    const row = within(steps).getByRole('rowheader', { name: 'Kita-Anmeldung begleiten' }).closest('tr');
    expect(row?.textContent).toContain('Jonas Weber');
    expect(row?.textContent).toContain('20.05.2026');
    expect(row?.textContent).toContain('ja');
    const gap = screen.getByRole('link', {
      name: 'Als fehlenden Hilfebaustein melden: Kein Kitaplatz für unter Dreijährige',
    });
    expect(gap.getAttribute('href')).toBe(
      '/gaps/new?caseId=k1&conferenceId=f1&themeId=t1&need=Kein+Kitaplatz+f%C3%BCr+unter+Dreij%C3%A4hrige&field=education',
    );
  });

  it('asks before saving minutes of an anonymous conference that name the client', async () => {
    const invited = aConference({
      status: 'invited',
      anonymous: true,
      categories: [],
      version: 2,
      permissions: { edit: true, invite: false, minutes: true, cancel: true },
    });
    let calls = 0;
    const requests = await openPage({
      'GET /api/conferences/f1': () => json(200, invited),
      'POST /api/conferences/f1/minutes': () => {
        calls += 1;
        return calls === 1
          ? problem(409, 'confirmation-required', {
              errors: [{ pointer: '/minutes', code: 'contains-personal-data', message: 'Name gefunden.' }],
            })
          : json(200, { ...invited, status: 'held', version: 3, minutes: 'Rania braucht einen Kitaplatz.' });
      },
    });
    expect(screen.getByText('keine personenbezogenen Daten (anonyme Konferenz)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Protokoll erfassen' }));
    expect(screen.getByText(/Anonyme Konferenz: Das Protokoll nennt weder Namen/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Protokoll', { selector: 'textarea' }), {
      target: { value: 'Rania braucht einen Kitaplatz.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Protokoll speichern' }));
    expect(await screen.findByText(/In Protokoll steht offenbar der Name/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Trotzdem speichern' }));
    await waitFor(() => expect(calls).toBe(2));
    const bodies = requests.filter((r) => r.path === '/api/conferences/f1/minutes').map((r) => r.body);
    expect(bodies[0]).not.toHaveProperty('confirm');
    expect(bodies[1]).toMatchObject({ confirm: true });
    expect(
      await screen.findByText('Das Protokoll ist gespeichert; die Konferenz ist durchgeführt.'),
    ).toBeTruthy();
  });

  it('cancels a conference after asking, and offers to reload after a conflict', async () => {
    let version = 1;
    await openPage({
      'GET /api/conferences/f1': () => json(200, aConference({ version })),
      'POST /api/conferences/f1/cancel': () => {
        version = 2;
        return problem(409, 'version-conflict');
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Konferenz absagen' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Absagen' }));
    expect(await screen.findByText('Die Konferenz wurde inzwischen geändert.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Aktuellen Stand laden' }));
    expect(await screen.findByText('Der aktuelle Stand ist geladen.')).toBeTruthy();
  });
});
