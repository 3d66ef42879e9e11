import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import type { CaseView } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFocusAfterRender } from '../../ui/focus';
import { Pager } from '../../ui/Pager';
import { useResource } from '../../ui/useResource';
import type { Referral } from './model';
import { ReferralDetails } from './ReferralDetails';
import { ReferralForm } from './ReferralForm';
import { useReferralLabels } from './labels';

const PAGE_SIZE = 20;

/**
 * Vermittlung in the case file: the case's referrals to offers of network partners with status, dates,
 * waiting time and barriers; a new referral from a plan step; the status moved on, barriers and the
 * partner's feedback recorded.
 */
export function ReferralsPanel({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const labels = useReferralLabels();
  const focus = useFocusAfterRender();
  // The plan's "Vermitteln" link opens this tab with the step to refer (…?tab=referrals&step=<id>).
  const [params, setParams] = useSearchParams();
  const stepParam = params.get('step');
  const [page, setPage] = useState(1);
  const [generation, setGeneration] = useState(0);
  const [creating, setCreating] = useState(() => stepParam !== null);
  const [selected, setSelected] = useState<string | null>(null);
  const [changed, setChanged] = useState<Record<string, Referral>>({});
  const [message, setMessage] = useState<string | null>(null);
  const list = useResource(`referrals:${view.id}:${page}:${generation}`, () =>
    call(
      api.GET('/api/cases/{id}/referrals', {
        params: { path: { id: view.id }, query: { page, pageSize: PAGE_SIZE } },
      }),
    ),
  );
  const closed = view.phase === 'closed' || view.anonymised;
  const canWrite = Boolean(list.data?.permissions.write) && view.permissions.journal && !closed;
  const items = (list.data?.items ?? []).map((r) => changed[r.id] ?? r);
  const current = items.find((r) => r.id === selected) ?? null;

  function reload(note: string | null) {
    setChanged({});
    setMessage(note);
    setGeneration((g) => g + 1);
  }

  /** The step in the address has been used (or dropped): take it out, so a reload does not open the form again. */
  function forgetStep() {
    if (stepParam === null) return;
    const next = new URLSearchParams(params);
    next.delete('step');
    setParams(next, { replace: true, preventScrollReset: true });
  }

  function open(id: string) {
    setSelected(id);
    setMessage(null);
    focus('referral-details-heading');
  }

  const columns: Column<Referral>[] = [
    {
      key: 'offer',
      header: t('referrals.columns.offer'),
      rowHeader: true,
      cell: (r) => (
        <Button
          variant="link"
          aria-expanded={selected === r.id}
          aria-label={t('referrals.details.show', { offer: labels.title(r) })}
          onClick={() => (selected === r.id ? setSelected(null) : open(r.id))}
        >
          <span dir="auto">{labels.title(r)}</span>
        </Button>
      ),
    },
    {
      key: 'partner',
      header: t('referrals.columns.partner'),
      cell: (r) => (
        <span dir="auto">
          {r.partner.name}
          {r.partner.archived ? ` ${t('referrals.archived')}` : ''}
        </span>
      ),
    },
    {
      key: 'step',
      header: t('referrals.columns.step'),
      cell: (r) => <span dir="auto">{labels.step(r)}</span>,
    },
    { key: 'status', header: t('referrals.columns.status'), cell: (r) => labels.statusWithDate(r) },
    { key: 'waiting', header: t('referrals.columns.waiting'), cell: (r) => labels.waiting(r) },
    {
      key: 'barriers',
      header: t('referrals.columns.barriers'),
      cell: (r) => (r.barriers.length > 0 ? labels.barriers(r.barriers) : t('referrals.none')),
    },
  ];

  return (
    <section aria-labelledby="referrals-heading" className="referrals-panel">
      <h2 id="referrals-heading">{t('referrals.heading')}</h2>
      <p>{t('referrals.intro')}</p>
      <StatusRegion message={message} focus />
      {closed ? <p>{t('referrals.closed')}</p> : null}
      {list.data && !canWrite && !closed ? <p>{t('referrals.readOnly')}</p> : null}
      {list.result && !list.result.ok ? (
        <ProblemAlert problem={list.result.problem} onRetry={list.reload} />
      ) : null}
      {canWrite && !creating ? (
        <div className="actions">
          <Button
            onClick={() => {
              setCreating(true);
              setMessage(null);
              focus('referral-form-heading');
            }}
          >
            {t('referrals.newReferral')}
          </Button>
        </div>
      ) : null}
      {canWrite && creating ? (
        <ReferralForm
          view={view}
          initialStepId={stepParam ?? ''}
          onCancel={() => {
            setCreating(false);
            forgetStep();
          }}
          onCreated={(referral, note) => {
            setCreating(false);
            forgetStep();
            setPage(1);
            setSelected(referral.id);
            reload(note);
          }}
        />
      ) : null}
      {list.data ? (
        <>
          <DataTable
            caption={t('referrals.caption')}
            columns={columns}
            rows={items}
            rowKey={(r) => r.id}
            empty={t('referrals.empty')}
            busy={list.loading}
          />
          {list.data.total > list.data.pageSize ? (
            <Pager page={page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
          ) : null}
        </>
      ) : list.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
      {current ? (
        <ReferralDetails
          key={`${current.id}:${current.version}:${generation}`}
          referral={current}
          canWrite={canWrite}
          onChanged={(next, note) => {
            setChanged((all) => ({ ...all, [next.id]: next }));
            setMessage(note);
          }}
          onConflict={() => reload(t('referrals.conflict.reloaded'))}
          onClose={() => setSelected(null)}
        />
      ) : null}
    </section>
  );
}
