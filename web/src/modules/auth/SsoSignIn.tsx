import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { Alert } from '../../ui/Alert';

/** How the server's callback tells the sign-in page why single sign-on ended without a session. */
const FAILURE_KINDS = ['failed', 'refused', 'unavailable'] as const;
type FailureKind = (typeof FAILURE_KINDS)[number];

function failureKind(value: string | null): FailureKind | null {
  return FAILURE_KINDS.find((kind) => kind === value) ?? null;
}

/** Why single sign-on did not work (after the provider sent the browser back): announced at once. */
export function SsoFailure() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const kind = failureKind(params.get('sso'));
  return kind ? <Alert kind="error">{t(`sso.${kind}`)}</Alert> : null;
}

/**
 * "Mit Behördenkonto anmelden": shown only when the server offers single sign-on (GET /api/auth/sso).
 * A plain link — the browser goes to the provider and comes back signed in, so no script runs in between.
 */
export function SsoSignIn({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  const [startUrl, setStartUrl] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    void call(api.GET('/api/auth/sso')).then((result) => {
      if (active && result.ok && result.data.enabled) setStartUrl(result.data.startUrl);
    });
    return () => {
      active = false;
    };
  }, []);

  if (startUrl === null) return null;
  const href = returnTo === '/' ? startUrl : `${startUrl}?returnTo=${encodeURIComponent(returnTo)}`;
  return (
    <div>
      <p>{t('sso.or')}</p>
      <a className="button button--secondary" href={href}>
        {t('sso.button')}
      </a>
    </div>
  );
}
