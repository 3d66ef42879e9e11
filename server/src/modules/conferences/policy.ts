import type { CaseAccess } from '../cases/policy.js';
import { mayDo, type ConferenceStatus } from './domain.js';

/**
 * Who may do what with a case conference. A conference is case content: whoever may read the case file
 * (responsible case manager, delegates, a team lead who broke the glass) reads its conferences; whoever may
 * change the file (responsible, full delegate) plans, invites, records and cancels them — while the case
 * is open. Org admins, planners and DPOs see no case content, so no conferences either.
 */
export interface ConferenceFacts {
  access: Pick<CaseAccess, 'read' | 'write'>;
  caseOpen: boolean;
}

export const conferencePolicy = {
  read: (f: ConferenceFacts) => f.access.read,
  change: (f: ConferenceFacts) => f.access.write && f.caseOpen,
};

export interface ConferencePermissions {
  edit: boolean;
  invite: boolean;
  minutes: boolean;
  cancel: boolean;
}

/** What the web may offer on one conference: the policy and the status flow together. */
export function conferencePermissions(
  f: ConferenceFacts,
  conference: { status: ConferenceStatus; hasExternal: boolean },
): ConferencePermissions {
  const change = conferencePolicy.change(f);
  const may = (action: 'edit' | 'invite' | 'minutes' | 'cancel') =>
    change && mayDo(action, conference.status, conference.hasExternal);
  return { edit: may('edit'), invite: may('invite'), minutes: may('minutes'), cancel: may('cancel') };
}
