/**
 * REST API tokens. The token is shown once, at creation; the table keeps only its SHA-256, so a
 * database dump yields no usable token. A plain hash suffices (no salt or slow KDF) because the
 * token is 256 random bits, not a guessable password.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { preparedPerExecutor, type Executor } from './db.js';
import { apiTokens } from './schema.js';

export type ApiToken = typeof apiTokens.$inferSelect;
/** What leaves the store: everything but the hash. */
export type ApiTokenInfo = Omit<ApiToken, 'tokenHash'>;
type Role = ApiToken['role'];

/** The prefix lets secret scanners recognise a leaked token. */
const TOKEN_PREFIX = 'cst_';

const infoColumns = {
  id: apiTokens.id,
  tenantId: apiTokens.tenantId,
  name: apiTokens.name,
  role: apiTokens.role,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

/** What the table keeps of a token (SHA-256, hex). */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createApiToken(
  executor: Executor,
  input: { tenantId: string; name: string; role: Role },
): Promise<{ token: string; row: ApiTokenInfo }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const [row] = await executor
    .insert(apiTokens)
    .values({ ...input, tokenHash: hashApiToken(token) })
    .returning(infoColumns);
  return { token, row: row as ApiTokenInfo };
}

/** How often a token's last use is written: `tokens list` shows it give or take this much. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const liveTokenByHash = preparedPerExecutor((executor) =>
  executor
    .select(infoColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sql.placeholder('tokenHash')), isNull(apiTokens.revokedAt)))
    .prepare('live_api_token_by_hash'),
);

const liveTokensById = preparedPerExecutor((executor) =>
  executor
    .select(infoColumns)
    .from(apiTokens)
    .where(and(sql`${apiTokens.id} = any(${sql.placeholder('ids')}::uuid[])`, isNull(apiTokens.revokedAt)))
    .prepare('live_api_tokens_by_id'),
);

/**
 * Records the use of these tokens, at most once a minute each (so admins can spot stale tokens):
 * an UPDATE on every request would queue each client's requests on that one row's lock and commit.
 */
async function recordUse(executor: Executor, rows: ApiTokenInfo[], now: Date): Promise<ApiTokenInfo[]> {
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  const due = rows.filter((row) => !row.lastUsedAt || row.lastUsedAt < stale).map((row) => row.id);
  if (due.length === 0) return rows;
  // Conditional, so concurrent requests that all saw a stale time write it once between them.
  await executor
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(inArray(apiTokens.id, due), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))));
  return rows.map((row) => (due.includes(row.id) ? { ...row, lastUsedAt: now } : row));
}

/** The live token matching `token`, or null; its use is recorded (see recordUse). */
export async function findApiToken(executor: Executor, token: string, now = new Date()): Promise<ApiTokenInfo | null> {
  const rows = await liveTokenByHash(executor).execute({ tokenHash: hashApiToken(token) });
  const [row] = await recordUse(executor, rows, now);
  return row ?? null;
}

/**
 * Which of these tokens are still live (not revoked, not deleted with their tenant), in one query
 * for many requests' tokens at once; their use is recorded (see recordUse).
 */
export async function liveApiTokens(executor: Executor, ids: string[], now = new Date()): Promise<ApiTokenInfo[]> {
  if (ids.length === 0) return [];
  return recordUse(executor, await liveTokensById(executor).execute({ ids }), now);
}

export async function listApiTokens(executor: Executor, tenantId: string): Promise<ApiTokenInfo[]> {
  return executor.select(infoColumns).from(apiTokens).where(eq(apiTokens.tenantId, tenantId)).orderBy(asc(apiTokens.createdAt));
}

/**
 * True when a live token of this tenant was revoked now. Scoped by tenant so that an admin of one
 * tenant cannot revoke another tenant's token by guessing or copying its id.
 */
export async function revokeApiToken(executor: Executor, tenantId: string, id: string): Promise<boolean> {
  const revoked = await executor
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.tenantId, tenantId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length > 0;
}
