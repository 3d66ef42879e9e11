import type { CaseView } from '../../api/types';

// Placeholder until issue 7's panel lands.
export function ConferencesPanel(_props: { view: CaseView }) {
  return null;
}
