/**
 * What every provider's scanner offers the rest of CloudSentinel: its checks, and a scan that
 * collects what the selected checks need, evaluates them and returns a report. The CLI, the scan
 * job and the benchmark all go through this.
 */
import type { ScanReport } from './formats/report.js';
import type { CheckMeta, Provider, ScanSettings } from './types.js';

export interface ScanProgress {
  phase: 'collect' | 'evaluate';
  done: number;
  total: number;
}

export interface ScanOptions {
  /** Stored integration credentials in the guide's shape; null means the provider's ambient credentials. */
  credentials: Record<string, unknown> | null;
  regions?: string[];
  /**
   * What to scan beyond regions, per provider: Azure subscriptions (default: every one the
   * credential sees), GCP projects or an organization's projects, a GitHub organization and
   * optionally only some of its repositories (`owner/repo`). Stored integrations fill these from
   * their configuration; a scanner ignores what does not apply to it.
   */
  scope?: ScanScope;
  checks?: string[];
  settings?: ScanSettings;
  scanId?: string | null;
  now?: () => Date;
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScanScope {
  subscriptions?: string[];
  projects?: string[];
  organization?: string;
  repositories?: string[];
}

export interface ScanOutcome {
  report: ScanReport;
  /** Checks with an `unknown` result: they may not resolve findings by absence. */
  incompleteChecks: string[];
  /** Resources looked at (distinct resource ids in the findings). */
  resources: number;
  /**
   * Provider API calls made (first attempts), retries, and how many answers were throttling; for
   * providers with conditional requests (GitHub), how many calls were answered 304 Not Modified
   * from the ETag cache (counted in `calls`, but not charged to the provider's rate limit).
   */
  apiCalls: { calls: number; retries: number; throttled: number; notModified?: number };
}

export interface ProviderScanner {
  provider: Provider;
  checks: ReadonlyArray<{ meta: CheckMeta }>;
  scan(options: ScanOptions): Promise<ScanOutcome>;
}

export type ScannerRegistry = Partial<Record<Provider, ProviderScanner>>;
