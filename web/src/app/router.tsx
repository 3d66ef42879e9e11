import type { RouteObject } from 'react-router';
import { LoginPage } from '../modules/auth/LoginPage';
import { HomePage } from '../modules/home/HomePage';
import { AccountPage } from '../modules/account/AccountPage';
import { UsersPage } from '../modules/users/UsersPage';
import { UserCreatePage } from '../modules/users/UserCreatePage';
import { UserEditPage } from '../modules/users/UserEditPage';
import { OrgUnitsPage } from '../modules/organisation/OrgUnitsPage';
import { OrganisationsPage } from '../modules/organisation/OrganisationsPage';
import { AuditPage } from '../modules/audit/AuditPage';
import { CaseFilePage } from '../modules/cases/CaseFilePage';
import { CaseOpenPage } from '../modules/cases/CaseOpenPage';
import { CasesPage } from '../modules/cases/CasesPage';
import { ClientCreatePage } from '../modules/clients/ClientCreatePage';
import { ClientPage } from '../modules/clients/ClientPage';
import { ClientsPage } from '../modules/clients/ClientsPage';
import { MyFollowUpsPage } from '../modules/followups/MyFollowUpsPage';
import { SettingsPage } from '../modules/settings/SettingsPage';
import { TeamPage } from '../modules/team/TeamPage';
import { ErrorPage, NotFoundPage } from './ErrorPages';
import { RequireArea, RequireSignIn } from './guards';
import { Shell } from './Shell';

/** The app's routes; main.tsx puts them into a browser router, tests into a memory router. */
export const routes: RouteObject[] = [
  {
    errorElement: <ErrorPage />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: <RequireSignIn />,
        children: [
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
