/**
 * What a collector gets for one subscription: its clients, a memo so that a list several parts
 * start from (the vaults for keys and secrets, the SQL servers for rules, auditing, admins and
 * databases) is asked for once per scan, and how to describe a failed call (with Azure's own error).
 */
import type { AzureSubscriptionClients } from '../clients.js';
import { describeAzureError } from '../errors.js';
import type { AzureResource, Collected, PerResource } from '../snapshot.js';

export interface SubscriptionContext {
  subscriptionId: string;
  clients: AzureSubscriptionClients;
  /** The first call's promise for `key`; later calls share it (and its failure). */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** The reason a failed part or child records: `<Code>: <message> (HTTP <status>)`. */
  describeError: (error: unknown) => string;
}

export function createSubscriptionContext(
  subscriptionId: string,
  clients: AzureSubscriptionClients,
  describeError: (error: unknown) => string = (error) => describeAzureError(error),
): SubscriptionContext {
  const memo = new Map<string, Promise<unknown>>();
  return {
    subscriptionId,
    clients,
    describeError,
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      let promise = memo.get(key) as Promise<T> | undefined;
      if (!promise) {
        promise = load();
        memo.set(key, promise);
      }
      return promise;
    },
  };
}

export function ok<T>(value: T): Collected<T> {
  return { ok: true, value };
}

/** Runs `fn`; whatever it throws becomes `{ ok: false, error }` — the scan goes on. */
export async function attempt<T>(fn: () => Promise<T>, describe: (error: unknown) => string = (error) => describeAzureError(error)): Promise<Collected<T>> {
  try {
    return ok(await fn());
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}

/** Every item of a paged list: the SDK's iterator follows nextLink to the last page. */
export async function listAll<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pages) items.push(item);
  return items;
}

/** One child call per resource, each with its own outcome. Concurrency is bounded by the clients. */
export function perResource<R, T>(ctx: Pick<SubscriptionContext, 'describeError'>, resources: readonly R[], fn: (resource: R) => Promise<T>): Promise<Array<PerResource<R, T>>> {
  return Promise.all(resources.map(async (resource) => ({ resource, value: await attempt(() => fn(resource), ctx.describeError) })));
}

/** `rg-prod` from `/subscriptions/.../resourceGroups/rg-prod/providers/...`. */
export function resourceGroupOf(id: string): string {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? '';
}

interface RawResource {
  id?: string;
  name?: string;
  location?: string;
  tags?: Record<string, string>;
}

/** The common fields of an ARM resource; the id is required (a resource without one cannot be reported). */
export function resourceOf(raw: RawResource): AzureResource {
  const id = raw.id ?? '';
  return { id, name: raw.name ?? id.split('/').at(-1) ?? '', resourceGroup: resourceGroupOf(id), location: raw.location ?? 'global', tags: { ...raw.tags } };
}

/** A date the SDK gives as a Date, or seconds since the epoch (Key Vault key attributes), as ISO. */
export function isoDate(value: Date | number | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
