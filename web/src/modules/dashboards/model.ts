import type { paths } from '../../api/schema';

// The dashboards' shapes, derived from the generated schema.
type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;

export type CaseManagerDashboard = Json<paths['/api/dashboard/case-manager']['get']['responses'][200]>;
export type CaseManagerQuery = NonNullable<
  paths['/api/dashboard/case-manager']['get']['parameters']['query']
>;
export type TeamLeadDashboard = Json<paths['/api/dashboard/team-lead']['get']['responses'][200]>;
export type PlannerDashboard = Json<paths['/api/dashboard/planner']['get']['responses'][200]>;

export type DashboardFollowUp = CaseManagerDashboard['followUps']['items'][number];
export type ReviewDue = CaseManagerDashboard['reviewsDue']['items'][number];
export type QuietCase = CaseManagerDashboard['noContact']['items'][number];
export type ExpiringConsent = CaseManagerDashboard['expiringConsents']['items'][number];
export type CaseloadRow = TeamLeadDashboard['caseloads']['rows'][number];
export type RetentionStateDue = keyof TeamLeadDashboard['retention']['byState'];
export type SatisfactionRow = PlannerDashboard['evaluations']['satisfaction'][number];
export type LifeSituationRow = PlannerDashboard['evaluations']['lifeSituation'][number];
export type ReferralFieldRow = PlannerDashboard['referrals']['byField'][number];

/** Lists on the case manager's dashboard that page on the server. */
export type CaseManagerList = 'followUps' | 'reviews' | 'noContact' | 'consents';
export type ListPages = Record<CaseManagerList, number>;
export const FIRST_PAGES: ListPages = { followUps: 1, reviews: 1, noContact: 1, consents: 1 };

export const DASHBOARD_PAGE_SIZE = 5;

export const RETENTION_STATES_DUE: readonly RetentionStateDue[] = [
  'review_due',
  'close_due',
  'awaiting_confirmation',
  'anonymise_due',
];

/** The query for the case manager's dashboard: each list's page (page 1 is left out). */
export function caseManagerQuery(pages: ListPages): CaseManagerQuery {
  const page = (n: number) => (n > 1 ? n : undefined);
  const query: CaseManagerQuery = { pageSize: DASHBOARD_PAGE_SIZE };
  const followUpsPage = page(pages.followUps);
  const reviewsPage = page(pages.reviews);
  const noContactPage = page(pages.noContact);
  const consentsPage = page(pages.consents);
  return {
    ...query,
    ...(followUpsPage ? { followUpsPage } : {}),
    ...(reviewsPage ? { reviewsPage } : {}),
    ...(noContactPage ? { noContactPage } : {}),
    ...(consentsPage ? { consentsPage } : {}),
  };
}
