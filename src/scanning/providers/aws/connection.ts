/**
 * "Do these AWS credentials work?" — one STS GetCallerIdentity, timed, with the failure sorted into
 * what the operator has to fix: the credentials, their permissions, the network, or patience.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { ConnectionTest, FailureClass } from '../../connection.js';
import { createAwsClients, type AwsClientOptions } from './clients.js';
import { awsCredentialsFrom } from './credentials.js';
import { awsErrorCode, describeAwsError } from './errors.js';

const AUTHENTICATION = ['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException', 'UnrecognizedClientException', 'InvalidAccessKeyId', 'CredentialsProviderError', 'IncompleteSignature'];
const AUTHORIZATION = ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess'];
const THROTTLED = ['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'SlowDown'];
const NETWORK = ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'TimeoutError', 'RequestTimeout', 'NetworkingError'];
/** The first try and three retries. */
const CONNECTION_ATTEMPTS = 4;
/** Answers slower than this mean the connection works but something is off. */
const SLOW_MS = 3000;

export function classifyAwsError(error: unknown): FailureClass {
  const code = awsErrorCode(error);
  if (AUTHENTICATION.includes(code)) return 'authentication';
  if (AUTHORIZATION.includes(code)) return 'authorization';
  if (THROTTLED.includes(code)) return 'throttled';
  if (NETWORK.includes(code)) return 'network';
  return 'unknown';
}

export async function testAwsConnection(
  stored: Record<string, unknown> | null,
  options: Pick<AwsClientOptions, 'endpointOverridden' | 'endpoint' | 'httpAgent'> & { defaultRegion: string; now?: () => Date; retryBaseDelayMs?: number },
): Promise<ConnectionTest> {
  const { credentials, region } = awsCredentialsFrom(stored, options.defaultRegion);
  // The integration guide's policy: three retries backing off from 1 s (1, 2, 4 s windows, full
  // jitter) for throttling and transient faults; authentication and permission errors are not retried.
  const clients = createAwsClients({
    ...options,
    credentials,
    region: region ?? options.defaultRegion,
    maxAttempts: CONNECTION_ATTEMPTS,
    retry: { maxTransientAttempts: CONNECTION_ATTEMPTS, baseDelayMs: options.retryBaseDelayMs ?? 1000 },
    requestTimeoutMs: 10_000,
  });
  const started = performance.now();
  const checkedAt = (options.now?.() ?? new Date()).toISOString();
  try {
    const identity = await clients.sts().send(new GetCallerIdentityCommand({}));
    const responseTimeMs = Math.round((performance.now() - started) * 10) / 10;
    return {
      status: responseTimeMs > SLOW_MS ? 'degraded' : 'healthy',
      responseTimeMs,
      errorMessage: responseTimeMs > SLOW_MS ? `STS answered slowly (${Math.round(responseTimeMs)} ms)` : null,
      failure: null,
      checkedAt,
      metadata: { account_id: identity.Account ?? '', arn: identity.Arn ?? '', region: region ?? options.defaultRegion },
    };
  } catch (error) {
    const failure = classifyAwsError(error);
    return {
      status: failure === 'throttled' ? 'degraded' : failure === 'unknown' ? 'unknown' : 'unhealthy',
      responseTimeMs: Math.round((performance.now() - started) * 10) / 10,
      errorMessage: describeAwsError(error),
      failure,
      checkedAt,
      metadata: { region: region ?? options.defaultRegion },
    };
  } finally {
    clients.destroy();
  }
}
