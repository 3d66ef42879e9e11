import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { FieldProblem, Problem } from '../../api/types';
import { ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import {
  checkUserFields,
  orgUnitOptions,
  useUserFieldRefs,
  UserFields,
  type UserFieldValues,
} from './userForm';

export function UserCreatePage() {
  const { t } = useTranslation();
  const text = useProblemText();
  const navigate = useNavigate();
  const orgUnits = useResource('org-units', () => call(api.GET('/api/org-units')));
  const [username, setUsername] = useState('');
  const [initialPassword, setInitialPassword] = useState('');
  const [values, setValues] = useState<UserFieldValues>({
    displayName: '',
    email: '',
    roles: [],
    orgUnitIds: [],
  });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  const refs = {
    username: { id: 'user-new-username', label: t('users.username') },
    ...useUserFieldRefs('user-new'),
    initialPassword: { id: 'user-new-password', label: t('users.initialPassword') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checks: FieldProblem[] = [];
    if (username.trim() === '') checks.push({ pointer: '/username', code: 'required', message: '' });
    checks.push(...checkUserFields(values));
    if (initialPassword === '') checks.push({ pointer: '/initialPassword', code: 'required', message: '' });
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const email = values.email.trim();
    const result = await call(
      api.POST('/api/users', {
        body: {
          username: username.trim(),
          displayName: values.displayName.trim(),
          ...(email !== '' ? { email } : {}),
          roles: values.roles,
          orgUnitIds: values.orgUnitIds,
          initialPassword,
        },
      }),
    );
    setSubmitting(false);
    if (!result.ok) {
      // username-taken concerns one field: show it there even if the server sends no errors[].
      setProblem(
        result.problem.code === 'username-taken' && !result.problem.errors
          ? { ...result.problem, errors: [{ pointer: '/username', code: 'taken', message: '' }] }
          : result.problem,
      );
      return;
    }
    void navigate('/admin/users', {
      state: { flash: t('users.created', { name: result.data.displayName }) },
    });
  }

  return (
    <Page title={t('users.create')}>
      <p>
        <Link to="/admin/users">{t('common.backToList')}</Link>
      </p>
      {orgUnits.result && !orgUnits.result.ok ? (
        <ProblemAlert problem={orgUnits.result.problem} onRetry={orgUnits.reload} />
      ) : null}
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary problem={problem} fields={refs} />
        <TextField
          id={refs.username.id}
          label={refs.username.label}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onValueChange={setUsername}
          error={errors.username}
        />
        <UserFields
          prefix="user-new"
          values={values}
          onChange={setValues}
          errors={errors}
          orgUnits={orgUnitOptions(orgUnits.data?.items ?? [], [], (name) => t('users.archived', { name }))}
        />
        <TextField
          id={refs.initialPassword.id}
          type="password"
          autoComplete="new-password"
          label={refs.initialPassword.label}
          hint={t('users.initialPasswordHint')}
          value={initialPassword}
          onValueChange={setInitialPassword}
          error={errors.initialPassword}
        />
        <Button type="submit" busy={submitting}>
          {submitting ? t('common.saving') : t('users.createSubmit')}
        </Button>
      </form>
    </Page>
  );
}
