import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../api/types';

// Placeholder: being built (issue 6).
export function PlanPanel({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  return <p data-case={view.id}>{t('plan.tab')}</p>;
}
