/**
 * Pacing chat calls to the platforms' rate limits. Calls for one key (a channel) run one after
 * another, each starting at least `intervalMs` after the previous one ended (Slack allows about one message per second per
 * channel); calls for different keys do not wait for each other. A caller told to back off (a 429
 * with Retry-After) pauses the key, or every key for a workspace-wide limit, and queued calls wait
 * it out instead of failing.
 *
 * Nothing runs in the background: the only timers are the waits of calls in flight, so an idle
 * pacer holds no timer and a process (or a test) can exit.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface PacerOptions {
  /** Least time between the end of one call and the start of the next for the same key. */
  intervalMs: number;
}

export interface Pacer {
  /** Runs `fn` when the key's turn comes; its result or error is the caller's. */
  pace<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Holds the key's next calls for `ms` from now (a 429's Retry-After for that channel). */
  pauseKey(key: string, ms: number): void;
  /** Holds every key's next calls for `ms` from now (a limit on the whole workspace or app). */
  pauseAll(ms: number): void;
  /** Keys with calls queued or a spacing or pause still in force; the rest are forgotten. */
  readonly trackedKeys: number;
}

interface Lane {
  /** Settles when the last call queued on the key has finished. */
  tail: Promise<void>;
  /** Calls queued or running. */
  queued: number;
  /** The earliest start of the next call, from the spacing. */
  nextAt: number;
  pausedUntil: number;
}

export function createPacer(options: PacerOptions): Pacer {
  if (!Number.isFinite(options.intervalMs) || options.intervalMs < 0) {
    throw new RangeError(`intervalMs must be a non-negative number, not ${options.intervalMs}.`);
  }
  const lanes = new Map<string, Lane>();
  let allPausedUntil = 0;

  function laneOf(key: string): Lane {
    let lane = lanes.get(key);
    if (!lane) {
      lane = { tail: Promise.resolve(), queued: 0, nextAt: 0, pausedUntil: 0 };
      lanes.set(key, lane);
    }
    return lane;
  }

  /** Drops idle keys whose spacing and pause have run out, so many channels do not pile up. */
  function forgetIdle(now: number): void {
    for (const [key, lane] of lanes) {
      if (lane.queued === 0 && lane.nextAt <= now && lane.pausedUntil <= now) lanes.delete(key);
    }
  }

  /** Waits until the key may go; a pause set meanwhile is seen on waking, and waited out too. */
  async function turn(lane: Lane): Promise<void> {
    for (;;) {
      const wait = Math.max(lane.nextAt, lane.pausedUntil, allPausedUntil) - Date.now();
      if (wait <= 0) return;
      await sleep(wait);
    }
  }

  return {
    pace<T>(key: string, fn: () => Promise<T>): Promise<T> {
      forgetIdle(Date.now());
      const lane = laneOf(key);
      lane.queued += 1;
      const run = lane.tail.then(async () => {
        await turn(lane);
        try {
          return await fn();
        } finally {
          // Spaced from the end: a call that sat out a 429 inside the client lands late, and the
          // next one must not land right behind it.
          lane.nextAt = Date.now() + options.intervalMs;
        }
      });
      // The next call waits for this one however it ends; its outcome is the caller's alone.
      lane.tail = run.then(
        () => undefined,
        () => undefined,
      );
      void lane.tail.then(() => {
        lane.queued -= 1;
      });
      return run;
    },

    pauseKey(key: string, ms: number): void {
      const lane = laneOf(key);
      lane.pausedUntil = Math.max(lane.pausedUntil, Date.now() + Math.max(0, ms));
    },

    pauseAll(ms: number): void {
      allPausedUntil = Math.max(allPausedUntil, Date.now() + Math.max(0, ms));
    },

    get trackedKeys(): number {
      forgetIdle(Date.now());
      return lanes.size;
    },
  };
}
