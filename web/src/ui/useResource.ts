import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { ApiResult } from '../api/client';

export interface Resource<T> {
  /** The result for the current key, or null while it loads. */
  result: ApiResult<T> | null;
  /** The latest data loaded, also for an earlier key: keeps a table in place while the next page loads. */
  data: T | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data for a key (e.g. the query string of a list) and reloads when the key changes. Answers for an
 * outdated key are dropped, so a slow earlier request cannot overwrite a newer one.
 */
export function useResource<T>(key: string, load: () => Promise<ApiResult<T>>): Resource<T> {
  const [generation, setGeneration] = useState(0);
  const [entry, setEntry] = useState<{ key: string; result: ApiResult<T> } | null>(null);
  const [data, setData] = useState<T | null>(null);
  const requestKey = `${generation}:${key}`;

  const run = useEffectEvent(load);
  useEffect(() => {
    let current = true;
    void run().then((result) => {
      if (!current) return;
      setEntry({ key: requestKey, result });
      if (result.ok) setData(result.data);
    });
    return () => {
      current = false;
    };
  }, [requestKey]);

  const result = entry?.key === requestKey ? entry.result : null;
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { result, data, loading: result === null, reload };
}
