import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { appendAudit } from '../core/audit.js';
import type { Role } from '../core/context.js';
import { fieldMessage, Problem } from '../core/errors.js';
import { checkPasswordPolicy } from '../modules/users/domain.js';
import { insertOrganisation, insertOrgUnit } from '../modules/organisation/service.js';
import { insertUserRecord } from '../modules/users/service.js';
import { fail, openMigrated } from './shared.js';

const USAGE = `Create the first administrator (or another one) from the command line.

  npm run create-admin -- --organisation "Stadt Musterstadt" --short-code MS --username admin \\
      --display-name "Alex Admin" [--installation-admin] [--org-unit "Verwaltung"]

The password is read from LOTSE_ADMIN_PASSWORD or asked for (twice, not echoed).
The organisation is created when it does not exist yet.`;

const { values } = parseArgs({
  options: {
    organisation: { type: 'string' },
    'short-code': { type: 'string' },
    username: { type: 'string' },
    'display-name': { type: 'string' },
    'org-unit': { type: 'string', default: 'Verwaltung' },
    'installation-admin': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help || !values.organisation || !values.username) fail(USAGE);

async function ask(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!muted) process.stdout.write(chunk);
      cb();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

let password = process.env.LOTSE_ADMIN_PASSWORD ?? '';
if (!password) {
  if (!process.stdin.isTTY) fail('No terminal to ask for the password: set LOTSE_ADMIN_PASSWORD.');
  password = await ask('Password: ');
  if ((await ask('Repeat password: ')) !== password) fail('The passwords differ.');
}
const weak = checkPasswordPolicy(password, { username: values.username });
if (weak)
  fail(
    `The password is not allowed: ${fieldMessage(weak.code, 'en', 'limit' in weak ? { limit: weak.limit } : {})}`,
  );

const roles: Role[] = values['installation-admin'] ? ['org_admin', 'installation_admin'] : ['org_admin'];
const { database } = await openMigrated();
const now = new Date();
try {
  await database.db.transaction().execute(async (trx) => {
    const organisationName = values.organisation ?? '';
    const username = values.username ?? '';
    const displayName = values['display-name'] ?? username;
    const unitName = values['org-unit'] ?? 'Verwaltung';
    const org = await trx
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', organisationName)
      .executeTakeFirst();
    let userId: string;
    let organisationId: string;
    if (!org) {
      const shortCode = values['short-code'];
      if (!shortCode || !/^[A-Za-z0-9]{2,10}$/.test(shortCode)) {
        throw new Error(
          'A new organisation needs --short-code (2–10 letters or digits, the prefix of case numbers).',
        );
      }
      const created = await insertOrganisation(
        trx,
        {
          name: organisationName,
          shortCode,
          firstOrgUnitName: unitName,
          admin: { username, displayName, initialPassword: password },
        },
        now,
      );
      organisationId = created.organisationId;
      userId = created.adminId;
      if (roles.includes('installation_admin')) {
        await trx.insertInto('user_roles').values({ user_id: userId, role: 'installation_admin' }).execute();
      }
      await appendAudit(
        trx,
        { actorUserId: null, organisationId, requestId: null, at: now },
        {
          action: 'organisation.create',
          entityType: 'organisation',
          entityId: organisationId,
          details: { via: 'cli' },
        },
      );
    } else {
      organisationId = org.id;
      const unit = (await trx
        .selectFrom('org_units')
        .select('id')
        .where('organisation_id', '=', org.id)
        .where('archived_at', 'is', null)
        .orderBy('created_at')
        .executeTakeFirst()) ?? { id: await insertOrgUnit(trx, org.id, { name: unitName }, now) };
      userId = await insertUserRecord(
        trx,
        { organisationId: org.id, username, displayName, password, roles, orgUnitIds: [unit.id] },
        now,
      );
    }
    await appendAudit(
      trx,
      { actorUserId: null, organisationId, requestId: null, at: now },
      {
        action: 'user.create',
        entityType: 'user',
        entityId: userId,
        details: { via: 'cli', roles },
      },
    );
  });
  console.log(
    `Created ${values.username} (${roles.join(', ')}) in "${values.organisation}". Sign in at /login.`,
  );
} catch (error) {
  await database.destroy();
  if (error instanceof Problem)
    fail(`Not created: ${error.code} (${error.options.errors?.map((e) => e.pointer).join(', ') ?? ''})`);
  fail(`Not created: ${error instanceof Error ? error.message : String(error)}`);
}
await database.destroy();
