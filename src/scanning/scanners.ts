import type { Config } from '../config.js';
import { createAwsScanner } from './providers/aws/scanner.js';
import type { ScannerRegistry } from './scanner.js';

/** The scanners this build has, configured from the environment's provider settings. */
export function defaultScanners(config: Pick<Config, 'aws'>): ScannerRegistry {
  return {
    aws: createAwsScanner({ defaultRegion: config.aws.defaultRegion, endpointOverridden: config.aws.endpointOverridden }),
  };
}
