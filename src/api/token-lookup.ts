/**
 * API token lookup for every request. store/api-tokens.ts `findApiToken` records each use with an
 * UPDATE, which under load makes every request of one client queue on that one row's lock and
 * commit (measured: ~400 req/s on PostgreSQL). Here the token is read, and its last use is written
 * at most once a minute, so `tokens list` still shows when a token was last used, give or take a
 * minute, and a revocation still takes effect on the very next request. The hash is the store's
 * (SHA-256 hex of the token; see api-tokens.ts). Candidate to move into the store.
 */
import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../store/db.js';
import type { ApiTokenInfo } from '../store/api-tokens.js';
import { apiTokens } from '../store/schema.js';

export const LAST_USED_RESOLUTION_MS = 60_000;

const columns = {
  id: apiTokens.id,
  tenantId: apiTokens.tenantId,
  name: apiTokens.name,
  role: apiTokens.role,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

export async function lookupApiToken(executor: Executor, token: string, now: Date): Promise<ApiTokenInfo | null> {
  const tokenHash = createHash('sha256').update(token, 'utf8').digest('hex');
  const [row] = await executor
    .select(columns)
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests that all saw a stale time write it once between them.
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await executor
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))));
  }
  return row;
}
