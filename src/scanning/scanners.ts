import type { Config } from '../config.js';
import type { EvidenceCollectorRegistry } from '../evidence/types.js';
import type { SharedRateLimiter } from '../integrations/rate-limits.js';
import { createAwsEvidenceCollector } from './providers/aws/evidence.js';
import { createAzureEvidenceCollector } from './providers/azure/evidence.js';
import { createAwsScanner } from './providers/aws/scanner.js';
import { createAzureScanner } from './providers/azure/scanner.js';
import { createGcpEvidenceCollector } from './providers/gcp/evidence.js';
import { createGcpScanner } from './providers/gcp/scanner.js';
import { createGitHubScanner } from './providers/github/scanner.js';
import type { ScannerRegistry } from './scanner.js';

/** The scanners this build has, configured from the environment's provider settings. */
export function defaultScanners(config: Pick<Config, 'aws' | 'azure' | 'gcp' | 'github'>, shared: { rateLimiter?: SharedRateLimiter } = {}): ScannerRegistry {
  return {
    aws: createAwsScanner({ defaultRegion: config.aws.defaultRegion, endpointOverridden: config.aws.endpointOverridden, ...shared }),
    azure: createAzureScanner({ endpoints: config.azure, ...shared }),
    gcp: createGcpScanner({ endpoints: config.gcp, ...shared }),
    github: createGitHubScanner({
      apiUrl: config.github.apiUrl,
      app: config.github.app,
      token: config.github.token,
      publicRepositoriesAllowlist: config.github.publicRepositoriesAllowlist,
      ...shared,
    }),
  };
}

/** The evidence collectors this build has (the integration guide's sync), configured the same way. */
export function defaultEvidenceCollectors(config: Pick<Config, 'aws' | 'azure' | 'gcp' | 'github'>, shared: { rateLimiter?: SharedRateLimiter } = {}): EvidenceCollectorRegistry {
  return {
    aws: createAwsEvidenceCollector({ defaultRegion: config.aws.defaultRegion, endpointOverridden: config.aws.endpointOverridden, ...shared }),
    azure: createAzureEvidenceCollector({ endpoints: config.azure, ...shared }),
    gcp: createGcpEvidenceCollector({ endpoints: config.gcp, ...shared }),
  };
}
