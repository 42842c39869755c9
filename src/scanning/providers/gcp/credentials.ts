/**
 * Who a GCP scan acts as, and where its tokens come from:
 * - a stored integration: its service account key (exchanged at the key's token_uri) and project;
 * - the CLI (`credentials: null`), in this order: GOOGLE_APPLICATION_CREDENTIALS' key file;
 *   gcloud's application default credentials file (`gcloud auth application-default login`);
 *   unauthenticated when an emulator endpoint is set (an emulator needs no token); and last the
 *   metadata server, which only Google Cloud's machines have.
 *
 * The metadata server is asked once, briefly, before google-auth-library is let near it: off Google
 * Cloud the library's own probe, and its project-id lookup after it, can wait for many seconds on
 * an address that drops packets (and keep the process alive after the scan has given up). A
 * machine whose metadata server does not answer within METADATA_PROBE_TIMEOUT_MS has none: the scan
 * stops at once with AUTHENTICATION_ERROR saying which credentials were looked for, and where.
 */
import { existsSync, readFileSync } from 'node:fs';
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
  /** Who is scanning, for messages: the service account e-mail, `application default credentials (...)` or `unauthenticated`. */
  principal: string;
}

/** Google's metadata server answers in milliseconds on its own machines; this long is "there is none". */
export const METADATA_PROBE_TIMEOUT_MS = 3_000;
const DEFAULT_METADATA_HOST = '169.254.169.254';

export interface GcpAuthOptions {
  requestTimeoutMs?: number;
  /** How long the metadata server gets to answer the probe. Default METADATA_PROBE_TIMEOUT_MS. */
  metadataProbeTimeoutMs?: number;
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

function readJson(path: string, what: string, hint: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('PROVIDER_ERROR', `${what}: ${path} is not a readable JSON file.`, { hint });
  }
}

function readKeyFile(path: string): ServiceAccountKey {
  const parsed = readJson(path, 'GOOGLE_APPLICATION_CREDENTIALS', 'Point it at a service account key (JSON) or unset it to use gcloud\'s application default credentials.');
  const key = parsed as Partial<ServiceAccountKey> & { type?: unknown };
  if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
    throw new AppError('PROVIDER_ERROR', `GOOGLE_APPLICATION_CREDENTIALS: ${path} is not a service account key (no client_email / private_key).`, {
      hint: 'Use a service account JSON key, or unset the variable to use application default credentials.',
    });
  }
  return key as ServiceAccountKey;
}

/**
 * Whether a metadata server answers at `host` (`host[:port]`) within `timeoutMs`, the way Google's
 * libraries tell one apart from anything else at that address: the `Metadata-Flavor: Google` header.
 * Throws with the reason when none does; the request is aborted, so nothing is left waiting.
 */
export async function probeMetadataServer(host: string, timeoutMs: number): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`http://${host}/computeMetadata/v1/instance`, { headers: { 'Metadata-Flavor': 'Google' }, signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    throw new Error(timedOut ? `no answer within ${timeoutMs / 1000} s` : `it could not be reached${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  if (response.headers.get('metadata-flavor') !== 'Google') throw new Error(`what answered is not a Google metadata server (HTTP ${response.status}, no Metadata-Flavor: Google header)`);
}

function noCredentials(adcFile: string | null, host: string, reason: string): AppError {
  const looked = [
    'GOOGLE_APPLICATION_CREDENTIALS is not set',
    adcFile ? `there is no ${adcFile} (gcloud's application default credentials)` : 'there is no home directory to find gcloud\'s application default credentials in',
    `the metadata server at ${host} did not answer like one (${reason}), so this is not a Google Cloud machine with a service account`,
  ];
  return new AppError('AUTHENTICATION_ERROR', `No Google Cloud credentials found: ${looked.join('; ')}.`, {
    hint: 'Set GOOGLE_APPLICATION_CREDENTIALS to a service account key file, or run `gcloud auth application-default login` (and name the project with --project or GOOGLE_CLOUD_PROJECT), or run the scan on Google Cloud with a service account attached.',
  });
}

/** gcloud's application default credentials file: a service account key goes through our own exchange (its token_uri is honoured), anything else through google-auth-library. */
function adcFileAuth(path: string, project: string | null, timeoutMs: number | undefined): GcpAuth {
  const parsed = readJson(path, 'Application default credentials', 'Run `gcloud auth application-default login` again, or delete the file and set GOOGLE_APPLICATION_CREDENTIALS.') as { type?: unknown };
  if (parsed && typeof parsed === 'object' && parsed.type === 'service_account') {
    const key = parsed as unknown as ServiceAccountKey;
    return { ...keyAuth(key, project ?? key.project_id ?? null, timeoutMs), principal: `${key.client_email} (${path})` };
  }
  // keyFilename: the library reads this file only, and so never looks for a project id on a metadata server.
  const adc = new GoogleAuth({ keyFilename: path, scopes: READ_ONLY_SCOPES, ...(project ? { projectId: project } : {}) });
  return { token: async () => (await adc.getAccessToken()) ?? null, authClient: adc, defaultProject: project, principal: `application default credentials (${path})` };
}

/** The metadata server's service account, once a probe has shown there is a metadata server. */
function metadataServerAuth(ambient: NonNullable<GcpConfig['ambient']>, probeTimeoutMs: number): GcpAuth {
  const host = ambient.metadataHost ?? DEFAULT_METADATA_HOST;
  const adcFile = ambient.adcFile ?? null;
  let probed: Promise<void> | null = null;
  const probe = () =>
    (probed ??= probeMetadataServer(host, probeTimeoutMs).catch((error: unknown) => {
      throw noCredentials(adcFile, host, error instanceof Error ? error.message : String(error));
    }));
  const adc = new GoogleAuth({ scopes: READ_ONLY_SCOPES, ...(ambient.project ? { projectId: ambient.project } : {}) });
  return {
    token: async () => {
      await probe();
      return (await adc.getAccessToken()) ?? null;
    },
    authClient: adc,
    defaultProject: ambient.project,
    principal: 'the metadata server\'s service account (application default credentials)',
  };
}

export function resolveGcpAuth(stored: Record<string, unknown> | null, config: GcpConfig, options: GcpAuthOptions = {}): GcpAuth {
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
  if (ambient.adcFile && existsSync(ambient.adcFile)) return adcFileAuth(ambient.adcFile, ambient.project, options.requestTimeoutMs);
  if (config.apiEndpoint || config.storageEmulatorHost) {
    return { token: async () => null, authClient: null, defaultProject: ambient.project, principal: 'unauthenticated (emulator endpoint, no GOOGLE_APPLICATION_CREDENTIALS)' };
  }
  return metadataServerAuth(ambient, options.metadataProbeTimeoutMs ?? METADATA_PROBE_TIMEOUT_MS);
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
    if (isAppError(error)) throw error;
    const read = readGcpError(error);
    if (read.failure === 'authentication' || (!read.retryable && read.failure === 'unknown')) {
      throw new AppError('AUTHENTICATION_ERROR', `Could not get a Google access token for ${auth.principal}: ${read.message}`, {
        hint: 'Check the service account key (a deleted or rotated key is refused), or set GOOGLE_APPLICATION_CREDENTIALS / run `gcloud auth application-default login`.',
      });
    }
    throw new AppError('PROVIDER_ERROR', `Google's token endpoint could not be used for ${auth.principal}: ${read.message}`);
  }
}
