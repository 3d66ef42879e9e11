import { QRCodeSVG } from 'qrcode.react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { clientValidationProblem } from '../../api/problem';
import type { Problem } from '../../api/types';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { useProblemText } from '../../ui/problemText';
import type { Enrolment } from './types';

/** "JBSW Y3DP …": groups of four are easier to type from the screen. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Setting up the authenticator app: the QR code (with the secret as text for typing by hand), then the first
 * code from the app confirms it. Used on the account page and at a sign-in that requires the factor.
 */
export function EnrolmentForm({
  enrolment,
  onConfirm,
  onCancel,
}: {
  enrolment: Enrolment;
  /** Resolves to null when confirmed, or to the server's problem. */
  onConfirm: (code: string) => Promise<Problem | null>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (code.trim() === '') {
      setProblem(clientValidationProblem([{ pointer: '/code', code: 'required', message: '' }]));
      return;
    }
    setSubmitting(true);
    const result = await onConfirm(code.trim());
    setSubmitting(false);
    if (result !== null) {
      setProblem(result);
      setCode('');
    }
  }

  return (
    <div className="enrolment">
      <p>{t('secondFactor.setup.step1')}</p>
      <QRCodeSVG
        value={enrolment.otpauthUri}
        size={192}
        marginSize={2}
        role="img"
        aria-label={t('secondFactor.setup.qrLabel')}
      />
      <p id="enrolment-manual">{t('secondFactor.setup.manual')}</p>
      <p>
        <span className="visually-hidden">{t('secondFactor.setup.secretLabel')}: </span>
        <code
          className="enrolment__secret"
          data-secret={enrolment.secret}
          aria-describedby="enrolment-manual"
        >
          {grouped(enrolment.secret)}
        </code>
      </p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary
          problem={problem}
          fields={{ code: { id: 'enrolment-code', label: t('secondFactor.code') } }}
        />
        <p>{t('secondFactor.setup.step2')}</p>
        <TextField
          id="enrolment-code"
          label={t('secondFactor.code')}
          hint={t('secondFactor.codeHint')}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={12}
          value={code}
          onValueChange={setCode}
          error={errors.code}
        />
        <div className="actions">
          <Button type="submit" busy={submitting}>
            {submitting ? t('secondFactor.setup.confirming') : t('secondFactor.setup.confirm')}
          </Button>
          {onCancel ? (
            <Button variant="secondary" onClick={onCancel}>
              {t('secondFactor.setup.cancel')}
            </Button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
