import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, ENV_DOCS, loadConfig, providerCredentialsFromEnv, type Env } from '../src/config.js';
import { AppError } from '../src/errors.js';
import { parseCredentials } from '../src/integrations/credentials.js';

/** Every variable loadConfig reads; each test below sets them through this list's names. */
const CONFIG_VARIABLES = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'CLOUDSENTINEL_DATA_DIR',
  'CLOUDSENTINEL_ENCRYPTION_KEYS',
  'LOG_LEVEL',
  'CLOUDSENTINEL_RUN_WORKERS',
  'CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS',
  'CLOUDSENTINEL_BODY_LIMIT',
  'CLOUDSENTINEL_DEFAULT_ROLE',
  'CLOUDSENTINEL_ADMINS',
  'CLOUDSENTINEL_MAINTENANCE_CRON',
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_API_URL',
  'SLACK_DIGEST_THRESHOLD',
  'MICROSOFT_APP_ID',
  'MICROSOFT_APP_PASSWORD',
  'MICROSOFT_APP_TYPE',
  'MICROSOFT_APP_TENANT_ID',
  'TEAMS_ENABLED',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ValidateAuthority',
  'DISCORD_PUBLIC_KEY',
  'DISCORD_BOT_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_API_URL',
  'JWT_SECRET',
  'JWT_JWKS_URL',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'API_RATE_LIMIT_PER_MINUTE',
  'AWS_REGION',
  'AWS_ENDPOINT_URL',
  'AZURE_RESOURCE_MANAGER_ENDPOINT',
  'AZURE_AUTHORITY_HOST',
  'AZURE_DISABLE_INSTANCE_DISCOVERY',
  'STORAGE_EMULATOR_HOST',
  'GCP_API_ENDPOINT',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'GOOGLE_CLOUD_PROJECT',
  'GITHUB_API_URL',
  'GITHUB_APP_ID',
  'GITHUB_APP_PRIVATE_KEY',
  'GITHUB_WEBHOOK_SECRET',
  'GITHUB_TOKEN',
  'GITHUB_PUBLIC_REPOSITORIES_ALLOWLIST',
] as const;
type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

const key = (version: string) => `${version}:${randomBytes(32).toString('base64')}`;

function configErrorOf(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

function fieldsOf(error: ConfigError): string[] {
  return [...new Set(error.details.map((d) => d.field ?? ''))].sort();
}

/** The fields a configuration is refused for, in order; [] when it is accepted. */
function problemFields(env: Env): Array<string | undefined> {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.details.map((d) => d.field) : ['not a ConfigError'];
  }
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      database: { kind: 'embedded', dataDir: resolve('./.cloudsentinel') },
      dataDir: resolve('./.cloudsentinel'),
      encryptionKeys: null,
      logLevel: 'info',
      runWorkers: true,
      shutdownGraceMs: 25_000,
      bodyLimit: '1mb',
      defaultRole: 'responder',
      admins: [],
      maintenanceCron: '*/5 * * * *',
      digestThreshold: 10,
      slack: null,
      teams: null,
      discord: null,
      api: { jwtSecret: null, jwksUrl: null, jwtIssuer: null, jwtAudience: null, rateLimitPerMinute: 600 },
      aws: { defaultRegion: 'us-east-1', endpointOverridden: false },
      azure: { resourceManagerEndpoint: 'https://management.azure.com', authorityHost: null, disableInstanceDiscovery: false },
      gcp: { storageEmulatorHost: null, apiEndpoint: null, ambient: { keyFile: null, project: null } },
      github: { apiUrl: 'https://api.github.com', app: null, token: null, publicRepositoriesAllowlist: [] },
    });
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ SOMETHING_ELSE: 'x', AWS_SECRET_ACCESS_KEY: 'y' }).port).toBe(3000);
  });

  it('parses every variable', () => {
    const keys = `${key('v2')},${key('v1')}`;
    const env: Record<ConfigVariable, string> = {
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://cs:secret@db.internal:5432/cloudsentinel',
      DATABASE_POOL_SIZE: '25',
      CLOUDSENTINEL_DATA_DIR: 'var/cloudsentinel',
      CLOUDSENTINEL_ENCRYPTION_KEYS: keys,
      LOG_LEVEL: 'debug',
      CLOUDSENTINEL_RUN_WORKERS: 'false',
      CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS: '7.5',
      CLOUDSENTINEL_BODY_LIMIT: '512KB',
      CLOUDSENTINEL_DEFAULT_ROLE: 'viewer',
      CLOUDSENTINEL_ADMINS: ' slack:U123 , teams:9f8e7d6c-aaaa-bbbb-cccc-0123456789ab,,discord:42 ',
      CLOUDSENTINEL_MAINTENANCE_CRON: '0 * * * *',
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_CLIENT_ID: '111.222',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret',
      SLACK_API_URL: 'https://slack-gov.com/api',
      SLACK_DIGEST_THRESHOLD: '25',
      MICROSOFT_APP_ID: '00000000-1111-2222-3333-444444444444',
      MICROSOFT_APP_PASSWORD: 'app-password',
      MICROSOFT_APP_TYPE: 'SingleTenant',
      MICROSOFT_APP_TENANT_ID: 'contoso.onmicrosoft.com',
      TEAMS_ENABLED: 'true',
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.us',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us',
      ToChannelFromBotOAuthScope: 'https://api.botframework.us',
      ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration',
      ValidateAuthority: 'false',
      DISCORD_PUBLIC_KEY: 'AB'.repeat(32),
      DISCORD_BOT_TOKEN: 'discord-bot-token',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
      JWT_SECRET: 'j'.repeat(32),
      JWT_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json',
      JWT_ISSUER: 'https://idp.example.com/',
      JWT_AUDIENCE: 'cloudsentinel',
      API_RATE_LIMIT_PER_MINUTE: '120',
      AWS_REGION: 'eu-central-1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://management.chinacloudapi.cn',
      AZURE_AUTHORITY_HOST: 'https://login.chinacloudapi.cn',
      AZURE_DISABLE_INSTANCE_DISCOVERY: 'yes',
      STORAGE_EMULATOR_HOST: 'http://127.0.0.1:4443',
      GCP_API_ENDPOINT: 'http://127.0.0.1:4444',
      GOOGLE_APPLICATION_CREDENTIALS: '/etc/cloudsentinel/gcp-key.json',
      GOOGLE_CLOUD_PROJECT: 'acme-prod-123',
      GITHUB_API_URL: 'http://127.0.0.1:4445',
      GITHUB_APP_ID: '987',
      GITHUB_APP_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
      GITHUB_WEBHOOK_SECRET: 'webhook-secret-0123456789',
      GITHUB_TOKEN: 'ghp_0123456789abcdef',
      GITHUB_PUBLIC_REPOSITORIES_ALLOWLIST: 'acme/docs, acme-oss/*',
    };
    const config = loadConfig(env);
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      database: { kind: 'postgres', url: 'postgres://cs:secret@db.internal:5432/cloudsentinel', poolSize: 25 },
      dataDir: resolve('var/cloudsentinel'),
      encryptionKeys: keys,
      logLevel: 'debug',
      runWorkers: false,
      shutdownGraceMs: 7500,
      bodyLimit: '512kb',
      defaultRole: 'viewer',
      admins: ['slack:U123', 'teams:9f8e7d6c-aaaa-bbbb-cccc-0123456789ab', 'discord:42'],
      maintenanceCron: '0 * * * *',
      digestThreshold: 25,
      slack: {
        signingSecret: 'signing-secret',
        botToken: 'xoxb-1-2-3',
        oauth: { clientId: '111.222', clientSecret: 'client-secret', stateSecret: 'state-secret' },
        apiUrl: 'https://slack-gov.com/api/',
      },
      teams: {
        appId: '00000000-1111-2222-3333-444444444444',
        appPassword: 'app-password',
        appType: 'SingleTenant',
        appTenantId: 'contoso.onmicrosoft.com',
        authOverrides: {
          ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
          ToBotFromChannelTokenIssuer: 'https://api.botframework.us',
          ToChannelFromBotLoginUrl: 'https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us',
          ToChannelFromBotOAuthScope: 'https://api.botframework.us',
          ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration',
          ValidateAuthority: 'false',
        },
      },
      discord: { publicKey: 'ab'.repeat(32), botToken: 'discord-bot-token', applicationId: '123456789012345678', apiUrl: 'http://127.0.0.1:9999/api' },
      api: {
        jwtSecret: 'j'.repeat(32),
        jwksUrl: 'https://idp.example.com/.well-known/jwks.json',
        jwtIssuer: 'https://idp.example.com/',
        jwtAudience: 'cloudsentinel',
        rateLimitPerMinute: 120,
      },
      aws: { defaultRegion: 'eu-central-1', endpointOverridden: true },
      azure: { resourceManagerEndpoint: 'https://management.chinacloudapi.cn', authorityHost: 'https://login.chinacloudapi.cn', disableInstanceDiscovery: true },
      gcp: { storageEmulatorHost: 'http://127.0.0.1:4443', apiEndpoint: 'http://127.0.0.1:4444', ambient: { keyFile: '/etc/cloudsentinel/gcp-key.json', project: 'acme-prod-123' } },
      github: { apiUrl: 'http://127.0.0.1:4445', app: { appId: '987', privateKey: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----' }, webhookSecret: 'webhook-secret-0123456789', token: 'ghp_0123456789abcdef', publicRepositoriesAllowlist: ['acme/docs', 'acme-oss/*'] },
    });
    expect(isAbsolute(config.dataDir)).toBe(true);
  });

  it('turns Teams on with an app id (or TEAMS_ENABLED for the Emulator) and Discord with its public key, refusing what cannot work', () => {
    expect(loadConfig({ TEAMS_ENABLED: 'true' }).teams).toEqual({ appId: null, appPassword: null, appType: 'MultiTenant', appTenantId: null, authOverrides: {} });
    expect(loadConfig({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw' }).teams).toMatchObject({ appId: 'app', appType: 'MultiTenant' });
    expect(problemFields({ MICROSOFT_APP_ID: 'app' })).toEqual(['MICROSOFT_APP_PASSWORD']);
    expect(problemFields({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'SingleTenant' })).toEqual(['MICROSOFT_APP_TENANT_ID']);
    expect(problemFields({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: 't' })).toEqual([]);
    expect(problemFields({ DISCORD_PUBLIC_KEY: 'ab'.repeat(32) })).toEqual(['DISCORD_BOT_TOKEN', 'DISCORD_APPLICATION_ID']);
    expect(problemFields({ DISCORD_PUBLIC_KEY: 'not-hex', DISCORD_BOT_TOKEN: 't', DISCORD_APPLICATION_ID: '123456' })).toEqual(['DISCORD_PUBLIC_KEY']);
    expect(loadConfig({}).discord).toBeNull();
  });

  it('refuses a Slack setup that cannot work, naming what is missing', () => {
    expect(problemFields({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual(['SLACK_SIGNING_SECRET']);
    expect(problemFields({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'id' })).toEqual(['SLACK_CLIENT_ID']);
    expect(problemFields({ SLACK_SIGNING_SECRET: 's' })).toEqual(['SLACK_BOT_TOKEN']);
    expect(loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' }).slack).toMatchObject({ botToken: 'xoxb-1', oauth: null, apiUrl: 'https://slack.com/api/' });
  });

  it('accepts postgresql:// URLs and keeps an absolute data directory as given', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://localhost/cs', CLOUDSENTINEL_DATA_DIR: '/srv/cs' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://localhost/cs', poolSize: 10 });
    expect(config.dataDir).toBe('/srv/cs');
  });

  it.each([
    ['DEBUG', 'debug'],
    ['Info', 'info'],
    ['WARN', 'warn'],
    ['WARNING', 'warn'],
    ['warning', 'warn'],
    [' error ', 'error'],
    ['FATAL', 'fatal'],
    ['trace', 'trace'],
    ['Silent', 'silent'],
  ])('reads LOG_LEVEL=%j as %s', (value, expected) => {
    expect(loadConfig({ LOG_LEVEL: value }).logLevel).toBe(expected);
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    [' yes ', true],
    ['1', true],
    ['false', false],
    ['False', false],
    ['no', false],
    ['0', false],
  ])('reads CLOUDSENTINEL_RUN_WORKERS=%j as %s', (value, expected) => {
    expect(loadConfig({ CLOUDSENTINEL_RUN_WORKERS: value }).runWorkers).toBe(expected);
  });

  it('turns the shutdown grace period from seconds into milliseconds', () => {
    expect(loadConfig({ CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS: '0' }).shutdownGraceMs).toBe(0);
    expect(loadConfig({ CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS: '60' }).shutdownGraceMs).toBe(60_000);
  });

  it('accepts each role as the default role', () => {
    for (const role of ['admin', 'responder', 'viewer'] as const) expect(loadConfig({ CLOUDSENTINEL_DEFAULT_ROLE: role }).defaultRole).toBe(role);
  });

  it('treats empty strings as unset', () => {
    const empty = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, '']));
    expect(loadConfig(empty)).toEqual(loadConfig({}));
    expect(loadConfig({ DATABASE_URL: '', CLOUDSENTINEL_ENCRYPTION_KEYS: '' })).toMatchObject({ database: { kind: 'embedded' }, encryptionKeys: null });
  });

  it('reports several bad values in ONE ConfigError that names every variable', () => {
    const error = configErrorOf({ PORT: 'abc', LOG_LEVEL: 'loud', CLOUDSENTINEL_DEFAULT_ROLE: 'god', CLOUDSENTINEL_ENCRYPTION_KEYS: 'v1:short' });
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.name).toBe('ConfigError');
    for (const name of ['PORT', 'LOG_LEVEL', 'CLOUDSENTINEL_DEFAULT_ROLE', 'CLOUDSENTINEL_ENCRYPTION_KEYS']) expect(error.message).toContain(name);
    expect(error.message).toMatch(/4 problems/);
    expect(fieldsOf(error)).toEqual(['CLOUDSENTINEL_DEFAULT_ROLE', 'CLOUDSENTINEL_ENCRYPTION_KEYS', 'LOG_LEVEL', 'PORT']);
    expect(error.details.every((d) => d.code === 'CONFIG_ERROR' && d.message.length > 0)).toBe(true);
    expect(error.hint).toMatch(/README/);
    // The keyring problem says what is wrong without echoing the key material.
    expect(error.details.find((d) => d.field === 'CLOUDSENTINEL_ENCRYPTION_KEYS')?.message).toMatch(/32 bytes/);
  });

  it('rejects a bad value of every validated variable at once', () => {
    const bad: Partial<Record<ConfigVariable, string>> = {
      PORT: '70000',
      DATABASE_URL: 'mysql://localhost/cs',
      DATABASE_POOL_SIZE: '0',
      CLOUDSENTINEL_ENCRYPTION_KEYS: 'not-a-keyring',
      LOG_LEVEL: 'loud',
      CLOUDSENTINEL_RUN_WORKERS: 'maybe',
      CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS: 'soon',
      CLOUDSENTINEL_BODY_LIMIT: 'lots',
      CLOUDSENTINEL_DEFAULT_ROLE: 'god',
      CLOUDSENTINEL_ADMINS: 'slack:U1,bob',
      CLOUDSENTINEL_MAINTENANCE_CRON: '* *',
    };
    const error = configErrorOf(bad);
    expect(fieldsOf(error)).toEqual(Object.keys(bad).sort());
    for (const name of Object.keys(bad)) expect(error.message).toMatch(new RegExp(`- ${name}: \\S`));
  });

  it.each([
    ['PORT', 'abc', /number/],
    ['PORT', '3000.5', /whole number/],
    ['PORT', '65536', /65535/],
    ['DATABASE_POOL_SIZE', 'many', /number/],
    ['CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS', '-1', /./],
    ['CLOUDSENTINEL_ENCRYPTION_KEYS', `${key('v1')},${key('v1')}`, /twice/],
    ['CLOUDSENTINEL_ENCRYPTION_KEYS', 'v1:short', /32 bytes/],
    ['CLOUDSENTINEL_MAINTENANCE_CRON', 'every five minutes', /cron/],
  ])('rejects %s=%j with a message that says why', (name, value, why) => {
    const error = configErrorOf({ [name]: value });
    expect(fieldsOf(error)).toEqual([name]);
    expect(error.details[0]?.message).toMatch(why);
  });
});

describe('ENV_DOCS', () => {
  it('documents exactly the variables loadConfig reads, each once, with a default and a description', () => {
    const names = ENV_DOCS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...CONFIG_VARIABLES].sort());
    for (const doc of ENV_DOCS) {
      expect(doc.default, doc.name).not.toBe('');
      expect(doc.description, doc.name).not.toBe('');
    }
  });

  it('documents the defaults loadConfig applies', () => {
    const defaults = Object.fromEntries(ENV_DOCS.map((d) => [d.name, d.default]));
    const config = loadConfig({});
    expect(defaults.PORT).toBe(String(config.port));
    expect(defaults.HOST).toBe(config.host);
    expect(defaults.LOG_LEVEL).toBe(config.logLevel);
    expect(defaults.CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS).toBe(String(config.shutdownGraceMs / 1000));
    expect(defaults.CLOUDSENTINEL_BODY_LIMIT).toBe(config.bodyLimit);
    expect(defaults.CLOUDSENTINEL_DEFAULT_ROLE).toBe(config.defaultRole);
    expect(defaults.CLOUDSENTINEL_MAINTENANCE_CRON).toBe(config.maintenanceCron);
    expect(defaults.AWS_REGION).toBe(config.aws.defaultRegion);
    expect(defaults.AZURE_RESOURCE_MANAGER_ENDPOINT).toBe(config.azure.resourceManagerEndpoint);
    expect(defaults.AZURE_DISABLE_INSTANCE_DISCOVERY).toBe(String(config.azure.disableInstanceDiscovery));
    expect(defaults.GITHUB_API_URL).toBe(config.github.apiUrl);
    expect(defaults.API_RATE_LIMIT_PER_MINUTE).toBe(String(config.api.rateLimitPerMinute));
    expect(resolve(defaults.CLOUDSENTINEL_DATA_DIR ?? '')).toBe(config.dataDir);
  });
});

describe('providerCredentialsFromEnv', () => {
  const tempDir = mkdtempSync(join(tmpdir(), 'cloudsentinel-config-'));
  afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

  describe('aws', () => {
    it('reads access keys, session token and region in the guide shape', () => {
      const result = providerCredentialsFromEnv('aws', {
        AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: SECRET,
        AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLE',
        AWS_REGION: 'eu-west-1',
        AWS_DEFAULT_REGION: 'us-west-2',
      });
      expect(result).toEqual({
        credentials: { access_key_id: 'ASIAIOSFODNN7EXAMPLE', secret_access_key: SECRET, session_token: 'FwoGZXIvYXdzEXAMPLE', region: 'eu-west-1' },
        missing: [],
      });
      expect(() => parseCredentials('aws', result.credentials)).not.toThrow();
    });

    it('falls back to AWS_DEFAULT_REGION and leaves out what is not set', () => {
      const result = providerCredentialsFromEnv('aws', { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET, AWS_DEFAULT_REGION: 'us-west-2', AWS_SESSION_TOKEN: '' });
      expect(result).toEqual({ credentials: { access_key_id: 'AKIAIOSFODNN7EXAMPLE', secret_access_key: SECRET, region: 'us-west-2' }, missing: [] });
    });

    it('accepts a role to assume without keys', () => {
      const result = providerCredentialsFromEnv('aws', { AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/CloudSentinelAudit', AWS_EXTERNAL_ID: 'ext-1234' });
      expect(result).toEqual({ credentials: { role_arn: 'arn:aws:iam::123456789012:role/CloudSentinelAudit', external_id: 'ext-1234' }, missing: [] });
      expect(() => parseCredentials('aws', result.credentials)).not.toThrow();
    });

    it('reports missing keys', () => {
      expect(providerCredentialsFromEnv('aws', {}).missing).toEqual([expect.stringMatching(/AWS_ACCESS_KEY_ID.*AWS_SECRET_ACCESS_KEY/)]);
      expect(providerCredentialsFromEnv('aws', { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' }).missing).toHaveLength(1);
      expect(providerCredentialsFromEnv('aws', { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: '' }).missing).toHaveLength(1);
    });
  });

  describe('azure', () => {
    const full = {
      AZURE_TENANT_ID: '11111111-2222-3333-4444-555555555555',
      AZURE_CLIENT_ID: '66666666-7777-8888-9999-000000000000',
      AZURE_CLIENT_SECRET: 'azure-client-secret-value',
      AZURE_SUBSCRIPTION_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    };

    it('reads the service principal and subscription', () => {
      const result = providerCredentialsFromEnv('azure', full);
      expect(result).toEqual({
        credentials: { tenant_id: full.AZURE_TENANT_ID, client_id: full.AZURE_CLIENT_ID, client_secret: full.AZURE_CLIENT_SECRET, subscription_id: full.AZURE_SUBSCRIPTION_ID },
        missing: [],
      });
      expect(() => parseCredentials('azure', result.credentials)).not.toThrow();
    });

    it('names each missing variable (an empty one counts as missing)', () => {
      expect(providerCredentialsFromEnv('azure', {}).missing).toEqual(['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_SUBSCRIPTION_ID']);
      expect(providerCredentialsFromEnv('azure', { ...full, AZURE_CLIENT_SECRET: '', AZURE_SUBSCRIPTION_ID: undefined }).missing).toEqual(['AZURE_CLIENT_SECRET', 'AZURE_SUBSCRIPTION_ID']);
    });
  });

  describe('gcp', () => {
    const serviceAccountKey = {
      type: 'service_account',
      project_id: 'acme-security-prod',
      private_key_id: 'abc123',
      private_key: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n',
      client_email: 'cloudsentinel@acme-security-prod.iam.gserviceaccount.com',
    };
    const keyFile = join(tempDir, 'service-account.json');
    writeFileSync(keyFile, JSON.stringify(serviceAccountKey), { mode: 0o600 });

    it('reads the key file named by GOOGLE_APPLICATION_CREDENTIALS and takes the project from it', () => {
      const result = providerCredentialsFromEnv('gcp', { GOOGLE_APPLICATION_CREDENTIALS: keyFile });
      expect(result).toEqual({ credentials: { service_account_key: serviceAccountKey, project_id: 'acme-security-prod' }, missing: [] });
      expect(() => parseCredentials('gcp', result.credentials)).not.toThrow();
    });

    it('prefers GOOGLE_CLOUD_PROJECT, then CLOUDSDK_CORE_PROJECT, to the key file project', () => {
      expect(providerCredentialsFromEnv('gcp', { GOOGLE_APPLICATION_CREDENTIALS: keyFile, GOOGLE_CLOUD_PROJECT: 'other-project-1', CLOUDSDK_CORE_PROJECT: 'sdk-project-1' }).credentials.project_id).toBe('other-project-1');
      expect(providerCredentialsFromEnv('gcp', { GOOGLE_APPLICATION_CREDENTIALS: keyFile, CLOUDSDK_CORE_PROJECT: 'sdk-project-1' }).credentials.project_id).toBe('sdk-project-1');
    });

    it('reports an unset variable, an unreadable file and a key with no project', () => {
      expect(providerCredentialsFromEnv('gcp', {}).missing).toEqual([expect.stringMatching(/^GOOGLE_APPLICATION_CREDENTIALS/)]);

      const absent = join(tempDir, 'absent.json');
      const unreadable = providerCredentialsFromEnv('gcp', { GOOGLE_APPLICATION_CREDENTIALS: absent });
      expect(unreadable.missing).toEqual([expect.stringContaining(absent)]);
      expect(unreadable.credentials).not.toHaveProperty('service_account_key');

      const notJson = join(tempDir, 'not-json.json');
      writeFileSync(notJson, 'this is not json');
      expect(providerCredentialsFromEnv('gcp', { GOOGLE_APPLICATION_CREDENTIALS: notJson }).missing).toEqual([expect.stringMatching(/not a readable JSON key file/)]);

      const { project_id: _project, ...withoutProject } = serviceAccountKey;
      const noProject = join(tempDir, 'no-project.json');
      writeFileSync(noProject, JSON.stringify(withoutProject));
      expect(providerCredentialsFromEnv('gcp', { GOOGLE_APPLICATION_CREDENTIALS: noProject }).missing).toEqual(['GOOGLE_CLOUD_PROJECT']);
    });
  });

  describe('github', () => {
    it('reads the token, username and organization', () => {
      const result = providerCredentialsFromEnv('github', { GITHUB_TOKEN: 'ghp_0123456789abcdefghij', GITHUB_USERNAME: 'octocat', GITHUB_ORG: 'acme' });
      expect(result).toEqual({ credentials: { token: 'ghp_0123456789abcdefghij', username: 'octocat', organization: 'acme' }, missing: [] });
      expect(() => parseCredentials('github', result.credentials)).not.toThrow();
    });

    it('falls back to GH_TOKEN, the GitHub CLI name', () => {
      expect(providerCredentialsFromEnv('github', { GH_TOKEN: 'gho_0123456789abcdefghij' })).toEqual({ credentials: { token: 'gho_0123456789abcdefghij' }, missing: [] });
    });

    it('reports a missing token', () => {
      expect(providerCredentialsFromEnv('github', { GITHUB_ORG: 'acme', GITHUB_TOKEN: '' }).missing).toEqual(['GITHUB_TOKEN']);
    });
  });
});

describe('strict values', () => {
  it('treats blank values as unset, rejects hex or exponent numbers, and accepts a role in any case', () => {
    expect(loadConfig({ PORT: '   ', CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS: ' ' })).toMatchObject({ port: 3000, shutdownGraceMs: 25_000 });
    expect(() => loadConfig({ PORT: '0x50' })).toThrow(/PORT: must be a whole number/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '1e3' })).toThrow(/DATABASE_POOL_SIZE: must be a whole number/);
    expect(loadConfig({ CLOUDSENTINEL_DEFAULT_ROLE: 'Viewer' }).defaultRole).toBe('viewer');
    expect(loadConfig({ CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS: '2.5' }).shutdownGraceMs).toBe(2500);
  });
});

describe('README', () => {
  it('documents every variable CloudSentinel reads, with its default', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const doc of ENV_DOCS) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${doc.name}\` |`));
      expect(row, `README configuration table row for ${doc.name}`).toBeDefined();
      expect(row).toContain(doc.default.split(' ')[0]);
    }
  });
});

describe('REST API settings', () => {
  it('refuses a short JWT secret, a JWKS URL that is not http(s) and a zero rate limit, without echoing the secret', () => {
    const error = configErrorOf({ JWT_SECRET: 'tooshort-secret', JWT_JWKS_URL: 'ftp://idp.example.com/jwks', API_RATE_LIMIT_PER_MINUTE: '0' });
    expect(fieldsOf(error)).toEqual(['API_RATE_LIMIT_PER_MINUTE', 'JWT_JWKS_URL', 'JWT_SECRET']);
    expect(error.message).not.toContain('tooshort-secret');
    expect(error.details.find((d) => d.field === 'JWT_SECRET')?.message).toMatch(/32 characters/);
  });
});

describe('provider endpoint settings', () => {
  it('reads the Azure, GCP and GitHub overrides, trimming trailing slashes', () => {
    const config = loadConfig({
      AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://management.usgovcloudapi.net/',
      AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us/',
      AZURE_DISABLE_INSTANCE_DISCOVERY: 'true',
      STORAGE_EMULATOR_HOST: 'http://localhost:4443',
      GCP_API_ENDPOINT: 'https://private.googleapis.com/',
      GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
      GITHUB_APP_ID: '123',
      GITHUB_APP_PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\\nMIIB\\n-----END RSA PRIVATE KEY-----',
    });
    expect(config.azure).toEqual({ resourceManagerEndpoint: 'https://management.usgovcloudapi.net', authorityHost: 'https://login.microsoftonline.us', disableInstanceDiscovery: true });
    expect(config.gcp).toEqual({ storageEmulatorHost: 'http://localhost:4443', apiEndpoint: 'https://private.googleapis.com', ambient: { keyFile: null, project: null } });
    expect(config.github).toEqual({ apiUrl: 'https://ghe.example.com/api/v3', app: { appId: '123', privateKey: '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----' }, token: null, publicRepositoriesAllowlist: [] });
    expect(loadConfig({}).github.app).toBeNull();
  });

  it('refuses an http Azure endpoint, half a GitHub App and a key that is not PEM, without echoing the key', () => {
    expect(fieldsOf(configErrorOf({ AZURE_RESOURCE_MANAGER_ENDPOINT: 'http://management.azure.com' }))).toEqual(['AZURE_RESOURCE_MANAGER_ENDPOINT']);
    expect(fieldsOf(configErrorOf({ GITHUB_APP_ID: '123' }))).toEqual(['GITHUB_APP_PRIVATE_KEY']);
    const key = configErrorOf({ GITHUB_APP_ID: '123', GITHUB_APP_PRIVATE_KEY: 'not-a-key-SECRETVALUE' });
    expect(fieldsOf(key)).toEqual(['GITHUB_APP_PRIVATE_KEY']);
    expect(key.message).not.toContain('SECRETVALUE');
    const webhooksAlone = configErrorOf({ GITHUB_WEBHOOK_SECRET: 'webhook-secret-SECRETVALUE' });
    expect(fieldsOf(webhooksAlone)).toEqual(['GITHUB_APP_ID']);
    expect(webhooksAlone.message).not.toContain('SECRETVALUE');
  });

  it('takes the App key base64-encoded too', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----';
    const config = loadConfig({ GITHUB_APP_ID: '123', GITHUB_APP_PRIVATE_KEY: Buffer.from(pem).toString('base64') });
    expect(config.github.app?.privateKey).toBe(pem);
  });
});

describe('AWS settings', () => {
  it('falls back to AWS_DEFAULT_REGION, notices an S3-only override, and rejects a malformed region or URL', () => {
    expect(loadConfig({ AWS_DEFAULT_REGION: 'ap-southeast-2' }).aws.defaultRegion).toBe('ap-southeast-2');
    expect(loadConfig({ AWS_ENDPOINT_URL_S3: 'http://localhost:9000' }).aws.endpointOverridden).toBe(true);
    expect(() => loadConfig({ AWS_REGION: 'moon-1', AWS_ENDPOINT_URL: 'not a url' })).toThrow(/AWS_REGION: must be an AWS region[\s\S]*AWS_ENDPOINT_URL: must be a URL/);
  });
});
