import { lazy, Suspense } from 'react';
import { Outlet, type RouteObject } from 'react-router';
import { LoginPage } from '../modules/auth/LoginPage';
import { HomePage } from '../modules/home/HomePage';
import { AccountPage } from '../modules/account/AccountPage';
import { ErrorPage, NotFoundPage } from './ErrorPages';
import { Loading, RequireArea, RequireSignIn } from './guards';
import { Shell } from './Shell';

// Pages beyond the start page load on first use, so signing in does not wait for every module.
const UsersPage = lazy(() =>
  import('../modules/users/UsersPage').then((module) => ({ default: module.UsersPage })),
);
const UserCreatePage = lazy(() =>
  import('../modules/users/UserCreatePage').then((module) => ({ default: module.UserCreatePage })),
);
const UserEditPage = lazy(() =>
  import('../modules/users/UserEditPage').then((module) => ({ default: module.UserEditPage })),
);
const OrgUnitsPage = lazy(() =>
  import('../modules/organisation/OrgUnitsPage').then((module) => ({ default: module.OrgUnitsPage })),
);
const OrganisationsPage = lazy(() =>
  import('../modules/organisation/OrganisationsPage').then((module) => ({
    default: module.OrganisationsPage,
  })),
);
const AuditPage = lazy(() =>
  import('../modules/audit/AuditPage').then((module) => ({ default: module.AuditPage })),
);
const CaseFilePage = lazy(() =>
  import('../modules/cases/CaseFilePage').then((module) => ({ default: module.CaseFilePage })),
);
const CaseOpenPage = lazy(() =>
  import('../modules/cases/CaseOpenPage').then((module) => ({ default: module.CaseOpenPage })),
);
const CasesPage = lazy(() =>
  import('../modules/cases/CasesPage').then((module) => ({ default: module.CasesPage })),
);
const ClientCreatePage = lazy(() =>
  import('../modules/clients/ClientCreatePage').then((module) => ({ default: module.ClientCreatePage })),
);
const ClientPage = lazy(() =>
  import('../modules/clients/ClientPage').then((module) => ({ default: module.ClientPage })),
);
const ClientsPage = lazy(() =>
  import('../modules/clients/ClientsPage').then((module) => ({ default: module.ClientsPage })),
);
const MyFollowUpsPage = lazy(() =>
  import('../modules/followups/MyFollowUpsPage').then((module) => ({ default: module.MyFollowUpsPage })),
);
const SettingsPage = lazy(() =>
  import('../modules/settings/SettingsPage').then((module) => ({ default: module.SettingsPage })),
);
const TeamPage = lazy(() =>
  import('../modules/team/TeamPage').then((module) => ({ default: module.TeamPage })),
);
const ConsentPrintPage = lazy(() =>
  import('../modules/consent/ConsentPrintPage').then((module) => ({ default: module.ConsentPrintPage })),
);
const ConsentTemplatesPage = lazy(() =>
  import('../modules/consent/ConsentTemplatesPage').then((module) => ({
    default: module.ConsentTemplatesPage,
  })),
);
const ExportPage = lazy(() =>
  import('../modules/privacy/ExportPage').then((module) => ({ default: module.ExportPage })),
);
const DisclosuresPage = lazy(() =>
  import('../modules/privacy/DisclosuresPage').then((module) => ({ default: module.DisclosuresPage })),
);
const RequestsPage = lazy(() =>
  import('../modules/privacy/RequestsPage').then((module) => ({ default: module.RequestsPage })),
);
const RetentionPage = lazy(() =>
  import('../modules/privacy/RetentionPage').then((module) => ({ default: module.RetentionPage })),
);

const InstrumentsPage = lazy(() =>
  import('../modules/instruments/InstrumentsPage').then((module) => ({ default: module.InstrumentsPage })),
);
const InstrumentPage = lazy(() =>
  import('../modules/instruments/InstrumentPage').then((module) => ({ default: module.InstrumentPage })),
);
const AssessmentPage = lazy(() =>
  import('../modules/assessment/AssessmentPage').then((module) => ({ default: module.AssessmentPage })),
);
const AssessmentComparePage = lazy(() =>
  import('../modules/assessment/AssessmentComparePage').then((module) => ({
    default: module.AssessmentComparePage,
  })),
);
const PlanPrintPage = lazy(() =>
  import('../modules/plan/PlanPrintPage').then((module) => ({ default: module.PlanPrintPage })),
);
const ProgressPrintPage = lazy(() =>
  import('../modules/assessment/ProgressPrintPage').then((module) => ({ default: module.ProgressPrintPage })),
);

const PartnersPage = lazy(() =>
  import('../modules/partners/PartnersPage').then((module) => ({ default: module.PartnersPage })),
);
const PartnerPage = lazy(() =>
  import('../modules/partners/PartnerPage').then((module) => ({ default: module.PartnerPage })),
);
const AgreementsPage = lazy(() =>
  import('../modules/agreements/AgreementsPage').then((module) => ({ default: module.AgreementsPage })),
);
const AgreementPage = lazy(() =>
  import('../modules/agreements/AgreementPage').then((module) => ({ default: module.AgreementPage })),
);
const GapReportsPage = lazy(() =>
  import('../modules/gaps/GapReportsPage').then((module) => ({ default: module.GapReportsPage })),
);
const GapReportPage = lazy(() =>
  import('../modules/gaps/GapReportPage').then((module) => ({ default: module.GapReportPage })),
);
const GapPlanningPage = lazy(() =>
  import('../modules/gaps/GapPlanningPage').then((module) => ({ default: module.GapPlanningPage })),
);
const NetworkMapPage = lazy(() =>
  import('../modules/networkmap/NetworkMapPage').then((module) => ({ default: module.NetworkMapPage })),
);
const ConferencePage = lazy(() =>
  import('../modules/conferences/ConferencePage').then((module) => ({ default: module.ConferencePage })),
);

const StatisticsPage = lazy(() =>
  import('../modules/statistics/StatisticsPage').then((module) => ({ default: module.StatisticsPage })),
);

/** The app's routes; main.tsx puts them into a browser router, tests into a memory router. */
export const routes: RouteObject[] = [
  {
    errorElement: <ErrorPage />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: <RequireSignIn />,
        children: [
          // Print views: no shell around them, so the page prints as the form alone.
          {
            path: 'print',
            element: (
              <Suspense fallback={<Loading />}>
                <Outlet />
              </Suspense>
            ),
            children: [
              { path: 'consent/:kind/:language', element: <ConsentPrintPage /> },
              {
                path: 'plan/:caseId',
                element: (
                  <RequireArea area="cases">
                    <PlanPrintPage />
                  </RequireArea>
                ),
              },
              {
                path: 'progress/:caseId',
                element: (
                  <RequireArea area="cases">
                    <ProgressPrintPage />
                  </RequireArea>
                ),
              },
              {
                path: 'export/:clientId',
                element: (
                  <RequireArea area="cases">
                    <ExportPage />
                  </RequireArea>
                ),
              },
            ],
          },
          {
            element: <Shell />,
            children: [
              { index: true, element: <HomePage /> },
              { path: 'account', element: <AccountPage /> },
              {
                path: 'cases',
                element: (
                  <RequireArea area="cases">
                    <CasesPage />
                  </RequireArea>
                ),
              },
              {
                path: 'cases/new',
                element: (
                  <RequireArea area="cases">
                    <CaseOpenPage />
                  </RequireArea>
                ),
              },
              {
                path: 'cases/:caseId',
                element: (
                  <RequireArea area="cases">
                    <CaseFilePage />
                  </RequireArea>
                ),
              },
              {
                path: 'cases/:caseId/assessments/compare',
                element: (
                  <RequireArea area="cases">
                    <AssessmentComparePage />
                  </RequireArea>
                ),
              },
              {
                path: 'cases/:caseId/assessments/:assessmentId',
                element: (
                  <RequireArea area="cases">
                    <AssessmentPage />
                  </RequireArea>
                ),
              },
              {
                path: 'network/partners',
                element: (
                  <RequireArea area="partners">
                    <PartnersPage />
                  </RequireArea>
                ),
              },
              {
                path: 'network/partners/:partnerId',
                element: (
                  <RequireArea area="partners">
                    <PartnerPage />
                  </RequireArea>
                ),
              },
              {
                path: 'network/agreements',
                element: (
                  <RequireArea area="agreements">
                    <AgreementsPage />
                  </RequireArea>
                ),
              },
              {
                path: 'network/agreements/:agreementId',
                element: (
                  <RequireArea area="agreements">
                    <AgreementPage />
                  </RequireArea>
                ),
              },
              {
                path: 'network/map',
                element: (
                  <RequireArea area="networkMap">
                    <NetworkMapPage />
                  </RequireArea>
                ),
              },
              {
                path: 'gaps',
                element: (
                  <RequireArea area="gapReports">
                    <GapReportsPage />
                  </RequireArea>
                ),
              },
              {
                path: 'gaps/:reportId',
                element: (
                  <RequireArea area="gapReports">
                    <GapReportPage />
                  </RequireArea>
                ),
              },
              {
                path: 'planning/gaps',
                element: (
                  <RequireArea area="gapPlanning">
                    <GapPlanningPage />
                  </RequireArea>
                ),
              },
              {
                path: 'cases/:caseId/conferences/:conferenceId',
                element: (
                  <RequireArea area="cases">
                    <ConferencePage />
                  </RequireArea>
                ),
              },
              {
                path: 'statistics',
                element: (
                  <RequireArea area="statistics">
                    <StatisticsPage />
                  </RequireArea>
                ),
              },
              {
                path: 'statistics/:preset',
                element: (
                  <RequireArea area="statistics">
                    <StatisticsPage />
                  </RequireArea>
                ),
              },
              {
                path: 'admin/instruments',
                element: (
                  <RequireArea area="instruments">
                    <InstrumentsPage />
                  </RequireArea>
                ),
              },
              {
                path: 'admin/instruments/:templateId',
                element: (
                  <RequireArea area="instruments">
                    <InstrumentPage />
                  </RequireArea>
                ),
              },
              {
                path: 'clients',
                element: (
                  <RequireArea area="clients">
                    <ClientsPage />
                  </RequireArea>
                ),
              },
              // Registering and opening a client belong to case work: team leads reach them from cases too.
              {
                path: 'clients/new',
                element: (
                  <RequireArea area="cases">
                    <ClientCreatePage />
                  </RequireArea>
                ),
              },
              {
                path: 'clients/:clientId',
                element: (
                  <RequireArea area="cases">
                    <ClientPage />
                  </RequireArea>
                ),
              },
              {
                path: 'follow-ups',
                element: (
                  <RequireArea area="followUps">
                    <MyFollowUpsPage />
                  </RequireArea>
                ),
              },
              {
                path: 'team',
                element: (
                  <RequireArea area="team">
                    <TeamPage />
                  </RequireArea>
                ),
              },
              {
                path: 'admin/settings',
                element: (
                  <RequireArea area="settings">
                    <SettingsPage />
                  </RequireArea>
                ),
              },
              {
                path: 'admin/consent-templates',
                element: (
                  <RequireArea area="consentTemplates">
                    <ConsentTemplatesPage />
                  </RequireArea>
                ),
              },
              {
                path: 'retention',
                element: (
                  <RequireArea area="retention">
                    <RetentionPage />
                  </RequireArea>
                ),
              },
              {
                path: 'disclosures',
                element: (
                  <RequireArea area="disclosures">
                    <DisclosuresPage />
                  </RequireArea>
                ),
              },
              {
                path: 'requests',
                element: (
                  <RequireArea area="requests">
                    <RequestsPage />
                  </RequireArea>
                ),
              },
              {
                path: 'admin/users',
                element: (
                  <RequireArea area="users">
                    <UsersPage />
                  </RequireArea>
                ),
              },
              {
                path: 'admin/users/new',
                element: (
                  <RequireArea area="users">
                    <UserCreatePage />
                  </RequireArea>
                ),
              },
              {
                path: 'admin/users/:userId',
                element: (
                  <RequireArea area="users">
                    <UserEditPage />
                  </RequireArea>
                ),
              },
              {
                path: 'admin/org-units',
                element: (
                  <RequireArea area="orgUnits">
                    <OrgUnitsPage />
                  </RequireArea>
                ),
              },
              {
                path: 'admin/organisations',
                element: (
                  <RequireArea area="organisations">
                    <OrganisationsPage />
                  </RequireArea>
                ),
              },
              {
                path: 'audit',
                element: (
                  <RequireArea area="audit">
                    <AuditPage />
                  </RequireArea>
                ),
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];
