/** What every GCP collector gets: the transport, the REST clients, Cloud Storage, and where the plain-REST APIs are. */
import type { Storage } from '@google-cloud/storage';
import type { RestClients } from '../rest-clients.js';
import type { Collected } from '../snapshot.js';
import { describeGcpError } from '../errors.js';
import type { GcpTransport } from '../transport.js';

export interface GcpCollectorContext {
  transport: GcpTransport;
  rest: RestClients;
  storage(): Storage;
  /** Cloud KMS's base URL (`https://cloudkms.googleapis.com` or GCP_API_ENDPOINT). */
  kmsEndpoint: string;
  /** A Google API's base URL (`dns` → `https://dns.googleapis.com`), or GCP_API_ENDPOINT: for the APIs collected over plain REST. */
  apiEndpoint(service: string): string;
}

/** `url` with `pageToken` added when there is one. */
export function withPage(url: string, pageToken: string | undefined): string {
  return pageToken ? `${url}${url.includes('?') ? '&' : '?'}pageToken=${encodeURIComponent(pageToken)}` : url;
}

/** Runs `fn`; whatever it throws becomes `{ ok: false, error }` — the scan goes on. */
export async function attempt<T>(fn: () => Promise<T>): Promise<Collected<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error: describeGcpError(error) };
  }
}

/** Pages to the end. A page token seen twice (a broken server) ends the walk instead of looping. */
export async function paginate<T>(page: (pageToken: string | undefined) => Promise<{ items: T[] | null | undefined; next: string | null | undefined }>): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const { items, next } = await page(token);
    all.push(...(items ?? []));
    if (!next || seen.has(next)) return all;
    seen.add(next);
    token = next;
  }
}

/** The last path segment of a URL or resource name (`.../zones/us-central1-a` → `us-central1-a`). */
export function lastSegment(value: string | null | undefined): string {
  if (!value) return '';
  const parts = value.split('/');
  return parts[parts.length - 1] ?? '';
}

/**
 * The Compute metadata keys the checks read. Only these are kept: metadata also holds SSH public
 * keys and startup scripts (which may embed secrets), and a snapshot must not carry them into
 * reports or evidence.
 */
export const SECURITY_METADATA_KEYS = ['enable-oslogin', 'enable-oslogin-2fa', 'block-project-ssh-keys', 'serial-port-enable', 'serial-port-logging-enable'];

export function metadataItems(items: Array<{ key?: string | null; value?: string | null }> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items ?? []) if (item.key && SECURITY_METADATA_KEYS.includes(item.key)) out[item.key] = item.value ?? '';
  return out;
}

/** Reads an IAM policy's bindings from any of the clients' shapes. */
export function bindingsOf(policy: { bindings?: Array<{ role?: string | null; members?: string[] | null; condition?: { title?: string | null } | null }> | null } | null | undefined) {
  return (policy?.bindings ?? []).map((binding) => ({
    role: binding.role ?? '',
    members: binding.members ?? [],
    condition: binding.condition ? (binding.condition.title ?? 'condition') : null,
  }));
}
