import type { CaseView } from '../../api/types';

// Placeholder until issue 8's panel lands.
export function EvaluationPanel(_props: { view: CaseView }) {
  return null;
}
