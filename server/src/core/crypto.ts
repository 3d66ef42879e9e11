import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for special categories of personal data (Art. 9 GDPR: health and the like) and
 * uploaded documents: AES-256-GCM (authenticated), a fresh 96-bit IV per value, the key id stored with the
 * value so keys can be rotated (docs/operations.md). Values look like "enc:v1:<keyId>:<iv>:<tag>:<data>".
 */
export interface KeyRing {
  /** Key used for new values. */
  currentId: string;
  keys: Map<string, Buffer>;
}

const PREFIX = 'enc:v1:';

export class KeyRingError extends Error {}

/** Parses "id1:base64key,id2:base64key"; the first key encrypts, all decrypt. */
export function parseKeyRing(spec: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let currentId = '';
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [id, material] = part.split(':');
    if (!id || !material || !/^[A-Za-z0-9_-]{1,32}$/.test(id))
      throw new KeyRingError('each key must be "<id>:<base64 key>"');
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) throw new KeyRingError(`key ${id} must be 32 bytes (base64 of 32 random bytes)`);
    keys.set(id, key);
    if (!currentId) currentId = id;
  }
  if (!currentId) throw new KeyRingError('no key given');
  return { currentId, keys };
}

export function generateKeySpec(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function encryptText(ring: KeyRing, plain: string): string {
  return PREFIX + encryptBytes(ring, Buffer.from(plain, 'utf8'));
}

export function decryptText(ring: KeyRing, stored: string): string {
  if (!isEncrypted(stored)) return stored;
  return decryptBytes(ring, stored.slice(PREFIX.length)).toString('utf8');
}

function encryptBytes(ring: KeyRing, plain: Buffer): string {
  const key = ring.keys.get(ring.currentId);
  if (!key) throw new KeyRingError('current key missing');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [
    ring.currentId,
    iv.toString('base64'),
    cipher.getAuthTag().toString('base64'),
    data.toString('base64'),
  ].join(':');
}

function decryptBytes(ring: KeyRing, payload: string): Buffer {
  const [id, iv, tag, data] = payload.split(':');
  const key = id ? ring.keys.get(id) : undefined;
  if (!key || !iv || !tag || data === undefined)
    throw new KeyRingError(`cannot decrypt: key ${id ?? '?'} not configured`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]);
}

export function encryptNullable(ring: KeyRing, plain: string | null | undefined): string | null {
  return plain === null || plain === undefined || plain === '' ? null : encryptText(ring, plain);
}

export function decryptNullable(ring: KeyRing, stored: string | null): string | null {
  return stored === null ? null : decryptText(ring, stored);
}

/** The key id a stored value was encrypted with (for rotation). */
export function keyIdOf(stored: string): string | null {
  return isEncrypted(stored) ? (stored.slice(PREFIX.length).split(':')[0] ?? null) : null;
}

/** Re-encrypts a value with the current key if it used another one. */
export function reencrypt(ring: KeyRing, stored: string): string {
  return keyIdOf(stored) === ring.currentId ? stored : encryptText(ring, decryptText(ring, stored));
}
