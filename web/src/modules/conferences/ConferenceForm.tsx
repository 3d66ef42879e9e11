import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import { DATA_CATEGORIES, isOneOf, type Colleague, type DataCategory, type Problem } from '../../api/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary, type FieldRef } from '../../ui/ErrorSummary';
import {
  CheckboxField,
  CheckboxGroup,
  FieldError,
  FieldGroup,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
} from '../../ui/fields';
import { useFocusAfterRender } from '../../ui/focus';
import { useProblemText } from '../../ui/problemText';
import { usePrivacyLabels } from '../consent/labels';
import './conferences.css';
import {
  CONFERENCE_KINDS,
  draftOf,
  type Conference,
  type ConferenceBody,
  type ConferenceKind,
  type ParticipantDraft,
} from './model';

interface ConferenceFormProps {
  caseId: string;
  colleagues: readonly Colleague[];
  /** The conference to change; absent: a new one. */
  conference?: Conference;
  onSaved: (conference: Conference) => void;
  onCancel: () => void;
  onConflict: () => void;
}

type PartnerHit = { id: string; name: string };
type ContactHit = { id: string; name: string; role: string | null };

/**
 * Plans or changes a conference: kind, date, place, moderator, agenda, whether personal data are shared (and
 * which), and who takes part — colleagues, contact persons of network partners, family members and others by
 * name, the client.
 */
export function ConferenceForm({
  caseId,
  colleagues,
  conference,
  onSaved,
  onCancel,
  onConflict,
}: ConferenceFormProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const privacy = usePrivacyLabels();
  const focusAfterRender = useFocusAfterRender();
  const [kind, setKind] = useState<ConferenceKind>(conference?.kind ?? 'case');
  const [heldOn, setHeldOn] = useState(conference?.heldOn ?? '');
  const [startsAt, setStartsAt] = useState(conference?.startsAt ?? '');
  const [place, setPlace] = useState(conference?.place ?? '');
  const [moderator, setModerator] = useState(conference?.moderator?.id ?? '');
  const [agenda, setAgenda] = useState(conference?.agenda ?? '');
  const [anonymous, setAnonymous] = useState(conference?.anonymous ?? false);
  const [categories, setCategories] = useState<DataCategory[]>(conference?.categories ?? []);
  const [participants, setParticipants] = useState<ParticipantDraft[]>(
    conference?.participants.map(draftOf) ?? [],
  );
  const [problem, setProblem] = useState<Problem | null>(null);
  const [confirm, setConfirm] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  const prefix = conference ? `conference-edit` : 'conference-new';
  const id = (name: string) => `${prefix}-${name}`;

  function add(draft: ParticipantDraft) {
    setParticipants((list) => [...list, draft]);
  }
  function remove(index: number) {
    setParticipants((list) => list.filter((_, i) => i !== index));
    focusAfterRender(id('colleague'));
  }
  function setRole(index: number, role: string) {
    setParticipants((list) =>
      list.map((p, i) => (i === index ? { ...p, body: { ...p.body, role: role === '' ? null : role } } : p)),
    );
  }
  const hasClient = participants.some((p) => p.body.kind === 'client');
  function setClient(present: boolean) {
    if (present && !hasClient) add({ body: { kind: 'client' }, label: t('conferences.clientName') });
    if (!present) setParticipants((list) => list.filter((p) => p.body.kind !== 'client'));
  }

  async function submit(event: FormEvent | null, confirmed = false) {
    event?.preventDefault();
    if (heldOn === '') {
      setProblem(clientValidationProblem([{ pointer: '/heldOn', code: 'required', message: '' }]));
      return;
    }
    const body: ConferenceBody = {
      kind,
      heldOn,
      startsAt: startsAt === '' ? null : startsAt,
      place: place.trim() === '' ? null : place.trim(),
      moderatorUserId: moderator === '' ? null : moderator,
      agenda: agenda.trim() === '' ? null : agenda,
      anonymous,
      categories: anonymous ? [] : categories,
      participants: participants
        .filter((p) => kind !== 'helpers' || p.body.kind !== 'client')
        .map((p) => p.body),
      ...(confirmed ? { confirm: true } : {}),
    };
    setSubmitting(true);
    const result = conference
      ? await call(
          api.PUT('/api/conferences/{id}', {
            params: { path: { id: conference.id } },
            body: { ...body, version: conference.version },
          }),
        )
      : await call(api.POST('/api/cases/{id}/conferences', { params: { path: { id: caseId } }, body }));
    setSubmitting(false);
    if (result.ok) {
      onSaved(result.data);
      return;
    }
    if (result.problem.code === 'version-conflict') {
      onConflict();
      return;
    }
    if (result.problem.code === 'confirmation-required') {
      setProblem(null);
      setConfirm(result.problem);
      return;
    }
    setConfirm(null);
    setProblem(result.problem);
  }

  const fields: Record<string, FieldRef> = {
    kind: { id: id('kind'), label: t('conferences.form.kind') },
    heldOn: { id: id('held-on'), label: t('conferences.form.heldOn') },
    startsAt: { id: id('starts-at'), label: t('conferences.form.startsAt') },
    place: { id: id('place'), label: t('conferences.form.place') },
    moderatorUserId: { id: id('moderator'), label: t('conferences.form.moderator') },
    agenda: { id: id('agenda'), label: t('conferences.form.agenda') },
    categories: { id: id('categories'), label: t('conferences.form.categories') },
    participants: { id: id('participants'), label: t('conferences.form.participants') },
  };
  participants.forEach((p, i) => {
    for (const name of ['userId', 'contactId', 'name', 'role', 'kind']) {
      fields[`participants.${i}.${name}`] = { id: id(`participant-${i}`), label: p.label };
    }
  });
  const rowError = (i: number) =>
    ['userId', 'contactId', 'name', 'role']
      .map((name) => errors[`participants.${i}.${name}`])
      .find((e) => e !== undefined);

  const chosen = new Set(
    participants.flatMap((p) => (p.body.kind === 'internal' && p.body.userId ? [p.body.userId] : [])),
  );

  return (
    <form
      className="form"
      noValidate
      aria-labelledby={id('heading')}
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={id('heading')}>
        {conference ? t('conferences.form.editHeading') : t('conferences.form.createHeading')}
      </h3>
      <ErrorSummary problem={problem} fields={fields} />
      {confirm ? (
        <ConfirmNotice
          problem={confirm}
          labels={fields}
          busy={submitting}
          onConfirm={() => void submit(null, true)}
        />
      ) : null}
      <RadioGroup
        id={id('kind')}
        legend={t('conferences.form.kind')}
        options={CONFERENCE_KINDS.map((k) => ({
          value: k,
          label: `${t(`conferences.kinds.${k}`)} – ${t(`conferences.kindHints.${k}`)}`,
        }))}
        value={kind}
        onValueChange={(k) => setKind(isOneOf(CONFERENCE_KINDS, k) ? k : 'case')}
        error={errors.kind}
      />
      <div className="conference-row">
        <TextField
          id={id('held-on')}
          type="date"
          label={t('conferences.form.heldOn')}
          value={heldOn}
          onValueChange={setHeldOn}
          error={errors.heldOn}
        />
        <TextField
          id={id('starts-at')}
          type="time"
          optional
          label={t('conferences.form.startsAt')}
          value={startsAt}
          onValueChange={setStartsAt}
          error={errors.startsAt}
        />
      </div>
      <TextField
        id={id('place')}
        optional
        maxLength={200}
        label={t('conferences.form.place')}
        value={place}
        onValueChange={setPlace}
        error={errors.place}
      />
      <SelectField
        id={id('moderator')}
        optional
        label={t('conferences.form.moderator')}
        value={moderator}
        options={[
          { value: '', label: t('conferences.form.noModerator') },
          ...colleagues.map((c) => ({ value: c.id, label: c.displayName })),
        ]}
        onValueChange={setModerator}
        error={errors.moderatorUserId}
      />
      <TextArea
        id={id('agenda')}
        optional
        maxLength={4000}
        label={t('conferences.form.agenda')}
        value={agenda}
        onValueChange={setAgenda}
        error={errors.agenda}
      />
      <CheckboxField
        id={id('anonymous')}
        label={t('conferences.form.anonymous')}
        hint={t('conferences.form.anonymousHint')}
        checked={anonymous}
        onCheckedChange={setAnonymous}
      />
      {anonymous ? null : (
        <CheckboxGroup
          id={id('categories')}
          legend={t('conferences.form.categories')}
          hint={t('conferences.form.categoriesHint')}
          options={DATA_CATEGORIES.map((c) => ({ value: c, label: privacy.category(c) }))}
          values={categories}
          onValuesChange={(values) =>
            setCategories(values.filter((c): c is DataCategory => isOneOf(DATA_CATEGORIES, c)))
          }
          error={errors.categories}
        />
      )}

      <FieldGroup legend={t('conferences.form.participants')}>
        <div id={id('participants')} tabIndex={-1}>
          <FieldError id={id('participants')} error={errors.participants} />
          {participants.length === 0 ? (
            <p>{t('conferences.form.noParticipants')}</p>
          ) : (
            <ul className="conference-participants">
              {participants.map((p, i) => (
                <li key={`${p.body.kind}-${p.body.userId ?? p.body.contactId ?? p.body.name ?? ''}-${i}`}>
                  <p id={id(`participant-${i}`)} tabIndex={-1}>
                    <strong dir="auto">{p.label}</strong> ({t(`conferences.participantKinds.${p.body.kind}`)})
                  </p>
                  <FieldError id={id(`participant-${i}`)} error={rowError(i)} />
                  <TextField
                    id={id(`participant-${i}-role`)}
                    optional
                    maxLength={200}
                    label={t('conferences.form.role', { name: p.label })}
                    value={p.body.role ?? ''}
                    onValueChange={(role) => setRole(i, role)}
                  />
                  <Button variant="secondary" onClick={() => remove(i)}>
                    {t('conferences.form.remove', { name: p.label })}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <AddColleague
          id={id('colleague')}
          colleagues={colleagues.filter((c) => !chosen.has(c.id))}
          onAdd={(c) => add({ body: { kind: 'internal', userId: c.id }, label: c.displayName })}
        />
        <AddPartnerContact
          id={id('partner')}
          onAdd={(partner, contact) =>
            add({
              body: { kind: 'partner_contact', contactId: contact.id, role: contact.role },
              label: `${contact.name} (${partner.name})`,
            })
          }
        />
        <AddPerson
          id={id('person')}
          onAdd={(personKind, name, role) =>
            add({ body: { kind: personKind, name, role: role === '' ? null : role }, label: name })
          }
        />
        {kind === 'helpers' ? (
          <p className="field__hint">{t('conferences.form.clientNotAtHelpers')}</p>
        ) : (
          <CheckboxField
            id={id('client')}
            label={t('conferences.form.client')}
            checked={hasClient}
            onCheckedChange={setClient}
          />
        )}
      </FieldGroup>

      <div className="actions">
        <Button type="submit" busy={submitting}>
          {conference ? t('conferences.form.save') : t('conferences.form.create')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('conferences.form.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** The 409 confirmation-required: names the fields that seem to name the client and offers to save anyway. */
export function ConfirmNotice({
  problem,
  labels,
  busy,
  onConfirm,
}: {
  problem: Problem;
  labels: Record<string, FieldRef>;
  busy: boolean;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const names = Object.keys(text.fieldErrors(problem)).map((field) => labels[field]?.label ?? field);
  return (
    <Alert kind="error">
      <h4>{t('conferences.form.confirmHeading')}</h4>
      <p>{t('conferences.form.confirmText', { fields: names.join(', ') })}</p>
      <Button variant="secondary" busy={busy} onClick={onConfirm}>
        {t('conferences.form.confirmAnyway')}
      </Button>
    </Alert>
  );
}

function AddColleague({
  id,
  colleagues,
  onAdd,
}: {
  id: string;
  colleagues: readonly Colleague[];
  onAdd: (colleague: Colleague) => void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState('');
  const colleague = colleagues.find((c) => c.id === chosen);
  return (
    <div className="conference-row">
      <SelectField
        id={id}
        label={t('conferences.form.addColleague')}
        value={chosen}
        options={[
          { value: '', label: t('conferences.form.chooseColleague') },
          ...colleagues.map((c) => ({ value: c.id, label: c.displayName })),
        ]}
        onValueChange={setChosen}
      />
      <Button
        variant="secondary"
        disabled={!colleague}
        onClick={() => {
          if (!colleague) return;
          onAdd(colleague);
          setChosen('');
        }}
      >
        {t('conferences.form.add')}
      </Button>
    </div>
  );
}

/** Finds a partner in the directory (own and shared) and one of its contact persons. */
function AddPartnerContact({
  id,
  onAdd,
}: {
  id: string;
  onAdd: (partner: PartnerHit, contact: ContactHit) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [searching, setSearching] = useState(false);
  const [partners, setPartners] = useState<PartnerHit[] | null>(null);
  const [partnerId, setPartnerId] = useState('');
  const [contacts, setContacts] = useState<ContactHit[] | null>(null);
  const [contactId, setContactId] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  async function search() {
    setSearching(true);
    const result = await call(api.GET('/api/partners', { params: { query: { q: q.trim(), pageSize: 50 } } }));
    setSearching(false);
    setPartnerId('');
    setContacts(null);
    setContactId('');
    if (result.ok) {
      setProblem(null);
      setPartners(result.data.items.filter((p) => !p.archived).map((p) => ({ id: p.id, name: p.name })));
    } else setProblem(result.problem);
  }

  async function choosePartner(value: string) {
    setPartnerId(value);
    setContacts(null);
    setContactId('');
    if (value === '') return;
    const result = await call(api.GET('/api/partners/{id}', { params: { path: { id: value } } }));
    if (result.ok) {
      setProblem(null);
      setContacts(result.data.contacts.map((c) => ({ id: c.id, name: c.name, role: c.role })));
    } else setProblem(result.problem);
  }

  const partner = partners?.find((p) => p.id === partnerId);
  const contact = contacts?.find((c) => c.id === contactId);
  const text = useProblemText();
  return (
    <div className="conference-partner-search">
      <div className="conference-row">
        <TextField
          id={`${id}-q`}
          type="search"
          optional
          maxLength={200}
          label={t('conferences.form.partnerSearch')}
          hint={t('conferences.form.partnerSearchHint')}
          value={q}
          onValueChange={setQ}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void search();
            }
          }}
        />
        <Button variant="secondary" busy={searching} onClick={() => void search()}>
          {t('conferences.form.search')}
        </Button>
      </div>
      {problem ? <p className="field__error">{text.message(problem)}</p> : null}
      {partners && partners.length === 0 ? <p role="status">{t('conferences.form.noPartners')}</p> : null}
      {partners && partners.length > 0 ? (
        <SelectField
          id={`${id}-partner`}
          label={t('conferences.form.partnerResults')}
          value={partnerId}
          options={[
            { value: '', label: t('conferences.form.choosePartner') },
            ...partners.map((p) => ({ value: p.id, label: p.name })),
          ]}
          onValueChange={(value) => void choosePartner(value)}
        />
      ) : null}
      {contacts && contacts.length === 0 ? <p role="status">{t('conferences.form.noContacts')}</p> : null}
      {contacts && contacts.length > 0 ? (
        <div className="conference-row">
          <SelectField
            id={`${id}-contact`}
            label={t('conferences.form.contact')}
            value={contactId}
            options={[
              { value: '', label: t('conferences.form.chooseContact') },
              ...contacts.map((c) => ({ value: c.id, label: c.role ? `${c.name} – ${c.role}` : c.name })),
            ]}
            onValueChange={setContactId}
          />
          <Button
            variant="secondary"
            disabled={!partner || !contact}
            onClick={() => {
              if (!partner || !contact) return;
              onAdd(partner, contact);
              setContactId('');
            }}
          >
            {t('conferences.form.add')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function AddPerson({
  id,
  onAdd,
}: {
  id: string;
  onAdd: (kind: 'family' | 'other', name: string, role: string) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'family' | 'other'>('family');
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  return (
    <RadioGroup
      id={`${id}-kind`}
      legend={t('conferences.form.personKind')}
      options={(['family', 'other'] as const).map((k) => ({
        value: k,
        label: t(`conferences.form.personKinds.${k}`),
      }))}
      value={kind}
      onValueChange={(k) => setKind(k === 'other' ? 'other' : 'family')}
    >
      <div className="conference-row">
        <TextField
          id={`${id}-name`}
          optional
          maxLength={200}
          dir="auto"
          autoComplete="off"
          label={t('conferences.form.personName')}
          value={name}
          onValueChange={setName}
        />
        <TextField
          id={`${id}-role`}
          optional
          maxLength={200}
          label={t('conferences.form.personRole')}
          value={role}
          onValueChange={setRole}
        />
        <Button
          variant="secondary"
          disabled={name.trim() === ''}
          onClick={() => {
            if (name.trim() === '') return;
            onAdd(kind, name.trim(), role.trim());
            setName('');
            setRole('');
          }}
        >
          {t('conferences.form.add')}
        </Button>
      </div>
    </RadioGroup>
  );
}
