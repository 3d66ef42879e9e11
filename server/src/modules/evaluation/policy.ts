import type { Rule } from '../../core/policy.js';
import type { CaseAccess } from '../cases/policy.js';

/**
 * Who may do what with the evaluation and closure of a case. Access to the case decides (cases/policy.ts):
 * the case team reads the evaluation; the people who may change the case file (the responsible case manager
 * and a full delegate) evaluate, close, reopen and convert it. A team lead sees it only after breaking the
 * glass and even then changes nothing. A closed case is history until it is reopened; an anonymised case is
 * never reopened — the person comes back as a new case [001 L1193–1230].
 */
export interface EvaluationCaseFacts {
  access: Pick<CaseAccess, 'read' | 'write'>;
  closed: boolean;
  anonymised: boolean;
}

export const evaluationPolicy = {
  read: ((_actor, c) => c.access.read) as Rule<EvaluationCaseFacts>,
  /** Fill in and change the evaluation (a draft while the case runs). */
  edit: ((_actor, c) => c.access.write && !c.closed && !c.anonymised) as Rule<EvaluationCaseFacts>,
  /** The formal closure (Entpflichtung). */
  close: ((_actor, c) => c.access.write && !c.closed && !c.anonymised) as Rule<EvaluationCaseFacts>,
  reopen: ((_actor, c) => c.access.write && c.closed && !c.anonymised) as Rule<EvaluationCaseFacts>,
  /** Counselling ⇄ case management, while the case runs. */
  changeKind: ((_actor, c) => c.access.write && !c.closed && !c.anonymised) as Rule<EvaluationCaseFacts>,
};
