import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { ClientListItem, ClientQuery } from '../../api/types';
import { ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { TextField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { useResource } from '../../ui/useResource';

const PAGE_SIZE = 25;

/** "01.03.2005" or "Jahrgang 2005": a client's birth as far as it is known. */
export function useBirthText() {
  const { t } = useTranslation();
  const format = useFormat();
  return (client: { birthDate: string | null; birthYear: number | null }) =>
    client.birthDate
      ? format.day(client.birthDate)
      : client.birthYear !== null
        ? t('clients.bornIn', { year: client.birthYear })
        : t('common.unknown');
}

/**
 * The clients the user may open. The search term stays in this page's state and never goes into the address
 * bar or any other URL: names must not end up in the browser history or in access logs.
 */
export function ClientsPage() {
  const { t } = useTranslation();
  const birth = useBirthText();
  const [term, setTerm] = useState('');
  const [query, setQuery] = useState({ q: '', page: 1 });
  const body: ClientQuery = {
    page: query.page,
    pageSize: PAGE_SIZE,
    ...(query.q !== '' ? { q: query.q } : {}),
  };
  // POST, not GET: the name searched for goes in the body, never in a URL (proxies' access logs).
  const clients = useResource(JSON.stringify(body), () => call(api.POST('/api/clients/search', { body })));

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQuery({ q: term.trim(), page: 1 });
  }

  const columns: Column<ClientListItem>[] = [
    {
      key: 'name',
      header: t('clients.name'),
      rowHeader: true,
      cell: (client) => (
        <Link to={`/clients/${encodeURIComponent(client.id)}`} dir="auto">
          {client.familyName}, {client.givenNames}
        </Link>
      ),
    },
    { key: 'birth', header: t('clients.birth'), cell: birth },
    { key: 'cases', header: t('clients.caseCount'), cell: (client) => client.caseCount },
  ];
  const page = clients.data;

  return (
    <Page title={t('clients.title')}>
      <p>
        <Link to="/clients/new" className="button button--primary">
          {t('clients.create')}
        </Link>
      </p>
      <search className="filters">
        <form noValidate onSubmit={search} aria-labelledby="clients-search">
          <h2 id="clients-search" className="filters__title">
            {t('common.search')}
          </h2>
          <TextField
            id="clients-q"
            type="search"
            label={t('clients.search')}
            hint={t('clients.searchHint')}
            optional
            dir="auto"
            autoComplete="off"
            value={term}
            onValueChange={setTerm}
          />
          <div className="actions">
            <Button type="submit">{t('common.search')}</Button>
            {query.q !== '' ? (
              <Button
                variant="secondary"
                onClick={() => {
                  setTerm('');
                  setQuery({ q: '', page: 1 });
                }}
              >
                {t('common.resetFilters')}
              </Button>
            ) : null}
          </div>
        </form>
      </search>
      {clients.result && !clients.result.ok ? (
        <ProblemAlert problem={clients.result.problem} onRetry={clients.reload} />
      ) : null}
      {page ? (
        <>
          <DataTable
            caption={t('clients.caption')}
            columns={columns}
            rows={page.items}
            rowKey={(client) => client.id}
            empty={t('clients.empty')}
            busy={clients.loading}
          />
          <Pager
            page={page.page}
            pageSize={page.pageSize}
            total={page.total}
            onPage={(next) => setQuery({ ...query, page: next })}
          />
        </>
      ) : clients.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
    </Page>
  );
}
