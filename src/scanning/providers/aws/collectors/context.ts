/** What every collector gets: the clients, who the account is, and a per-scan memo. */
import type { AwsClients } from '../clients.js';

export interface CollectorContext {
  clients: AwsClients;
  accountId: string;
  /** `aws`, `aws-us-gov`, `aws-cn` — for ARNs the APIs do not return. */
  partition: string;
  /**
   * One promise per key for the whole scan: a multi-region trail shows up in every region's
   * DescribeTrails, and its status is asked once, in its home region.
   */
  once<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** The regions the caller named (`--regions`); null means all. Global collectors with per-region resources (S3 buckets) honour it. */
  regionFilter: ReadonlySet<string> | null;
}

export function createCollectorContext(clients: AwsClients, accountId: string, partition: string, regionFilter: ReadonlySet<string> | null = null): CollectorContext {
  const memo = new Map<string, Promise<unknown>>();
  return {
    clients,
    accountId,
    partition,
    regionFilter,
    once<T>(key: string, fn: () => Promise<T>): Promise<T> {
      let promise = memo.get(key) as Promise<T> | undefined;
      if (!promise) {
        promise = fn();
        memo.set(key, promise);
      }
      return promise;
    },
  };
}
