import { useMe } from '../../app/session';
import { CaseManagerDashboard } from './CaseManagerDashboard';
import { PlannerDashboard } from './PlannerDashboard';
import { TeamLeadDashboard } from './TeamLeadDashboard';

/**
 * The dashboards of the signed-in user's roles on the start page: the case manager's own work, the team lead's
 * team, the planning level's figures. Other roles see none.
 */
export function Dashboard() {
  const me = useMe();
  const caseManager = me.roles.includes('case_manager');
  return (
    <>
      {caseManager ? <CaseManagerDashboard userId={me.id} /> : null}
      {/* A team lead's own follow-ups (agreement reviews, tasks) are in the case manager's view if they have one. */}
      {me.roles.includes('team_lead') ? <TeamLeadDashboard withOwnFollowUps={!caseManager} /> : null}
      {me.roles.includes('planner') ? <PlannerDashboard /> : null}
    </>
  );
}
