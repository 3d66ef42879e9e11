import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, call } from '../../api/client';
import type { Colleague, DataCategory, Problem } from '../../api/types';
import { Alert, ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { DataTable, type Column } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useResource } from '../../ui/useResource';
import { PRIVACY_SECTION_ID, usePrivacyLabels } from '../consent/labels';
import { ConferenceForm } from './ConferenceForm';
import { useConferenceHeading } from './ConferencesPanel';
import { MinutesForm, MinutesView } from './Minutes';
import { isExternal, refusedPositions, releaseTarget, type Conference, type Participant } from './model';
import './conferences.css';

function messageOf(state: unknown): 'created' | null {
  return typeof state === 'object' &&
    state !== null &&
    'conferenceMessage' in state &&
    state.conferenceMessage === 'created'
    ? 'created'
    : null;
}

/** One conference: details, who may hear what, invitations, minutes with actions and themes, cancelling. */
export function ConferencePage() {
  const { t } = useTranslation();
  const { caseId = '', conferenceId = '' } = useParams();
  const location = useLocation();
  const [generation, setGeneration] = useState(0);
  const [local, setLocal] = useState<Conference | null>(null);
  const [message, setMessage] = useState<string | null>(() =>
    messageOf(location.state) === 'created' ? t('conferences.form.created') : null,
  );
  const resource = useResource(`conference:${conferenceId}:${generation}`, () =>
    call(api.GET('/api/conferences/{id}', { params: { path: { id: conferenceId } } })),
  );
  const caseFile = useResource(`case:${caseId}`, () =>
    call(api.GET('/api/cases/{id}', { params: { path: { id: caseId } } })),
  );
  const colleagues = useResource('colleagues', () => call(api.GET('/api/colleagues')));
  const heading = useConferenceHeading();
  const conference = local ?? resource.data;

  function reload(note: string | null) {
    setLocal(null);
    setMessage(note);
    setGeneration((g) => g + 1);
  }

  return (
    <Page title={conference ? heading(conference) : t('conferences.title')}>
      <p>
        <Link to={`/cases/${encodeURIComponent(caseId)}?tab=conferences`}>{t('conferences.page.back')}</Link>
      </p>
      <StatusRegion message={message} focus />
      {resource.result && !resource.result.ok ? (
        <ProblemAlert problem={resource.result.problem} onRetry={resource.reload} />
      ) : null}
      {!conference && resource.loading ? <p role="status">{t('app.loading')}</p> : null}
      {conference ? (
        <ConferenceDetails
          key={`${conference.id}:${conference.version}`}
          conference={conference}
          clientId={caseFile.data?.client.id ?? null}
          colleagues={colleagues.data?.items ?? []}
          onChanged={(next, note) => {
            setLocal(next);
            setMessage(note);
          }}
          onConflict={() => reload(t('conferences.page.reloaded'))}
        />
      ) : null}
    </Page>
  );
}

function ConferenceDetails({
  conference,
  clientId,
  colleagues,
  onChanged,
  onConflict,
}: {
  conference: Conference;
  clientId: string | null;
  colleagues: readonly Colleague[];
  onChanged: (next: Conference, note: string) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const privacy = usePrivacyLabels();
  const [mode, setMode] = useState<'view' | 'edit' | 'minutes'>('view');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [conflict, setConflict] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const refused = refusedPositions(problem);
  const { permissions } = conference;

  async function invite() {
    setBusy(true);
    const result = await call(
      api.POST('/api/conferences/{id}/invite', {
        params: { path: { id: conference.id } },
        body: { version: conference.version },
      }),
    );
    setBusy(false);
    if (result.ok) onChanged(result.data, t('conferences.page.invited'));
    else if (result.problem.code === 'version-conflict') setConflict(true);
    else setProblem(result.problem);
  }

  async function cancel() {
    setBusy(true);
    const result = await call(
      api.POST('/api/conferences/{id}/cancel', {
        params: { path: { id: conference.id } },
        body: { version: conference.version },
      }),
    );
    setBusy(false);
    setCancelling(false);
    if (result.ok) onChanged(result.data, t('conferences.page.cancelled'));
    else if (result.problem.code === 'version-conflict') setConflict(true);
    else setProblem(result.problem);
  }

  if (mode === 'edit') {
    return (
      <ConferenceForm
        caseId={conference.caseId}
        colleagues={colleagues}
        conference={conference}
        onSaved={(next) =>
          onChanged(
            next,
            conference.status === 'invited' && next.status === 'planned'
              ? t('conferences.form.backToPlanned')
              : t('conferences.form.saved'),
          )
        }
        onCancel={() => setMode('view')}
        onConflict={onConflict}
      />
    );
  }

  return (
    <>
      {conflict ? (
        <ConflictNotice
          heading={t('conferences.page.conflictHeading')}
          text={t('conferences.page.conflictText')}
          hint={t('conferences.page.conflictHint')}
          action={t('conferences.page.conflictAction')}
          onAction={onConflict}
        />
      ) : null}
      <dl className="facts" aria-label={t('conferences.page.facts')}>
        <div>
          <dt>{t('conferences.page.kind')}</dt>
          <dd>{t(`conferences.kinds.${conference.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('conferences.page.status')}</dt>
          <dd>{t(`conferences.status.${conference.status}`)}</dd>
        </div>
        <div>
          <dt>{t('conferences.page.when')}</dt>
          <dd>
            {conference.startsAt
              ? t('conferences.atTime', { date: format.day(conference.heldOn), time: conference.startsAt })
              : format.day(conference.heldOn)}
          </dd>
        </div>
        <div>
          <dt>{t('conferences.page.place')}</dt>
          <dd>{conference.place ?? t('conferences.page.none')}</dd>
        </div>
        <div>
          <dt>{t('conferences.page.moderator')}</dt>
          <dd>{conference.moderator?.displayName ?? t('conferences.page.none')}</dd>
        </div>
        <div>
          <dt>{t('conferences.page.data')}</dt>
          <dd>
            {conference.anonymous
              ? t('conferences.page.anonymous')
              : privacy.categories(conference.categories)}
          </dd>
        </div>
        {conference.invitedAt ? (
          <div>
            <dt>{t('conferences.page.invitedAt')}</dt>
            <dd>{format.dateTime(conference.invitedAt)}</dd>
          </div>
        ) : null}
      </dl>
      {conference.agenda ? (
        <>
          <h2>{t('conferences.page.agenda')}</h2>
          <p className="conference-text" dir="auto">
            {conference.agenda}
          </p>
        </>
      ) : null}

      <section aria-labelledby="conference-participants">
        <h2 id="conference-participants">{t('conferences.page.participantsHeading')}</h2>
        <p>{t('conferences.page.participantsIntro')}</p>
        {refused.size > 0 ? (
          <Alert kind="error">
            <h3>{t('conferences.page.refusedHeading')}</h3>
            <ul>
              {[...refused.entries()].map(([position, text]) => (
                <li key={position}>{text}</li>
              ))}
            </ul>
            <p>{t('conferences.page.refusedHint')}</p>
          </Alert>
        ) : problem ? (
          <ProblemAlert problem={problem} />
        ) : null}
        <ParticipantsTable conference={conference} clientId={clientId} refused={refused} />
      </section>

      <div className="actions">
        {permissions.invite ? (
          <Button busy={busy} onClick={() => void invite()}>
            {t('conferences.page.invite')}
          </Button>
        ) : null}
        {permissions.edit ? (
          <Button variant="secondary" onClick={() => setMode('edit')}>
            {t('conferences.page.edit')}
          </Button>
        ) : null}
        {permissions.cancel ? (
          <Button variant="danger" onClick={() => setCancelling(true)}>
            {t('conferences.page.cancel')}
          </Button>
        ) : null}
      </div>
      {permissions.invite ? <p className="field__hint">{t('conferences.page.inviteHint')}</p> : null}

      <section aria-labelledby="conference-minutes">
        <h2 id="conference-minutes">{t('conferences.minutes.heading')}</h2>
        {mode === 'minutes' ? (
          <MinutesForm
            conference={conference}
            colleagues={colleagues}
            onSaved={(next) => {
              setMode('view');
              onChanged(next, t('conferences.minutes.saved'));
            }}
            onCancel={() => setMode('view')}
            onConflict={onConflict}
          />
        ) : (
          <>
            <MinutesView conference={conference} />
            {permissions.minutes ? (
              <Button
                variant={conference.status === 'held' ? 'secondary' : 'primary'}
                onClick={() => setMode('minutes')}
              >
                {conference.status === 'held'
                  ? t('conferences.minutes.correct')
                  : t('conferences.minutes.record')}
              </Button>
            ) : null}
          </>
        )}
      </section>

      <Dialog
        open={cancelling}
        title={t('conferences.page.cancelTitle')}
        onClose={() => setCancelling(false)}
      >
        <p>{t('conferences.page.cancelText')}</p>
        <div className="actions">
          <Button variant="danger" busy={busy} onClick={() => void cancel()}>
            {t('conferences.page.cancelConfirm')}
          </Button>
          <Button variant="secondary" onClick={() => setCancelling(false)}>
            {t('conferences.page.cancelBack')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

function ParticipantsTable({
  conference,
  clientId,
  refused,
}: {
  conference: Conference;
  clientId: string | null;
  refused: Map<number, string>;
}) {
  const { t } = useTranslation();
  const columns: Column<Participant>[] = [
    {
      key: 'name',
      header: t('conferences.page.columns.name'),
      rowHeader: true,
      cell: (p) => (
        <span dir="auto">
          {p.kind === 'client'
            ? t('conferences.clientName')
            : p.partnerName
              ? `${p.name ?? ''} (${p.partnerName})`
              : (p.name ?? '')}
        </span>
      ),
    },
    {
      key: 'kind',
      header: t('conferences.page.columns.kind'),
      cell: (p) => t(`conferences.participantKinds.${p.kind}`),
    },
    {
      key: 'role',
      header: t('conferences.page.columns.role'),
      cell: (p) => p.role ?? t('conferences.page.none'),
    },
    {
      key: 'release',
      header: t('conferences.page.columns.release'),
      cell: (p) => (
        <ReleaseStatus
          participant={p}
          conference={conference}
          clientId={clientId}
          refused={refused.has(p.position)}
        />
      ),
    },
  ];
  return (
    <DataTable
      caption={t('conferences.form.participantsCaption')}
      columns={columns}
      rows={conference.participants}
      rowKey={(p) => p.id}
      empty={t('conferences.form.noParticipants')}
    />
  );
}

/** Who may hear which data, in words; for someone who may not, the way to record a release. */
function ReleaseStatus({
  participant: p,
  conference,
  clientId,
  refused,
}: {
  participant: Participant;
  conference: Conference;
  clientId: string | null;
  refused: boolean;
}) {
  const { t } = useTranslation();
  const privacy = usePrivacyLabels();
  const { release } = p;
  if (!release.required) {
    if (p.kind === 'internal') return <>{t('conferences.release.internal')}</>;
    if (p.kind === 'client') return <>{t('conferences.release.client')}</>;
    return <>{t('conferences.release.anonymous')}</>;
  }
  if (release.covered) {
    return (
      <>
        {t('conferences.release.covered', { categories: privacy.categories(conference.categories) })}
        {release.recipient ? (
          <>
            <br />
            <span className="muted">
              {t('conferences.release.coveredBy', { recipient: release.recipient.name })}
            </span>
          </>
        ) : null}
        {p.disclosureId ? (
          <>
            <br />
            <span className="muted">{t('conferences.release.logged')}</span>
          </>
        ) : null}
      </>
    );
  }
  const reason = release.reason ?? 'no-release';
  const words =
    reason === 'categories'
      ? t('conferences.release.reasons.categories', {
          categories: privacy.categories(release.missingCategories),
        })
      : reason === 'expired' || reason === 'revoked' || reason === 'purpose'
        ? t(`conferences.release.reasons.${reason}`)
        : t('conferences.release.reasons.no-release');
  const name = p.partnerName ?? p.name ?? '';
  const mayRecord = clientId !== null && isExternal(p.kind) && conference.permissions.edit;
  return (
    <>
      <span className={refused ? 'conference-release--refused' : undefined}>
        {words} – {t('conferences.release.notInvitable')}
      </span>
      {mayRecord ? (
        <>
          <br />
          <Link
            to={`/clients/${encodeURIComponent(clientId)}#${PRIVACY_SECTION_ID}`}
            state={{ releasePrefill: releaseTarget(p, conference.categories as DataCategory[]) }}
          >
            {t('conferences.page.recordRelease', { name })}
          </Link>
        </>
      ) : null}
    </>
  );
}
