import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { localized } from './editor';
import type { Definition, Field, Label, Section } from './types';

/** A field's type in words (the UI's names, e.g. "Einfachauswahl"). */
export function useFieldTypeName() {
  const { t } = useTranslation();
  return (type: Field['type']) => t(`instruments.types.${type}`);
}

/**
 * An instrument definition to read: sections, their fields with type, required and special-category
 * markers (in words, not only colour), conditions, options and scores. Section headings are of `level`.
 */
export function DefinitionView({ definition, level }: { definition: Definition; level: 2 | 3 | 4 }) {
  const { t, i18n } = useTranslation();
  const Heading = (['h2', 'h3', 'h4'] as const)[level - 2] ?? 'h2';
  const idPrefix = `view-${definition.key}-${level}`;
  return (
    <div>
      <p>{localized(definition.description, i18n.language)}</p>
      {definition.sections.map((section, index) => (
        <section key={`${index}:${section.key}`} aria-labelledby={`${idPrefix}-${index}`}>
          <Heading id={`${idPrefix}-${index}`}>
            {t('instruments.view.section', {
              number: index + 1,
              title: localized(section.title, i18n.language),
            })}
          </Heading>
          {section.help ? <p className="field__hint">{localized(section.help, i18n.language)}</p> : null}
          <FieldList
            fields={section.fields}
            section={section}
            label={t('instruments.view.fields', { number: index + 1 })}
          />
          <Score section={section} />
        </section>
      ))}
    </div>
  );
}

function FieldList({
  fields,
  section,
  label,
}: {
  fields: readonly Field[];
  section: Section;
  label: string;
}) {
  return (
    <ol aria-label={label}>
      {fields.map((field, index) => (
        <li key={`${index}:${field.key}`}>
          <FieldView field={field} section={section} />
        </li>
      ))}
    </ol>
  );
}

/** "Nur sichtbar, wenn „Wohnsituation“ = „ungesichert“": the other field and the value by their labels. */
function conditionText(t: TFunction, language: string, field: Field, section: Section): string | null {
  const condition = field.showIf;
  if (!condition) return null;
  const other = section.fields
    .flatMap((f) => [f, ...(f.fields ?? [])])
    .find((f) => f.key === condition.field);
  const name = other ? localized(other.label, language) : condition.field;
  const equals = condition.equals;
  if (equals === undefined) return t('instruments.view.conditionFilled', { field: name });
  let value = String(equals);
  if (typeof equals === 'boolean') value = equals ? t('common.yes') : t('common.no');
  const option = other?.options?.find((o) => o.value === equals);
  if (option) value = localized(option.label, language);
  return t('instruments.view.conditionEquals', { field: name, value });
}

function FieldView({ field, section }: { field: Field; section: Section }) {
  const { t, i18n } = useTranslation();
  const typeName = useFieldTypeName();
  const text = (label: Label) => localized(label, i18n.language);
  const markers = [
    field.required ? t('instruments.view.required') : null,
    field.specialCategory ? t('instruments.view.special') : null,
    field.perspectives ? t('instruments.view.perspectives') : null,
  ].filter((m): m is string => m !== null);
  const choices = field.options ?? field.domains;
  const condition = conditionText(t, i18n.language, field, section);
  const scale = field.scale
    ? `, ${t('instruments.view.scale', { min: field.scale.min, max: field.scale.max })}`
    : '';
  return (
    <>
      <strong>{text(field.label)}</strong> ({typeName(field.type)}
      {scale})
      <span className="muted">
        {' '}
        – {t('instruments.view.key')} <code>{field.key}</code>
      </span>
      {markers.map((marker) => (
        <span key={marker}>
          {' '}
          <span className="tag">{marker}</span>
        </span>
      ))}
      {condition ? <p className="field__hint">{condition}</p> : null}
      {field.help ? (
        <p className="field__hint">{t('instruments.view.help', { text: text(field.help) })}</p>
      ) : null}
      {choices && choices.length > 0 ? (
        <ul aria-label={field.options ? t('instruments.view.options') : t('instruments.view.domains')}>
          {choices.map((choice) => (
            <li key={choice.value}>{text(choice.label)}</li>
          ))}
        </ul>
      ) : null}
      {field.fields ? (
        <FieldList
          fields={field.fields}
          section={section}
          label={t('instruments.view.columns', { label: text(field.label) })}
        />
      ) : null}
    </>
  );
}

function Score({ section }: { section: Section }) {
  const { t, i18n } = useTranslation();
  const score = section.score;
  if (!score) return null;
  const names = score.of
    .map((key) => {
      const field = section.fields.find((f) => f.key === key);
      return t('instruments.view.quoted', { text: field ? localized(field.label, i18n.language) : key });
    })
    .join(', ');
  return (
    <p>
      {score.kind === 'sum'
        ? t('instruments.view.scoreSum', { fields: names })
        : t('instruments.view.scoreMean', { fields: names })}
    </p>
  );
}
