import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call } from '../../api/client';
import type { Problem } from '../../api/types';
import { Alert, ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { Dialog } from '../../ui/Dialog';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { today, useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { AnswerField, FieldName, ScoreLine } from './AnswerField';
import { assessmentPath, StatusTag } from './AssessmentPanel';
import { AnswerValue, useLang } from './AnswerValue';
import {
  errorTargets,
  idOf,
  isVisible,
  needDraftsOf,
  needsPayload,
  pick,
  sectionScore,
  visibleAnswers,
  withAnswer,
  type Answers,
  type Lang,
  type NeedDraft,
  type PathWords,
} from './form';
import { startAssessment, type Assessment, type NetworkContact } from './model';
import { NeedsEditor, NeedsView } from './NeedsEditor';
import { toTemplate, type Section, type Template } from './template';
import './assessment.css';

export function caseFilePath(caseId: string): string {
  return `/cases/${encodeURIComponent(caseId)}?tab=assessment`;
}

/**
 * One assessment: a draft as the form rendered from its template version (save, finalise, discard), a
 * finalised one read-only with the network map as it was, and the start of a re-assessment.
 */
export function AssessmentPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const lang = useLang();
  const { caseId = '', assessmentId = '' } = useParams();
  const [generation, setGeneration] = useState(0);
  const loaded = useResource(`${assessmentId}:${generation}`, () =>
    call(api.GET('/api/assessments/{id}', { params: { path: { id: assessmentId } } })),
  );
  const caseView = useResource(`case:${caseId}`, () =>
    call(api.GET('/api/cases/{id}', { params: { path: { id: caseId } } })),
  );
  const data = loaded.result?.ok ? loaded.result.data : null;
  const c = caseView.data;
  const canWrite = c !== null && c.permissions.write && c.phase !== 'closed' && !c.anonymised;

  return (
    <Page
      title={
        data
          ? t('assessment.page.heading', {
              title: pick(data.template.title, lang),
              date: format.day(data.conductedOn),
            })
          : t('assessment.page.title')
      }
    >
      <p>
        <Link to={caseFilePath(caseId)}>{t('assessment.page.backToCase')}</Link>
      </p>
      {loaded.result && !loaded.result.ok ? (
        <ProblemAlert problem={loaded.result.problem} onRetry={loaded.reload} />
      ) : null}
      {loaded.loading ? <p role="status">{t('app.loading')}</p> : null}
      {data && !caseView.loading ? (
        <AssessmentView
          key={`${data.id}:${generation}`}
          loaded={data}
          caseId={caseId}
          canWrite={canWrite}
          onReload={() => setGeneration((g) => g + 1)}
        />
      ) : null}
    </Page>
  );
}

function AssessmentView({
  loaded,
  caseId,
  canWrite,
  onReload,
}: {
  loaded: Assessment;
  caseId: string;
  canWrite: boolean;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [assessment, setAssessment] = useState(loaded);
  const [status, setStatus] = useState<{ message: string; focus: boolean } | null>(null);
  const template = useMemo(() => toTemplate(assessment.definition), [assessment.definition]);
  const lang = useLang();
  // Hidden answers would be lost when the draft is saved (answers replace the stored ones), so a reader
  // without them cannot edit; readers outside the case team do not have write access anyway.
  const hidden = assessment.hiddenFields.length > 0 || assessment.needs.some((n) => n.hidden);
  const editable = assessment.status === 'draft' && canWrite && !hidden;

  return (
    <>
      <StatusRegion message={status?.message ?? null} focus={status?.focus ?? false} />
      <Facts assessment={assessment} caseId={caseId} editable={editable} />
      <details className="instrument-description">
        <summary>{t('assessment.page.description')}</summary>
        <p>{pick(template.description, lang)}</p>
      </details>
      {hidden ? (
        <Alert kind="info">
          <p>{t('assessment.page.hiddenNote')}</p>
          {assessment.status === 'draft' && canWrite ? <p>{t('assessment.page.hiddenReadOnly')}</p> : null}
        </Alert>
      ) : null}
      {assessment.status === 'final' ? <p>{t('assessment.page.finalNote')}</p> : null}
      {assessment.status === 'draft' && !canWrite ? <p>{t('assessment.page.readOnly')}</p> : null}
      <SectionNav template={template} />
      {editable ? (
        <DraftForm
          assessment={assessment}
          template={template}
          caseId={caseId}
          onSaved={(saved, message) => {
            setAssessment(saved);
            setStatus({ message, focus: saved.status === 'final' });
          }}
          onReload={onReload}
        />
      ) : (
        <ReadOnlyAssessment assessment={assessment} template={template} caseId={caseId} canWrite={canWrite} />
      )}
    </>
  );
}

function Facts({
  assessment,
  caseId,
  editable,
}: {
  assessment: Assessment;
  caseId: string;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const lang = useLang();
  const row = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl className="facts facts--small" aria-label={t('assessment.page.facts')}>
      {row(t('assessment.page.instrument'), pick(assessment.template.title, lang))}
      {row(
        t('assessment.page.templateVersion'),
        t('assessment.version', { version: assessment.template.version }),
      )}
      {row(t('assessment.page.status'), <StatusTag status={assessment.status} />)}
      {editable ? null : row(t('assessment.page.conductedOn'), format.day(assessment.conductedOn))}
      {row(t('assessment.page.createdBy'), assessment.createdBy.displayName)}
      {assessment.status === 'final'
        ? row(
            t('assessment.page.finalised'),
            t('assessment.page.finalisedValue', {
              date: format.dateTime(assessment.finalisedAt),
              name: assessment.finalisedBy?.displayName ?? t('common.unknown'),
            }),
          )
        : row(
            t('assessment.page.updated'),
            t('assessment.page.updatedValue', {
              date: format.dateTime(assessment.updatedAt),
              name: assessment.updatedBy.displayName,
            }),
          )}
      {assessment.prefilledFrom
        ? row(
            t('assessment.page.prefilledFrom'),
            <Link to={assessmentPath(caseId, assessment.prefilledFrom)}>
              {t('assessment.page.prefilledLink')}
            </Link>,
          )
        : null}
    </dl>
  );
}

function SectionNav({ template }: { template: Template }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <nav aria-label={t('assessment.page.sections')} className="section-nav">
      <ol>
        {template.sections.map((section) => (
          <li key={section.key}>
            <a href={`#${sectionId(section)}`}>{pick(section.title, lang)}</a>
          </li>
        ))}
        <li>
          <a href="#needs-heading">{t('assessment.needs.heading')}</a>
        </li>
      </ol>
    </nav>
  );
}

function sectionId(section: Section): string {
  return idOf(`section.${section.key}`);
}

function usePathWords(): PathWords {
  const { t } = useTranslation();
  const lang = useLang();
  return useMemo(
    () => ({
      lang,
      conductedOn: t('assessment.page.conductedOn'),
      view: (view) =>
        view === 'client' ? t('assessment.field.viewClient') : t('assessment.field.viewProfessional'),
      row: (index) => t('assessment.field.row', { n: index + 1 }),
      need: (kind, position) =>
        kind === 'need'
          ? t('assessment.needs.need', { n: position })
          : t('assessment.needs.resource', { n: position }),
      needPart: (part) =>
        part === 'text'
          ? t('assessment.needs.text')
          : part === 'area'
            ? t('assessment.needs.area')
            : part === 'seenBy'
              ? t('assessment.needs.seenBy')
              : part,
    }),
    [t, lang],
  );
}

type Busy = 'save' | 'finalise' | 'discard' | null;

function DraftForm({
  assessment,
  template,
  caseId,
  onSaved,
  onReload,
}: {
  assessment: Assessment;
  template: Template;
  caseId: string;
  onSaved: (saved: Assessment, message: string) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const lang = useLang();
  const words = usePathWords();
  const navigate = useNavigate();
  const [answers, setAnswers] = useState<Answers>(assessment.answers);
  const [needs, setNeeds] = useState<NeedDraft[]>(() => needDraftsOf(template, assessment.needs));
  const [conductedOn, setConductedOn] = useState(assessment.conductedOn);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [dialog, setDialog] = useState<'finalise' | 'discard' | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const errors = text.fieldErrors(problem);
  const targets = errorTargets(template, needs, Object.keys(errors), words);
  const shown = visibleAnswers(template, answers);

  async function save(): Promise<Assessment | null> {
    const result = await call(
      api.PATCH('/api/assessments/{id}', {
        params: { path: { id: assessment.id } },
        body: {
          version: assessment.version,
          ...(conductedOn ? { conductedOn } : {}),
          answers: visibleAnswers(template, answers),
          needs: needsPayload(needs),
        },
      }),
    );
    if (!result.ok) {
      setProblem(result.problem);
      return null;
    }
    setProblem(null);
    return result.data;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy('save');
    const saved = await save();
    setBusy(null);
    if (saved) onSaved(saved, t('assessment.page.saved'));
  }

  async function finalise() {
    if (busy) return;
    setDialog(null);
    setBusy('finalise');
    const saved = await save();
    if (!saved) {
      setBusy(null);
      return;
    }
    onSaved(saved, t('assessment.page.saved'));
    const result = await call(
      api.POST('/api/assessments/{id}/finalise', {
        params: { path: { id: assessment.id } },
        body: { version: saved.version },
      }),
    );
    setBusy(null);
    if (result.ok) onSaved(result.data, t('assessment.page.finalisedMessage'));
    else setProblem(result.problem);
  }

  async function discard() {
    if (busy) return;
    setDialog(null);
    setBusy('discard');
    const result = await call(
      api.POST('/api/assessments/{id}/discard', {
        params: { path: { id: assessment.id } },
        body: { version: assessment.version },
      }),
    );
    setBusy(null);
    if (result.ok) void navigate(caseFilePath(caseId), { state: { assessmentDiscarded: true } });
    else setProblem(result.problem);
  }

  const conflict = problem?.code === 'version-conflict' || problem?.code === 'assessment-final';
  return (
    <>
      <form className="form assessment-form" noValidate onSubmit={(event) => void submit(event)}>
        {conflict ? (
          <ConflictNotice
            heading={t('assessment.page.conflictHeading')}
            text={
              problem.code === 'assessment-final' ? text.message(problem) : t('assessment.page.conflictText')
            }
            hint={t('assessment.page.conflictHint')}
            action={t('assessment.page.conflictAction')}
            onAction={onReload}
          />
        ) : (
          <ErrorSummary problem={problem} fields={targets} />
        )}
        <StatusRegion message={announcement} />
        <p className="field__hint">{t('assessment.page.requiredNote')}</p>
        <TextField
          id={idOf('conductedOn')}
          type="date"
          label={t('assessment.page.conductedOn')}
          max={today()}
          value={conductedOn}
          onValueChange={setConductedOn}
          error={errors.conductedOn}
        />
        {template.sections.map((section) => (
          <section key={section.key} aria-labelledby={sectionId(section)} className="assessment-section">
            <h2 id={sectionId(section)} tabIndex={-1}>
              {pick(section.title, lang)}
            </h2>
            {section.help ? <p className="field__hint">{pick(section.help, lang)}</p> : null}
            {section.fields.map((field) =>
              isVisible(field, answers) ? (
                <div key={field.key} className={field.showIf ? 'conditional' : undefined}>
                  <AnswerField
                    field={field}
                    path={`answers.${field.key}`}
                    value={answers[field.key]}
                    onChange={(value) => setAnswers((current) => withAnswer(current, field.key, value))}
                    errors={errors}
                    lang={lang}
                  />
                </div>
              ) : null,
            )}
            {section.score ? (
              <ScoreLine kind={section.score.kind} score={sectionScore(section, shown)} lang={lang} />
            ) : null}
          </section>
        ))}
        <NeedsEditor
          drafts={needs}
          onChange={setNeeds}
          errors={errors}
          template={template}
          onAnnounce={setAnnouncement}
        />
        <div className="form-actions">
          <Button type="submit" busy={busy === 'save'}>
            {t('assessment.page.save')}
          </Button>
          <Button variant="secondary" busy={busy === 'finalise'} onClick={() => setDialog('finalise')}>
            {t('assessment.page.finalise')}
          </Button>
          <Button variant="danger" busy={busy === 'discard'} onClick={() => setDialog('discard')}>
            {t('assessment.page.discard')}
          </Button>
        </div>
      </form>
      <Dialog
        open={dialog === 'finalise'}
        title={t('assessment.page.finaliseTitle')}
        onClose={() => setDialog(null)}
      >
        <p>{t('assessment.page.finaliseText')}</p>
        <div className="form-actions">
          <Button onClick={() => void finalise()}>{t('assessment.page.finaliseConfirm')}</Button>
          <Button variant="secondary" onClick={() => setDialog(null)}>
            {t('assessment.page.cancel')}
          </Button>
        </div>
      </Dialog>
      <Dialog
        open={dialog === 'discard'}
        title={t('assessment.page.discardTitle')}
        onClose={() => setDialog(null)}
      >
        <p>{t('assessment.page.discardText')}</p>
        <div className="form-actions">
          <Button variant="danger" onClick={() => void discard()}>
            {t('assessment.page.discardConfirm')}
          </Button>
          <Button variant="secondary" onClick={() => setDialog(null)}>
            {t('assessment.page.cancel')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

/** A finalised assessment (or a draft the reader may not edit): answers, scores, needs, network map. */
function ReadOnlyAssessment({
  assessment,
  template,
  caseId,
  canWrite,
}: {
  assessment: Assessment;
  template: Template;
  caseId: string;
  canWrite: boolean;
}) {
  const lang = useLang();
  return (
    <>
      {template.sections.map((section) => (
        <section key={section.key} aria-labelledby={sectionId(section)} className="assessment-section">
          <h2 id={sectionId(section)} tabIndex={-1}>
            {pick(section.title, lang)}
          </h2>
          <dl className="data-view">
            {section.fields
              .filter((field) => isVisible(field, assessment.answers))
              .map((field) => (
                <div key={field.key}>
                  <dt>
                    <FieldName field={field} lang={lang} />
                  </dt>
                  <dd>
                    <AnswerValue field={field} value={assessment.answers[field.key]} />
                  </dd>
                </div>
              ))}
          </dl>
          {section.score ? (
            <ScoreLine kind={section.score.kind} score={assessment.scores[section.key] ?? null} lang={lang} />
          ) : null}
        </section>
      ))}
      <NeedsView needs={assessment.needs} template={template} />
      {assessment.status === 'final' && assessment.network !== null ? (
        <NetworkSnapshot contacts={assessment.network} lang={lang} />
      ) : null}
      {assessment.status === 'final' && canWrite ? (
        <Reassessment assessment={assessment} caseId={caseId} />
      ) : null}
    </>
  );
}

function NetworkSnapshot({ contacts, lang }: { contacts: NetworkContact[]; lang: Lang }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = new Intl.ListFormat(lang, { type: 'conjunction' });
  return (
    <section aria-labelledby="network-snapshot" className="assessment-section">
      <h2 id="network-snapshot">{t('assessment.page.networkHeading')}</h2>
      {contacts.length === 0 ? (
        <p>{t('assessment.page.networkEmpty')}</p>
      ) : (
        <ul className="network-snapshot">
          {contacts.map((contact) => (
            <li key={contact.id}>
              <strong dir="auto">{contact.name}</strong> ({t(`assessment.network.kinds.${contact.kind}`)}
              {contact.relation ? <>, {contact.relation}</> : null}) –{' '}
              {[
                t('assessment.network.closeness', { value: contact.closeness }),
                contact.support.length > 0
                  ? t('assessment.network.supportList', {
                      list: list.format(contact.support.map((s) => t(`assessment.network.support.${s}`))),
                    })
                  : null,
                contact.strained ? t('assessment.network.strained') : null,
                contact.endedOn ? t('assessment.network.ended', { date: format.day(contact.endedOn) }) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Reassessment({ assessment, caseId }: { assessment: Assessment; caseId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function start() {
    if (busy) return;
    setBusy(true);
    const result = await startAssessment(assessment.caseId, { templateId: assessment.template.id });
    setBusy(false);
    if (result.ok) void navigate(assessmentPath(caseId, result.data.id));
    else if (result.problem.draftId) void navigate(assessmentPath(caseId, result.problem.draftId));
    else setProblem(result.problem);
  }

  return (
    <section aria-labelledby="reassessment" className="panel">
      <h2 id="reassessment">{t('assessment.page.reassess')}</h2>
      <p>{t('assessment.page.reassessHint')}</p>
      {problem ? <ProblemAlert problem={problem} /> : null}
      <Button busy={busy} onClick={() => void start()}>
        {t('assessment.page.reassess')}
      </Button>
    </section>
  );
}
