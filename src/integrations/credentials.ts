/**
 * Credentials per provider, in the integration guide's shapes (plus AWS role assumption and GitHub
 * App installations). Validation errors name the field but never echo a value.
 */
import { z } from 'zod';
import type { Provider } from '../config.js';
import { AppError, type ErrorDetail } from '../errors.js';

const awsRegion = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'must be an AWS region such as us-east-1');

export const awsCredentials = z.union([
  z.strictObject({
    access_key_id: z.string().regex(/^(AKIA|ASIA)[A-Z0-9]{12,124}$/, 'must be an AWS access key id (AKIA... or ASIA...)'),
    secret_access_key: z.string().min(16, 'is too short to be an AWS secret access key'),
    session_token: z.string().min(1).optional(),
    region: awsRegion.default('us-east-1'),
    role_arn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'must be an IAM role ARN').optional(),
    external_id: z.string().min(2).max(1224).optional(),
  }),
  // No keys: the role is assumed from the server's own (ambient) credentials.
  z.strictObject({
    role_arn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'must be an IAM role ARN'),
    external_id: z.string().min(2).max(1224).optional(),
    region: awsRegion.default('us-east-1'),
  }),
]);

const serviceAccountKey = z.looseObject({
  type: z.literal('service_account', { error: 'must be a service account key (type "service_account")' }),
  project_id: z.string().min(1),
  private_key: z.string().includes('PRIVATE KEY', { message: 'must hold a PEM private key' }),
  client_email: z.string().includes('@', { message: 'must be the service account e-mail' }),
  // Where the key's OAuth tokens come from (Google's, or a Private Service Connect endpoint): https only.
  token_uri: z.url({ protocol: /^https$/, error: 'must be an https URL such as https://oauth2.googleapis.com/token' }).optional(),
});

export const gcpCredentials = z.strictObject({
  service_account_key: z.union([
    serviceAccountKey,
    z
      .string()
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be the service account JSON key (object or JSON text)' });
          return z.NEVER;
        }
      })
      .pipe(serviceAccountKey),
  ]),
  project_id: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'must be a GCP project id'),
});

const uuidLike = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

export const azureCredentials = z.strictObject({
  tenant_id: uuidLike,
  client_id: uuidLike,
  client_secret: z.string().min(1, 'is required'),
  subscription_id: uuidLike,
});

export const githubCredentials = z.union([
  z.strictObject({
    token: z.string().min(10, 'is too short to be a GitHub token'),
    username: z.string().min(1).optional(),
    organization: z.string().min(1).optional(),
  }),
  z.strictObject({
    installation_id: z.coerce.number().int().positive(),
    organization: z.string().min(1).optional(),
  }),
]);

export const CREDENTIAL_SCHEMAS = {
  aws: awsCredentials,
  gcp: gcpCredentials,
  azure: azureCredentials,
  github: githubCredentials,
} as const;

export type ProviderCredentials = {
  aws: z.infer<typeof awsCredentials>;
  gcp: z.infer<typeof gcpCredentials>;
  azure: z.infer<typeof azureCredentials>;
  github: z.infer<typeof githubCredentials>;
};

/** zod reports a union's failure once per branch; keep the branch that got furthest. */
function issuesOf(error: z.ZodError): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const issue of error.issues) {
    const nested = issue.code === 'invalid_union' ? issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best)) : [issue];
    for (const inner of nested) {
      const field = [...(issue.code === 'invalid_union' ? issue.path : []), ...inner.path].map(String).join('.') || 'credentials';
      const message = inner.code === 'unrecognized_keys' ? `unknown field(s): ${inner.keys.join(', ')}` : inner.message;
      const key = `${field}:${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      details.push({ code: 'VALIDATION_ERROR', field: field === 'credentials' ? field : `credentials.${field}`, message });
    }
  }
  return details;
}

export function parseCredentials<P extends Provider>(provider: P, input: unknown): ProviderCredentials[P] {
  const result = CREDENTIAL_SCHEMAS[provider].safeParse(input);
  if (result.success) return result.data as ProviderCredentials[P];
  throw new AppError('VALIDATION_ERROR', `The ${provider} credentials are not valid.`, { details: issuesOf(result.error) });
}
