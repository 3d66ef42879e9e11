import type { Agreement, AgreementSummary, PartnerHit } from './model';

const lead = { id: 'u1', displayName: 'Aylin Demir' };

export function anAgreement(changes: Partial<Agreement> = {}): Agreement {
  return {
    id: 'a1',
    title: 'Kooperation Übergang Schule–Beruf',
    form: 'written',
    partners: [
      { id: 'p1', name: 'Jobcenter Musterstadt', type: 'jobcenter', archived: false },
      { id: 'p2', name: 'Berufsschule Nord', type: 'school', archived: false },
    ],
    startsOn: '2026-01-01',
    endsOn: '2027-12-31',
    reviewOn: '2026-12-01',
    state: 'in_force',
    reviewDue: false,
    responsible: lead,
    hasDocument: false,
    archived: false,
    version: 3,
    goals: 'Junge Zugewanderte finden nahtlos in Ausbildung.',
    rules: {
      meetings: 'Vierteljährlich im JMD',
      responsibilities: 'Feste Ansprechpersonen auf beiden Seiten',
      documentation: null,
    },
    document: null,
    reviews: [],
    archivedAt: null,
    createdAt: '2026-01-02T09:00:00Z',
    createdBy: lead,
    updatedAt: '2026-03-02T09:00:00Z',
    updatedBy: lead,
    permissions: { manage: true },
    ...changes,
  };
}

export function aSummary(changes: Partial<AgreementSummary> = {}): AgreementSummary {
  const a = anAgreement();
  return {
    id: a.id,
    title: a.title,
    form: a.form,
    partners: a.partners,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    reviewOn: a.reviewOn,
    state: a.state,
    reviewDue: a.reviewDue,
    responsible: a.responsible,
    hasDocument: a.hasDocument,
    archived: a.archived,
    version: a.version,
    ...changes,
  };
}

export function aPartnerHit(changes: Partial<PartnerHit> = {}): PartnerHit {
  return {
    id: 'p1',
    shared: false,
    name: 'Jobcenter Musterstadt',
    type: 'jobcenter',
    district: 'Mitte',
    city: 'Musterstadt',
    archived: false,
    offers: 2,
    freePlaces: 0,
    version: 1,
    ...changes,
  };
}
