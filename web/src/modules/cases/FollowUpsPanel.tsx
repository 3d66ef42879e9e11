import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { CaseView, Colleague, Problem } from '../../api/types';
import { useMe } from '../../app/session';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import type { Option } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { useResource } from '../../ui/useResource';
import { FollowUpForm } from '../followups/FollowUpForm';
import { FollowUpTable } from '../followups/FollowUpTable';

interface PanelProps {
  view: CaseView;
  colleagues: readonly Colleague[];
  onChanged: () => void;
}

/**
 * Who may be assigned a follow-up of this case: oneself, the responsible case manager and the active
 * delegates (the server accepts no one else).
 */
export function assigneeOptions(
  view: CaseView,
  me: { id: string; displayName: string },
  meLabel: string,
): Option[] {
  const options: Option[] = [{ value: me.id, label: meLabel }];
  const add = (id: string, name: string) => {
    if (!options.some((o) => o.value === id)) options.push({ value: id, label: name });
  };
  add(view.responsible.id, view.responsible.displayName);
  for (const delegation of view.delegations) {
    if (delegation.active) add(delegation.delegate.id, delegation.delegate.displayName);
  }
  return options;
}

/** Wiedervorlagen of the case: open ones first; set new ones, mark done, reopen. */
export function FollowUpsPanel({ view, onChanged }: PanelProps) {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const [generation, setGeneration] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const canWrite = view.permissions.journal && view.phase !== 'closed';
  const followUps = useResource(`${view.id}:${generation}`, () =>
    call(api.GET('/api/cases/{id}/follow-ups', { params: { path: { id: view.id } } })),
  );

  function changed(note: string) {
    setProblem(null);
    setMessage(note);
    setGeneration((g) => g + 1);
    onChanged();
  }

  return (
    <>
      <h2>{t('caseFile.tabFollowUps')}</h2>
      <StatusRegion message={message} focus />
      {problem ? <ProblemAlert problem={problem} /> : null}
      {followUps.result && !followUps.result.ok ? (
        <ProblemAlert problem={followUps.result.problem} onRetry={followUps.reload} />
      ) : null}
      {followUps.data ? (
        <FollowUpTable
          caption={t('followUps.caseCaption')}
          items={followUps.data.items}
          busy={followUps.loading}
          show="assignee"
          canChange={() => canWrite}
          onChanged={changed}
          onProblem={(next) => {
            setProblem(next);
            if (next.code === 'version-conflict') setGeneration((g) => g + 1);
          }}
        />
      ) : followUps.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
      {canWrite ? (
        <section aria-labelledby="follow-up-new" className="panel">
          <h3 id="follow-up-new">{t('followUps.newHeading')}</h3>
          <FollowUpForm
            prefix="follow-up-new"
            caseId={view.id}
            assignees={assigneeOptions(view, me, t('followUps.me', { name: me.displayName }))}
            defaultAssignee={me.id}
            submitLabel={t('followUps.submit')}
            onSaved={(saved) => changed(t('followUps.added', { date: format.day(saved.dueOn) }))}
          />
        </section>
      ) : null}
    </>
  );
}
