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
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOTSE_DEMO: 'vielleicht' }, 'LOTSE_DEMO'],
    [{ LOTSE_SESSION_IDLE_MINUTES: '0' }, 'LOTSE_SESSION_IDLE_MINUTES'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      expect((e as ConfigError).variable).toBe(variable);
    }
  });
});
