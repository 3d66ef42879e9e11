import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { ROLES, type User, type UserQuery, type UserSort } from '../../api/types';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column, type Sorting } from '../../ui/DataTable';
import { SelectField, TextField } from '../../ui/fields';
import { isLockedAt, useFormat, useMountTime } from '../../ui/format';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { useResource } from '../../ui/useResource';
import { isRole } from './userForm';

const PAGE_SIZE = 25;
const SORTS: readonly UserSort[] = ['displayName', 'username', 'lastLoginAt'];

/*
 * The search term (a colleague's name) is the one filter NOT kept in the address: a URL reaches the browser
 * history and the access logs of proxies in between. It lives only in this page's state and goes to the
 * server in the body of POST /api/users/search; a `q` in an opened address is ignored. The other filters,
 * sorting and page stay in the address, so they survive reloads and the back button.
 */

/** The filters kept in the address. */
interface AddressFilters {
  role: string;
  orgUnitId: string;
  active: string;
}

interface Filters extends AddressFilters {
  q: string;
}

const NO_FILTERS: Filters = { q: '', role: '', orgUnitId: '', active: '' };

function filtersFrom(params: URLSearchParams): AddressFilters {
  return {
    role: params.get('role') ?? '',
    orgUnitId: params.get('orgUnitId') ?? '',
    active: params.get('active') ?? '',
  };
}

/** The list query: filters, sorting and page from the address, the search term from the page's state. */
function queryFrom(params: URLSearchParams, term: string): UserQuery {
  const filters = filtersFrom(params);
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  const sort = SORTS.find((s) => s === params.get('sort')) ?? 'displayName';
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZE,
    sort,
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    ...(term !== '' ? { q: term } : {}),
    ...(isRole(filters.role) ? { role: filters.role } : {}),
    ...(filters.orgUnitId !== '' ? { orgUnitId: filters.orgUnitId } : {}),
    ...(filters.active === 'true' || filters.active === 'false' ? { active: filters.active === 'true' } : {}),
  };
}

function flashOf(state: unknown): string | null {
  return typeof state === 'object' && state !== null && 'flash' in state && typeof state.flash === 'string'
    ? state.flash
    : null;
}

export function UsersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useMountTime();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  // The applied search term: in state only, see above.
  const [term, setTerm] = useState('');
  const query = queryFrom(params, term);
  const users = useResource(JSON.stringify(query), () =>
    call(api.POST('/api/users/search', { body: query })),
  );
  const orgUnits = useResource('org-units', () =>
    call(api.GET('/api/org-units', { params: { query: { includeArchived: true } } })),
  );
  const [filters, setFilters] = useState<Filters>(() => ({ ...NO_FILTERS, ...filtersFrom(params) }));
  // The back button changes the address without this form: take the filters over from it then (the term
  // being typed stays).
  const filtersInUrl = JSON.stringify(filtersFrom(params));
  const [syncedWith, setSyncedWith] = useState(filtersInUrl);
  if (syncedWith !== filtersInUrl) {
    setSyncedWith(filtersInUrl);
    setFilters({ ...filters, ...filtersFrom(params) });
  }

  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    // Never carried over into an address this page writes, should one have come with the opened address.
    next.delete('q');
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  }

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { q, ...inAddress } = filters;
    setTerm(q.trim());
    update({ ...inAddress, page: null });
  }

  function resetFilters() {
    setFilters(NO_FILTERS);
    setTerm('');
    update({ role: null, orgUnitId: null, active: null, page: null });
  }

  const status = (user: User) => {
    const parts = [user.active ? t('users.active') : t('users.inactive')];
    if (isLockedAt(user.lockedUntil, now)) {
      parts.push(t('users.lockedUntil', { time: format.dateTime(user.lockedUntil) }));
    }
    return parts.join(', ');
  };

  const columns: Column<User>[] = [
    {
      key: 'displayName',
      header: t('users.displayName'),
      rowHeader: true,
      sortKey: 'displayName',
      cell: (user) => <Link to={`/admin/users/${encodeURIComponent(user.id)}`}>{user.displayName}</Link>,
    },
    { key: 'username', header: t('users.username'), sortKey: 'username', cell: (user) => user.username },
    {
      key: 'roles',
      header: t('users.roles'),
      cell: (user) => user.roles.map((r) => t(`roles.${r}`)).join(', '),
    },
    {
      key: 'orgUnits',
      header: t('users.orgUnits'),
      cell: (user) => user.orgUnits.map((u) => u.name).join(', '),
    },
    { key: 'status', header: t('users.status'), cell: status },
    {
      key: 'lastLoginAt',
      header: t('users.lastLogin'),
      sortKey: 'lastLoginAt',
      cell: (user) => format.dateTime(user.lastLoginAt, t('users.never')),
    },
  ];
  const sorting: Sorting = { key: query.sort ?? 'displayName', order: query.order ?? 'asc' };
  const flash = flashOf(location.state);
  const page = users.data;

  return (
    <Page title={t('users.title')}>
      {flash ? <Alert kind="success">{flash}</Alert> : null}
      <p>
        <Link to="/admin/users/new" className="button button--primary">
          {t('users.create')}
        </Link>
      </p>
      <search className="filters">
        <form noValidate onSubmit={applyFilters} aria-labelledby="users-filters">
          <h2 id="users-filters" className="filters__title">
            {t('common.filters')}
          </h2>
          <div className="filters__fields">
            <TextField
              id="users-q"
              type="search"
              label={t('users.search')}
              optional
              value={filters.q}
              onValueChange={(q) => setFilters({ ...filters, q })}
            />
            <SelectField
              id="users-role"
              label={t('users.role')}
              value={filters.role}
              options={[
                { value: '', label: t('users.anyRole') },
                ...ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) })),
              ]}
              onValueChange={(role) => setFilters({ ...filters, role })}
            />
            <SelectField
              id="users-org-unit"
              label={t('users.orgUnit')}
              value={filters.orgUnitId}
              options={[
                { value: '', label: t('users.anyOrgUnit') },
                ...(orgUnits.data?.items ?? []).map((unit) => ({
                  value: unit.id,
                  label: unit.archived ? t('users.archived', { name: unit.name }) : unit.name,
                })),
              ]}
              onValueChange={(orgUnitId) => setFilters({ ...filters, orgUnitId })}
            />
            <SelectField
              id="users-active"
              label={t('users.status')}
              value={filters.active}
              options={[
                { value: '', label: t('users.anyStatus') },
                { value: 'true', label: t('users.onlyActive') },
                { value: 'false', label: t('users.onlyInactive') },
              ]}
              onValueChange={(active) => setFilters({ ...filters, active })}
            />
          </div>
          <div className="actions">
            <Button type="submit">{t('common.apply')}</Button>
            <Button variant="secondary" onClick={resetFilters}>
              {t('common.resetFilters')}
            </Button>
          </div>
        </form>
      </search>
      {users.result && !users.result.ok ? (
        <ProblemAlert problem={users.result.problem} onRetry={users.reload} />
      ) : null}
      {page ? (
        <>
          <DataTable
            caption={t('users.caption')}
            columns={columns}
            rows={page.items}
            rowKey={(user) => user.id}
            empty={t('users.empty')}
            busy={users.loading}
            sorting={sorting}
            onSort={(next) => update({ sort: next.key, order: next.order, page: null })}
          />
          <Pager
            page={page.page}
            pageSize={page.pageSize}
            total={page.total}
            onPage={(next) => update({ page: String(next) })}
          />
        </>
      ) : users.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
    </Page>
  );
}
