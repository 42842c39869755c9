/**
 * Who we are: STS GetCallerIdentity gives the account id and, from the caller's ARN, the partition.
 * It is the one call a scan cannot do without, so its failure is the one error collectAws throws —
 * sorted into what the operator has to fix.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { AppError } from '../../../errors.js';
import type { AwsClients } from './clients.js';
import { awsErrorCode, describeAwsError } from './errors.js';

export interface CallerIdentity {
  accountId: string;
  /** `aws`, `aws-us-gov`, `aws-cn` */
  partition: string;
  arn: string;
}

const INVALID = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException', 'InvalidAccessKeyId', 'IncompleteSignature', 'AuthFailure']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const HINT = 'Set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run `aws sso login`; on AWS, attach a role to the instance or task.';

export function credentialsError(error: unknown): AppError {
  const code = awsErrorCode(error);
  const detail = describeAwsError(error);
  if (code === 'CredentialsProviderError') {
    return new AppError('AUTHENTICATION_ERROR', `No AWS credentials found: ${detail}`, { hint: HINT, cause: error });
  }
  if (EXPIRED.has(code)) {
    return new AppError('AUTHENTICATION_ERROR', `The AWS credentials have expired (${detail})`, { hint: 'Refresh them (e.g. `aws sso login`) and run the scan again.', cause: error });
  }
  if (INVALID.has(code)) {
    return new AppError('AUTHENTICATION_ERROR', `The AWS credentials are invalid (${detail})`, { hint: HINT, cause: error });
  }
  return new AppError('PROVIDER_ERROR', `Could not identify the AWS account with STS GetCallerIdentity (${detail})`, {
    hint: 'Check network access to STS, or the endpoint override if one is set.',
    cause: error,
  });
}

export async function getCallerIdentity(clients: AwsClients): Promise<CallerIdentity> {
  let out;
  try {
    out = await clients.sts().send(new GetCallerIdentityCommand({}));
  } catch (error) {
    throw credentialsError(error);
  }
  const arn = out.Arn ?? '';
  const partition = arn.split(':')[1] || 'aws';
  if (!out.Account) throw new AppError('PROVIDER_ERROR', 'STS GetCallerIdentity returned no account id');
  return { accountId: out.Account, partition, arn };
}
