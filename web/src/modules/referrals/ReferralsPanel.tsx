import type { CaseView } from '../../api/types';

// Placeholder until issue 7's panel lands.
export function ReferralsPanel(_props: { view: CaseView }) {
  return null;
}
