/**
 * Credentials for a scan: the SDK's default chain (CLI scans: env, profile, SSO, instance role), or
 * a stored integration's access keys, or a role assumed through STS with its external id — the
 * recommended setup, since CloudSentinel then holds no long-lived key of the scanned account.
 */
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { parseCredentials } from '../../../integrations/credentials.js';

export interface ResolvedAwsCredentials {
  /** Undefined: let the SDK's default chain find them. */
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
  /** The integration's home region, when it names one. */
  region: string | undefined;
}

export function awsCredentialsFrom(stored: Record<string, unknown> | null, defaultRegion: string): ResolvedAwsCredentials {
  if (!stored) return { credentials: undefined, region: undefined };
  const parsed = parseCredentials('aws', stored);
  const keys: AwsCredentialIdentity | undefined =
    'access_key_id' in parsed
      ? { accessKeyId: parsed.access_key_id, secretAccessKey: parsed.secret_access_key, ...(parsed.session_token ? { sessionToken: parsed.session_token } : {}) }
      : undefined;
  if (!parsed.role_arn) return { credentials: keys, region: parsed.region };
  const assumed = fromTemporaryCredentials({
    params: {
      RoleArn: parsed.role_arn,
      RoleSessionName: 'cloudsentinel-scan',
      DurationSeconds: 3600,
      ...(parsed.external_id ? { ExternalId: parsed.external_id } : {}),
    },
    ...(keys ? { masterCredentials: keys } : {}),
    clientConfig: { region: parsed.region ?? defaultRegion },
  });
  return { credentials: assumed, region: parsed.region };
}

/** Who the stored credentials act as, for the account's shared request budget: the role, else the access key, else the ambient chain. */
export function awsPrincipalOf(stored: Record<string, unknown> | null): string {
  if (!stored) return 'ambient';
  const role = stored.role_arn;
  if (typeof role === 'string' && role) return role;
  const key = stored.access_key_id;
  return typeof key === 'string' && key ? key : 'ambient';
}
