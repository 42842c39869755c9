/**
 * REST API tokens. The token is shown once, at creation; the table keeps only its SHA-256, so a
 * database dump yields no usable token. A plain hash suffices (no salt or slow KDF) because the
 * token is 256 random bits, not a guessable password.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from './db.js';
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

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createApiToken(
  executor: Executor,
  input: { tenantId: string; name: string; role: Role },
): Promise<{ token: string; row: ApiTokenInfo }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const [row] = await executor
    .insert(apiTokens)
    .values({ ...input, tokenHash: hashToken(token) })
    .returning(infoColumns);
  return { token, row: row as ApiTokenInfo };
}

/** The live token matching `token`, or null; records the use, so admins can spot stale tokens. */
export async function findApiToken(executor: Executor, token: string): Promise<ApiTokenInfo | null> {
  const [row] = await executor
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .returning(infoColumns);
  return row ?? null;
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
