import type { Rule } from '../../core/policy.js';
import type { CaseAccess } from '../cases/policy.js';

/**
 * Who may do what with a case's referrals. Access to the case decides (cases/policy.ts): the case team reads
 * them; whoever may write journal entries (responsible case manager, full or journal delegate) refers and
 * records what happened — the linking is part of the running case documentation [000 L420–422]. A closed or
 * anonymised case is history: nothing is referred or changed any more.
 */
export interface ReferralCaseFacts {
  access: Pick<CaseAccess, 'read' | 'journal'>;
  /** The case is closed or anonymised. */
  closed: boolean;
}

export const referralPolicy = {
  read: ((_actor, c) => c.access.read) as Rule<ReferralCaseFacts>,
  /** Refer, change the status, record barriers and the partner's feedback. */
  write: ((_actor, c) => c.access.journal && !c.closed) as Rule<ReferralCaseFacts>,
};
