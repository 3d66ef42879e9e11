import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldOfAction, GapOutcome, GapSource, GapStatus, GroupBy, Urgency } from './model';

/** The words the gap pages use for the codes the server sends. */
export function useGapLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      field: (field: FieldOfAction) => t(`gaps.field.${field}`),
      urgency: (urgency: Urgency) => t(`gaps.urgency.${urgency}`),
      source: (source: GapSource) => t(`gaps.source.${source}`),
      groupBy: (groupBy: GroupBy) => t(`gaps.groupBy.${groupBy}`),
      outcome: (outcome: GapOutcome) => t(`gaps.outcome.${outcome}`),
      status: (status: GapStatus, outcome?: GapOutcome | null) =>
        outcome
          ? t('gaps.statusWithOutcome', {
              status: t(`gaps.status.${status}`),
              outcome: t(`gaps.outcome.${outcome}`),
            })
          : t(`gaps.status.${status}`),
      /** A text that may be missing: the value, or "(keine Angabe)". */
      orNotGiven: (value: string | null | undefined) => value || t('gaps.notGiven'),
    }),
    [t],
  );
}
