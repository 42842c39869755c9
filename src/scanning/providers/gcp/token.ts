/**
 * OAuth access tokens for a service account key: a JWT signed with the key's private key,
 * exchanged at the key's `token_uri` (RFC 7523 JWT bearer grant), as Google's own Python and Go
 * libraries do. google-auth-library for Node always posts to oauth2.googleapis.com whatever the key
 * says, so a key issued for a Private Service Connect token endpoint — or a local fake — would
 * not work through it; its OAuth2Client still carries the token (see clients.ts).
 */
import { importPKCS8, SignJWT } from 'jose';
import { CONNECTION_REQUEST_TIMEOUT_MS, retryAfterMs } from '../../connection.js';

export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
/** Read-only: CloudSentinel looks, it never changes anything. */
export const READ_ONLY_SCOPES = ['https://www.googleapis.com/auth/cloud-platform.read-only'];

export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
  project_id?: string;
}

/** The token endpoint refused or failed; `error` is OAuth's code (`invalid_grant`, ...). */
export class GcpTokenError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`${error}${description ? `: ${description}` : ''} (HTTP ${status})`);
    this.name = 'GcpTokenError';
  }
}

/** The key's private key cannot be used to sign (malformed, not PKCS#8). */
export class GcpKeyError extends Error {
  constructor() {
    super('the service account key\'s private_key is not a usable PKCS#8 RSA key');
    this.name = 'GcpKeyError';
  }
}

export interface AccessToken {
  access_token: string;
  /** Epoch milliseconds. */
  expiry_date: number;
}

export async function exchangeServiceAccountKey(key: ServiceAccountKey, scopes: readonly string[], options: { timeoutMs?: number } = {}): Promise<AccessToken> {
  const tokenUri = key.token_uri ?? GOOGLE_TOKEN_URI;
  let signingKey: Awaited<ReturnType<typeof importPKCS8>>;
  try {
    signingKey = await importPKCS8(key.private_key, 'RS256');
  } catch {
    throw new GcpKeyError();
  }
  const assertion = await new SignJWT({ scope: scopes.join(' ') })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) })
    .setIssuer(key.client_email)
    .setAudience(tokenUri)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(signingKey);
  const response = await fetch(tokenUri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
    signal: AbortSignal.timeout(options.timeoutMs ?? CONNECTION_REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): the status says enough, and the page is not repeated.
  }
  if (!response.ok || typeof body.access_token !== 'string') {
    const error = typeof body.error === 'string' ? body.error : response.ok ? 'invalid_response' : 'token_request_failed';
    const description = typeof body.error_description === 'string' ? body.error_description : '';
    throw new GcpTokenError(response.status, error, description, retryAfterMs(response.headers.get('retry-after')));
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
  return { access_token: body.access_token, expiry_date: Date.now() + expiresIn * 1000 };
}
