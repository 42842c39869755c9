/**
 * Azure SDK clients for one service principal: a ClientSecretCredential and Azure Resource Manager
 * clients on the configured cloud. The scanning issues add their ARM clients here.
 *
 * Endpoints follow the Azure SDKs' conventions, passed in from config.ts: Resource Manager's
 * `endpoint` (AZURE_RESOURCE_MANAGER_ENDPOINT), with tokens asked for `<endpoint>/.default`; the
 * identity library's `authorityHost` (AZURE_AUTHORITY_HOST) and `disableInstanceDiscovery`. The SDK
 * sends bearer tokens over HTTPS only, so every endpoint here is https.
 */
import { SubscriptionClient, type SubscriptionClientOptionalParams } from '@azure/arm-resources-subscriptions';
import { ClientSecretCredential } from '@azure/identity';
import type { AzureConfig } from '../../../config.js';

export const AZURE_PUBLIC_RESOURCE_MANAGER = 'https://management.azure.com';

export interface AzureServicePrincipal {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export interface AzureClientOptions {
  principal: AzureServicePrincipal;
  endpoints: AzureConfig;
  /**
   * Retries inside the SDK pipelines (their exponential and Retry-After policies) — the SDK's
   * default is 3. The connection test sets 0 and retries on its own (scanning/connection.ts).
   */
  maxRetries?: number;
  /**
   * Waits for the subscription's shared request budget before each Resource Manager request (see
   * integrations/rate-limits.ts); token requests to Entra ID are not part of that budget.
   */
  rateLimit?: () => Promise<void>;
}

type PipelinePolicy = NonNullable<SubscriptionClientOptionalParams['additionalPolicies']>[number]['policy'];

export interface AzureClients {
  readonly credential: ClientSecretCredential;
  /** The scope of Resource Manager tokens: `<endpoint>/.default`. */
  readonly armScope: string;
  subscriptions(): SubscriptionClient;
}

export function armScopeOf(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/.default`;
}

export function createAzureClients(options: AzureClientOptions): AzureClients {
  const { principal, endpoints } = options;
  const retryOptions = options.maxRetries === undefined ? {} : { retryOptions: { maxRetries: options.maxRetries } };
  const credential = new ClientSecretCredential(principal.tenantId, principal.clientId, principal.clientSecret, {
    ...(endpoints.authorityHost ? { authorityHost: endpoints.authorityHost } : {}),
    disableInstanceDiscovery: endpoints.disableInstanceDiscovery,
    ...retryOptions,
  });
  const endpoint = endpoints.resourceManagerEndpoint.replace(/\/+$/, '');
  const armScope = armScopeOf(endpoint);
  const rateLimit = options.rateLimit;
  // Per retry, so that an SDK retry (when the pipeline retries at all) also waits for the budget.
  const budget: PipelinePolicy | null = rateLimit
    ? {
        name: 'cloudsentinelRateLimit',
        async sendRequest(request, next) {
          await rateLimit();
          return next(request);
        },
      }
    : null;
  const armOptions: SubscriptionClientOptionalParams = {
    endpoint,
    $host: endpoint,
    credentialScopes: [armScope],
    ...retryOptions,
    ...(budget ? { additionalPolicies: [{ policy: budget, position: 'perRetry' }] } : {}),
  };
  let subscriptions: SubscriptionClient | null = null;
  return {
    credential,
    armScope,
    subscriptions: () => (subscriptions ??= new SubscriptionClient(credential, armOptions)),
  };
}
