import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../app.js';
import { systemClock } from '../core/clock.js';
import { loadConfig } from '../core/config.js';
import { createDatabase } from '../db/database.js';
import { generateKeySpec, parseKeyRing } from '../core/crypto.js';

/** Writes the OpenAPI document (from the route schemas) to the given file; the web client is typed from it. */
const target = process.argv[2];
if (!target) {
  console.error('usage: openapi <output.json>');
  process.exit(1);
}
const config = loadConfig(
  { ...process.env, LOG_LEVEL: 'silent' },
  { databaseUrl: null, sqliteFile: ':memory:' },
);
const database = createDatabase(config);
const app = await buildApp({
  db: database.db,
  dialect: database.dialect,
  config,
  clock: systemClock,
  keys: parseKeyRing(generateKeySpec()),
});
await app.ready();
fs.writeFileSync(path.resolve(target), JSON.stringify(app.swagger(), null, 2) + '\n');
await app.close();
await database.destroy();
console.log(`OpenAPI document written to ${target}`);
