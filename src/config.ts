/**
 * The only reader of the environment. `loadConfig(env)` validates everything at once and either
 * returns a typed Config or throws one ConfigError listing every problem and how to fix it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError, type ErrorDetail } from './errors.js';
import { parseKeyring } from './store/crypto.js';

export type Env = Record<string, string | undefined>;
export type Role = 'admin' | 'responder' | 'viewer';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type DatabaseConfig = { kind: 'postgres'; url: string; poolSize: number } | { kind: 'embedded'; dataDir: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  dataDir: string;
  /** The raw keyring (`v2:<b64>,v1:<b64>`), already validated; null means "not configured". */
  encryptionKeys: string | null;
  logLevel: LogLevel;
  /** Whether `serve` also runs the job workers (set false when separate `worker` processes do). */
  runWorkers: boolean;
  shutdownGraceMs: number;
  bodyLimit: string;
  defaultRole: Role;
  /** `slack:<user>`, `teams:<aad object id>`, `discord:<user>` */
  admins: string[];
  maintenanceCron: string;
  /** A channel (on any platform) receiving more new alerts than this from one scan gets one digest instead. */
  digestThreshold: number;
  /** null when Slack is not configured (neither a bot token nor OAuth credentials). */
  slack: SlackConfig | null;
  /** null when Teams is off (no MICROSOFT_APP_ID and TEAMS_ENABLED not set). */
  teams: TeamsConfig | null;
  /** null when Discord is off (no DISCORD_PUBLIC_KEY). */
  discord: DiscordConfig | null;
  /** The REST API's authentication and per-client rate limit. */
  api: ApiConfig;
  aws: {
    /** Where region discovery and global calls go (the SDK's AWS_REGION / AWS_DEFAULT_REGION). */
    defaultRegion: string;
    /** An endpoint override is set (AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_S3): S3 then needs path-style addressing. */
    endpointOverridden: boolean;
  };
  azure: AzureConfig;
  gcp: GcpConfig;
  github: GitHubConfig;
}

/** Where Azure's APIs are: the public cloud by default; sovereign clouds, Azure Stack and tests override. */
export interface AzureConfig {
  /** Azure Resource Manager, without a trailing slash; tokens are asked for `<endpoint>/.default`. */
  resourceManagerEndpoint: string;
  /** The Entra ID (login) host; null: the identity library's default (its own AZURE_AUTHORITY_HOST reading, else the public cloud). */
  authorityHost: string | null;
  /** Skip the authority's instance discovery (private clouds, Azure Stack, tests). */
  disableInstanceDiscovery: boolean;
}

export interface GcpConfig {
  /** STORAGE_EMULATOR_HOST: Cloud Storage's JSON API base, which the storage SDK also reads itself; null: Google's. */
  storageEmulatorHost: string | null;
  /** A base URL replacing `https://<service>.googleapis.com` for the other Google API clients; null: Google's. */
  apiEndpoint: string | null;
  /**
   * What `cloudsentinel scan gcp` uses without a stored integration: GOOGLE_APPLICATION_CREDENTIALS
   * (a service account key file) and the default project (GOOGLE_CLOUD_PROJECT).
   */
  ambient?: {
    keyFile: string | null;
    project: string | null;
    /**
     * Where `gcloud auth application-default login` writes its credentials: CLOUDSDK_CONFIG, else
     * ~/.config/gcloud (%APPDATA%\gcloud on Windows), then `application_default_credentials.json`;
     * absent when there is no home directory.
     */
    adcFile?: string;
    /** GCE_METADATA_HOST / GCE_METADATA_IP (`host[:port]`): the metadata server Google's libraries ask; absent: 169.254.169.254. */
    metadataHost?: string;
  };
}

export interface GitHubConfig {
  /** REST API base without a trailing slash (GitHub Enterprise Server: `https://HOST/api/v3`). */
  apiUrl: string;
  /** The GitHub App that integrations by installation id act through; null when not configured. */
  app: { appId: string; privateKey: string } | null;
  /** Verifies the App's webhook deliveries (`X-Hub-Signature-256`); with `app`, it turns on POST /github/webhooks. */
  webhookSecret?: string;
  /** GITHUB_TOKEN: the ambient token `cloudsentinel scan github` uses; null when not set. */
  token: string | null;
  /** GITHUB_PUBLIC_REPOSITORIES_ALLOWLIST: `owner/repo` (or `owner/*`) names that may be public. */
  publicRepositoriesAllowlist: string[];
}

export interface ApiConfig {
  /** HS256 secret for JWTs signed by an identity provider or gateway; null: HS256 tokens are refused. */
  jwtSecret: string | null;
  /** JWKS of an identity provider (RS256/ES256 JWTs); null: such tokens are refused. */
  jwksUrl: string | null;
  /** When set, a JWT must carry exactly this `iss` / `aud`. */
  jwtIssuer: string | null;
  jwtAudience: string | null;
  /** Requests per minute one client (API token, JWT subject, or IP address before authentication) may make. */
  rateLimitPerMinute: number;
}

export interface SlackConfig {
  signingSecret: string;
  /** Single-workspace mode: the bot token of the one workspace. */
  botToken: string | null;
  /** Multi-workspace mode (OAuth install): all three are set. */
  oauth: { clientId: string; clientSecret: string; stateSecret: string } | null;
  /** Web API base, ending in `/api/` (GovSlack, tests). */
  apiUrl: string;
}

export interface TeamsConfig {
  /** null: no authentication (the Bot Framework Emulator on a laptop); set, every request must carry a valid token. */
  appId: string | null;
  appPassword: string | null;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  appTenantId: string | null;
  /**
   * botbuilder's own configuration keys for other clouds and tests (ToBotFromChannelOpenIdMetadataUrl,
   * ToBotFromChannelTokenIssuer, ToChannelFromBotLoginUrl, ToChannelFromBotOAuthScope,
   * ToBotFromEmulatorOpenIdMetadataUrl, ValidateAuthority), passed to ConfigurationBotFrameworkAuthentication as set.
   */
  authOverrides: Record<string, string>;
}

export interface DiscordConfig {
  /** The application's Ed25519 public key (hex), which signs every interaction. */
  publicKey: string;
  botToken: string;
  applicationId: string;
  /** REST API base (tests: a local fake). */
  apiUrl: string;
}

/** botbuilder reads these from its configuration object under exactly these names. */
export const BOTFRAMEWORK_OVERRIDES = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ValidateAuthority',
] as const;

/** Every variable CloudSentinel reads, with its default and meaning; the README table is made from the same facts. */
export const ENV_DOCS: ReadonlyArray<{ name: string; default: string; description: string }> = [
  { name: 'PORT', default: '3000', description: 'HTTP port for every route (chat platforms, REST API, health, metrics).' },
  { name: 'HOST', default: '0.0.0.0', description: 'Interface to listen on.' },
  { name: 'DATABASE_URL', default: '(none: embedded database)', description: 'PostgreSQL connection URL. Without it CloudSentinel runs on an embedded PGlite database in CLOUDSENTINEL_DATA_DIR.' },
  { name: 'DATABASE_POOL_SIZE', default: '10', description: 'Connections per process (for the app; pg-boss keeps a pool of the same size).' },
  { name: 'CLOUDSENTINEL_DATA_DIR', default: './.cloudsentinel', description: 'Where the embedded database and its generated key live.' },
  { name: 'CLOUDSENTINEL_ENCRYPTION_KEYS', default: '(generated on the embedded database)', description: 'Keyring for stored credentials: `v2:<base64 32 bytes>,v1:<...>`; the first encrypts, all decrypt. Required with DATABASE_URL.' },
  { name: 'LOG_LEVEL', default: 'info', description: 'fatal, error, warn, info, debug, trace or silent (any case).' },
  { name: 'CLOUDSENTINEL_RUN_WORKERS', default: 'true', description: 'Run job workers inside `serve`. Set false when `cloudsentinel worker` processes do the work.' },
  { name: 'CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS', default: '25', description: 'On SIGTERM/SIGINT, how long in-flight requests and jobs may take to finish.' },
  { name: 'CLOUDSENTINEL_BODY_LIMIT', default: '1mb', description: 'Largest request body accepted.' },
  { name: 'CLOUDSENTINEL_DEFAULT_ROLE', default: 'responder', description: 'Role of a chat member with no role granted: admin, responder or viewer.' },
  { name: 'CLOUDSENTINEL_ADMINS', default: '(none)', description: 'Comma-separated admins: `slack:<user id>`, `teams:<aad object id>`, `discord:<user id>`.' },
  { name: 'CLOUDSENTINEL_MAINTENANCE_CRON', default: '*/5 * * * *', description: 'When maintenance runs (re-opening expired suppressions, ...), as cron in UTC.' },
  { name: 'SLACK_SIGNING_SECRET', default: '(none: Slack off)', description: 'The Slack app\'s signing secret; every request to /slack/events is verified with it. Needed for Slack.' },
  { name: 'SLACK_BOT_TOKEN', default: '(none)', description: 'Single-workspace mode: the bot token (`xoxb-…`) of the workspace the app is installed in.' },
  { name: 'SLACK_CLIENT_ID', default: '(none)', description: 'Multi-workspace mode: the app\'s client id, for the OAuth install at /slack/install.' },
  { name: 'SLACK_CLIENT_SECRET', default: '(none)', description: 'Multi-workspace mode: the app\'s client secret.' },
  { name: 'SLACK_STATE_SECRET', default: '(none)', description: 'Multi-workspace mode: a random secret that signs the OAuth state.' },
  { name: 'SLACK_API_URL', default: 'https://slack.com/api/', description: 'Slack Web API base (GovSlack: https://slack-gov.com/api/; tests: a local fake).' },
  { name: 'MICROSOFT_APP_ID', default: '(none)', description: 'Teams: the Azure Bot\'s app id. With it, every request to /api/messages must carry a Bot Framework token.' },
  { name: 'MICROSOFT_APP_PASSWORD', default: '(none)', description: 'Teams: the app\'s client secret (MultiTenant and SingleTenant).' },
  { name: 'MICROSOFT_APP_TYPE', default: 'MultiTenant', description: 'Teams: MultiTenant, SingleTenant or UserAssignedMSI.' },
  { name: 'MICROSOFT_APP_TENANT_ID', default: '(none)', description: 'Teams: the Entra tenant of a SingleTenant or UserAssignedMSI bot.' },
  { name: 'TEAMS_ENABLED', default: 'false', description: 'Turn Teams on without an app id, for the Bot Framework Emulator only (requests are not authenticated).' },
  { name: 'ToBotFromChannelOpenIdMetadataUrl', default: '(Bot Framework public cloud)', description: 'Teams, other clouds and tests: where the keys that sign incoming Bot Framework tokens are published (botbuilder\'s own setting).' },
  { name: 'ToBotFromChannelTokenIssuer', default: 'https://api.botframework.com', description: 'Teams, other clouds and tests: the issuer incoming tokens must carry (botbuilder\'s own setting).' },
  { name: 'ToChannelFromBotLoginUrl', default: '(Entra public cloud)', description: 'Teams, other clouds and tests: where the bot gets its tokens for replies (botbuilder\'s own setting).' },
  { name: 'ToChannelFromBotOAuthScope', default: 'https://api.botframework.com', description: 'Teams, other clouds and tests: the scope of the bot\'s reply tokens (botbuilder\'s own setting).' },
  { name: 'ToBotFromEmulatorOpenIdMetadataUrl', default: '(Entra public cloud)', description: 'Teams: the Emulator\'s token keys (botbuilder\'s own setting).' },
  { name: 'ValidateAuthority', default: 'true', description: 'Teams: whether the login authority is validated (botbuilder\'s own setting; false for private authorities in tests).' },
  { name: 'DISCORD_PUBLIC_KEY', default: '(none: Discord off)', description: 'Discord: the application\'s public key (hex); every interaction\'s Ed25519 signature is verified with it.' },
  { name: 'DISCORD_BOT_TOKEN', default: '(none)', description: 'Discord: the bot token, for posting and editing messages and registering commands.' },
  { name: 'DISCORD_APPLICATION_ID', default: '(none)', description: 'Discord: the application id.' },
  { name: 'DISCORD_API_URL', default: 'https://discord.com/api', description: 'Discord REST API base (tests: a local fake).' },
  { name: 'SLACK_DIGEST_THRESHOLD', default: '10', description: 'More new alerts than this for one channel (Slack, Teams or Discord) from one scan are posted as one digest.' },
  { name: 'JWT_SECRET', default: '(none: HS256 JWTs refused)', description: 'REST API: secret (at least 32 characters) that verifies HS256 JWT bearer tokens. Claims: `sub`, `tenant_id` (tenant id or slug), `role`.' },
  { name: 'JWT_JWKS_URL', default: '(none: RS256/ES256 JWTs refused)', description: 'REST API: JWKS URL of an identity provider whose RS256/ES256 JWTs are accepted as bearer tokens.' },
  { name: 'JWT_ISSUER', default: '(none: not checked)', description: 'REST API: the `iss` every JWT must carry.' },
  { name: 'JWT_AUDIENCE', default: '(none: not checked)', description: 'REST API: the `aud` every JWT must carry.' },
  { name: 'API_RATE_LIMIT_PER_MINUTE', default: '600', description: 'REST API: requests per minute per client (API token, JWT subject, or IP address); more are answered 429 with Retry-After.' },
  { name: 'AWS_REGION', default: 'us-east-1', description: 'Region for AWS calls that are not per-region (STS, region discovery); `AWS_DEFAULT_REGION` is read too.' },
  { name: 'AWS_ENDPOINT_URL', default: '(AWS)', description: 'SDK-native endpoint override for every AWS service (`AWS_ENDPOINT_URL_<SERVICE>` per service), for emulators and tests; S3 then uses path-style addressing.' },
  { name: 'AZURE_RESOURCE_MANAGER_ENDPOINT', default: 'https://management.azure.com', description: 'Azure Resource Manager (sovereign clouds: e.g. https://management.usgovcloudapi.net; tests: a local fake); access tokens are requested for `<endpoint>/.default`.' },
  { name: 'AZURE_AUTHORITY_HOST', default: 'https://login.microsoftonline.com', description: 'The Entra ID authority host (the identity library\'s own variable; sovereign clouds: e.g. https://login.microsoftonline.us). Must be https.' },
  { name: 'AZURE_DISABLE_INSTANCE_DISCOVERY', default: 'false', description: 'true skips the authority\'s instance discovery (private clouds, Azure Stack, tests).' },
  { name: 'STORAGE_EMULATOR_HOST', default: '(Google)', description: 'The Cloud Storage SDK\'s own override: its value is used verbatim as the JSON API base URL (emulators, tests).' },
  { name: 'GCP_API_ENDPOINT', default: '(Google)', description: 'Base URL replacing `https://<service>.googleapis.com` for the other Google API clients (Private Service Connect, emulators, tests).' },
  { name: 'GOOGLE_APPLICATION_CREDENTIALS', default: '(none)', description: '`scan gcp` without a stored integration: path to a service account JSON key (Google\'s own variable). Unset: gcloud\'s application default credentials (`$CLOUDSDK_CONFIG` or ~/.config/gcloud), else unauthenticated when an emulator endpoint is set, else the metadata server on Google Cloud (given 3 s to answer).' },
  { name: 'GOOGLE_CLOUD_PROJECT', default: '(the key\'s project)', description: '`scan gcp`: the project scanned when neither `--project` nor `--organization` is given.' },
  { name: 'GITHUB_API_URL', default: 'https://api.github.com', description: 'GitHub REST API base (GitHub Enterprise Server: `https://HOST/api/v3`; tests: a local fake).' },
  { name: 'GITHUB_APP_ID', default: '(none: App installations cannot connect)', description: 'The GitHub App\'s id; with GITHUB_APP_PRIVATE_KEY it lets integrations connect by `installation_id`.' },
  { name: 'GITHUB_APP_PRIVATE_KEY', default: '(none)', description: 'The GitHub App\'s private key (PEM; `\\n` escapes are turned into line breaks), or the PEM file base64-encoded.' },
  { name: 'GITHUB_TOKEN', default: '(none)', description: 'Token for `cloudsentinel scan github` (classic: `repo`, `read:org`; fine-grained: see README, "GitHub scanning"). Never logged.' },
  { name: 'GITHUB_PUBLIC_REPOSITORIES_ALLOWLIST', default: '(none: no repository may be public)', description: 'Comma-separated `owner/repo` (or `owner/*`) repositories that may be public without a `github-repo-public-not-allowlisted` finding.' },
  { name: 'GITHUB_WEBHOOK_SECRET', default: '(none: POST /github/webhooks off)', description: 'The GitHub App\'s webhook secret; with the App id and key it turns on POST /github/webhooks (signatures verified with it).' },
];

const boolean = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no']))
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const CRON = /^(\S+\s+){4}\S+$/;

/** Plain decimal integers only: `0x50` or `1e3` in a port number is a typo, not a value. */
const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const schema = z.object({
  PORT: integer(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: integer(1, 200).default(10),
  CLOUDSENTINEL_DATA_DIR: z.string().min(1).default('./.cloudsentinel'),
  CLOUDSENTINEL_ENCRYPTION_KEYS: z.string().trim().optional(),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => (v === 'warning' ? 'warn' : v))
    .pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }))
    .default('info'),
  CLOUDSENTINEL_RUN_WORKERS: boolean.default(true),
  CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'must be a number of seconds')
    .transform(Number)
    .pipe(z.number().max(3600, 'must be at most 3600'))
    .default(25),
  CLOUDSENTINEL_BODY_LIMIT: z
    .string()
    .trim()
    .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 512kb or 1mb')
    .default('1mb'),
  CLOUDSENTINEL_DEFAULT_ROLE: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['admin', 'responder', 'viewer'], { error: 'must be admin, responder or viewer' }))
    .default('responder'),
  CLOUDSENTINEL_ADMINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.every((a) => /^(slack|teams|discord):\S+$/.test(a)), 'each entry must be slack:<id>, teams:<id> or discord:<id>'),
  CLOUDSENTINEL_MAINTENANCE_CRON: z.string().trim().regex(CRON, 'must be a 5-field cron expression such as */5 * * * *').default('*/5 * * * *'),
  SLACK_SIGNING_SECRET: z.string().trim().optional(),
  SLACK_BOT_TOKEN: z.string().trim().regex(/^xox[a-z]-/, 'must be a Slack bot token (xoxb-…)').optional(),
  SLACK_CLIENT_ID: z.string().trim().optional(),
  SLACK_CLIENT_SECRET: z.string().trim().optional(),
  SLACK_STATE_SECRET: z.string().trim().optional(),
  SLACK_API_URL: z
    .url({ error: 'must be a URL such as https://slack.com/api/' })
    .transform((u) => (u.endsWith('/') ? u : `${u}/`))
    .default('https://slack.com/api/'),
  SLACK_DIGEST_THRESHOLD: z.string().trim().regex(/^\d+$/, 'must be a whole number').transform(Number).default(10),
  MICROSOFT_APP_ID: z.string().trim().optional(),
  MICROSOFT_APP_PASSWORD: z.string().trim().optional(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { error: 'must be MultiTenant, SingleTenant or UserAssignedMSI' }).default('MultiTenant'),
  MICROSOFT_APP_TENANT_ID: z.string().trim().optional(),
  TEAMS_ENABLED: boolean.default(false),
  ToBotFromChannelOpenIdMetadataUrl: z.url().optional(),
  ToBotFromChannelTokenIssuer: z.string().trim().optional(),
  ToChannelFromBotLoginUrl: z.url().optional(),
  ToChannelFromBotOAuthScope: z.string().trim().optional(),
  ToBotFromEmulatorOpenIdMetadataUrl: z.url().optional(),
  ValidateAuthority: z.enum(['true', 'false']).optional(),
  DISCORD_PUBLIC_KEY: z.string().trim().regex(/^[0-9a-fA-F]{64}$/, 'must be the 64 hex characters of the application\'s public key').optional(),
  DISCORD_BOT_TOKEN: z.string().trim().optional(),
  DISCORD_APPLICATION_ID: z.string().trim().regex(/^\d{5,25}$/, 'must be the numeric application id').optional(),
  DISCORD_API_URL: z
    .url({ error: 'must be a URL such as https://discord.com/api' })
    .transform((u) => u.replace(/\/+$/, ''))
    .default('https://discord.com/api'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters (256 bits) for HS256').optional(),
  JWT_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://idp.example.com/.well-known/jwks.json' }).optional(),
  JWT_ISSUER: z.string().trim().optional(),
  JWT_AUDIENCE: z.string().trim().optional(),
  API_RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000).default(600),
  AWS_REGION: z.string().trim().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'must be an AWS region such as us-east-1').optional(),
  AWS_DEFAULT_REGION: z.string().trim().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'must be an AWS region such as us-east-1').optional(),
  AWS_ENDPOINT_URL: z.url({ error: 'must be a URL such as http://localhost:4566' }).optional(),
  AWS_ENDPOINT_URL_S3: z.url({ error: 'must be a URL such as http://localhost:4566' }).optional(),
  AZURE_RESOURCE_MANAGER_ENDPOINT: z
    .url({ protocol: /^https$/, error: 'must be an https URL such as https://management.azure.com' })
    .transform((u) => u.replace(/\/+$/, ''))
    .default('https://management.azure.com'),
  AZURE_AUTHORITY_HOST: z
    .url({ protocol: /^https$/, error: 'must be an https URL such as https://login.microsoftonline.com' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  AZURE_DISABLE_INSTANCE_DISCOVERY: boolean.default(false),
  STORAGE_EMULATOR_HOST: z.string().trim().optional(),
  GOOGLE_APPLICATION_CREDENTIALS: z.string().trim().optional(),
  GOOGLE_CLOUD_PROJECT: z.string().trim().optional(),
  // Read (not documented as CloudSentinel settings) to find gcloud's application default credentials and the metadata server, as Google's libraries do.
  CLOUDSDK_CONFIG: z.string().trim().optional(),
  HOME: z.string().trim().optional(),
  APPDATA: z.string().trim().optional(),
  GCE_METADATA_HOST: z.string().trim().optional(),
  GCE_METADATA_IP: z.string().trim().optional(),
  GCP_API_ENDPOINT: z
    .url({ error: 'must be a URL such as https://private.googleapis.com' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  GITHUB_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.github.com' })
    .transform((u) => u.replace(/\/+$/, ''))
    .default('https://api.github.com'),
  GITHUB_APP_ID: z.string().trim().regex(/^\d+$/, 'must be the numeric App id').optional(),
  GITHUB_APP_PRIVATE_KEY: z
    .string()
    .transform((key) => pemOrBase64(key.trim()).replace(/\\n/g, '\n').trim())
    .refine((key) => /-----BEGIN (RSA )?PRIVATE KEY-----/.test(key), 'must be the App\'s PEM private key (-----BEGIN RSA PRIVATE KEY-----...)')
    .optional(),
  GITHUB_TOKEN: z.string().trim().optional(),
  GITHUB_PUBLIC_REPOSITORIES_ALLOWLIST: z
    .string()
    .transform((v) => v.split(',').map((name) => name.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[\w.-]+\/([\w.-]+|\*)$/, 'must list owner/repo or owner/* names, comma-separated')))
    .default([]),
  GITHUB_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters (GitHub suggests a random string with high entropy)').optional(),
});

/** A PEM as it is, or a base64-encoded PEM file decoded (some secret stores keep single-line values only). */
function pemOrBase64(value: string): string {
  if (value.includes('-----BEGIN')) return value;
  return /^[A-Za-z0-9+/=\s]+$/.test(value) ? Buffer.from(value, 'base64').toString('utf8') : value;
}

export class ConfigError extends AppError {
  constructor(details: ErrorDetail[]) {
    const lines = details.map((d) => `  - ${d.field ?? ''}: ${d.message}`);
    super('CONFIG_ERROR', `CloudSentinel cannot start: ${details.length} problem${details.length === 1 ? '' : 's'} in the configuration:\n${lines.join('\n')}`, {
      details,
      hint: 'Fix the variables above (see the configuration table in README.md) and start again.',
    });
    this.name = 'ConfigError';
  }
}

/** Empty (or blank) strings count as unset, the way shells and .env files usually mean them. */
function present(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
}

/** gcloud's application default credentials file, where gcloud itself keeps it. */
function gcloudAdcFile(v: { CLOUDSDK_CONFIG?: string | undefined; HOME?: string | undefined; APPDATA?: string | undefined }): string | undefined {
  const home = process.platform === 'win32' ? v.APPDATA : v.HOME && join(v.HOME, '.config');
  const dir = v.CLOUDSDK_CONFIG ?? (home ? join(home, 'gcloud') : undefined);
  return dir ? join(dir, 'application_default_credentials.json') : undefined;
}

/** `{ [key]: value }` when there is a value, `{}` otherwise: for optional settings that are simply absent when not set. */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

export function loadConfig(env: Env = process.env): Config {
  const parsed = schema.safeParse(present(env));
  const problems: ErrorDetail[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ code: 'CONFIG_ERROR', field: String(issue.path[0] ?? ''), message: issue.message });
    }
  }
  const keys = present(env).CLOUDSENTINEL_ENCRYPTION_KEYS;
  if (keys) {
    for (const message of parseKeyring(keys).problems) problems.push({ code: 'CONFIG_ERROR', field: 'CLOUDSENTINEL_ENCRYPTION_KEYS', message });
  }
  if (parsed.success) problems.push(...slackProblems(parsed.data), ...teamsProblems(parsed.data), ...discordProblems(parsed.data), ...githubProblems(parsed.data));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);

  const v = parsed.data;
  const dataDir = resolve(v.CLOUDSENTINEL_DATA_DIR);
  return {
    port: v.PORT,
    host: v.HOST,
    database: v.DATABASE_URL ? { kind: 'postgres', url: v.DATABASE_URL, poolSize: v.DATABASE_POOL_SIZE } : { kind: 'embedded', dataDir },
    dataDir,
    encryptionKeys: v.CLOUDSENTINEL_ENCRYPTION_KEYS ?? null,
    logLevel: v.LOG_LEVEL,
    runWorkers: v.CLOUDSENTINEL_RUN_WORKERS,
    shutdownGraceMs: Math.round(v.CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS * 1000),
    bodyLimit: v.CLOUDSENTINEL_BODY_LIMIT.toLowerCase(),
    defaultRole: v.CLOUDSENTINEL_DEFAULT_ROLE,
    admins: v.CLOUDSENTINEL_ADMINS,
    maintenanceCron: v.CLOUDSENTINEL_MAINTENANCE_CRON,
    digestThreshold: v.SLACK_DIGEST_THRESHOLD,
    slack: slackConfig(v),
    teams: teamsConfig(v),
    discord: discordConfig(v),
    api: {
      jwtSecret: v.JWT_SECRET ?? null,
      jwksUrl: v.JWT_JWKS_URL ?? null,
      jwtIssuer: v.JWT_ISSUER ?? null,
      jwtAudience: v.JWT_AUDIENCE ?? null,
      rateLimitPerMinute: v.API_RATE_LIMIT_PER_MINUTE,
    },
    aws: {
      defaultRegion: v.AWS_REGION ?? v.AWS_DEFAULT_REGION ?? 'us-east-1',
      endpointOverridden: Boolean(v.AWS_ENDPOINT_URL ?? v.AWS_ENDPOINT_URL_S3),
    },
    azure: {
      resourceManagerEndpoint: v.AZURE_RESOURCE_MANAGER_ENDPOINT,
      authorityHost: v.AZURE_AUTHORITY_HOST ?? null,
      disableInstanceDiscovery: v.AZURE_DISABLE_INSTANCE_DISCOVERY,
    },
    gcp: {
      storageEmulatorHost: v.STORAGE_EMULATOR_HOST ?? null,
      apiEndpoint: v.GCP_API_ENDPOINT ?? null,
      ambient: {
        keyFile: v.GOOGLE_APPLICATION_CREDENTIALS ?? null,
        project: v.GOOGLE_CLOUD_PROJECT ?? null,
        ...optional('adcFile', gcloudAdcFile(v)),
        ...optional('metadataHost', v.GCE_METADATA_HOST ?? v.GCE_METADATA_IP),
      },
    },
    github: {
      apiUrl: v.GITHUB_API_URL,
      app: v.GITHUB_APP_ID && v.GITHUB_APP_PRIVATE_KEY ? { appId: v.GITHUB_APP_ID, privateKey: v.GITHUB_APP_PRIVATE_KEY } : null,
      webhookSecret: v.GITHUB_WEBHOOK_SECRET,
      token: v.GITHUB_TOKEN ?? null,
      publicRepositoriesAllowlist: v.GITHUB_PUBLIC_REPOSITORIES_ALLOWLIST,
    },
  };
}

type Parsed = z.infer<typeof schema>;

/** Slack is on when it has a signing secret and a way to get tokens: a bot token, or OAuth credentials. */
function slackProblems(v: Parsed): ErrorDetail[] {
  const oauth = [v.SLACK_CLIENT_ID, v.SLACK_CLIENT_SECRET, v.SLACK_STATE_SECRET];
  const some = v.SLACK_BOT_TOKEN !== undefined || oauth.some((x) => x !== undefined);
  const problems: ErrorDetail[] = [];
  if (some && !v.SLACK_SIGNING_SECRET) problems.push({ code: 'CONFIG_ERROR', field: 'SLACK_SIGNING_SECRET', message: 'is required when Slack is configured (SLACK_BOT_TOKEN or SLACK_CLIENT_ID)' });
  if (oauth.some((x) => x !== undefined) && !oauth.every((x) => x !== undefined)) {
    problems.push({ code: 'CONFIG_ERROR', field: 'SLACK_CLIENT_ID', message: 'the OAuth install needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together' });
  }
  if (v.SLACK_SIGNING_SECRET && !some) {
    problems.push({ code: 'CONFIG_ERROR', field: 'SLACK_BOT_TOKEN', message: 'Slack needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SECRET/STATE_SECRET (OAuth install)' });
  }
  return problems;
}

function slackConfig(v: Parsed): SlackConfig | null {
  if (!v.SLACK_SIGNING_SECRET) return null;
  const { SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret, SLACK_STATE_SECRET: stateSecret } = v;
  return {
    signingSecret: v.SLACK_SIGNING_SECRET,
    botToken: v.SLACK_BOT_TOKEN ?? null,
    oauth: clientId && clientSecret && stateSecret ? { clientId, clientSecret, stateSecret } : null,
    apiUrl: v.SLACK_API_URL,
  };
}

function teamsProblems(v: Parsed): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!v.MICROSOFT_APP_ID) return problems;
  if (v.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !v.MICROSOFT_APP_PASSWORD) {
    problems.push({ code: 'CONFIG_ERROR', field: 'MICROSOFT_APP_PASSWORD', message: `is required for a ${v.MICROSOFT_APP_TYPE} bot` });
  }
  if (v.MICROSOFT_APP_TYPE !== 'MultiTenant' && !v.MICROSOFT_APP_TENANT_ID) {
    problems.push({ code: 'CONFIG_ERROR', field: 'MICROSOFT_APP_TENANT_ID', message: `is required for a ${v.MICROSOFT_APP_TYPE} bot` });
  }
  return problems;
}

function teamsConfig(v: Parsed): TeamsConfig | null {
  if (!v.MICROSOFT_APP_ID && !v.TEAMS_ENABLED) return null;
  return {
    appId: v.MICROSOFT_APP_ID ?? null,
    appPassword: v.MICROSOFT_APP_PASSWORD ?? null,
    appType: v.MICROSOFT_APP_TYPE,
    appTenantId: v.MICROSOFT_APP_TENANT_ID ?? null,
    authOverrides: Object.fromEntries(BOTFRAMEWORK_OVERRIDES.flatMap((key) => (v[key] ? [[key, v[key]]] : []))),
  };
}

function discordProblems(v: Parsed): ErrorDetail[] {
  if (!v.DISCORD_PUBLIC_KEY) return [];
  const problems: ErrorDetail[] = [];
  if (!v.DISCORD_BOT_TOKEN) problems.push({ code: 'CONFIG_ERROR', field: 'DISCORD_BOT_TOKEN', message: 'is required when Discord is on (DISCORD_PUBLIC_KEY is set)' });
  if (!v.DISCORD_APPLICATION_ID) problems.push({ code: 'CONFIG_ERROR', field: 'DISCORD_APPLICATION_ID', message: 'is required when Discord is on (DISCORD_PUBLIC_KEY is set)' });
  return problems;
}

/** The App needs its id and its key together; one alone is a half-finished setup. */
function githubProblems(v: Parsed): ErrorDetail[] {
  if (v.GITHUB_WEBHOOK_SECRET && !v.GITHUB_APP_ID) {
    return [{ code: 'CONFIG_ERROR', field: 'GITHUB_APP_ID', message: 'GITHUB_WEBHOOK_SECRET is set, but the webhooks need the App: set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY too' }];
  }
  if (Boolean(v.GITHUB_APP_ID) === Boolean(v.GITHUB_APP_PRIVATE_KEY)) return [];
  const missing = v.GITHUB_APP_ID ? 'GITHUB_APP_PRIVATE_KEY' : 'GITHUB_APP_ID';
  return [{ code: 'CONFIG_ERROR', field: missing, message: 'the GitHub App needs GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY together' }];
}

function discordConfig(v: Parsed): DiscordConfig | null {
  if (!v.DISCORD_PUBLIC_KEY || !v.DISCORD_BOT_TOKEN || !v.DISCORD_APPLICATION_ID) return null;
  return { publicKey: v.DISCORD_PUBLIC_KEY.toLowerCase(), botToken: v.DISCORD_BOT_TOKEN, applicationId: v.DISCORD_APPLICATION_ID, apiUrl: v.DISCORD_API_URL };
}

export type Provider = 'aws' | 'azure' | 'gcp' | 'github';

/**
 * A provider's credentials as its own tools name them in the environment, in the integration
 * guide's shape (`integrations add --from-env`). Returns the problems when something is missing.
 */
export function providerCredentialsFromEnv(provider: Provider, env: Env = process.env): { credentials: Record<string, unknown>; missing: string[] } {
  const e = present(env);
  const pick = (entries: Record<string, string | undefined>) => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
  switch (provider) {
    case 'aws': {
      const credentials = pick({
        access_key_id: e.AWS_ACCESS_KEY_ID,
        secret_access_key: e.AWS_SECRET_ACCESS_KEY,
        session_token: e.AWS_SESSION_TOKEN,
        region: e.AWS_REGION ?? e.AWS_DEFAULT_REGION,
        role_arn: e.AWS_ROLE_ARN,
        external_id: e.AWS_EXTERNAL_ID,
      });
      const hasKeys = credentials.access_key_id && credentials.secret_access_key;
      return { credentials, missing: hasKeys || credentials.role_arn ? [] : ['AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_ROLE_ARN)'] };
    }
    case 'azure': {
      const credentials = pick({
        tenant_id: e.AZURE_TENANT_ID,
        client_id: e.AZURE_CLIENT_ID,
        client_secret: e.AZURE_CLIENT_SECRET,
        subscription_id: e.AZURE_SUBSCRIPTION_ID,
      });
      const missing = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_SUBSCRIPTION_ID'].filter((name) => !e[name]);
      return { credentials, missing };
    }
    case 'gcp': {
      const missing: string[] = [];
      const keyFile = e.GOOGLE_APPLICATION_CREDENTIALS;
      let serviceAccountKey: unknown;
      if (!keyFile) missing.push('GOOGLE_APPLICATION_CREDENTIALS (path to a service account JSON key)');
      else {
        try {
          serviceAccountKey = JSON.parse(readFileSync(keyFile, 'utf8'));
        } catch {
          missing.push(`GOOGLE_APPLICATION_CREDENTIALS: ${keyFile} is not a readable JSON key file`);
        }
      }
      const projectFromKey = (serviceAccountKey as { project_id?: string } | undefined)?.project_id;
      const projectId = e.GOOGLE_CLOUD_PROJECT ?? e.CLOUDSDK_CORE_PROJECT ?? projectFromKey;
      if (!projectId && missing.length === 0) missing.push('GOOGLE_CLOUD_PROJECT');
      const credentials: Record<string, unknown> = pick({ project_id: projectId });
      if (serviceAccountKey) credentials.service_account_key = serviceAccountKey;
      return { credentials, missing };
    }
    case 'github': {
      const credentials = pick({ token: e.GITHUB_TOKEN ?? e.GH_TOKEN, username: e.GITHUB_USERNAME, organization: e.GITHUB_ORG });
      return { credentials, missing: credentials.token ? [] : ['GITHUB_TOKEN'] };
    }
  }
}

/**
 * The AWS SDK prints a nine-line warning on every run under Node 20: its releases from 2027 on
 * will need Node 22. That concerns whoever upgrades the SDK version this package pins, not someone
 * running a scan, so the program turns it off unless the variable is set (to anything but `true`
 * it shows the warning again). See README, "Quick start".
 */
export function quietAwsSdkNodeNotice(env: Env = process.env): void {
  env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
}
