import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, call, type ApiResult } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { Problem } from '../../api/types';
import { Alert, ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { Dialog } from '../../ui/Dialog';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { codeName } from '../clients/codes';
import {
  checkPartner,
  contactValues,
  emptyContact,
  partnerPayload,
  partnerValues,
  type ContactValues,
  type Offer,
  type Partner,
  type PartnerValues,
} from './model';
import { OfferForm } from './OfferForm';
import { PartnerFields, usePartnerFieldRefs } from './PartnerFields';
import { partnerNavigationMessage, type PartnerNavigationState } from './PartnersPage';
import { usePartnerTypes, type PartnerTypes } from './partnerTypes';

/** The newer of two copies of the same partner: the loaded one, or the answer of a save. */
function newer(a: Partner | null, b: Partner | null): Partner | null {
  if (a === null) return b;
  if (b === null || b.id !== a.id) return a;
  return b.version > a.version ? b : a;
}

/** Saves the whole partner (details and contacts) with the version it was read at. */
function savePartner(partner: Partner, values: PartnerValues): Promise<ApiResult<Partner>> {
  return call(
    api.PUT('/api/partners/{id}', {
      params: { path: { id: partner.id } },
      body: { ...partnerPayload(values), version: partner.version },
    }),
  );
}

export function PartnerPage() {
  const { t } = useTranslation();
  const { partnerId = '' } = useParams();
  const location = useLocation();
  const types = usePartnerTypes();
  const districts = useResource('districts', () => call(api.GET('/api/districts')));
  const districtNames = (districts.data?.items ?? []).filter((d) => !d.archived).map((d) => d.label);
  const loaded = useResource(partnerId, () =>
    call(api.GET('/api/partners/{id}', { params: { path: { id: partnerId } } })),
  );
  const [known, setKnown] = useState<Partner | null>(null);
  const [message, setMessage] = useState<string | null>(
    partnerNavigationMessage(location.state) === 'created' ? t('partners.created') : null,
  );
  const fromServer = loaded.data?.id === partnerId ? loaded.data : null;
  const partner = newer(fromServer, known?.id === partnerId ? known : null);

  function accept(next: Partner, note: string) {
    setKnown(next);
    setMessage(note);
  }

  function reloadWith(note: string | null) {
    setMessage(note);
    loaded.reload();
  }

  return (
    <Page title={partner?.name ?? t('partners.title')}>
      <p>
        <Link to="/network/partners">{t('common.backToList')}</Link>
      </p>
      <StatusRegion message={message} focus />
      {loaded.result && !loaded.result.ok ? (
        <ProblemAlert problem={loaded.result.problem} onRetry={loaded.reload} />
      ) : null}
      {partner === null ? (
        loaded.loading ? (
          <p role="status">{t('app.loading')}</p>
        ) : null
      ) : (
        <>
          {partner.shared ? (
            <p>
              <span className="tag">{t('partners.shared')}</span>
            </p>
          ) : null}
          {partner.shared && !partner.permissions.edit ? (
            <Alert kind="info">{t('partners.details.readOnlyShared')}</Alert>
          ) : null}
          {partner.archived ? <Alert kind="info">{t('partners.details.archivedNotice')}</Alert> : null}
          <DetailsSection
            key={`details-${partner.version}`}
            partner={partner}
            types={types}
            districts={districtNames}
            onSaved={(saved) => accept(saved, t('partners.details.saved'))}
            onReload={() => reloadWith(null)}
          />
          <ContactsSection
            key={`contacts-${partner.version}`}
            partner={partner}
            onSaved={(saved, note) => accept(saved, note)}
            onReload={() => reloadWith(null)}
          />
          <OffersSection partner={partner} districts={districtNames} onChanged={reloadWith} />
          <RemovalSection
            partner={partner}
            onRestored={(restored) => accept(restored, t('partners.removal.restored'))}
            onArchived={reloadWith}
            onReload={() => reloadWith(null)}
          />
        </>
      )}
    </Page>
  );
}

function DetailsSection({
  partner,
  types,
  districts,
  onSaved,
  onReload,
}: {
  partner: Partner;
  types: PartnerTypes;
  districts: readonly string[];
  onSaved: (partner: Partner) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const editable = partner.permissions.edit && !partner.archived;
  const address = [partner.street, [partner.postalCode, partner.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return (
    <section aria-labelledby="partner-details">
      <h2 id="partner-details">{t('partners.details.facts')}</h2>
      {editing ? (
        <PartnerDetailsForm
          partner={partner}
          types={types}
          districts={districts}
          onSaved={(saved) => {
            setEditing(false);
            onSaved(saved);
          }}
          onCancel={() => setEditing(false)}
          onReload={onReload}
        />
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>{t('partners.details.type')}</dt>
              <dd>{types.label(partner.type)}</dd>
            </div>
            <div>
              <dt>{t('partners.details.directory')}</dt>
              <dd>{t(`partners.scopes.${partner.shared ? 'shared' : 'own'}`)}</dd>
            </div>
            <div>
              <dt>{t('partners.details.address')}</dt>
              <dd>{address || '–'}</dd>
            </div>
            <div>
              <dt>{t('partners.details.district')}</dt>
              <dd>{partner.district ?? '–'}</dd>
            </div>
            <div>
              <dt>{t('partners.details.phone')}</dt>
              <dd>
                {partner.phone ? (
                  <a href={`tel:${partner.phone.replace(/\s/g, '')}`}>{partner.phone}</a>
                ) : (
                  '–'
                )}
              </dd>
            </div>
            <div>
              <dt>{t('partners.details.email')}</dt>
              <dd>{partner.email ? <a href={`mailto:${partner.email}`}>{partner.email}</a> : '–'}</dd>
            </div>
            <div>
              <dt>{t('partners.details.website')}</dt>
              <dd>{partner.website ?? '–'}</dd>
            </div>
            <div>
              <dt>{t('partners.details.notes')}</dt>
              <dd className="preserve-lines">{partner.notes ?? '–'}</dd>
            </div>
          </dl>
          {editable ? (
            <p>
              <Button variant="secondary" onClick={() => setEditing(true)}>
                {t('partners.details.edit')}
              </Button>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function PartnerDetailsForm({
  partner,
  types,
  districts,
  onSaved,
  onCancel,
  onReload,
}: {
  partner: Partner;
  types: PartnerTypes;
  districts: readonly string[];
  onSaved: (partner: Partner) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [values, setValues] = useState<PartnerValues>(() => partnerValues(partner));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const refs = usePartnerFieldRefs('partner-edit', values.contacts);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checks = checkPartner(values);
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const result = await savePartner(partner, values);
    setSubmitting(false);
    if (result.ok) onSaved(result.data);
    else setProblem(result.problem);
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {problem?.code === 'version-conflict' ? (
        <PartnerConflict onReload={onReload} />
      ) : (
        <ErrorSummary problem={problem} fields={refs} />
      )}
      <PartnerFields
        prefix="partner-edit"
        values={values}
        onChange={setValues}
        errors={text.fieldErrors(problem)}
        typeOptions={types.options(partner.shared, partner.type)}
        districts={districts}
        withContacts={false}
      />
      <div className="actions">
        <Button type="submit" busy={submitting}>
          {submitting ? t('common.saving') : t('common.save')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function PartnerConflict({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <ConflictNotice
      heading={t('partners.conflict.heading')}
      text={t('partners.conflict.text')}
      hint={t('partners.conflict.hint')}
      action={t('partners.conflict.action')}
      onAction={onReload}
    />
  );
}

/** Contact persons: each added, edited or removed by saving the partner's whole contact list. */
function ContactsSection({
  partner,
  onSaved,
  onReload,
}: {
  partner: Partner;
  onSaved: (partner: Partner, note: string) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  // The contact being edited: its index in the list, or "new".
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [draft, setDraft] = useState<ContactValues>(emptyContact);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = partner.permissions.edit && !partner.archived;
  const stored = partner.contacts.map(contactValues);

  async function save(contacts: ContactValues[], note: string): Promise<boolean> {
    const values = { ...partnerValues(partner), contacts };
    const checks = checkPartner(values);
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return false;
    }
    setBusy(true);
    const result = await savePartner(partner, values);
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return false;
    }
    setProblem(null);
    onSaved(result.data, note);
    return true;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || editing === null) return;
    const contacts =
      editing === 'new' ? [...stored, draft] : stored.map((c, i) => (i === editing ? draft : c));
    void save(contacts, t('partners.contacts.saved')).then((ok) => {
      if (ok) setEditing(null);
    });
  }

  const index = editing === 'new' ? stored.length : (editing ?? 0);
  const errors = text.fieldErrors(problem);
  const fieldError = (key: string) => errors[`contacts.${index}.${key}`];
  const field = (key: 'name' | 'role' | 'phone' | 'email') => ({
    id: `contact-edit-${key}`,
    label: t(`partners.contacts.${key}`),
    value: draft[key],
    onValueChange: (value: string) => setDraft({ ...draft, [key]: value }),
    error: fieldError(key),
    optional: key !== 'name',
    autoComplete: 'off',
  });

  return (
    <section aria-labelledby="partner-contacts">
      <h2 id="partner-contacts">{t('partners.contacts.heading')}</h2>
      {editing === null && problem ? (
        problem.code === 'version-conflict' ? (
          <PartnerConflict onReload={onReload} />
        ) : (
          <ProblemAlert problem={problem} />
        )
      ) : null}
      {partner.contacts.length === 0 ? (
        <p>{t('partners.contacts.none')}</p>
      ) : (
        <ul className="plain-list">
          {partner.contacts.map((contact, i) => (
            <li key={contact.id} className="row-actions">
              <span>
                <strong>{contact.name}</strong>
                {contact.role ? `, ${contact.role}` : ''}
                {contact.phone ? (
                  <>
                    {' · '}
                    <a href={`tel:${contact.phone.replace(/\s/g, '')}`}>{contact.phone}</a>
                  </>
                ) : null}
                {contact.email ? (
                  <>
                    {' · '}
                    <a href={`mailto:${contact.email}`}>{contact.email}</a>
                  </>
                ) : null}
              </span>
              {editable && editing === null ? (
                <>
                  <Button
                    variant="secondary"
                    onClick={() => {
                      setProblem(null);
                      setDraft(contactValues(contact));
                      setEditing(i);
                    }}
                  >
                    {t('partners.contacts.editOne', { name: contact.name })}
                  </Button>
                  <Button
                    variant="secondary"
                    busy={busy}
                    onClick={() =>
                      void save(
                        stored.filter((_, j) => j !== i),
                        t('partners.contacts.removed'),
                      )
                    }
                  >
                    {t('partners.contacts.removeOne', { name: contact.name })}
                  </Button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable && editing === null ? (
        <p>
          <Button
            variant="secondary"
            onClick={() => {
              setProblem(null);
              setDraft(emptyContact());
              setEditing('new');
            }}
          >
            {t('partners.contacts.add')}
          </Button>
        </p>
      ) : null}
      {editing !== null ? (
        <form className="form panel" noValidate onSubmit={submit} aria-labelledby="contact-edit-heading">
          <h3 id="contact-edit-heading">
            {editing === 'new' ? t('partners.contacts.newHeading') : t('partners.contacts.editHeading')}
          </h3>
          {problem?.code === 'version-conflict' ? (
            <PartnerConflict onReload={onReload} />
          ) : (
            <ErrorSummary
              problem={problem}
              fields={Object.fromEntries(
                (['name', 'role', 'phone', 'email'] as const).map((key) => [
                  `contacts.${index}.${key}`,
                  { id: `contact-edit-${key}`, label: t(`partners.contacts.${key}`) },
                ]),
              )}
            />
          )}
          <div className="field-row">
            <TextField {...field('name')} maxLength={200} />
            <TextField {...field('role')} maxLength={200} />
          </div>
          <div className="field-row">
            <TextField {...field('phone')} type="tel" maxLength={60} />
            <TextField {...field('email')} type="email" maxLength={254} />
          </div>
          <div className="actions">
            <Button type="submit" busy={busy}>
              {busy ? t('common.saving') : t('common.save')}
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setProblem(null);
                setEditing(null);
              }}
            >
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function OffersSection({
  partner,
  districts,
  onChanged,
}: {
  partner: Partner;
  districts: readonly string[];
  onChanged: (note: string | null) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [removing, setRemoving] = useState<Offer | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = partner.permissions.edit && !partner.archived;

  function saved(_offer: Offer, created: boolean) {
    setEditing(null);
    onChanged(created ? t('partners.offers.created') : t('partners.offers.saved'));
  }

  async function remove(offer: Offer) {
    setBusy(true);
    const result = await call(
      api.DELETE('/api/offers/{id}', {
        params: { path: { id: offer.id }, query: { version: offer.version } },
      }),
    );
    setBusy(false);
    setRemoving(null);
    if (!result.ok) {
      setProblem(result.problem);
      if (result.problem.code === 'version-conflict') onChanged(null);
      return;
    }
    setProblem(null);
    onChanged(
      result.data.outcome === 'deleted'
        ? t('partners.offers.deleted')
        : t('partners.offers.archivedOutcome', { count: result.data.references.referrals }),
    );
  }

  async function restore(offer: Offer) {
    setBusy(true);
    const result = await call(
      api.POST('/api/offers/{id}/restore', {
        params: { path: { id: offer.id } },
        body: { version: offer.version },
      }),
    );
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    onChanged(t('partners.offers.restored'));
  }

  return (
    <section aria-labelledby="partner-offers">
      <h2 id="partner-offers">{t('partners.offers.heading')}</h2>
      {problem ? <ProblemAlert problem={problem} /> : null}
      {editable && editing === null ? (
        <p>
          <Button variant="secondary" onClick={() => setEditing('new')}>
            {t('partners.offers.add')}
          </Button>
        </p>
      ) : null}
      {editing === 'new' ? (
        <section className="panel" aria-labelledby="offer-new-heading">
          <h3 id="offer-new-heading">{t('partners.offers.newHeading')}</h3>
          <OfferForm
            partnerId={partner.id}
            districts={districts}
            onSaved={saved}
            onCancel={() => setEditing(null)}
            onReload={() => {
              setEditing(null);
              onChanged(null);
            }}
          />
        </section>
      ) : null}
      {partner.offers.length === 0 ? <p>{t('partners.offers.none')}</p> : null}
      {partner.offers.map((offer) =>
        editing === offer.id ? (
          <section key={offer.id} className="panel" aria-labelledby={`offer-${offer.id}-edit`}>
            <h3 id={`offer-${offer.id}-edit`}>{t('partners.offers.editHeading', { title: offer.title })}</h3>
            <OfferForm
              partnerId={partner.id}
              offer={offer}
              districts={districts}
              onSaved={saved}
              onCancel={() => setEditing(null)}
              onReload={() => {
                setEditing(null);
                onChanged(null);
              }}
            />
          </section>
        ) : (
          <OfferCard
            key={offer.id}
            offer={offer}
            actions={
              editing === null ? (
                <>
                  {editable && !offer.archived ? (
                    <Button variant="secondary" onClick={() => setEditing(offer.id)}>
                      {t('partners.offers.edit', { title: offer.title })}
                    </Button>
                  ) : null}
                  {partner.permissions.archive && !partner.archived && !offer.archived ? (
                    <Button variant="secondary" onClick={() => setRemoving(offer)}>
                      {t('partners.offers.remove', { title: offer.title })}
                    </Button>
                  ) : null}
                  {partner.permissions.archive && !partner.archived && offer.archived ? (
                    <Button variant="secondary" busy={busy} onClick={() => void restore(offer)}>
                      {t('partners.offers.restore', { title: offer.title })}
                    </Button>
                  ) : null}
                </>
              ) : null
            }
          />
        ),
      )}
      <Dialog
        open={removing !== null}
        title={removing ? t('partners.offers.remove', { title: removing.title }) : ''}
        onClose={() => setRemoving(null)}
      >
        <div className="actions">
          <Button variant="danger" busy={busy} onClick={() => removing && void remove(removing)}>
            {t('partners.removal.confirm')}
          </Button>
          <Button variant="secondary" onClick={() => setRemoving(null)}>
            {t('common.cancel')}
          </Button>
        </div>
      </Dialog>
    </section>
  );
}

function OfferCard({ offer, actions }: { offer: Offer; actions: ReactNode }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const age =
    offer.ageMin !== null && offer.ageMax !== null
      ? t('partners.offers.ageRange', { min: offer.ageMin, max: offer.ageMax })
      : offer.ageMin !== null
        ? t('partners.offers.ageFrom', { min: offer.ageMin })
        : offer.ageMax !== null
          ? t('partners.offers.ageTo', { max: offer.ageMax })
          : t('partners.offers.ageAny');
  const places =
    offer.capacity !== null && offer.freePlaces !== null
      ? t('partners.offers.placesOf', { free: offer.freePlaces, capacity: offer.capacity })
      : offer.freePlaces !== null
        ? t('partners.offers.placesFree', { free: offer.freePlaces })
        : offer.capacity !== null
          ? t('partners.offers.placesTotal', { capacity: offer.capacity })
          : '–';
  const validity =
    offer.validFrom && offer.validTo
      ? t('partners.offers.validRange', { from: format.day(offer.validFrom), to: format.day(offer.validTo) })
      : offer.validFrom
        ? t('partners.offers.validSince', { from: format.day(offer.validFrom) })
        : offer.validTo
          ? t('partners.offers.validUntil', { to: format.day(offer.validTo) })
          : t('partners.offers.validAlways');
  const waitingWeeks = offer.waitingDays === null ? null : Math.round((offer.waitingDays / 7) * 10) / 10;
  const headingId = `offer-${offer.id}`;
  return (
    <article className="panel" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {offer.title}{' '}
        {offer.archived ? <span className="tag tag--withdrawn">{t('partners.offers.archived')}</span> : null}
        {!offer.archived && !offer.validToday ? (
          <span className="tag">{t('partners.offers.notValidToday')}</span>
        ) : null}
        {!offer.archived && offer.validToday && offer.freePlaces === 0 ? (
          <span className="tag tag--overdue">{t('partners.offers.noFreePlaces')}</span>
        ) : null}
      </h3>
      {offer.description ? <p className="preserve-lines">{offer.description}</p> : null}
      <dl className="facts facts--small" aria-label={t('partners.offers.facts', { title: offer.title })}>
        <div>
          <dt>{t('partners.offers.field')}</dt>
          <dd>{offer.field ? t(`gaps.field.${offer.field}`) : '–'}</dd>
        </div>
        <div>
          <dt>{t('partners.offers.targetGroups')}</dt>
          <dd>
            {offer.targetGroups.length
              ? offer.targetGroups.map((g) => t(`partners.targetGroups.${g}`)).join(', ')
              : '–'}
          </dd>
        </div>
        <div>
          <dt>{t('partners.offers.age')}</dt>
          <dd>{age}</dd>
        </div>
        <div>
          <dt>{t('partners.offers.languages')}</dt>
          <dd>
            {offer.languages.length
              ? offer.languages.map((code) => codeName(code, i18n.language, 'language')).join(', ')
              : '–'}
          </dd>
        </div>
        <div>
          <dt>{t('partners.offers.district')}</dt>
          <dd>{offer.district ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('partners.offers.costBearer')}</dt>
          <dd>{offer.costBearer ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('partners.offers.places')}</dt>
          <dd>{places}</dd>
        </div>
        <div>
          <dt>{t('partners.offers.waiting')}</dt>
          <dd>
            {waitingWeeks === null
              ? '–'
              : t('partners.offers.waitingValue', {
                  count: waitingWeeks,
                  weeks: new Intl.NumberFormat(i18n.language).format(waitingWeeks),
                })}
          </dd>
        </div>
        <div>
          <dt>{t('partners.offers.validity')}</dt>
          <dd>{validity}</dd>
        </div>
      </dl>
      {actions ? <div className="actions">{actions}</div> : null}
    </article>
  );
}

/** Remove (deleted, or archived when still referenced, with the outcome said) and restore. */
function RemovalSection({
  partner,
  onRestored,
  onArchived,
  onReload,
}: {
  partner: Partner;
  onRestored: (partner: Partner) => void;
  onArchived: (note: string) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  if (!partner.permissions.archive) return null;

  async function remove() {
    setBusy(true);
    const result = await call(
      api.DELETE('/api/partners/{id}', {
        params: { path: { id: partner.id }, query: { version: partner.version } },
      }),
    );
    setBusy(false);
    setOpen(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    if (result.data.outcome === 'deleted') {
      const state: PartnerNavigationState = { partnerMessage: 'deleted' };
      void navigate('/network/partners', { state });
      return;
    }
    onArchived(t('partners.removal.archived', result.data.references));
  }

  async function restore() {
    setBusy(true);
    const result = await call(
      api.POST('/api/partners/{id}/restore', {
        params: { path: { id: partner.id } },
        body: { version: partner.version },
      }),
    );
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    onRestored(result.data);
  }

  return (
    <section aria-labelledby="partner-removal">
      <h2 id="partner-removal" className="visually-hidden">
        {partner.archived ? t('partners.removal.restore') : t('partners.removal.button')}
      </h2>
      {problem ? (
        problem.code === 'version-conflict' ? (
          <PartnerConflict
            onReload={() => {
              setProblem(null);
              onReload();
            }}
          />
        ) : (
          <ProblemAlert problem={problem} />
        )
      ) : null}
      <p>
        {partner.archived ? (
          <Button variant="secondary" busy={busy} onClick={() => void restore()}>
            {t('partners.removal.restore')}
          </Button>
        ) : (
          <Button variant="danger" onClick={() => setOpen(true)}>
            {t('partners.removal.button')}
          </Button>
        )}
      </p>
      <Dialog open={open} title={t('partners.removal.title')} onClose={() => setOpen(false)}>
        <p>{t('partners.removal.text')}</p>
        <div className="actions">
          <Button variant="danger" busy={busy} onClick={() => void remove()}>
            {t('partners.removal.confirm')}
          </Button>
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
