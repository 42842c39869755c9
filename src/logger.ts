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
