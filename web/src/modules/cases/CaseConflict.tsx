import { useTranslation } from 'react-i18next';
import type { CaseView, Problem } from '../../api/types';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { isCaseView } from './useCaseFile';

/** The case changed meanwhile; offers the current state sent with the conflict (or a reload without it). */
export function CaseConflict({
  problem,
  onUseCurrent,
}: {
  problem: Problem;
  onUseCurrent: (current: CaseView | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <ConflictNotice
      heading={t('caseFile.conflictHeading')}
      text={t('caseFile.conflictText')}
      hint={t('caseFile.conflictHint')}
      action={t('caseFile.conflictReload')}
      onAction={() => onUseCurrent(isCaseView(problem.current) ? problem.current : null)}
    />
  );
}
