import { useCallback, useEffect, useRef, useState } from 'react';
import { api, call } from '../../api/client';
import type { CaseView, Problem } from '../../api/types';

export type CaseFileState =
  { status: 'loading' } | { status: 'ok'; view: CaseView } | { status: 'problem'; problem: Problem };

export interface CaseFile {
  state: CaseFileState;
  /** Loads the case again; the current view stays on screen meanwhile. */
  reload: () => void;
  /** Takes over a view the server returned for an action (a phase move, a handover …). */
  replace: (view: CaseView) => void;
}

export function isCaseView(value: unknown): value is CaseView {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    'caseNumber' in value &&
    'version' in value &&
    'permissions' in value &&
    'allowedMoves' in value
  );
}

/**
 * The case file's central state. Every answer carries a sequence number; an answer that arrives after a
 * newer load or action is dropped, so a slow reload cannot undo what an action just returned.
 */
export function useCaseFile(caseId: string): CaseFile {
  const [entry, setEntry] = useState<{ caseId: string; state: CaseFileState }>({
    caseId,
    state: { status: 'loading' },
  });
  const sequence = useRef(0);

  const reload = useCallback(() => {
    const mine = ++sequence.current;
    void call(api.GET('/api/cases/{id}', { params: { path: { id: caseId } } })).then((result) => {
      if (mine !== sequence.current) return;
      setEntry({
        caseId,
        state: result.ok
          ? { status: 'ok', view: result.data }
          : { status: 'problem', problem: result.problem },
      });
    });
  }, [caseId]);

  useEffect(() => {
    reload();
  }, [reload]);

  const replace = useCallback(
    (view: CaseView) => {
      sequence.current++;
      setEntry({ caseId, state: { status: 'ok', view } });
    },
    [caseId],
  );

  const state: CaseFileState = entry.caseId === caseId ? entry.state : { status: 'loading' };
  return { state, reload, replace };
}
