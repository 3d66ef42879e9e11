import { act, render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type InitialEntry } from 'react-router';
import { vi } from 'vitest';
import type { Me, Role, CaseView, ClientView } from '../api/types';
import { routes } from '../app/router';
import { SessionProvider } from '../app/session';

export function me(roles: Role[], overrides: Partial<Me> = {}): Me {
  return {
    id: 'u1',
    username: 'aylin',
    displayName: 'Aylin Demir',
    email: null,
    locale: 'de',
    organisation: { id: 'o1', name: 'JMD Musterstadt' },
    roles,
    orgUnits: [{ id: 'ou1', name: 'Team Nord' }],
    ...overrides,
  };
}

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export function problem(status: number, code: string, extra: Record<string, unknown> = {}) {
  return json(status, { type: `https://lotse.app/problems/${code}`, title: code, status, code, ...extra });
}

export interface Recorded {
  method: string;
  path: string;
  body: unknown;
}

/**
 * A fake server: answers by "METHOD /path" (path without query), everything else 404; a handler gets the
 * request's JSON body. Returns the requests it received, with their JSON bodies (whole URLs: requestedUrls).
 */
export function serve(answers: Record<string, (body: unknown) => Response>): Recorded[] {
  const requests: Recorded[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      const text = await request.text();
      const body: unknown = text === '' ? null : JSON.parse(text);
      requests.push({ method: request.method, path, body });
      const answer = answers[`${request.method} ${path}`];
      return answer ? answer(body) : problem(404, 'not-found');
    }),
  );
  return requests;
}

/** Every URL requested from the fake server of the current test, with its query string. */
export function requestedUrls(): string[] {
  return vi.mocked(globalThis.fetch).mock.calls.map(([request]) => (request as Request).url);
}

/** The requested URLs that would reveal a search term: containing it (plain or encoded) or any `q` parameter. */
export function urlsRevealing(term: string): string[] {
  return requestedUrls().filter(
    (url) => url.includes(term) || url.includes(encodeURIComponent(term)) || url.includes('q='),
  );
}

/** The JSON bodies of the requests to "METHOD /path", in order. */
export function bodiesOf(requests: Recorded[], key: string): unknown[] {
  return requests.filter((r) => `${r.method} ${r.path}` === key).map((r) => r.body);
}

export function signedInAs(user: Me): Record<string, () => Response> {
  return { 'GET /api/auth/session': () => json(200, { user, csrfToken: 't' }) };
}

/** Opens the app at a path, or at a location with a navigation state ({ pathname, state }). */
export async function open(path: InitialEntry) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  await act(async () => {
    render(
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>,
    );
  });
  return router;
}

/** A case as GET /api/cases/{id} returns it: a case-management case in the assessment phase. */
export function caseView(changes: Partial<CaseView> = {}): CaseView {
  return {
    id: 'k1',
    caseNumber: 'JMD-2026-00042',
    kind: 'case_management',
    phase: 'assessment',
    orgUnit: { id: 'ou1', name: 'Team Nord' },
    responsible: { id: 'u1', displayName: 'Aylin Demir' },
    openedOn: '2026-01-10',
    closedOn: null,
    closureReason: null,
    lastContactOn: '2026-03-02',
    client: { id: 'c1', familyName: 'Haddad', givenNames: 'Rania', birthDate: '2004-05-06', birthYear: null },
    intake: {
      accessRoute: 'self',
      referralAgency: null,
      referralPerson: null,
      indicationCriteria: [],
      indicationDecision: 'cm_needed',
      indicationReason: null,
      referredTo: null,
      contractForm: 'oral',
      contractOn: '2026-01-10',
      contractBy: null,
      mandate: null,
    },
    allowedMoves: ['planning'],
    phaseHistory: [],
    handovers: [],
    delegations: [],
    accessLog: [],
    followUps: { open: 0, overdue: 0, next: null },
    permissions: { write: true, journal: true, handOver: true },
    processing: { allowed: true, consent: true, legalBasis: null, caseManagementConsent: true, missing: [] },
    anonymised: false,
    createdAt: '2026-01-10T09:00:00Z',
    updatedAt: '2026-03-02T09:00:00Z',
    version: 7,
    ...changes,
  };
}

/** A client as GET /api/clients/{id} returns it: Rania Haddad, processing allowed, no cases. */
export function clientView(changes: Partial<ClientView> = {}): ClientView {
  return {
    id: 'c1',
    familyName: 'Haddad',
    givenNames: 'Rania',
    birthDate: '2004-05-06',
    birthYear: null,
    gender: 'female',
    nationalities: [],
    countryOfOrigin: null,
    languages: [],
    interpreterNeeded: false,
    residenceStatus: null,
    residenceValidUntil: null,
    legalDomain: null,
    arrivalDate: null,
    street: null,
    postalCode: null,
    city: null,
    district: null,
    phone: null,
    email: null,
    relatedPersons: [],
    healthNotes: null,
    healthNotesHidden: false,
    processing: { allowed: true, consent: true, legalBasis: null, caseManagementConsent: true, missing: [] },
    cases: [],
    anonymised: false,
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    version: 1,
    ...changes,
  };
}
