import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { Option } from '../../ui/fields';
import { useResource, type Resource } from '../../ui/useResource';
import { isShippedType, SHIPPED_PARTNER_TYPES, type PartnerType } from './model';

export interface PartnerTypes {
  resource: Resource<{ items: PartnerType[] }>;
  /** All types, custom ones included (archived too, so partners that have one still show its name). */
  types: readonly PartnerType[];
  /** The name of a type key in the UI language: shipped types from the texts, custom ones by their label. */
  label: (key: string) => string;
  /**
   * The types a partner may be given: shipped and not archived custom ones; for a shared partner only the
   * shared directory's. A partner's current type stays in the list even when archived.
   */
  options: (forShared: boolean, current?: string) => Option[];
}

/** The partner types of the visible directory (GET /api/partner-types), for labels and choices. */
export function usePartnerTypes(): PartnerTypes {
  const { t, i18n } = useTranslation();
  const resource = useResource('partner-types', () => call(api.GET('/api/partner-types')));
  const types = resource.data?.items;
  return useMemo(() => {
    // Until the list is loaded (or when it cannot be), the shipped types are known anyway.
    const all: readonly PartnerType[] =
      types ??
      SHIPPED_PARTNER_TYPES.map((key) => ({ key, label: null, scope: 'shipped', id: null, archived: false }));
    const label = (key: string): string => {
      if (isShippedType(key)) return t(`partners.types.${key}`);
      return all.find((type) => type.key === key)?.label ?? key;
    };
    const collator = new Intl.Collator(i18n.language);
    const options = (forShared: boolean, current?: string): Option[] => {
      const usable = all.filter(
        (type) =>
          type.scope === 'shipped' ||
          type.key === current ||
          (!type.archived && (!forShared || type.scope === 'shared')),
      );
      const keys = [...new Set(usable.map((type) => type.key))];
      // "Sonstige" stays last; the rest in alphabetical order of the UI language.
      return keys
        .map((key) => ({ value: key, label: label(key) }))
        .sort((a, b) =>
          a.value === 'other' ? 1 : b.value === 'other' ? -1 : collator.compare(a.label, b.label),
        );
    };
    return { resource, types: all, label, options };
  }, [types, resource, t, i18n.language]);
}
