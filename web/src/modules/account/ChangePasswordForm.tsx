import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { FieldProblem, Problem } from '../../api/types';
import { StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { useProblemText } from '../../ui/problemText';

const EMPTY = { currentPassword: '', newPassword: '', newPasswordRepeat: '' };

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const text = useProblemText();
  const [values, setValues] = useState(EMPTY);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(false);
  const errors = text.fieldErrors(problem);
  const set = (field: keyof typeof EMPTY) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setDone(false);
    const checks: FieldProblem[] = [];
    for (const field of ['currentPassword', 'newPassword', 'newPasswordRepeat'] as const) {
      if (values[field] === '') checks.push({ pointer: `/${field}`, code: 'required', message: '' });
    }
    if (values.newPasswordRepeat !== '' && values.newPassword !== values.newPasswordRepeat) {
      checks.push({ pointer: '/newPasswordRepeat', code: 'mismatch', message: '' });
    }
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.POST('/api/auth/password', {
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      }),
    );
    setSubmitting(false);
    if (!result.ok) {
      // A wrong current password comes as 401 invalid-credentials; show it at that field.
      setProblem(
        result.problem.code === 'invalid-credentials' && !result.problem.errors
          ? {
              ...result.problem,
              errors: [
                { pointer: '/currentPassword', code: 'invalid', message: text.message(result.problem) },
              ],
            }
          : result.problem,
      );
      return;
    }
    setProblem(null);
    setValues(EMPTY);
    setDone(true);
  }

  const fields = {
    currentPassword: { id: 'password-current', label: t('account.currentPassword') },
    newPassword: { id: 'password-new', label: t('account.newPassword') },
    newPasswordRepeat: { id: 'password-repeat', label: t('account.newPasswordRepeat') },
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary problem={problem} fields={fields} />
      <StatusRegion message={done ? t('account.passwordChanged') : null} />
      <TextField
        id={fields.currentPassword.id}
        type="password"
        autoComplete="current-password"
        label={fields.currentPassword.label}
        value={values.currentPassword}
        onValueChange={set('currentPassword')}
        error={errors.currentPassword}
      />
      <TextField
        id={fields.newPassword.id}
        type="password"
        autoComplete="new-password"
        label={fields.newPassword.label}
        hint={t('form.passwordHint')}
        minLength={12}
        value={values.newPassword}
        onValueChange={set('newPassword')}
        error={errors.newPassword}
      />
      <TextField
        id={fields.newPasswordRepeat.id}
        type="password"
        autoComplete="new-password"
        label={fields.newPasswordRepeat.label}
        value={values.newPasswordRepeat}
        onValueChange={set('newPasswordRepeat')}
        error={errors.newPasswordRepeat}
      />
      <Button type="submit" busy={submitting}>
        {submitting ? t('common.saving') : t('account.submit')}
      </Button>
    </form>
  );
}
