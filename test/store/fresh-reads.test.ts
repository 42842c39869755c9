/**
 * Shared fresh reads (src/store/fresh-reads.ts): callers share reads, but a caller never gets a
 * value from a read that started before it asked.
 */
import { describe, expect, it } from 'vitest';
import { freshReads } from '../../src/store/fresh-reads.js';

/** A read whose calls the test finishes by hand, recording which keys each call asked for. */
function controlledRead(): {
  read: (keys: string[]) => Promise<Map<string, number>>;
  calls: string[][];
  finish(index: number, value: (key: string) => number): void;
  fail(index: number, error: Error): void;
} {
  const calls: string[][] = [];
  const settle: Array<{ resolve: (value: Map<string, number>) => void; reject: (error: Error) => void }> = [];
  return {
    calls,
    read: (keys) =>
      new Promise((resolve, reject) => {
        calls.push([...keys].sort());
        settle.push({ resolve, reject });
      }),
    finish(index, value) {
      settle[index]?.resolve(new Map(calls[index]?.map((key) => [key, value(key)])));
    },
    fail(index, error) {
      settle[index]?.reject(error);
    },
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('freshReads', () => {
  it('reads at once when idle, and gathers every caller that arrives meanwhile into one next read', async () => {
    const source = controlledRead();
    const read = freshReads(source.read);
    const first = read('a');
    const second = [read('a'), read('b'), read('b')];
    await tick();
    // The callers that came while the first read ran do not share it: it may predate their arrival.
    expect(source.calls).toEqual([['a']]);
    source.finish(0, () => 1);
    expect(await first).toBe(1);
    await tick();
    expect(source.calls).toEqual([['a'], ['a', 'b']]);
    source.finish(1, (key) => (key === 'a' ? 2 : 3));
    expect(await Promise.all(second)).toEqual([2, 3, 3]);
  });

  it('answers undefined for a key the read did not find, and runs a new read for a caller after the last one', async () => {
    const read = freshReads(async (keys: string[]) => new Map(keys.filter((key) => key !== 'gone').map((key) => [key, key.length])));
    expect(await read('gone')).toBeUndefined();
    expect(await read('four')).toBe(4);
  });

  it('hands a failed read to its callers only, and goes on reading for the next', async () => {
    const source = controlledRead();
    const read = freshReads(source.read);
    const failed = read('a');
    const next = read('a');
    await tick();
    source.fail(0, new Error('connection reset'));
    await expect(failed).rejects.toThrow('connection reset');
    await tick();
    expect(source.calls).toHaveLength(2);
    source.finish(1, () => 7);
    expect(await next).toBe(7);
  });
});
