import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { LOCALES, type Locale } from '../api/types';
import { changeLanguage, currentLanguage } from './i18n';
import { useSession } from './session';

/**
 * Deutsch / English. Each button is labelled in its own language (and marked with lang), so everyone finds
 * theirs. Signed-in users keep the choice on the server too.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { state, updateUser } = useSession();
  const [failed, setFailed] = useState(false);
  const language = currentLanguage();

  async function choose(locale: Locale) {
    setFailed(false);
    await changeLanguage(locale);
    if (state.status !== 'authenticated' || state.user.locale === locale) return;
    const result = await call(api.PATCH('/api/auth/preferences', { body: { locale } }));
    if (result.ok) updateUser(result.data);
    else setFailed(true);
  }

  return (
    <div className="language-switch">
      <fieldset className="language-switch__group">
        <legend className="visually-hidden">{t('language.label')}</legend>
        {LOCALES.map((locale) => (
          <button
            key={locale}
            type="button"
            lang={locale}
            className="language-switch__button"
            aria-pressed={language === locale}
            onClick={() => void choose(locale)}
          >
            {t(`language.${locale}`)}
          </button>
        ))}
      </fieldset>
      {failed ? (
        <p role="alert" className="language-switch__error">
          {t('language.saveFailed')}
        </p>
      ) : null}
    </div>
  );
}
