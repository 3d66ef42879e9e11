import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { Problem } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { EnrolmentForm } from './EnrolmentForm';
import { RecoveryCodes } from './RecoveryCodes';
import type { Enrolment, SecondFactorView } from './types';

type Mode = { kind: 'view' } | { kind: 'setup'; enrolment: Enrolment } | { kind: 'codes'; codes: string[] };

/** The account page's second factor: set it up, see its state, renew the recovery codes, switch it off. */
export function SecondFactorSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const resource = useResource('second-factor', () => call(api.GET('/api/auth/second-factor')));
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const view = resource.data;

  async function start() {
    setStarting(true);
    setMessage(null);
    const result = await call(api.POST('/api/auth/second-factor'));
    setStarting(false);
    if (result.ok) setMode({ kind: 'setup', enrolment: result.data });
    else setProblem(result.problem);
  }

  async function confirm(code: string): Promise<Problem | null> {
    const result = await call(api.POST('/api/auth/second-factor/confirm', { body: { code } }));
    if (!result.ok) return result.problem;
    setMode({ kind: 'codes', codes: result.data.recoveryCodes });
    setMessage(t('secondFactor.account.confirmed'));
    return null;
  }

  function backToView(note: string | null = null) {
    setMode({ kind: 'view' });
    if (note !== null) setMessage(note);
    resource.reload();
  }

  let body;
  if (resource.result && !resource.result.ok)
    body = <ProblemAlert problem={resource.result.problem} onRetry={resource.reload} />;
  else if (view === null) body = <p>{t('app.loading')}</p>;
  else if (mode.kind === 'codes') body = <RecoveryCodes codes={mode.codes} onDone={() => backToView()} />;
  else if (mode.kind === 'setup') {
    body = <EnrolmentForm enrolment={mode.enrolment} onConfirm={confirm} onCancel={() => backToView()} />;
  } else if (view.status === 'confirmed') {
    body = (
      <>
        <p>
          {t('secondFactor.account.active', {
            date: format.date(view.confirmedAt),
            count: view.recoveryCodesLeft,
          })}
        </p>
        {view.requiredByOrganisation ? <p>{t('secondFactor.account.required')}</p> : null}
        <ReauthActions
          view={view}
          onCodes={(codes) => setMode({ kind: 'codes', codes })}
          onDisabled={() => backToView(t('secondFactor.account.disabled'))}
        />
      </>
    );
  } else {
    body = (
      <>
        <p>
          {view.requiredByOrganisation ? t('secondFactor.account.required') : t('secondFactor.account.none')}
        </p>
        {problem ? <ProblemAlert problem={problem} /> : null}
        <Button busy={starting} onClick={() => void start()}>
          {starting ? t('secondFactor.setup.starting') : t('secondFactor.setup.start')}
        </Button>
      </>
    );
  }

  return (
    <section aria-labelledby="account-second-factor">
      <h2 id="account-second-factor">{t('secondFactor.account.heading')}</h2>
      <StatusRegion message={mode.kind === 'view' ? message : null} />
      {body}
    </section>
  );
}

/** Renewing the recovery codes or switching off: the password or a current code confirms it. */
function ReauthActions({
  view,
  onCodes,
  onDisabled,
}: {
  view: SecondFactorView;
  onCodes: (codes: string[]) => void;
  onDisabled: () => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<'regenerate' | 'disable' | null>(null);
  const errors = text.fieldErrors(problem);
  const fields = {
    password: { id: 'reauth-password', label: t('secondFactor.account.password') },
    code: { id: 'reauth-code', label: t('secondFactor.code') },
  };

  async function act(action: 'regenerate' | 'disable', event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    if (busy) return;
    const body = code.trim() !== '' ? { code: code.trim() } : password !== '' ? { password } : {};
    setBusy(action);
    if (action === 'regenerate') {
      const result = await call(api.POST('/api/auth/second-factor/recovery-codes', { body }));
      setBusy(null);
      if (result.ok) onCodes(result.data.recoveryCodes);
      else setProblem(result.problem);
    } else {
      const result = await call(api.POST('/api/auth/second-factor/disable', { body }));
      setBusy(null);
      if (result.ok) onDisabled();
      else setProblem(result.problem);
    }
    setPassword('');
    setCode('');
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void act('regenerate', event)}>
      <ErrorSummary problem={problem} fields={fields} />
      <p>{t('secondFactor.account.reauthIntro')}</p>
      <div className="field-row">
        <TextField
          id={fields.password.id}
          type="password"
          autoComplete="current-password"
          label={fields.password.label}
          optional
          value={password}
          onValueChange={setPassword}
          error={errors.password}
        />
        <TextField
          id={fields.code.id}
          label={fields.code.label}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={12}
          optional
          value={code}
          onValueChange={setCode}
          error={errors.code}
        />
      </div>
      <p className="field__hint">{t('secondFactor.account.regenerateHint')}</p>
      <div className="actions">
        <Button type="submit" variant="secondary" busy={busy === 'regenerate'}>
          {t('secondFactor.account.regenerate')}
        </Button>
        {view.requiredByOrganisation ? null : (
          <Button variant="secondary" busy={busy === 'disable'} onClick={() => void act('disable')}>
            {t('secondFactor.account.disable')}
          </Button>
        )}
      </div>
      {view.requiredByOrganisation ? (
        <p className="field__hint">{t('secondFactor.account.requiredNoDisable')}</p>
      ) : null}
    </form>
  );
}
