/**
 * Who a GCP scan acts as, and where its tokens come from:
 * - a stored integration: its service account key (exchanged at the key's token_uri) and project;
 * - the CLI (`credentials: null`): GOOGLE_APPLICATION_CREDENTIALS' key file, else Application
 *   Default Credentials (gcloud's user login, or the metadata server on Google Cloud) — except
 *   when an emulator endpoint is set and no key file is: then requests go unauthenticated, so a
 *   scan against an emulator never waits on a metadata server that is not there.
 */
import { readFileSync } from 'node:fs';
import { GoogleAuth, type OAuth2Client } from 'google-auth-library';
import type { GcpConfig } from '../../../config.js';
import { AppError, isAppError } from '../../../errors.js';
import { parseCredentials } from '../../../integrations/credentials.js';
import { serviceAccountAuth } from './clients.js';
import { readGcpError } from './connection.js';
import { READ_ONLY_SCOPES, type ServiceAccountKey } from './token.js';
import type { TokenSource } from './transport.js';

export interface GcpAuth {
  /** For the REST transport. */
  token: TokenSource;
  /** For the storage SDK; null: unauthenticated (emulator). */
  authClient: OAuth2Client | GoogleAuth | null;
  /** The project the credentials name (stored project_id, the key's, GOOGLE_CLOUD_PROJECT), if any. */
  defaultProject: string | null;
  /** Who is scanning, for messages: the service account e-mail, `application default credentials` or `unauthenticated`. */
  principal: string;
}

function keyAuth(key: ServiceAccountKey, defaultProject: string | null, timeoutMs: number | undefined): GcpAuth {
  const client = serviceAccountAuth(key, READ_ONLY_SCOPES, timeoutMs);
  return {
    token: async () => (await client.getAccessToken()).token ?? null,
    authClient: client,
    defaultProject,
    principal: key.client_email,
  };
}

function readKeyFile(path: string): ServiceAccountKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('PROVIDER_ERROR', `GOOGLE_APPLICATION_CREDENTIALS: ${path} is not a readable JSON key file.`, { hint: 'Point it at a service account key (JSON) or unset it to use gcloud\'s application default credentials.' });
  }
  const key = parsed as Partial<ServiceAccountKey> & { type?: unknown };
  if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
    throw new AppError('PROVIDER_ERROR', `GOOGLE_APPLICATION_CREDENTIALS: ${path} is not a service account key (no client_email / private_key).`, {
      hint: 'Use a service account JSON key, or unset the variable to use application default credentials.',
    });
  }
  return key as ServiceAccountKey;
}

export function resolveGcpAuth(stored: Record<string, unknown> | null, config: GcpConfig, options: { requestTimeoutMs?: number } = {}): GcpAuth {
  if (stored !== null) {
    let credentials;
    try {
      credentials = parseCredentials('gcp', stored);
    } catch (error) {
      throw isAppError(error) ? error : new AppError('PROVIDER_ERROR', 'The stored GCP credentials are not valid.');
    }
    return keyAuth(credentials.service_account_key, credentials.project_id, options.requestTimeoutMs);
  }
  const ambient = config.ambient ?? { keyFile: null, project: null };
  if (ambient.keyFile) {
    const key = readKeyFile(ambient.keyFile);
    return keyAuth(key, ambient.project ?? key.project_id ?? null, options.requestTimeoutMs);
  }
  if (config.apiEndpoint || config.storageEmulatorHost) {
    return { token: async () => null, authClient: null, defaultProject: ambient.project, principal: 'unauthenticated (emulator endpoint, no GOOGLE_APPLICATION_CREDENTIALS)' };
  }
  const adc = new GoogleAuth({ scopes: READ_ONLY_SCOPES });
  return {
    token: async () => (await adc.getAccessToken()) ?? null,
    authClient: adc,
    defaultProject: ambient.project,
    principal: 'application default credentials',
  };
}

/**
 * Gets a first token before anything is collected: a key Google rejects (or no credentials at all)
 * stops the scan with AUTHENTICATION_ERROR — not one `unknown` per check — and a token endpoint
 * that is down or throttling with PROVIDER_ERROR, which a scan job retries.
 */
export async function verifyGcpAuth(auth: GcpAuth): Promise<void> {
  try {
    await auth.token();
  } catch (error) {
    const read = readGcpError(error);
    if (read.failure === 'authentication' || (!read.retryable && read.failure === 'unknown')) {
      throw new AppError('AUTHENTICATION_ERROR', `Could not get a Google access token for ${auth.principal}: ${read.message}`, {
        hint: 'Check the service account key (a deleted or rotated key is refused), or set GOOGLE_APPLICATION_CREDENTIALS / run `gcloud auth application-default login`.',
      });
    }
    throw new AppError('PROVIDER_ERROR', `Google's token endpoint could not be used for ${auth.principal}: ${read.message}`);
  }
}
