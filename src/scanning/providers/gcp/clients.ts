/**
 * Google Cloud clients for one service account key in one project, authenticated with the key
 * itself: never Application Default Credentials, so nothing here probes the metadata server (which
 * hangs off Google Cloud). The scanning issues add their clients here.
 *
 * Endpoints follow Google's conventions, passed in from config.ts: Cloud Storage's
 * STORAGE_EMULATOR_HOST — which the storage SDK also reads itself and uses verbatim as its JSON API
 * base — and, for the other Google APIs, GCP_API_ENDPOINT in place of `https://<service>.googleapis.com`.
 */
import { Storage } from '@google-cloud/storage';
import { OAuth2Client } from 'google-auth-library';
import type { GcpConfig } from '../../../config.js';
import { exchangeServiceAccountKey, READ_ONLY_SCOPES, type ServiceAccountKey } from './token.js';

export interface GcpClientOptions {
  key: ServiceAccountKey;
  projectId: string;
  endpoints: GcpConfig;
  /**
   * Retries inside the storage SDK (on 429, 5xx and network errors, backing off from 1 s). The
   * connection test turns them off and retries on its own (scanning/connection.ts).
   */
  sdkRetries?: boolean;
  /** Per-request timeout. Default 60 s. */
  requestTimeoutMs?: number;
  /** Waits for the project's shared request budget (see integrations/rate-limits.ts) before each call. */
  rateLimit?: () => Promise<void>;
}

export interface GcpClients {
  readonly projectId: string;
  /** The service account the key belongs to. */
  readonly serviceAccount: string;
  storage(): Storage;
  /** Runs one API call once the project's request budget allows it. */
  call<T>(send: () => Promise<T>): Promise<T>;
}

/** The base URL of a Google API (`cloudresourcemanager`, `compute`, ...): GCP_API_ENDPOINT when set. */
export function googleApiEndpoint(service: string, endpoints: Pick<GcpConfig, 'apiEndpoint'>): string {
  return endpoints.apiEndpoint ?? `https://${service}.googleapis.com`;
}

/** An OAuth2Client that gets (and renews) its access tokens by exchanging the key at its token_uri. */
export function serviceAccountAuth(key: ServiceAccountKey, scopes: readonly string[] = READ_ONLY_SCOPES, timeoutMs?: number): OAuth2Client {
  const auth = new OAuth2Client();
  auth.refreshHandler = () => exchangeServiceAccountKey(key, scopes, timeoutMs === undefined ? {} : { timeoutMs });
  return auth;
}

export function createGcpClients(options: GcpClientOptions): GcpClients {
  const auth = serviceAccountAuth(options.key, READ_ONLY_SCOPES, options.requestTimeoutMs);
  let storage: Storage | null = null;
  return {
    projectId: options.projectId,
    serviceAccount: options.key.client_email,
    storage: () =>
      (storage ??= new Storage({
        projectId: options.projectId,
        authClient: auth,
        ...(options.endpoints.storageEmulatorHost ? { apiEndpoint: options.endpoints.storageEmulatorHost } : {}),
        // A custom endpoint would otherwise go unauthenticated: the key must be checked everywhere.
        useAuthWithCustomEndpoint: true,
        retryOptions: { autoRetry: options.sdkRetries ?? true },
        timeout: options.requestTimeoutMs ?? 60_000,
      })),
    async call(send) {
      await options.rateLimit?.();
      return send();
    },
  };
}
