import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setRequestLanguage } from '../../api/client';
import { isLocale, type Locale } from '../../api/types';
import { de } from './de';
import { en } from './en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof de };
  }
}

const STORAGE_KEY = 'lotse.language';
const DEFAULT_LANGUAGE: Locale = 'de';

function storedLanguage(): Locale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage can be blocked; German then
  }
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  setRequestLanguage(language);
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // the choice then lasts for this page only
  }
}

void i18n.use(initReactI18next).init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: ['de', 'en'],
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
  showSupportNotice: false,
});
i18n.on('languageChanged', applyLanguage);
applyLanguage(i18n.language);

export function currentLanguage(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

export async function changeLanguage(language: Locale): Promise<void> {
  if (i18n.language !== language) await i18n.changeLanguage(language);
}

export { i18n };
