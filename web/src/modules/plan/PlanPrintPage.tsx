import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';

// Placeholder: being built (issue 6).
export function PlanPrintPage() {
  const { t } = useTranslation();
  return <Page title={t('plan.tab')}>{null}</Page>;
}
