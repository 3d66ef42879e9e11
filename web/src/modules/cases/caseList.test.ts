import { describe, expect, it } from 'vitest';
import { caseQueryOf, filtersFromState, NO_FILTERS } from './caseList';

const byNumber = { key: 'caseNumber' as const, order: 'asc' as const };

describe('caseQueryOf', () => {
  it('sends only the filters that are set', () => {
    expect(caseQueryOf(NO_FILTERS, 1, byNumber)).toEqual({
      page: 1,
      pageSize: 25,
      sort: 'caseNumber',
      order: 'asc',
    });
  });

  it('converts every filter', () => {
    expect(
      caseQueryOf(
        {
          q: ' Haddad ',
          phase: 'planning',
          kind: 'case_management',
          responsibleUserId: 'u1',
          orgUnitId: 'ou1',
          overdueFollowUps: true,
          noContactDays: '30',
          includeClosed: true,
        },
        2,
        { key: 'lastContactOn', order: 'desc' },
      ),
    ).toEqual({
      page: 2,
      pageSize: 25,
      sort: 'lastContactOn',
      order: 'desc',
      q: 'Haddad',
      phase: 'planning',
      kind: 'case_management',
      responsibleUserId: 'u1',
      orgUnitId: 'ou1',
      overdueFollowUps: true,
      noContactDays: 30,
      includeClosed: true,
    });
  });

  it('ignores values the API would refuse', () => {
    const query = caseQueryOf(
      { ...NO_FILTERS, phase: 'nonsense', kind: 'x', noContactDays: '-3' },
      1,
      byNumber,
    );
    expect(query).not.toHaveProperty('phase');
    expect(query).not.toHaveProperty('kind');
    expect(query).not.toHaveProperty('noContactDays');
  });
});

describe('filtersFromState', () => {
  it('takes over filters handed over by a link, but never a search term', () => {
    expect(filtersFromState({ filters: { overdueFollowUps: true, q: 'Name', phase: 'planning' } })).toEqual({
      ...NO_FILTERS,
      overdueFollowUps: true,
      phase: 'planning',
    });
  });

  it('starts without filters otherwise', () => {
    expect(filtersFromState(null)).toEqual(NO_FILTERS);
    expect(filtersFromState({ filters: 'x' })).toEqual(NO_FILTERS);
  });
});
