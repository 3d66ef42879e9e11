import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { as, createOrganisation, createTestApp, signIn, TEST_DB, type TestApp } from '../test/harness.js';
import { appendAudit, canonicalJson, inTransaction, readAudited, verifyAuditChains } from './audit.js';
import { newId } from './ids.js';
import { localDate } from './clock.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('canonical JSON', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: [3, { d: 1, c: 2 }] } }, '{"z":{"y":[3,{"c":2,"d":1}]}}'],
    [{ a: undefined, b: null }, '{"b":null}'],
    ['ü', '"ü"'],
  ])('%j → %s', (input, expected) => {
    expect(canonicalJson(input)).toBe(expected);
  });
});

describe('audit log', () => {
  it('chains every entry to the one before and verifies after real activity', async () => {
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    await admin.post('/api/org-units', { name: 'Team Kette' });
    await admin.get('/api/users');
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain_id', '=', org.organisationId)
      .orderBy('seq')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    rows.forEach((row, i) => {
      expect(Number(row.seq)).toBe(i + 1);
      if (i > 0) expect(row.prev_hash).toBe(rows[i - 1]?.hash);
    });
    const result = await verifyAuditChains(t.deps.db, [org.organisationId]);
    expect(result).toMatchObject({ intact: true, checked: rows.length, firstBroken: null });
  });

  it('is append-only in the database itself: UPDATE and DELETE are refused', async () => {
    const org = await createOrganisation(t.deps);
    await signIn(t.app, org.users.dpo.username);
    await expect(
      t.deps.db
        .updateTable('audit_log')
        .set({ action: 'forged' })
        .where('chain_id', '=', org.organisationId)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.deps.db.deleteFrom('audit_log').where('chain_id', '=', org.organisationId).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('reports the first broken link when someone with database rights alters an entry', async () => {
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    for (const name of ['Eins', 'Zwei', 'Drei']) await admin.post('/api/org-units', { name });
    const target = await t.deps.db
      .selectFrom('audit_log')
      .select('seq')
      .where('chain_id', '=', org.organisationId)
      .where('action', '=', 'org_unit.create')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    // Simulate an attacker who disables the protection and rewrites history.
    if (TEST_DB === 'postgresql') {
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(t.deps.db);
    } else {
      await sql`drop trigger audit_log_no_update`.execute(t.deps.db);
    }
    await t.deps.db
      .updateTable('audit_log')
      .set({ details: '{"forged":true}' })
      .where('chain_id', '=', org.organisationId)
      .where('seq', '=', target.seq)
      .execute();
    const result = await verifyAuditChains(t.deps.db, [org.organisationId]);
    expect(result.intact).toBe(false);
    expect(result.firstBroken).toEqual({
      chainId: org.organisationId,
      seq: Number(target.seq),
      reason: 'hash-mismatch',
    });
    if (TEST_DB === 'postgresql') {
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(t.deps.db);
    }
  });

  it('keeps the chain linear when many transactions append at once', async () => {
    const chain = newId();
    const at = new Date();
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t.deps.db.transaction().execute((trx) =>
          appendAudit(
            trx,
            { actorUserId: null, organisationId: chain, requestId: null, at },
            {
              action: 'test.append',
              entityType: 'test',
              entityId: String(i),
            },
          ),
        ),
      ),
    );
    const result = await verifyAuditChains(t.deps.db, [chain]);
    expect(result).toMatchObject({ intact: true, checked: 25 });
  });

  it('keeps the chain linear when many entries are appended at once outside a transaction', async () => {
    // Reads that are not a transaction append their entry directly (e.g. GET plan): each append claims its
    // link and writes it as one unit, however the appends interleave.
    const chain = newId();
    const at = new Date();
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        appendAudit(
          t.deps.db,
          { actorUserId: null, organisationId: chain, requestId: null, at },
          { action: 'test.append', entityType: 'test', entityId: String(i) },
        ),
      ),
    );
    const result = await verifyAuditChains(t.deps.db, [chain]);
    expect(result).toMatchObject({ intact: true, checked: 25 });
  });

  it('computes the same hash as the verification for details with umlauts, quotes, backslashes and emoji', async () => {
    // On PostgreSQL a single entry's hash is computed by the database (core/audit.ts appendOneOnPostgres).
    const chain = newId();
    const origin = { actorUserId: null, organisationId: chain, requestId: 'req-1', at: new Date() };
    const details = { field: 'Straße', note: 'say "hi" \\ back', mark: '😀', list: ['ä', 1, null] };
    for (const action of ['u.one', 'u.two']) {
      await t.deps.db
        .transaction()
        .execute((trx) =>
          appendAudit(trx, origin, { action, entityType: 'x', entityId: 'Ölweg 1', details }),
        );
    }
    expect(await verifyAuditChains(t.deps.db, [chain])).toMatchObject({ intact: true, checked: 2 });
  });

  it('a rolled-back change leaves no audit entry and no gap', async () => {
    const chain = newId();
    const origin = { actorUserId: null, organisationId: chain, requestId: null, at: new Date() };
    await t.deps.db
      .transaction()
      .execute((trx) => appendAudit(trx, origin, { action: 'a.one', entityType: 'x' }));
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        await appendAudit(trx, origin, { action: 'a.two', entityType: 'x' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    await t.deps.db
      .transaction()
      .execute((trx) => appendAudit(trx, origin, { action: 'a.three', entityType: 'x' }));
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['seq', 'action'])
      .where('chain_id', '=', chain)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [Number(r.seq), r.action])).toEqual([
      [1, 'a.one'],
      [2, 'a.three'],
    ]);
    expect((await verifyAuditChains(t.deps.db, [chain])).intact).toBe(true);
  });

  it('the DPO reads and filters the own organisation’s log and checks the chain; others may not', async () => {
    const org = await createOrganisation(t.deps);
    const other = await createOrganisation(t.deps);
    await signIn(t.app, other.users.case_manager.username);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    await admin.post('/api/org-units', { name: 'Protokolliert' });
    const dpo = as(t.app, await signIn(t.app, org.users.dpo.username));
    const page = (await dpo.get('/api/audit?action=org_unit.create')).json();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ action: 'org_unit.create', actor: { id: org.users.org_admin.id } });
    const all = (await dpo.get('/api/audit?pageSize=200')).json();
    const orgs = new Set(all.items.map((i: { chainId: string }) => i.chainId));
    expect([...orgs]).toEqual([org.organisationId]);
    const today = localDate(new Date());
    expect((await dpo.get(`/api/audit?from=${today}&to=${today}`)).json().total).toBeGreaterThan(0);
    expect((await dpo.get('/api/audit?from=2026-02-01&to=2026-01-01')).statusCode).toBe(400);
    expect((await dpo.get('/api/audit?from=gestern')).statusCode).toBe(400);
    const verify = (await dpo.get('/api/audit/verify')).json();
    expect(verify).toMatchObject({ intact: true, chains: 1 });
    // reading the log is itself logged
    expect((await dpo.get('/api/audit?action=audit.read')).json().total).toBeGreaterThan(0);
    expect((await admin.get('/api/audit')).statusCode).toBe(403);
  });

  it('in a transaction of inTransaction, writes the entries when the work is done, in their order, and drops them with a rollback', async () => {
    const org = await createOrganisation(t.deps);
    const origin = { actorUserId: null, organisationId: org.organisationId, requestId: null, at: new Date() };
    const countOf = (db: typeof t.deps.db) =>
      db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('chain_id', '=', org.organisationId)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    const before = await countOf(t.deps.db);
    const seenInside = await inTransaction(t.deps.db, async (trx) => {
      await appendAudit(trx, origin, { action: 'test.first', entityType: 'test' });
      await appendAudit(
        trx,
        { ...origin, organisationId: null },
        { action: 'test.installation', entityType: 'test' },
      );
      await appendAudit(trx, origin, { action: 'test.second', entityType: 'test' });
      return countOf(trx);
    });
    expect(seenInside).toBe(before);
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'seq'])
      .where('chain_id', '=', org.organisationId)
      .orderBy('seq')
      .execute();
    expect(rows.slice(-2).map((r) => r.action)).toEqual(['test.first', 'test.second']);
    expect(Number(rows.at(-1)?.seq)).toBe(Number(rows.at(-2)?.seq) + 1);
    const installation = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('chain_id', '=', 'installation')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(installation.action).toBe('test.installation');

    await expect(
      inTransaction(t.deps.db, async (trx) => {
        await appendAudit(trx, origin, { action: 'test.rolled_back', entityType: 'test' });
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(await countOf(t.deps.db)).toBe(before + 2);
    expect(await verifyAuditChains(t.deps.db, [org.organisationId, 'installation'])).toMatchObject({
      intact: true,
      firstBroken: null,
    });
  });

  it('readAudited writes each read’s entries when its work is done, apart from the reads running beside it', async () => {
    const chain = newId();
    const origin = (requestId: string) => ({
      actorUserId: null,
      organisationId: chain,
      requestId,
      at: new Date(),
    });
    const entriesOf = async () =>
      t.deps.db
        .selectFrom('audit_log')
        .select(['request_id', 'entity_id', 'action'])
        .where('chain_id', '=', chain)
        .orderBy('seq')
        .execute();
    const reads = Array.from({ length: 20 }, (_, i) =>
      readAudited(t.deps.db, async (reader) => {
        await appendAudit(reader, origin(`r${i}`), {
          action: 'test.read',
          entityType: 'test',
          entityId: `e${i}`,
        });
        // One read in four records a second entry (as a read that also logs a refusal does).
        if (i % 4 === 0)
          await appendAudit(reader, origin(`r${i}`), {
            action: 'test.more',
            entityType: 'test',
            entityId: `e${i}`,
          });
        // Nothing is written while the read still runs.
        const during = await reader
          .selectFrom('audit_log')
          .select('seq')
          .where('request_id', '=', `r${i}`)
          .execute();
        return during.length;
      }),
    );
    expect(await Promise.all(reads)).toEqual(Array.from({ length: 20 }, () => 0));
    const rows = await entriesOf();
    expect(rows).toHaveLength(25);
    for (let i = 0; i < 20; i++) {
      const mine = rows.filter((r) => r.request_id === `r${i}`);
      expect(mine.map((r) => `${r.action}:${r.entity_id}`)).toEqual(
        i % 4 === 0 ? [`test.read:e${i}`, `test.more:e${i}`] : [`test.read:e${i}`],
      );
    }
    expect(await verifyAuditChains(t.deps.db, [chain])).toMatchObject({ intact: true, checked: 25 });

    // A read that fails records nothing: its data never left.
    await expect(
      readAudited(t.deps.db, async (reader) => {
        await appendAudit(reader, origin('failed'), { action: 'test.read', entityType: 'test' });
        throw new Error('read failed');
      }),
    ).rejects.toThrow('read failed');
    expect(await entriesOf()).toHaveLength(25);
  });

  it('readAudited: a read’s single entry needs no transaction on PostgreSQL; on SQLite reads ending together share one commit', async () => {
    const chain = newId();
    // Every executor's transactions: a read writes through an executor of its own.
    const transactions = vi.spyOn(Kysely.prototype, 'transaction');
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          readAudited(t.deps.db, async (reader) => {
            await reader.selectFrom('organisations').select('id').limit(1).execute();
            await appendAudit(
              reader,
              { actorUserId: null, organisationId: chain, requestId: `s${i}`, at: new Date() },
              { action: 'test.read', entityType: 'test', entityId: `e${i}` },
            );
          }),
        ),
      );
      if (TEST_DB === 'postgresql') expect(transactions).not.toHaveBeenCalled();
      else expect(transactions.mock.calls.length).toBeLessThan(20);
    } finally {
      transactions.mockRestore();
    }
    expect(await verifyAuditChains(t.deps.db, [chain])).toMatchObject({ intact: true, checked: 20 });
  });
});
