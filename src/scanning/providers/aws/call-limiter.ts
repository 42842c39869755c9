/**
 * Bounds how many AWS calls are in flight: per service × region (AWS throttles per account, region
 * and API, so this is the unit that matters) and in total (sockets, memory). Applied as a client
 * middleware so that every call — paginator pages included — waits its turn; it holds its slot
 * through retries and their backoff, which is what slows a throttled service down.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { Pluggable } from '@smithy/types';

export interface CallLimits {
  /** Calls in flight per service × region. Default 8. */
  perServiceRegion?: number;
  /** Calls in flight over all services and regions. Default 50 (the SDK's default socket pool). */
  total?: number;
}

export interface CallLimiter {
  /** The middleware for one client; `key` names its service × region. */
  plugin<Input extends object, Output extends object>(key: string): Pluggable<Input, Output>;
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
    plugin(key) {
      return {
        applyToStack(stack) {
          // Per-key queue first, so one busy service × region cannot fill the global queue ahead of the others.
          stack.add((next) => (args) => limitFor(key)(() => total(() => next(args))), {
            step: 'initialize',
            name: 'cloudsentinelCallLimiter',
            priority: 'low',
          });
        },
      };
    },
  };
}
