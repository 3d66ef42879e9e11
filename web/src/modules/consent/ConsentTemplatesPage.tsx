import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import {
  CONSENT_KINDS,
  CONSENT_LANGUAGES,
  type ConsentKind,
  type ConsentLanguage,
  type ConsentTemplate,
  type Problem,
  type TemplateText,
} from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextArea, TextField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { printPath, usePrivacyLabels } from './labels';

interface Editing {
  kind: ConsentKind;
  language: ConsentLanguage;
  content: TemplateText;
}

/**
 * Einwilligungsvorlagen (org admin): the form texts per kind and language with all versions. Editing
 * publishes a new version; published versions never change, because given consents refer to them.
 */
export function ConsentTemplatesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = usePrivacyLabels();
  const templates = useResource('consent-templates', () => call(api.GET('/api/consent-templates')));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const items = templates.data?.items ?? [];

  return (
    <Page title={t('templates.title')}>
      <p>{t('templates.intro')}</p>
      <StatusRegion message={message} focus />
      {templates.result && !templates.result.ok ? (
        <ProblemAlert problem={templates.result.problem} onRetry={templates.reload} />
      ) : null}
      {editing ? (
        <TemplateForm
          key={`${editing.kind}:${editing.language}`}
          editing={editing}
          onCancel={() => setEditing(null)}
          onPublished={(template) => {
            setEditing(null);
            setMessage(t('templates.published', { version: template.version }));
            templates.reload();
          }}
        />
      ) : null}
      {CONSENT_KINDS.map((kind) => (
        <section key={kind} aria-labelledby={`templates-${kind}`} className="panel">
          <h2 id={`templates-${kind}`}>{labels.kind(kind)}</h2>
          <ul className="template-list">
            {CONSENT_LANGUAGES.map((language) => {
              const versions = items
                .filter((item) => item.kind === kind && item.language === language)
                .sort((a, b) => b.version - a.version);
              const current = versions.find((v) => v.current) ?? versions[0];
              const names = { kind: labels.kind(kind), language: labels.language(language) };
              return (
                <li key={language}>
                  <h3>{labels.language(language)}</h3>
                  {versions.length === 0 ? (
                    <p>{t('templates.none')}</p>
                  ) : (
                    <ul aria-label={`${t('templates.versions')}: ${names.kind}, ${names.language}`}>
                      {versions.map((v) => (
                        <li key={v.id}>
                          {t('templates.version', { version: v.version })},{' '}
                          {t('templates.publishedAt', { date: format.dateTime(v.publishedAt) })}
                          {v.current ? ` (${t('templates.current')})` : null}
                        </li>
                      ))}
                    </ul>
                  )}
                  <div className="actions">
                    {current ? (
                      <Button
                        variant="secondary"
                        aria-label={t('templates.editLabel', names)}
                        onClick={() => {
                          setMessage(null);
                          setEditing({ kind, language, content: current.content });
                        }}
                      >
                        {t('templates.edit')}
                      </Button>
                    ) : null}
                    {current ? (
                      <Link to={printPath(kind, language)} aria-label={t('templates.previewLabel', names)}>
                        {t('templates.preview')}
                      </Link>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </Page>
  );
}

interface SectionValues {
  heading: string;
  text: string;
}

function TemplateForm({
  editing,
  onCancel,
  onPublished,
}: {
  editing: Editing;
  onCancel: () => void;
  onPublished: (template: ConsentTemplate) => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const labels = usePrivacyLabels();
  const { content } = editing;
  const [title, setTitle] = useState(content.title);
  const [intro, setIntro] = useState(content.intro);
  const [sections, setSections] = useState<SectionValues[]>(() =>
    content.sections.map((s) => ({ heading: s.heading, text: s.paragraphs.join('\n\n') })),
  );
  const [declaration, setDeclaration] = useState(content.declaration);
  const [revocationNote, setRevocationNote] = useState(content.revocationNote);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  const dir = editing.language === 'ar' ? 'rtl' : 'ltr';

  function setSection(index: number, changes: Partial<SectionValues>) {
    setSections((all) => all.map((s, i) => (i === index ? { ...s, ...changes } : s)));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    const result = await call(
      api.POST('/api/consent-templates', {
        body: {
          kind: editing.kind,
          language: editing.language,
          content: {
            title: title.trim(),
            intro: intro.trim(),
            sections: sections.map((s) => ({
              heading: s.heading.trim(),
              paragraphs: s.text
                .split(/\n\s*\n/)
                .map((p) => p.trim())
                .filter((p) => p !== ''),
            })),
            declaration: declaration.trim(),
            revocationNote: revocationNote.trim(),
          },
        },
      }),
    );
    setSubmitting(false);
    if (result.ok) onPublished(result.data);
    else setProblem(result.problem);
  }

  return (
    <form
      className="form panel"
      noValidate
      aria-labelledby="template-edit"
      onSubmit={(event) => void submit(event)}
    >
      <h2 id="template-edit">
        {t('templates.editHeading', {
          kind: labels.kind(editing.kind),
          language: labels.language(editing.language),
        })}
      </h2>
      <ErrorSummary
        problem={problem}
        fields={{
          'content.title': { id: 'template-title', label: t('templates.titleField') },
          'content.intro': { id: 'template-intro', label: t('templates.introField') },
          'content.declaration': { id: 'template-declaration', label: t('templates.declaration') },
          'content.revocationNote': { id: 'template-revocation', label: t('templates.revocationNote') },
        }}
      />
      <TextField
        id="template-title"
        label={t('templates.titleField')}
        dir={dir}
        maxLength={300}
        value={title}
        onValueChange={setTitle}
        error={errors['content.title']}
      />
      <TextArea
        id="template-intro"
        label={t('templates.introField')}
        dir={dir}
        rows={4}
        value={intro}
        onValueChange={setIntro}
        error={errors['content.intro']}
      />
      {sections.map((section, index) => (
        <fieldset key={index} className="fieldset group">
          <legend className="group__legend">{t('templates.section', { number: index + 1 })}</legend>
          <TextField
            id={`template-section-${index}-heading`}
            label={t('templates.sectionHeading', { number: index + 1 })}
            dir={dir}
            maxLength={300}
            value={section.heading}
            onValueChange={(heading) => setSection(index, { heading })}
          />
          <TextArea
            id={`template-section-${index}-text`}
            label={t('templates.sectionText', { number: index + 1 })}
            hint={t('templates.sectionTextHint')}
            dir={dir}
            rows={6}
            value={section.text}
            onValueChange={(value) => setSection(index, { text: value })}
          />
          {sections.length > 1 ? (
            <Button
              variant="secondary"
              onClick={() => setSections((all) => all.filter((_, i) => i !== index))}
            >
              {t('templates.removeSection', { number: index + 1 })}
            </Button>
          ) : null}
        </fieldset>
      ))}
      <Button variant="secondary" onClick={() => setSections((all) => [...all, { heading: '', text: '' }])}>
        {t('templates.addSection')}
      </Button>
      <TextArea
        id="template-declaration"
        label={t('templates.declaration')}
        dir={dir}
        value={declaration}
        onValueChange={setDeclaration}
        error={errors['content.declaration']}
      />
      <TextArea
        id="template-revocation"
        label={t('templates.revocationNote')}
        dir={dir}
        value={revocationNote}
        onValueChange={setRevocationNote}
        error={errors['content.revocationNote']}
      />
      <div className="actions">
        <Button type="submit" busy={submitting}>
          {t('templates.publish')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
