import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, call } from '../../api/client';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { today, useFormat } from '../../ui/format';
import { useResource } from '../../ui/useResource';
import { PrintToolbar } from '../consent/ConsentPrintPage';
import { DataView } from './DataView';

function download(data: unknown, filename: string) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Auskunft nach Art. 15 DSGVO: everything stored about the client, to print and hand over or to download as
 * JSON. The server records every retrieval as a disclosure to the data subject.
 */
export function ExportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { clientId = '' } = useParams();
  const report = useResource(`export:${clientId}`, () =>
    call(api.GET('/api/clients/{id}/export', { params: { path: { id: clientId } } })),
  );
  const data = report.result?.ok ? report.result.data : null;

  useEffect(() => {
    document.title = `${t('print.exportTitle')} – ${t('app.name')}`;
  }, [t]);

  return (
    <div className="print-page">
      <PrintToolbar hint={t('print.hint')}>
        {data ? (
          <Button variant="secondary" onClick={() => download(data, `auskunft-art15-${today()}.json`)}>
            {t('print.exportDownload')}
          </Button>
        ) : null}
      </PrintToolbar>
      <h1>{t('print.exportTitle')}</h1>
      {report.result && !report.result.ok ? <ProblemAlert problem={report.result.problem} /> : null}
      {report.loading ? <p role="status">{t('app.loading')}</p> : null}
      {data ? (
        <>
          <Alert kind="info">{t('print.exportLogged')}</Alert>
          <p>{t('print.exportCreated', { date: format.day(today()) })}</p>
          {Object.entries(data).map(([key, value]) => (
            <section key={key} aria-labelledby={`export-${key}`} className="print-section">
              <h2 id={`export-${key}`}>{key}</h2>
              <DataView value={value} />
            </section>
          ))}
        </>
      ) : null}
    </div>
  );
}
