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
}

export function createCollectorContext(clients: AwsClients, accountId: string, partition: string): CollectorContext {
  const memo = new Map<string, Promise<unknown>>();
  return {
    clients,
    accountId,
    partition,
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
