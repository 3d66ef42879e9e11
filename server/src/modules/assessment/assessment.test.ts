import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../core/clock.js';
import {
  addUser,
  as,
  createOrganisation,
  createTestApp,
  problem,
  signIn,
  type TestApp,
  type TestOrganisation,
} from '../../test/harness.js';
import { newId } from '../../core/ids.js';
import { SHIPPED_INSTRUMENTS } from './shipped-instruments.js';
import { ensureShippedInstruments } from './templates.js';
import type { InstrumentTemplate } from './template.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const today = () => localDate(new Date());
const label = (de: string) => ({ de, en: de });

/** A small instrument with every rule the tests need: required, perspectives, condition, special category. */
function testInstrument(key = 'test-check'): InstrumentTemplate {
  return {
    key,
    title: label('Kurzcheck'),
    description: label('Für Tests'),
    sections: [
      {
        key: 'situation',
        title: label('Situation'),
        score: { kind: 'mean', of: ['mood', 'ratings'] },
        fields: [
          { key: 'summary', type: 'text', label: label('Kurzbeschreibung'), required: true },
          {
            key: 'mood',
            type: 'scale',
            label: label('Wie geht es Ihnen?'),
            perspectives: true,
            scale: { min: 1, max: 5, labels: [{ value: 1, label: label('schlecht') }] },
          },
          {
            key: 'topics',
            type: 'multi',
            label: label('Themen'),
            options: [
              { value: 'housing', label: label('Wohnen') },
              { value: 'health', label: label('Gesundheit') },
            ],
          },
          {
            key: 'diagnosis',
            type: 'longtext',
            label: label('Gesundheitliche Einschränkungen'),
            showIf: { field: 'topics', equals: 'health' },
            specialCategory: true,
            required: true,
          },
          {
            key: 'ratings',
            type: 'domainRating',
            label: label('Bereiche'),
            domains: [
              { value: 'school', label: label('Schule') },
              { value: 'family', label: label('Familie') },
            ],
            scale: { min: 1, max: 5, labels: [] },
          },
          {
            key: 'household',
            type: 'group',
            label: label('Haushalt'),
            fields: [
              { key: 'name', type: 'text', label: label('Name'), required: true },
              { key: 'age', type: 'number', label: label('Alter'), integer: true, min: 0, max: 120 },
            ],
          },
        ],
      },
    ],
  };
}

async function setup() {
  const org = await createOrganisation(t.deps);
  const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
  const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
  const client = (
    await cm.post('/api/clients', {
      familyName: 'Rahimi',
      givenNames: 'Sara',
      birthYear: 2005,
      gender: 'female',
      consent: { givenBy: 'client', form: 'oral', witness: 'Kollege', givenOn: today(), language: 'de' },
    })
  ).json();
  const c = (
    await cm.post('/api/cases', {
      clientId: client.id,
      kind: 'case_management',
      orgUnitId: org.orgUnitIds[0],
      intake: { accessRoute: 'self' },
    })
  ).json();
  return { org, admin, cm, clientId: client.id as string, caseId: c.id as string };
}

async function instrumentId(org: TestOrganisation, key: string): Promise<string> {
  const row = await t.deps.db
    .selectFrom('instrument_templates')
    .select('id')
    .where('organisation_id', '=', org.organisationId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Creates the test instrument and offers it in the first org unit. */
async function withTestInstrument(s: Awaited<ReturnType<typeof setup>>) {
  const created = await s.admin.post('/api/instruments', { definition: testInstrument() });
  expect(created.statusCode, created.body).toBe(201);
  const enabled = (await s.admin.get('/api/instruments'))
    .json()
    .items.filter((i: { enabledOrgUnitIds: string[] }) => i.enabledOrgUnitIds.includes(s.org.orgUnitIds[0]));
  const ids = [...enabled.map((i: { id: string }) => i.id), created.json().id];
  expect(
    (await s.admin.put(`/api/org-units/${s.org.orgUnitIds[0]}/instruments`, { templateIds: ids })).statusCode,
  ).toBe(200);
  return created.json().id as string;
}

const complete = {
  summary: 'Sucht eine Ausbildung',
  mood: { client: 4, professional: 3 },
  topics: ['housing', 'health'],
  diagnosis: 'Asthma, braucht Facharzttermin',
  ratings: { school: 2, family: 4 },
  household: [{ name: 'Mutter', age: 44 }],
};

describe('instrument templates', () => {
  it('every organisation starts with the seven shipped instruments, offered in its first org unit', async () => {
    const { org, cm } = await setup();
    const items = (await cm.get('/api/instruments')).json().items;
    expect(items.map((i: { key: string }) => i.key).sort()).toEqual(
      SHIPPED_INSTRUMENTS.map((i) => i.key).sort(),
    );
    for (const item of items) {
      expect(item).toMatchObject({
        shipped: true,
        currentVersion: 1,
        enabledOrgUnitIds: [org.orgUnitIds[0]],
      });
    }
  });

  it('at start, an organisation that lacks shipped instruments receives them, once', async () => {
    const id = newId();
    const at = new Date().toISOString();
    await t.deps.db
      .insertInto('organisations')
      .values({
        id,
        name: `Alt ${id}`,
        short_code: `A${id.slice(-6)}`,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    const count = async () =>
      (
        await t.deps.db
          .selectFrom('instrument_templates')
          .select('key')
          .where('organisation_id', '=', id)
          .execute()
      ).length;
    expect(await count()).toBe(0);
    await ensureShippedInstruments(t.deps.db, new Date());
    expect(await count()).toBe(SHIPPED_INSTRUMENTS.length);
    await ensureShippedInstruments(t.deps.db, new Date());
    expect(await count()).toBe(SHIPPED_INSTRUMENTS.length);
  });

  it('the org admin chooses per org unit which instruments it offers; others may not', async () => {
    const { org, admin, cm } = await setup();
    const screening = await instrumentId(org, 'jmd-screening');
    const survey = await instrumentId(org, 'resource-survey-9');
    const url = `/api/org-units/${org.orgUnitIds[1]}/instruments`;
    expect((await cm.put(url, { templateIds: [screening] })).statusCode).toBe(403);
    const res = await admin.put(url, { templateIds: [screening, survey] });
    expect(res.statusCode, res.body).toBe(200);
    const items = (await admin.get('/api/instruments')).json().items;
    const offeredIn = (key: string) =>
      items.find((i: { key: string }) => i.key === key).enabledOrgUnitIds as string[];
    expect(offeredIn('jmd-screening')).toContain(org.orgUnitIds[1]);
    expect(offeredIn('ulm-minimum')).not.toContain(org.orgUnitIds[1]);
    // an unknown template is named by its position
    const bad = await admin.put(url, { templateIds: [screening, '01900000-0000-7000-8000-000000000000'] });
    expect(problem(bad).errors).toEqual([
      expect.objectContaining({ pointer: '/templateIds/1', code: 'unknown-reference' }),
    ]);
    // and nothing changed
    expect(
      (await admin.get('/api/instruments'))
        .json()
        .items.find((i: { key: string }) => i.key === 'resource-survey-9').enabledOrgUnitIds,
    ).toContain(org.orgUnitIds[1]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', org.orgUnitIds[1])
      .where('action', '=', 'org_unit.instruments')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('editing publishes a new version; the published one stays as it was', async () => {
    const { org, admin, cm } = await setup();
    const id = await instrumentId(org, 'jmd-screening');
    const before = (await admin.get(`/api/instruments/${id}`)).json();
    const edited: InstrumentTemplate = {
      ...before.definition,
      title: label('Screening (angepasst)'),
    };
    expect(
      (await cm.put(`/api/instruments/${id}`, { basedOnVersion: 1, definition: edited })).statusCode,
    ).toBe(403);
    const res = await admin.put(`/api/instruments/${id}`, {
      basedOnVersion: 1,
      definition: edited,
      changeNote: 'Titel an unser Team angepasst',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ currentVersion: 2, title: { de: 'Screening (angepasst)' } });
    expect(res.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v1 = (await admin.get(`/api/instruments/${id}/versions/1`)).json();
    expect(v1.definition).toEqual(before.definition);
    // someone who still edits version 1 does not overwrite version 2
    const stale = await admin.put(`/api/instruments/${id}`, { basedOnVersion: 1, definition: edited });
    expect(problem(stale).code).toBe('version-conflict');
    // the database itself refuses to rewrite a published version
    await expect(
      t.deps.db
        .updateTable('instrument_template_versions')
        .set({ definition: '{}' })
        .where('template_id', '=', id)
        .execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses a template with a broken condition, a missing option list or another key, naming the place', async () => {
    const { org, admin } = await setup();
    const broken = testInstrument('broken');
    const fields = broken.sections[0]?.fields ?? [];
    fields[3] = { ...fields[3], showIf: { field: 'nowhere', equals: 'x' } } as (typeof fields)[number];
    const res = await admin.post('/api/instruments', { definition: broken });
    expect(problem(res).errors).toEqual([
      expect.objectContaining({
        pointer: '/definition/sections/0/fields/3/showIf/field',
        code: 'unknown-reference',
      }),
    ]);
    const noOptions = testInstrument('no-options') as unknown as {
      sections: { fields: Record<string, unknown>[] }[];
    };
    delete noOptions.sections[0]?.fields[2]?.options;
    expect(problem(await admin.post('/api/instruments', { definition: noOptions })).errors).toEqual([
      expect.objectContaining({ pointer: '/definition/sections/0/fields/2/options', code: 'required' }),
    ]);
    const id = await instrumentId(org, 'ulm-minimum');
    const current = (await admin.get(`/api/instruments/${id}`)).json();
    const renamed = await admin.put(`/api/instruments/${id}`, {
      basedOnVersion: 1,
      definition: { ...current.definition, key: 'something-else' },
    });
    expect(problem(renamed).errors).toEqual([expect.objectContaining({ pointer: '/definition/key' })]);
    // wrong field type names the field (JSON schema)
    const wrongType = testInstrument('wrong-type') as unknown as {
      sections: { fields: Record<string, unknown>[] }[];
    };
    if (wrongType.sections[0]?.fields[0]) wrongType.sections[0].fields[0].type = 'colour';
    expect(problem(await admin.post('/api/instruments', { definition: wrongType })).errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: '/definition/sections/0/fields/0/type' })]),
    );
    expect((await admin.get(`/api/instruments/${id}`)).json().currentVersion).toBe(1);
  });

  it('exports a template as JSON and imports it as a new instrument or as the next version', async () => {
    const { org, admin } = await setup();
    const id = await instrumentId(org, 'resource-survey-9');
    const exported = await admin.get(`/api/instruments/${id}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('resource-survey-9-v1.json');
    const file = exported.json();
    expect(file).toMatchObject({ format: 'lotse-instrument', formatVersion: 1, version: 1 });
    // the same file again changes nothing
    const same = (await admin.post('/api/instruments/import', file)).json();
    expect(same).toMatchObject({ created: false, instrument: { currentVersion: 1 } });
    // a changed file becomes version 2
    const changed = {
      ...file,
      definition: { ...file.definition, title: label('Ressourcen – unsere Fassung') },
    };
    expect((await admin.post('/api/instruments/import', changed)).json()).toMatchObject({
      created: false,
      instrument: { currentVersion: 2 },
    });
    // an unknown key becomes a new instrument of this organisation
    const copy = { ...file, definition: { ...file.definition, key: 'resource-survey-copy' } };
    const created = (await admin.post('/api/instruments/import', copy)).json();
    expect(created).toMatchObject({
      created: true,
      instrument: { key: 'resource-survey-copy', shipped: false },
    });
    // every shipped instrument survives the round trip through the import schema
    const other = await setup();
    for (const definition of SHIPPED_INSTRUMENTS) {
      const res = await other.admin.post('/api/instruments/import', {
        format: 'lotse-instrument',
        formatVersion: 1,
        definition: { ...definition, key: `${definition.key}-copy` },
      });
      expect(res.statusCode, `${definition.key}: ${res.body}`).toBe(200);
    }
    expect(
      problem(
        await admin.post('/api/instruments/import', {
          format: 'other',
          formatVersion: 1,
          definition: file.definition,
        }),
      ).errors,
    ).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: '/format' })]));
  });
});

describe('assessments', () => {
  it('drafts may be incomplete, answers must fit the template, finalising needs the required ones', async () => {
    const s = await setup();
    const templateId = await withTestInstrument(s);
    const started = await s.cm.post(`/api/cases/${s.caseId}/assessments`, { templateId });
    expect(started.statusCode, started.body).toBe(201);
    const draft = started.json();
    expect(draft).toMatchObject({
      status: 'draft',
      template: { key: 'test-check', version: 1 },
      answers: {},
    });

    const save = (version: number, answers: unknown) =>
      s.cm.patch(`/api/assessments/${draft.id}`, { version, answers });
    const bad = await save(1, {
      mood: { client: 7 },
      topics: ['housing', 'sports'],
      household: [{ age: 'vierzig' }],
      ratings: { school: 0 },
      colour: 'blau',
    });
    expect(problem(bad).errors?.map((e) => [e.pointer, e.code])).toEqual(
      expect.arrayContaining([
        ['/answers/mood/client', 'out-of-range'],
        ['/answers/topics/1', 'enum'],
        ['/answers/household/0/age', 'type'],
        ['/answers/ratings/school', 'out-of-range'],
        ['/answers/colour', 'additionalProperties'],
      ]),
    );
    const partial = await save(1, { summary: 'Erstgespräch', topics: ['housing'] });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json()).toMatchObject({ version: 2, answers: { summary: 'Erstgespräch' } });

    const finalise = await s.cm.post(`/api/assessments/${draft.id}/finalise`, { version: 2 });
    expect(finalise.statusCode).toBe(200); // summary is the only required visible answer
    expect(finalise.json()).toMatchObject({
      status: 'final',
      finalisedBy: { id: s.org.users.case_manager.id },
    });

    const after = await save(3, { summary: 'geändert' });
    expect(problem(after).code).toBe('assessment-final');
    expect(problem(await s.cm.post(`/api/assessments/${draft.id}/discard`, { version: 3 })).code).toBe(
      'assessment-final',
    );
    expect((await s.cm.get(`/api/assessments/${draft.id}`)).json().answers).toEqual({
      summary: 'Erstgespräch',
      topics: ['housing'],
    });
  });

  it('a shown required field blocks finalising; hidden answers are not kept; stale versions are refused', async () => {
    const s = await setup();
    const templateId = await withTestInstrument(s);
    const draft = (await s.cm.post(`/api/cases/${s.caseId}/assessments`, { templateId })).json();
    const saved = (
      await s.cm.patch(`/api/assessments/${draft.id}`, {
        version: 1,
        answers: { summary: 'x', topics: ['health'], household: [{ age: 3 }] },
      })
    ).json();
    const refused = await s.cm.post(`/api/assessments/${draft.id}/finalise`, { version: saved.version });
    expect(
      problem(refused)
        .errors?.map((e) => e.pointer)
        .sort(),
    ).toEqual(['/answers/diagnosis', '/answers/household/0/name']);
    // a condition that no longer holds drops its answer
    const dropped = (
      await s.cm.patch(`/api/assessments/${draft.id}`, {
        version: saved.version,
        answers: { summary: 'x', topics: ['housing'], diagnosis: 'bleibt nicht' },
      })
    ).json();
    expect(dropped.answers).toEqual({ summary: 'x', topics: ['housing'] });
    const stale = await s.cm.patch(`/api/assessments/${draft.id}`, { version: saved.version, answers: {} });
    expect(problem(stale).code).toBe('version-conflict');
  });

  it('keeps the template version it was made with, also after the template changed', async () => {
    const s = await setup();
    const templateId = await withTestInstrument(s);
    const draft = (await s.cm.post(`/api/cases/${s.caseId}/assessments`, { templateId })).json();
    const v2 = testInstrument();
    v2.sections[0]?.fields.push({ key: 'extra', type: 'yesno', label: label('Neu'), required: true });
    expect(
      (await s.admin.put(`/api/instruments/${templateId}`, { basedOnVersion: 1, definition: v2 })).statusCode,
    ).toBe(200);
    const view = (await s.cm.get(`/api/assessments/${draft.id}`)).json();
    expect(view.template.version).toBe(1);
    expect(view.definition.sections[0].fields.map((f: { key: string }) => f.key)).not.toContain('extra');
    // the draft can be saved and finalised under version 1 rules
    const saved = (
      await s.cm.patch(`/api/assessments/${draft.id}`, { version: 1, answers: { summary: 'ok' } })
    ).json();
    expect(
      (await s.cm.post(`/api/assessments/${draft.id}/finalise`, { version: saved.version })).statusCode,
    ).toBe(200);
    // a new assessment uses version 2
    const next = (await s.cm.post(`/api/cases/${s.caseId}/assessments`, { templateId })).json();
    expect(next.template.version).toBe(2);
    expect(next.answers).toEqual({ summary: 'ok' });
  });

  it('a re-assessment starts prefilled from the last finalised one; every version stays readable', async () => {
    const s = await setup();
    const templateId = await withTestInstrument(s);
    const first = (
      await s.cm.post(`/api/cases/${s.caseId}/assessments`, {
        templateId,
        conductedOn: addDays(today(), -60),
      })
    ).json();
    const saved = (
      await s.cm.patch(`/api/assessments/${first.id}`, {
        version: 1,
        answers: complete,
        needs: [
          { kind: 'need', text: 'Ausbildungsplatz finden', area: 'situation', seenBy: 'both' },
          { kind: 'need', text: 'Facharzttermin', seenBy: 'professional', specialCategory: true },
          { kind: 'resource', text: 'Unterstützende Mutter', seenBy: 'client' },
        ],
      })
    ).json();
    expect(saved.needs.map((n: { kind: string; priority: number }) => [n.kind, n.priority])).toEqual([
      ['need', 1],
      ['need', 2],
      ['resource', 1],
    ]);
    expect(saved.scores).toEqual({ situation: 3 }); // mean of mood (professional 3), school 2, family 4
    await s.cm.post(`/api/assessments/${first.id}/finalise`, { version: saved.version });

    const again = await s.cm.post(`/api/cases/${s.caseId}/assessments`, { templateId });
    expect(again.statusCode, again.body).toBe(201);
    const second = again.json();
    expect(second).toMatchObject({ status: 'draft', prefilledFrom: first.id, answers: complete });
    expect(second.needs.map((n: { text: string }) => n.text)).toEqual([
      'Ausbildungsplatz finden',
      'Facharzttermin',
      'Unterstützende Mutter',
    ]);
    const twice = await s.cm.post(`/api/cases/${s.caseId}/assessments`, { templateId });
    expect(problem(twice)).toMatchObject({ code: 'assessment-draft-exists', draftId: second.id });

    const changed = (
      await s.cm.patch(`/api/assessments/${second.id}`, {
        version: second.version,
        answers: { ...complete, mood: { client: 5, professional: 4 }, ratings: { school: 4, family: 4 } },
      })
    ).json();
    await s.cm.post(`/api/assessments/${second.id}/finalise`, { version: changed.version });

    const list = (await s.cm.get(`/api/cases/${s.caseId}/assessments`)).json();
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([second.id, first.id]);
    expect(list.available.find((a: { key: string }) => a.key === 'test-check')).toMatchObject({
      draftId: null,
      lastFinalId: second.id,
    });
    const compared = (await s.cm.get(`/api/assessments/compare?left=${first.id}&right=${second.id}`)).json();
    expect(compared.changed).toEqual(['mood', 'ratings']);
    expect((await s.cm.get(`/api/assessments/${first.id}`)).json().answers).toEqual(complete);

    const progress = (await s.cm.get(`/api/cases/${s.caseId}/assessments/progress`)).json();
    const series = progress.series.find((x: { templateKey: string }) => x.templateKey === 'test-check');
    expect(series.dimensions.map((d: { key: string }) => d.key)).toEqual([
      'situation',
      'ratings.school',
      'ratings.family',
    ]);
    expect(series.points.map((p: { values: Record<string, number> }) => p.values)).toEqual([
      { situation: 3, 'ratings.school': 2, 'ratings.family': 4 },
      { situation: 4, 'ratings.school': 4, 'ratings.family': 4 },
    ]);
  });

  it('special-category answers are encrypted and shown to the case team only', async () => {
    const s = await setup();
    const templateId = await withTestInstrument(s);
    const draft = (await s.cm.post(`/api/cases/${s.caseId}/assessments`, { templateId })).json();
    await s.cm.patch(`/api/assessments/${draft.id}`, {
      version: 1,
      answers: complete,
      needs: [{ kind: 'need', text: 'Facharzttermin', seenBy: 'professional', specialCategory: true }],
    });
    const row = await t.deps.db
      .selectFrom('assessments')
      .select(['answers', 'special_answers'])
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(row.answers).not.toContain('Asthma');
    expect(row.special_answers).not.toContain('Asthma');
    const need = await t.deps.db
      .selectFrom('assessment_needs')
      .select('text')
      .where('assessment_id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(need.text).not.toContain('Facharzt');

    const lead = as(t.app, await signIn(t.app, s.org.users.team_lead.username));
    expect(problem(await lead.get(`/api/assessments/${draft.id}`)).code).toBe('break-glass-required');
    await lead.post(`/api/cases/${s.caseId}/break-glass`, {
      reason: 'Vertretung bei Krankheit der Kollegin',
    });
    const seen = (await lead.get(`/api/assessments/${draft.id}`)).json();
    expect(seen.answers.diagnosis).toBeUndefined();
    expect(seen.answers.summary).toBe(complete.summary);
    expect(seen.hiddenFields).toEqual(['diagnosis']);
    expect(seen.needs[0]).toMatchObject({ text: '', hidden: true });
    expect((await s.cm.get(`/api/assessments/${draft.id}`)).json().answers.diagnosis).toBe(
      complete.diagnosis,
    );
    // reads are attributable
    const reads = await t.deps.db
      .selectFrom('audit_log')
      .select('actor_user_id')
      .where('action', '=', 'assessment.read')
      .where('entity_id', '=', draft.id)
      .execute();
    expect(reads.map((r) => r.actor_user_id)).toEqual(
      expect.arrayContaining([s.org.users.team_lead.id, s.org.users.case_manager.id]),
    );
  });

  it('only the case team may assess, only with instruments its team offers, only with consent', async () => {
    const s = await setup();
    const other = await addUser(t.deps, s.org, ['case_manager']);
    const colleague = as(t.app, await signIn(t.app, other.username));
    const screening = await instrumentId(s.org, 'jmd-screening');
    expect(
      (await colleague.post(`/api/cases/${s.caseId}/assessments`, { templateId: screening })).statusCode,
    ).toBe(404);
    expect((await colleague.get(`/api/cases/${s.caseId}/network`)).statusCode).toBe(404);
    await s.admin.put(`/api/org-units/${s.org.orgUnitIds[0]}/instruments`, { templateIds: [] });
    const notOffered = await s.cm.post(`/api/cases/${s.caseId}/assessments`, { templateId: screening });
    expect(problem(notOffered).errors).toEqual([
      expect.objectContaining({ pointer: '/templateId', code: 'not-enabled' }),
    ]);
    expect((await s.cm.get(`/api/cases/${s.caseId}/assessments`)).json().available).toEqual([]);

    const noConsent = (
      await s.cm.post('/api/clients', {
        familyName: 'Ohne',
        givenNames: 'Einwilligung',
        birthYear: 2003,
        gender: 'male',
      })
    ).json();
    const c = (
      await s.cm.post('/api/cases', {
        clientId: noConsent.id,
        kind: 'case_management',
        orgUnitId: s.org.orgUnitIds[0],
        intake: { accessRoute: 'self' },
      })
    ).json();
    await s.admin.put(`/api/org-units/${s.org.orgUnitIds[0]}/instruments`, { templateIds: [screening] });
    expect(problem(await s.cm.post(`/api/cases/${c.id}/assessments`, { templateId: screening })).code).toBe(
      'consent-required',
    );
  });
});

describe('network map', () => {
  it('records, changes, ends and removes contacts; a finalised assessment keeps the map as it was', async () => {
    const s = await setup();
    const add = (body: object) => s.cm.post(`/api/cases/${s.caseId}/network`, body);
    const mother = await add({
      name: 'Leyla Rahimi',
      kind: 'family',
      relation: 'Mutter',
      support: ['emotional', 'practical'],
      closeness: 1,
      strained: false,
    });
    expect(mother.statusCode, mother.body).toBe(201);
    const coach = (
      await add({
        name: 'Jobcoach Herr B.',
        kind: 'professional',
        support: ['problem_solving'],
        closeness: 3,
        strained: true,
      })
    ).json();
    const bad = await add({ name: ' ', kind: 'cousin', support: ['money'], closeness: 4, strained: 'ja' });
    expect(problem(bad).errors?.map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['/kind', '/support/0', '/closeness', '/strained']),
    );
    expect(
      problem(await add({ name: '  ', kind: 'friend', support: [], closeness: 2, strained: false })).errors,
    ).toEqual([expect.objectContaining({ pointer: '/name', code: 'required' })]);

    const closer = await s.cm.patch(`/api/network-contacts/${coach.id}`, {
      version: 1,
      closeness: 2,
      strained: false,
    });
    expect(closer.json()).toMatchObject({ closeness: 2, strained: false, version: 2 });
    expect(
      problem(await s.cm.patch(`/api/network-contacts/${coach.id}`, { version: 1, note: 'x' })).code,
    ).toBe('version-conflict');
    const ended = await s.cm.patch(`/api/network-contacts/${coach.id}`, { version: 2, endedOn: today() });
    expect(ended.json().endedOn).toBe(today());
    const current = (await s.cm.get(`/api/cases/${s.caseId}/network`)).json().items;
    expect(current.map((c: { name: string }) => c.name)).toEqual(['Leyla Rahimi']);
    const all = (await s.cm.get(`/api/cases/${s.caseId}/network?includeEnded=true`)).json().items;
    expect(all).toHaveLength(2);

    const mistake = (
      await add({ name: 'Falscher Eintrag', kind: 'other', support: [], closeness: 2, strained: false })
    ).json();
    expect((await s.cm.post(`/api/network-contacts/${mistake.id}/remove`, { version: 1 })).statusCode).toBe(
      204,
    );

    const screening = await instrumentId(s.org, 'ulm-minimum');
    const draft = (await s.cm.post(`/api/cases/${s.caseId}/assessments`, { templateId: screening })).json();
    const done = await s.cm.post(`/api/assessments/${draft.id}/finalise`, { version: 1 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().network.map((c: { name: string }) => c.name)).toEqual(['Leyla Rahimi']);
    // later changes do not alter what the finalised assessment shows
    await s.cm.patch(`/api/network-contacts/${mother.json().id}`, { version: 1, strained: true });
    expect((await s.cm.get(`/api/assessments/${draft.id}`)).json().network[0].strained).toBe(false);
  });

  it('revoking the consent anonymises: the network map and the answers go, the scores stay', async () => {
    const s = await setup();
    const templateId = await withTestInstrument(s);
    await s.cm.post(`/api/cases/${s.caseId}/network`, {
      name: 'Leyla Rahimi',
      kind: 'family',
      support: ['emotional'],
      closeness: 1,
      strained: false,
    });
    const draft = (await s.cm.post(`/api/cases/${s.caseId}/assessments`, { templateId })).json();
    const saved = (
      await s.cm.patch(`/api/assessments/${draft.id}`, {
        version: 1,
        answers: complete,
        needs: [{ kind: 'need', text: 'Ausbildungsplatz', seenBy: 'both' }],
      })
    ).json();
    await s.cm.post(`/api/assessments/${draft.id}/finalise`, { version: saved.version });
    const consents = (await s.cm.get(`/api/clients/${s.clientId}/consents`)).json().items;
    const processing = consents.find((c: { kind: string }) => c.kind === 'data_processing');
    const res = await s.cm.post(`/api/consents/${processing.id}/revoke`, {
      version: processing.version,
      revokedOn: today(),
      revokedBy: 'client',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().anonymisation.removed).toMatchObject({ networkContacts: 1, assessments: 1 });
    const contacts = await t.deps.db
      .selectFrom('network_contacts')
      .select('id')
      .where('case_id', '=', s.caseId)
      .execute();
    expect(contacts).toEqual([]);
    const row = await t.deps.db
      .selectFrom('assessments')
      .selectAll()
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.answers)).toEqual({});
    expect(row.special_answers).toBeNull();
    expect(row.network_snapshot).toBeNull();
    expect(JSON.parse(row.scores)).toEqual({ situation: 3 });
    const needs = await t.deps.db
      .selectFrom('assessment_needs')
      .select('text')
      .where('assessment_id', '=', draft.id)
      .execute();
    expect(needs).toEqual([{ text: '' }]);
  });
});
