import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { Page } from '../../ui/Page';
import { Dashboard } from '../dashboards/Dashboard';

/** The start page: the dashboards of the user's roles, then who they are in Lotse. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('home.title')} heading={t('home.greeting', { name: me.displayName })}>
      <Dashboard />
      <dl className="facts">
        <div>
          <dt>{t('home.organisation')}</dt>
          <dd>{me.organisation.name}</dd>
        </div>
        <div>
          <dt>{t('home.roles')}</dt>
          <dd>
            <ul className="plain-list">
              {me.roles.map((role) => (
                <li key={role}>{t(`roles.${role}`)}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('home.orgUnits')}</dt>
          <dd>
            {me.orgUnits.length === 0 ? (
              t('home.noOrgUnits')
            ) : (
              <ul className="plain-list">
                {me.orgUnits.map((unit) => (
                  <li key={unit.id}>{unit.name}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </Page>
  );
}
