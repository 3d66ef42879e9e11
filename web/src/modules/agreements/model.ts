import type { paths } from '../../api/schema';
import type { FieldProblem } from '../../api/types';

// The agreements module's shapes, derived from the generated schema.
type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type Body<Op> = Op extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

export type AgreementPage = Json<paths['/api/agreements']['get']['responses'][200]>;
export type AgreementSummary = AgreementPage['items'][number];
export type Agreement = Json<paths['/api/agreements/{id}']['get']['responses'][200]>;
export type AgreementPartner = Agreement['partners'][number];
export type AgreementReview = Agreement['reviews'][number];
export type AgreementInput = Body<paths['/api/agreements']['post']>;
export type AgreementUpdate = Body<paths['/api/agreements/{id}']['put']>;
export type ReviewBody = Body<paths['/api/agreements/{id}/reviews']['post']>;
export type DocumentBody = Body<paths['/api/agreements/{id}/document']['put']>;
export type AgreementQuery = NonNullable<paths['/api/agreements']['get']['parameters']['query']>;
export type AgreementForm = Agreement['form'];
export type AgreementState = Agreement['state'];
export type ReviewOutcome = AgreementReview['outcome'];
export type StateFilter = NonNullable<AgreementQuery['state']>;
export type DocumentType = DocumentBody['contentType'];

/** A partner as the partner search returns it (GET /api/partners). */
export type PartnerHit = Json<paths['/api/partners']['get']['responses'][200]>['items'][number];
/** What the form keeps of a chosen partner: enough to show and send it. */
export interface ChosenPartner {
  id: string;
  name: string;
  archived: boolean;
}

export const AGREEMENT_FORMS = ['oral', 'minutes', 'written'] as const satisfies readonly AgreementForm[];
export const REVIEW_OUTCOMES = ['continue', 'adjust', 'end'] as const satisfies readonly ReviewOutcome[];
export const STATE_FILTERS = [
  'all',
  'in_force',
  'upcoming',
  'ended',
  'archived',
] as const satisfies readonly StateFilter[];
export const RULE_KEYS = ['meetings', 'responsibilities', 'documentation'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

export const DOCUMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
] as const satisfies readonly DocumentType[];
/** As on the server: at most 5 MB. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** The agreement form's values: texts as typed, dates as the date inputs give them ('' = none). */
export interface AgreementValues {
  title: string;
  form: AgreementForm;
  partners: ChosenPartner[];
  goals: string;
  rules: Record<RuleKey, string>;
  startsOn: string;
  endsOn: string;
  reviewOn: string;
  responsibleUserId: string;
}

export function emptyValues(today: string, responsibleUserId: string): AgreementValues {
  return {
    title: '',
    form: 'written',
    partners: [],
    goals: '',
    rules: { meetings: '', responsibilities: '', documentation: '' },
    startsOn: today,
    endsOn: '',
    reviewOn: '',
    responsibleUserId,
  };
}

export function valuesOf(agreement: Agreement): AgreementValues {
  return {
    title: agreement.title,
    form: agreement.form,
    partners: agreement.partners.map((p) => ({ id: p.id, name: p.name, archived: p.archived })),
    goals: agreement.goals ?? '',
    rules: {
      meetings: agreement.rules.meetings ?? '',
      responsibilities: agreement.rules.responsibilities ?? '',
      documentation: agreement.rules.documentation ?? '',
    },
    startsOn: agreement.startsOn,
    endsOn: agreement.endsOn ?? '',
    reviewOn: agreement.reviewOn ?? '',
    responsibleUserId: agreement.responsible.id,
  };
}

const text = (value: string) => (value.trim() === '' ? null : value.trim());

export function inputOf(values: AgreementValues): AgreementInput {
  return {
    title: values.title.trim(),
    form: values.form,
    partnerIds: values.partners.map((p) => p.id),
    goals: text(values.goals),
    rules: {
      meetings: text(values.rules.meetings),
      responsibilities: text(values.rules.responsibilities),
      documentation: text(values.rules.documentation),
    },
    startsOn: values.startsOn,
    endsOn: values.endsOn === '' ? null : values.endsOn,
    reviewOn: values.reviewOn === '' ? null : values.reviewOn,
    ...(values.responsibleUserId !== '' ? { responsibleUserId: values.responsibleUserId } : {}),
  };
}

const problemAt = (pointer: string, code: string, params?: Record<string, unknown>): FieldProblem => ({
  pointer,
  code,
  message: '',
  ...(params ? { params } : {}),
});

/** What the form can tell before sending: the same rules as the server's (dates in order, a partner). */
export function checkValues(values: AgreementValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (values.title.trim() === '') problems.push(problemAt('/title', 'required'));
  if (values.partners.length === 0) problems.push(problemAt('/partnerIds', 'minItems', { limit: 1 }));
  if (values.startsOn === '') problems.push(problemAt('/startsOn', 'required'));
  else {
    if (values.endsOn !== '' && values.endsOn < values.startsOn)
      problems.push(problemAt('/endsOn', 'date-order'));
    if (
      values.reviewOn !== '' &&
      (values.reviewOn < values.startsOn || (values.endsOn !== '' && values.reviewOn > values.endsOn))
    )
      problems.push(problemAt('/reviewOn', 'date-order'));
  }
  return problems;
}

/** The review form's values. */
export interface ReviewValues {
  reviewedOn: string;
  outcome: ReviewOutcome | '';
  notes: string;
  nextReviewOn: string;
}

export function checkReview(values: ReviewValues, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (values.reviewedOn === '') problems.push(problemAt('/reviewedOn', 'required'));
  else if (values.reviewedOn > today) problems.push(problemAt('/reviewedOn', 'in-future'));
  if (values.outcome === '') problems.push(problemAt('/outcome', 'required'));
  if (values.outcome !== 'end' && values.nextReviewOn !== '' && values.nextReviewOn <= values.reviewedOn)
    problems.push(problemAt('/nextReviewOn', 'date-order'));
  return problems;
}

export function reviewBodyOf(values: ReviewValues): ReviewBody | null {
  if (values.outcome === '') return null;
  return {
    reviewedOn: values.reviewedOn,
    outcome: values.outcome,
    notes: text(values.notes),
    ...(values.outcome !== 'end' && values.nextReviewOn !== '' ? { nextReviewOn: values.nextReviewOn } : {}),
  };
}

/** The list's filters as the address keeps them (no personal data: states, a flag and a partner's id). */
export interface ListFilters {
  state: StateFilter;
  reviewDue: boolean;
  partnerId: string;
  page: number;
}

export function filtersOf(params: URLSearchParams): ListFilters {
  const state = params.get('state');
  const page = Number(params.get('page') ?? '1');
  return {
    state: STATE_FILTERS.find((s) => s === state) ?? 'all',
    reviewDue: params.get('reviewDue') === 'true',
    partnerId: params.get('partner') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function paramsOf(filters: ListFilters): Record<string, string> {
  return {
    ...(filters.state !== 'all' ? { state: filters.state } : {}),
    ...(filters.reviewDue ? { reviewDue: 'true' } : {}),
    ...(filters.partnerId !== '' ? { partner: filters.partnerId } : {}),
    ...(filters.page > 1 ? { page: String(filters.page) } : {}),
  };
}

export function queryOf(filters: ListFilters): AgreementQuery {
  return {
    page: filters.page,
    pageSize: 25,
    ...(filters.state !== 'all' ? { state: filters.state } : {}),
    ...(filters.reviewDue ? { reviewDue: true } : {}),
    ...(filters.partnerId !== '' ? { partnerId: filters.partnerId } : {}),
  };
}

/** A file's content as base64 (what PUT …/document takes). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export const agreementPath = (id: string) => `/network/agreements/${encodeURIComponent(id)}`;
