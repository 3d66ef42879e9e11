import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, call } from '../../api/client';
import type { Problem } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useResource } from '../../ui/useResource';
import { DefinitionView } from './DefinitionView';
import { exportFileName, localized } from './editor';
import { InstrumentEditor } from './InstrumentEditor';
import type { InstrumentDetail, InstrumentVersion } from './types';

/** Whether the page was opened right after creating the instrument (InstrumentsPage passes this along). */
export function wasJustCreated(state: unknown): boolean {
  return typeof state === 'object' && state !== null && 'created' in state && state.created === true;
}

/** Offers a text as a file to download (an object URL on a Blob, released once the download started). */
function download(fileName: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * One instrument (org admin): its current definition to read, the published versions (each one can be
 * viewed as it was), export as JSON, and the editor that publishes the next version.
 */
export function InstrumentPage() {
  const { t, i18n } = useTranslation();
  const { templateId = '' } = useParams();
  const location = useLocation();
  const instrument = useResource(templateId, () =>
    call(api.GET('/api/instruments/{id}', { params: { path: { id: templateId } } })),
  );
  const [editing, setEditing] = useState(false);
  // Counts "load the current state" after a conflict, so the editor starts afresh even on the same version.
  const [generation, setGeneration] = useState(0);
  const [message, setMessage] = useState<string | null>(() =>
    wasJustCreated(location.state) ? t('instruments.create.created') : null,
  );
  const [exportProblem, setExportProblem] = useState<Problem | null>(null);
  const focusOpenButton = useRef(false);
  const detail = instrument.data?.id === templateId ? instrument.data : null;

  useEffect(() => {
    if (!editing && focusOpenButton.current) {
      focusOpenButton.current = false;
      document.getElementById('instrument-edit-open')?.focus();
    }
  }, [editing]);

  async function exportCurrent(current: InstrumentDetail) {
    setMessage(null);
    setExportProblem(null);
    const result = await call(
      api.GET('/api/instruments/{id}/export', { params: { path: { id: current.id } } }),
    );
    if (!result.ok) {
      setExportProblem(result.problem);
      return;
    }
    const file = exportFileName(result.data.definition.key, result.data.version ?? current.currentVersion);
    download(file, `${JSON.stringify(result.data, null, 2)}\n`);
    setMessage(t('instruments.export.done', { file }));
  }

  const title = detail ? localized(detail.title, i18n.language) : t('instruments.title');
  return (
    <Page title={title}>
      <p>
        <Link to="/admin/instruments">{t('instruments.detail.back')}</Link>
      </p>
      <StatusRegion message={message} focus />
      {instrument.result && !instrument.result.ok ? (
        <ProblemAlert problem={instrument.result.problem} onRetry={instrument.reload} />
      ) : null}
      {detail === null ? (
        instrument.loading ? (
          <p role="status">{t('instruments.loading')}</p>
        ) : null
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>{t('instruments.detail.key')}</dt>
              <dd>
                <code>{detail.key}</code>
              </dd>
            </div>
            <div>
              <dt>{t('instruments.detail.version')}</dt>
              <dd>{detail.currentVersion}</dd>
            </div>
            <div>
              <dt>{t('instruments.detail.origin')}</dt>
              <dd>{detail.shipped ? t('instruments.list.shipped') : t('instruments.list.own')}</dd>
            </div>
            <div>
              <dt>{t('instruments.detail.offeredIn')}</dt>
              <dd>
                {detail.enabledOrgUnitIds.length === 0
                  ? t('instruments.detail.offeredInNone')
                  : t('instruments.detail.offeredInCount', { count: detail.enabledOrgUnitIds.length })}
              </dd>
            </div>
          </dl>
          {editing ? (
            <InstrumentEditor
              key={`${detail.currentVersion}:${generation}`}
              instrument={detail}
              onPublished={(published) => {
                setEditing(false);
                setMessage(t('instruments.edit.published', { version: published.currentVersion }));
                instrument.reload();
              }}
              onDiscard={() => {
                focusOpenButton.current = true;
                setEditing(false);
              }}
              onReload={() => {
                setGeneration((g) => g + 1);
                instrument.reload();
              }}
            />
          ) : (
            <>
              <div className="actions">
                <Button
                  id="instrument-edit-open"
                  onClick={() => {
                    setMessage(null);
                    setEditing(true);
                  }}
                >
                  {t('instruments.edit.open')}
                </Button>
              </div>
              <section aria-labelledby="instrument-current">
                <h2 id="instrument-current">
                  {t('instruments.detail.currentHeading', { version: detail.currentVersion })}
                </h2>
                <DefinitionView definition={detail.definition} level={3} />
              </section>
            </>
          )}
          <VersionHistory instrument={detail} />
          <section aria-labelledby="instrument-export">
            <h2 id="instrument-export">{t('instruments.export.heading')}</h2>
            <p>{t('instruments.export.intro')}</p>
            {exportProblem ? <ProblemAlert problem={exportProblem} /> : null}
            <Button variant="secondary" onClick={() => void exportCurrent(detail)}>
              {t('instruments.export.button')}
            </Button>
          </section>
        </>
      )}
    </Page>
  );
}

const showButtonId = (version: number) => `instrument-version-${version}`;

function VersionHistory({ instrument }: { instrument: InstrumentDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [shown, setShown] = useState<number | null>(null);

  const columns: Column<InstrumentVersion>[] = [
    {
      key: 'version',
      header: t('instruments.versions.version'),
      rowHeader: true,
      cell: (v) =>
        v.version === instrument.currentVersion
          ? `${v.version} (${t('instruments.versions.current')})`
          : v.version,
    },
    {
      key: 'publishedAt',
      header: t('instruments.versions.publishedAt'),
      cell: (v) => format.dateTime(v.publishedAt),
    },
    {
      key: 'publishedBy',
      header: t('instruments.versions.publishedBy'),
      cell: (v) => v.publishedBy?.displayName ?? t('instruments.versions.shipped'),
    },
    {
      key: 'changeNote',
      header: t('instruments.versions.changeNote'),
      cell: (v) => v.changeNote ?? t('common.none'),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (v) => (
        <Button
          id={showButtonId(v.version)}
          variant="secondary"
          aria-expanded={shown === v.version}
          onClick={() => setShown(v.version)}
        >
          {t('instruments.versions.show')}
          <span className="visually-hidden">
            : {t('instruments.versions.shownHeading', { version: v.version })}
          </span>
        </Button>
      ),
    },
  ];

  return (
    <section aria-labelledby="instrument-versions">
      <h2 id="instrument-versions">{t('instruments.versions.heading')}</h2>
      <DataTable
        caption={t('instruments.versions.caption')}
        columns={columns}
        rows={instrument.versions}
        rowKey={(v) => String(v.version)}
        empty={t('common.none')}
      />
      {shown !== null ? (
        <ShownVersion
          instrumentId={instrument.id}
          version={shown}
          onClose={() => {
            // The view goes away with its button; the focus returns to the button that opened it.
            document.getElementById(showButtonId(shown))?.focus();
            setShown(null);
          }}
        />
      ) : null}
    </section>
  );
}

/** One published version as it was, below the list of versions. */
function ShownVersion({
  instrumentId,
  version,
  onClose,
}: {
  instrumentId: string;
  version: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const loaded = useResource(`${instrumentId}:${version}`, () =>
    call(
      api.GET('/api/instruments/{id}/versions/{version}', {
        params: { path: { id: instrumentId, version } },
      }),
    ),
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ready = loaded.result?.ok === true;
  useEffect(() => {
    if (ready) headingRef.current?.focus();
  }, [ready, version]);

  return (
    <section aria-labelledby="instrument-shown-version" className="panel">
      <h3 id="instrument-shown-version" ref={headingRef} tabIndex={-1}>
        {t('instruments.versions.shownHeading', { version })}
      </h3>
      {loaded.result === null ? <p role="status">{t('instruments.loading')}</p> : null}
      {loaded.result && !loaded.result.ok ? (
        <ProblemAlert problem={loaded.result.problem} onRetry={loaded.reload} />
      ) : null}
      {loaded.result?.ok ? <DefinitionView definition={loaded.result.data.definition} level={4} /> : null}
      <Button variant="secondary" onClick={onClose}>
        {t('instruments.versions.close')}
        <span className="visually-hidden">: {t('instruments.versions.shownHeading', { version })}</span>
      </Button>
    </section>
  );
}
