import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { Problem } from '../../api/types';
import { ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { useFormat } from '../../ui/format';
import { useResource } from '../../ui/useResource';

/** On the org admin's user page: the person's second factor, and resetting it (a lost phone). */
export function SecondFactorAdmin({
  userId,
  displayName,
  onChanged,
}: {
  userId: string;
  displayName: string;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const resource = useResource(`second-factor:${userId}`, () =>
    call(api.GET('/api/users/{id}/second-factor', { params: { path: { id: userId } } })),
  );
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const view = resource.data;

  async function reset() {
    setBusy(true);
    const result = await call(
      api.DELETE('/api/users/{id}/second-factor', { params: { path: { id: userId } } }),
    );
    setBusy(false);
    setAsking(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    resource.reload();
    onChanged(t('secondFactor.admin.resetDone'));
  }

  if (resource.result && !resource.result.ok) return <ProblemAlert problem={resource.result.problem} />;
  if (view === null) return null;
  const state =
    view.status === 'confirmed'
      ? t('secondFactor.admin.active', { date: format.date(view.confirmedAt) })
      : view.status === 'pending'
        ? t('secondFactor.admin.pending')
        : t('secondFactor.admin.none');

  return (
    <section aria-labelledby="user-second-factor">
      <h2 id="user-second-factor">{t('secondFactor.admin.heading')}</h2>
      <p>{state}</p>
      {problem ? <ProblemAlert problem={problem} /> : null}
      {view.status === 'none' ? null : asking ? (
        <div role="group" aria-labelledby="reset-question">
          <p id="reset-question">{t('secondFactor.admin.resetConfirm', { name: displayName })}</p>
          <div className="actions">
            <Button busy={busy} onClick={() => void reset()}>
              {t('secondFactor.admin.reset')}
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <>
          <p className="field__hint">{t('secondFactor.admin.resetHint')}</p>
          <Button variant="secondary" onClick={() => setAsking(true)}>
            {t('secondFactor.admin.reset')}
          </Button>
        </>
      )}
    </section>
  );
}
