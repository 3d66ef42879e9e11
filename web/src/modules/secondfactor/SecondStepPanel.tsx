import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { Problem, SessionInfo } from '../../api/types';
import { useSession, type SecondStep } from '../../app/session';
import { ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { useProblemText } from '../../ui/problemText';
import { EnrolmentForm } from './EnrolmentForm';
import { RecoveryCodes } from './RecoveryCodes';
import type { Enrolment } from './types';

/** The sign-in page after a right password when a second step is needed. */
export function SecondStepPanel({ step }: { step: SecondStep }) {
  const { t } = useTranslation();
  const { restartSignIn } = useSession();
  const heading = useRef<HTMLHeadingElement>(null);
  // The sign-in form (and the focused button) is gone: the new step's heading takes the focus and is read out.
  useEffect(() => {
    heading.current?.focus();
  }, [step]);
  return (
    <>
      <h2 id="second-step-heading" ref={heading} tabIndex={-1}>
        {step === 'verify' ? t('secondFactor.signIn.heading') : t('secondFactor.signIn.enrolHeading')}
      </h2>
      {step === 'verify' ? <CodeForm /> : <SignInEnrolment />}
      <p>
        <Button variant="secondary" onClick={restartSignIn}>
          {t('secondFactor.signIn.restart')}
        </Button>
      </p>
    </>
  );
}

function CodeForm() {
  const { t } = useTranslation();
  const text = useProblemText();
  const { finishSignIn } = useSession();
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  const field = recovery
    ? { key: 'recoveryCode', id: 'signin-recovery-code', label: t('secondFactor.recoveryCode') }
    : { key: 'code', id: 'signin-code', label: t('secondFactor.code') };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (value.trim() === '') {
      setProblem(clientValidationProblem([{ pointer: `/${field.key}`, code: 'required', message: '' }]));
      return;
    }
    setSubmitting(true);
    const body = recovery ? { recoveryCode: value.trim() } : { code: value.trim() };
    const result = await call(api.POST('/api/auth/login/second-factor', { body }));
    setSubmitting(false);
    if (result.ok) {
      finishSignIn(result.data);
      return;
    }
    setProblem(result.problem);
    setValue('');
  }

  function toggle() {
    setRecovery((r) => !r);
    setValue('');
    setProblem(null);
  }

  return (
    <section aria-labelledby="second-step-heading">
      <p>{recovery ? t('secondFactor.signIn.introRecovery') : t('secondFactor.signIn.intro')}</p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary problem={problem} fields={{ [field.key]: { id: field.id, label: field.label } }} />
        {recovery ? (
          <TextField
            key="recovery"
            id={field.id}
            label={field.label}
            hint={t('secondFactor.recoveryCodeHint')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            value={value}
            onValueChange={setValue}
            error={errors.recoveryCode}
          />
        ) : (
          <TextField
            key="code"
            id={field.id}
            label={field.label}
            hint={t('secondFactor.codeHint')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={12}
            value={value}
            onValueChange={setValue}
            error={errors.code}
          />
        )}
        <div className="actions">
          <Button type="submit" busy={submitting}>
            {submitting ? t('secondFactor.signIn.submitting') : t('secondFactor.signIn.submit')}
          </Button>
          <Button variant="secondary" onClick={toggle}>
            {recovery ? t('secondFactor.signIn.useApp') : t('secondFactor.signIn.useRecovery')}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** The organisation requires a second factor that this person has not set up: set up first, then go on. */
function SignInEnrolment() {
  const { t } = useTranslation();
  const { finishSignIn } = useSession();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<{ session: SessionInfo; recoveryCodes: string[] } | null>(null);

  useEffect(() => {
    let active = true;
    void call(api.POST('/api/auth/login/enrolment')).then((result) => {
      if (!active) return;
      if (result.ok) setEnrolment(result.data);
      else setProblem(result.problem);
    });
    return () => {
      active = false;
    };
  }, []);

  async function confirm(code: string): Promise<Problem | null> {
    const result = await call(api.POST('/api/auth/login/enrolment/confirm', { body: { code } }));
    if (!result.ok) return result.problem;
    const { recoveryCodes, ...session } = result.data;
    setDone({ session, recoveryCodes });
    return null;
  }

  if (done) {
    return (
      <RecoveryCodes
        codes={done.recoveryCodes}
        doneLabel={t('secondFactor.signIn.continue')}
        onDone={() => finishSignIn(done.session)}
      />
    );
  }
  return (
    <section aria-labelledby="second-step-heading">
      <p>{t('secondFactor.signIn.enrolIntro')}</p>
      {problem ? <ProblemAlert problem={problem} /> : null}
      {enrolment ? <EnrolmentForm enrolment={enrolment} onConfirm={confirm} /> : null}
    </section>
  );
}
