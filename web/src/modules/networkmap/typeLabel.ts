import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isShippedType } from '../partners/model';

/**
 * A partner type's name: shipped types from the partner directory's texts, custom ones by the label the map
 * sends with them (so the map needs no second request for the type list).
 */
export function useTypeLabel(custom: Record<string, string>): (key: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (key: string) => (isShippedType(key) ? t(`partners.types.${key}`) : (custom[key] ?? key)),
    [custom, t],
  );
}
