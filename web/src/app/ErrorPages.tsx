import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { Page } from '../ui/Page';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('pages.notFoundTitle')}>
      <p>{t('pages.notFoundText')}</p>
      <p>
        <Link to="/">{t('pages.toHome')}</Link>
      </p>
    </Page>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('pages.forbiddenTitle')}>
      <p>{t('pages.forbiddenText')}</p>
      <p>
        <Link to="/">{t('pages.toHome')}</Link>
      </p>
    </Page>
  );
}

/** Shown by the router when rendering a page throws; deliberately plain, it must not fail itself. */
export function ErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <main id="main" className="standalone">
        <NotFoundPage />
      </main>
    );
  }
  return (
    <main id="main" className="standalone">
      <Page title={t('pages.errorTitle')}>
        <p>{t('pages.errorText')}</p>
        <p className="actions">
          <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
            {t('pages.reload')}
          </button>
          <a href="/">{t('pages.toHome')}</a>
        </p>
      </Page>
    </main>
  );
}
