import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { FieldProblem, OrgUnit, Problem, User } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { SecondFactorAdmin } from '../secondfactor/SecondFactorAdmin';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxField, TextField } from '../../ui/fields';
import { isLockedAt, useFormat, useMountTime } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import {
  checkUserFields,
  orgUnitOptions,
  useGrantableRoles,
  useUserFieldRefs,
  UserFields,
  valuesOf,
  type UserFieldValues,
} from './userForm';

function isUser(value: unknown): value is User {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof User, unknown>>;
  return (
    typeof candidate.id === 'string' &&
    typeof candidate.version === 'number' &&
    typeof candidate.displayName === 'string' &&
    Array.isArray(candidate.roles) &&
    Array.isArray(candidate.orgUnits)
  );
}

/** The newer of two copies of the same user, by version. */
function newer(a: User | null, b: User | null): User | null {
  if (a === null) return b;
  if (b === null || b.id !== a.id) return a;
  return b.version > a.version ? b : a;
}

export function UserEditPage() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  const loaded = useResource(userId, () =>
    call(api.GET('/api/users/{id}', { params: { path: { id: userId } } })),
  );
  const orgUnits = useResource('org-units', () =>
    call(api.GET('/api/org-units', { params: { query: { includeArchived: true } } })),
  );
  // A newer copy than the loaded one: the answer of a save, or the current state from a conflict.
  const [known, setKnown] = useState<User | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  // loaded.data stays while a reload runs, so the forms stay in place (and keep the focus).
  const fromServer = loaded.data?.id === userId ? loaded.data : null;
  const user = newer(fromServer, known?.id === userId ? known : null);

  function accept(next: User, note: string | null) {
    setKnown(next);
    setMessage(note);
  }

  function reloadWith(note: string) {
    setMessage(note);
    loaded.reload();
  }

  return (
    <Page
      title={t('users.editTitle')}
      heading={user ? `${t('users.editTitle')}: ${user.displayName}` : undefined}
    >
      <p>
        <Link to="/admin/users">{t('common.backToList')}</Link>
      </p>
      <StatusRegion message={message} />
      {loaded.result && !loaded.result.ok ? (
        <ProblemAlert problem={loaded.result.problem} onRetry={loaded.reload} />
      ) : null}
      {user === null ? (
        loaded.loading ? (
          <p role="status">{t('app.loading')}</p>
        ) : null
      ) : (
        <>
          <UserMeta user={user} />
          <section aria-labelledby="user-data">
            <h2 id="user-data">{t('users.dataHeading')}</h2>
            <UserEditForm
              key={`${user.id}:${user.version}`}
              user={user}
              orgUnits={orgUnits.data?.items ?? []}
              onSaved={(saved) => accept(saved, t('users.saved'))}
              onUseCurrent={(current) => (current ? accept(current, null) : loaded.reload())}
            />
          </section>
          <LockSection user={user} onChanged={reloadWith} />
          <ResetPasswordSection userId={user.id} onDone={reloadWith} />
          <SecondFactorAdmin userId={user.id} displayName={user.displayName} onChanged={reloadWith} />
        </>
      )}
    </Page>
  );
}

function UserMeta({ user }: { user: User }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="facts facts--small">
      <div>
        <dt>{t('users.username')}</dt>
        <dd>{user.username}</dd>
      </div>
      <div>
        <dt>{t('users.lastLogin')}</dt>
        <dd>{format.dateTime(user.lastLoginAt, t('users.never'))}</dd>
      </div>
      <div>
        <dt>{t('users.createdAt')}</dt>
        <dd>{format.dateTime(user.createdAt)}</dd>
      </div>
      <div>
        <dt>{t('users.updatedAt')}</dt>
        <dd>{format.dateTime(user.updatedAt)}</dd>
      </div>
    </dl>
  );
}

interface UserEditFormProps {
  user: User;
  orgUnits: readonly OrgUnit[];
  onSaved: (user: User) => void;
  /** Replace the form with the current state; null when the server did not send it (then reload). */
  onUseCurrent: (current: User | null) => void;
}

function UserEditForm({ user, orgUnits, onSaved, onUseCurrent }: UserEditFormProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const grantable = useGrantableRoles();
  const refs = useUserFieldRefs('user-edit');
  const [values, setValues] = useState<UserFieldValues>(() => valuesOf(user));
  const [active, setActive] = useState(user.active);
  const [ftePercent, setFtePercent] = useState(String(user.ftePercent));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  // Roles this editor may not grant or take away stay as they are.
  const keptRoles = user.roles.filter((role) => !grantable.includes(role));
  const conflict = problem?.code === 'version-conflict' ? problem : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const roles = [...values.roles.filter((role) => grantable.includes(role)), ...keptRoles];
    const checks: FieldProblem[] = checkUserFields({ ...values, roles });
    const fte = ftePercent.trim();
    if (!/^\d+$/.test(fte)) checks.push({ pointer: '/ftePercent', code: 'wholeNumber', message: '' });
    else if (Number(fte) > 100) {
      checks.push({ pointer: '/ftePercent', code: 'maximum', message: '', params: { limit: 100 } });
    }
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const email = values.email.trim();
    const result = await call(
      api.PATCH('/api/users/{id}', {
        params: { path: { id: user.id } },
        body: {
          version: user.version,
          displayName: values.displayName.trim(),
          email: email === '' ? null : email,
          roles,
          orgUnitIds: values.orgUnitIds,
          active,
          ftePercent: Number(ftePercent.trim()),
        },
      }),
    );
    setSubmitting(false);
    if (result.ok) onSaved(result.data);
    else setProblem(result.problem);
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {conflict ? (
        <ConflictNotice
          current={isUser(conflict.current) ? conflict.current : null}
          onUseCurrent={onUseCurrent}
        />
      ) : (
        <ErrorSummary
          problem={problem}
          fields={{
            ...refs,
            active: { id: 'user-edit-active', label: t('users.activeLabel') },
            ftePercent: { id: 'user-edit-fte', label: t('users.ftePercent') },
          }}
        />
      )}
      <UserFields
        prefix="user-edit"
        values={{ ...values, roles: values.roles.filter((role) => grantable.includes(role)) }}
        onChange={setValues}
        errors={errors}
        keptRoles={keptRoles}
        orgUnits={orgUnitOptions(orgUnits, user.orgUnits, (name) => t('users.archived', { name }))}
      />
      <TextField
        id="user-edit-fte"
        label={t('users.ftePercent')}
        hint={t('users.ftePercentHint')}
        inputMode="numeric"
        autoComplete="off"
        maxLength={3}
        value={ftePercent}
        onValueChange={setFtePercent}
        error={errors.ftePercent}
      />
      <CheckboxField
        id="user-edit-active"
        label={t('users.activeLabel')}
        hint={t('users.activeHint')}
        checked={active}
        onCheckedChange={setActive}
      />
      <Button type="submit" busy={submitting}>
        {submitting ? t('common.saving') : t('common.save')}
      </Button>
    </form>
  );
}

/** Optimistic locking lost: show what is stored now and let the user start again from it. */
function ConflictNotice({
  current,
  onUseCurrent,
}: {
  current: User | null;
  onUseCurrent: (current: User | null) => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1}>
      <h2 className="error-summary__title">{t('users.conflictHeading')}</h2>
      {current ? (
        <>
          <p>{t('users.conflictText')}</p>
          <dl className="facts facts--small">
            <div>
              <dt>{t('users.displayName')}</dt>
              <dd>{current.displayName}</dd>
            </div>
            <div>
              <dt>{t('users.email')}</dt>
              <dd>{current.email ?? t('common.none')}</dd>
            </div>
            <div>
              <dt>{t('users.roles')}</dt>
              <dd>{current.roles.map((role) => t(`roles.${role}`)).join(', ')}</dd>
            </div>
            <div>
              <dt>{t('users.orgUnits')}</dt>
              <dd>{current.orgUnits.map((unit) => unit.name).join(', ')}</dd>
            </div>
            <div>
              <dt>{t('users.status')}</dt>
              <dd>{current.active ? t('users.active') : t('users.inactive')}</dd>
            </div>
            <div>
              <dt>{t('users.ftePercent')}</dt>
              <dd>{current.ftePercent}</dd>
            </div>
          </dl>
        </>
      ) : null}
      <p className="field__hint">{t('users.conflictHint')}</p>
      <Button variant="secondary" onClick={() => onUseCurrent(current)}>
        {t('users.conflictReload')}
      </Button>
    </div>
  );
}

function LockSection({ user, onChanged }: { user: User; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useMountTime();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const locked = isLockedAt(user.lockedUntil, now);

  async function unlock() {
    setBusy(true);
    const result = await call(api.POST('/api/users/{id}/unlock', { params: { path: { id: user.id } } }));
    setBusy(false);
    if (result.ok) {
      setProblem(null);
      onChanged(t('users.unlocked'));
    } else setProblem(result.problem);
  }

  return (
    <section aria-labelledby="user-lock">
      <h2 id="user-lock">{t('users.lockHeading')}</h2>
      {problem ? <ProblemAlert problem={problem} /> : null}
      {locked ? (
        <>
          <p>{t('users.lockedText', { time: format.dateTime(user.lockedUntil) })}</p>
          <Button variant="secondary" busy={busy} onClick={() => void unlock()}>
            {t('users.unlock')}
          </Button>
        </>
      ) : (
        <p>{t('users.notLocked')}</p>
      )}
    </section>
  );
}

function ResetPasswordSection({ userId, onDone }: { userId: string; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [newPassword, setNewPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  const field = { id: 'user-reset-password', label: t('users.newPassword') };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (newPassword === '') {
      setProblem(clientValidationProblem([{ pointer: '/newPassword', code: 'required', message: '' }]));
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.POST('/api/users/{id}/password', { params: { path: { id: userId } }, body: { newPassword } }),
    );
    setSubmitting(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    setNewPassword('');
    onDone(t('users.passwordReset'));
  }

  return (
    <section aria-labelledby="user-password">
      <h2 id="user-password">{t('users.passwordHeading')}</h2>
      <p>{t('users.passwordIntro')}</p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary problem={problem} fields={{ newPassword: field }} />
        <TextField
          id={field.id}
          type="password"
          autoComplete="new-password"
          label={field.label}
          hint={t('form.passwordHint')}
          value={newPassword}
          onValueChange={setNewPassword}
          error={errors.newPassword}
        />
        <Button type="submit" variant="secondary" busy={submitting}>
          {t('users.passwordSubmit')}
        </Button>
      </form>
    </section>
  );
}
