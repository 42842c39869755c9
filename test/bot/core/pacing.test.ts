import { describe, expect, it } from 'vitest';
import { createPacer } from '../../../src/bot/core/pacing.js';

const INTERVAL = 50;
/** Timers may fire a millisecond or two early on some platforms; allow for it. */
const SLACK = 5;

function recorder() {
  const starts: Array<{ key: string; at: number }> = [];
  const origin = Date.now();
  return {
    starts,
    call<T>(key: string, value: T, durationMs = 0) {
      return async (): Promise<T> => {
        starts.push({ key, at: Date.now() - origin });
        if (durationMs > 0) await new Promise((resolve) => setTimeout(resolve, durationMs));
        return value;
      };
    },
    of(key: string): number[] {
      return starts.filter((s) => s.key === key).map((s) => s.at);
    },
  };
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] ?? 0));
}

describe('pacer', () => {
  it('runs calls for one key in order, at least the interval apart, and returns each result', async () => {
    const pacer = createPacer({ intervalMs: INTERVAL });
    const r = recorder();
    const results = await Promise.all([1, 2, 3, 4].map((n) => pacer.pace('C1', r.call('C1', n))));
    expect(results).toEqual([1, 2, 3, 4]);
    expect(r.of('C1')).toHaveLength(4);
    for (const gap of gaps(r.of('C1'))) expect(gap).toBeGreaterThanOrEqual(INTERVAL - SLACK);
  });

  it('spaces the next call from the end of a slow one (a call that sat out a 429 lands late)', async () => {
    const pacer = createPacer({ intervalMs: INTERVAL });
    const ends: number[] = [];
    const starts: number[] = [];
    const call = (ms: number) => async () => {
      starts.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, ms));
      ends.push(Date.now());
    };
    await Promise.all([pacer.pace('C1', call(3 * INTERVAL)), pacer.pace('C1', call(0))]);
    expect((starts[1] ?? 0) - (ends[0] ?? 0)).toBeGreaterThanOrEqual(INTERVAL - SLACK);
  });

  it('runs one call at a time per key, even when a call outlasts the interval', async () => {
    const pacer = createPacer({ intervalMs: 10 });
    let running = 0;
    let most = 0;
    const slow = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running -= 1;
    };
    await Promise.all([pacer.pace('C1', slow), pacer.pace('C1', slow), pacer.pace('C1', slow)]);
    expect(most).toBe(1);
  });

  it('does not make different keys wait for each other', async () => {
    const pacer = createPacer({ intervalMs: INTERVAL });
    const r = recorder();
    await Promise.all([
      pacer.pace('C1', r.call('C1', 1)),
      pacer.pace('C1', r.call('C1', 2)),
      pacer.pace('C2', r.call('C2', 1)),
      pacer.pace('C3', r.call('C3', 1)),
    ]);
    // C2 and C3 start at once, not behind C1's second call.
    expect(r.of('C2')[0]).toBeLessThan(INTERVAL - SLACK);
    expect(r.of('C3')[0]).toBeLessThan(INTERVAL - SLACK);
    expect(r.of('C1')[1]).toBeGreaterThanOrEqual(INTERVAL - SLACK);
  });

  it('passes a failure to its caller and goes on with the next call', async () => {
    const pacer = createPacer({ intervalMs: 10 });
    const failing = pacer.pace('C1', async () => {
      throw new Error('channel_not_found');
    });
    const next = pacer.pace('C1', async () => 'posted');
    await expect(failing).rejects.toThrow('channel_not_found');
    await expect(next).resolves.toBe('posted');
  });

  it('holds a paused key for the pause (a 429 Retry-After) and leaves the other keys alone', async () => {
    const pacer = createPacer({ intervalMs: 10 });
    const r = recorder();
    await pacer.pace('C1', r.call('C1', 'first'));
    pacer.pauseKey('C1', 120);
    await Promise.all([pacer.pace('C1', r.call('C1', 'after pause')), pacer.pace('C2', r.call('C2', 'other'))]);
    const [first, afterPause] = r.of('C1');
    expect((afterPause ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(120 - SLACK);
    expect((r.of('C2')[0] ?? 0) - (first ?? 0)).toBeLessThan(100);
  });

  it('sees a pause set while a call is already waiting for its turn', async () => {
    const pacer = createPacer({ intervalMs: INTERVAL });
    const r = recorder();
    const first = pacer.pace('C1', r.call('C1', 1));
    const second = pacer.pace('C1', r.call('C1', 2));
    await first;
    pacer.pauseKey('C1', 150);
    await second;
    const [a, b] = r.of('C1');
    expect((b ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(150 - SLACK);
  });

  it('holds every key after pauseAll (a workspace-wide limit)', async () => {
    const pacer = createPacer({ intervalMs: 10 });
    const r = recorder();
    pacer.pauseAll(100);
    await Promise.all([pacer.pace('C1', r.call('C1', 1)), pacer.pace('C2', r.call('C2', 1))]);
    expect(r.of('C1')[0]).toBeGreaterThanOrEqual(100 - SLACK);
    expect(r.of('C2')[0]).toBeGreaterThanOrEqual(100 - SLACK);
  });

  it('keeps the spacing across idle moments, then forgets idle keys', async () => {
    const pacer = createPacer({ intervalMs: 80 });
    const r = recorder();
    await pacer.pace('C1', r.call('C1', 1));
    // Queued after the first finished, but still inside its interval: it waits.
    await pacer.pace('C1', r.call('C1', 2));
    expect(gaps(r.of('C1'))[0]).toBeGreaterThanOrEqual(80 - SLACK);
    expect(pacer.trackedKeys).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pacer.trackedKeys).toBe(0);
  });

  it('refuses a nonsensical interval', () => {
    expect(() => createPacer({ intervalMs: -1 })).toThrow(RangeError);
    expect(() => createPacer({ intervalMs: Number.NaN })).toThrow(RangeError);
  });
});
