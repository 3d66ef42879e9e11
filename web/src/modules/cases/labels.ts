import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_KINDS, isOneOf, JOURNAL_KINDS, PHASES } from '../../api/types';

/** Labels for the case codes; values the UI does not know yet are shown as they are. */
export function useCaseLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      phase: (value: string): string => (isOneOf(PHASES, value) ? t(`codes.phase.${value}`) : value),
      kind: (value: string): string => (isOneOf(CASE_KINDS, value) ? t(`codes.caseKind.${value}`) : value),
      journalKind: (value: string): string =>
        isOneOf(JOURNAL_KINDS, value) ? t(`codes.journalKind.${value}`) : value,
    }),
    [t],
  );
}
