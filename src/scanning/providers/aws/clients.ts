/**
 * One place that makes AWS SDK clients for a scan: the same credentials, retry strategy, call
 * counting and concurrency limits on every client, one client per service × region, cached.
 *
 * Endpoints follow the SDK's own conventions. `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` and
 * the shared config file's `endpoint_url` are read by the SDK itself, so nothing here reads the
 * environment; `endpoint` / `endpoints` override in code. S3 is switched to path-style addressing
 * whenever an endpoint is overridden (`endpointOverridden`, which the caller knows from its config,
 * or an endpoint given here), because emulators and private endpoints have no per-bucket DNS.
 *
 * S3 Control puts the account id in front of the host (`<account>.<endpoint host>`), also for an
 * overridden endpoint, where that name usually has no DNS: its client then resolves such names as
 * the endpoint host itself (account-host.ts), as wildcard DNS would.
 */
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, MiddlewareStack } from '@smithy/types';
import { accountHostAgents } from './account-host.js';
import { createCallLimiter, type CallLimits, type Sender } from './call-limiter.js';
import { CallStats, callStatsPlugin } from './call-stats.js';
import { fastConfig, removeSdkLogger, reuseSigner, type SignerConfig } from './client-trims.js';
import { ScanRetryStrategy, type RetryOptions } from './retry.js';

export type AwsService =
  | 'sts'
  | 'iam'
  | 's3'
  | 's3control'
  | 'ec2'
  | 'cloudtrail'
  | 'kms'
  | 'rds'
  | 'config'
  | 'guardduty'
  | 'securityhub'
  | 'accessanalyzer';

export interface AwsClientOptions {
  /** Static credentials or a provider; default: the SDK's default chain (env, profile, SSO, web identity, ECS, IMDS). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Home region: STS, IAM, S3 ListBuckets, S3 Control and region discovery go here. */
  region: string;
  /** Overrides every service's endpoint. */
  endpoint?: string;
  /** Overrides one service's endpoint (wins over `endpoint`). */
  endpoints?: Partial<Record<AwsService, string>>;
  /** An endpoint is overridden somewhere (e.g. AWS_ENDPOINT_URL, which the SDK reads itself): S3 goes path-style. */
  endpointOverridden?: boolean;
  /** Attempts per call on throttling, the first included. Default 8. */
  maxAttempts?: number;
  retry?: Omit<RetryOptions, 'maxAttempts'>;
  concurrency?: CallLimits;
  /** Per-attempt timeout. Default 60 s. */
  requestTimeoutMs?: number;
  /**
   * Agents for http:// and https:// endpoints (proxies, emulators). Every client of this factory
   * uses them, and destroy() closes their sockets (the SDK's handler does): do not share one agent
   * between factories that run at the same time.
   */
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent;
  /**
   * Waits for the account's shared request budget in a region before each call (see
   * integrations/rate-limits.ts); the wait comes before the call takes a concurrency slot.
   */
  rateLimit?: (region: string) => Promise<void>;
}

export interface AwsClients {
  readonly region: string;
  /** What every client of this factory has sent so far. */
  readonly stats: CallStats;
  sts(): STSClient;
  iam(): IAMClient;
  /** S3 in a region (default: home). Per-bucket calls must go to the bucket's own region. */
  s3(region?: string): S3Client;
  s3Control(): S3ControlClient;
  ec2(region?: string): EC2Client;
  cloudTrail(region: string): CloudTrailClient;
  kms(region: string): KMSClient;
  rds(region: string): RDSClient;
  config(region: string): ConfigServiceClient;
  guardDuty(region: string): GuardDutyClient;
  securityHub(region: string): SecurityHubClient;
  accessAnalyzer(region: string): AccessAnalyzerClient;
  /** Closes every client's sockets. */
  destroy(): void;
}

interface Destroyable {
  destroy(): void;
}

export function createAwsClients(options: AwsClientOptions): AwsClients {
  const home = options.region;
  // The caller's credentials (or the default chain) for STS; every other client borrows STS's provider (below).
  let credentials = options.credentials;
  const stats = new CallStats();
  const limiter = createCallLimiter(options.concurrency);
  const retryStrategy = new ScanRetryStrategy({ ...options.retry, maxAttempts: options.maxAttempts ?? 8 });
  const requestHandler = {
    requestTimeout: options.requestTimeoutMs ?? 60_000,
    throwOnRequestTimeout: true,
    ...(options.httpAgent ? { httpAgent: options.httpAgent } : {}),
    ...(options.httpsAgent ? { httpsAgent: options.httpsAgent } : {}),
  };
  const cache = new Map<string, Destroyable>();

  const endpointFor = (service: AwsService): { endpoint?: string } => {
    const endpoint = options.endpoints?.[service] ?? options.endpoint;
    return endpoint ? { endpoint } : {};
  };
  const base = (service: AwsService, region: string) => ({
    region,
    maxAttempts: options.maxAttempts ?? 8,
    retryStrategy,
    // Resolve each command class's middleware once per client instead of on every call (the
    // plugins are added in make(), before the first send): that was a fifth of a scan's garbage.
    cacheMiddleware: true,
    requestHandler,
    ...endpointFor(service),
    ...(credentials ? { credentials } : {}),
  });

  const make = <C extends Destroyable & Sender & { middlewareStack: object; config: SignerConfig }>(service: AwsService, region: string, create: () => C): C => {
    const key = `${service}:${region}`;
    // One client per service × region; the cast is safe because the key fixes the client class.
    const cached = cache.get(key) as C | undefined;
    if (cached) return cached;
    const client = create();
    // The plugins do not depend on a service's input and output types.
    const stack = client.middlewareStack as MiddlewareStack<object, object>;
    stack.use(callStatsPlugin(stats, service));
    removeSdkLogger(stack);
    reuseSigner(client.config);
    fastConfig(client.config);
    limiter.limit(key, client);
    const rateLimit = options.rateLimit;
    if (rateLimit) {
      const send = client.send.bind(client);
      client.send = async (command, sendOptions) => {
        await rateLimit(region);
        return send(command, sendOptions);
      };
    }
    cache.set(key, client);
    return client;
  };

  // Every client would otherwise resolve credentials on its own — the default chain, or an
  // assume-role provider calling AssumeRole once per service × region. STS resolves them (memoised,
  // refreshed before they expire) and every other client borrows that provider.
  const sts = make('sts', home, () => new STSClient(base('sts', home)));
  credentials = sts.config.credentials;

  const s3PathStyle = Boolean(options.endpointOverridden || options.endpoints?.s3 || options.endpoint);

  return {
    region: home,
    stats,
    sts: () => sts,
    iam: () => make('iam', home, () => new IAMClient(base('iam', home))),
    s3: (region = home) =>
      make('s3', region, () => new S3Client({ ...base('s3', region), forcePathStyle: s3PathStyle, followRegionRedirects: true })),
    s3Control: () =>
      make('s3control', home, () => {
        const config = base('s3control', home);
        // An overridden endpoint has no `<account>.<host>` DNS; resolve it as the host itself.
        if (!s3PathStyle || options.httpAgent || options.httpsAgent) return new S3ControlClient(config);
        return new S3ControlClient({ ...config, requestHandler: { ...requestHandler, ...accountHostAgents() } });
      }),
    ec2: (region = home) => make('ec2', region, () => new EC2Client(base('ec2', region))),
    cloudTrail: (region) => make('cloudtrail', region, () => new CloudTrailClient(base('cloudtrail', region))),
    kms: (region) => make('kms', region, () => new KMSClient(base('kms', region))),
    rds: (region) => make('rds', region, () => new RDSClient(base('rds', region))),
    config: (region) => make('config', region, () => new ConfigServiceClient(base('config', region))),
    guardDuty: (region) => make('guardduty', region, () => new GuardDutyClient(base('guardduty', region))),
    securityHub: (region) => make('securityhub', region, () => new SecurityHubClient(base('securityhub', region))),
    accessAnalyzer: (region) => make('accessanalyzer', region, () => new AccessAnalyzerClient(base('accessanalyzer', region))),
    destroy() {
      for (const client of cache.values()) client.destroy();
      cache.clear();
    },
  };
}
