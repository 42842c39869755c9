/**
 * Credential encryption: AES-256-GCM under a versioned keyring, so keys can rotate.
 *
 * CLOUDSENTINEL_ENCRYPTION_KEYS is `v2:<base64 32 bytes>,v1:<base64 32 bytes>`: the first key
 * encrypts, every key decrypts. An envelope is `cs1:<key version>:<iv>:<tag>:<ciphertext>` (base64
 * parts). The caller's context string (e.g. `integration:<id>`) is bound in as additional
 * authenticated data, so an envelope copied onto another row does not decrypt there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';

const ENVELOPE_PREFIX = 'cs1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const VERSION_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export interface KeyringKey {
  version: string;
  key: Buffer;
}

export class Keyring {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly primaryVersion: string;

  constructor(keys: KeyringKey[]) {
    const [primary] = keys;
    if (!primary) throw new AppError('CONFIG_ERROR', 'The encryption keyring is empty.');
    this.primaryVersion = primary.version;
    this.keys = new Map(keys.map((k) => [k.version, k.key]));
  }

  get versions(): string[] {
    return [...this.keys.keys()];
  }

  encrypt(plaintext: string, context: string): string {
    const key = this.keys.get(this.primaryVersion) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [ENVELOPE_PREFIX, this.primaryVersion, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':');
  }

  decrypt(envelope: string, context: string): string {
    const { version, iv, tag, ciphertext } = parseEnvelope(envelope);
    const key = this.keys.get(version);
    if (!key) {
      throw new AppError('ENCRYPTION_ERROR', `This secret was encrypted with key ${version}, which is not in CLOUDSENTINEL_ENCRYPTION_KEYS.`, {
        hint: `Add ${version}:<its base64 key> to CLOUDSENTINEL_ENCRYPTION_KEYS (after the current key), then run \`cloudsentinel keys rotate\`.`,
      });
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new AppError('ENCRYPTION_ERROR', `Key ${version} cannot decrypt this secret: the key is wrong or the stored data was altered.`, {
        hint: `Check that ${version} in CLOUDSENTINEL_ENCRYPTION_KEYS is the key the secret was stored with.`,
        cause,
      });
    }
  }

  /** The key version an envelope was made with, without decrypting it. */
  static versionOf(envelope: string): string {
    return parseEnvelope(envelope).version;
  }

  needsRotation(envelope: string): boolean {
    return Keyring.versionOf(envelope) !== this.primaryVersion;
  }
}

function parseEnvelope(envelope: string): { version: string; iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const parts = envelope.split(':');
  const [prefix, version, iv, tag, ciphertext] = parts;
  if (parts.length !== 5 || prefix !== ENVELOPE_PREFIX || !version || !iv || !tag || ciphertext === undefined) {
    throw new AppError('ENCRYPTION_ERROR', 'A stored secret is not a CloudSentinel envelope; it may have been altered.');
  }
  return { version, iv: Buffer.from(iv, 'base64'), tag: Buffer.from(tag, 'base64'), ciphertext: Buffer.from(ciphertext, 'base64') };
}

/**
 * Parses `v2:<base64>,v1:<base64>`. Returns the problems instead of throwing, so configuration can
 * report them together with every other bad setting.
 */
export function parseKeyring(spec: string): { keys: KeyringKey[]; problems: string[] } {
  const keys: KeyringKey[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const version = colon > 0 ? entry.slice(0, colon) : '';
    const material = colon > 0 ? entry.slice(colon + 1) : '';
    if (!VERSION_PATTERN.test(version)) {
      problems.push(`entry ${keys.length + problems.length + 1} must look like v1:<base64 of 32 random bytes>`);
      continue;
    }
    const key = Buffer.from(material, 'base64');
    if (key.length !== KEY_BYTES) {
      problems.push(`key ${version} must be 32 bytes in base64 (got ${key.length} bytes); make one with \`openssl rand -base64 32\``);
      continue;
    }
    if (seen.has(version)) {
      problems.push(`key version ${version} appears twice`);
      continue;
    }
    seen.add(version);
    keys.push({ version, key });
  }
  if (keys.length === 0 && problems.length === 0) problems.push('no keys given');
  return { keys, problems };
}

export function generateKeySpec(version = 'v1'): string {
  return `${version}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

/**
 * For the embedded default only: the keyring kept in the data directory, created on first use with
 * mode 0600. `created` tells the caller to warn that the key now lives beside the data it protects.
 */
export function loadOrCreateKeyFile(dataDir: string): { spec: string; path: string; created: boolean } {
  const path = join(dataDir, 'encryption.keys');
  if (existsSync(path)) return { spec: readFileSync(path, 'utf8').trim(), path, created: false };
  const spec = generateKeySpec('v1');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(path, `${spec}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { spec, path, created: true };
}
