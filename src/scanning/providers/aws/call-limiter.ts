/**
 * Bounds how many AWS calls are in flight: per service × region (AWS throttles per account, region
 * and API, so this is the unit that matters) and in total (sockets, memory). It wraps each client's
 * `send`, so every call — paginator pages included, they go through `send` — waits for its turn
 * before the SDK builds anything: a collector may start thousands of calls at once (every bucket's
 * eight questions) and only the running ones hold a resolved middleware stack, a signed request and
 * a socket. A call keeps its slot through retries and their backoff, which is what slows a
 * throttled service down.
 */
import pLimit, { type LimitFunction } from 'p-limit';

export interface CallLimits {
  /** Calls in flight per service × region. Default 8. */
  perServiceRegion?: number;
  /** Calls in flight over all services and regions. Default 50 (the SDK's default socket pool). */
  total?: number;
}

/** The promise form of an SDK client's `send`, the only form the collectors use. */
export interface Sender {
  send(command: never, options?: never): Promise<unknown>;
}

export interface CallLimiter {
  /** Makes `client.send` wait for a slot of `key` (its service × region) and of the total. */
  limit(key: string, client: Sender): void;
}

export function createCallLimiter(limits: CallLimits = {}): CallLimiter {
  const total = pLimit(limits.total ?? 50);
  const perKey = new Map<string, LimitFunction>();
  const limitFor = (key: string): LimitFunction => {
    let limit = perKey.get(key);
    if (!limit) {
      limit = pLimit(limits.perServiceRegion ?? 8);
      perKey.set(key, limit);
    }
    return limit;
  };
  return {
    limit(key, client) {
      const send = client.send.bind(client);
      const slot = limitFor(key);
      // Per-key queue first, so one busy service × region cannot fill the global queue ahead of the others.
      client.send = (command, options) => slot(() => total(() => send(command, options)));
    },
  };
}
