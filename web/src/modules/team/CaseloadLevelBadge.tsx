import { useTranslation } from 'react-i18next';
import type { CaseloadLevel } from '../../api/types';

// The load in words with a shape beside it, so it never depends on colour.
const LEVEL_SYMBOL: Record<CaseloadLevel, string> = { ok: '●', high: '▲', over: '■' };

/** A caseload against the organisation's thresholds (team page, team lead's start page). */
export function CaseloadLevelBadge({ level }: { level: CaseloadLevel }) {
  const { t } = useTranslation();
  return (
    <span className={`level level--${level}`}>
      <span aria-hidden="true" className="level__symbol">
        {LEVEL_SYMBOL[level]}
      </span>{' '}
      {t(`codes.caseloadLevel.${level}`)}
    </span>
  );
}
