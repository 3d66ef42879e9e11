import { CASE_KINDS, isOneOf, PHASES, type CaseQuery, type CaseSort } from '../../api/types';

export const CASE_PAGE_SIZE = 25;

export interface CaseFilters {
  q: string;
  phase: string;
  kind: string;
  responsibleUserId: string;
  orgUnitId: string;
  overdueFollowUps: boolean;
  noContactDays: string;
  includeClosed: boolean;
}

export const NO_FILTERS: CaseFilters = {
  q: '',
  phase: '',
  kind: '',
  responsibleUserId: '',
  orgUnitId: '',
  overdueFollowUps: false,
  noContactDays: '',
  includeClosed: false,
};

/** Filters another page hands over when linking to the list (navigation state; never a search term). */
export interface CaseListLinkState {
  filters: Partial<Omit<CaseFilters, 'q'>>;
}

/** The filters handed over in the navigation state, checked field by field; a search term is ignored. */
export function filtersFromState(state: unknown): CaseFilters {
  const given: Record<string, unknown> =
    typeof state === 'object' &&
    state !== null &&
    'filters' in state &&
    typeof state.filters === 'object' &&
    state.filters !== null
      ? (state.filters as Record<string, unknown>)
      : {};
  const text = (key: keyof CaseFilters) => {
    const value = given[key];
    return typeof value === 'string' ? value : '';
  };
  return {
    q: '',
    phase: text('phase'),
    kind: text('kind'),
    responsibleUserId: text('responsibleUserId'),
    orgUnitId: text('orgUnitId'),
    overdueFollowUps: given.overdueFollowUps === true,
    noContactDays: text('noContactDays'),
    includeClosed: given.includeClosed === true,
  };
}

/** The list query for the applied filters, page and sorting: the body of POST /api/cases/search. */
export function caseQueryOf(
  filters: CaseFilters,
  page: number,
  sorting: { key: CaseSort; order: 'asc' | 'desc' },
): CaseQuery {
  const days = filters.noContactDays.trim();
  return {
    page,
    pageSize: CASE_PAGE_SIZE,
    sort: sorting.key,
    order: sorting.order,
    ...(filters.q.trim() !== '' ? { q: filters.q.trim() } : {}),
    ...(isOneOf(PHASES, filters.phase) ? { phase: filters.phase } : {}),
    ...(isOneOf(CASE_KINDS, filters.kind) ? { kind: filters.kind } : {}),
    ...(filters.responsibleUserId !== '' ? { responsibleUserId: filters.responsibleUserId } : {}),
    ...(filters.orgUnitId !== '' ? { orgUnitId: filters.orgUnitId } : {}),
    ...(filters.overdueFollowUps ? { overdueFollowUps: true } : {}),
    ...(/^\d+$/.test(days) && Number(days) > 0 ? { noContactDays: Number(days) } : {}),
    ...(filters.includeClosed ? { includeClosed: true } : {}),
  };
}
