import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale } from '../../api/types';
import { formatDay } from '../../ui/format';
import {
  isEmpty,
  isVisible,
  pick,
  ratingsOf,
  rowsOf,
  scalarOf,
  scalarText,
  scalePointText,
  viewsOf,
  VIEWS,
  type Lang,
  type ValueWords,
} from './form';
import type { Field } from './template';

/** The UI language as a template language. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : 'de';
}

export function useValueWords(): ValueWords {
  const { t } = useTranslation();
  const lang = useLang();
  return useMemo(
    () => ({
      lang,
      yes: t('assessment.yes'),
      no: t('assessment.no'),
      day: (iso: string) => formatDay(iso, lang),
    }),
    [t, lang],
  );
}

function NoAnswer() {
  const { t } = useTranslation();
  return <span className="muted">{t('assessment.noAnswer')}</span>;
}

function ScalarValue({ field, value }: { field: Field; value: unknown }) {
  const words = useValueWords();
  const scalar = scalarOf(field, value);
  if (scalar === undefined) return <NoAnswer />;
  return (
    <span className={field.type === 'longtext' ? 'preserve-lines' : undefined} dir="auto">
      {scalarText(field, scalar, words)}
    </span>
  );
}

/** An answer as the reader sees it, for every field type (read-only view and comparison). */
export function AnswerValue({ field, value }: { field: Field; value: unknown }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (isEmpty(value)) return <NoAnswer />;
  if (field.type === 'group') {
    return (
      <ol className="answer-rows">
        {rowsOf(value).map((row, index) => (
          <li key={index}>
            {field.fields
              .filter((sub) => isVisible(sub, row) && !isEmpty(row[sub.key]))
              .map((sub, i) => (
                <span key={sub.key}>
                  {i > 0 ? '; ' : null}
                  {pick(sub.label, lang)}: <AnswerValue field={sub} value={row[sub.key]} />
                </span>
              ))}
          </li>
        ))}
      </ol>
    );
  }
  if (field.type === 'domainRating') {
    const ratings = ratingsOf(value);
    return (
      <ul className="plain-list">
        {field.domains.map((domain) => {
          const rating = ratings[domain.value];
          return (
            <li key={domain.value}>
              {pick(domain.label, lang)}:{' '}
              {rating === undefined ? <NoAnswer /> : scalePointText(field.scale, rating, lang)}
            </li>
          );
        })}
      </ul>
    );
  }
  if (field.perspectives) {
    const views = viewsOf(field, value);
    return (
      <dl className="perspectives-view">
        {VIEWS.map((view) => (
          <div key={view}>
            <dt>
              {view === 'client' ? t('assessment.field.viewClient') : t('assessment.field.viewProfessional')}
            </dt>
            <dd>
              <ScalarValue field={field} value={views[view]} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <ScalarValue field={field} value={value} />;
}
