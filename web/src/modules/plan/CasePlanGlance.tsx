import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { useResource } from '../../ui/useResource';
import { Glance } from './PlanView';

/**
 * The plan's status at a glance on the case overview: goals by attainment, overdue steps, steps planned for
 * the next 30 days and the next review. Nothing while the case has no plan.
 */
export function CasePlanGlance({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const plan = useResource(`plan-glance:${caseId}`, () =>
    call(api.GET('/api/cases/{id}/plan', { params: { path: { id: caseId } } })),
  );
  const current = plan.data?.plan;
  if (!current) return null;
  return (
    <>
      <Glance plan={current} />
      <p>
        <Link to="?tab=plan">{t('plan.panel.overviewLink')}</Link>
      </p>
    </>
  );
}
