import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from './config.js';
import { generateKeySpec, KeyRingError, parseKeyRing, type KeyRing } from './crypto.js';

/**
 * The encryption keys for special categories and documents. Production must configure
 * LOTSE_ENCRYPTION_KEYS (kept apart from the database and its backups). For a development or demo
 * installation Lotse creates a key file in the data folder on first start, readable only by its owner.
 */
export function resolveKeyRing(config: Config): KeyRing {
  if (config.encryptionKeys) {
    try {
      return parseKeyRing(config.encryptionKeys);
    } catch (error) {
      throw new ConfigError(
        'LOTSE_ENCRYPTION_KEYS',
        error instanceof KeyRingError ? error.message : 'invalid',
      );
    }
  }
  if (config.env === 'production') {
    throw new ConfigError('LOTSE_ENCRYPTION_KEYS', 'is required in production (see docs/operations.md)');
  }
  const file = path.join(config.dataDir, 'encryption.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, generateKeySpec('dev1') + '\n', { mode: 0o600 });
  }
  return parseKeyRing(fs.readFileSync(file, 'utf8').trim());
}
