/**
 * "Do these AWS credentials work?" — one STS GetCallerIdentity, timed, with the failure sorted into
 * what the operator has to fix: the credentials, their permissions, the network, or patience.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CONNECTION_ATTEMPTS, CONNECTION_BASE_DELAY_MS, CONNECTION_REQUEST_TIMEOUT_MS, connectionFailed, connectionSucceeded, type ConnectionTest, type FailureClass } from '../../connection.js';
import { createAwsClients, type AwsClientOptions } from './clients.js';
import { awsCredentialsFrom } from './credentials.js';
import { awsErrorCode, describeAwsError } from './errors.js';

const AUTHENTICATION = ['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException', 'UnrecognizedClientException', 'InvalidAccessKeyId', 'CredentialsProviderError', 'IncompleteSignature'];
const AUTHORIZATION = ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess'];
const THROTTLED = ['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'SlowDown'];
const NETWORK = ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'TimeoutError', 'RequestTimeout', 'NetworkingError'];

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
  options: Pick<AwsClientOptions, 'endpointOverridden' | 'endpoint' | 'httpAgent' | 'rateLimit'> & { defaultRegion: string; now?: () => Date; retryBaseDelayMs?: number },
): Promise<ConnectionTest> {
  const { credentials, region } = awsCredentialsFrom(stored, options.defaultRegion);
  // The integration guide's policy (scanning/connection.ts), through the SDK's own retry middleware:
  // three retries backing off from 1 s for throttling and transient faults, none for rejected credentials.
  const clients = createAwsClients({
    ...options,
    credentials,
    region: region ?? options.defaultRegion,
    maxAttempts: CONNECTION_ATTEMPTS,
    retry: { maxTransientAttempts: CONNECTION_ATTEMPTS, baseDelayMs: options.retryBaseDelayMs ?? CONNECTION_BASE_DELAY_MS },
    requestTimeoutMs: CONNECTION_REQUEST_TIMEOUT_MS,
  });
  const started = performance.now();
  const checkedAt = (options.now?.() ?? new Date()).toISOString();
  try {
    const identity = await clients.sts().send(new GetCallerIdentityCommand({}));
    return connectionSucceeded({ started, checkedAt, service: 'STS', metadata: { account_id: identity.Account ?? '', arn: identity.Arn ?? '', region: region ?? options.defaultRegion } });
  } catch (error) {
    return connectionFailed({ started, checkedAt, failure: classifyAwsError(error), message: describeAwsError(error), metadata: { region: region ?? options.defaultRegion } });
  } finally {
    clients.destroy();
  }
}
