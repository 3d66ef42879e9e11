import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { verifyAuditChains } from './core/audit.js';
import { BackupError, readBackupHeader } from './core/backup.js';
import { isEncrypted } from './core/crypto.js';
import { randomToken } from './core/ids.js';
import {
  auditBackupEvent,
  createBackup as createBackupNow,
  findPgTool,
  restoreBackup as restoreBackupNow,
  type BackupTarget,
  type SnapshotReader,
} from './db/backup.js';
import { createDatabase } from './db/database.js';
import { allMigrations } from './db/migrations/index.js';
import {
  as,
  createOrganisation,
  createTestApp,
  createTestDatabase,
  signIn,
  TEST_DB,
  type Session,
  type TestApp,
  type TestOrganisation,
  underCatalogLock,
} from './test/harness.js';
import { localDate } from './core/clock.js';

/**
 * Backup and restore (issue 10, data safety): a backup made while the app serves writes, restored into an
 * empty database, holds every table exactly as it was at the backup's moment — the test reads all tables inside
 * the very snapshot the backup copies (SQLite: the backup connection's read transaction; PostgreSQL: the
 * snapshot pg_dump is given), while requests keep committing around it. Writes acknowledged before the backup
 * began are in it, writes begun after it ended are not, the changes made afterwards are not, and the restored
 * database's audit chains verify. A wrong key, a changed byte and a non-empty target are refused and leave the
 * target untouched.
 */
// pg_dump and pg_restore read the catalog of the whole database, which other test files change meanwhile by
// dropping their schemas: backups hold the test catalog lock shared, restores (which create tables) exclusively
// (test/harness.ts underCatalogLock).
const createBackup = (...args: Parameters<typeof createBackupNow>) =>
  underCatalogLock(() => createBackupNow(...args));
const restoreBackup = (...args: Parameters<typeof restoreBackupNow>) =>
  underCatalogLock(() => restoreBackupNow(...args), 'exclusive');

const KEY = 'a-backup-key-for-the-test-only-0123456789';
const today = () => localDate(new Date());

type Rows = Record<string, unknown>[];
type Tables = Record<string, Rows>;

/** All rows of all tables, each table in a fixed order, so two databases compare with toEqual. */
async function readAll(reader: SnapshotReader): Promise<Tables> {
  const out: Tables = {};
  for (const table of await reader.tables()) {
    const rows = await reader.rows(table);
    out[table] = rows
      .map((row) => ({ key: JSON.stringify(row), row }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((r) => r.row);
  }
  return out;
}

/** An empty database to restore into, a reader over it, and its removal. */
interface EmptyTarget {
  target: BackupTarget;
  isEmpty(): Promise<boolean>;
  read(): Promise<Tables>;
  dispose(): Promise<void>;
}

async function emptyTarget(schema: string): Promise<EmptyTarget> {
  if (TEST_DB === 'postgresql') {
    const url = process.env.TEST_DATABASE_URL ?? '';
    const name = `lotse_restore_${randomToken(6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    const withClient = async <T>(work: (c: pg.Client) => Promise<T>): Promise<T> => {
      const c = new pg.Client({ connectionString: target.toString() });
      await c.connect();
      try {
        return await work(c);
      } finally {
        await c.end();
      }
    };
    return {
      target: { dialect: 'postgresql', databaseUrl: target.toString(), sqliteFile: '', schema: 'public' },
      isEmpty: () =>
        withClient(
          async (c) =>
            (
              await c.query(
                `select 1 from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`,
              )
            ).rowCount === 0,
        ),
      read: () =>
        withClient((c) =>
          readAll({
            tables: async () =>
              (
                await c.query<{ table_name: string }>(
                  `select table_name from information_schema.tables
                    where table_schema = $1 and table_type = 'BASE TABLE' order by table_name`,
                  [schema],
                )
              ).rows.map((r) => r.table_name),
            rows: async (table) => (await c.query(`select * from "${schema}"."${table}"`)).rows as Rows,
          }),
        ),
      async dispose() {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-restore-test-'));
  const file = path.join(dir, 'data', 'lotse.db');
  return {
    target: { dialect: 'sqlite', databaseUrl: null, sqliteFile: file, schema: 'public' },
    isEmpty: async () => !fs.existsSync(file),
    read: async () => {
      const db = new BetterSqlite3(file, { readonly: true });
      try {
        return await readAll({
          tables: async () =>
            db
              .prepare(
                `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`,
              )
              .pluck()
              .all() as string[],
          rows: async (table) => db.prepare(`select * from "${table}"`).all() as Rows,
        });
      } finally {
        db.close();
      }
    },
    async dispose() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let t: TestApp;
let org: TestOrganisation;
let cm: Session;
let source: BackupTarget;
let schema: string;
const dirs: string[] = [];

function backupDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-backups-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t.deps);
  cm = await signIn(t.app, org.users.case_manager.username);
  schema = t.testDb.database.schema ?? 'public';
  source =
    TEST_DB === 'postgresql'
      ? {
          dialect: 'postgresql',
          databaseUrl: process.env.TEST_DATABASE_URL ?? '',
          sqliteFile: '',
          schema,
        }
      : { dialect: 'sqlite', databaseUrl: null, sqliteFile: t.testDb.config.sqliteFile, schema: 'public' };
});
afterAll(async () => {
  await t.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A client with consent (and health notes, stored encrypted) and a case of the given kind. */
async function openCase(n: number, kind: 'counselling' | 'case_management'): Promise<string> {
  const api = as(t.app, cm);
  const client = await api.post('/api/clients', {
    familyName: 'Sicherung',
    givenNames: `Person ${n}`,
    birthDate: `198${n}-03-0${n}`,
    gender: 'not_stated',
    healthNotes: `Gesundheitsnotiz ${n}`,
    consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: today(), language: 'de' },
  });
  expect(client.statusCode, client.body).toBe(201);
  const opened = await api.post('/api/cases', {
    clientId: client.json<{ id: string }>().id,
    kind,
    orgUnitId: org.orgUnitIds[0],
    intake: { accessRoute: 'self' },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  return opened.json<{ id: string }>().id;
}

async function writeEntry(caseId: string, text: string, specialCategory = false): Promise<string> {
  const res = await as(t.app, cm).post(`/api/cases/${caseId}/journal`, {
    kind: 'personal_talk',
    occurredOn: today(),
    durationMinutes: 30,
    text,
    specialCategory,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('backup and restore', () => {
  it(
    'restores every table exactly as it was at the backup, made while the app was writing',
    { timeout: 120_000 },
    async () => {
      // a few records of each kind: clients with encrypted health notes, both kinds of case, journal entries
      // (one special category, stored encrypted), a plan with goals and steps
      const counselling = await openCase(1, 'counselling');
      const managed = await openCase(2, 'case_management');
      await writeEntry(counselling, 'Erstgespräch');
      const specialText = 'Diagnose laut Attest (Art. 9)';
      const specialId = await writeEntry(managed, specialText, true);
      const plan = await as(t.app, cm).put(`/api/cases/${managed}/plan`, {
        version: 0,
        header: {
          participants: 'Klientin, Fachkraft',
          benefitsEarlier: null,
          benefitsCurrent: null,
          problem: 'Wohnung fehlt',
          resources: null,
          obligations: null,
          costBearers: null,
          reviewOn: null,
        },
        legalType: null,
        goals: [
          {
            wording: 'Eine Wohnung finden',
            indicator: 'Mietvertrag',
            targetOn: null,
            followUpOn: null,
            status: 'active',
            steps: [{ what: 'Wohnungsamt', who: 'client', dueOn: null, status: 'open' }],
            subGoals: [],
          },
        ],
      });
      expect(plan.statusCode, plan.body).toBe(200);

      // one writer keeps writing journal entries before, during and after the backup
      type Phase = 'before' | 'during' | 'after';
      let phase: Phase = 'before';
      let stop = false;
      const writes: { id: string; begun: Phase; acknowledged: Phase }[] = [];
      const writer = (async () => {
        for (let i = 0; !stop; i++) {
          const begun = phase;
          const id = await writeEntry(counselling, `Laufender Eintrag ${i}`);
          writes.push({ id, begun, acknowledged: phase });
        }
      })();
      while (writes.length < 3) await new Promise((r) => setTimeout(r, 5));

      let atBackup: Tables = {};
      let acknowledgedBefore: string[] = [];
      const dir = backupDir();
      phase = 'during';
      const backup = await createBackup({
        target: source,
        dir,
        key: KEY,
        appVersion: 'test',
        duringSnapshot: async (reader) => {
          acknowledgedBefore = writes.filter((w) => w.acknowledged === 'before').map((w) => w.id);
          atBackup = await readAll(reader);
        },
      });
      phase = 'after';
      const writesAfter = writes.length;
      while (writes.length < writesAfter + 3) await new Promise((r) => setTimeout(r, 5));
      stop = true;
      await writer;
      // the writer really wrote while the backup was being made (otherwise this test would prove less)
      expect(writes.filter((w) => w.acknowledged === 'during').length).toBeGreaterThan(0);

      // changed afterwards: a new entry and a changed client
      const lateId = await writeEntry(managed, 'Nach der Sicherung');
      const clientId = (atBackup.clients?.[0] as { id: string } | undefined)?.id ?? '';
      const client = await as(t.app, cm).get(`/api/clients/${clientId}`);
      const current = client.json<{
        version: number;
        familyName: string;
        givenNames: string;
        gender: string;
        birthDate: string;
      }>();
      const changed = await as(t.app, cm).put(`/api/clients/${clientId}`, {
        version: current.version,
        familyName: current.familyName,
        givenNames: current.givenNames,
        gender: current.gender,
        birthDate: current.birthDate,
        city: 'Nachher',
      });
      expect(changed.statusCode, changed.body).toBe(200);

      const name = path.basename(backup.file);
      expect(name).toMatch(new RegExp(`^lotse-${TEST_DB}-\\d{8}-\\d{6}-\\d{3}Z\\.lotse-backup$`));
      expect(fs.statSync(backup.file).mode & 0o777).toBe(0o600);
      expect(fs.readdirSync(dir)).toEqual([name]); // no plain copy or partial file left behind
      const { header } = await readBackupHeader(backup.file);
      const migrations = Object.keys(allMigrations(source.dialect));
      expect(header).toMatchObject({
        format: 'lotse-backup',
        formatVersion: 1,
        dialect: TEST_DB,
        schemaVersion: migrations[migrations.length - 1],
        appVersion: 'test',
        cipher: 'aes-256-gcm',
        compression: TEST_DB === 'sqlite' ? 'gzip' : 'none',
      });
      // encrypted: no stored text appears in the file
      const bytes = fs.readFileSync(backup.file);
      for (const text of ['Laufender Eintrag', 'Erstgespräch', 'Sicherung', 'Wohnungsamt']) {
        expect(bytes.includes(Buffer.from(text))).toBe(false);
      }

      const restored = await emptyTarget(schema);
      try {
        const report = await restoreBackup({ file: backup.file, key: KEY, target: restored.target });
        expect(report.audit).toMatchObject({ intact: true, firstBroken: null });
        expect(report.audit.checked).toBeGreaterThan(0);
        expect(report.pendingMigrations).toEqual([]);

        const after = await restored.read();
        expect(Object.keys(after)).toEqual(Object.keys(atBackup));
        expect(Object.keys(after)).toEqual(
          expect.arrayContaining(['clients', 'cases', 'journal_entries', 'audit_log']),
        );
        for (const table of Object.keys(atBackup)) {
          expect(after[table], `table ${table}`).toEqual(atBackup[table]);
        }
        const restoredEntries = new Set((after.journal_entries ?? []).map((r) => String(r.id)));
        for (const id of acknowledgedBefore) expect(restoredEntries.has(id), `acknowledged ${id}`).toBe(true);
        for (const w of writes.filter((x) => x.begun === 'after')) {
          expect(restoredEntries.has(w.id), `begun after the backup: ${w.id}`).toBe(false);
        }
        expect(restoredEntries.has(lateId)).toBe(false);
        const restoredClient = (after.clients ?? []).find((r) => r.id === clientId);
        expect(restoredClient?.city ?? null).not.toBe('Nachher');
        const special = (after.journal_entries ?? []).find((r) => r.id === specialId);
        expect(isEncrypted(String(special?.text))).toBe(true);

        // the restored database serves the app: the special-category note reads with the same key ring,
        // and the audit log is still append-only
        const database = createDatabase({
          databaseUrl: restored.target.databaseUrl,
          sqliteFile: restored.target.sqliteFile,
          ...(TEST_DB === 'postgresql' ? { pgSchema: schema } : {}),
        });
        const app = await buildApp({ ...t.deps, db: database.db });
        try {
          const again = await signIn(app, org.users.case_manager.username);
          const journal = await as(app, again).get(`/api/cases/${managed}/journal`);
          expect(journal.statusCode, journal.body).toBe(200);
          const texts = journal.json<{ items: { id: string; text: string }[] }>().items;
          expect(texts.find((e) => e.id === specialId)?.text).toBe(specialText);
          await expect(
            database.db.updateTable('audit_log').set({ action: 'changed' }).execute(),
          ).rejects.toThrow();
        } finally {
          await app.close();
          await database.destroy();
        }
      } finally {
        await restored.dispose();
      }
    },
  );

  it(
    'refuses a wrong key, a changed byte, a cut-off file and another dialect, and writes nothing',
    { timeout: 90_000 },
    async () => {
      await writeEntry(await openCase(3, 'counselling'), 'Noch ein Eintrag');
      const backup = await createBackup({ target: source, dir: backupDir(), key: KEY, appVersion: 'test' });
      const restored = await emptyTarget(schema);
      const refusal = async (file: string, key = KEY, target = restored.target): Promise<string> => {
        try {
          await restoreBackup({ file, key, target });
        } catch (error) {
          if (error instanceof BackupError) return error.code;
          throw error;
        }
        return 'restored';
      };
      try {
        expect(await refusal(backup.file, `${KEY}-but-wrong`)).toBe('wrong-key');
        expect(await restored.isEmpty()).toBe(true);

        const original = fs.readFileSync(backup.file);
        const { prefix } = await readBackupHeader(backup.file);
        const variant = (name: string, bytes: Buffer): string => {
          const file = path.join(path.dirname(backup.file), name);
          fs.writeFileSync(file, bytes);
          return file;
        };
        const flipped = (at: number) => {
          const copy = Buffer.from(original);
          copy[at] = (copy[at] ?? 0) ^ 0x01;
          return copy;
        };
        // one bit in the middle of the payload, in the tag, in the header's creation time
        expect(
          await refusal(variant('payload', flipped(Math.floor((prefix.length + original.length) / 2)))),
        ).toBe('damaged');
        expect(await refusal(variant('tag', flipped(original.length - 1)))).toBe('damaged');
        const headerText = prefix.toString('latin1');
        const createdAt = headerText.indexOf('"createdAt":"') + '"createdAt":"'.length;
        const year = Number(headerText.slice(createdAt, createdAt + 4));
        const changedHeader = Buffer.from(original);
        changedHeader.write(String(year - 1), createdAt, 'latin1');
        expect(await refusal(variant('header', changedHeader))).toBe('damaged');
        expect(await refusal(variant('cut', original.subarray(0, original.length - 100)))).toBe('damaged');
        expect(await refusal(variant('other', Buffer.from('SQLite format 3\0 not a backup')))).toBe(
          'not-a-backup',
        );
        expect(await restored.isEmpty()).toBe(true);

        const otherDialect: BackupTarget =
          TEST_DB === 'postgresql'
            ? {
                dialect: 'sqlite',
                databaseUrl: null,
                sqliteFile: path.join(backupDir(), 'x.db'),
                schema: 'public',
              }
            : {
                dialect: 'postgresql',
                databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
                sqliteFile: '',
                schema,
              };
        expect(await refusal(backup.file, KEY, otherDialect)).toBe('dialect-mismatch');

        // the untouched file still restores (called directly, so a failure shows the tool's message)
        await restoreBackup({ file: backup.file, key: KEY, target: restored.target });
        expect(await restored.isEmpty()).toBe(false);
      } finally {
        await restored.dispose();
      }
    },
  );

  it(
    'refuses a backup made by a newer Lotse (a migration this version does not know)',
    { timeout: 60_000 },
    async () => {
      const newer = await createTestDatabase();
      const restored = await emptyTarget(newer.database.schema ?? 'public');
      try {
        await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', ${new Date().toISOString()})`.execute(
          newer.database.db,
        );
        const target: BackupTarget =
          TEST_DB === 'postgresql'
            ? { ...source, schema: newer.database.schema ?? 'public' }
            : { ...source, sqliteFile: newer.config.sqliteFile };
        const backup = await createBackup({ target, dir: backupDir(), key: KEY, appVersion: 'future' });
        expect((await readBackupHeader(backup.file)).header.schemaVersion).toBe('9999_from_the_future');
        await expect(
          restoreBackup({ file: backup.file, key: KEY, target: restored.target }),
        ).rejects.toMatchObject({
          code: 'newer-schema',
        });
        expect(await restored.isEmpty()).toBe(true);
      } finally {
        await restored.dispose();
        await newer.dispose();
      }
    },
  );

  it('names missing or too old PostgreSQL client tools instead of failing later', () => {
    const dir = backupDir();
    const fake = (major: number) => {
      const bin = path.join(dir, `v${major}`);
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, 'pg_dump'), `#!/bin/sh\necho "pg_dump (PostgreSQL) ${major}.3"\n`, {
        mode: 0o755,
      });
      return bin;
    };
    const old = fake(12);
    const current = fake(16);
    const refusal = (dirs: string[]) => {
      try {
        return findPgTool('pg_dump', 15, dirs);
      } catch (error) {
        return error instanceof BackupError ? error.code : 'other';
      }
    };
    expect(refusal([path.join(dir, 'empty')])).toBe('pg-tool-missing');
    expect(refusal([old])).toBe('pg-tool-too-old');
    expect(refusal([old, current])).toBe(path.join(current, 'pg_dump'));
  });

  it('restores only into an empty database', { timeout: 60_000 }, async () => {
    const backup = await createBackup({ target: source, dir: backupDir(), key: KEY, appVersion: 'test' });
    // npm run backup records the backup in the installation's audit chain (after the snapshot)
    await auditBackupEvent(source, 'installation.backup', backup.header, backup.file);
    const recorded = await t.deps.db
      .selectFrom('audit_log')
      .select(['chain_id', 'entity_type', 'details'])
      .where('action', '=', 'installation.backup')
      .execute();
    expect(recorded.map((r) => [r.chain_id, r.entity_type, JSON.parse(String(r.details)).file])).toEqual([
      ['installation', 'installation', path.basename(backup.file)],
    ]);
    expect((await verifyAuditChains(t.deps.db)).intact).toBe(true);
    const before = await t.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(restoreBackup({ file: backup.file, key: KEY, target: source })).rejects.toMatchObject({
      code: 'not-empty',
    });
    const after = await t.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
