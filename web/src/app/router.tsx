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
