import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { Problem, RetentionItem } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { RadioGroup, TextArea } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { useMe } from '../../app/session';

/**
 * Aufbewahrung: quiet cases that need a decision (continue or close), and closed cases whose anonymisation
 * the case manager confirms and an org admin approves.
 */
export function RetentionPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const board = useResource('retention', () => call(api.GET('/api/retention/board')));
  const [deciding, setDeciding] = useState<RetentionItem | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const isAdmin = me.roles.includes('org_admin');
  const caseWork = me.roles.includes('case_manager') || me.roles.includes('team_lead');

  async function confirm(item: RetentionItem) {
    if (busy) return;
    setBusy(item.caseId);
    setMessage(null);
    setProblem(null);
    const result = await call(
      api.POST('/api/cases/{id}/confirm-anonymisation', { params: { path: { id: item.caseId } } }),
    );
    setBusy(null);
    if (result.ok) {
      setMessage(
        result.data.anonymised
          ? t('retention.anonymised', { number: item.caseNumber })
          : t('retention.confirmed', { number: item.caseNumber }),
      );
      board.reload();
    } else setProblem(result.problem);
  }

  const columns: Column<RetentionItem>[] = [
    {
      key: 'case',
      header: t('retention.caseNumber'),
      rowHeader: true,
      cell: (item) =>
        caseWork ? (
          <Link to={`/cases/${encodeURIComponent(item.caseId)}`}>{item.caseNumber}</Link>
        ) : (
          item.caseNumber
        ),
    },
    { key: 'responsible', header: t('retention.responsible'), cell: (item) => item.responsible },
    { key: 'state', header: t('retention.state'), cell: (item) => t(`retention.states.${item.state}`) },
    { key: 'activity', header: t('retention.lastActivity'), cell: (item) => format.day(item.lastActivityOn) },
    { key: 'contact', header: t('retention.lastContact'), cell: (item) => format.day(item.lastContactOn) },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (item) =>
        item.state === 'review_due' || item.state === 'close_due' ? (
          <Button
            variant="secondary"
            aria-label={t('retention.decideLabel', { number: item.caseNumber })}
            onClick={() => {
              setMessage(null);
              setDeciding(item);
            }}
          >
            {t('retention.decide')}
          </Button>
        ) : item.state === 'awaiting_confirmation' ? (
          <Button
            variant="secondary"
            busy={busy === item.caseId}
            aria-label={t(isAdmin ? 'retention.approveLabel' : 'retention.confirmLabel', {
              number: item.caseNumber,
            })}
            onClick={() => void confirm(item)}
          >
            {isAdmin ? t('retention.approve') : t('retention.confirm')}
          </Button>
        ) : (
          t('common.none')
        ),
    },
  ];

  return (
    <Page title={t('retention.title')}>
      <p>{t('retention.intro')}</p>
      <StatusRegion message={message} focus />
      {problem ? <ProblemAlert problem={problem} /> : null}
      {board.result && !board.result.ok ? (
        <ProblemAlert problem={board.result.problem} onRetry={board.reload} />
      ) : null}
      {board.data ? (
        <DataTable
          caption={t('retention.caption')}
          columns={columns}
          rows={board.data.items}
          rowKey={(item) => item.caseId}
          empty={t('retention.empty')}
          busy={board.loading}
        />
      ) : board.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
      <Dialog
        open={deciding !== null}
        title={deciding ? t('retention.decideTitle', { number: deciding.caseNumber }) : ''}
        onClose={() => setDeciding(null)}
      >
        {deciding ? (
          <DecisionForm
            key={deciding.caseId}
            item={deciding}
            onCancel={() => setDeciding(null)}
            onDecided={() => {
              setMessage(t('retention.decided', { number: deciding.caseNumber }));
              setDeciding(null);
              board.reload();
            }}
          />
        ) : null}
      </Dialog>
    </Page>
  );
}

function DecisionForm({
  item,
  onCancel,
  onDecided,
}: {
  item: RetentionItem;
  onCancel: () => void;
  onDecided: () => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [decision, setDecision] = useState<'continue' | 'close'>('continue');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    const result = await call(
      api.POST('/api/cases/{id}/retention-decision', {
        params: { path: { id: item.caseId } },
        body: { decision, note: note.trim() === '' ? null : note.trim() },
      }),
    );
    setSubmitting(false);
    if (result.ok) onDecided();
    else setProblem(result.problem);
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary
        problem={problem}
        fields={{
          decision: { id: 'retention-decision', label: t('retention.decision') },
          note: { id: 'retention-note', label: t('retention.note') },
        }}
      />
      <RadioGroup
        id="retention-decision"
        legend={t('retention.decision')}
        options={[
          { value: 'continue', label: t('retention.continue') },
          { value: 'close', label: t('retention.close') },
        ]}
        value={decision}
        onValueChange={(value) => setDecision(value === 'close' ? 'close' : 'continue')}
      />
      <TextArea
        id="retention-note"
        label={t('retention.note')}
        optional
        dir="auto"
        maxLength={2000}
        value={note}
        onValueChange={setNote}
        error={text.fieldErrors(problem).note}
      />
      <div className="actions">
        <Button type="submit" busy={submitting}>
          {t('retention.submit')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
