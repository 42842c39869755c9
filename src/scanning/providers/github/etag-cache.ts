/**
 * Conditional requests on rescans. GitHub answers a GET with an `ETag`; asking again with
 * `If-None-Match` gets `304 Not Modified` when nothing changed, and a 304 does not count against the
 * primary rate limit. The cache keeps the last 200 answer per principal and URL in this process, so a
 * rescan of an unchanged organization makes the same requests but spends (almost) none of the
 * hourly budget: only the answers without an ETag (204 No Content of vulnerability-alerts, 404s)
 * still count.
 *
 * Keys name the principal by a hash (never the token itself), so two tokens never share answers.
 * The cache is bounded (least recently used out first) and lives as long as the process.
 */
import { createHash } from 'node:crypto';
import type { GitHubClient } from './clients.js';
import type { GitHubRequestStats } from './request-stats.js';

interface Cached {
  etag: string;
  response: { status: number; url: string; headers: Record<string, string | number | undefined>; data: unknown };
}

export class EtagCache {
  private readonly entries = new Map<string, Cached>();

  constructor(private readonly maxEntries = 20_000) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Cached | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Refresh its place in the LRU order.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: Cached): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The process-wide cache the scanners share by default. */
export const sharedEtagCache = new EtagCache();

/** A cache key for a principal that does not contain its secret. */
export function principalKey(principal: string): string {
  return createHash('sha256').update(principal).digest('hex').slice(0, 24);
}

function isNotModified(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 304;
}

/**
 * Makes every GET of `octokit` conditional on what `cache` holds for (principal, URL), answering a
 * 304 from the cache. Register after the plugins, so a 304 is seen once (it is not retried anyway).
 */
export function installEtagCache(octokit: GitHubClient, cache: EtagCache, principal: string, stats?: GitHubRequestStats): void {
  const prefix = principalKey(principal);
  octokit.hook.wrap('request', async (request, options) => {
    const parsed = octokit.request.endpoint.parse(options);
    if (parsed.method !== 'GET') return request(options);
    const key = `${prefix} ${parsed.url}`;
    const cached = cache.get(key);
    // before-after-hook calls the inner hooks with the options it was given, not with what a wrap
    // passes on, so the header goes onto this request's own (per-request, merged) options.
    if (cached) options.headers['if-none-match'] = cached.etag;
    try {
      const response = await request(options);
      const etag = response.headers.etag;
      if (response.status === 200 && typeof etag === 'string' && etag) {
        // Copies in and out: octokit.paginate rewrites the data of namespaced lists (/installation/repositories) in place.
        cache.set(key, { etag, response: { status: response.status, url: response.url, headers: { ...response.headers }, data: structuredClone(response.data as unknown) } });
      }
      return response;
    } catch (error) {
      if (cached && isNotModified(error)) {
        if (stats) stats.notModified += 1;
        return { ...cached.response, headers: { ...cached.response.headers }, data: structuredClone(cached.response.data) };
      }
      throw error;
    }
  });
}
