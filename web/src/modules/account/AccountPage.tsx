import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { Page } from '../../ui/Page';
import { SecondFactorSection } from '../secondfactor/SecondFactorSection';
import { ChangePasswordForm } from './ChangePasswordForm';

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('account.title')}>
      <section aria-labelledby="account-data">
        <h2 id="account-data">{t('account.dataHeading')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('account.displayName')}</dt>
            <dd>{me.displayName}</dd>
          </div>
          <div>
            <dt>{t('account.username')}</dt>
            <dd>{me.username}</dd>
          </div>
          <div>
            <dt>{t('account.email')}</dt>
            <dd>{me.email ?? t('account.noEmail')}</dd>
          </div>
          <div>
            <dt>{t('account.organisation')}</dt>
            <dd>{me.organisation.name}</dd>
          </div>
          <div>
            <dt>{t('account.roles')}</dt>
            <dd>{me.roles.map((role) => t(`roles.${role}`)).join(', ')}</dd>
          </div>
          <div>
            <dt>{t('account.orgUnits')}</dt>
            <dd>
              {me.orgUnits.length > 0 ? me.orgUnits.map((unit) => unit.name).join(', ') : t('common.none')}
            </dd>
          </div>
          <div>
            <dt>{t('account.language')}</dt>
            <dd>{t(`language.${me.locale}`)}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="account-password">
        <h2 id="account-password">{t('account.passwordHeading')}</h2>
        <ChangePasswordForm />
      </section>
      <SecondFactorSection />
    </Page>
  );
}
