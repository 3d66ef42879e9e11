import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import type { CaseView } from '../../api/types';
import { ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFormat } from '../../ui/format';
import { Pager } from '../../ui/Pager';
import { useResource } from '../../ui/useResource';
import { ConferenceForm } from './ConferenceForm';
import type { ConferenceListItem } from './model';

const PAGE_SIZE = 25;

/** The case file's tab "Fallkonferenzen": the case's conferences and the form to plan one. */
export function ConferencesPanel({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [planning, setPlanning] = useState(false);
  const list = useResource(`conferences:${view.id}:${page}`, () =>
    call(
      api.GET('/api/cases/{id}/conferences', {
        params: { path: { id: view.id }, query: { page, pageSize: PAGE_SIZE } },
      }),
    ),
  );
  const colleagues = useResource('colleagues', () => call(api.GET('/api/colleagues')));
  const closed = view.phase === 'closed' || view.anonymised;
  const mayPlan = Boolean(list.data?.permissions.create) && !closed;
  const heading = useConferenceHeading();

  const columns: Column<ConferenceListItem>[] = [
    {
      key: 'conference',
      header: t('conferences.columns.kind'),
      rowHeader: true,
      cell: (c) => (
        <Link to={`/cases/${encodeURIComponent(view.id)}/conferences/${encodeURIComponent(c.id)}`}>
          {heading(c)}
        </Link>
      ),
    },
    {
      key: 'status',
      header: t('conferences.columns.status'),
      cell: (c) =>
        c.anonymous
          ? `${t(`conferences.status.${c.status}`)} (${t('conferences.anonymousMark')})`
          : t(`conferences.status.${c.status}`),
    },
    { key: 'participants', header: t('conferences.columns.participants'), cell: (c) => c.participants },
  ];

  return (
    <section aria-labelledby="conferences-heading">
      <h2 id="conferences-heading">{t('conferences.heading')}</h2>
      <p>{t('conferences.intro')}</p>
      {closed ? <p>{t('conferences.closed')}</p> : null}
      {list.data && !mayPlan && !closed ? <p>{t('conferences.readOnly')}</p> : null}
      {list.result && !list.result.ok ? (
        <ProblemAlert problem={list.result.problem} onRetry={list.reload} />
      ) : null}
      {mayPlan && !planning ? (
        <div className="actions">
          <Button onClick={() => setPlanning(true)}>{t('conferences.plan')}</Button>
        </div>
      ) : null}
      {mayPlan && planning ? (
        <ConferenceForm
          caseId={view.id}
          colleagues={colleagues.data?.items ?? []}
          onSaved={(conference) =>
            void navigate(
              `/cases/${encodeURIComponent(view.id)}/conferences/${encodeURIComponent(conference.id)}`,
              { state: { conferenceMessage: 'created' } },
            )
          }
          onCancel={() => setPlanning(false)}
          onConflict={list.reload}
        />
      ) : null}
      {list.data ? (
        <>
          <DataTable
            caption={t('conferences.caption')}
            columns={columns}
            rows={list.data.items}
            rowKey={(c) => c.id}
            empty={t('conferences.empty')}
            busy={list.loading}
          />
          {list.data.total > PAGE_SIZE ? (
            <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
          ) : null}
        </>
      ) : list.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
    </section>
  );
}

/** "Fallkonferenz am 12.05.2026, 10:00 Uhr": the kind and the date, the name of a conference. */
export function useConferenceHeading() {
  const { t } = useTranslation();
  const format = useFormat();
  return (c: { kind: ConferenceListItem['kind']; heldOn: string; startsAt: string | null }) => {
    const date = c.startsAt
      ? t('conferences.atTime', { date: format.day(c.heldOn), time: c.startsAt })
      : format.day(c.heldOn);
    return `${t(`conferences.kinds.${c.kind}`)} – ${date}`;
  };
}
