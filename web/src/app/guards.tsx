import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { mayUse, type NavKey } from './navigation';
import { useMe, useSession } from './session';
import { ForbiddenPage } from './ErrorPages';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

/** Only signed-in users get past; everyone else goes to the sign-in page, which brings them back here. */
export function RequireSignIn() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') {
    // After signing out there is no page to return to; otherwise come back to where the user wanted to go.
    const from = state.reason === 'signedOut' ? undefined : location;
    return <Navigate to="/login" replace state={from ? { from } : null} />;
  }
  return <Outlet />;
}

/** Shows "Kein Zugriff" instead of a page the user's roles do not allow. */
export function RequireArea({ area, children }: { area: NavKey; children: ReactNode }) {
  const me = useMe();
  return mayUse(me.roles, area) ? children : <ForbiddenPage />;
}
