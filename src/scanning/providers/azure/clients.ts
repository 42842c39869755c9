/**
 * Azure SDK clients for one scan or connection test: a credential (a stored service principal's
 * ClientSecretCredential, or DefaultAzureCredential for the CLI's ambient identity) and Azure
 * Resource Manager clients on the configured cloud, one set per subscription, created on first use.
 *
 * Endpoints follow the Azure SDKs' conventions, passed in from config.ts: Resource Manager's
 * `endpoint` (AZURE_RESOURCE_MANAGER_ENDPOINT), with tokens asked for `<endpoint>/.default`; the
 * identity library's `authorityHost` (AZURE_AUTHORITY_HOST) and `disableInstanceDiscovery`. The SDK
 * sends bearer tokens over HTTPS only, so every endpoint here is https.
 *
 * Every ARM client shares one pipeline setup: the SDK's retry policy (its throttling strategy waits
 * for Retry-After / x-ms-retry-after-ms on 429 and 503, its exponential strategy retries 5xx and
 * network faults), the scan's call counting and concurrency bound (call-stats.ts), and the shared
 * request budget of servers (rateLimit), and the keeping of Azure's error bodies for the failed
 * parts' reasons (errors.ts).
 */
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { MonitorClient } from '@azure/arm-monitor';
import { NetworkManagementClient } from '@azure/arm-network';
import { SubscriptionClient, type SubscriptionClientOptionalParams } from '@azure/arm-resources-subscriptions';
import { SecurityCenter } from '@azure/arm-security';
import { SqlManagementClient } from '@azure/arm-sql';
import { StorageManagementClient } from '@azure/arm-storage';
import { ClientSecretCredential, DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { AzureConfig } from '../../../config.js';
import { AzureCallStats, callStatsPolicies, type AdditionalPolicy, type PipelinePolicy } from './call-stats.js';
import { AzureErrorBodies } from './errors.js';

export const AZURE_PUBLIC_RESOURCE_MANAGER = 'https://management.azure.com';

export interface AzureServicePrincipal {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export interface AzureRetryOptions {
  /** Retries per request after the first attempt. */
  maxRetries?: number;
  /** Base of the exponential backoff for faults (throttling waits for Retry-After instead). SDK default 1 s. */
  retryDelayInMs?: number;
  /** Cap of that backoff. SDK default 64 s. */
  maxRetryDelayInMs?: number;
}

export interface AzureClientOptions {
  /** A stored service principal; without one, the ambient identity (DefaultAzureCredential). */
  principal: AzureServicePrincipal | null;
  endpoints: AzureConfig;
  /**
   * Retries inside the SDK pipelines (their exponential and Retry-After policies) — the SDK's
   * default is 3. The connection test sets 0 and retries on its own (scanning/connection.ts).
   */
  maxRetries?: number;
  /** Finer retry settings for scans; `maxRetries` above wins when both are given. */
  retry?: AzureRetryOptions;
  /** Resource Manager calls in flight at once over every client. Default 16. */
  maxConcurrentCalls?: number;
  /**
   * Waits for the subscription's shared request budget before each Resource Manager request (see
   * integrations/rate-limits.ts), given the subscription the request is for (null for tenant-level
   * requests such as listing subscriptions); token requests to Entra ID are not part of that budget.
   */
  rateLimit?: (subscriptionId: string | null) => Promise<void>;
}

/** The management clients of one subscription. */
export interface AzureSubscriptionClients {
  storage(): StorageManagementClient;
  network(): NetworkManagementClient;
  keyVault(): KeyVaultManagementClient;
  sql(): SqlManagementClient;
  authorization(): AuthorizationManagementClient;
  monitor(): MonitorClient;
  security(): SecurityCenter;
}

export interface AzureClients {
  readonly credential: TokenCredential;
  /** The scope of Resource Manager tokens: `<endpoint>/.default`. */
  readonly armScope: string;
  /** Calls, retries and throttled answers so far. */
  readonly stats: AzureCallStats;
  /** Azure's own code and message of each failed call, for describing the error (errors.ts). */
  readonly errorBodies: AzureErrorBodies;
  subscriptions(): SubscriptionClient;
  forSubscription(subscriptionId: string): AzureSubscriptionClients;
}

export function armScopeOf(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/.default`;
}

function credentialFor(options: AzureClientOptions, retryOptions: { retryOptions?: { maxRetries: number } }): TokenCredential {
  const { principal, endpoints } = options;
  const identity = {
    ...(endpoints.authorityHost ? { authorityHost: endpoints.authorityHost } : {}),
    disableInstanceDiscovery: endpoints.disableInstanceDiscovery,
    ...retryOptions,
  };
  if (principal) return new ClientSecretCredential(principal.tenantId, principal.clientId, principal.clientSecret, identity);
  // The CLI's ambient identity: environment variables, workload identity, managed identity, az login...
  return new DefaultAzureCredential(identity);
}

export function createAzureClients(options: AzureClientOptions): AzureClients {
  const { endpoints } = options;
  const retry: AzureRetryOptions = { ...options.retry, ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }) };
  const credentialRetry = options.maxRetries === undefined ? {} : { retryOptions: { maxRetries: options.maxRetries } };
  const credential = credentialFor(options, credentialRetry);
  const endpoint = endpoints.resourceManagerEndpoint.replace(/\/+$/, '');
  const armScope = armScopeOf(endpoint);
  const stats = new AzureCallStats();
  const errorBodies = new AzureErrorBodies();
  const rateLimit = options.rateLimit;
  // Per retry, so that an SDK retry (when the pipeline retries at all) also waits for the budget.
  const budget: PipelinePolicy | null = rateLimit
    ? {
        name: 'cloudsentinelRateLimit',
        async sendRequest(request, next) {
          await rateLimit(/\/subscriptions\/([^/?]+)/i.exec(new URL(request.url).pathname)?.[1] ?? null);
          return next(request);
        },
      }
    : null;
  const policies: AdditionalPolicy[] = [
    ...callStatsPolicies(stats, options.maxConcurrentCalls ?? 16),
    { policy: errorBodies.policy, position: 'perCall' },
    ...(budget ? [{ policy: budget, position: 'perRetry' as const }] : []),
  ];
  const retryOptions = Object.keys(retry).length > 0 ? { retryOptions: retry } : {};
  // The classic (core-client) clients take `endpoint`/`$host` and `credentialScopes`; the newer
  // TypeSpec clients (storage, key vault) `endpoint` and `credentials.scopes`.
  const classic: SubscriptionClientOptionalParams = { endpoint, $host: endpoint, credentialScopes: [armScope], ...retryOptions, additionalPolicies: policies };
  const modular = { endpoint, credentials: { scopes: [armScope] }, ...retryOptions, additionalPolicies: policies };

  let subscriptions: SubscriptionClient | null = null;
  const perSubscription = new Map<string, AzureSubscriptionClients>();
  const lazy = <T>(make: () => T): (() => T) => {
    let made: T | undefined;
    return () => (made ??= make());
  };
  return {
    credential,
    armScope,
    stats,
    errorBodies,
    subscriptions: () => (subscriptions ??= new SubscriptionClient(credential, classic)),
    forSubscription(subscriptionId) {
      let clients = perSubscription.get(subscriptionId);
      if (!clients) {
        clients = {
          storage: lazy(() => new StorageManagementClient(credential, subscriptionId, modular)),
          network: lazy(() => new NetworkManagementClient(credential, subscriptionId, classic)),
          keyVault: lazy(() => new KeyVaultManagementClient(credential, subscriptionId, modular)),
          sql: lazy(() => new SqlManagementClient(credential, subscriptionId, classic)),
          authorization: lazy(() => new AuthorizationManagementClient(credential, subscriptionId, classic)),
          monitor: lazy(() => new MonitorClient(credential, subscriptionId, classic)),
          security: lazy(() => new SecurityCenter(credential, subscriptionId, classic)),
        };
        perSubscription.set(subscriptionId, clients);
      }
      return clients;
    },
  };
}
