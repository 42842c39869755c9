/**
 * pino JSON logs. Known secret-bearing fields are redacted wherever they appear (two levels deep,
 * plus request headers), so a credential passed along in an object never reaches the log.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

const SECRET_KEYS = [
  'password',
  'secret',
  'token',
  'accessToken',
  'botToken',
  'access_token',
  'secret_access_key',
  'secretAccessKey',
  'session_token',
  'sessionToken',
  'client_secret',
  'clientSecret',
  'private_key',
  'privateKey',
  'service_account_key',
  'credentials',
  'authorization',
  'cookie',
  'encryptionKeys',
  'connectionString',
  'url',
];

export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
  'req.headers["x-hub-signature-256"]',
];

/** JSON string fields that carry secrets, and token shapes, inside free-text log lines. */
const SECRET_FIELD_IN_TEXT = /("(?:client_secret|token|access_token|refresh_token|bot_token|code|password|secret)"\s*:\s*")[^"]*(")/gi;
// Slack tokens, and Discord bot tokens (base64 user id . timestamp . HMAC).
const TOKEN_SHAPES = /\b(?:xox[abeprs]|xapp)-[A-Za-z0-9-]+|\b[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}\b/g;

/** Bearer tokens, JWTs, and secrets as `key=value` / `key: value` (SAS `sig=`, connection-string `AccountKey=`, forms, query strings). */
const BEARER = /\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const SECRET_ASSIGNMENT =
  /\b(sig|signature|accountkey|sharedaccesskey|sharedaccesssignature|client_secret|client_assertion|access_token|refresh_token|password|pwd|secret|token)(\s*[=:]\s*)("?)[^\s;&"',)<>]+/gi;

/**
 * Redacts secrets from a message that is only text: libraries such as Bolt log request bodies as
 * strings, out of reach of the structured redaction above, and cloud APIs' error messages (which
 * become `unknown` reasons in findings) may echo a URL or a header.
 */
export function scrubSecrets(text: string): string {
  return text
    .replace(SECRET_FIELD_IN_TEXT, '$1[redacted]$2')
    .replace(TOKEN_SHAPES, '[redacted]')
    .replace(BEARER, 'Bearer [redacted]')
    .replace(JWT, '[redacted token]')
    .replace(SECRET_ASSIGNMENT, '$1$2$3[redacted]');
}

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'cloudsentinel' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
