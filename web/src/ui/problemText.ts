import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { FieldProblem, Problem } from '../api/types';
import type { de } from '../app/i18n/de';

type ProblemCode = Exclude<keyof typeof de.problems, `retryAfter_${string}`>;

function isTranslatedProblem(i18n: I18n, code: string): code is ProblemCode {
  return !code.startsWith('retryAfter') && i18n.exists(`problems.${code}`);
}

function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * The form field a field problem belongs to, as a dotted path: `/admin/username` → `admin.username`.
 * Array positions point at the list as a whole (`/roles/0` → `roles`), and a `required` problem reported on
 * the parent object is moved to the missing property, whichever way the server reports it.
 */
export function fieldOf(error: FieldProblem): string {
  const segments = error.pointer
    .split('/')
    .filter((segment) => segment !== '')
    .map(unescapePointerSegment);
  while (segments.length > 0 && /^\d+$/.test(segments[segments.length - 1] ?? '')) segments.pop();
  const missing = error.params?.missingProperty;
  if (error.code === 'required' && typeof missing === 'string' && segments[segments.length - 1] !== missing) {
    segments.push(missing);
  }
  return segments.join('.');
}

/** Turns problem documents into the sentences the UI shows, in the current language. */
export function useProblemText() {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    function fieldMessage(error: FieldProblem): string {
      const params = error.params ?? {};
      switch (error.code) {
        case 'required':
        case 'enum':
        case 'type':
        case 'pattern':
        case 'taken':
        case 'mismatch':
        case 'uniqueItems':
        case 'wrong-password':
        case 'unknown-reference':
        case 'not-allowed':
        case 'date-order':
        case 'in-future':
        case 'not-a-case-manager':
        case 'requires-client-agreement':
        case 'birth-needed':
        case 'not-in-list':
        case 'wholeNumber':
        case 'threshold-order':
        case 'consent-required':
        case 'guardian-required':
        case 'not-enabled':
        case 'duplicate-key':
        case 'scale-range':
        case 'scale-label':
        case 'nested-group':
          return t(`validation.${error.code}`);
        case 'out-of-range':
          return t('validation.out-of-range', {
            min: String(params.min ?? ''),
            max: String(params.max ?? ''),
          });
        case 'year':
          return t('validation.year', { from: String(params.from ?? ''), to: String(params.to ?? '') });
        case 'maxLength':
        case 'minLength':
        case 'maxItems':
        case 'minimum':
        case 'maximum':
        case 'password-too-weak':
          return t(`validation.${error.code}`, { limit: String(params.limit ?? '') });
        case 'minItems':
          return t('validation.minItems', { count: Number(params.limit ?? 1) });
        case 'format':
          if (params.format === 'email') return t('validation.formatEmail');
          if (params.format === 'date') return t('validation.formatDate');
          return t('validation.format');
        case 'additionalProperties':
          return t('validation.additionalProperties', { property: String(params.additionalProperty ?? '') });
        default:
          return error.message || t('validation.invalid');
      }
    }

    return {
      /** One sentence for the whole problem: translated by code, else the server's own title. */
      message(problem: Problem): string {
        const main = isTranslatedProblem(i18n, problem.code)
          ? t(`problems.${problem.code}`)
          : [problem.title, problem.detail].filter(Boolean).join(' – ');
        if (problem.retryAfterSeconds === undefined) return main;
        const minutes = Math.max(1, Math.ceil(problem.retryAfterSeconds / 60));
        return `${main} ${t('problems.retryAfter', { count: minutes })}`;
      },
      /** Field path → message; the first problem per field wins. */
      fieldErrors(problem: Problem | null): Record<string, string> {
        const result: Record<string, string> = {};
        for (const error of problem?.errors ?? []) {
          const field = fieldOf(error);
          result[field] ??= fieldMessage(error);
        }
        return result;
      },
    };
  }, [t, i18n]);
}
