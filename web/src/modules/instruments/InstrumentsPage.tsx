import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';

// Placeholder: being built (issue 5).
export function InstrumentsPage() {
  const { t } = useTranslation();
  return <Page title={t('instruments.title')}>{null}</Page>;
}
