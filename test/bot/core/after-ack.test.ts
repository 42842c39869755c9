import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { afterAckQueue } from '../../../src/bot/core/after-ack.js';

describe('work after an acknowledgement', () => {
  it('waits while requests keep arriving and starts once they stop', async () => {
    const queue = afterAckQueue({ quietMs: 20, maxDelayMs: 5_000 });
    let started = 0;
    queue.arrived();
    const done = queue.run(async () => {
      started = performance.now();
    });
    const burstEnd = performance.now() + 120;
    while (performance.now() < burstEnd) {
      queue.arrived();
      await sleep(5);
    }
    const lastArrival = performance.now();
    await done;
    expect(started).toBeGreaterThanOrEqual(lastArrival);
  });

  it('never waits longer than maxDelayMs under a steady stream of requests', async () => {
    const queue = afterAckQueue({ quietMs: 50, maxDelayMs: 60 });
    const stream = setInterval(() => queue.arrived(), 2);
    try {
      queue.arrived();
      const queuedAt = performance.now();
      const waited = await queue.run(async () => performance.now() - queuedAt);
      expect(waited).toBeGreaterThanOrEqual(59);
      expect(waited).toBeLessThan(1_000);
    } finally {
      clearInterval(stream);
    }
  });

  it('runs at most `concurrency` pieces at once, every piece, and passes results and errors through', async () => {
    const queue = afterAckQueue({ concurrency: 3, quietMs: 0 });
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        queue.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await sleep(5);
          running -= 1;
          return i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(peak).toBe(3);
    await expect(queue.run(() => Promise.reject(new Error('slack said no')))).rejects.toThrow('slack said no');
    await expect(queue.run(async () => 'still running')).resolves.toBe('still running');
  });
});
