import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { clientValidationProblem } from '../../api/problem';
import type { FieldProblem, Problem } from '../../api/types';
import { useProblemText } from '../../ui/problemText';
import { fieldAt, localized, partOf, placeOf, targetIdOf, type Part, type Place } from './editor';
import type { Definition } from './types';

/** One field problem of an instrument, said in words: where it is and what is wrong. */
export interface PlacedProblem {
  /** Where, e.g. "Abschnitt 2, Feld 4 („Wohnsituation“) – Bedingung"; empty for the instrument as a whole. */
  place: string;
  message: string;
  /** The id of the control or group in the form editor, or null when the form has no place for it. */
  target: string | null;
}

/**
 * Turns the problems of an instrument definition into sentences. The shared problem texts speak of forms in
 * general; where a rule is particular to templates (a condition naming a later field, a taken key) the
 * instrument's own text says what to fix.
 */
export function useInstrumentProblems() {
  const { t, i18n } = useTranslation();
  const text = useProblemText();
  return useMemo(() => {
    function partText(part: Part): string {
      const language = part.language
        ? ` (${part.language === 'de' ? t('instruments.place.german') : t('instruments.place.english')})`
        : '';
      const number = (part.index ?? 0) + 1;
      switch (part.name) {
        case 'option':
        case 'domain':
        case 'scaleLabel': {
          const item = t(`instruments.place.${part.name}`, { number });
          if (part.sub === 'value') return `${item}, ${t('instruments.place.value')}`;
          if (part.sub === 'label') return `${item}, ${t('instruments.place.label')}${language}`;
          return item;
        }
        case 'setting':
          return t('instruments.place.setting', { name: part.raw ?? '' });
        default:
          return `${t(`instruments.place.${part.name}`)}${language}`;
      }
    }

    function describe(place: Place, definition: Definition | null): string {
      const where: string[] = [];
      if (place.section !== undefined)
        where.push(t('instruments.place.section', { number: place.section + 1 }));
      if (place.section !== undefined && place.field !== undefined) {
        const outer = definition
          ? fieldAt(definition, { section: place.section, field: place.field })
          : undefined;
        const number = place.field + 1;
        where.push(
          outer
            ? t('instruments.place.fieldNamed', { number, label: localized(outer.label, i18n.language) })
            : t('instruments.place.field', { number }),
        );
        if (place.inner !== undefined) {
          const inner = outer?.fields?.[place.inner];
          const column = place.inner + 1;
          where.push(
            inner
              ? t('instruments.place.columnNamed', {
                  number: column,
                  label: localized(inner.label, i18n.language),
                })
              : t('instruments.place.column', { number: column }),
          );
        }
      }
      const part = partOf(place.path);
      const what = part ? partText(part) : '';
      if (where.length === 0) return what;
      return what === '' ? where.join(', ') : `${where.join(', ')} – ${what}`;
    }

    function message(error: FieldProblem, place: Place): string {
      const part = partOf(place.path);
      if (error.code === 'unknown-reference' && part?.name === 'condition')
        return t('instruments.errors.conditionReference');
      if (error.code === 'unknown-reference' && part?.name === 'score')
        return t('instruments.errors.scoreReference');
      if (part?.name === 'key' && place.section === undefined) {
        if (error.code === 'taken') return t('instruments.errors.keyTaken');
        if (error.code === 'not-allowed') return t('instruments.errors.keyFixed');
      }
      // Every pattern in a template is the one of keys and option values.
      if (error.code === 'pattern') return t('instruments.errors.keyPattern');
      if (error.code === 'minItems' && part?.name === 'options')
        return t('instruments.errors.atLeastOneOption');
      if (error.code === 'minItems' && part?.name === 'fields')
        return t('instruments.errors.atLeastOneField');
      return (
        Object.values(text.fieldErrors(clientValidationProblem([error])))[0] ??
        text.message(clientValidationProblem([]))
      );
    }

    return {
      /**
       * Each field problem with its place; `definition` (the one sent) lends the fields' labels. `targetOf`
       * names the control for a place where the page is not the form editor.
       */
      placed(
        problem: Problem | null,
        definition: Definition | null,
        targetOf: (place: Place) => string | null = targetIdOf,
      ): PlacedProblem[] {
        return (problem?.errors ?? []).map((error) => {
          const place = placeOf(error.pointer);
          return {
            place: describe(place, definition),
            message: message(error, place),
            target: targetOf(place),
          };
        });
      },
      /** The message of one problem found by a form itself (e.g. the "add a field" form). */
      messageOf: (error: FieldProblem) => message(error, placeOf(error.pointer)),
      /** Control id → its messages, for the errors shown next to the controls. */
      byTarget(placed: readonly PlacedProblem[]): Record<string, string> {
        const result: Record<string, string> = {};
        for (const p of placed) {
          if (p.target === null) continue;
          result[p.target] = result[p.target] ? `${result[p.target]} ${p.message}` : p.message;
        }
        return result;
      },
      message: (problem: Problem) => text.message(problem),
    };
  }, [t, i18n.language, text]);
}

function focusTarget(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const element = document.getElementById(id);
  if (element === null) return;
  event.preventDefault();
  const target =
    element instanceof HTMLFieldSetElement
      ? element.querySelector('input, select, textarea, button')
      : element;
  if (target instanceof HTMLElement) {
    target.focus();
    target.scrollIntoView?.({ block: 'center' });
  }
}

/**
 * The error summary of the instrument forms: takes the focus when a problem arrives, names every field
 * problem with its place and links to the control when the page has one. (The shared ErrorSummary keys
 * problems by field name; a template has many fields of the same name, one per section and field.)
 */
export function InstrumentErrorSummary({
  problem,
  placed,
  linked = true,
  heading,
}: {
  problem: Problem | null;
  placed: readonly PlacedProblem[];
  /** The summary's heading when it lists problems; by default "Bitte prüfen Sie Ihre Angaben". */
  heading?: string;
  /** False where the page has no controls for the places (import): the places are named, not linked. */
  linked?: boolean;
}) {
  const { t } = useTranslation();
  const problems = useInstrumentProblems();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem !== null) ref.current?.focus();
  }, [problem]);

  if (problem === null) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1}>
      <h2 className="error-summary__title">
        {placed.length > 0 ? (heading ?? t('form.summaryTitle')) : problems.message(problem)}
      </h2>
      {placed.length > 0 ? (
        <ul className="error-summary__list">
          {placed.map((p, index) => {
            const sentence = p.place === '' ? p.message : `${p.place}: ${p.message}`;
            const target = p.target;
            return (
              <li key={index}>
                {linked && target !== null ? (
                  <a href={`#${target}`} onClick={(event) => focusTarget(event, target)}>
                    {sentence}
                  </a>
                ) : (
                  sentence
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      {problem.requestId && problem.status >= 500 ? (
        <p className="error-summary__meta">{t('common.requestId', { id: problem.requestId })}</p>
      ) : null}
    </div>
  );
}
