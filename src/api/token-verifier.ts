/**
 * API token verification for every request, without a token lookup per request and without
 * weakening revocation: a revoked token is refused from the next request on, whichever process
 * revoked it.
 *
 * A token seen before is remembered (by its hash: the token itself is not kept) with its id, tenant
 * and role, which never change. What can change is whether it is still live (revoked, or deleted
 * with its tenant), and that is asked of the database for every request — but once for all the
 * requests waiting at that moment (store/fresh-reads.ts): a request waits for a liveness check that
 * started after it arrived, so the check sees every revocation committed before the request came in.
 * Under load one small query then answers for many requests (the measured cost of a lookup each was
 * most of a request's database time); a lone request costs one check, as a lookup did.
 *
 * Each check also records the tokens' last use, at most once a minute (see store/api-tokens.ts).
 */
import type { ApiTokenInfo } from '../store/api-tokens.js';
import { findApiToken, hashApiToken, liveApiTokens } from '../store/api-tokens.js';
import type { Executor } from '../store/db.js';
import { freshReads } from '../store/fresh-reads.js';

/** Tokens remembered at most; past it the longest-known is forgotten (and looked up again if it comes back). */
const MAX_REMEMBERED = 10_000;

export interface ApiTokenVerifier {
  /** The live token, or null when it is unknown, revoked or deleted. */
  verify(token: string): Promise<ApiTokenInfo | null>;
}

export function createApiTokenVerifier(db: Executor, clock: () => Date = () => new Date()): ApiTokenVerifier {
  const known = new Map<string, ApiTokenInfo>();
  const checkLive = freshReads(async (ids: string[]) => new Map((await liveApiTokens(db, ids, clock())).map((row) => [row.id, row])));

  function remember(hash: string, token: ApiTokenInfo): void {
    if (known.size >= MAX_REMEMBERED) {
      const oldest = known.keys().next();
      if (!oldest.done) known.delete(oldest.value);
    }
    known.set(hash, token);
  }

  return {
    async verify(token) {
      const hash = hashApiToken(token);
      const seen = known.get(hash);
      if (!seen) {
        const found = await findApiToken(db, token, clock());
        if (found) remember(hash, found);
        return found;
      }
      const live = await checkLive(seen.id);
      if (!live) {
        known.delete(hash);
        return null;
      }
      return live;
    },
  };
}
