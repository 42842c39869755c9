import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { Keyring, generateKeySpec, loadOrCreateKeyFile, parseKeyring } from '../../src/store/crypto.js';

const v1 = { version: 'v1', key: randomBytes(32) };
const v2 = { version: 'v2', key: randomBytes(32) };
const SECRET = JSON.stringify({ secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });

function encryptionError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('ENCRYPTION_ERROR');
    return error as AppError;
  }
  throw new Error('expected an ENCRYPTION_ERROR');
}

describe('Keyring', () => {
  it('round-trips, with a fresh IV each time and no plaintext in the envelope', () => {
    const keyring = new Keyring([v1]);
    const a = keyring.encrypt(SECRET, 'integration:1');
    const b = keyring.encrypt(SECRET, 'integration:1');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^cs1:v1:/);
    expect(a).not.toContain('wJalrXUtnFEMI');
    expect(keyring.decrypt(a, 'integration:1')).toBe(SECRET);
  });

  it('encrypts with the first key and decrypts with any, so keys can rotate', () => {
    const old = new Keyring([v1]).encrypt(SECRET, 'ctx');
    const rotated = new Keyring([v2, v1]);
    expect(rotated.decrypt(old, 'ctx')).toBe(SECRET);
    expect(rotated.needsRotation(old)).toBe(true);
    const fresh = rotated.encrypt(SECRET, 'ctx');
    expect(Keyring.versionOf(fresh)).toBe('v2');
    expect(rotated.needsRotation(fresh)).toBe(false);
  });

  it('names the missing key version instead of returning garbage', () => {
    const old = new Keyring([v1]).encrypt(SECRET, 'ctx');
    const error = encryptionError(() => new Keyring([v2]).decrypt(old, 'ctx'));
    expect(error.message).toContain('key v1');
    expect(error.hint).toContain('v1');
  });

  it('refuses a wrong key, another row context, and tampered ciphertext', () => {
    const envelope = new Keyring([v1]).encrypt(SECRET, 'integration:a');
    expect(encryptionError(() => new Keyring([{ version: 'v1', key: randomBytes(32) }]).decrypt(envelope, 'integration:a')).message).toMatch(
      /Key v1 cannot decrypt/,
    );
    encryptionError(() => new Keyring([v1]).decrypt(envelope, 'integration:b'));
    const parts = envelope.split(':');
    const ciphertext = Buffer.from(parts[4] as string, 'base64');
    ciphertext[0] = (ciphertext[0] as number) ^ 0xff;
    parts[4] = ciphertext.toString('base64');
    encryptionError(() => new Keyring([v1]).decrypt(parts.join(':'), 'integration:a'));
    encryptionError(() => new Keyring([v1]).decrypt('plaintext-not-an-envelope', 'integration:a'));
  });
});

describe('parseKeyring', () => {
  it('parses versions in order', () => {
    const spec = `${generateKeySpec('v2')}, ${generateKeySpec('v1')}`;
    const { keys, problems } = parseKeyring(spec);
    expect(problems).toEqual([]);
    expect(keys.map((k) => k.version)).toEqual(['v2', 'v1']);
    expect(new Keyring(keys).primaryVersion).toBe('v2');
  });

  it('reports every problem', () => {
    const { problems } = parseKeyring(`v1:${randomBytes(16).toString('base64')},nocolon,${generateKeySpec('v3')},${generateKeySpec('v3')}`);
    expect(problems).toEqual([
      expect.stringContaining('key v1 must be 32 bytes'),
      expect.stringContaining('must look like v1:'),
      'key version v3 appears twice',
    ]);
    expect(parseKeyring(' , ').problems).toEqual(['no keys given']);
  });
});

describe('loadOrCreateKeyFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a 0600 key file once and reads the same key afterwards', () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = loadOrCreateKeyFile(dataDir);
    expect(first.created).toBe(true);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(parseKeyring(first.spec).problems).toEqual([]);
    const second = loadOrCreateKeyFile(dataDir);
    expect(second).toMatchObject({ created: false, spec: first.spec });
    expect(readFileSync(first.path, 'utf8').trim()).toBe(first.spec);
  });
});
