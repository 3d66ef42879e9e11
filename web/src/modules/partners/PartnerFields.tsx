import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import type { FieldRef } from '../../ui/ErrorSummary';
import { FieldGroup, SelectField, TextArea, TextField, type Option } from '../../ui/fields';
import { useFocusAfterRender } from '../../ui/focus';
import { emptyContact, type ContactValues, type PartnerValues } from './model';

const PARTNER_KEYS = [
  'name',
  'type',
  'street',
  'postalCode',
  'city',
  'district',
  'phone',
  'email',
  'website',
  'notes',
] as const;

/** Field path (as the error summary knows it) → control id and label, for the partner and its contacts. */
export function usePartnerFieldRefs(
  prefix: string,
  contacts: readonly ContactValues[],
): Record<string, FieldRef> {
  const { t } = useTranslation();
  const refs: Record<string, FieldRef> = {};
  for (const key of PARTNER_KEYS) refs[key] = { id: `${prefix}-${key}`, label: t(`partners.form.${key}`) };
  contacts.forEach((_, i) => {
    const number = i + 1;
    for (const key of ['name', 'role', 'phone', 'email'] as const) {
      refs[`contacts.${i}.${key}`] = {
        id: `${prefix}-contact-${i}-${key}`,
        label: `${t('partners.contacts.contact', { number })}: ${t(`partners.contacts.${key}`)}`,
      };
    }
  });
  return refs;
}

interface PartnerFieldsProps {
  prefix: string;
  values: PartnerValues;
  onChange: (values: PartnerValues) => void;
  errors: Record<string, string>;
  typeOptions: readonly Option[];
  districts: readonly string[];
  /** The create form edits the contacts with the partner; the partner page has its own section for them. */
  withContacts: boolean;
}

export function PartnerFields({
  prefix,
  values,
  onChange,
  errors,
  typeOptions,
  districts,
  withContacts,
}: PartnerFieldsProps) {
  const { t } = useTranslation();
  const set = (changes: Partial<PartnerValues>) => onChange({ ...values, ...changes });
  const text = (key: (typeof PARTNER_KEYS)[number], extra: { optional?: boolean; hint?: string } = {}) => ({
    id: `${prefix}-${key}`,
    label: t(`partners.form.${key}`),
    value: values[key],
    onValueChange: (value: string) => set({ [key]: value }),
    error: errors[key],
    optional: extra.optional ?? true,
    ...(extra.hint ? { hint: extra.hint } : {}),
  });
  const districtList = `${prefix}-districts`;
  return (
    <>
      <TextField {...text('name', { optional: false })} maxLength={200} autoComplete="organization" />
      <SelectField
        id={`${prefix}-type`}
        label={t('partners.form.type')}
        value={values.type}
        options={[{ value: '', label: t('partners.form.chooseType') }, ...typeOptions]}
        onValueChange={(type) => set({ type })}
        error={errors.type}
      />
      <FieldGroup legend={t('partners.form.address')}>
        <TextField {...text('street')} maxLength={200} autoComplete="street-address" />
        <div className="field-row">
          <TextField {...text('postalCode')} maxLength={10} autoComplete="postal-code" inputMode="numeric" />
          <TextField {...text('city')} maxLength={100} autoComplete="address-level2" />
        </div>
        <TextField
          {...text('district', { hint: t('partners.form.districtHint') })}
          maxLength={200}
          list={districtList}
          autoComplete="off"
        />
        <datalist id={districtList}>
          {districts.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
      </FieldGroup>
      <div className="field-row">
        <TextField {...text('phone')} type="tel" maxLength={60} autoComplete="tel" />
        <TextField {...text('email')} type="email" maxLength={254} autoComplete="email" />
      </div>
      <TextField {...text('website')} type="url" maxLength={500} autoComplete="url" />
      <TextArea {...text('notes', { hint: t('partners.form.notesHint') })} maxLength={4000} />
      {withContacts ? (
        <ContactsFields
          prefix={prefix}
          contacts={values.contacts}
          onChange={(contacts) => set({ contacts })}
          errors={errors}
        />
      ) : null}
    </>
  );
}

/** The contact persons as a list of rows to add to and remove from. */
export function ContactsFields({
  prefix,
  contacts,
  onChange,
  errors,
}: {
  prefix: string;
  contacts: readonly ContactValues[];
  onChange: (contacts: ContactValues[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const focusAfterRender = useFocusAfterRender();
  const addId = `${prefix}-add-contact`;
  return (
    <FieldGroup legend={t('partners.contacts.heading')}>
      {contacts.length === 0 ? <p className="field__hint">{t('partners.contacts.none')}</p> : null}
      {contacts.map((contact, i) => {
        const number = i + 1;
        const update = (changes: Partial<ContactValues>) =>
          onChange(contacts.map((c, j) => (j === i ? { ...c, ...changes } : c)));
        const field = (key: 'name' | 'role' | 'phone' | 'email') => ({
          id: `${prefix}-contact-${i}-${key}`,
          label: t(`partners.contacts.${key}`),
          value: contact[key],
          onValueChange: (value: string) => update({ [key]: value }),
          error: errors[`contacts.${i}.${key}`],
          optional: key !== 'name',
        });
        return (
          <fieldset className="fieldset repeat-group" key={contact.key}>
            <legend className="repeat-group__legend">{t('partners.contacts.contact', { number })}</legend>
            <div className="field-row">
              <TextField {...field('name')} maxLength={200} autoComplete="off" />
              <TextField {...field('role')} maxLength={200} autoComplete="off" />
            </div>
            <div className="field-row">
              <TextField {...field('phone')} type="tel" maxLength={60} autoComplete="off" />
              <TextField {...field('email')} type="email" maxLength={254} autoComplete="off" />
            </div>
            <Button
              variant="secondary"
              onClick={() => {
                focusAfterRender(addId);
                onChange(contacts.filter((_, j) => j !== i));
              }}
            >
              {t('partners.contacts.remove', { number })}
            </Button>
          </fieldset>
        );
      })}
      <Button
        id={addId}
        variant="secondary"
        onClick={() => {
          focusAfterRender(`${prefix}-contact-${contacts.length}-name`);
          onChange([...contacts, emptyContact()]);
        }}
      >
        {t('partners.contacts.add')}
      </Button>
    </FieldGroup>
  );
}
