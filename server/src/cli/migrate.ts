import { openMigrated } from './shared.js';

const { database, applied } = await openMigrated();
console.log(applied.length === 0 ? 'Database is up to date.' : `Applied migrations: ${applied.join(', ')}`);
await database.destroy();
