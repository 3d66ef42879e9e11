import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { Loading } from '../../app/guards';
import { useSession } from '../../app/session';
import { Alert } from '../../ui/Alert';
import { Page } from '../../ui/Page';
import { SecondStepPanel } from '../secondfactor/SecondStepPanel';
import { LoginForm } from './LoginForm';
import { SsoFailure, SsoSignIn } from './SsoSignIn';

/** Where to go after signing in: the page the guard sent the user away from, else the start page. */
function returnPath(state: unknown): string {
  if (typeof state !== 'object' || state === null || !('from' in state)) return '/';
  const from = state.from;
  if (
    typeof from !== 'object' ||
    from === null ||
    !('pathname' in from) ||
    typeof from.pathname !== 'string'
  ) {
    return '/';
  }
  if (!from.pathname.startsWith('/') || from.pathname.startsWith('/login')) return '/';
  const search = 'search' in from && typeof from.search === 'string' ? from.search : '';
  return `${from.pathname}${search}`;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { state, signIn } = useSession();
  const location = useLocation();

  if (state.status === 'authenticated') return <Navigate to={returnPath(location.state)} replace />;

  return (
    <div className="login">
      <header className="login__header">
        <p className="header__product">{t('app.name')}</p>
        <LanguageSwitch />
      </header>
      <main id="main" className="login__main" tabIndex={-1}>
        <Page title={t('auth.title')}>
          {state.status === 'loading' ? (
            <Loading />
          ) : state.secondStep ? (
            <SecondStepPanel step={state.secondStep} />
          ) : (
            <>
              {state.reason === 'expired' ? <Alert kind="info">{t('auth.sessionExpired')}</Alert> : null}
              {state.reason === 'signedOut' ? <Alert kind="success">{t('auth.signedOut')}</Alert> : null}
              <SsoFailure />
              <p>{t('auth.intro')}</p>
              <LoginForm onSignIn={signIn} />
              <SsoSignIn returnTo={returnPath(location.state)} />
            </>
          )}
        </Page>
      </main>
    </div>
  );
}
