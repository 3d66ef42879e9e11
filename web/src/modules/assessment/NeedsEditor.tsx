import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { CheckboxField, RadioGroup, SelectField, TextArea, TextField } from '../../ui/fields';
import { useLang } from './AnswerValue';
import { useFocusAfterRender } from '../../ui/focus';
import { areaText, emptyNeed, idOf, moveNeed, pick, positionOf, withNeedAdded, type NeedDraft } from './form';
import { NEED_KINDS, SEEN_BY, type Need, type NeedKind, type SeenBy } from './model';
import type { Template } from './template';

const OWN_AREA = '__own';

function useNeedName() {
  const { t } = useTranslation();
  return (kind: NeedKind, position: number) =>
    kind === 'need'
      ? t('assessment.needs.need', { n: position })
      : t('assessment.needs.resource', { n: position });
}

function useSeenByLabel() {
  const { t } = useTranslation();
  return (seenBy: SeenBy) => t(`assessment.needs.seenByValues.${seenBy}`);
}

interface NeedsEditorProps {
  drafts: NeedDraft[];
  onChange: (drafts: NeedDraft[]) => void;
  errors: Record<string, string>;
  /** The instrument: its sections are the areas to choose from. */
  template: Template;
  /** Says what happened (moved, removed) in the page's status region. */
  onAnnounce: (message: string) => void;
}

/**
 * Bedarfsfeststellung: needs and resources as two ordered lists; the order is the priority. Every item says
 * who sees it so (client, professional, both) and may be marked special category.
 */
export function NeedsEditor({ drafts, onChange, errors, template, onAnnounce }: NeedsEditorProps) {
  const { t } = useTranslation();
  const name = useNeedName();
  const seenByLabel = useSeenByLabel();
  const lang = useLang();
  const counter = useRef(0);
  const focus = useFocusAfterRender();

  function move(draft: NeedDraft, direction: -1 | 1) {
    const next = moveNeed(drafts, draft.key, direction);
    onChange(next);
    const position = positionOf(next, draft.key);
    const count = next.filter((d) => d.kind === draft.kind).length;
    // The focus stays on the moved item: on the same button, or on the other one when it reached the end.
    const atEnd = direction === -1 ? position === 1 : position === count;
    const same = direction === -1 ? 'up' : 'down';
    const other = direction === -1 ? 'down' : 'up';
    focus(`${idOf(`need-${draft.key}`)}-${atEnd ? other : same}`);
    onAnnounce(
      t('assessment.needs.moved', { name: draft.text.trim() || name(draft.kind, position), position }),
    );
  }

  function remove(draft: NeedDraft) {
    const label = draft.text.trim() || name(draft.kind, positionOf(drafts, draft.key));
    onChange(drafts.filter((d) => d.key !== draft.key));
    focus(`needs-add-${draft.kind}`);
    onAnnounce(t('assessment.needs.removed', { name: label }));
  }

  function add(kind: NeedKind) {
    counter.current += 1;
    const draft = emptyNeed(kind, `new-${counter.current}`);
    const next = withNeedAdded(drafts, draft);
    onChange(next);
    focus(idOf(`needs.${next.indexOf(draft)}.text`));
  }

  function update(key: string, changes: Partial<NeedDraft>) {
    onChange(drafts.map((d) => (d.key === key ? { ...d, ...changes } : d)));
  }

  return (
    <section aria-labelledby="needs-heading" className="needs">
      <h2 id="needs-heading">{t('assessment.needs.heading')}</h2>
      <p>{t('assessment.needs.intro')}</p>
      <div className="needs__lists">
        {NEED_KINDS.map((kind) => {
          const items = drafts.filter((d) => d.kind === kind);
          const headingId = `needs-${kind}-heading`;
          return (
            <section key={kind} aria-labelledby={headingId} className="needs__list">
              <h3 id={headingId}>
                {kind === 'need' ? t('assessment.needs.needs') : t('assessment.needs.resources')}
              </h3>
              {items.length === 0 ? (
                <p className="muted">
                  {kind === 'need' ? t('assessment.needs.noNeeds') : t('assessment.needs.noResources')}
                </p>
              ) : (
                <ol className="plain-list">
                  {items.map((draft, position) => {
                    const index = drafts.indexOf(draft);
                    const itemName = name(kind, position + 1);
                    const base = idOf(`need-${draft.key}`);
                    return (
                      <li key={draft.key}>
                        <fieldset className="fieldset repeat-group">
                          <legend className="repeat-group__legend">{itemName}</legend>
                          <TextArea
                            id={idOf(`needs.${index}.text`)}
                            label={t('assessment.needs.text')}
                            rows={2}
                            maxLength={2000}
                            dir="auto"
                            value={draft.text}
                            onValueChange={(text) => update(draft.key, { text })}
                            error={errors[`needs.${index}.text`]}
                          />
                          <SelectField
                            id={idOf(`needs.${index}.areaChoice`)}
                            label={t('assessment.needs.area')}
                            optional
                            value={draft.ownArea ? OWN_AREA : draft.area}
                            options={[
                              { value: '', label: t('assessment.needs.noArea') },
                              ...template.sections.map((s) => ({ value: s.key, label: pick(s.title, lang) })),
                              { value: OWN_AREA, label: t('assessment.needs.ownArea') },
                            ]}
                            onValueChange={(value) =>
                              update(
                                draft.key,
                                value === OWN_AREA
                                  ? { ownArea: true, area: '' }
                                  : { ownArea: false, area: value },
                              )
                            }
                          />
                          {draft.ownArea ? (
                            <div className="conditional">
                              <TextField
                                id={idOf(`needs.${index}.area`)}
                                label={t('assessment.needs.ownAreaText')}
                                maxLength={200}
                                autoComplete="off"
                                dir="auto"
                                value={draft.area}
                                onValueChange={(area) => update(draft.key, { area })}
                                error={errors[`needs.${index}.area`]}
                              />
                            </div>
                          ) : null}
                          <RadioGroup
                            id={idOf(`needs.${index}.seenBy`)}
                            legend={t('assessment.needs.seenBy')}
                            options={SEEN_BY.map((value) => ({ value, label: seenByLabel(value) }))}
                            value={draft.seenBy}
                            onValueChange={(value) => {
                              const seenBy = SEEN_BY.find((s) => s === value);
                              if (seenBy) update(draft.key, { seenBy });
                            }}
                            error={errors[`needs.${index}.seenBy`]}
                          />
                          <CheckboxField
                            id={idOf(`needs.${index}.specialCategory`)}
                            label={t('assessment.needs.special')}
                            hint={t('assessment.needs.specialHint')}
                            checked={draft.specialCategory}
                            onCheckedChange={(specialCategory) => update(draft.key, { specialCategory })}
                          />
                          <div className="row-actions">
                            {position > 0 ? (
                              <Button id={`${base}-up`} variant="secondary" onClick={() => move(draft, -1)}>
                                {t('assessment.needs.moveUp')}
                                <span className="visually-hidden">: {itemName}</span>
                              </Button>
                            ) : null}
                            {position < items.length - 1 ? (
                              <Button id={`${base}-down`} variant="secondary" onClick={() => move(draft, 1)}>
                                {t('assessment.needs.moveDown')}
                                <span className="visually-hidden">: {itemName}</span>
                              </Button>
                            ) : null}
                            <Button variant="secondary" onClick={() => remove(draft)}>
                              {t('assessment.needs.remove')}
                              <span className="visually-hidden">: {itemName}</span>
                            </Button>
                          </div>
                        </fieldset>
                      </li>
                    );
                  })}
                </ol>
              )}
              <Button id={`needs-add-${kind}`} variant="secondary" onClick={() => add(kind)}>
                {kind === 'need' ? t('assessment.needs.addNeed') : t('assessment.needs.addResource')}
              </Button>
            </section>
          );
        })}
      </div>
    </section>
  );
}

/** The needs and resources as finalised (or for a reader who may not edit). */
export function NeedsView({ needs, template }: { needs: readonly Need[]; template: Template }) {
  const { t } = useTranslation();
  const lang = useLang();
  const seenByLabel = useSeenByLabel();
  return (
    <section aria-labelledby="needs-heading" className="needs">
      <h2 id="needs-heading">{t('assessment.needs.heading')}</h2>
      <div className="needs__lists">
        {NEED_KINDS.map((kind) => {
          const items = needs.filter((n) => n.kind === kind).sort((a, b) => a.priority - b.priority);
          const headingId = `needs-${kind}-heading`;
          return (
            <section key={kind} aria-labelledby={headingId} className="needs__list">
              <h3 id={headingId}>
                {kind === 'need' ? t('assessment.needs.needs') : t('assessment.needs.resources')}
              </h3>
              {items.length === 0 ? (
                <p className="muted">
                  {kind === 'need' ? t('assessment.needs.noNeeds') : t('assessment.needs.noResources')}
                </p>
              ) : (
                <ol className="needs__items">
                  {items.map((need) => (
                    <li key={need.id}>
                      {need.hidden ? (
                        <span className="muted">{t('assessment.needs.hidden')}</span>
                      ) : (
                        <span dir="auto">{need.text}</span>
                      )}
                      {need.specialCategory && !need.hidden ? (
                        <>
                          {' '}
                          <span className="tag tag--special">{t('assessment.field.special')}</span>
                        </>
                      ) : null}
                      <br />
                      <span className="muted">
                        {need.area
                          ? t('assessment.needs.meta', {
                              area: areaText(template, need.area, lang),
                              seenBy: seenByLabel(need.seenBy),
                            })
                          : t('assessment.needs.metaNoArea', { seenBy: seenByLabel(need.seenBy) })}
                      </span>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}
