import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isOneOf } from '../../api/types';
import { useFormat } from '../../ui/format';
import { usePrivacyLabels } from '../consent/labels';
import { BARRIERS, dateOf, FIELDS_OF_ACTION, type Referral, type ReferralStatus } from './model';

/** How a referral reads in the list and the details: title, step, status with its day, waiting time. */
export function useReferralLabels() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const privacy = usePrivacyLabels();
  return useMemo(() => {
    const languageNames =
      typeof Intl.DisplayNames === 'function'
        ? new Intl.DisplayNames([i18n.language], { type: 'language' })
        : null;
    return {
      title: (r: Referral) => r.offer?.title ?? `${r.partner.name} (${t('referrals.noOffer')})`,
      step: (r: Referral) =>
        r.planStep ? r.planStep.what : r.planStepId ? t('referrals.stepGone') : t('referrals.noStep'),
      status: (status: ReferralStatus) => t(`referrals.status.${status}`),
      statusWithDate: (r: Referral) =>
        t('referrals.statusOn', { status: t(`referrals.status.${r.status}`), date: format.day(dateOf(r)) }),
      waiting: (r: Referral) =>
        r.waitingDays === null
          ? t('referrals.none')
          : r.startedOn === null
            ? t('referrals.waitingOpen', { count: r.waitingDays })
            : t('referrals.days', { count: r.waitingDays }),
      barrier: (b: string) => (isOneOf(BARRIERS, b) ? t(`referrals.barriers.${b}`) : b),
      barriers: (list: readonly string[]) =>
        list.map((b) => (isOneOf(BARRIERS, b) ? t(`referrals.barriers.${b}`) : b)).join(', '),
      field: (f: string | null) => (isOneOf(FIELDS_OF_ACTION, f) ? t(`gaps.field.${f}`) : (f ?? '')),
      language: (code: string) => languageNames?.of(code) ?? code,
      categories: (list: readonly string[]) => privacy.categories(list),
    };
  }, [t, i18n.language, format, privacy]);
}
