/**
 * What a chat handler does once it has acknowledged: load the actor, run the command or the
 * triage, answer through the platform's API. Slack allows 3 seconds for an acknowledgement, and
 * commands and clicks come in bursts (an incident, a channel full of people), so acknowledgements
 * go first. Work after an ack waits until no request has come in for `quietMs` (the burst has been
 * read and answered), but never longer than `maxDelayMs`, and only `concurrency` pieces run at once,
 * so their database answers and outgoing API calls do not queue ahead of acknowledgements still to
 * send. The rest wait as bare closures.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';

export interface AfterAckOptions {
  /** Pieces of work running at once. Default 8. */
  concurrency?: number;
  /** How long without a new request counts as quiet. Default 5 ms. */
  quietMs?: number;
  /** The longest a piece of work waits for quiet under a steady stream of requests. Default 250 ms. */
  maxDelayMs?: number;
  now?: () => number;
}

export interface AfterAck {
  /** Call for every incoming chat request, before it is acknowledged. */
  arrived(): void;
  /** Runs `work` once the requests in flight have been answered (see above). */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves once the requests in flight have been answered, without taking a place in the queue. */
  quiet(): Promise<void>;
}

export function afterAckQueue(options: AfterAckOptions = {}): AfterAck {
  const { concurrency = 8, quietMs = 5, maxDelayMs = 250, now = () => performance.now() } = options;
  const limit = pLimit(concurrency);
  let lastArrival = Number.NEGATIVE_INFINITY;

  async function quiet(): Promise<void> {
    const queuedAt = now();
    // Past the requests this turn of the event loop has read, whatever happens next.
    await nextTurn();
    for (;;) {
      const at = now();
      const waited = at - queuedAt;
      const sinceArrival = at - lastArrival;
      if (sinceArrival >= quietMs || waited >= maxDelayMs) return;
      await sleep(Math.min(quietMs - sinceArrival, maxDelayMs - waited));
    }
  }

  return {
    arrived() {
      lastArrival = now();
    },
    run(work) {
      return limit(async () => {
        await quiet();
        return work();
      });
    },
    quiet,
  };
}
