import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

/**
 * The encrypted backup file (npm run backup / restore; docs/operations.md "Backup and restore").
 *
 *   "LOTSEBAK" · header length (uint32, big-endian) · header (JSON) · ciphertext · GCM tag (16 bytes)
 *
 * The header says what the file holds (dialect, schema version, time, app version) and how it is encrypted
 * (scrypt parameters and salt, nonce, a key check). It is readable without the key and authenticated as
 * additional data, so a changed header fails like a changed byte of the ciphertext. The payload — the SQLite
 * file or PostgreSQL's pg_dump archive — is encrypted with AES-256-GCM under a key derived from the configured
 * backup key with a random salt per file; it is streamed, so a large database never sits in memory.
 *
 * GCM authenticates at the end: restore decrypts into a private temporary file and uses it only when the tag
 * verified, so a wrong key or a tampered file writes nothing into the database.
 */
export const BACKUP_FORMAT_VERSION = 1;
const MAGIC = Buffer.from('LOTSEBAK', 'ascii');
const TAG_BYTES = 16;
const MAX_HEADER_BYTES = 64 * 1024;
/** scrypt cost: about 0.1 s and 32 MiB per file, so guessing a backup key is slow. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
export const MIN_BACKUP_KEY_LENGTH = 20;

export type BackupErrorCode =
  | 'no-key'
  | 'weak-key'
  | 'wrong-key'
  | 'damaged'
  | 'not-a-backup'
  | 'unsupported-version'
  | 'dialect-mismatch'
  | 'newer-schema'
  | 'not-empty'
  | 'no-database'
  | 'pg-tool-missing'
  | 'pg-tool-too-old'
  | 'tool-failed';

/** A refusal with a stable code and a message for the operator (never personal data). */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What a backup holds. */
export interface BackupContents {
  dialect: 'sqlite' | 'postgresql';
  /** PostgreSQL schema the dump holds (public in production); null for SQLite. */
  schema: string | null;
  /** The last migration applied in the backed-up database. */
  schemaVersion: string | null;
  createdAt: string;
  appVersion: string;
  payload: 'sqlite-database' | 'pg-dump-custom';
  /** gzip before encryption (the SQLite file); pg_dump's custom format is compressed already. */
  compression: 'gzip' | 'none';
}

export interface BackupHeader extends BackupContents {
  format: 'lotse-backup';
  formatVersion: number;
  cipher: 'aes-256-gcm';
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  nonce: string;
  /** HMAC of a fixed text under a second derived key: tells a wrong key apart from a damaged file. */
  keyCheck: string;
}

/** The backup key from LOTSE_BACKUP_KEY or the file named by LOTSE_BACKUP_KEY_FILE (one of them). */
export function resolveBackupKey(config: { key: string | null; keyFile: string | null }): string {
  let key = config.key;
  if (key === null && config.keyFile !== null) {
    try {
      key = fs.readFileSync(config.keyFile, 'utf8').trim();
    } catch {
      throw new BackupError('no-key', `LOTSE_BACKUP_KEY_FILE: cannot read ${config.keyFile}`);
    }
  }
  if (key === null || key === '') {
    throw new BackupError(
      'no-key',
      'No backup key: set LOTSE_BACKUP_KEY or LOTSE_BACKUP_KEY_FILE (e.g. `openssl rand -base64 32`).',
    );
  }
  if (key.length < MIN_BACKUP_KEY_LENGTH) {
    throw new BackupError(
      'weak-key',
      `The backup key must have at least ${MIN_BACKUP_KEY_LENGTH} characters (e.g. \`openssl rand -base64 32\`).`,
    );
  }
  return key;
}

function deriveKeys(
  passphrase: string,
  salt: Buffer,
  kdf: { N: number; r: number; p: number },
): Promise<{ encryption: Buffer; check: Buffer }> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase, salt, 64, { ...kdf, maxmem: 256 * kdf.N * kdf.r }, (error, derived) => {
      if (error) reject(error);
      else resolve({ encryption: derived.subarray(0, 32), check: derived.subarray(32) });
    });
  });
}

function keyCheckOf(checkKey: Buffer): string {
  return createHmac('sha256', checkKey)
    .update('lotse-backup key check')
    .digest()
    .subarray(0, 16)
    .toString('base64');
}

function prefixOf(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json]);
}

/** Encrypts `input` into a new file `target` (mode 0600, never overwriting) and syncs it to disk. */
export async function writeEncryptedBackup(
  input: Readable,
  target: string,
  contents: BackupContents,
  passphrase: string,
): Promise<BackupHeader> {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const keys = await deriveKeys(passphrase, salt, SCRYPT);
  const header: BackupHeader = {
    format: 'lotse-backup',
    formatVersion: BACKUP_FORMAT_VERSION,
    ...contents,
    cipher: 'aes-256-gcm',
    kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
    nonce: nonce.toString('base64'),
    keyCheck: keyCheckOf(keys.check),
  };
  const prefix = prefixOf(header);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, nonce);
  cipher.setAAD(prefix);
  await pipeline(
    input,
    async function* (source: AsyncIterable<Buffer>) {
      yield prefix;
      let payload = 0;
      for await (const chunk of source) {
        payload += chunk.length;
        yield cipher.update(chunk);
      }
      // A database's dump or copy is never empty: an empty one is a fault, not a backup.
      if (payload === 0)
        throw new BackupError('tool-failed', 'The database dump was empty. Nothing was backed up.');
      yield cipher.final();
      yield cipher.getAuthTag();
    },
    fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }),
  );
  const handle = await fs.promises.open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return header;
}

function isHeader(value: unknown): value is BackupHeader {
  if (typeof value !== 'object' || value === null) return false;
  const h = value as Record<string, unknown>;
  const kdf = h.kdf as Record<string, unknown> | undefined;
  return (
    h.format === 'lotse-backup' &&
    typeof h.formatVersion === 'number' &&
    (h.dialect === 'sqlite' || h.dialect === 'postgresql') &&
    (h.schema === null || typeof h.schema === 'string') &&
    (h.schemaVersion === null || typeof h.schemaVersion === 'string') &&
    typeof h.createdAt === 'string' &&
    typeof h.appVersion === 'string' &&
    (h.payload === 'sqlite-database' || h.payload === 'pg-dump-custom') &&
    (h.compression === 'gzip' || h.compression === 'none') &&
    h.cipher === 'aes-256-gcm' &&
    typeof kdf === 'object' &&
    kdf !== null &&
    kdf.name === 'scrypt' &&
    typeof kdf.salt === 'string' &&
    typeof h.nonce === 'string' &&
    typeof h.keyCheck === 'string' &&
    // bounded, so a forged header cannot make the key derivation take all memory
    [kdf.N, kdf.r, kdf.p].every((n) => Number.isInteger(n)) &&
    (kdf.N as number) >= 2 ** 14 &&
    (kdf.N as number) <= 2 ** 20 &&
    (kdf.r as number) >= 1 &&
    (kdf.r as number) <= 16 &&
    (kdf.p as number) >= 1 &&
    (kdf.p as number) <= 4
  );
}

/** Reads the header (no key needed): what the file holds and when it was made. */
export async function readBackupHeader(file: string): Promise<{ header: BackupHeader; prefix: Buffer }> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const start = Buffer.alloc(MAGIC.length + 4);
    const { bytesRead } = await handle.read(start, 0, start.length, 0);
    if (bytesRead < start.length || !start.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new BackupError('not-a-backup', `${file} is not a Lotse backup.`);
    }
    const length = start.readUInt32BE(MAGIC.length);
    if (length === 0 || length > MAX_HEADER_BYTES) {
      throw new BackupError('damaged', 'The backup file is damaged (header).');
    }
    const json = Buffer.alloc(length);
    const read = await handle.read(json, 0, length, start.length);
    if (read.bytesRead < length) throw new BackupError('damaged', 'The backup file is damaged (header).');
    let parsed: unknown;
    try {
      parsed = JSON.parse(json.toString('utf8'));
    } catch {
      throw new BackupError('damaged', 'The backup file is damaged (header).');
    }
    const version = (parsed as { formatVersion?: unknown } | null)?.formatVersion;
    if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) {
      throw new BackupError(
        'unsupported-version',
        `The backup has format version ${version}; this Lotse reads version ${BACKUP_FORMAT_VERSION}. Use a newer Lotse.`,
      );
    }
    if (!isHeader(parsed)) throw new BackupError('damaged', 'The backup file is damaged (header).');
    return { header: parsed, prefix: Buffer.concat([start, json]) };
  } finally {
    await handle.close();
  }
}

/**
 * Decrypts the backup into a new file `target` (mode 0600). Throws `wrong-key` before reading the payload
 * when the key does not fit, `damaged` when any byte was changed, cut off or added; the caller removes the
 * target then and uses it only after this resolved.
 */
export async function decryptBackup(file: string, target: string, passphrase: string): Promise<BackupHeader> {
  const { header, prefix } = await readBackupHeader(file);
  const keys = await deriveKeys(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
  const expected = Buffer.from(header.keyCheck, 'base64');
  const actual = Buffer.from(keyCheckOf(keys.check), 'base64');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new BackupError('wrong-key', 'The backup key does not fit this backup. Nothing was restored.');
  }
  const size = (await fs.promises.stat(file)).size;
  if (size < prefix.length + TAG_BYTES) {
    throw new BackupError('damaged', 'The backup file is damaged (cut off). Nothing was restored.');
  }
  const tag = Buffer.alloc(TAG_BYTES);
  const handle = await fs.promises.open(file, 'r');
  try {
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', keys.encryption, Buffer.from(header.nonce, 'base64'));
  decipher.setAAD(prefix);
  decipher.setAuthTag(tag);
  const cipherEnd = size - TAG_BYTES; // exclusive
  const source =
    cipherEnd > prefix.length
      ? fs.createReadStream(file, { start: prefix.length, end: cipherEnd - 1 })
      : Readable.from([]);
  const damaged = () =>
    new BackupError(
      'damaged',
      'The backup file is damaged or was altered (authentication failed). Nothing was restored.',
    );
  const decrypt = async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) yield decipher.update(chunk);
    let last: Buffer;
    try {
      last = decipher.final();
    } catch {
      throw damaged();
    }
    yield last;
  };
  const output = fs.createWriteStream(target, { flags: 'wx', mode: 0o600 });
  try {
    if (header.compression === 'gzip') await pipeline(source, decrypt, createGunzip(), output);
    else await pipeline(source, decrypt, output);
  } catch (error) {
    // A changed byte can upset gzip before the tag is checked at the end: damaged all the same.
    if (error instanceof BackupError) throw error;
    if (/^Z_/.test(String((error as { code?: unknown }).code))) throw damaged();
    throw error;
  }
  return header;
}
