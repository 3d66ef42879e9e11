import { useCallback } from 'react';

/**
 * A partner type's name: the label of a custom type (the server sends those on the map), else the key.
 * TODO(networkmap): shipped types through the partner directory's texts once they exist.
 */
export function useTypeLabel(custom: Record<string, string>): (key: string) => string {
  return useCallback((key: string) => custom[key] ?? key, [custom]);
}
