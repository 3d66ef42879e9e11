import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../api/types';
import { ROLES, type NamedRef, type OrgUnit, type Role, type User } from '../../api/types';
import { useMe } from '../../app/session';
import { CheckboxGroup, TextField, type Option } from '../../ui/fields';
import type { FieldRef } from '../../ui/ErrorSummary';

/** The part of a user that create and edit forms share. */
export interface UserFieldValues {
  displayName: string;
  email: string;
  roles: Role[];
  orgUnitIds: string[];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Roles the signed-in user may grant. Only an installation admin may grant installation_admin (the server
 * enforces it; the form does not offer what would be refused).
 */
export function useGrantableRoles(): Role[] {
  const me = useMe();
  return ROLES.filter((role) => role !== 'installation_admin' || me.roles.includes('installation_admin'));
}

/** Active org units, plus archived ones the user still belongs to (so saving does not silently drop them). */
export function orgUnitOptions(
  units: readonly OrgUnit[],
  assigned: readonly NamedRef[],
  archivedLabel: (name: string) => string,
): Option[] {
  const options = units
    .filter((unit) => !unit.archived || assigned.some((a) => a.id === unit.id))
    .map((unit) => ({ value: unit.id, label: unit.archived ? archivedLabel(unit.name) : unit.name }));
  for (const unit of assigned) {
    if (!options.some((o) => o.value === unit.id)) options.push({ value: unit.id, label: unit.name });
  }
  return options;
}

export function useUserFieldRefs(prefix: string): Record<keyof UserFieldValues, FieldRef> {
  const { t } = useTranslation();
  return {
    displayName: { id: `${prefix}-display-name`, label: t('users.displayName') },
    email: { id: `${prefix}-email`, label: t('users.email') },
    roles: { id: `${prefix}-roles`, label: t('users.roles') },
    orgUnitIds: { id: `${prefix}-org-units`, label: t('users.orgUnits') },
  };
}

interface UserFieldsProps {
  prefix: string;
  values: UserFieldValues;
  onChange: (values: UserFieldValues) => void;
  errors: Record<string, string>;
  orgUnits: readonly Option[];
  /** Roles the user has that this form may not change; kept and named below the checkboxes. */
  keptRoles?: readonly Role[];
}

export function UserFields({ prefix, values, onChange, errors, orgUnits, keptRoles = [] }: UserFieldsProps) {
  const { t } = useTranslation();
  const grantable = useGrantableRoles();
  const refs = useUserFieldRefs(prefix);
  return (
    <>
      <TextField
        id={refs.displayName.id}
        label={refs.displayName.label}
        autoComplete="off"
        value={values.displayName}
        onValueChange={(displayName) => onChange({ ...values, displayName })}
        error={errors.displayName}
      />
      <TextField
        id={refs.email.id}
        type="email"
        label={refs.email.label}
        optional
        autoComplete="off"
        value={values.email}
        onValueChange={(email) => onChange({ ...values, email })}
        error={errors.email}
      />
      <CheckboxGroup
        id={refs.roles.id}
        legend={refs.roles.label}
        options={grantable.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        values={values.roles}
        onValuesChange={(selected) => onChange({ ...values, roles: selected.filter(isRole) })}
        error={errors.roles}
      >
        {keptRoles.map((role) => (
          <p key={role} className="field__hint">
            {t('users.keptRole', { role: t(`roles.${role}`) })}
          </p>
        ))}
      </CheckboxGroup>
      <CheckboxGroup
        id={refs.orgUnitIds.id}
        legend={refs.orgUnitIds.label}
        options={orgUnits}
        values={values.orgUnitIds}
        onValuesChange={(orgUnitIds) => onChange({ ...values, orgUnitIds })}
        error={errors.orgUnitIds}
      />
    </>
  );
}

export function valuesOf(user: User): UserFieldValues {
  return {
    displayName: user.displayName,
    email: user.email ?? '',
    roles: [...user.roles],
    orgUnitIds: user.orgUnits.map((unit) => unit.id),
  };
}

/** The checks the form can make before sending; the server checks the same and more. */
export function checkUserFields(values: UserFieldValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (values.displayName.trim() === '')
    problems.push({ pointer: '/displayName', code: 'required', message: '' });
  if (values.roles.length === 0) {
    problems.push({ pointer: '/roles', code: 'minItems', message: '', params: { limit: 1 } });
  }
  if (values.orgUnitIds.length === 0) {
    problems.push({ pointer: '/orgUnitIds', code: 'minItems', message: '', params: { limit: 1 } });
  }
  return problems;
}
