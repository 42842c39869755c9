/** Exponential backoff with full jitter, shared by the scan retry strategy and the connection tests. */

/** Full jitter: a uniformly random wait in [0, min(cap, base·2^retry)). */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retry));
}
