/**
 * Discord signs every interaction it sends with the application's Ed25519 key: the signature
 * (`X-Signature-Ed25519`, hex) covers `X-Signature-Timestamp` followed by the raw body. A request
 * is taken only when that signature checks out against the configured public key and its timestamp
 * is within five minutes of now, so a captured request cannot be replayed later.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** An Ed25519 public key in DER (SPKI) is this fixed prefix followed by the 32 raw key bytes. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** How far a request's timestamp may be from our clock, either way. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** The key object for the application's public key as the Developer Portal shows it (64 hex characters). */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new RangeError('A Discord public key is 64 hex characters.');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** Checks a request's signature and timestamp; anything missing or malformed fails, never throws. */
export function verifyInteraction(
  key: KeyObject,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: Buffer,
  nowMs: number,
): VerifyResult {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return { ok: false, reason: 'missing signature headers' };
  if (!/^[0-9a-f]{128}$/i.test(signature)) return { ok: false, reason: 'malformed signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'timestamp outside the 5-minute window' };
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
  let valid = false;
  try {
    valid = verify(null, signed, key, Buffer.from(signature, 'hex'));
  } catch {
    valid = false;
  }
  return valid ? { ok: true } : { ok: false, reason: 'bad signature' };
}
