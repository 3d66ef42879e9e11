import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../api/types';

// Placeholder: being built (issue 5).
export function AssessmentPanel({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  return <p data-case={view.id}>{t('assessment.tab')}</p>;
}
