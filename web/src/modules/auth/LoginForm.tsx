import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { clientValidationProblem } from '../../api/problem';
import type { FieldProblem, Problem } from '../../api/types';
import type { Credentials } from '../../app/session';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { useProblemText } from '../../ui/problemText';

interface LoginFormProps {
  /** Resolves to null when signed in, or to the problem the server reported. */
  onSignIn: (credentials: Credentials) => Promise<Problem | null>;
}

export function LoginForm({ onSignIn }: LoginFormProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const missing: FieldProblem[] = [];
    if (username.trim() === '') missing.push({ pointer: '/username', code: 'required', message: '' });
    if (password === '') missing.push({ pointer: '/password', code: 'required', message: '' });
    if (missing.length > 0) {
      setProblem(clientValidationProblem(missing));
      return;
    }
    setSubmitting(true);
    const result = await onSignIn({ username: username.trim(), password });
    setSubmitting(false);
    if (result !== null) {
      setProblem(result);
      setPassword('');
    }
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary
        problem={problem}
        fields={{
          username: { id: 'login-username', label: t('auth.username') },
          password: { id: 'login-password', label: t('auth.password') },
        }}
      />
      <TextField
        id="login-username"
        name="username"
        label={t('auth.username')}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={username}
        onValueChange={setUsername}
        error={errors.username}
      />
      <TextField
        id="login-password"
        name="password"
        type="password"
        label={t('auth.password')}
        autoComplete="current-password"
        value={password}
        onValueChange={setPassword}
        error={errors.password}
      />
      <Button type="submit" busy={submitting}>
        {submitting ? t('auth.submitting') : t('auth.submit')}
      </Button>
    </form>
  );
}
