/**
 * The generated Google REST clients a scan uses, created on first use (each library is large, so
 * `checks list` and scans that do not need one never load it). They all send through the scan's
 * transport (see transport.ts) and go to GCP_API_ENDPOINT when it is set.
 */
import type { cloudresourcemanager_v3 } from '@googleapis/cloudresourcemanager';
import type { compute_v1 } from '@googleapis/compute';
import type { iam_v1 } from '@googleapis/iam';
import type { logging_v2 } from '@googleapis/logging';
import type { sqladmin_v1 } from '@googleapis/sqladmin';
import type { GcpTransport } from './transport.js';

export interface RestClients {
  resourceManager(): Promise<cloudresourcemanager_v3.Cloudresourcemanager>;
  compute(): Promise<compute_v1.Compute>;
  iam(): Promise<iam_v1.Iam>;
  logging(): Promise<logging_v2.Logging>;
  sqladmin(): Promise<sqladmin_v1.Sqladmin>;
}

/** The options every client gets: our transport as its auth, no retries of its own, the endpoint override. */
function clientOptions(transport: GcpTransport, apiEndpoint: string | null) {
  // The one cast at the auth boundary: the clients type `auth` as their google-auth-library's
  // AuthClient, while they only call `request(options)` on it (googleapis-common apirequest.js).
  const auth = transport.restAuth() as never;
  return { auth, retry: false, ...(apiEndpoint ? { rootUrl: `${apiEndpoint}/` } : {}) };
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | null = null;
  return () => (made ??= make());
}

export function createRestClients(transport: GcpTransport, apiEndpoint: string | null): RestClients {
  const options = clientOptions(transport, apiEndpoint);
  return {
    resourceManager: once(async () => new (await import('@googleapis/cloudresourcemanager')).cloudresourcemanager_v3.Cloudresourcemanager(options)),
    compute: once(async () => new (await import('@googleapis/compute')).compute_v1.Compute(options)),
    iam: once(async () => new (await import('@googleapis/iam')).iam_v1.Iam(options)),
    logging: once(async () => new (await import('@googleapis/logging')).logging_v2.Logging(options)),
    sqladmin: once(async () => new (await import('@googleapis/sqladmin')).sqladmin_v1.Sqladmin(options)),
  };
}
