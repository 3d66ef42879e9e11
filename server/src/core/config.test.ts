import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to the embedded database with demo data on port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ databaseUrl: null, port: 3000, demo: true, env: 'development' });
    expect(c.sqliteFile.endsWith('data/lotse.db')).toBe(true);
  });
  it.each([
    [{ NODE_ENV: 'production' }, false],
    [{ DATABASE_URL: 'postgres://x@localhost/db' }, false],
    [{ DATABASE_URL: 'postgres://x@localhost/db', LOTSE_DEMO: 'true' }, true],
    [{ NODE_ENV: 'production', LOTSE_DEMO: 'true' }, true],
  ])('demo data for %j: %s', (env, demo) => {
    expect(loadConfig(env).demo).toBe(demo);
  });
  it('runs several app processes only on PostgreSQL', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', LOTSE_WORKERS: '2' }).workers).toBe(2);
  });
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOTSE_DEMO: 'vielleicht' }, 'LOTSE_DEMO'],
    [{ LOTSE_SESSION_IDLE_MINUTES: '0' }, 'LOTSE_SESSION_IDLE_MINUTES'],
    [{ LOTSE_WORKERS: '0' }, 'LOTSE_WORKERS'],
    [{ LOTSE_WORKERS: '2' }, 'LOTSE_WORKERS'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      expect((e as ConfigError).variable).toBe(variable);
    }
  });
});
