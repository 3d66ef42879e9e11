import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { Problem } from '../../api/types';
import { useMe } from '../../app/session';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { CheckboxField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { useResource } from '../../ui/useResource';
import { FollowUpForm } from './FollowUpForm';
import { FollowUpTable } from './FollowUpTable';

const PAGE_SIZE = 25;

/** Meine Wiedervorlagen: open ones with the overdue at the top (the server's order), personal tasks too. */
export function MyFollowUpsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const [includeDone, setIncludeDone] = useState(false);
  const [page, setPage] = useState(1);
  const [generation, setGeneration] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const followUps = useResource(`${includeDone}:${page}:${generation}`, () =>
    call(
      api.GET('/api/follow-ups/mine', {
        params: { query: { page, pageSize: PAGE_SIZE, ...(includeDone ? { includeDone: true } : {}) } },
      }),
    ),
  );

  function changed(note: string) {
    setProblem(null);
    setMessage(note);
    setGeneration((g) => g + 1);
  }

  const data = followUps.data;
  return (
    <Page title={t('followUps.title')}>
      <StatusRegion message={message} focus />
      {problem ? <ProblemAlert problem={problem} /> : null}
      <CheckboxField
        id="follow-ups-done"
        label={t('followUps.includeDone')}
        checked={includeDone}
        onCheckedChange={(checked) => {
          setIncludeDone(checked);
          setPage(1);
        }}
      />
      {followUps.result && !followUps.result.ok ? (
        <ProblemAlert problem={followUps.result.problem} onRetry={followUps.reload} />
      ) : null}
      {data ? (
        <>
          <FollowUpTable
            caption={t('followUps.caption')}
            items={data.items}
            busy={followUps.loading}
            show="case"
            canChange={(f) => f.assignee.id === me.id}
            onChanged={changed}
            onProblem={(next) => {
              setProblem(next);
              if (next.code === 'version-conflict') setGeneration((g) => g + 1);
            }}
          />
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
        </>
      ) : followUps.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
      <section aria-labelledby="personal-task" className="panel">
        <h2 id="personal-task">{t('followUps.personalHeading')}</h2>
        <FollowUpForm
          prefix="personal-task"
          caseId={null}
          submitLabel={t('followUps.submitPersonal')}
          onSaved={(saved) => changed(t('followUps.added', { date: format.day(saved.dueOn) }))}
        />
      </section>
    </Page>
  );
}
