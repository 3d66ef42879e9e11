import { useTranslation } from 'react-i18next';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Data of unknown shape (an Art. 15 report, the data of a disclosure) as nested lists a person can read and
 * print: objects as term/value lists, arrays as numbered lists, empty values as a dash.
 */
export function DataView({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <>{t('common.none')}</>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'string') return <span dir="auto">{value}</span>;
  if (typeof value === 'number') return <>{String(value)}</>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <>{t('common.none')}</>;
    return (
      <ol className="data-view__list">
        {value.map((item, index) => (
          <li key={index}>
            <DataView value={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return <>{t('common.none')}</>;
    return (
      <dl className="data-view">
        {entries.map(([key, child]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>
              <DataView value={child} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{JSON.stringify(value)}</>;
}
