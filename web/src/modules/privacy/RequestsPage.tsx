import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { Problem, SubjectRequest } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { RadioGroup, SelectField, TextArea } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { usePrivacyLabels } from '../consent/labels';

const STATUSES = ['open', 'done', 'rejected'] as const;
type Status = (typeof STATUSES)[number];
const isStatus = (value: string | null): value is Status =>
  (STATUSES as readonly (string | null)[]).includes(value);

/** Betroffenenanfragen (DPO): access, correction and erasure requests, resolved with an outcome. */
export function RequestsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = usePrivacyLabels();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: Status | '' = raw === null ? 'open' : isStatus(raw) ? raw : '';
  const list = useResource(`requests:${status}`, () =>
    call(api.GET('/api/requests', { params: { query: status === '' ? {} : { status } } })),
  );
  const [resolving, setResolving] = useState<SubjectRequest | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const columns: Column<SubjectRequest>[] = [
    {
      key: 'receivedOn',
      header: t('requests.receivedOn'),
      rowHeader: true,
      cell: (r) => format.day(r.receivedOn),
    },
    { key: 'kind', header: t('requests.kind'), cell: (r) => labels.requestKind(r.kind) },
    { key: 'client', header: t('requests.client'), cell: (r) => <code className="id">{r.clientId}</code> },
    {
      key: 'description',
      header: t('requests.description'),
      cell: (r) => <span dir="auto">{r.description ?? t('common.none')}</span>,
    },
    {
      key: 'status',
      header: t('requests.status'),
      cell: (r) => (
        <>
          {isStatus(r.status) ? t(`requests.statuses.${r.status}`) : r.status}
          {r.resolvedOn ? ` (${format.day(r.resolvedOn)})` : null}
          {r.resolution ? (
            <>
              <br />
              <span dir="auto">{r.resolution}</span>
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (r) =>
        r.status === 'open' ? (
          <Button
            variant="secondary"
            aria-label={t('requests.resolveLabel', { date: format.day(r.receivedOn) })}
            onClick={() => {
              setMessage(null);
              setResolving(r);
            }}
          >
            {t('requests.resolve')}
          </Button>
        ) : (
          t('common.none')
        ),
    },
  ];

  return (
    <Page title={t('requests.title')}>
      <SelectField
        id="requests-status"
        label={t('requests.status')}
        value={status}
        options={[
          { value: '', label: t('common.all') },
          ...STATUSES.map((s) => ({ value: s, label: t(`requests.statuses.${s}`) })),
        ]}
        onValueChange={(value) => setParams({ status: value === '' ? 'all' : value }, { replace: true })}
      />
      <StatusRegion message={message} focus />
      {list.result && !list.result.ok ? (
        <ProblemAlert problem={list.result.problem} onRetry={list.reload} />
      ) : null}
      {list.data ? (
        <DataTable
          caption={t('requests.caption')}
          columns={columns}
          rows={list.data.items}
          rowKey={(r) => r.id}
          empty={t('requests.empty')}
          busy={list.loading}
        />
      ) : list.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
      <Dialog open={resolving !== null} title={t('requests.resolveTitle')} onClose={() => setResolving(null)}>
        {resolving ? (
          <ResolveForm
            key={resolving.id}
            request={resolving}
            onCancel={() => setResolving(null)}
            onResolved={(anonymised) => {
              setResolving(null);
              setMessage(anonymised ? t('requests.resolvedAnonymised') : t('requests.resolved'));
              list.reload();
            }}
          />
        ) : null}
      </Dialog>
    </Page>
  );
}

function ResolveForm({
  request,
  onCancel,
  onResolved,
}: {
  request: SubjectRequest;
  onCancel: () => void;
  onResolved: (anonymised: boolean) => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [outcome, setOutcome] = useState<'done' | 'rejected' | ''>('');
  const [resolution, setResolution] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (outcome === '' || resolution.trim().length < 3) {
      setProblem(
        clientValidationProblem([
          ...(outcome === '' ? [{ pointer: '/status', code: 'required', message: '' }] : []),
          ...(resolution.trim().length < 3
            ? [{ pointer: '/resolution', code: 'minLength', message: '', params: { limit: 3 } }]
            : []),
        ]),
      );
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.POST('/api/requests/{id}/resolve', {
        params: { path: { id: request.id } },
        body: { status: outcome, resolution: resolution.trim() },
      }),
    );
    setSubmitting(false);
    if (result.ok) onResolved(result.data.anonymised);
    else setProblem(result.problem);
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary
        problem={problem}
        fields={{
          status: { id: 'resolve-status', label: t('requests.outcome') },
          resolution: { id: 'resolve-resolution', label: t('requests.resolution') },
        }}
      />
      {request.kind === 'erasure' ? (
        <p className="alert alert--error">{t('requests.erasureWarning')}</p>
      ) : null}
      <RadioGroup
        id="resolve-status"
        legend={t('requests.outcome')}
        options={[
          { value: 'done', label: t('requests.outcomeDone') },
          { value: 'rejected', label: t('requests.outcomeRejected') },
        ]}
        value={outcome}
        onValueChange={(value) => setOutcome(value === 'done' || value === 'rejected' ? value : '')}
        error={errors.status}
      />
      <TextArea
        id="resolve-resolution"
        label={t('requests.resolution')}
        dir="auto"
        maxLength={4000}
        value={resolution}
        onValueChange={setResolution}
        error={errors.resolution}
      />
      <div className="actions">
        <Button type="submit" busy={submitting}>
          {t('requests.submit')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
