import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

/*
 * Form fields with a visible label, an optional hint and an error message that is linked to the control
 * (aria-describedby) and marks it invalid (aria-invalid). Forms set noValidate and show errors this way,
 * so browser bubbles and server problems look and sound the same.
 */

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean | undefined;
}

function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Hint({ id, hint }: { id: string; hint: string | undefined }) {
  return hint ? (
    <p id={`${id}-hint`} className="field__hint">
      {hint}
    </p>
  ) : null;
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useTranslation();
  return error ? (
    <p id={`${id}-error`} className="field__error">
      <span className="visually-hidden">{t('form.errorPrefix')} </span>
      {error}
    </p>
  ) : null;
}

function Label({ id, label, optional }: { id: string; label: string; optional: boolean | undefined }) {
  const { t } = useTranslation();
  return (
    <label htmlFor={id} className="field__label">
      {label}
      {optional ? <span className="field__optional"> {t('common.optional')}</span> : null}
    </label>
  );
}

type TextFieldProps = FieldFrameProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'children'> & {
    value: string;
    onValueChange: (value: string) => void;
  };

export function TextField({
  id,
  label,
  hint,
  error,
  optional,
  value,
  onValueChange,
  ...input
}: TextFieldProps) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <Label id={id} label={label} optional={optional} />
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <input
        {...input}
        id={id}
        className="field__input"
        value={value}
        required={!optional}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onValueChange(event.target.value)}
      />
    </div>
  );
}

type TextAreaProps = FieldFrameProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onChange' | 'children'> & {
    value: string;
    onValueChange: (value: string) => void;
  };

export function TextArea({
  id,
  label,
  hint,
  error,
  optional,
  value,
  onValueChange,
  ...textarea
}: TextAreaProps) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <Label id={id} label={label} optional={optional} />
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <textarea
        rows={3}
        {...textarea}
        id={id}
        className="field__input"
        value={value}
        required={!optional}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onValueChange(event.target.value)}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectFieldProps = FieldFrameProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange' | 'children'> & {
    value: string;
    options: readonly Option[];
    onValueChange: (value: string) => void;
  };

export function SelectField({
  id,
  label,
  hint,
  error,
  optional,
  value,
  options,
  onValueChange,
  ...select
}: SelectFieldProps) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <Label id={id} label={label} optional={optional} />
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <select
        {...select}
        id={id}
        className="field__input"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onValueChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
}

export function CheckboxField({ id, label, hint, checked, onCheckedChange }: CheckboxFieldProps) {
  return (
    <div className="field checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onCheckedChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} />
    </div>
  );
}

interface CheckboxGroupProps {
  /** Id of the fieldset; the error summary moves focus to its first checkbox. */
  id: string;
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  options: readonly Option[];
  values: readonly string[];
  onValuesChange: (values: string[]) => void;
  children?: ReactNode;
}

export function CheckboxGroup({
  id,
  legend,
  hint,
  error,
  options,
  values,
  onValuesChange,
  children,
}: CheckboxGroupProps) {
  const toggle = (value: string, checked: boolean) =>
    onValuesChange(checked ? [...values, value] : values.filter((v) => v !== value));
  return (
    <fieldset
      id={id}
      className={error ? 'field fieldset field--error' : 'field fieldset'}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend className="field__label">{legend}</legend>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <div className="checkboxes">
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                id={optionId}
                type="checkbox"
                value={option.value}
                checked={values.includes(option.value)}
                aria-invalid={error ? true : undefined}
                onChange={(event) => toggle(option.value, event.target.checked)}
              />
              <label htmlFor={optionId}>{option.label}</label>
            </div>
          );
        })}
      </div>
      {children}
    </fieldset>
  );
}

interface RadioGroupProps {
  /** Id of the fieldset; the error summary moves focus to its first radio button. */
  id: string;
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean | undefined;
  options: readonly Option[];
  value: string;
  onValueChange: (value: string) => void;
  /** Shown below the options, e.g. fields that belong to the chosen option. */
  children?: ReactNode;
}

/** One choice out of a few, all visible at once: a fieldset whose legend is the question. */
export function RadioGroup({
  id,
  legend,
  hint,
  error,
  optional,
  options,
  value,
  onValueChange,
  children,
}: RadioGroupProps) {
  const { t } = useTranslation();
  return (
    <fieldset
      id={id}
      className={error ? 'field fieldset field--error' : 'field fieldset'}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend className="field__label">
        {legend}
        {optional ? <span className="field__optional"> {t('common.optional')}</span> : null}
      </legend>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <div className="checkboxes">
        {options.map((option) => {
          const optionId = `${id}-${option.value || 'none'}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                id={optionId}
                type="radio"
                name={id}
                value={option.value}
                checked={value === option.value}
                onChange={() => onValueChange(option.value)}
              />
              <label htmlFor={optionId}>{option.label}</label>
            </div>
          );
        })}
      </div>
      {children}
    </fieldset>
  );
}

/** A group of related fields under one heading (legend), e.g. a section of a long form. */
export function FieldGroup({
  legend,
  hint,
  children,
}: {
  legend: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="fieldset group">
      <legend className="group__legend">{legend}</legend>
      {hint ? <p className="field__hint">{hint}</p> : null}
      {children}
    </fieldset>
  );
}
