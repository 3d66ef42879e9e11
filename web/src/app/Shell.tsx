import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { NotificationsMenu } from '../modules/notifications/NotificationsMenu';
import { Loading } from './guards';
import { LanguageSwitch } from './LanguageSwitch';
import { SessionTimeout } from './SessionTimeout';
import { navigationFor } from './navigation';
import { useMe, useSession } from './session';

/** The frame around every page of a signed-in user: header, main navigation by role, main content. */
export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <header className="header">
        <div className="header__inner">
          <p className="header__brand">
            <span className="header__product">{t('app.name')}</span>
            <span className="header__organisation">
              <span className="visually-hidden">{t('app.organisation')}: </span>
              {me.organisation.name}
            </span>
          </p>
          <div className="header__tools">
            <p className="header__user">
              <span className="visually-hidden">{t('app.signedInAs')} </span>
              {me.displayName}
            </p>
            {me.roles.includes('case_manager') || me.roles.includes('team_lead') ? (
              <NotificationsMenu />
            ) : null}
            <LanguageSwitch />
            <button type="button" className="button button--header" onClick={() => void signOut()}>
              {t('app.signOut')}
            </button>
          </div>
        </div>
        <nav className="main-nav" aria-label={t('nav.label')}>
          <ul className="main-nav__list">
            {navigationFor(me.roles).map((item) => (
              <li key={item.key}>
                <NavLink
                  to={item.path}
                  end={item.path === '/'}
                  data-nav={item.key}
                  className="main-nav__link"
                >
                  {t(`nav.${item.key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <SessionTimeout />
    </div>
  );
}
